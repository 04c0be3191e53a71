"""The production-check act (Annex Ж) in a real browser: the expert-auditor draws it up, fills two
sections, records a nonconformity with a deadline and a photo, reloads the page in the middle —
including after an edit made while the save endpoint was unreachable — and finds every input
still there; submits; a member of the commission signs (GOST 8.16).

The check itself (program, team, start) is prepared through the services."""

import datetime
import os
import re
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from audits import services
from audits.models import ActState, ItemResult, Nonconformity, ProductionCheckAct
from tests.audits.helpers import PRODUCTION_ACT_DATA
from tests.e2e.test_commission_flow import log_in, log_out
from tests.files import png_bytes

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# E2E_SHOTS=/tmp/shots keeps a full-page screenshot of each step, to look at the pages.
SHOTS = os.environ.get("E2E_SHOTS")


def shot(page: Page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/act-{name}.png", full_page=True)


def results_of(act, section):
    return list(act.results.filter(item__section__number=section).order_by("item__order"))


def radio(page: Page, result, value: str):
    return page.locator(f"input[name='s-result-{result.item_id}'][value='{value}']")


def comment(page: Page, result):
    return page.locator(f"textarea[name='s-comment-{result.item_id}']")


def expect_saved(page: Page) -> None:
    expect(page.locator("#autosave-status")).to_have_class("autosave-status saved")


def test_auditor_fills_the_act_offline_and_a_member_signs(
    page: Page, live_server, act_check, auditor, second_member
):
    base = live_server.url
    page.on("dialog", lambda dialog: dialog.accept())
    log_in(page, base, auditor)
    page.goto(f"{base}{act_check.get_absolute_url()}")
    page.locator("form[action$='/act/new/'] button[type=submit]").click()
    act = ProductionCheckAct.objects.get(production_check=act_check)
    expect(page).to_have_url(f"{base}/audits/checks/{act_check.pk}/act/sections/1/")

    # Section 1: the first item conforms, saved as typed.
    first, second, *rest = results_of(act, 1)
    radio(page, first, "conforms").check()
    comment(page, first).fill("Учтенные экземпляры ТИ в наличии")
    expect_saved(page)

    # The save endpoint becomes unreachable: the edit stays in the browser.
    save_pattern = "**/act/sections/1/save/"
    page.route(save_pattern, lambda route: route.abort())
    radio(page, second, "not_applicable").check()
    comment(page, second).fill("Правка без связи")
    expect(page.locator("#autosave-status")).to_have_class("autosave-status pending")

    # Reload in the middle: both the saved and the unsent input are there.
    page.reload()
    shot(page, "offline-reload")
    expect(comment(page, first)).to_have_value("Учтенные экземпляры ТИ в наличии")
    expect(comment(page, second)).to_have_value("Правка без связи")
    expect(radio(page, second, "not_applicable")).to_be_checked()
    assert ItemResult.objects.get(pk=second.pk).comment == ""

    # The connection is back: the kept edit is sent.
    page.unroute(save_pattern)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect_saved(page)
    second.refresh_from_db()
    assert (second.result, second.comment) == ("not_applicable", "Правка без связи")
    for result in rest:
        radio(page, result, "conforms").check()
    expect_saved(page)

    # Section 15: a nonconformity with a deadline and a photo.
    page.goto(f"{base}/audits/checks/{act_check.pk}/act/sections/15/")
    target, *others = results_of(act, 15)
    card = page.locator(f"#item-{target.item_id}")
    deadline = timezone.localdate() + datetime.timedelta(days=30)
    card.locator("summary").nth(0).click()
    card.locator(f"#id_nc-{target.pk}-description").fill("Нет графика дезинфекции цеха № 2")
    card.locator(f"#id_nc-{target.pk}-deadline").fill(deadline.isoformat())
    card.locator("form[action$='/nonconformities/'] button[type=submit]").click()
    card = page.locator(f"#item-{target.item_id}")
    expect(card.locator(".nonconformities")).to_contain_text(deadline.strftime("%d.%m.%Y"))
    expect(radio(page, target, "nonconformity")).to_be_checked()
    card.locator("summary").nth(1).click()
    card.locator(f"#id_ev-{target.pk}-file").set_input_files(
        {"name": "цех.png", "mimeType": "image/png", "buffer": png_bytes()}
    )
    card.locator("form[action$='/evidence/'] button[type=submit]").click()
    expect(page.locator(f"#item-{target.item_id} img.evidence-thumb")).to_be_visible()
    for result in others:
        radio(page, result, "conforms").check()
        comment(page, result).fill("Соблюдается")
    expect_saved(page)
    shot(page, "section-15")
    nonconformity = Nonconformity.objects.get(item_result=target)
    assert nonconformity.deadline == deadline and target.files.count() == 1

    # The other sections and the conclusions (not what this test is about) via the services.
    ItemResult.objects.filter(act=act, result="not_checked").update(result="conforms")
    services.act_update(
        act=act,
        by=auditor,
        data={**PRODUCTION_ACT_DATA, "period_start": act.date, "period_end": act.date},
    )

    page.goto(f"{base}{act.get_absolute_url()}")
    page.locator("form[action$='/act/submit/'] button[type=submit]").click()
    expect(page.locator("#act-state")).to_have_class("badge act-submitted")
    shot(page, "submitted")
    log_out(page)

    log_in(page, base, second_member)
    page.goto(f"{base}{act.get_absolute_url()}")
    page.locator("form[action$='/act/sign/'] button[type=submit]").click()
    expect(page.locator(".signatures")).to_contain_text(second_member.get_short_name())
    act.refresh_from_db()
    assert act.state == ActState.SUBMITTED
    assert act.signatures.filter(member=second_member).exists()


def test_header_input_survives_an_expired_session(page: Page, live_server, act_check, auditor):
    base = live_server.url
    act = services.act_create(check=act_check, by=auditor)
    log_in(page, base, auditor)
    page.goto(f"{base}{act.get_absolute_url()}")
    page.fill("#id_act-representatives", "Технолог Валиева Г. Ф.")
    page.context.clear_cookies(name="sessionid")  # the session expires while the auditor types
    page.locator("#act-header-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    log_in(page, base, auditor)
    page.goto(f"{base}{act.get_absolute_url()}")
    expect(page.locator("#id_act-representatives")).to_have_value("Технолог Валиева Г. Ф.")
    expect(page.locator("#header-restored")).to_be_visible()
    page.locator("#act-header-form button[type=submit]").click()
    expect(page.locator(".messages")).to_be_visible()
    act.refresh_from_db()
    assert act.representatives == "Технолог Валиева Г. Ф."

"""The slaughter journal's deviations in a real browser (GOST 7.6, 8.16, 8.17): the registered
halal controller records a batch whose current is outside Table 1, the expert-auditor of the
check raises a nonconformity from it on the application page, and a member of the commission
sees it there still unsettled, awaiting the corrective action.

The register, the check and its draft act are prepared through the services; what each user
does on the pages is done in the browser. Visible texts accept Russian or English."""

import datetime
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from audits import services as audits_services
from audits.models import Nonconformity
from slaughter.models import Answer, Finding, SlaughterEntry
from slaughter.rules.entry import ANSWERS
from tests.e2e.test_commission_flow import log_in, log_out
from tests.slaughter.helpers import make_register

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# E2E_SHOTS=/tmp/shots keeps a full-page screenshot of each step, to look at the pages.
SHOTS = os.environ.get("E2E_SHOTS")


def shot(page: Page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/slaughter-{name}.png", full_page=True)


def test_a_deviation_from_the_journal_to_the_commission(
    page: Page, live_server, act_check, applicant, auditor, commission
):
    base = live_server.url
    application = act_check.application
    register = make_register(application.organization, applicant)
    act = audits_services.act_create(check=act_check, by=auditor)

    # The halal controller records a batch of steers stunned at 3.1 A (Table 1: 1.50–2.50 A).
    log_in(page, base, applicant)
    page.goto(f"{base}/slaughter/organizations/{application.organization_id}/new/")
    page.select_option("#id_line", str(register.line.pk))
    page.select_option("#id_species", "steers")
    page.fill("#id_head_count", "20")
    page.fill("#id_veterinary_document", "ВСД № 1187")
    for name in ANSWERS:
        page.check(f"input[name='{name}'][value='1']")
    page.check("input[name='method'][value='manual']")
    for worker in register.slaughterers:
        page.check(f"input[name='slaughterers'][value='{worker.pk}']")
    page.select_option("#id_knife", str(register.knife.pk))
    page.fill("#id_neck_width_mm", "180")
    page.check("input[name='stunning'][value='electrical']")
    page.select_option("#id_stunning_operator", str(register.operator.pk))
    page.fill("#id_current_a", "3.1")
    page.fill("#id_duration_s", "2.5")
    page.fill("#id_stun_to_slaughter_s", "90")
    page.check("#id_sign")
    shot(page, "entry-form")
    page.locator("main form button[type=submit]").click()
    entry = SlaughterEntry.objects.get()
    expect(page).to_have_url(f"{base}{entry.get_absolute_url()}")
    expect(page.locator("#deviations-heading + ul")).to_contain_text(
        re.compile(r"Сила тока 3,10 А вне 1,50–2,50 А|Current 3.10 A outside 1.50–2.50 A")
    )
    shot(page, "entry")
    log_out(page)

    # The expert-auditor of the check raises a nonconformity from it, in section 9 of the act.
    log_in(page, base, auditor)
    page.goto(f"{base}{application.get_absolute_url()}")
    panel = page.locator("#slaughter-deviations")
    expect(panel).to_contain_text(re.compile("3,10 А|3.10 A"))
    shot(page, "application-auditor")
    panel.locator("a.button").click()
    page.check("input[name='answer'][value='nonconformity']")
    page.select_option("#id_severity", "major")
    page.fill("#id_deadline", (act.date + datetime.timedelta(days=30)).isoformat())
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(f"{base}{application.get_absolute_url()}")
    finding = Finding.objects.get()
    assert finding.answer == Answer.NONCONFORMITY
    assert finding.nonconformity.item_result.act == act
    log_out(page)

    # A member of the commission sees it on the application: not settled until corrected.
    log_in(page, base, commission[0])
    page.goto(f"{base}{application.get_absolute_url()}")
    row = page.locator(f"#slaughter-deviations li[data-finding='{finding.pk}']")
    expect(row).to_contain_text(re.compile("выставлено несоответствие|nonconformity raised"))
    expect(row).to_contain_text(re.compile("корректирующее действие|corrective action"))
    expect(row.locator("a.button")).to_have_count(0)  # answered: nothing to answer again
    shot(page, "application-commission")
    assert Nonconformity.objects.get().closed_at is None

"""The commission's path in a real browser (Debian Chromium through Playwright): a member reviews
a dossier, the secretary holds a meeting, the members vote, the meeting closes with a numbered
protocol and the applicant sees the certificate (GOST 8.10–8.17).

The dossier and the first decision («proceed to the production check») are prepared through the
services; what a user does on the pages is done in the browser. Visible texts accept Russian or
English: the Russian catalogue may not be complete yet.
"""

import os
import re
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from certification import rules, services
from certification.models import AgendaItem, AppState, Meeting
from tests.certification.workflow import decide
from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# E2E_SHOTS=/tmp/shots keeps a full-page screenshot of each step, to look at the pages.
SHOTS = os.environ.get("E2E_SHOTS")
PROTOCOL = re.compile(
    r"протокол от \d\d\.\d\d\.\d{4} № (\d+)|protocol of \d\d\.\d\d\.\d{4} No\. (\d+)", re.I
)


def shot(page: Page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/commission-{name}.png", full_page=True)
        size = page.viewport_size
        page.set_viewport_size({"width": 390, "height": 844})  # and on a phone
        page.screenshot(path=f"{SHOTS}/commission-{name}-phone.png", full_page=True)
        page.set_viewport_size(size)


def log_in(page: Page, base: str, user) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", user.email)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("header .user-name")).to_have_text(user.get_short_name())


def log_out(page: Page) -> None:
    page.locator("header form[action$='/logout/'] button[type=submit]").click()
    expect(page.locator("header a[href$='/accounts/login/']")).to_be_visible()


def nav(page: Page, url_name: str) -> None:
    """Follow a link of the main menu, as a user would."""
    from django.urls import reverse

    page.locator(f"header nav a[href='{reverse(url_name)}']").click()


def dmy(date) -> str:
    return date.strftime("%d.%m.%Y")


def vote_for(page: Page, item: AgendaItem) -> None:
    """A member present votes «for» from the meeting page, reached from «Awaiting me»."""
    nav(page, "certification:awaiting")
    page.locator(f"main a[href$='/meetings/{item.meeting_id}/#item-{item.pk}']").click()
    card = page.locator(f"#item-{item.pk}")
    card.locator("button[name=choice][value=for]").click()
    expect(page.locator(".messages .message-success")).to_be_visible()
    expect(card.locator(".my-vote strong")).to_have_text(re.compile(r"^\W*(за|for)\W*$", re.I))
    expect(card.locator("button[name=choice][value=for]")).to_have_attribute("aria-pressed", "true")


def test_commission_reviews_votes_and_the_applicant_sees_the_certificate(
    page: Page, live_server, under_review, secretary, commission, applicant
):
    base = live_server.url
    application = under_review
    first, second, third = commission
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    # 1. A member finds the dossier in «Awaiting me», reads it and writes a review.
    log_in(page, base, first)
    nav(page, "certification:awaiting")
    expect(page).to_have_url(f"{base}/awaiting/")
    expect(page.locator("#to-review-heading .badge")).to_have_text("1")
    shot(page, "1-awaiting")
    page.locator(f"main table a[href$='/applications/{application.pk}/']").click()
    expect(page.locator("h1")).to_contain_text(application.number)
    documents = page.locator("ol.files a[href*='/documents/']:not([target])")
    expect(documents.first).to_be_visible()
    download = page.request.get(base + documents.first.get_attribute("href"))
    assert (download.status, download.headers["content-type"]) == (200, "application/pdf")
    review = page.locator("#my-review")
    review.locator("input[name='review-recommendation'][value=production_check]").check()
    findings = "Досье полное; состав сырья подтверждён. Рекомендую проверку производства."
    review.locator("textarea[name='review-text']").fill(findings)
    shot(page, "1-review-form")
    review.locator("button[type=submit]").click()
    expect(page).to_have_url(f"{base}{application.get_absolute_url()}")
    expect(page.locator(".messages .message-success")).to_be_visible()
    expect(page.locator("ul.reviews")).to_contain_text(findings)
    expect(page.locator("ul.reviews .badge")).to_have_class(
        re.compile(r"\brecommendation-production_check\b")
    )
    shot(page, "1-review-saved")
    nav(page, "certification:awaiting")
    expect(page.locator("#to-review-heading .badge")).to_have_text("0")
    log_out(page)

    # 2. The other reviews, the conclusion and the first decision, through the services.
    for member in (second, third):
        services.review_save(
            application=application,
            member=member,
            recommendation="production_check",
            text="Замечаний нет.",
        )
    services.conclusion_save(
        application=application,
        by=secretary,
        outcome="production_check",
        text="Документы соответствуют требованиям; провести проверку производства.",
    )
    decide(application, "proceed", secretary=secretary, members=commission)
    assert application.state == AppState.PRODUCTION_CHECK

    # The secretary plans a meeting, marks the members present and puts the question on it.
    today = timezone.localdate()
    valid_to = rules.max_valid_to(today)
    log_in(page, base, secretary)
    nav(page, "certification:meeting-list")
    expect(page.locator("#id_meeting-date")).to_have_value(today.isoformat())
    page.fill("#id_meeting-place", "г. Казань, ул. Габдуллы Тукая, д. 58, зал заседаний")
    page.select_option("#id_meeting-chair", value=str(first.pk))
    shot(page, "2-meetings")
    page.locator("form[action$='/meetings/new/'] button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/meetings/\d+/$"))
    meeting = Meeting.objects.get(pk=int(page.url.rstrip("/").rsplit("/", 1)[1]))
    present = page.locator("form[action$='/present/']")
    for member in commission:
        present.locator(f"input[name='present-members'][value='{member.pk}']").check()
    present.locator("button[type=submit]").click()
    expect(page.locator(".messages .message-success")).to_be_visible()
    for member in commission:
        expect(page.locator(f"input[name='present-members'][value='{member.pk}']")).to_be_checked()
    agenda_form = page.locator("form[data-agenda-form]")
    page.select_option("#id_item-application", value=str(application.pk))
    page.select_option("#id_item-question", value="issue")
    expect(page.locator("#id_item-valid_from")).to_be_visible()
    expect(page.locator("#id_item-valid_from")).to_have_value(today.isoformat())
    expect(page.locator("#id_item-valid_to")).to_have_value(valid_to.isoformat())
    expect(page.locator("#id_item-deadline")).to_be_hidden()
    shot(page, "2-agenda-form")
    agenda_form.locator("button[type=submit]").click()
    expect(page).to_have_url(f"{base}{meeting.get_absolute_url()}")
    item = AgendaItem.objects.get(meeting=meeting)
    card = page.locator(f"#item-{item.pk}")
    expect(card).to_contain_text(application.number)
    expect(card.locator(".question")).to_contain_text(re.compile("ыда|issue the certificate", re.I))
    expect(card).to_contain_text(f"{dmy(today)} – {dmy(valid_to)}")
    shot(page, "2-agenda")
    log_out(page)

    # 3. The members vote «for»: two in the browser, the last through the service while the
    # second one watches the live tally count it.
    log_in(page, base, first)
    vote_for(page, item)
    log_out(page)
    log_in(page, base, second)
    vote_for(page, item)
    tally = page.locator(f"[data-tally-item='{item.pk}']")
    expect(tally.locator("dd[data-key=for]")).to_have_text("2")
    expect(tally.locator("dd[data-key=quorum]")).to_have_text(re.compile("^(да|yes)$"))
    services.vote_cast(item=item, member=third, choice="for")
    expect(tally.locator("dd[data-key=for]")).to_have_text("3", timeout=12_000)
    expect(tally).to_have_class(re.compile(r"\bwould-adopt\b"))
    shot(page, "3-live-tally")
    log_out(page)

    # 4. The secretary closes the meeting; the protocol gets its number.
    log_in(page, base, secretary)
    page.goto(f"{base}{meeting.get_absolute_url()}")
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("form[action$='/close/'] button[type=submit]").click()
    expect(page.locator(".protocol")).to_contain_text(PROTOCOL)
    meeting.refresh_from_db()
    number = re.search(PROTOCOL, page.locator(".protocol").inner_text())
    assert int(number.group(1) or number.group(2)) == meeting.protocol_number
    expect(card.locator(".badge.result-adopted")).to_be_visible()
    expect(page.locator("form[action$='/close/']")).to_have_count(0)
    shot(page, "4-closed")
    log_out(page)

    # 5. The applicant sees the certificate with its validity.
    validity = re.compile(rf"{re.escape(dmy(today))}\D+{re.escape(dmy(valid_to))}")
    log_in(page, base, applicant)
    nav(page, "certification:application-list")
    page.locator(f"main a[href$='/applications/{application.pk}/']").first.click()
    expect(page.locator("h1 .badge")).to_have_class(re.compile(r"\bstate-certified\b"))
    expect(page.locator("h1 .badge")).to_have_text(re.compile("ертифи|Certified"))
    certificate = page.locator(".holder-certificate")
    expect(certificate).to_contain_text("ХП.00001")
    expect(certificate).to_contain_text(validity)
    shot(page, "5-application")
    nav(page, "certification:certificate-list")
    row = page.locator("table.certificates tbody tr")
    expect(row).to_have_count(1)
    expect(row.locator("td").first).to_contain_text("ХП.00001")
    expect(row).to_contain_text(f"{dmy(today)}–{dmy(valid_to)}")
    shot(page, "5-certificates")
    assert errors == [], errors  # no JavaScript error on any page

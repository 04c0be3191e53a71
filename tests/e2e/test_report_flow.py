"""A shopper on a phone reports a product from the home page and follows the report to its
outcome: the secretary puts «suspend the certificate» before the commission, the meeting adopts
it, and the shopper's status page shows that the certificate was suspended."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from certification import services as certification_services
from certification.models import CertificateStatus
from feedback import services
from feedback.models import Report
from tests.certification.workflow import issue

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_shopper_reports_on_a_phone_and_sees_the_outcome(
    page: Page, live_server, under_review, secretary, commission, head
):
    cache.clear()
    issue(under_review, secretary=secretary, members=commission)
    certificate = certification_services.certificate_sign(
        certificate=under_review.certificate, by=head
    )
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_viewport_size({"width": 390, "height": 844})

    page.goto(live_server.url)
    page.locator(f"main a[href='{reverse('feedback:report-create')}']").first.click()
    page.locator("input[name='kind'][value='not_halal']").check()
    page.fill("#id_product_name", "Колбаса «Особая»")
    page.fill("#id_gtin", "4006381333931")
    page.fill("#id_number_shown", "хп 1")
    page.fill("#id_place", "Магазин «Продукты», Казань")
    page.fill("#id_description", "Свинина в составе на этикетке.")
    page.locator("form.report-form button[type='submit']").click()
    expect(page).to_have_url(re.compile(r"/reports/status/[0-9A-Z]{10}/$"))
    status_url = page.url
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    # The body's side, through its services.
    report = Report.objects.get()
    assert report.certificate == certificate
    services.report_acknowledge(report=report, by=secretary)
    meeting = certification_services.meeting_create(by=secretary, date=timezone.localdate())
    certification_services.meeting_set_present(meeting=meeting, by=secretary, members=commission)
    report = services.report_refer(
        report=report, by=secretary, meeting=meeting, grounds="Свинина в составе."
    )
    for member in commission:
        certification_services.vote_cast(item=report.agenda_item, member=member, choice="for")
    certification_services.meeting_close(meeting=meeting, by=secretary)
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.SUSPENDED

    page.goto(status_url)
    expect(page.locator(".report-status .outcome")).to_have_text(
        re.compile("приостановлено|was suspended")
    )
    expect(page.locator("main")).not_to_contain_text("Свинина")
    assert errors == []

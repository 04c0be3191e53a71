"""Report → triage → meeting → certificate suspended → the reporter's status page shows it."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import Notification
from certification import services as certification_services
from certification.models import CertificateStatus
from feedback.models import ReportOutcome, ReportState

from .conftest import REPORT

pytestmark = pytest.mark.django_db


def test_a_report_leads_to_the_suspension_of_the_certificate(
    client, issued, secretary, commission, applicant, django_capture_on_commit_callbacks
):
    # The shopper reports the number printed on the package.
    response = client.post(
        reverse("feedback:report-create"), {**REPORT, "kind": "not_halal", "number_shown": "хп 1"}
    )
    status_url = response["Location"]
    client.force_login(secretary)
    report_url = client.get(reverse("feedback:report-queue")).context["page"][0].get_absolute_url()
    report = client.get(report_url).context["report"]
    assert report.certificate == issued

    # The secretary acknowledges: the holder is told and answers.
    client.post(reverse("feedback:report-acknowledge", args=[report.pk]))
    assert Notification.objects.filter(user=applicant, url=report_url).exists()
    client.force_login(applicant)
    response = client.post(
        reverse("feedback:report-answer", args=[report.pk]), {"text": "A counterfeit package."}
    )
    assert response.status_code == 302
    client.force_login(secretary)
    assert "A counterfeit package." in client.get(report_url).content.decode()

    # «Suspend the certificate» on a meeting's agenda, through the commission's own service.
    meeting = certification_services.meeting_create(by=secretary, date=timezone.localdate())
    certification_services.meeting_set_present(meeting=meeting, by=secretary, members=commission)
    response = client.post(
        reverse("feedback:report-refer", args=[report.pk]),
        {"meeting": meeting.pk, "grounds": "The product is not made to the standard."},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == ReportState.REFERRED
    item = report.agenda_item
    assert item.meeting == meeting and item.question == "suspend_certificate"
    assert item.certificate == issued

    for member in commission:
        certification_services.vote_cast(item=item, member=member, choice="for")
    with django_capture_on_commit_callbacks(execute=True):
        certification_services.meeting_close(meeting=meeting, by=secretary)

    issued.refresh_from_db()
    report.refresh_from_db()
    assert issued.status == CertificateStatus.SUSPENDED
    assert report.state == ReportState.CLOSED
    assert report.outcome == ReportOutcome.CERTIFICATE_SUSPENDED
    closing = report.log.last()
    assert closing.by == secretary and meeting.protocol_reference in closing.comment
    # The reporter left an e-mail: the outcome is sent there.
    assert any(report.code in m.subject and report.email in m.to for m in mail.outbox)

    client.logout()
    content = client.get(status_url).content.decode()
    assert str(ReportOutcome.CERTIFICATE_SUSPENDED.label) in content
    assert report.email not in content


def test_an_item_the_commission_does_not_adopt_leaves_the_report_for_the_secretary(
    issued, secretary, commission
):
    from feedback import services

    report = services.report_submit(data={**REPORT, "number_shown": "ХП.00001"})
    meeting = certification_services.meeting_create(by=secretary, date=timezone.localdate())
    certification_services.meeting_set_present(meeting=meeting, by=secretary, members=commission)
    report = services.report_refer(report=report, by=secretary, meeting=meeting, grounds="misuse")
    for member in commission:
        certification_services.vote_cast(item=report.agenda_item, member=member, choice="against")
    certification_services.meeting_close(meeting=meeting, by=secretary)
    report.refresh_from_db()
    assert report.state == ReportState.REFERRED
    services.report_close(report=report, by=secretary, outcome="not_suspended", reason=str(meeting))
    report.refresh_from_db()
    assert report.outcome == ReportOutcome.NOT_SUSPENDED

"""Appeals: filed in time, decided by a panel of members who took no part in the decision nor in
the production check; upheld → the decision is reversed through the state machine and logged;
rejected → it stands with a letter; no new decision while an appeal is pending."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from audits.models import CheckStatus, ProductionCheck
from certification import services as certification_services
from certification.models import AppState
from feedback import appeals
from feedback.models import AppealSettings, AppealState
from halal_portal.models import RenderedDocument
from halal_portal.rendering import render_bytes
from tests.certification.workflow import decide
from tests.factories import UserFactory
from tests.files import pdf_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def refused(under_review, secretary, commission):
    """The commission refused the certificate (GOST 8.12) at a numbered meeting."""
    return decide(
        under_review, "refuse", secretary=secretary, members=commission, grounds="Not halal."
    )


@pytest.fixture
def others(db):
    """Commission members who took no part in the decision."""
    return [UserFactory(role_commission=True) for _ in range(3)]


def test_the_applicant_appeals_a_refusal_with_grounds_and_files(client, refused, applicant):
    client.force_login(applicant)
    page = client.get(refused.application.get_absolute_url()).content.decode()
    url = reverse("feedback:appeal-create", args=[refused.pk])
    assert url in page
    response = client.post(url, {"grounds": "The lab report was misread.", "files": pdf_upload()})
    appeal = refused.application.appeals.get()
    assert response["Location"] == appeal.get_absolute_url()
    assert appeal.files.get().content_type == "application/pdf"
    page = client.get(refused.application.get_absolute_url()).content.decode()
    assert appeal.code in page  # the pending appeal is shown on the application page


def test_an_appeal_after_the_period_is_refused(refused, applicant):
    settings = AppealSettings.get()
    settings.days = 0
    settings.save()
    meeting = refused.meeting
    meeting.protocol_date = timezone.localdate() - datetime.timedelta(days=1)
    meeting.save()
    with pytest.raises(ValidationError):
        appeals.appeal_file(by=applicant, decision=refused, grounds="late")
    settings.days = 1  # the last day of the period still counts
    settings.save()
    assert appeals.appeal_file(by=applicant, decision=refused, grounds="in time")


def test_only_the_applicant_appeals_and_only_an_adverse_decision(refused, outsider, applicant):
    with pytest.raises(PermissionDenied):
        appeals.appeal_file(by=outsider, decision=refused, grounds="x")
    with pytest.raises(ValidationError):
        appeals.appeal_file(by=applicant, decision=refused, grounds=" ")


def test_the_panel_refuses_who_voted_or_checked_the_plant(refused, applicant, secretary, others):
    appeal = appeals.appeal_file(by=applicant, decision=refused, grounds="Misread.")
    voter = refused.votes.first().member
    with pytest.raises(ValidationError) as error:
        appeals.appeal_seat_panel(appeal=appeal, by=secretary, members=[*others[:2], voter])
    assert voter.get_full_name() in str(error.value)
    checker = others[2]
    check = ProductionCheck.objects.create(
        application=refused.application, status=CheckStatus.IN_PROGRESS
    )
    check.participants.add(checker)
    with pytest.raises(ValidationError):
        appeals.appeal_seat_panel(appeal=appeal, by=secretary, members=others)
    appeal.refresh_from_db()
    assert appeal.state == AppealState.FILED and not appeal.panel.exists()
    fresh = UserFactory(role_commission=True)
    appeals.appeal_seat_panel(appeal=appeal, by=secretary, members=[*others[:2], fresh])
    assert appeal.state == AppealState.PANEL


def test_the_seat_form_marks_and_refuses_a_conflicted_member(
    client, refused, applicant, secretary, others
):
    appeal = appeals.appeal_file(by=applicant, decision=refused, grounds="Misread.")
    voter = refused.votes.first().member
    client.force_login(secretary)
    page = client.get(appeal.get_absolute_url()).content.decode()
    assert (
        _("%(name)s — took part in the decision or the check") % {"name": voter.get_full_name()}
        in page
    )
    response = client.post(
        reverse("feedback:appeal-panel", args=[appeal.pk]),
        {"members": [others[0].pk, others[1].pk, voter.pk]},
    )
    assert response.status_code == 400
    appeal.refresh_from_db()
    assert appeal.state == AppealState.FILED


def test_an_upheld_appeal_reverses_the_refusal_and_logs_it(
    refused, applicant, secretary, others, commission
):
    application = refused.application
    appeal = appeals.appeal_file(by=applicant, decision=refused, grounds="Misread.")
    # No new decision on the application while the appeal is pending.
    meeting = certification_services.meeting_create(by=secretary, date=timezone.localdate())
    with pytest.raises(ValidationError):
        certification_services.agenda_item_add(
            meeting=meeting, by=secretary, application=application, question="proceed"
        )
    appeals.appeal_seat_panel(appeal=appeal, by=secretary, members=others)
    with pytest.raises(PermissionDenied):  # not on the panel
        appeals.appeal_vote(appeal=appeal, member=commission[0], choice="uphold")
    appeals.appeal_vote(appeal=appeal, member=others[0], choice="uphold")
    with pytest.raises(ValidationError):  # one vote of three is not enough
        appeals.appeal_decide(appeal=appeal, by=secretary, reasons="The report is fine.")
    appeals.appeal_vote(appeal=appeal, member=others[1], choice="uphold")
    appeals.appeal_vote(appeal=appeal, member=others[2], choice="reject")
    appeal = appeals.appeal_decide(appeal=appeal, by=secretary, reasons="The report is fine.")
    assert appeal.state == AppealState.UPHELD
    assert (appeal.votes_uphold, appeal.votes_reject) == (2, 1)
    assert appeal.protocol_number == 1
    application.refresh_from_db()
    assert application.state == AppState.DOCUMENT_REVIEW
    reversal = application.transitions.last()
    assert (reversal.transition, reversal.source, reversal.target, reversal.by) == (
        "reinstate",
        AppState.REFUSED,
        AppState.DOCUMENT_REVIEW,
        secretary,
    )
    assert appeal.protocol_reference in reversal.comment
    assert [e.transition for e in appeal.log.all()] == ["file", "seat_panel", "uphold"]
    # The appeal decided, the commission may decide again.
    certification_services.agenda_item_add(
        meeting=meeting, by=secretary, application=application, question="proceed"
    )


def test_a_rejected_appeal_leaves_the_decision_and_sends_its_reasons(
    refused, applicant, secretary, others
):
    appeal = appeals.appeal_file(by=applicant, decision=refused, grounds="Misread.")
    appeals.appeal_seat_panel(appeal=appeal, by=secretary, members=others)
    for member in others:
        appeals.appeal_vote(appeal=appeal, member=member, choice="reject")
    appeal = appeals.appeal_decide(appeal=appeal, by=secretary, reasons="The lab was right.")
    assert appeal.state == AppealState.REJECTED
    refused.application.refresh_from_db()
    assert refused.application.state == AppState.REFUSED
    document = RenderedDocument.objects.get(kind="appeal_decision", object_id=appeal.pk)
    assert document.snapshot["reasons"] == "The lab was right."
    assert render_bytes("appeal_decision", document.snapshot).startswith(b"%PDF")
    with pytest.raises(ValidationError):  # a decision is appealed once
        appeals.appeal_file(by=applicant, decision=refused, grounds="again")


def test_others_do_not_see_an_appeal(client, refused, applicant, outsider, others, secretary):
    appeal = appeals.appeal_file(by=applicant, decision=refused, grounds="Misread.")
    client.force_login(outsider)
    assert client.get(appeal.get_absolute_url()).status_code == 404
    client.force_login(others[0])
    assert client.get(appeal.get_absolute_url()).status_code == 404
    appeals.appeal_seat_panel(appeal=appeal, by=secretary, members=others)
    assert client.get(appeal.get_absolute_url()).status_code == 200

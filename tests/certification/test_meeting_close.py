"""Closing a meeting: all or nothing, with a clear message when a decision cannot be applied."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from certification import services
from certification.models import AppState, Certificate, Counter, Meeting
from tests.certification.workflow import check_production, decide


def close_url(meeting) -> str:
    return reverse("certification:meeting-close", kwargs={"pk": meeting.pk})


@pytest.fixture
def issue_item(under_review, secretary, commission):
    """An «issue the certificate» question voted for, its meeting still open."""
    decide(under_review, "proceed", secretary=secretary, members=commission)
    check_production(under_review, secretary=secretary)
    today = timezone.localdate()
    meeting = services.meeting_create(by=secretary, date=today, chair=commission[0])
    services.meeting_set_present(meeting=meeting, by=secretary, members=commission)
    item = services.agenda_item_add(
        meeting=meeting,
        by=secretary,
        application=under_review,
        question="issue",
        valid_from=today,
        valid_to=services.certificates.max_valid_to(today),
    )
    for member in commission:
        services.vote_cast(item=item, member=member, choice="for")
    return item


def test_numbers_used_up_is_a_message_and_nothing_is_applied(client, secretary, issue_item):
    """Л.4.1: past ХП.99999 the secretary reads why; no number, no state change, meeting open."""
    Counter.objects.create(name="certificate", value=99_999)
    client.force_login(secretary)
    response = client.post(close_url(issue_item.meeting), follow=True)
    issue_item.application.refresh_from_db()
    assert response.status_code == 200
    assert "ХП.99999" in response.content.decode()
    assert issue_item.application.state != AppState.CERTIFIED
    assert not Certificate.objects.exists()
    assert not Meeting.objects.get(pk=issue_item.meeting_id).is_closed


def test_a_meeting_without_its_chair_does_not_close(client, secretary, issue_item):
    """The protocol is signed by the chair and the secretary: both must be named."""
    Meeting.objects.filter(pk=issue_item.meeting_id).update(chair=None)
    client.force_login(secretary)
    response = client.post(close_url(issue_item.meeting), follow=True)
    assert "chair" in response.content.decode().lower() or "председател" in (
        response.content.decode().lower()
    )
    assert not Meeting.objects.get(pk=issue_item.meeting_id).is_closed


def test_secretary_names_the_chair_with_the_members_present(client, secretary, commission):
    meeting = services.meeting_create(by=secretary, date=timezone.localdate())
    client.force_login(secretary)
    client.post(
        reverse("certification:meeting-present", kwargs={"pk": meeting.pk}),
        {"present-members": [m.pk for m in commission], "present-chair": commission[1].pk},
    )
    meeting.refresh_from_db()
    assert meeting.chair == commission[1]


def test_the_chair_is_a_commission_member(secretary, applicant):
    with pytest.raises(ValidationError):
        services.meeting_create(by=secretary, date=timezone.localdate(), chair=applicant)

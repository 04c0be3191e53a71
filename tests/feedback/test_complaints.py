"""Complaints about the body: filed by a logged-in user, answered in writing (a letter PDF of the
common pipeline), closed by the head; each sees only what is theirs."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django_fsm import TransitionNotAllowed

from accounts.models import Notification
from feedback import complaints
from feedback.documents import complaint_answer_context, complaint_answer_snapshot
from feedback.models import ComplaintState
from halal_portal.models import RenderedDocument
from halal_portal.rendering import render_bytes

pytestmark = pytest.mark.django_db


def test_a_user_files_a_complaint_through_the_form(client, applicant, secretary):
    client.force_login(applicant)
    response = client.post(
        reverse("feedback:complaint-create"), {"topic": "delay", "text": "No answer for weeks."}
    )
    complaint = applicant.complaints.get()
    assert response["Location"] == complaint.get_absolute_url()
    assert complaint.state == ComplaintState.SUBMITTED
    assert complaint.answer_due > complaint.received_at.date()
    assert Notification.objects.filter(user=secretary, key=f"complaint:{complaint.pk}").exists()
    assert client.get(complaint.get_absolute_url()).status_code == 200


def test_an_empty_complaint_is_refused_and_anonymous_is_sent_to_log_in(client, applicant):
    response = client.get(reverse("feedback:complaint-create"))
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(applicant)
    response = client.post(reverse("feedback:complaint-create"), {"topic": "fees", "text": " "})
    assert response.status_code == 400
    assert not applicant.complaints.exists()


def test_others_do_not_see_a_complaint(client, applicant, outsider, secretary, head):
    complaint = complaints.complaint_submit(by=applicant, topic="conduct", text="Rude.")
    client.force_login(outsider)
    assert client.get(complaint.get_absolute_url()).status_code == 404
    assert complaint.code not in client.get(reverse("feedback:complaint-list")).content.decode()
    for staff in (secretary, head):
        client.force_login(staff)
        assert client.get(complaint.get_absolute_url()).status_code == 200


def test_the_answer_is_a_letter_and_the_head_closes(
    client, applicant, secretary, head, outsider, django_capture_on_commit_callbacks
):
    complaint = complaints.complaint_submit(by=applicant, topic="fees", text="Invoice twice.")
    with pytest.raises(PermissionDenied):
        complaints.complaint_answer(complaint=complaint, by=applicant, text="fine")
    with pytest.raises(ValidationError):
        complaints.complaint_answer(complaint=complaint, by=secretary, text=" ")
    complaint = complaints.complaint_answer(
        complaint=complaint, by=secretary, text="The second invoice is cancelled."
    )
    assert complaint.state == ComplaintState.ANSWERED
    document = RenderedDocument.objects.get(kind="complaint_answer", object_id=complaint.pk)
    assert document.snapshot["answer"] == "The second invoice is cancelled."
    assert Notification.objects.filter(user=applicant, key=f"complaint:{complaint.pk}:answer")
    # The secretary answers; only the head closes.
    with pytest.raises(PermissionDenied):
        complaints.complaint_close(complaint=complaint, by=secretary)
    complaints.complaint_close(complaint=complaint, by=head)
    complaint.refresh_from_db()
    assert complaint.state == ComplaintState.CLOSED
    assert [(e.transition, e.by) for e in complaint.log.all()] == [
        ("submit", applicant),
        ("give_answer", secretary),
        ("close", head),
    ]
    with pytest.raises(TransitionNotAllowed):
        complaints.complaint_answer(complaint=complaint, by=secretary, text="again")


def test_the_letter_renders_with_the_complaint_and_the_answer(applicant, secretary, head):
    complaint = complaints.complaint_submit(by=applicant, topic="delay", text="Slow review.")
    complaint = complaints.complaint_answer(
        complaint=complaint, by=secretary, text="The review is now scheduled."
    )
    snapshot = complaint_answer_snapshot(complaint)
    assert complaint_answer_context(snapshot)["received"].count(".") == 2
    pdf = render_bytes("complaint_answer", RenderedDocument.objects.get().snapshot)
    assert pdf.startswith(b"%PDF")

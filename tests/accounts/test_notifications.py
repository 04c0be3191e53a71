"""Inbox and e-mail: written in the caller's transaction, mailed after commit, once."""

import datetime

import pytest
from django.db import transaction
from django.utils import timezone

from accounts.models import Notification
from accounts.notifications import notify, send_pending_notification_emails
from accounts.tasks import send_notification_email_task
from tests.certification.workflow import decide


def to(user, mailoutbox) -> list:
    return [m for m in mailoutbox if m.to == [user.email]]


def test_decision_mails_the_applicant_after_commit(
    under_review, secretary, commission, applicant, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        decide(under_review, "proceed", secretary=secretary, members=commission)
        before_commit = len(mailoutbox)
    assert before_commit == 0
    assert len(to(applicant, mailoutbox)) == 1


def test_decision_is_in_the_applicants_inbox(under_review, secretary, commission, applicant):
    item = decide(under_review, "proceed", secretary=secretary, members=commission)
    decisions = applicant.notifications.filter(key__startswith="decision:")
    assert list(decisions.values_list("key", flat=True)) == [f"decision:{item.pk}"]


def test_rolled_back_decision_notifies_nobody(
    under_review, secretary, commission, applicant, mailoutbox, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        decide(under_review, "proceed", secretary=secretary, members=commission)
        raise RuntimeError("the protocol could not be saved")
    assert not applicant.notifications.filter(key__startswith="decision:").exists()
    assert mailoutbox == []


def test_meeting_invitation_mails_members_present(
    under_review, secretary, commission, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        decide(under_review, "proceed", secretary=secretary, members=commission)
    assert all(len(to(member, mailoutbox)) == 1 for member in commission)


def test_same_key_notifies_once(applicant, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(2):
            notify([applicant], key="event:1", subject="Тема", body="Текст")
    assert applicant.notifications.count() == len(mailoutbox) == 1


def test_email_task_twice_sends_one_email(applicant, mailoutbox):
    notification = notify([applicant], key="event:1", subject="Тема", body="Текст")[0]
    assert send_notification_email_task(notification.pk) is True
    assert send_notification_email_task(notification.pk) is False
    assert len(mailoutbox) == 1


def test_email_carries_the_link(applicant, mailoutbox, settings):
    notification = notify([applicant], key="event:1", subject="Тема", body="Текст", url="/a/1/")[0]
    send_notification_email_task(notification.pk)
    assert mailoutbox[0].body.endswith(f"{settings.SITE_URL}/a/1/")


def test_line_break_in_subject_does_not_break_the_mail(applicant, mailoutbox):
    notification = notify([applicant], key="event:1", subject="Тема\nвторая", body="Текст")[0]
    send_notification_email_task(notification.pk)
    assert mailoutbox[0].subject == "Тема вторая"


def test_inactive_user_is_not_notified(applicant):
    applicant.is_active = False
    applicant.save()
    assert notify([applicant], key="event:1", subject="Тема", body="Текст") == []


def test_sweep_mails_a_notification_whose_task_was_lost(applicant, mailoutbox):
    notification = notify([applicant], key="event:1", subject="Тема", body="Текст")[0]
    Notification.objects.filter(pk=notification.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=1)
    )
    assert send_pending_notification_emails() == 1
    assert len(mailoutbox) == 1


def test_sweep_leaves_fresh_notifications_to_their_task(applicant, mailoutbox):
    notify([applicant], key="event:1", subject="Тема", body="Текст")
    assert send_pending_notification_emails() == 0

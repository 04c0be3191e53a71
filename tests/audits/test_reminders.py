"""The daily reminder of the deadlines for corrective actions (GOST 8.16): of a suspended
application and of an open nonconformity."""

import datetime

import pytest
from django.utils import timezone

from audits.models import Nonconformity
from audits.services.reminders import remind_corrective_deadlines
from audits.tasks import remind_corrective_deadlines_task
from certification.models import Application, AppState

TODAY = datetime.date(2026, 3, 10)


def keys(user) -> list[str]:
    return sorted(user.notifications.values_list("key", flat=True))


@pytest.fixture
def suspended(draft):
    """An application suspended until five days after TODAY (states set directly: cheap)."""
    deadline = TODAY + datetime.timedelta(days=5)
    Application.objects.filter(pk=draft.pk).update(
        state=AppState.SUSPENDED, suspension_deadline=deadline
    )
    draft.refresh_from_db()
    return draft


def test_corrective_deadline_reminds_applicant_and_secretary(suspended, applicant, secretary):
    remind_corrective_deadlines(today=TODAY)
    key = f"corrective-due:{suspended.pk}:{suspended.suspension_deadline.isoformat()}"
    assert keys(applicant) == keys(secretary) == [key]


def test_corrective_deadline_reminder_is_sent_once(
    suspended, applicant, secretary, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for day in (TODAY, TODAY, TODAY + datetime.timedelta(days=1)):
            remind_corrective_deadlines_task(today=day.isoformat())
    assert sorted(m.to[0] for m in mailoutbox) == sorted([applicant.email, secretary.email])


def test_corrective_deadline_lists_open_nonconformities(suspended, applicant, secretary):
    for text, closed in (("Нет журнала мойки", None), ("Исправлено", timezone.now())):
        Nonconformity.objects.create(
            application=suspended,
            description=text,
            deadline=suspended.suspension_deadline,
            closed_at=closed,
        )
    remind_corrective_deadlines(today=TODAY)
    body = applicant.notifications.get().body
    assert "Нет журнала мойки" in body and "Исправлено" not in body


def test_no_corrective_reminder_more_than_a_week_ahead(suspended, secretary):
    assert remind_corrective_deadlines(today=TODAY - datetime.timedelta(days=3)) == 0


def test_open_nonconformity_deadline_reminds(draft, applicant, secretary):
    Nonconformity.objects.create(
        application=draft, description="Нет журнала", deadline=TODAY + datetime.timedelta(days=7)
    )
    assert remind_corrective_deadlines(today=TODAY) == 1

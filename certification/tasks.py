"""Celery tasks of the certification workflow: fetch, call one service, return a count.

The daily jobs are safe to rerun (a retry, a late beat, a manual run): expiry looks at each
certificate's status and every reminder has a stable key."""

import datetime

from celery import shared_task
from django.conf import settings
from django.db import DatabaseError
from django.utils import translation

from .services import certificates, reminders

# A daily job retries a database hiccup a few times, then waits for tomorrow's run.
DAILY = {
    "acks_late": True,
    "reject_on_worker_lost": True,
    "autoretry_for": (DatabaseError,),
    "retry_backoff": 60,
    "max_retries": 3,
}


def _day(today: str | None) -> datetime.date | None:
    """Tasks take JSON: a day is an ISO string; none means the local date of the run."""
    return datetime.date.fromisoformat(today) if today else None


@shared_task(**DAILY)
def expire_certificates_task(today: str | None = None) -> int:
    """Nightly: certificates past their end date become expired (GOST 8.6)."""
    with translation.override(settings.LANGUAGE_CODE):  # the holder reads the notice in Russian
        return certificates.certificates_expire(today=_day(today))


@shared_task(**DAILY)
def remind_expiring_certificates_task(today: str | None = None) -> int:
    return reminders.remind_expiring_certificates(today=_day(today))


@shared_task(**DAILY)
def remind_corrective_deadlines_task(today: str | None = None) -> int:
    return reminders.remind_corrective_deadlines(today=_day(today))


@shared_task(**DAILY)
def remind_expiring_documents_task(today: str | None = None) -> int:
    """GOST 8.8: dossier documents of valid certificates that end within 30 days."""
    return reminders.remind_expiring_documents(today=_day(today))

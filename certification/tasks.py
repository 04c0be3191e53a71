"""Celery tasks of the certification workflow: fetch, call one service, return a count.

The daily jobs are safe to rerun (a retry, a late beat, a manual run): expiry looks at each
certificate's status and every reminder has a stable key."""

from celery import shared_task
from django.conf import settings
from django.utils import translation

from halal_portal.celery import DAILY, task_day

from .services import certificates, reminders


@shared_task(**DAILY)
def expire_certificates_task(today: str | None = None) -> int:
    """Nightly: certificates past their end date become expired (GOST 8.6)."""
    with translation.override(settings.LANGUAGE_CODE):  # the holder reads the notice in Russian
        return certificates.certificates_expire(today=task_day(today))


@shared_task(**DAILY)
def remind_expiring_certificates_task(today: str | None = None) -> int:
    return reminders.remind_expiring_certificates(today=task_day(today))

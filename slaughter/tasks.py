"""Celery tasks of the slaughter app: fetch, call one service, return a count."""

import datetime

from celery import shared_task
from django.db import DatabaseError

from .services import register_documents_remind

# A daily job retries a database hiccup a few times, then waits for tomorrow's run.
DAILY = {
    "acks_late": True,
    "reject_on_worker_lost": True,
    "autoretry_for": (DatabaseError,),
    "retry_backoff": 60,
    "max_retries": 3,
}


@shared_task(**DAILY)
def register_documents_remind_task(today: str | None = None) -> int:
    """Daily: documents on a slaughterhouse register ending within 30 days (GOST 7.6.2–7.6.4)."""
    day = datetime.date.fromisoformat(today) if today else None
    return register_documents_remind(today=day)

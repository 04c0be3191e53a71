import datetime
import os

from celery import Celery
from django.db import DatabaseError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "halal_portal.settings")

app = Celery("halal_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# The options of every app's daily job: a database hiccup is retried a few times, then the job
# waits for tomorrow's run. Daily jobs are safe to rerun (a retry, a late beat, a manual run).
DAILY = {
    "acks_late": True,
    "reject_on_worker_lost": True,
    "autoretry_for": (DatabaseError,),
    "retry_backoff": 60,
    "max_retries": 3,
}


def task_day(today: str | None) -> datetime.date | None:
    """Tasks take JSON: a day is an ISO string; none means the local date of the run."""
    return datetime.date.fromisoformat(today) if today else None

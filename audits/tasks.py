"""Celery tasks of the production check: the daily reminder of corrective-action deadlines
(GOST 8.16). Safe to rerun: every reminder has a stable key."""

from celery import shared_task

from halal_portal.celery import DAILY, task_day

from .services.reminders import remind_corrective_deadlines


@shared_task(**DAILY)
def remind_corrective_deadlines_task(today: str | None = None) -> int:
    return remind_corrective_deadlines(today=task_day(today))

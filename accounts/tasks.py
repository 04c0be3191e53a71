from celery import shared_task

from . import notifications


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def send_notification_email_task(notification_id: int) -> bool:
    return notifications.send_notification_email(notification_id=notification_id)

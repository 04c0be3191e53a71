from celery import shared_task

from . import notifications


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OSError,),  # smtplib errors and timeouts are OSErrors
    retry_backoff=True,
    max_retries=5,
)
def send_notification_email_task(notification_id: int) -> bool:
    return notifications.send_notification_email(notification_id=notification_id)


@shared_task(acks_late=True, ignore_result=True)
def send_pending_notification_emails_task() -> int:
    return notifications.send_pending_notification_emails()

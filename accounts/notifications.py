"""Notifications: the in-portal inbox plus an e-mail, each sent once per event and person.

Callers say what happened inside their transaction; the rows are written there (so a rolled-back
decision notifies nobody) and the e-mails go out after commit, from a Celery task that sends a
notification at most once even when it is retried or delivered twice."""

from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.utils import translation

from .models import Notification, User


def notify(
    users: Iterable[User], *, key: str, subject: str, body: str, url: str = ""
) -> list[Notification]:
    """Queue one message to each user; a user who already has ``key`` gets nothing new."""
    recipients = {u.pk: u for u in users if u is not None and u.is_active}
    if not recipients:
        return []
    existing = set(
        Notification.objects.filter(user_id__in=recipients, key=key).values_list(
            "user_id", flat=True
        )
    )
    created = Notification.objects.bulk_create(
        [
            Notification(user_id=pk, key=key, subject=subject[:300], body=body, url=url)
            for pk in recipients
            if pk not in existing
        ],
        ignore_conflicts=True,
    )
    # ignore_conflicts leaves pk unset on some databases: look the rows up again.
    ids = list(
        Notification.objects.filter(
            user_id__in=[pk for pk in recipients if pk not in existing], key=key
        ).values_list("pk", flat=True)
    )
    if ids:
        from .tasks import send_notification_email_task

        transaction.on_commit(lambda: [send_notification_email_task.delay(pk) for pk in ids])
    return created


def send_notification_email(*, notification_id: int) -> bool:
    """E-mail one notification unless it has been e-mailed already. True when sent now."""
    from django.core.mail import send_mail
    from django.utils import timezone

    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update()
            .select_related("user")
            .filter(pk=notification_id, emailed_at__isnull=True)
            .first()
        )
        if notification is None:
            return False
        link = f"\n\n{settings.SITE_URL}{notification.url}" if notification.url else ""
        with translation.override(settings.LANGUAGE_CODE):
            send_mail(
                notification.subject,
                notification.body + link,
                None,
                [notification.user.email],
            )
        notification.emailed_at = timezone.now()
        notification.save(update_fields=["emailed_at"])
    return True

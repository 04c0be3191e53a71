"""Notifications: the in-portal inbox plus an e-mail, each sent once per event and person.

Callers say what happened inside their transaction; the rows are written there (so a rolled-back
decision notifies nobody) and the e-mails go out after commit, from a Celery task that sends a
notification at most once even when it is retried or delivered twice. A notification whose task
never reached the broker is picked up by ``send_pending_notification_emails``."""

import datetime
import logging
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation

from .models import Notification, User

logger = logging.getLogger(__name__)

# The sweep leaves fresh rows to their own task, and gives up after a few hours: a mail the server
# keeps refusing is not retried forever, and stale news is not sent (the inbox still has it).
PENDING_GRACE = datetime.timedelta(minutes=10)
PENDING_MAX_AGE = datetime.timedelta(hours=6)


Text = str | Callable[[], str]


def notify(
    users: Iterable[User], *, key: str, subject: Text, body: Text, url: str = ""
) -> list[Notification]:
    """Queue one message to each user; a user who already has ``key`` gets nothing new.
    Returns the notifications written now.

    ``subject`` and ``body`` are best given as functions that write the text: each recipient
    then reads it in their own language (User.language), not in the language of whoever caused
    the event. A plain string is sent as it is."""
    recipients = {u.pk for u in users if u is not None and u.is_active}
    if not recipients:
        return []
    existing = set(
        Notification.objects.filter(user_id__in=recipients, key=key).values_list(
            "user_id", flat=True
        )
    )
    new = sorted(recipients - existing)
    if not new:
        return []
    languages = dict(User.objects.filter(pk__in=new).values_list("pk", "language"))
    texts = {}
    for language in {_language_code(code) for code in languages.values()}:
        with translation.override(language):
            # A header may not contain a line break: one stray newline would make send_mail
            # refuse.
            texts[language] = (" ".join(_written(subject).split())[:300], _written(body))
    # ignore_conflicts: a concurrent caller may have written the same key meanwhile. It also leaves
    # pk unset, so the rows are read back.
    Notification.objects.bulk_create(
        [
            Notification(
                user_id=pk,
                key=key,
                subject=texts[_language_code(languages[pk])][0],
                body=texts[_language_code(languages[pk])][1],
                url=url,
            )
            for pk in new
        ],
        ignore_conflicts=True,
    )
    rows = list(Notification.objects.filter(user_id__in=new, key=key, emailed_at__isnull=True))
    ids = [n.pk for n in rows]
    if ids:
        # robust: the decision is committed by then; a broker hiccup must not turn it into an
        # error page. The sweep sends what was not queued.
        transaction.on_commit(lambda: _queue_emails(ids), robust=True)
    return rows


def _language_code(language: str) -> str:
    return User(language=language).language_code


def _written(text: Text) -> str:
    return str(text() if callable(text) else text)


def _queue_emails(ids: list[int]) -> None:
    from .tasks import send_notification_email_task

    for pk in ids:
        try:
            send_notification_email_task.delay(pk)
        except Exception:  # one failure (eager mode: the SMTP server) must not stop the rest
            logger.exception("Could not queue the e-mail of notification %s", pk)


def send_notification_email(*, notification_id: int) -> bool:
    """E-mail one notification unless it has been e-mailed already. True when sent now.

    The row stays locked while the mail goes out, so a duplicate delivery of the task waits and
    then finds it sent."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(of=("self",))
            .select_related("user")
            .filter(pk=notification_id, emailed_at__isnull=True, user__is_active=True)
            .first()
        )
        if notification is None:
            return False
        link = f"\n\n{settings.SITE_URL}{notification.url}" if notification.url else ""
        with translation.override(notification.user.language_code):
            send_mail(
                notification.subject,
                notification.body + link,
                None,
                [notification.user.email],
            )
        notification.emailed_at = timezone.now()
        notification.save(update_fields=["emailed_at"])
    return True


def send_pending_notification_emails(*, now: datetime.datetime | None = None) -> int:
    """Queue the e-mail of every recent notification still unsent after the grace period — its
    task was lost (broker down at commit) or gave up. Returns how many were queued."""
    now = now or timezone.now()
    ids = list(
        Notification.objects.filter(
            emailed_at__isnull=True,
            user__is_active=True,
            created_at__lte=now - PENDING_GRACE,
            created_at__gte=now - PENDING_MAX_AGE,
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    _queue_emails(ids)
    return len(ids)

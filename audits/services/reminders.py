"""Daily reminder of the deadlines for corrective actions (GOST 8.16): of a suspended application
and of an open nonconformity.

Each reminder has a stable key, so a rerun — the same day, or the next day after a missed run —
sends nothing twice. A range rather than an exact date makes a missed day harmless: the reminder
goes out at the next run."""

import datetime
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.notifications import notify
from certification.models import FINISHED_STATES, Application, AppState

from ..models import Nonconformity

CORRECTIVE_WARNING = datetime.timedelta(days=7)


def _date(day: datetime.date) -> str:
    return day.strftime("%d.%m.%Y")


def remind_corrective_deadlines(*, today: datetime.date | None = None) -> int:
    """GOST 8.16: a week before the deadline for corrective actions — of a suspended application
    or of an open nonconformity — remind the applicant and the secretaries. Returns the number
    of (application, deadline) reminders sent now."""
    today = today or timezone.localdate()
    last = today + CORRECTIVE_WARNING
    due: dict[tuple[int, datetime.date], list[str]] = defaultdict(list)
    for pk, deadline in Application.objects.filter(
        state=AppState.SUSPENDED, suspension_deadline__range=(today, last)
    ).values_list("pk", "suspension_deadline"):
        due.setdefault((pk, deadline), [])
    for pk, deadline, description in (
        Nonconformity.objects.issued()
        .filter(closed_at__isnull=True, deadline__range=(today, last))
        .exclude(application__state__in=FINISHED_STATES)
        .order_by("deadline", "pk")
        .values_list("application_id", "deadline", "description")
    ):
        due[(pk, deadline)].append(description)
    if not due:
        return 0
    applications = Application.objects.select_related("organization").in_bulk(
        {pk for pk, _deadline in due}
    )
    secretaries = list(User.objects.filter(role_secretary=True, is_active=True))
    count = 0
    with translation.override(settings.LANGUAGE_CODE):
        for (pk, deadline), open_items in sorted(due.items(), key=lambda d: (d[0][1], d[0][0])):
            application = applications[pk]
            with transaction.atomic():
                sent = notify(
                    [*application.organization.members.all(), *secretaries],
                    key=f"corrective-due:{pk}:{deadline.isoformat()}",
                    subject=lambda application=application, deadline=deadline: (
                        _("Application %(number)s: corrective actions are due by %(date)s")
                        % {"number": application.number, "date": _date(deadline)}
                    ),
                    body=lambda application=application, deadline=deadline, items=open_items: (
                        _corrective_body(application, deadline, items)
                    ),
                    url=application.get_absolute_url(),
                )
            count += 1 if sent else 0
    return count


def _corrective_body(application: Application, deadline: datetime.date, open_items) -> str:
    parts = [
        _(
            "The nonconformities found for %(org)s must be corrected by %(date)s (GOST 8.16). "
            "Record the corrective actions with their evidence in the portal."
        )
        % {"org": application.org_name, "date": _date(deadline)}
    ]
    if open_items:
        parts.append(_("Not yet corrected:") + "\n" + "\n".join(f"— {text}" for text in open_items))
    if application.state == AppState.SUSPENDED:
        parts.append(
            _(
                "If they are not corrected in time, the commission may terminate the work on "
                "the application."
            )
        )
    return "\n\n".join(parts)

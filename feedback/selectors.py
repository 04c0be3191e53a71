"""Reads of the reports."""

import re

from django.db.models import Count, Q, QuerySet

from certification.models import Certificate, Meeting, MeetingState
from certification.rules import format_number

from .models import Report, ReportState

_DIGITS = re.compile(r"\d+")


def certificate_by_number(text: str) -> Certificate | None:
    """The certificate whose number the reporter copied, however typed (ХП.00001, XP 1, 00001)."""
    digits = _DIGITS.findall(text or "")
    if len(digits) != 1 or not 0 < int(digits[0]) < 100_000:
        return None
    return Certificate.objects.filter(number=format_number(int(digits[0]))).first()


def report_queue(*, state: str = "", q: str = "") -> QuerySet[Report]:
    """The secretary's queue: open reports first, the oldest deadline first."""
    reports = Report.objects.select_related("certificate").annotate(photo_count=Count("photos"))
    if state in ReportState.values:
        reports = reports.filter(state=state)
    elif state != "all":
        reports = reports.exclude(state=ReportState.CLOSED)
    if q:
        reports = reports.filter(
            Q(code__iexact=q.strip())
            | Q(product_name__icontains=q)
            | Q(number_shown__icontains=q)
            | Q(certificate__number__icontains=q)
        )
    return reports.order_by("decide_due", "received_at", "pk")


def report_for(user) -> QuerySet[Report]:
    """The reports ``user`` may open: the secretary all, a holder those on its certificates."""
    reports = Report.objects.select_related("certificate__application__organization")
    if not user.is_authenticated:
        return reports.none()
    if user.is_secretary:
        return reports
    return reports.filter(
        certificate__application__organization__members=user,
    ).exclude(state=ReportState.RECEIVED)


def report_counts(certificate) -> dict[str, int]:
    """For the registry's certificate page: how many reports were made about the certificate
    and how many are resolved — counts, never contents."""
    counts = Report.objects.filter(certificate=certificate).aggregate(
        received=Count("pk"), resolved=Count("pk", filter=Q(state=ReportState.CLOSED))
    )
    return {"received": counts["received"], "resolved": counts["resolved"]}


def open_meetings() -> QuerySet[Meeting]:
    return Meeting.objects.filter(state=MeetingState.PLANNED).order_by("date", "pk")

"""«About the body's work»: the public figures, computed from the workflow's own logs (the
applications' TransitionLog, the production-check acts' signing), cached, refreshed nightly."""

import datetime
import math
import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audits.models import ProductionCheckAct
from certification.models import AppState, Certificate, CertificateStatus, TransitionLog

from .models import Appeal, AppealState, Report, ReportState

CACHE_KEY = "feedback:figures:v1"
# Refreshed each night (settings.CELERY_BEAT_SCHEDULE); kept a little over a day so the page
# never computes on a visitor's request while the nightly run is due.
CACHE_SECONDS = 26 * 3600
PERIOD = datetime.timedelta(days=365)

STAGES = ("document_review", "production_check", "decision", "total")
STAGE_LABELS = {
    "document_review": _("Document review"),
    "production_check": _("Production check"),
    "decision": _("From the check's act to the decision"),
    "total": _("From submission to decision"),
}
DECISIONS = ("certify", "refuse")
# The body's part of the document review: registration and the review itself (the time an
# application spends returned for completion is the applicant's).
REVIEW_STATES = (AppState.SUBMITTED, AppState.DOCUMENT_REVIEW)


@dataclass
class Timeline:
    """One application's days in each stage; None where the stage has not started."""

    days: dict[str, float | None] = field(default_factory=dict)


def _days(start: datetime.datetime, end: datetime.datetime) -> float:
    return round((end - start).total_seconds() / 86400, 1)


def timeline(logs: list, act_signed: datetime.datetime | None, now: datetime.datetime) -> Timeline:
    """Days per stage from one application's ordered status changes; a stage under way counts
    up to ``now``."""
    submitted = next((log.at for log in logs if log.transition == "submit"), None)
    decided = next((log.at for log in reversed(logs) if log.transition in DECISIONS), None)
    end = decided or now
    review = 0.0
    check_start = None
    for log, following in zip(logs, [*logs[1:], None], strict=True):
        left = following.at if following else end
        if log.target in REVIEW_STATES:
            review += (left - log.at).total_seconds() / 86400
        if log.target == AppState.PRODUCTION_CHECK and check_start is None:
            check_start = log.at
    result: dict[str, float | None] = dict.fromkeys(STAGES)
    if submitted:
        result["document_review"] = round(review, 1)
        result["total"] = _days(submitted, end)
    if check_start:
        result["production_check"] = _days(check_start, act_signed or end)
        if act_signed:
            result["decision"] = _days(act_signed, end)
    return Timeline(days=result)


def _timelines(application_ids, now) -> dict[int, Timeline]:
    logs = defaultdict(list)
    for log in TransitionLog.objects.filter(application_id__in=application_ids).order_by(
        "at", "pk"
    ):
        logs[log.application_id].append(log)
    signed = dict(
        ProductionCheckAct.objects.filter(
            production_check__application_id__in=application_ids, signed_at__isnull=False
        )
        .values_list("production_check__application_id")
        .annotate(last=Max("signed_at"))
    )
    return {pk: timeline(logs[pk], signed.get(pk), now) for pk in application_ids}


def application_timeline(application) -> Timeline:
    return _timelines([application.pk], timezone.now())[application.pk]


def percentile(values: list[float], share: float) -> float:
    """Nearest rank: the smallest value with at least ``share`` of the values at or below it."""
    ordered = sorted(values)
    return ordered[max(math.ceil(share * len(ordered)) - 1, 0)]


def _stage_figures(timelines) -> dict[str, dict]:
    result = {}
    for stage in STAGES:
        values = [t.days[stage] for t in timelines if t.days.get(stage) is not None]
        result[stage] = {
            "count": len(values),
            "median": round(statistics.median(values), 1) if values else None,
            "p90": percentile(values, 0.9) if values else None,
        }
    return result


def certificate_counts(today: datetime.date) -> dict[str, int]:
    """Signed certificates by what they are today: one past its end date is expired whatever
    its recorded status (GOST 8.6)."""
    live = [CertificateStatus.VALID, CertificateStatus.SUSPENDED]
    return Certificate.objects.filter(signed_at__isnull=False).aggregate(
        valid=Count("pk", filter=Q(status=CertificateStatus.VALID, valid_to__gte=today)),
        suspended=Count("pk", filter=Q(status=CertificateStatus.SUSPENDED, valid_to__gte=today)),
        withdrawn=Count("pk", filter=Q(status=CertificateStatus.WITHDRAWN)),
        expired=Count(
            "pk",
            filter=Q(status=CertificateStatus.EXPIRED) | Q(status__in=live, valid_to__lt=today),
        ),
    )


def compute_figures(*, now: datetime.datetime | None = None) -> dict:
    now = now or timezone.now()
    since = now - PERIOD
    decided = set(
        TransitionLog.objects.filter(transition__in=DECISIONS, at__gte=since, at__lte=now)
        .values_list("application_id", flat=True)
        .distinct()
    )
    timelines = _timelines(sorted(decided), now).values()
    reports = Report.objects.aggregate(
        received=Count("pk", filter=Q(received_at__gte=since)),
        resolved=Count("pk", filter=Q(state=ReportState.CLOSED, closed_at__gte=since)),
    )
    appeals = Appeal.objects.filter(decided_at__gte=since).aggregate(
        upheld=Count("pk", filter=Q(state=AppealState.UPHELD)),
        rejected=Count("pk", filter=Q(state=AppealState.REJECTED)),
    )
    figures = {
        "computed_at": now,
        "since": since.date(),
        "certificates": certificate_counts(timezone.localdate(now)),
        "stages": _stage_figures(timelines),
        "decided": len(decided),
        "reports": reports,
        "appeals": appeals,
    }
    return figures


def refresh_figures() -> dict:
    figures = compute_figures()
    cache.set(CACHE_KEY, figures, CACHE_SECONDS)
    return figures


def cached_figures() -> dict:
    return cache.get(CACHE_KEY) or refresh_figures()

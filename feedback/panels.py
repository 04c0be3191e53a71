"""Cards on the application page (registered with certification in apps.py): the applicant's
days in each stage against the body's medians; its appeals."""

from django.utils import timezone

from certification.permissions import is_member

from .appeals import appeal_deadline, appealable_decisions, pending_appeal
from .figures import STAGE_LABELS, STAGES, application_timeline, cached_figures


def timing_panel(request, application) -> dict | None:
    if application.submitted_at is None or not is_member(application, request.user):
        return None
    own = application_timeline(application).days
    medians = cached_figures()["stages"]
    rows = [
        (STAGE_LABELS[stage], own[stage], medians[stage]["median"])
        for stage in STAGES
        if own[stage] is not None
    ]
    return {"application": application, "rows": rows} if rows else None


def appeal_panel(request, application) -> dict | None:
    """A pending appeal, to the applicant and the secretary; the decisions still open to appeal,
    with the link to appeal them, to the applicant."""
    user = request.user
    member = is_member(application, user)
    if not (member or (user.is_authenticated and user.is_secretary)):
        return None
    pending = pending_appeal(application)
    open_decisions = (
        []
        if (pending or not member)
        else appealable_decisions(application, today=timezone.localdate())
    )
    if pending is None and not open_decisions:
        return None
    return {
        "application": application,
        "pending": pending,
        "open_decisions": [(item, appeal_deadline(item)) for item in open_decisions],
    }

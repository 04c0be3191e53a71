"""The applicant's card on the application page: its days in each stage against the body's
medians (registered with certification in apps.py)."""

from certification.permissions import is_member

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

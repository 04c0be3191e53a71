"""Reads: who sees which check, act, sample, report and journal. Every view starts here; what a
user may not see does not exist for them (404)."""

import datetime

from django.db.models import Prefetch, Q, QuerySet

from accounts.models import Organization
from certification.models import Question
from halal_portal.formatting import iso

from .models import (
    ActEvidence,
    ActState,
    CheckStatus,
    CorrectiveAction,
    ItemResult,
    LabReport,
    Nonconformity,
    ProductionCheck,
    ProductionCheckAct,
    Sample,
    SamplingAct,
    SanitationEntry,
)


def _active(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


def check_list_for(user) -> QuerySet[ProductionCheck]:
    """Checks ``user`` may see.

    The secretary and the head see every check; the members of its commission see theirs; the
    commission members assigned to the application read its checks; the applicant's members see
    the program once the head has approved it."""
    queryset = ProductionCheck.objects.select_related(
        "application__organization", "approved_by", "created_by"
    )
    if not _active(user):
        return queryset.none()
    if user.is_secretary or user.is_head:
        return queryset
    visible = Q(participants=user) | (
        Q(application__organization__membership__user=user) & ~Q(status=CheckStatus.DRAFT)
    )
    if user.is_commission_member:
        visible |= Q(application__commission_members=user)
    return queryset.filter(visible).distinct()


def sampling_act_list_for(user) -> QuerySet[SamplingAct]:
    return SamplingAct.objects.select_related("production_check", "auditor").filter(
        production_check__in=check_list_for(user)
    )


def sample_list_for(user) -> QuerySet[Sample]:
    return Sample.objects.select_related("act__production_check").filter(
        act__production_check__in=check_list_for(user)
    )


def lab_report_list_for(user) -> QuerySet[LabReport]:
    return LabReport.objects.select_related("sample__act").filter(
        sample__act__production_check__in=check_list_for(user)
    )


def journal_organizations_for(user) -> QuerySet[Organization]:
    """Enterprises whose sanitation journal ``user`` reads (GOST 7.1): its members, the
    secretary and the head, and the expert-auditors who check it."""
    queryset = Organization.objects.all()
    if not _active(user):
        return queryset.none()
    if user.is_secretary or user.is_head:
        return queryset
    visible = Q(membership__user=user)
    if user.is_auditor:
        visible |= Q(applications__production_checks__participants=user)
    return queryset.filter(visible).distinct()


def journal_entries(organization: Organization) -> QuerySet[SanitationEntry]:
    return organization.sanitation_entries.select_related("controller")


# --- the production-check act (GOST 8.16, Annex Ж) ------------------------------------------

# The applicant reads the act once it is sent to them (GOST 8.16: «Один экземпляр акта
# направляется заявителю»); before that it is the commission's working document.
ACT_STATES_FOR_APPLICANT = (ActState.SENT, ActState.ACKNOWLEDGED)


def act_list_for(user) -> QuerySet[ProductionCheckAct]:
    """Acts ``user`` may see: the check's commission, the secretary, the head and the
    application's commission members always; the applicant's members from «sent» on."""
    queryset = ProductionCheckAct.objects.select_related(
        "production_check__application__organization", "checklist", "created_by"
    )
    if not _active(user):
        return queryset.none()
    if user.is_secretary or user.is_head:
        return queryset
    visible = Q(production_check__participants=user) | (
        Q(production_check__application__organization__membership__user=user)
        & Q(state__in=ACT_STATES_FOR_APPLICANT)
    )
    if user.is_commission_member:
        visible |= Q(production_check__application__commission_members=user)
    return queryset.filter(visible).distinct()


def item_result_list(act: ProductionCheckAct) -> QuerySet[ItemResult]:
    return act.results.select_related("item__section", "updated_by").prefetch_related(
        "nonconformities", "files"
    )


def act_evidence_list_for(user) -> QuerySet[ActEvidence]:
    return ActEvidence.objects.select_related("result__act").filter(
        result__act__in=act_list_for(user)
    )


# How far back the act reads the enterprise's journals: sanitation (section 15, GOST 7.1,
# Annex Б) and those registered in audits/journals.py (slaughter, section 9, GOST 7.6).
JOURNAL_WINDOW_DAYS = 365


def journal_window(act: ProductionCheckAct) -> tuple[datetime.date, datetime.date]:
    """The period the act reads the enterprise's journals for: the year before the check."""
    check = act.production_check
    end = check.end_date or act.date
    return (check.start_date or end) - datetime.timedelta(days=JOURNAL_WINDOW_DAYS), end


def sanitation_before_check(act: ProductionCheckAct) -> dict:
    """Section 15 of the act: the enterprise's sanitation journal for the year before the
    check — the entries, the cleanings after contact with haram with their ritual
    purification, and the failed tests."""
    check = act.production_check
    start, end = journal_window(act)
    entries = list(
        journal_entries(check.application.organization).filter(date__gte=start, date__lte=end)
    )
    return {
        "start": start,
        "end": end,
        "entries": entries,
        "haram": [e for e in entries if e.after_haram],
        "failed": [e for e in entries if not e.test_passed],
        "organization": check.application.organization,
    }


# --- nonconformities and corrective actions (GOST 8.16) ---------------------------------------


def nonconformities_with_actions(application) -> list[Nonconformity]:
    """The application's nonconformities with their corrective actions, evidence and
    verification, for its page."""
    actions = CorrectiveAction.objects.select_related("filed_by", "verified_by").prefetch_related(
        "files"
    )
    return list(
        application.nonconformities.issued()
        .select_related("agenda_item__meeting")
        .prefetch_related(Prefetch("actions", queryset=actions))
    )


# --- what certification reads through its providers (registered in audits/apps.py) -----------


def applications_checked_by(user) -> Q | None:
    """Expert-auditors see the applications whose production they check (GOST 8.13)."""
    return Q(production_checks__participants=user) if user.is_auditor else None


def check_participants(application_ids) -> dict[int, set[int]]:
    """By application, who took part in its production checks: they may not vote on its
    decision (independence of review and decision, ISO/IEC 17065 7.5)."""
    found: dict[int, set[int]] = {}
    for application_id, user_id in ProductionCheck.objects.filter(
        application_id__in=application_ids, participants__isnull=False
    ).values_list("application_id", "participants"):
        found.setdefault(application_id, set()).add(user_id)
    return found


def letter_nonconformities(item) -> list[dict]:
    """What a decision letter lists (GOST 8.16): a suspension, the nonconformities it found; a
    termination, those still open."""
    nonconformities = item.application.nonconformities.issued().order_by("created_at", "pk")
    if item.question == Question.SUSPEND:
        nonconformities = nonconformities.filter(agenda_item=item)
    elif item.question == Question.TERMINATE:
        nonconformities = nonconformities.filter(closed_at__isnull=True)
    else:
        return []
    return [{"description": n.description, "deadline": iso(n.deadline)} for n in nonconformities]

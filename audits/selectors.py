"""Reads: who sees which check, act, sample, report and journal. Every view starts here; what a
user may not see does not exist for them (404)."""

import datetime

from django.db.models import Q, QuerySet

from accounts.models import Organization
from slaughter.selectors import slaughter_between

from .models import (
    ActEvidence,
    ActState,
    CheckStatus,
    ItemResult,
    LabReport,
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


def check_list_of(application) -> QuerySet[ProductionCheck]:
    return application.production_checks.prefetch_related("team__user").order_by("created_at")


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
    secretary and the head, the expert-auditors who check it and the commission members who
    decide on its applications."""
    queryset = Organization.objects.all()
    if not _active(user):
        return queryset.none()
    if user.is_secretary or user.is_head:
        return queryset
    visible = Q(membership__user=user)
    if user.is_auditor:
        visible |= Q(applications__production_checks__participants=user)
    if user.is_commission_member:
        # GOST 8.17: the commission answers the deviations in the journals of its enterprises.
        visible |= Q(applications__commission_members=user)
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


# How far back the act reads the enterprise's journals: slaughter (section 9, GOST 7.6) and
# sanitation (section 15, GOST 7.1, Annex Б).
JOURNAL_WINDOW_DAYS = 365


def _journal_window(act: ProductionCheckAct) -> tuple[datetime.date, datetime.date]:
    """The period the act reads the enterprise's journals for: the year before the check."""
    check = act.production_check
    end = check.end_date or act.date
    return (check.start_date or end) - datetime.timedelta(days=JOURNAL_WINDOW_DAYS), end


def slaughter_before_check(act: ProductionCheckAct) -> dict:
    """Section 9 of the act: the enterprise's slaughter journal (GOST 7.6) for the year before
    the check, with the batches that depart from the standard."""
    return slaughter_between(act.production_check.application.organization, *_journal_window(act))


def sanitation_before_check(act: ProductionCheckAct) -> dict:
    """Section 15 of the act: the enterprise's sanitation journal for the year before the
    check — the entries, the cleanings after contact with haram with their ritual
    purification, and the failed tests."""
    check = act.production_check
    start, end = _journal_window(act)
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

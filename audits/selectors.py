"""Reads: who sees which check, act, sample, report and journal. Every view starts here; what a
user may not see does not exist for them (404)."""

from django.db.models import Q, QuerySet

from accounts.models import Organization

from .models import (
    CheckStatus,
    LabReport,
    ProductionCheck,
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

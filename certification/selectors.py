"""Reads: who sees which application, meeting and certificate; the votes of the commission as they
stand; what the applicant's panel shows. Every view and API endpoint starts from here."""

from django.conf import settings
from django.db.models import Q, QuerySet

from accounts.models import User

from . import providers, rules
from .models import (
    AgendaItem,
    Application,
    AppState,
    Certificate,
    DossierFile,
    Meeting,
    MeetingState,
    VoteChoice,
)


def application_list_for(user) -> QuerySet[Application]:
    """Applications ``user`` may see.

    Applicants see their organizations' applications; the secretary and the head see every
    application once it is submitted; a commission member sees the ones assigned to them.
    """
    queryset = Application.objects.select_related("organization", "standard")
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    visible = Q(organization__membership__user=user)
    if user.is_secretary or user.is_head:
        visible |= ~Q(state=AppState.DRAFT)
    if user.is_commission_member:
        visible |= Q(commission_members=user) & ~Q(state=AppState.DRAFT)
    # And whoever the apps above open them to (audits: the expert-auditors of the check).
    for extra in providers.application_readers(user):
        visible |= extra
    return queryset.filter(visible).distinct()


def application_list_own(user) -> QuerySet[Application]:
    """The applicant's own applications (their dashboard)."""
    if not user.is_authenticated or not user.is_active:
        return Application.objects.none()
    return Application.objects.select_related("organization").filter(
        organization__membership__user=user
    )


def application_queue(*, state: str | None = None, q: str = "") -> QuerySet[Application]:
    """The secretary's queue: everything past the draft, oldest in its state first."""
    queryset = (
        Application.objects.select_related("organization")
        .exclude(state=AppState.DRAFT)
        .order_by("state_changed_at")
    )
    if state:
        queryset = queryset.filter(state=state)
    if q:
        queryset = queryset.filter(
            Q(number__icontains=q) | Q(org_name__icontains=q) | Q(tax_id__icontains=q)
        )
    return queryset


def dossier_file_list_for(user) -> QuerySet[DossierFile]:
    return DossierFile.objects.select_related("application", "document_type").filter(
        application__in=application_list_for(user)
    )


def current_files(application: Application) -> QuerySet[DossierFile]:
    return application.files.filter(superseded_at__isnull=True).select_related(
        "document_type", "uploaded_by"
    )


def meeting_list_for(user):
    """Meetings: the secretary and the head see all; a member sees those they attend."""
    queryset = Meeting.objects.select_related("secretary", "chair")
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    if user.is_secretary or user.is_head:
        return queryset
    if user.is_commission_member:
        return queryset.filter(members_present=user).distinct()
    return queryset.none()


def certificate_pdf_list_for(user):
    """Certificates whose PDF (and annexes' PDFs) the user may download: the holder only once
    the head has signed (Annex Л, Л.4.6), as the public registry shows it; staff always."""
    queryset = certificate_list_for(user)
    if user.is_authenticated and not user.is_body_staff:
        queryset = queryset.exclude(signed_at=None)
    return queryset


def certificate_list_for(user):
    """Certificates of the user's organizations; every certificate for the body's staff."""
    queryset = Certificate.objects.select_related("application", "meeting")
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    if user.is_body_staff:
        return queryset
    return queryset.filter(application__organization__membership__user=user).distinct()


# --- votes of the commission (GOST 8.3) ---------------------------------------------------------


def voters(item: AgendaItem) -> list[User]:
    """Members present who are assigned to the application and not recused."""
    present = set(item.meeting.members_present.values_list("pk", flat=True))
    assigned = set(item.application.commission_members.values_list("pk", flat=True))
    recused = rules.recused_members(item.application)
    return list(User.objects.filter(pk__in=(present & assigned) - recused))


def tally(item: AgendaItem) -> dict:
    """Votes, quorum and majority of an item as they stand (GOST 8.3; settings say the shares)."""
    assigned = item.application.commission_members.count()
    eligible = {u.pk for u in voters(item)}
    votes = [v for v in item.votes.all() if v.member_id in eligible]
    counts = {c.value: sum(1 for v in votes if v.choice == c) for c in VoteChoice}
    present = len(eligible)
    cast = len(votes)
    quorum = assigned > 0 and present > settings.COMMISSION_QUORUM * assigned
    majority = cast > 0 and counts["for"] > settings.COMMISSION_MAJORITY * cast
    return {
        "assigned": assigned,
        "present": present,
        "cast": cast,
        "for": counts["for"],
        "against": counts["against"],
        "abstain": counts["abstain"],
        "quorum": quorum,
        "adopted": quorum and majority,
    }


# --- the applicant's panel on the application page (templatetags/holder.py) --------------------


def open_remarks(application) -> list:
    """GOST 8.10: what the applicant must still complete, in this round."""
    return list(application.remarks.filter(closed_at__isnull=True).select_related("document_type"))


def holder_panel(user, application) -> dict:
    """What the applicant's panel shows: the certificate, the remarks to answer, the decisions
    sent in writing (GOST 8.12, 8.16, 8.17) and the invoices (8.19)."""
    is_member = application.organization.membership_set.filter(user=user).exists()
    show_invoices = is_member or user.is_secretary or user.is_head
    return {
        "is_member": is_member,
        "remarks": open_remarks(application) if application.state == AppState.RETURNED else [],
        "decisions": list(
            application.agenda_items.filter(meeting__state=MeetingState.CLOSED, adopted=True)
            .select_related("meeting")
            .order_by("meeting__protocol_date", "meeting__protocol_number", "order")
        ),
        "show_invoices": show_invoices,
        "invoices": list(application.invoices.order_by("issued_at")) if show_invoices else [],
        "can_mark_paid": user.is_secretary,
        "certificate": getattr(application, "certificate", None),
    }

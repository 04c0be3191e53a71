"""Reads: who sees which application. Every view and API endpoint starts from here."""

from django.db.models import Q, QuerySet

from .models import Application, AppState, DossierFile


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
    if user.is_auditor:
        # Expert-auditors see the applications whose production they check (GOST 8.13).
        visible |= Q(production_checks__participants=user)
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
    from .models import Meeting

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
    from .models import Certificate

    queryset = Certificate.objects.select_related("application", "meeting")
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    if user.is_body_staff:
        return queryset
    return queryset.filter(application__organization__membership__user=user).distinct()

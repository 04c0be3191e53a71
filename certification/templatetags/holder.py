"""The applicant's panel on the application page: remarks, decisions, invoices, nonconformities
with their corrective actions, the certificate. Reads only; the page has already checked access."""

from django import template
from django.db.models import Prefetch

from audits.models import CorrectiveAction
from audits.services import can_verify

from ..forms import VerifyForm
from ..models import ANSWERING_STATES, AppState, MeetingState

register = template.Library()


@register.simple_tag
def open_remarks(application) -> list:
    """GOST 8.10: what the applicant must still complete, in this round."""
    return list(application.remarks.filter(closed_at__isnull=True).select_related("document_type"))


@register.filter
def remarks_for(remarks, document_type) -> list:
    """The remarks of one dossier document, shown under its card."""
    return [r for r in remarks or () if r.document_type_id == getattr(document_type, "pk", None)]


@register.inclusion_tag("certification/holder/panel.html", takes_context=True)
def holder_panel(context, application) -> dict:
    user = context["request"].user
    is_member = application.organization.membership_set.filter(user=user).exists()
    nonconformities = list(
        application.nonconformities.issued()
        .select_related("agenda_item__meeting")
        .prefetch_related(
            Prefetch(
                "actions",
                queryset=CorrectiveAction.objects.select_related(
                    "filed_by", "verified_by"
                ).prefetch_related("files"),
            )
        )
    )
    verifier = bool(nonconformities) and can_verify(application, user)
    for nonconformity in nonconformities:
        for action in nonconformity.actions.all():
            if verifier and not action.verified_at:
                action.verify_form = VerifyForm(prefix=f"verify-{action.pk}")
    certificate = getattr(application, "certificate", None)
    return {
        "request": context["request"],
        "csrf_token": context.get("csrf_token"),
        "application": application,
        "is_member": is_member,
        "is_suspended": application.state == AppState.SUSPENDED,
        # GOST 8.16–8.18: the applicant answers a suspension, the act's deadlines while the
        # decision waits, and an annex's own check (the service has the last word).
        "may_answer": application.state in ANSWERING_STATES,
        "remarks": open_remarks(application) if application.state == AppState.RETURNED else [],
        # The decisions sent to the applicant in writing (GOST 8.12, 8.16, 8.17).
        "decisions": list(
            application.agenda_items.filter(meeting__state=MeetingState.CLOSED, adopted=True)
            .select_related("meeting")
            .order_by("meeting__protocol_date", "meeting__protocol_number", "order")
        ),
        "show_invoices": is_member or user.is_secretary or user.is_head,
        "invoices": list(application.invoices.order_by("issued_at")),
        "can_mark_paid": user.is_secretary,
        "nonconformities": nonconformities,
        "can_verify": verifier,
        "certificate": certificate,
    }

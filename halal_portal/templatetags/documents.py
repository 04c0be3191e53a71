"""``{% document_panel obj %}``: the PDFs of an application, certificate, meeting, production
check or sampling act, with their live status, and the «Halal» sign for the holder of a valid
certificate."""

from django import template

from ..document_views import document_row
from ..rendering import documents_for, kinds

register = template.Library()


def _pairs(obj) -> list[tuple[str, object]]:
    """Which documents belong on the page of ``obj``, in the order they are shown: the ones of
    its related objects for the certification's pages, else the kinds made from its model."""
    from certification.models import Application, Certificate, Meeting

    if isinstance(obj, Application):
        conclusion = getattr(obj, "conclusion", None)
        items = obj.agenda_items.order_by("meeting__date", "meeting_id", "order")
        return [
            ("application", obj),
            ("conclusion", conclusion),
            *(("decision_letter", item) for item in items),
        ]
    if isinstance(obj, Certificate):
        # GOST 8.6: the decisions on the certificate (suspension, resumption, withdrawal).
        letters = obj.agenda_items.order_by("meeting__date", "meeting_id", "order")
        return [
            ("certificate", obj),
            *(("certificate_annex", a) for a in obj.annexes.all()),
            *(("decision_letter", item) for item in letters),
        ]
    if isinstance(obj, Meeting):
        return [("protocol", obj), *(("decision_letter", item) for item in obj.items.all())]
    return [(name, obj) for name, kind in kinds().items() if isinstance(obj, kind.model)]


def _mark(obj, user) -> dict | None:
    """The sign's downloads on a certificate's page, or why there are none (GOST 8.6)."""
    from certification import rules
    from certification.models import Certificate

    if not isinstance(obj, Certificate):
        return None
    if not obj.application.organization.membership_set.filter(user=user).exists():
        return None
    return {"certificate": obj, "refusal": rules.mark_refusal(obj, user)}


@register.inclusion_tag("documents/_panel.html", takes_context=True)
def document_panel(context, obj) -> dict:
    request = context["request"]
    documents = documents_for(request.user, _pairs(obj))
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "rows": [document_row(request, document) for document in documents],
        "mark": _mark(obj, request.user),
        "panel_id": f"{obj._meta.model_name}-{obj.pk}",
    }

"""Template helpers of the commission's pages."""

from django import template
from django.utils import timezone

register = template.Library()


@register.simple_tag(takes_context=True)
def commission_panel(context) -> dict:
    """The staff panel of an application page: forms and records for the current user."""
    from ..views.commission import panel_context

    request = context.get("request")
    application = context.get("application")
    if request is None or application is None:
        return {}
    return panel_context(request.user, application)


@register.filter
def days_since(value) -> int | str:
    """Whole days from ``value`` to now (the queue's «days in status»)."""
    if not value:
        return ""
    return (timezone.now() - value).days


# Which decision the evidence is shown for, by the application's state (GOST 8.16–8.17).
EVIDENCE_QUESTION = {
    "production_check": "issue",
    "decision": "issue",
    "suspended": "resume",
}


@register.simple_tag(takes_context=True)
def decision_evidence(context) -> dict | None:
    """For the body's staff: what the next decision on the application rests on and what it
    still lacks, before anyone puts it on the agenda."""
    from .. import evidence

    request = context.get("request")
    application = context.get("application")
    if request is None or application is None or not request.user.is_body_staff:
        return None
    question = EVIDENCE_QUESTION.get(application.state)
    if question is None:
        return None
    found = evidence.findings(application, question=question)
    return {
        "question": question,
        "unmet": [f for f in found if f.blocking],
        "notes": [f for f in found if not f.blocking],
        "basis": evidence.basis(application, question=question),
    }

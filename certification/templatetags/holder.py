"""The applicant's panel on the application page: remarks, decisions, invoices, the certificate;
and the cards the apps above certification register (certification/providers.py). Reads only;
the page has already checked access."""

from django import template
from django.utils.safestring import mark_safe

from .. import providers, selectors

register = template.Library()


@register.simple_tag
def open_remarks(application) -> list:
    """GOST 8.10: what the applicant must still complete, in this round."""
    return selectors.open_remarks(application)


@register.filter
def remarks_for(remarks, document_type) -> list:
    """The remarks of one dossier document, shown under its card."""
    return [r for r in remarks or () if r.document_type_id == getattr(document_type, "pk", None)]


@register.inclusion_tag("certification/holder/panel.html", takes_context=True)
def holder_panel(context, application) -> dict:
    request = context["request"]
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "application": application,
        **selectors.holder_panel(request.user, application),
    }


@register.simple_tag(takes_context=True)
def application_panels(context, application) -> str:
    """The cards registered by the apps above certification (audits: the nonconformities with
    their corrective actions, the production check), each rendered with its own context, as an
    inclusion tag renders its template (the page's context processors are not run again)."""
    request = context["request"]
    base = {"request": request, "csrf_token": context.get("csrf_token"), "application": application}
    engine = context.template.engine
    return mark_safe(  # each card is a template rendered, and escaped, by the engine
        "".join(
            engine.get_template(template_name).render(context.new({**base, **panel}))
            for template_name, panel in providers.application_panels(request, application)
        )
    )

"""``{% document_panel obj %}``: the PDFs of an object's page with their live status, as its app
registered them (halal_portal.rendering.register_page), and the block the app adds for the reader
(the «Halal» sign on a certificate's page)."""

from django import template

from ..document_views import document_row
from ..rendering import documents_for, page_of

register = template.Library()


@register.inclusion_tag("documents/_panel.html", takes_context=True)
def document_panel(context, obj) -> dict:
    request = context["request"]
    page = page_of(obj)
    documents = documents_for(request.user, page.documents(obj))
    extra = page.extra(obj, request.user) if page.extra else None
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "rows": [document_row(request, document) for document in documents],
        "extra": extra,
        "extra_template": page.extra_template,
        "panel_id": f"{obj._meta.model_name}-{obj.pk}",
    }

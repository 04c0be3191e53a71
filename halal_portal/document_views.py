"""Rendered documents on the pages: download, live status, staff retry (halal_portal/rendering.py).

A document is reached only through the selector of the object it belongs to (the application,
the certificate, the meeting…): whoever cannot see the object gets 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from . import rendering
from .downloads import FILE_POLICY
from .models import RenderedDocument


def _visible(request: HttpRequest, document_pk: int) -> RenderedDocument:
    document = get_object_or_404(RenderedDocument, pk=document_pk)
    if not rendering.document_is_visible(request.user, document):
        raise Http404
    return document


def document_row(request: HttpRequest, document: RenderedDocument) -> dict:
    """What templates/documents/_document.html shows for one document."""
    user = request.user
    return {
        "document": document,
        "title": rendering.document_title(document),
        "show_reason": user.is_body_staff,
        "can_retry": user.is_secretary and rendering.can_retry(document),
        "next": request.get_full_path() if request.method == "GET" else "",
    }


@require_GET
@login_required
def pdf_download(request: HttpRequest, document_pk: int) -> HttpResponse:
    document = _visible(request, document_pk)
    if not document.is_ready:
        raise Http404(_("The document is not ready yet."))
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        content_type="application/pdf",
        filename=rendering.document_filename(document),
    )
    response["Content-Security-Policy"] = FILE_POLICY
    return response


@never_cache
@require_GET
@login_required
def pdf_status(request: HttpRequest, document_pk: int) -> JsonResponse:
    """Polled by static/js/documents.js while a document is queued or rendering."""
    document = _visible(request, document_pk)
    row = document_row(request, document)
    row["next"] = request.GET.get("next", "")
    html = render_to_string("documents/_document.html", row, request=request)
    return JsonResponse({"status": document.status, "pending": document.is_pending, "html": html})


@require_POST
@login_required
def pdf_retry(request: HttpRequest, document_pk: int) -> HttpResponse:
    document = _visible(request, document_pk)
    try:
        rendering.document_retry(document=document, by=request.user)  # PermissionDenied: 403
        messages.success(request, _("The document is queued to be rendered again."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("dashboard")

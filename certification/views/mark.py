"""The «Halal» sign of a certificate (Annex В) for its holder, while the certificate is valid."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from .. import rules, selectors
from ..halal_mark import mark_png, mark_svg


def _sign(request: HttpRequest, pk: int, *, extension: str) -> HttpResponse:
    certificate = get_object_or_404(
        selectors.certificate_list_for(request.user).select_related("application__organization"),
        pk=pk,
    )
    if refusal := rules.mark_refusal(certificate, request.user):
        # GOST 8.6
        context = {"message": refusal, "back_url": certificate.get_absolute_url()}
        return render(request, "documents/refused.html", context, status=403)
    if extension == "svg":
        response = HttpResponse(mark_svg(certificate.number), content_type="image/svg+xml")
    else:
        response = HttpResponse(mark_png(certificate.number), content_type="image/png")
    filename = f"halal-{certificate.number.replace('ХП', 'HP')}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"  # a suspended certificate's sign is gone
    return response


@require_GET
@login_required
def certificate_mark_svg(request: HttpRequest, pk: int) -> HttpResponse:
    return _sign(request, pk, extension="svg")


@require_GET
@login_required
def certificate_mark_png(request: HttpRequest, pk: int) -> HttpResponse:
    return _sign(request, pk, extension="png")

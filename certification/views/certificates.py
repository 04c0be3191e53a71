"""Certificates for their holders and the body's staff."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import selectors, services


@login_required
def certificate_list(request: HttpRequest) -> HttpResponse:
    certificates = selectors.certificate_list_for(request.user)
    return render(request, "certification/certificate_list.html", {"certificates": certificates})


@login_required
def certificate_detail(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = get_object_or_404(selectors.certificate_list_for(request.user), pk=pk)
    context = {
        "certificate": certificate,
        "products": certificate.products.filter(annex_request__isnull=True, annex__isnull=True),
        "annexes": certificate.annexes.prefetch_related("products").select_related("meeting"),
        "events": certificate.events.select_related("meeting", "by"),
        "can_sign": request.user.is_head and not certificate.signed_at,
    }
    return render(request, "certification/certificate_detail.html", context)


@login_required
@require_POST
def certificate_sign(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = get_object_or_404(selectors.certificate_list_for(request.user), pk=pk)
    try:
        services.certificate_sign(certificate=certificate, by=request.user)
        messages.success(request, _("The certificate is signed."))
    except PermissionDenied:
        raise
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(certificate)

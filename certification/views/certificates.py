"""Certificates for their holders and the body's staff (GOST 8.17, 8.18, Annexes К and Л)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import selectors, services
from ..forms import CertificateFilterForm
from ..models import FINISHED_STATES, CertificateProduct, CertificateStatus
from ..rules import annex_cutoff, check_annex_allowed

# Only a valid or an expired certificate is renewed.
RENEWABLE = (CertificateStatus.VALID, CertificateStatus.EXPIRED)


def _own_products():
    """The products printed on the certificate itself or in an annex, not the ones requested."""
    return Prefetch(
        "products",
        queryset=CertificateProduct.objects.filter(annex_request__isnull=True).order_by(
            "order", "pk"
        ),
        to_attr="own_products",
    )


@login_required
def certificate_list(request: HttpRequest) -> HttpResponse:
    """The holder's certificates; every certificate for the body's staff, filtered by status."""
    certificates = selectors.certificate_list_for(request.user).prefetch_related(_own_products())
    form = CertificateFilterForm(request.GET or None)
    if form.is_valid():
        if form.cleaned_data["status"]:
            certificates = certificates.filter(status=form.cleaned_data["status"])
        if q := form.cleaned_data["q"].strip():
            certificates = certificates.filter(
                Q(number__icontains=q)
                | Q(manufacturer_name__icontains=q)
                | Q(product_type__icontains=q)
                | Q(products__name__icontains=q)
            ).distinct()
    page = Paginator(certificates.order_by("-number"), 25).get_page(request.GET.get("page"))
    return render(
        request,
        "certification/certificate_list.html",
        {"page": page, "form": form, "show_filters": request.user.is_body_staff},
    )


def is_holder(certificate, user) -> bool:
    return certificate.application.organization.membership_set.filter(user=user).exists()


def annex_refusal(certificate) -> str:
    """Why an annex cannot be requested today (GOST 8.18), or an empty string."""
    try:
        check_annex_allowed(certificate)
    except ValidationError as error:
        return " ".join(error.messages)
    return ""


def open_renewal(certificate):
    return certificate.renewals.exclude(state__in=FINISHED_STATES).order_by("-created_at").first()


@login_required
def certificate_detail(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = get_object_or_404(
        selectors.certificate_list_for(request.user).select_related(
            "application__organization", "signed_by", "category"
        ),
        pk=pk,
    )
    events = list(certificate.events.select_related("meeting", "by"))
    # Л.4.4: with a product type the products are listed in annex No. 1, not on the certificate.
    products = certificate.products.filter(
        annex_request__isnull=True, annex__isnull=True
    ).select_related("category", "normative_document")
    annexes = certificate.annexes.select_related("meeting", "request").prefetch_related(
        Prefetch(
            "products",
            queryset=CertificateProduct.objects.select_related("category", "normative_document"),
        )
    )
    holder = is_holder(certificate, request.user)
    status_event = next(
        (e for e in reversed(events) if e.kind != "annex" and e.status == certificate.status), None
    )
    context = {
        "certificate": certificate,
        "products": products,
        "annexes": annexes,
        "events": events,
        "status_event": status_event,
        "annex_requests": certificate.annex_requests.select_related(
            "requested_by", "annex"
        ).prefetch_related(
            Prefetch(
                "products",
                queryset=CertificateProduct.objects.select_related(
                    "category", "normative_document"
                ),
            )
        ),
        "is_holder": holder,
        # Staff who see every certificate do not all see every application behind one.
        "application_visible": selectors.application_list_for(request.user)
        .filter(pk=certificate.application_id)
        .exists(),
        "can_sign": request.user.is_head and not certificate.signed_at,
        "annex_refusal": annex_refusal(certificate) if holder else "",
        "annex_cutoff": annex_cutoff(certificate),
        "can_renew": holder and certificate.status in RENEWABLE,
        "renewal": open_renewal(certificate) if holder else None,
    }
    return render(request, "certification/certificate_detail.html", context)


def _next_or(request: HttpRequest, fallback):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(fallback)


@login_required
@require_POST
def certificate_sign(request: HttpRequest, pk: int) -> HttpResponse:
    """Л.4.6: the head signs; anyone else who can see the certificate gets 403."""
    certificate = get_object_or_404(selectors.certificate_list_for(request.user), pk=pk)
    try:
        services.certificate_sign(certificate=certificate, by=request.user)
        messages.success(
            request, _("Certificate %(number)s is signed.") % {"number": certificate.number}
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _next_or(request, certificate)


@login_required
def to_sign(request: HttpRequest) -> HttpResponse:
    """The head's list of issued certificates that await the signature (Л.4.6)."""
    if not request.user.is_head:
        raise PermissionDenied
    certificates = (
        selectors.certificate_list_for(request.user)
        .filter(signed_at__isnull=True)
        .select_related("application")
        .order_by("issued_at", "pk")
    )
    return render(request, "certification/to_sign.html", {"certificates": certificates})

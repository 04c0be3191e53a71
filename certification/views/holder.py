"""What the certificate holder does: annex requests (GOST 8.18), renewal, invoices (8.19); and
the staff's answers to them. (Corrective actions while the work is suspended are audits'.)"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from halal_portal.forms import add_validation_errors

from .. import selectors, services
from ..forms import AnnexProductFormSet, AnnexRequestForm
from ..models import Invoice, InvoiceState
from .certificates import RENEWABLE, _next_or, annex_refusal, is_holder, open_renewal


def _holder_certificate(request: HttpRequest, pk: int):
    """A certificate the user can see; acting on it is for its holder only (403 otherwise)."""
    certificate = get_object_or_404(
        selectors.certificate_list_for(request.user).select_related("application__organization"),
        pk=pk,
    )
    if not is_holder(certificate, request.user):
        raise PermissionDenied
    return certificate


@login_required
def annex_request(request: HttpRequest, pk: int) -> HttpResponse:
    """GOST 8.18: ask for an annex adding products to a valid certificate."""
    certificate = _holder_certificate(request, pk)
    refusal = annex_refusal(certificate)
    form = AnnexRequestForm(request.POST or None)
    formset = AnnexProductFormSet(request.POST or None, prefix="products")
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid() and formset.is_valid():
            products = [f.cleaned_data for f in formset.forms if f.has_changed() and f.cleaned_data]
            try:
                services.annex_request_create(
                    certificate=certificate,
                    by=request.user,
                    products=products,
                    note=form.cleaned_data["note"],
                )
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(
                    request,
                    _("The request for an annex to %(number)s is sent.")
                    % {"number": certificate.number},
                )
                return redirect(certificate)
    context = {
        "certificate": certificate,
        "form": form,
        "formset": formset,
        "refusal": refusal,
    }
    return render(request, "certification/holder/annex_request.html", context, status=status)


@login_required
@require_POST
def certificate_renew(request: HttpRequest, pk: int) -> HttpResponse:
    """A new application prefilled from the certificate's; one renewal at a time."""
    certificate = _holder_certificate(request, pk)
    existing = open_renewal(certificate)
    if existing is not None:
        messages.info(request, _("The renewal of this certificate is already under way."))
        return redirect(existing)
    if certificate.status not in RENEWABLE:
        messages.error(
            request,
            _("Certificate %(number)s is «%(status)s» and cannot be renewed.")
            % {"number": certificate.number, "status": certificate.get_status_display()},
        )
        return redirect(certificate)
    application = services.application_renew(certificate=certificate, by=request.user)
    messages.success(
        request,
        _("Application %(number)s renews certificate %(certificate)s. Check what has changed.")
        % {"number": application.number, "certificate": certificate.number},
    )
    return redirect("certification:application-step", pk=application.pk, step="organization")


@login_required
def invoice_list(request: HttpRequest) -> HttpResponse:
    """GOST 8.19: the applicant's invoices; the secretary's unpaid ones."""
    user = request.user
    staff_view = user.is_secretary or user.is_head
    if staff_view:
        invoices = Invoice.objects.filter(
            state=InvoiceState.ISSUED, application__in=selectors.application_list_for(user)
        ).order_by("issued_at")
    else:
        invoices = Invoice.objects.filter(application__in=selectors.application_list_own(user))
    invoices = invoices.select_related("application")
    page = Paginator(invoices, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "certification/holder/invoice_list.html",
        {"page": page, "staff_view": staff_view, "can_mark_paid": user.is_secretary},
    )


@login_required
@require_POST
def invoice_mark_paid(request: HttpRequest, pk: int, invoice_pk: int) -> HttpResponse:
    application = get_object_or_404(selectors.application_list_for(request.user), pk=pk)
    invoice = get_object_or_404(application.invoices.all(), pk=invoice_pk)
    try:
        services.invoice_mark_paid(invoice=invoice, by=request.user)
        messages.success(
            request, _("Invoice %(number)s is marked paid.") % {"number": invoice.number}
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _next_or(request, application)

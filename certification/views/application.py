from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_fsm import TransitionNotAllowed

from accounts.models import Organization
from halal_portal.downloads import file_download
from halal_portal.forms import add_validation_errors

from .. import rules, selectors, services
from ..forms import (
    ApplicationOrganizationForm,
    ApplicationStandardForm,
    DeclarationSignForm,
    ProductForm,
    QueueFilterForm,
    UploadForm,
)
from ..models import ApplicationProduct, DossierFile
from ..models_support import applicable_document_types

# Lazy: the labels are read in each request's language, not the one active at import.
STEPS = [
    ("organization", gettext_lazy("Organization")),
    ("products", gettext_lazy("Products")),
    ("documents", gettext_lazy("Documents")),
    ("declaration", gettext_lazy("Declaration")),
    ("review", gettext_lazy("Review and submit")),
]
STEP_NAMES = [name for name, _label in STEPS]

# The declaration's two guarantees, in the words of GOST 8.9 (the Russian catalog keeps them
# word for word); the reader sees them in their language.
DECLARATION_GUARANTEES = [
    gettext_lazy(
        "no raw or auxiliary materials that are haram or made from haram were used in producing "
        "the «Halal» products: forbidden animals or their parts and organs, plants, etc. of the "
        "«Haram» category, including those made with GMOs from products that are haram, etc.;"
    ),
    gettext_lazy(
        "the products and the production processes meet the requirements of this standard."
    ),
]


def _get_application(request: HttpRequest, pk: int):
    return get_object_or_404(selectors.application_list_for(request.user), pk=pk)


def _get_editable(request: HttpRequest, pk: int):
    """An application of the user's own organization; anyone else gets 404."""
    return get_object_or_404(selectors.application_list_own(request.user), pk=pk)


def _wants_json(request: HttpRequest) -> bool:
    return request.headers.get("Accept", "").startswith("application/json")


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user.is_secretary or user.is_head:
        return redirect("certification:queue")
    if user.is_commission_member:
        return redirect("certification:awaiting")
    if not user.membership_set.exists() and not user.is_body_staff:
        return redirect("accounts:organization")
    return redirect("certification:application-list")


@login_required
def application_list(request: HttpRequest) -> HttpResponse:
    applications = selectors.application_list_own(request.user).annotate(
        product_count=Count("products")
    )
    organizations = Organization.objects.filter(membership__user=request.user)
    return render(
        request,
        "certification/application_list.html",
        {"applications": applications, "organizations": organizations},
    )


@login_required
@require_POST
def application_create(request: HttpRequest) -> HttpResponse:
    organization = get_object_or_404(
        Organization.objects.filter(membership__user=request.user),
        pk=request.POST.get("organization"),
    )
    application = services.application_create(organization=organization, by=request.user)
    messages.success(request, _("A new application is created. Fill it in step by step."))
    return redirect("certification:application-step", pk=application.pk, step="organization")


@login_required
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = _get_application(request, pk)
    context = {
        "application": application,
        "products": application.products.select_related("category", "normative_document"),
        "files": selectors.current_files(application),
        "timeline": application.transitions.select_related("by"),
        "declarations": application.declarations.select_related("normative_document"),
        "is_member": application.organization.membership_set.filter(user=request.user).exists(),
    }
    return render(request, "certification/application_detail.html", context)


def _step_context(application, step: str) -> dict:
    missing = rules.missing_requirements(application)
    done = {name: not any(m.step == name for m in missing) for name in STEP_NAMES}
    done["review"] = not missing
    index = STEP_NAMES.index(step)
    return {
        "application": application,
        "steps": STEPS,
        "step": step,
        "step_done": done,
        "missing": missing,
        "progress": round(100 * sum(done.values()) / len(done)),
        "previous_step": STEP_NAMES[index - 1] if index else None,
        "next_step": STEP_NAMES[index + 1] if index + 1 < len(STEP_NAMES) else None,
    }


@login_required
def application_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """The step-by-step application: each step saves on its own, nothing is lost between."""
    if step not in STEP_NAMES:
        raise Http404
    application = _get_editable(request, pk)
    if not application.is_editable:
        messages.info(request, _("The application is submitted and can no longer be changed."))
        return redirect(application)
    handler = {
        "organization": _step_organization,
        "products": _step_products,
        "documents": _step_documents,
        "declaration": _step_declaration,
        "review": _step_review,
    }[step]
    return handler(request, application)


def _save_and_continue(request, application, step: str, next_step: str | None):
    messages.success(request, _("Saved."))
    wants_next = "continue" in request.POST or "continue" in request.POST.getlist("save_standard")
    if wants_next and next_step:
        step = next_step
    return redirect("certification:application-step", pk=application.pk, step=step)


def _step_organization(request, application):
    form = ApplicationOrganizationForm(request.POST or None, instance=application)
    if request.method == "POST" and form.is_valid():
        services.application_update(
            application=application, by=request.user, data=form.cleaned_data
        )
        return _save_and_continue(request, application, "organization", "products")
    context = _step_context(application, "organization") | {"form": form}
    return render(request, "certification/step_organization.html", context, status=_status(form))


def _status(*forms) -> int:
    return 400 if any(f.is_bound and f.errors for f in forms) else 200


def _step_products(request, application):
    standard_form = ApplicationStandardForm(
        request.POST if "save_standard" in request.POST else None, instance=application
    )
    edit_pk = request.GET.get("edit") or request.POST.get("product")
    product = get_object_or_404(application.products.all(), pk=edit_pk) if edit_pk else None
    product_form = ProductForm(
        request.POST if "save_product" in request.POST else None,
        instance=product,
        prefix="product",
    )
    if request.method == "POST":
        if "save_standard" in request.POST and standard_form.is_valid():
            services.application_update(
                application=application, by=request.user, data=standard_form.cleaned_data
            )
            return _save_and_continue(request, application, "products", "documents")
        if "save_product" in request.POST and product_form.is_valid():
            try:
                services.product_save(
                    application=application,
                    by=request.user,
                    data=product_form.cleaned_data,
                    product=product,
                )
            except ValidationError as error:
                add_validation_errors(product_form, error)
            else:
                messages.success(request, _("The product is saved."))
                return redirect(
                    "certification:application-step", pk=application.pk, step="products"
                )
    context = _step_context(application, "products") | {
        "standard_form": standard_form,
        "product_form": product_form,
        "editing": product,
        "products": application.products.select_related("category", "normative_document"),
    }
    return render(
        request,
        "certification/step_products.html",
        context,
        status=_status(standard_form, product_form),
    )


@login_required
@require_POST
def product_delete(request: HttpRequest, pk: int, product_pk: int) -> HttpResponse:
    application = _get_editable(request, pk)
    product = get_object_or_404(ApplicationProduct, pk=product_pk, application=application)
    try:
        services.product_delete(product=product, by=request.user)
        messages.success(request, _("The product is removed."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("certification:application-step", pk=application.pk, step="products")


def _document_rows(application):
    products = list(application.products.select_related("category"))
    files = list(selectors.current_files(application))
    rows = []
    for doc_type in applicable_document_types(products):
        if doc_type.signed_online:
            continue
        rows.append(
            {"type": doc_type, "files": [f for f in files if f.document_type_id == doc_type.pk]}
        )
    return rows


def _step_documents(request, application):
    context = _step_context(application, "documents") | {
        "rows": _document_rows(application),
        "max_mb": _max_mb(),
    }
    return render(request, "certification/step_documents.html", context)


def _max_mb() -> int:
    return settings.UPLOAD_MAX_BYTES // (1024 * 1024)


@login_required
@require_POST
def document_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload one or more files for one dossier document (GOST 8.8). Each file is checked on its
    own; a refused file is named with its reason and leaves nothing behind."""
    application = _get_editable(request, pk)
    form = UploadForm(request.POST)
    uploads = request.FILES.getlist("files")
    errors: list[str] = []
    saved: list[DossierFile] = []
    if not form.is_valid():
        errors.append(_("Choose which document the files are for."))
    elif not uploads:
        errors.append(_("Choose at least one file."))
    else:
        replaces = None
        if form.cleaned_data.get("replaces"):
            replaces = get_object_or_404(
                DossierFile, pk=form.cleaned_data["replaces"], application=application
            )
        for upload in uploads:
            try:
                saved.append(
                    services.dossier_file_add(
                        application=application,
                        document_type=form.cleaned_data["document_type"],
                        upload=upload,
                        by=request.user,
                        replaces=replaces,
                    )
                )
                replaces = None  # one file replaces the old one; the rest are added beside it
            except ValidationError as error:
                errors.extend(error.messages)
    status = 400 if errors and not saved else 200
    if _wants_json(request):
        return JsonResponse(
            {
                "saved": [{"id": f.pk, "name": f.original_name, "size": f.size} for f in saved],
                "errors": errors,
            },
            status=status,
        )
    for f in saved:
        messages.success(request, _("«%(name)s» is uploaded.") % {"name": f.original_name})
    for error in errors:
        messages.error(request, error)
    return redirect("certification:application-step", pk=application.pk, step="documents")


@login_required
@require_POST
def document_remove(request: HttpRequest, pk: int, file_pk: int) -> HttpResponse:
    application = _get_editable(request, pk)
    dossier_file = get_object_or_404(
        DossierFile, pk=file_pk, application=application, superseded_at__isnull=True
    )
    try:
        services.dossier_file_remove(dossier_file=dossier_file, by=request.user)
        messages.success(
            request, _("«%(name)s» is removed.") % {"name": dossier_file.original_name}
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("certification:application-step", pk=application.pk, step="documents")


@login_required
def document_download(request: HttpRequest, pk: int, file_pk: int) -> HttpResponse:
    """The only way to a dossier file: the user must be allowed to see the application."""
    application = _get_application(request, pk)
    dossier_file = get_object_or_404(DossierFile, pk=file_pk, application=application)
    return file_download(dossier_file)


def _step_declaration(request, application):
    products = list(application.products.select_related("normative_document"))
    signed = {d.normative_document_id: d for d in application.declarations.all()}
    unsigned = {nd.pk for nd in rules.unsigned_declaration_groups(application, products)}
    groups = [
        {"nd": nd, "products": group, "signed": signed.get(nd.pk), "valid": nd.pk not in unsigned}
        for nd, group in rules.declaration_groups(products).items()
    ]
    context = _step_context(application, "declaration") | {
        "groups": groups,
        "guarantees": DECLARATION_GUARANTEES,
    }
    return render(request, "certification/step_declaration.html", context)


@login_required
@require_POST
def declaration_sign(request: HttpRequest, pk: int) -> HttpResponse:
    application = _get_editable(request, pk)
    form = DeclarationSignForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tick the box to confirm the guarantees, then sign."))
    else:
        try:
            services.declaration_sign(
                application=application,
                normative_document=form.cleaned_data["normative_document"],
                by=request.user,
            )
            messages.success(request, _("The declaration is signed."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    return redirect("certification:application-step", pk=application.pk, step="declaration")


def _step_review(request, application):
    context = _step_context(application, "review") | {
        "products": application.products.select_related("category", "normative_document"),
        "files": selectors.current_files(application),
        "declarations": application.declarations.select_related("normative_document"),
    }
    return render(request, "certification/step_review.html", context)


@login_required
@require_POST
def application_submit(request: HttpRequest, pk: int) -> HttpResponse:
    application = _get_editable(request, pk)
    try:
        services.application_submit(application=application, by=request.user)
    except TransitionNotAllowed:
        missing = rules.missing_requirements(application)
        if missing:
            messages.error(request, _("The application cannot be submitted yet. Missing:"))
            for item in missing:
                messages.error(request, str(item))
            return redirect("certification:application-step", pk=application.pk, step="review")
        messages.error(request, _("This application cannot be submitted in its current status."))
        return redirect(application)
    messages.success(request, _("The application is submitted."))
    return redirect(application)


@login_required
@require_POST
def application_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    application = _get_editable(request, pk)
    try:
        services.application_withdraw(application=application, by=request.user)
        messages.success(request, _("The application is withdrawn."))
    except TransitionNotAllowed:
        messages.error(request, _("This application cannot be withdrawn in its current status."))
    return redirect(application)


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    """The secretary's queue: applications by status with the days spent in it."""
    if not (request.user.is_secretary or request.user.is_head):
        raise PermissionDenied
    form = QueueFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    applications = selectors.application_queue(
        state=filters.get("state") or None, q=filters.get("q", "")
    )
    page = Paginator(applications, 25).get_page(request.GET.get("page"))
    return render(request, "certification/queue.html", {"form": form, "page": page})

"""The slaughterhouse register (GOST 7.6.2–7.6.4): kept by the enterprise, read by the body's
staff and the expert-auditors who check it (the readers of its journals)."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audits.views.journal import journal_organization
from halal_portal.downloads import file_download
from halal_portal.forms import add_validation_errors

from .. import selectors, services
from ..forms import (
    KnifeForm,
    LineForm,
    RoomForm,
    SlaughterhouseForm,
    WorkerDocumentForm,
    WorkerForm,
    WorkerRemoveForm,
)
from ..models import Knife, Line
from ..permissions import can_keep_register


def _register_url(organization) -> str:
    return reverse("slaughter:register", kwargs={"org_pk": organization.pk})


def _keeper_organization(request: HttpRequest, org_pk: int):
    organization = journal_organization(request, org_pk)
    if not can_keep_register(organization, request.user):
        raise PermissionDenied
    return organization


def _form_page(
    request: HttpRequest,
    *,
    organization,
    form: Form,
    save: Callable[[dict], object],
    title: str,
    lead: str = "",
    multipart: bool = False,
) -> HttpResponse:
    """Parse, call the service, redirect to the register; a refusal shows on the form (400)."""
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                save(form.cleaned_data)
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, _("The register is updated."))
                return redirect(_register_url(organization))
    context = {
        "organization": organization,
        "form": form,
        "title": title,
        "lead": lead,
        "multipart": multipart,
    }
    return render(request, "slaughter/register_form.html", context, status=status)


@login_required
def register(request: HttpRequest, org_pk: int) -> HttpResponse:
    organization = journal_organization(request, org_pk)
    today = timezone.localdate()
    houses = [
        {"slaughterhouse": house, "rows": selectors.register_on(house, today)}
        for house in selectors.slaughterhouses(organization)
    ]
    context = {
        "organization": organization,
        "slaughterhouses": houses,
        "today": today,
        "expiring": selectors.documents_expiring(selectors.documents_of(organization), today=today),
        "warning_days": selectors.EXPIRY_WARNING_DAYS,
        "can_keep": can_keep_register(organization, request.user),
    }
    return render(request, "slaughter/register.html", context)


@login_required
def slaughterhouse_create(request: HttpRequest, org_pk: int) -> HttpResponse:
    organization = _keeper_organization(request, org_pk)
    return _form_page(
        request,
        organization=organization,
        form=SlaughterhouseForm(request.POST or None),
        save=lambda data: services.slaughterhouse_create(
            organization=organization, by=request.user, data=data
        ),
        title=_("Add a slaughterhouse"),
    )


@login_required
def worker_create(request: HttpRequest, org_pk: int, house_pk: int) -> HttpResponse:
    organization = _keeper_organization(request, org_pk)
    house = get_object_or_404(organization.slaughterhouses, pk=house_pk)
    return _form_page(
        request,
        organization=organization,
        form=WorkerForm(request.POST or None, organization=organization),
        save=lambda data: services.worker_register(
            slaughterhouse=house, by=request.user, data=data
        ),
        title=_("Add a person to the register of %(place)s") % {"place": house},
        lead=_(
            "GOST 7.6.2–7.6.4: slaughterers, stunning operators and halal controllers. Then add "
            "each person's documents: the qualification or training document, the permit of "
            "the authorized organization (slaughterers and controllers) and the medical "
            "certificate."
        ),
    )


@login_required
def document_add(request: HttpRequest, org_pk: int, worker_pk: int) -> HttpResponse:
    organization = _keeper_organization(request, org_pk)
    worker = get_object_or_404(selectors.workers_of(organization), pk=worker_pk)
    return _form_page(
        request,
        organization=organization,
        form=WorkerDocumentForm(request.POST or None, request.FILES or None),
        save=lambda data: services.worker_document_add(
            worker=worker, by=request.user, data=data, upload=data.get("file")
        ),
        title=_("Add a document of %(name)s") % {"name": worker.full_name},
        multipart=True,
    )


@login_required
def worker_remove(request: HttpRequest, org_pk: int, worker_pk: int) -> HttpResponse:
    organization = _keeper_organization(request, org_pk)
    worker = get_object_or_404(selectors.workers_of(organization), pk=worker_pk)
    return _form_page(
        request,
        organization=organization,
        form=WorkerRemoveForm(request.POST or None, initial={"left_on": timezone.localdate()}),
        save=lambda data: services.worker_remove(
            worker=worker, by=request.user, left_on=data["left_on"]
        ),
        title=_("%(name)s leaves the register") % {"name": worker.full_name},
        lead=_("The person's past work and documents stay on the register as they were."),
    )


@login_required
def room_create(request: HttpRequest, org_pk: int, house_pk: int) -> HttpResponse:
    organization = _keeper_organization(request, org_pk)
    house = get_object_or_404(organization.slaughterhouses, pk=house_pk)
    return _form_page(
        request,
        organization=organization,
        form=RoomForm(request.POST or None),
        save=lambda data: services.room_create(slaughterhouse=house, by=request.user, data=data),
        title=_("Add a room to %(place)s") % {"place": house},
    )


@login_required
def line_create(request: HttpRequest, org_pk: int, house_pk: int) -> HttpResponse:
    organization = _keeper_organization(request, org_pk)
    house = get_object_or_404(organization.slaughterhouses, pk=house_pk)
    return _form_page(
        request,
        organization=organization,
        form=LineForm(request.POST or None, slaughterhouse=house),
        save=lambda data: services.line_create(slaughterhouse=house, by=request.user, data=data),
        title=_("Add a slaughter line to %(place)s") % {"place": house},
    )


@login_required
def knife_create(request: HttpRequest, org_pk: int, line_pk: int) -> HttpResponse:
    organization = _keeper_organization(request, org_pk)
    line = get_object_or_404(Line, pk=line_pk, slaughterhouse__organization=organization)
    return _form_page(
        request,
        organization=organization,
        form=KnifeForm(request.POST or None),
        save=lambda data: services.knife_register(line=line, by=request.user, data=data),
        title=_("Add a knife to the line %(line)s") % {"line": line},
        lead=_(
            "GOST 7.6.5: a sharp knife of a material without claws, teeth or bone; its blade at "
            "least twice the neck of cattle and small ruminants, four times the neck of poultry."
        ),
    )


@login_required
@require_POST
def knife_retire(request: HttpRequest, org_pk: int, knife_pk: int) -> HttpResponse:
    organization = _keeper_organization(request, org_pk)
    knife = get_object_or_404(Knife, pk=knife_pk, line__slaughterhouse__organization=organization)
    try:
        services.knife_retire(knife=knife, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The register is updated."))
    return redirect(_register_url(organization))


@login_required
def document(request: HttpRequest, org_pk: int, register_document_pk: int) -> FileResponse:
    """The only way to a register document: the user must read the enterprise's records."""
    organization = journal_organization(request, org_pk)
    doc = get_object_or_404(selectors.documents_of(organization), pk=register_document_pk)
    return file_download(doc)

"""The enterprise's sanitation journal (GOST 7.1, Annex Б): kept by its halal controller, read
by the body's staff and the expert-auditors who check the enterprise."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from halal_portal.forms import add_validation_errors

from .. import permissions, selectors, services
from ..forms import SanitationEntryForm
from ..journals import journal_organization, journal_period
from ..models import CleaningKind


@login_required
def journal(request: HttpRequest, org_pk: int) -> HttpResponse:
    organization = journal_organization(request, org_pk)
    entries = selectors.journal_entries(organization)
    kind = request.GET.get("kind", "")
    if kind in CleaningKind.values:
        entries = entries.filter(kind=kind)
    entries, date_from, date_to = journal_period(request, entries)
    context = {
        "organization": organization,
        "page": Paginator(entries, 50).get_page(request.GET.get("page")),
        "kind": kind,
        "kinds": CleaningKind.choices,
        "date_from": date_from,
        "date_to": date_to,
        "can_write": permissions.can_write_journal(organization, request.user),
    }
    return render(request, "audits/journal.html", context)


@login_required
def journal_entry_create(request: HttpRequest, org_pk: int) -> HttpResponse:
    """GOST 7.1: the halal controller records and signs a cleaning."""
    organization = journal_organization(request, org_pk)
    if not permissions.can_write_journal(organization, request.user):
        raise PermissionDenied
    form = SanitationEntryForm(request.POST or None, initial={"date": timezone.localdate()})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                entry = services.sanitation_entry_record(
                    organization=organization, by=request.user, data=form.cleaned_data
                )
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, _("The entry is recorded and signed."))
                return redirect(entry)
    context = {"organization": organization, "form": form}
    return render(request, "audits/journal_entry_form.html", context, status=status)


@login_required
def journal_entry(request: HttpRequest, org_pk: int, entry_pk: int) -> HttpResponse:
    organization = journal_organization(request, org_pk)
    entry = get_object_or_404(selectors.journal_entries(organization), pk=entry_pk)
    return render(
        request, "audits/journal_entry.html", {"organization": organization, "entry": entry}
    )

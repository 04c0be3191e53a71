"""The slaughter journal (GOST 7.6): kept by the slaughterhouse's halal controller, read by the
body's staff and the expert-auditors who check the enterprise."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from audits.journals import journal_organization, journal_period
from audits.permissions import can_write_journal
from halal_portal.forms import add_validation_errors

from . import selectors, services
from .forms import SlaughterEntryForm
from .models import Species


@login_required
def journal(request: HttpRequest, org_pk: int) -> HttpResponse:
    organization = journal_organization(request, org_pk)
    entries = selectors.slaughter_entries(organization)
    species = request.GET.get("species", "")
    if species in Species.values:
        entries = entries.filter(species=species)
    entries, date_from, date_to = journal_period(request, entries)
    context = {
        "organization": organization,
        "page": Paginator(entries, 50).get_page(request.GET.get("page")),
        "species": species,
        "species_choices": Species.choices,
        "date_from": date_from,
        "date_to": date_to,
        "can_write": can_write_journal(organization, request.user),
    }
    return render(request, "slaughter/journal.html", context)


@login_required
def entry_create(request: HttpRequest, org_pk: int) -> HttpResponse:
    """GOST 7.6.4: the halal controller records and signs a slaughtered batch."""
    organization = journal_organization(request, org_pk)
    if not can_write_journal(organization, request.user):
        raise PermissionDenied
    form = SlaughterEntryForm(request.POST or None, initial={"date": timezone.localdate()})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                entry = services.slaughter_entry_record(
                    organization=organization, by=request.user, data=form.cleaned_data
                )
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, _("The entry is recorded and signed."))
                return redirect(entry)
    context = {"organization": organization, "form": form}
    return render(request, "slaughter/entry_form.html", context, status=status)


@login_required
def entry(request: HttpRequest, org_pk: int, slaughter_pk: int) -> HttpResponse:
    organization = journal_organization(request, org_pk)
    entry = get_object_or_404(selectors.slaughter_entries(organization), pk=slaughter_pk)
    return render(request, "slaughter/entry.html", {"organization": organization, "entry": entry})

"""Corrective actions while the work is suspended (GOST 8.16): the applicant files them with
evidence against each nonconformity; the secretary or an expert-auditor of the check verifies
them. Their card on the application page is audits/panels.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from certification import selectors as certification_selectors
from certification.models import AppState
from halal_portal.downloads import file_download
from halal_portal.forms import add_validation_errors

from .. import rules, services
from ..forms import CorrectiveActionForm, VerifyForm
from ..models import CorrectiveAction, EvidenceFile


@login_required
def corrective_action_create(request: HttpRequest, pk: int, nonconformity_pk: int) -> HttpResponse:
    """GOST 8.16: the applicant answers one nonconformity with its cause, action and evidence."""
    application = get_object_or_404(
        certification_selectors.application_list_own(request.user), pk=pk
    )
    nonconformity = get_object_or_404(application.nonconformities.issued(), pk=nonconformity_pk)
    form = CorrectiveActionForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.corrective_action_file(
                    nonconformity=nonconformity,
                    by=request.user,
                    cause=form.cleaned_data["cause"],
                    action=form.cleaned_data["action"],
                    done_on=form.cleaned_data["done_on"],
                    uploads=form.cleaned_data["files"],
                )
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, _("The corrective action is filed."))
                return redirect(application)
    context = {
        "application": application,
        "nonconformity": nonconformity,
        "actions": nonconformity.actions.prefetch_related("files").select_related("verified_by"),
        "form": form,
        "is_suspended": application.state == AppState.SUSPENDED,
    }
    return render(request, "audits/corrective_action.html", context, status=status)


@login_required
@require_POST
def corrective_action_verify(request: HttpRequest, pk: int, action_pk: int) -> HttpResponse:
    application = get_object_or_404(
        certification_selectors.application_list_for(request.user), pk=pk
    )
    action = get_object_or_404(
        CorrectiveAction.objects.select_related("nonconformity__application"),
        pk=action_pk,
        nonconformity__application=application,
    )
    if not rules.can_verify(application, request.user):
        raise PermissionDenied
    form = VerifyForm(request.POST, prefix=f"verify-{action.pk}")
    if not form.is_valid():
        messages.error(request, _("Choose whether the action is accepted."))
        return redirect(application)
    try:
        services.corrective_action_verify(
            action=action,
            by=request.user,
            accepted=form.cleaned_data["accepted"],
            note=form.cleaned_data["note"],
        )
        messages.success(request, _("The verification is recorded."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(application)


@login_required
def evidence_download(request: HttpRequest, pk: int, evidence_pk: int) -> HttpResponse:
    """The only way to an evidence file: the user must be allowed to see the application."""
    application = get_object_or_404(
        certification_selectors.application_list_for(request.user), pk=pk
    )
    evidence = get_object_or_404(
        EvidenceFile, pk=evidence_pk, action__nonconformity__application=application
    )
    return file_download(evidence)

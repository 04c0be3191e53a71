"""What the auditor attaches to an item of the production-check act (GOST 8.16, Annex Ж): its
nonconformities, each with a deadline unless corrected on the spot, and the photos and documents
that support it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from halal_portal.downloads import file_download
from halal_portal.forms import add_validation_errors

from .. import permissions, selectors, services
from ..forms import ActEvidenceForm, NonconformityForm
from ..models import Nonconformity, ProductionCheckAct
from .act import _get_act, _section_page
from .check import error_text, refusal_status


def _get_result(act: ProductionCheckAct, result_pk: int):
    return get_object_or_404(selectors.item_result_list(act), pk=result_pk)


@login_required
@require_POST
def nonconformity_add(request: HttpRequest, check_pk: int, result_pk: int) -> HttpResponse:
    """GOST 8.16: a nonconformity on an item, with a deadline unless corrected on the spot."""
    act = _get_act(request, check_pk)
    result = _get_result(act, result_pk)
    number = result.item.section.number
    if not permissions.can_draw_up_act(act.production_check, request.user):
        raise PermissionDenied
    form = NonconformityForm(request.POST, prefix=f"nc-{result.pk}")
    if form.is_valid():
        try:
            services.nonconformity_add(result=result, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            if getattr(error, "code", None) == "state":
                messages.error(request, error_text(error))
                return _section_page(request, act, number, status=409)
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The nonconformity is recorded."))
            return redirect(
                reverse("audits:act-section", kwargs={"check_pk": check_pk, "section": number})
                + f"#item-{result.item_id}"
            )
    return _section_page(request, act, number, bound=form, status=400)


@login_required
@require_POST
def nonconformity_remove(request: HttpRequest, check_pk: int, nonconformity_pk: int):
    act = _get_act(request, check_pk)

    nonconformity = get_object_or_404(
        Nonconformity.objects.select_related("item_result__item__section"),
        pk=nonconformity_pk,
        item_result__act=act,
    )
    number = nonconformity.item_result.item.section.number
    try:
        services.nonconformity_remove(nonconformity=nonconformity, by=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return _section_page(request, act, number, status=refusal_status(error))
    messages.success(request, _("The nonconformity is removed from the act."))
    return redirect("audits:act-section", check_pk=check_pk, section=number)


@login_required
@require_POST
def act_evidence_add(request: HttpRequest, check_pk: int, result_pk: int) -> HttpResponse:
    act = _get_act(request, check_pk)
    result = _get_result(act, result_pk)
    number = result.item.section.number
    if not permissions.can_draw_up_act(act.production_check, request.user):
        raise PermissionDenied
    form = ActEvidenceForm(request.POST, request.FILES, prefix=f"ev-{result.pk}")
    if form.is_valid():
        try:
            services.act_evidence_add(
                result=result,
                by=request.user,
                upload=form.cleaned_data["file"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as error:
            if getattr(error, "code", None) == "state":
                messages.error(request, error_text(error))
                return _section_page(request, act, number, status=409)
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The file is attached."))
            return redirect(
                reverse("audits:act-section", kwargs={"check_pk": check_pk, "section": number})
                + f"#item-{result.item_id}"
            )
    return _section_page(request, act, number, bound=form, status=400)


def _get_evidence(request, check_pk: int, evidence_file_pk: int):
    act = _get_act(request, check_pk)
    evidence = get_object_or_404(
        selectors.act_evidence_list_for(request.user).filter(result__act=act),
        pk=evidence_file_pk,
    )
    return act, evidence


@login_required
def act_evidence(request: HttpRequest, check_pk: int, evidence_file_pk: int) -> HttpResponse:
    """The only way to an evidence file: the user must be allowed to see the act."""
    _act, evidence = _get_evidence(request, check_pk, evidence_file_pk)
    return file_download(evidence)


@login_required
@require_POST
def act_evidence_remove(request: HttpRequest, check_pk: int, evidence_file_pk: int):
    act, evidence = _get_evidence(request, check_pk, evidence_file_pk)
    number = evidence.result.item.section.number
    try:
        services.act_evidence_remove(evidence=evidence, by=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return _section_page(request, act, number, status=refusal_status(error))
    messages.success(request, _("The file is removed."))
    return redirect("audits:act-section", check_pk=check_pk, section=number)

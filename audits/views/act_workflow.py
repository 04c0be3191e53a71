"""The production-check act's way from the draft to the enterprise head's receipt (GOST 8.16):
one view per transition of its state machine; a refusal shows on the act's page with its
reason (409 for the state, 400 for the input)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from halal_portal.errors import REFUSALS, refusal_status, refusal_text

from .. import permissions, services
from ..forms import ActReturnForm
from .act import act_page, get_act


def _transition(request, check_pk: int, service, success: str, **kwargs) -> HttpResponse:
    act = get_act(request, check_pk)
    try:
        service(act=act, by=request.user, **kwargs)
    except REFUSALS as error:
        messages.error(request, refusal_text(error))
        act = get_act(request, check_pk)
        return act_page(request, act, status=refusal_status(error))
    messages.success(request, success)
    return redirect(act)


@login_required
@require_POST
def act_submit(request: HttpRequest, check_pk: int) -> HttpResponse:
    return _transition(
        request,
        check_pk,
        services.act_submit,
        _("The act is submitted; the members of the commission sign it."),
    )


@login_required
@require_POST
def act_sign(request: HttpRequest, check_pk: int) -> HttpResponse:
    return _transition(request, check_pk, services.act_sign, _("You have signed the act."))


@login_required
@require_POST
def act_return(request: HttpRequest, check_pk: int) -> HttpResponse:
    act = get_act(request, check_pk)
    if not permissions.is_act_signatory(act.production_check, request.user):
        raise PermissionDenied
    form = ActReturnForm(request.POST, prefix="return")
    if not form.is_valid():
        return act_page(request, act, return_form=form, status=400)
    return _transition(
        request,
        check_pk,
        services.act_return,
        _("The act is returned to the draft."),
        reason=form.cleaned_data["reason"],
    )


@login_required
@require_POST
def act_approve(request: HttpRequest, check_pk: int) -> HttpResponse:
    return _transition(request, check_pk, services.act_approve, _("The act is approved."))


@login_required
@require_POST
def act_send(request: HttpRequest, check_pk: int) -> HttpResponse:
    return _transition(request, check_pk, services.act_send, _("The act is sent to the applicant."))


@login_required
@require_POST
def act_acknowledge(request: HttpRequest, check_pk: int) -> HttpResponse:
    return _transition(
        request, check_pk, services.act_acknowledge, _("Receipt of the act is confirmed.")
    )

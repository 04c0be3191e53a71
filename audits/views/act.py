"""The production-check act (GOST 8.16, Annex Ж): the act page, its 20 sections (each a form
that also autosaves through ``section_save`` as JSON) and the workflow from the draft to the
enterprise head's acknowledgement. An item's nonconformities and evidence: act_findings.py."""

import json
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from halal_portal.forms import add_validation_errors

from .. import journals, permissions, rules, selectors, services
from ..forms import (
    ActEvidenceForm,
    ActHeaderForm,
    ActReturnForm,
    NonconformityForm,
    SectionForm,
)
from ..models import ActState, ItemStatus, ProductionCheckAct
from ..services.act import HEADER_FIELDS
from .check import error_text, get_check, refusal_status

# Section 15 reads the sanitation journal (Annex Б); the journals registered in journals.py
# name their own sections.
SANITATION_SECTION = 15


def _get_act(request: HttpRequest, check_pk: int) -> ProductionCheckAct:
    check = get_check(request, check_pk)
    return get_object_or_404(selectors.act_list_for(request.user), production_check=check)


def _can_edit(act: ProductionCheckAct, user) -> bool:
    return act.is_editable and permissions.can_draw_up_act(act.production_check, user)


def _sections(act: ProductionCheckAct, results) -> list[dict]:
    """The navigator: per section its number, title and how many items have a result."""
    sections: dict[int, dict] = {}
    for result in results:
        section = result.item.section
        entry = sections.setdefault(
            section.number, {"section": section, "total": 0, "done": 0, "nonconformities": 0}
        )
        entry["total"] += 1
        if result.result != ItemStatus.NOT_CHECKED:
            entry["done"] += 1
        entry["nonconformities"] += len(result.nonconformities.all())
    return [sections[n] for n in sorted(sections)]


def _workflow(act: ProductionCheckAct, user) -> dict:
    check = act.production_check
    signed = {s.member_id: s for s in act.signatures.select_related("member")}
    team = list(check.team.select_related("user"))
    for member in team:
        member.signature = signed.get(member.user_id)
    is_signatory = permissions.is_act_signatory(check, user)
    return {
        "team": team,
        "can_submit": _can_edit(act, user),
        "can_sign": act.state == ActState.SUBMITTED and is_signatory and user.pk not in signed,
        "can_return": act.state == ActState.SUBMITTED and is_signatory,
        "can_approve": act.state == ActState.SIGNED and permissions.can_approve_act(act, user),
        "can_send": act.state == ActState.APPROVED and permissions.can_send_act(act, user),
        "can_acknowledge": act.state == ActState.SENT
        and permissions.is_enterprise_head(check, user),
        "return_form": ActReturnForm(prefix="return"),
        "transitions": list(act.transitions.select_related("by")),
    }


def _detail(request, act, *, form=None, return_form=None, status=200) -> HttpResponse:
    user = request.user
    results = list(selectors.item_result_list(act))
    can_edit = _can_edit(act, user)
    context = {
        "act": act,
        "check": act.production_check,
        "application": act.production_check.application,
        "sections": _sections(act, results),
        "nonconformities": [n for r in results for n in r.nonconformities.all()],
        "can_edit": can_edit,
        "missing": rules.act_missing(act) if can_edit else [],
        **_workflow(act, user),
    }
    if return_form is not None:
        context["return_form"] = return_form
    if can_edit:
        context["form"] = form or ActHeaderForm(prefix="act", initial=_header_initial(act))
    return render(request, "audits/act_detail.html", context, status=status)


def _header_initial(act: ProductionCheckAct) -> dict:
    initial = {name: getattr(act, name) for name in HEADER_FIELDS}
    initial["stable_production"] = {None: "unknown", True: "true", False: "false"}[
        act.stable_production
    ]
    return initial


@login_required
@require_POST
def act_create(request: HttpRequest, check_pk: int) -> HttpResponse:
    """GOST 8.16: the expert-auditor draws up the act of Annex Ж."""
    check = get_check(request, check_pk)
    try:
        services.act_create(check=check, by=request.user)
    except ValidationError as error:
        context = {"message": error_text(error), "back": check}
        return render(request, "audits/refused.html", context, status=refusal_status(error))
    messages.success(request, _("The act is drawn up; fill in its sections."))
    return redirect("audits:act-section", check_pk=check.pk, section=1)


@login_required
def act_detail(request: HttpRequest, check_pk: int) -> HttpResponse:
    act = _get_act(request, check_pk)
    if request.method == "POST":
        return _header_post(request, act)
    return _detail(request, act)


def _header_post(request: HttpRequest, act: ProductionCheckAct) -> HttpResponse:
    """The header, initial data and conclusions as a plain form."""
    if not permissions.can_draw_up_act(act.production_check, request.user):
        raise PermissionDenied
    if not act.is_editable:
        messages.error(request, _("The act is no longer a draft and cannot be changed."))
        return _detail(request, act, status=409)
    form = ActHeaderForm(request.POST, prefix="act")
    if form.is_valid():
        try:
            services.act_update(act=act, by=request.user, data=form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The act is saved."))
            return redirect(act)
    return _detail(request, act, form=form, status=400)


def _section_results(act: ProductionCheckAct, number: int):
    results = list(selectors.item_result_list(act).filter(item__section__number=number))
    if not results:
        raise Http404
    return results


def _section_page(request, act, number, *, form=None, bound=None, status=200) -> HttpResponse:
    """One section with its items; ``bound`` is a nonconformity or evidence form with errors,
    shown under its item."""
    user = request.user
    # One read of the act's items serves the navigator and the section.
    all_results = list(selectors.item_result_list(act))
    results = [r for r in all_results if r.item.section.number == number]
    if not results:
        raise Http404
    can_edit = _can_edit(act, user)
    for result in results:
        result.nonconformity_form = NonconformityForm(prefix=f"nc-{result.pk}")
        result.evidence_form = ActEvidenceForm(prefix=f"ev-{result.pk}")
        if bound is not None and bound.prefix == f"nc-{result.pk}":
            result.nonconformity_form = bound
        if bound is not None and bound.prefix == f"ev-{result.pk}":
            result.evidence_form = bound
    sections = _sections(act, all_results)
    numbers = [entry["section"].number for entry in sections]
    position = numbers.index(number)
    context = {
        "act": act,
        "check": act.production_check,
        "application": act.production_check.application,
        "section": results[0].item.section,
        "sections": sections,
        "form": form or SectionForm(results=results, prefix="s"),
        "can_edit": can_edit,
        # The act's own checklist version says which sections there are.
        "previous": numbers[position - 1] if position > 0 else None,
        "next": numbers[position + 1] if position + 1 < len(numbers) else None,
    }
    if number == SANITATION_SECTION:
        context["journal"] = selectors.sanitation_before_check(act)
    # The journals of the apps above audits that this section reads (slaughter: section 9).
    context["journal_summaries"] = journals.act_section_summaries(act, number)
    if context.get("journal") or context["journal_summaries"]:
        context["can_read_journal"] = (
            selectors.journal_organizations_for(user)
            .filter(pk=act.production_check.application.organization_id)
            .exists()
        )
    return render(request, "audits/act_section.html", context, status=status)


@login_required
def act_section(request: HttpRequest, check_pk: int, section: int) -> HttpResponse:
    """A section of the act; without JavaScript its form is a plain POST."""
    act = _get_act(request, check_pk)
    if request.method != "POST":
        return _section_page(request, act, section)
    if not permissions.can_draw_up_act(act.production_check, request.user):
        raise PermissionDenied
    if not act.is_editable:
        messages.error(request, _("The act is no longer a draft and cannot be changed."))
        return _section_page(request, act, section, status=409)
    form = SectionForm(request.POST, results=_section_results(act, section), prefix="s")
    if not form.is_valid():
        return _section_page(request, act, section, form=form, status=400)
    try:
        outcome = services.section_save(
            act=act, by=request.user, section=section, entries=form.entries()
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
        return _section_page(request, act, section, form=form, status=400)
    if outcome.conflicts:
        messages.error(
            request,
            _(
                "Someone saved some items of this section after you opened it; they show the "
                "stored values now. Your other edits are saved."
            ),
        )
        return _section_page(request, act, section, status=409)
    messages.success(request, _("Section %(number)s is saved.") % {"number": section})
    if "next" in request.POST and section < 20:
        return redirect("audits:act-section", check_pk=check_pk, section=section + 1)
    return redirect("audits:act-section", check_pk=check_pk, section=section)


def _json_error(message: str, status: int, **extra) -> JsonResponse:
    return JsonResponse({"error": message, **extra}, status=status)


def json_login_required(view):
    """An expired session gets 403 with a message, not the login page: the autosave keeps the
    edits in the browser and asks the user to log in again."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return _json_error(_("Log in again — your edits are kept in this browser."), 403)
        return view(request, *args, **kwargs)

    return wrapper


def _payload(request: HttpRequest) -> dict:
    if request.content_type == "application/json":
        try:
            data = json.loads(request.body or b"{}")
        except (ValueError, UnicodeDecodeError) as error:
            raise ValidationError(_("The request is not valid JSON.")) from error
        if not isinstance(data, dict):
            raise ValidationError(_("The request is not valid JSON."))
        return data
    # Form-encoded: item=<id>&result=...&comment=...&revision=... (one item).
    return {"items": [request.POST.dict()]}


@json_login_required
@require_POST
def act_section_save(request: HttpRequest, check_pk: int, section: int) -> JsonResponse:
    """The autosave: ``{"items": [{"item", "result", "comment", "revision"}]}`` →
    ``{"saved": {item: {...}}}``; 409 when the act is no longer a draft or an item was saved
    meanwhile (with what is stored), 400 with the reasons on bad input."""
    act = _get_act(request, check_pk)
    if not permissions.can_draw_up_act(act.production_check, request.user):
        return _json_error(_("Only an expert-auditor of the check fills in the act."), 403)
    try:
        data = _payload(request)
        entries = data.get("items")
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            raise ValidationError(_("Send the items of the section as a list."))
        outcome = services.section_save(act=act, by=request.user, section=section, entries=entries)
    except ValidationError as error:
        if getattr(error, "code", None) == "state":
            return _json_error(error_text(error), 409, state=act.state)
        errors = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
        return _json_error(error_text(error), 400, errors=errors)
    body = {"saved": outcome.saved}
    if outcome.conflicts:
        return _json_error(
            _(
                "This item was saved by someone else after you opened the page; the stored "
                "value is shown. Your text is kept below it."
            ),
            409,
            conflicts=outcome.conflicts,
            **body,
        )
    return JsonResponse(body)


# --- the workflow ---------------------------------------------------------------------------


def _transition(request, check_pk: int, service, success: str, **kwargs) -> HttpResponse:
    act = _get_act(request, check_pk)
    try:
        service(act=act, by=request.user, **kwargs)
    except ValidationError as error:
        messages.error(request, error_text(error))
        act = _get_act(request, check_pk)
        return _detail(request, act, status=refusal_status(error))
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
    act = _get_act(request, check_pk)
    if not permissions.is_act_signatory(act.production_check, request.user):
        raise PermissionDenied
    form = ActReturnForm(request.POST, prefix="return")
    if not form.is_valid():
        return _detail(request, act, return_form=form, status=400)
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

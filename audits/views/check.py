"""The program of the production check (GOST 8.13, Annex Д): drawn up by the secretary or the
head, approved by the head, then started."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import AuthorizedBody
from certification.models import AnnexRequest
from certification.selectors import application_list_for
from halal_portal.forms import add_validation_errors

from .. import permissions, rules, selectors, services
from ..forms import ProgramDatesForm, ProgramForm, StagesForm, TeamMemberForm
from ..models import CheckStatus


def get_check(request: HttpRequest, check_pk: int):
    return get_object_or_404(selectors.check_list_for(request.user), pk=check_pk)


def error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


# Refusals that come from the state of the object rather than from the input.
STATE_CODES = {
    "approved",
    "not_approved",
    "started",
    "state",
    "signed",
    "auditor_first",
    "not_started",
    "duplicate",
}


def refusal_status(error: ValidationError) -> int:
    return 409 if getattr(error, "code", None) in STATE_CODES else 400


@login_required
def check_list(request: HttpRequest) -> HttpResponse:
    checks = selectors.check_list_for(request.user).order_by("-created_at")
    status = request.GET.get("status", "")
    if status in CheckStatus.values:
        checks = checks.filter(status=status)
    page = Paginator(checks, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "audits/check_list.html",
        {"page": page, "status": status, "statuses": CheckStatus.choices},
    )


@login_required
@require_POST
def check_create(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_or_404(application_list_for(request.user), pk=pk)
    annex_request = None
    if request.POST.get("annex_request"):
        # GOST 8.18: the check of an annex's new products.
        annex_request = get_object_or_404(
            AnnexRequest, pk=request.POST["annex_request"], certificate__application=application
        )
    try:
        check = services.check_create(
            application=application, by=request.user, annex_request=annex_request
        )
    except ValidationError as error:
        context = {"message": error_text(error), "back": application}
        return render(request, "audits/refused.html", context, status=refusal_status(error))
    messages.success(request, _("The program is drawn up; fill it in and send it for approval."))
    return redirect("audits:check-edit", check_pk=check.pk)


def _detail(
    request, check, *, team_form=None, stages_form=None, dates_form=None, status=200
) -> HttpResponse:
    user = request.user
    can_manage = check.is_program_editable and permissions.can_manage_program(check, user)
    stages = list(check.stages.prefetch_related("executors", "areas"))
    team = list(check.team.select_related("user").prefetch_related("user__powers_of_attorney"))
    for member in team:
        # GOST 2.19: the power of attorney an expert-auditor works under on these dates.
        member.power = None
        if member.user.role_auditor and check.start_date and check.end_date:
            member.power = next(
                (
                    p
                    for p in member.user.powers_of_attorney.all()
                    if p.covers(check.start_date, check.end_date)
                ),
                None,
            )
    context = {
        "check": check,
        "application": check.application,
        "body": AuthorizedBody.get(),
        "team": team,
        "stages": stages,
        "documents": list(check.normative_documents.all()),
        "acts": list(check.sampling_acts.select_related("auditor")),
        "can_manage": can_manage,
        "can_approve": check.status == CheckStatus.DRAFT
        and permissions.can_approve_program(check, user),
        "can_start": check.status == CheckStatus.APPROVED
        and permissions.can_start_check(check, user),
        "can_sample": check.is_under_way and permissions.can_draw_up_sampling(check, user),
        # The production-check act of Annex Ж (GOST 8.16): one per check.
        "production_act": selectors.act_list_for(user).filter(production_check=check).first(),
        "can_draw_up_act": check.is_under_way
        and permissions.can_draw_up_act(check, user)
        and not hasattr(check, "act"),
        "can_read_journal": selectors.journal_organizations_for(user)
        .filter(pk=check.application.organization_id)
        .exists(),
    }
    # Annex Д, part 3: the head corrects the dates of an approved program until the act exists.
    if (
        check.status != CheckStatus.DRAFT
        and permissions.can_approve_program(check, user)
        and not hasattr(check, "act")
    ):
        context["dates_form"] = dates_form or ProgramDatesForm(
            prefix="dates", initial={"start_date": check.start_date, "end_date": check.end_date}
        )
    context["date_changes"] = list(check.date_changes.select_related("by"))
    if check.status == CheckStatus.DRAFT and (can_manage or context["can_approve"]):
        context["missing"] = rules.program_missing(check)
    if can_manage:
        context["team_form"] = team_form or TeamMemberForm(
            prefix="team", exclude=[m.user_id for m in team]
        )
        context["stages_form"] = stages_form or StagesForm(prefix="stages", check=check)
    return render(request, "audits/check_detail.html", context, status=status)


@login_required
def check_detail(request: HttpRequest, check_pk: int) -> HttpResponse:
    return _detail(request, get_check(request, check_pk))


@login_required
def check_edit(request: HttpRequest, check_pk: int) -> HttpResponse:
    """Annex Д, parts 1–3 and 5: purpose, basis, dates, normative documents."""
    check = get_check(request, check_pk)
    if not permissions.can_manage_program(check, request.user):
        raise PermissionDenied
    if not check.is_program_editable:
        messages.error(
            request, _("The program is approved and can no longer be changed (GOST 8.13).")
        )
        return _detail(request, check, status=409)
    initial = {
        "purpose": check.purpose,
        "basis": check.basis,
        "start_date": check.start_date,
        "end_date": check.end_date,
        "normative_documents": list(check.normative_documents.all()),
        "other_documents": check.other_documents,
    }
    form = ProgramForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.program_update(check=check, by=request.user, data=form.cleaned_data)
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, _("The program is saved."))
                return redirect(check)
    return render(request, "audits/check_form.html", {"check": check, "form": form}, status=status)


@login_required
@require_POST
def team_add(request: HttpRequest, check_pk: int) -> HttpResponse:
    """Annex Д, part 4: add a member of the commission (GOST 2.19 for expert-auditors)."""
    check = get_check(request, check_pk)
    if not permissions.can_manage_program(check, request.user):
        raise PermissionDenied
    form = TeamMemberForm(
        request.POST, prefix="team", exclude=check.team.values_list("user_id", flat=True)
    )
    if form.is_valid():
        try:
            member = services.team_member_add(
                check=check,
                by=request.user,
                user=form.cleaned_data["user"],
                position=form.cleaned_data["position"],
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s joins the commission of the check.")
                % {"name": member.user.get_short_name()},
            )
            return redirect(check)
    return _detail(request, check, team_form=form, status=400)


@login_required
@require_POST
def team_remove(request: HttpRequest, check_pk: int, member_pk: int) -> HttpResponse:
    check = get_check(request, check_pk)
    member = get_object_or_404(check.team.select_related("user"), pk=member_pk)
    try:
        services.team_member_remove(check=check, by=request.user, member=member)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return _detail(request, get_check(request, check_pk), status=refusal_status(error))
    else:
        messages.success(
            request,
            _("%(name)s leaves the commission of the check.")
            % {"name": member.user.get_short_name()},
        )
    return redirect(check)


@login_required
@require_POST
def stages(request: HttpRequest, check_pk: int) -> HttpResponse:
    """Annex Д, part 6: the executors of the stages."""
    check = get_check(request, check_pk)
    if not permissions.can_manage_program(check, request.user):
        raise PermissionDenied
    form = StagesForm(request.POST, prefix="stages", check=check)
    if form.is_valid():
        try:
            services.stages_update(check=check, by=request.user, stages=form.stage_data())
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The stages of the program are saved."))
            return redirect(check)
    return _detail(request, check, stages_form=form, status=400)


@login_required
@require_POST
def approve(request: HttpRequest, check_pk: int) -> HttpResponse:
    """GOST 8.13: «УТВЕРЖДАЮ» — the head approves the program."""
    check = get_check(request, check_pk)
    try:
        services.program_approve(check=check, by=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return _detail(request, get_check(request, check_pk), status=refusal_status(error))
    else:
        messages.success(request, _("The program is approved."))
    return redirect(check)


@login_required
@require_POST
def start(request: HttpRequest, check_pk: int) -> HttpResponse:
    check = get_check(request, check_pk)
    try:
        services.check_start(check=check, by=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return _detail(request, get_check(request, check_pk), status=refusal_status(error))
    else:
        messages.success(request, _("The check has started."))
    return redirect(check)


@login_required
@require_POST
def dates(request: HttpRequest, check_pk: int) -> HttpResponse:
    """Annex Д, part 3: the head corrects the dates of the approved program, saying why."""
    check = get_check(request, check_pk)
    form = ProgramDatesForm(request.POST, prefix="dates")
    if form.is_valid():
        try:
            services.program_dates_correct(check=check, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                messages.error(request, error_text(error))
                return _detail(request, get_check(request, check_pk), status=refusal_status(error))
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The dates of the check are changed."))
            return redirect(check)
    return _detail(request, get_check(request, check_pk), dates_form=form, status=400)

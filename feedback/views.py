"""Reports of misuse: the public form and status page, the secretary's queue and a report's
page (secretary and holder)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_fsm import TransitionNotAllowed, can_proceed

from certification.permissions import require_secretary
from halal_portal.forms import add_validation_errors

from . import rules, selectors, services
from .forms import (
    AnswerForm,
    CloseForm,
    LinkForm,
    QueueFilterForm,
    ReferForm,
    ReportForm,
    StatusLookupForm,
)
from .models import Report, ReportPhoto
from .throttle import client_address, report_allowed
from .views_common import act_on, stored_file


def report_create(request: HttpRequest, number: str = "") -> HttpResponse:
    """«Report a problem»: no account; a per-address limit and a honeypot instead of a captcha."""
    initial = {"number_shown": number}
    form = ReportForm(request.POST or None, request.FILES or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_bot:
            form.add_error(None, _("The report could not be accepted."))
        elif not form.is_valid():
            pass  # the errors beside the typed input; a correction costs no report of the limit
        elif not report_allowed(client_address(request)):
            status = 429
            form.add_error(
                None, _("Too many reports from your network in the last hour; try again later.")
            )
        else:
            try:
                report = services.report_submit(
                    data=form.cleaned_data, photos=form.cleaned_data["photos"]
                )
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Thank you. Your tracking code is %(code)s: keep it to follow the report.")
                    % {"code": report.code},
                )
                return redirect(report.get_status_url())
    return render(request, "feedback/report_form.html", {"form": form}, status=status)


def report_status(request: HttpRequest, code: str = "") -> HttpResponse:
    """The public status of a report: its stage and outcome, nothing anybody wrote."""
    form = StatusLookupForm(request.GET or None)
    if not code and form.is_valid():
        return redirect("feedback:report-status", code=form.cleaned_data["code"])
    report = None
    if code:
        report = (
            Report.objects.filter(code=code.upper())
            .only(
                "code",
                "state",
                "outcome",
                "received_at",
                "acknowledged_at",
                "closed_at",
                "decide_due",
            )
            .first()
        )
        if report is None:
            context = {"form": StatusLookupForm(initial={"code": code}), "not_found": True}
            return render(request, "feedback/report_status.html", context, status=404)
    return render(request, "feedback/report_status.html", {"form": form, "report": report})


@login_required
def report_queue(request: HttpRequest) -> HttpResponse:
    require_secretary(request.user)
    form = QueueFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    reports = selectors.report_queue(state=data.get("state", ""), q=data.get("q", ""))
    context = {
        "form": form,
        "page": Paginator(reports, 50).get_page(request.GET.get("page")),
        "today": timezone.localdate(),
    }
    return render(request, "feedback/queue.html", context)


def _report_for(request: HttpRequest, pk: int) -> Report:
    return get_object_or_404(selectors.report_for(request.user), pk=pk)


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report_for(request, pk)
    return _detail(request, report)


def _detail(request, report: Report, status: int = 200, **forms) -> HttpResponse:
    is_secretary = request.user.is_secretary
    context = {
        "report": report,
        "is_secretary": is_secretary,
        "is_holder": rules.is_holder(report, request.user),
        "photos": report.photos.all(),
        "today": timezone.localdate(),
    }
    if is_secretary:
        context["log"] = report.log.select_related("by")
        context["can_acknowledge"] = can_proceed(report.acknowledge)
        context["can_refer"] = can_proceed(report.refer, check_conditions=False)
        context["can_close"] = can_proceed(report.close)
        context["link_form"] = forms.get("link_form") or LinkForm(
            initial={"number": report.certificate.number if report.certificate else ""}
        )
        context["refer_form"] = forms.get("refer_form") or ReferForm()
        context["close_form"] = forms.get("close_form") or CloseForm()
    else:
        context["answer_form"] = forms.get("answer_form") or AnswerForm(
            initial={"text": report.holder_answer}
        )
    return render(request, "feedback/report_detail.html", context, status=status)


def _act(request, report, form_name, form, action) -> HttpResponse:
    return act_on(
        request,
        form,
        action,
        done=report.get_absolute_url(),
        again=lambda form: _detail(request, report, status=400, **{form_name: form}),
    )


@login_required
@require_POST
def report_acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report_for(request, pk)
    try:
        services.report_acknowledge(report=report, by=request.user)
    except TransitionNotAllowed:
        messages.error(request, _("This action is not allowed in the current state."))
    return redirect(report)


@login_required
@require_POST
def report_link(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report_for(request, pk)
    require_secretary(request.user)

    def link(data):
        certificate = None
        if data["number"]:
            certificate = selectors.certificate_by_number(data["number"])
            if certificate is None:
                raise ValidationError({"number": _("No certificate has this number.")})
        services.report_link(report=report, by=request.user, certificate=certificate)

    return _act(request, report, "link_form", LinkForm(request.POST), link)


@login_required
@require_POST
def report_refer(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report_for(request, pk)
    require_secretary(request.user)

    def refer(data):
        services.report_refer(
            report=report, by=request.user, meeting=data["meeting"], grounds=data["grounds"]
        )

    return _act(request, report, "refer_form", ReferForm(request.POST), refer)


@login_required
@require_POST
def report_close(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report_for(request, pk)
    require_secretary(request.user)

    def close(data):
        services.report_close(
            report=report, by=request.user, outcome=data["outcome"], reason=data["reason"]
        )

    return _act(request, report, "close_form", CloseForm(request.POST), close)


@login_required
@require_POST
def report_answer(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report_for(request, pk)
    if not rules.is_holder(report, request.user):
        raise PermissionDenied

    def answer(data):
        services.report_answer(report=report, by=request.user, text=data["text"])

    return _act(request, report, "answer_form", AnswerForm(request.POST), answer)


@login_required
def report_photo(request: HttpRequest, pk: int, photo_pk: int) -> FileResponse:
    report = _report_for(request, pk)
    photo = get_object_or_404(ReportPhoto, report=report, pk=photo_pk)
    return stored_file(photo.file, content_type=photo.content_type)

"""Identification and sampling (GOST 8.15, Annex Е): the act, its samples, the signatures, the
delivery to the laboratory and the laboratory's reports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from halal_portal.downloads import file_download
from halal_portal.forms import add_validation_errors

from .. import permissions, rules, selectors, services
from ..forms import DeliveryForm, LabReportForm, SampleForm, SamplingActForm
from ..models import ActStatus, SampleStatus
from .check import error_text, get_check, refusal_status


def _get_act(request: HttpRequest, check_pk: int, act_pk: int):
    check = get_check(request, check_pk)
    act = get_object_or_404(
        check.sampling_acts.select_related("auditor", "applicant_signed_by", "product"),
        pk=act_pk,
    )
    return check, act


def _get_sample(request: HttpRequest, check_pk: int, sample_pk: int):
    check = get_check(request, check_pk)
    sample = get_object_or_404(
        selectors.sample_list_for(request.user).filter(act__production_check=check),
        pk=sample_pk,
    )
    return check, sample


def _act_detail(request, check, act, *, bound=None, status=200) -> HttpResponse:
    """The act as Annex Е prints it, with the signatures and, per sample, its delivery and
    reports. ``bound`` is a form with errors to show in place of the blank one."""
    user = request.user
    samples = list(act.samples.prefetch_related("lab_reports"))
    can_deliver = act.is_signed and permissions.can_record_delivery(check, user)
    can_report = permissions.can_add_lab_report(check, user)
    for sample in samples:
        if can_deliver and sample.status == SampleStatus.TAKEN:
            prefix = f"deliver-{sample.pk}"
            sample.delivery_form = (
                bound if bound is not None and bound.prefix == prefix else None
            ) or DeliveryForm(prefix=prefix)
        if can_report and sample.status != SampleStatus.TAKEN:
            prefix = f"report-{sample.pk}"
            sample.report_form = (
                bound if bound is not None and bound.prefix == prefix else None
            ) or LabReportForm(prefix=prefix, initial={"laboratory": sample.laboratory})
    can_edit = act.is_editable and permissions.can_draw_up_sampling(check, user)
    context = {
        "check": check,
        "application": check.application,
        "act": act,
        "samples": samples,
        "can_edit": can_edit,
        "can_sign_auditor": act.status == ActStatus.DRAFT and user.pk == act.auditor_id,
        "can_sign_applicant": act.status == ActStatus.SIGNED_BY_AUDITOR
        and permissions.is_applicant(check, user),
        "missing": rules.sampling_act_missing(act) if can_edit else [],
    }
    return render(request, "audits/sampling_detail.html", context, status=status)


@login_required
def sampling_create(request: HttpRequest, check_pk: int) -> HttpResponse:
    """GOST 8.15: the expert-auditor draws up the act of Annex Е."""
    check = get_check(request, check_pk)
    if not permissions.can_draw_up_sampling(check, request.user):
        raise PermissionDenied
    form = SamplingActForm(
        request.POST or None, check=check, initial=services.act_initial(check, request.user)
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                act = services.sampling_act_create(
                    check=check, by=request.user, data=form.cleaned_data
                )
            except ValidationError as error:
                add_validation_errors(form, error)
                status = 400 if hasattr(error, "error_dict") else refusal_status(error)
            else:
                messages.success(request, _("The act is saved; add the samples taken."))
                return redirect("audits:sample-create", check_pk=check.pk, act_pk=act.pk)
    return render(
        request,
        "audits/sampling_form.html",
        {"check": check, "form": form, "act": None},
        status=status,
    )


@login_required
def sampling_detail(request: HttpRequest, check_pk: int, act_pk: int) -> HttpResponse:
    check, act = _get_act(request, check_pk, act_pk)
    return _act_detail(request, check, act)


@login_required
def sampling_edit(request: HttpRequest, check_pk: int, act_pk: int) -> HttpResponse:
    check, act = _get_act(request, check_pk, act_pk)
    if not permissions.can_draw_up_sampling(check, request.user):
        raise PermissionDenied
    if not act.is_editable:
        messages.error(request, _("The act is signed and can no longer be changed."))
        return _act_detail(request, check, act, status=409)
    initial = {field: getattr(act, field) for field in services.sampling.ACT_FIELDS}
    form = SamplingActForm(request.POST or None, check=check, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.sampling_act_update(act=act, by=request.user, data=form.cleaned_data)
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, _("The act is saved."))
                return redirect(act)
    return render(
        request,
        "audits/sampling_form.html",
        {"check": check, "form": form, "act": act},
        status=status,
    )


@login_required
@require_POST
def sampling_sign(request: HttpRequest, check_pk: int, act_pk: int) -> HttpResponse:
    """The expert-auditor signs first, then the applicant's representative."""
    check, act = _get_act(request, check_pk, act_pk)
    user = request.user
    try:
        if user.pk == act.auditor_id and act.status == ActStatus.DRAFT:
            services.sampling_act_sign_auditor(act=act, by=user)
        elif permissions.is_applicant(check, user):
            services.sampling_act_sign_applicant(act=act, by=user)
        else:
            raise PermissionDenied
    except ValidationError as error:
        messages.error(request, error_text(error))
        check, act = _get_act(request, check_pk, act_pk)
        return _act_detail(request, check, act, status=refusal_status(error))
    messages.success(request, _("The act is signed."))
    return redirect(act)


def _sample_form_page(request, check, act, sample=None) -> HttpResponse:
    if not permissions.can_draw_up_sampling(check, request.user):
        raise PermissionDenied
    if not act.is_editable:
        messages.error(request, _("The act is signed and can no longer be changed."))
        return _act_detail(request, check, act, status=409)
    initial = {}
    if sample is not None:
        initial = {field: getattr(sample, field) for field in services.sampling.SAMPLE_FIELDS}
    elif act.product_id:
        initial = {
            "name": act.product_name,
            "manufacturer": act.manufacturer,
            "normative_document": act.product.normative_document.designation,
        }
    form = SampleForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.sample_save(
                    act=act, by=request.user, data=form.cleaned_data, sample=sample
                )
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, _("The sample is saved."))
                if "another" in request.POST:
                    return redirect("audits:sample-create", check_pk=check.pk, act_pk=act.pk)
                return redirect(act)
    context = {"check": check, "act": act, "sample": sample, "form": form}
    return render(request, "audits/sample_form.html", context, status=status)


@login_required
def sample_create(request: HttpRequest, check_pk: int, act_pk: int) -> HttpResponse:
    check, act = _get_act(request, check_pk, act_pk)
    return _sample_form_page(request, check, act)


@login_required
def sample_edit(request: HttpRequest, check_pk: int, sample_pk: int) -> HttpResponse:
    check, sample = _get_sample(request, check_pk, sample_pk)
    return _sample_form_page(request, check, sample.act, sample)


@login_required
@require_POST
def sample_delete(request: HttpRequest, check_pk: int, sample_pk: int) -> HttpResponse:
    check, sample = _get_sample(request, check_pk, sample_pk)
    act = sample.act
    try:
        services.sample_delete(sample=sample, by=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return _act_detail(request, check, act, status=refusal_status(error))
    messages.success(request, _("The sample is removed from the act."))
    return redirect(act)


@login_required
@require_POST
def sample_deliver(request: HttpRequest, check_pk: int, sample_pk: int) -> HttpResponse:
    """GOST 8.15: the applicant has taken the sample to the testing laboratory."""
    check, sample = _get_sample(request, check_pk, sample_pk)
    if not permissions.can_record_delivery(check, request.user):
        raise PermissionDenied
    form = DeliveryForm(request.POST, prefix=f"deliver-{sample.pk}")
    if form.is_valid():
        try:
            services.sample_deliver(sample=sample, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The delivery to the laboratory is recorded."))
            return redirect(sample.act)
    return _act_detail(request, check, sample.act, bound=form, status=400)


@login_required
@require_POST
def lab_report_add(request: HttpRequest, check_pk: int, sample_pk: int) -> HttpResponse:
    check, sample = _get_sample(request, check_pk, sample_pk)
    if not permissions.can_add_lab_report(check, request.user):
        raise PermissionDenied
    form = LabReportForm(request.POST, request.FILES, prefix=f"report-{sample.pk}")
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.lab_report_add(
                sample=sample,
                by=request.user,
                number=data["number"],
                issued_on=data["issued_on"],
                laboratory=data["laboratory"],
                passed=data["passed"],
                comment=data["comment"],
                upload=data["file"],
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The laboratory report is attached."))
            return redirect(sample.act)
    return _act_detail(request, check, sample.act, bound=form, status=400)


@login_required
def lab_report_download(request: HttpRequest, check_pk: int, report_pk: int) -> HttpResponse:
    """The only way to a report file: the user must be allowed to see the check."""
    check = get_check(request, check_pk)
    report = get_object_or_404(
        selectors.lab_report_list_for(request.user).filter(sample__act__production_check=check),
        pk=report_pk,
    )
    return file_download(report)

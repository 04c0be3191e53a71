"""Complaints about the body: filed by any logged-in user, answered in writing by the secretary
or the head, closed by the head."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_fsm import TransitionNotAllowed, has_transition_perm

from halal_portal.forms import add_validation_errors

from . import complaints
from .forms import ComplaintAnswerForm, ComplaintForm
from .views_common import act_on


@login_required
def complaint_list(request: HttpRequest) -> HttpResponse:
    items = complaints.complaint_list_for(request.user).order_by("state", "answer_due", "pk")
    context = {
        "page": Paginator(items, 50).get_page(request.GET.get("page")),
        "today": timezone.localdate(),
    }
    return render(request, "feedback/complaint_list.html", context)


@login_required
def complaint_create(request: HttpRequest) -> HttpResponse:
    form = ComplaintForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                complaint = complaints.complaint_submit(by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, _("Your complaint is registered."))
                return redirect(complaint)
    return render(request, "feedback/complaint_form.html", {"form": form}, status=status)


def _complaint(request, pk):
    return get_object_or_404(complaints.complaint_list_for(request.user), pk=pk)


@login_required
def complaint_detail(request: HttpRequest, pk: int, form=None, status: int = 200) -> HttpResponse:
    complaint = _complaint(request, pk)
    user = request.user
    context = {
        "complaint": complaint,
        "log": complaint.log.select_related("by"),
        "can_answer": has_transition_perm(complaint.give_answer, user),
        "can_close": has_transition_perm(complaint.close, user),
        "answer_form": form or ComplaintAnswerForm(),
        "overdue": complaints.is_overdue(complaint, timezone.localdate()),
    }
    return render(request, "feedback/complaint_detail.html", context, status=status)


@login_required
@require_POST
def complaint_answer(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = _complaint(request, pk)

    def answer(data):
        complaints.complaint_answer(complaint=complaint, by=request.user, text=data["text"])

    return act_on(
        request,
        ComplaintAnswerForm(request.POST),
        answer,
        done=complaint.get_absolute_url(),
        again=lambda form: complaint_detail(request, pk, form=form, status=400),
    )


@login_required
@require_POST
def complaint_close(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = _complaint(request, pk)
    try:
        complaints.complaint_close(complaint=complaint, by=request.user)
    except TransitionNotAllowed:
        messages.error(request, _("This action is not allowed in the current state."))
    return redirect(complaint)

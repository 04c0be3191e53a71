"""Appeals: filed from the application page, the panel seated by the secretary (conflicted
members refused), its vote, the decision with a numbered protocol."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from certification.models import AgendaItem
from certification.permissions import is_member, require_secretary
from halal_portal.forms import add_validation_errors

from . import appeals
from .forms import AppealDecideForm, AppealForm, AppealVoteForm, PanelForm
from .models import AppealFile
from .views_common import act_on, stored_file


@login_required
def appeal_list(request: HttpRequest) -> HttpResponse:
    items = appeals.appeal_list_for(request.user).order_by("-filed_at")
    return render(request, "feedback/appeal_list.html", {"appeals": items[:200]})


@login_required
def appeal_create(request: HttpRequest, item_pk: int) -> HttpResponse:
    item = get_object_or_404(
        AgendaItem.objects.select_related("application", "meeting"), pk=item_pk
    )
    if not is_member(item.application, request.user):
        raise Http404
    form = AppealForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                appeal = appeals.appeal_file(
                    by=request.user,
                    decision=item,
                    grounds=form.cleaned_data["grounds"],
                    files=form.cleaned_data["files"],
                )
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, _("Your appeal is filed."))
                return redirect(appeal)
    context = {"form": form, "item": item, "deadline": appeals.appeal_deadline(item)}
    return render(request, "feedback/appeal_form.html", context, status=status)


def _appeal(request, pk):
    return get_object_or_404(appeals.appeal_list_for(request.user).distinct(), pk=pk)


@login_required
def appeal_detail(request: HttpRequest, pk: int, status: int = 200, **forms) -> HttpResponse:
    appeal = _appeal(request, pk)
    user = request.user
    on_panel = appeal.panel.filter(pk=user.pk).exists()
    conflicted = appeals.conflicted_members(appeal) if user.is_secretary else set()
    context = {
        "appeal": appeal,
        "files": appeal.files.all(),
        "panel": appeal.panel.order_by("last_name", "pk"),
        "log": appeal.log.select_related("by"),
        "is_secretary": user.is_secretary,
        "on_panel": on_panel,
        "votes": appeal.votes.select_related("member") if (user.is_secretary or on_panel) else [],
        "panel_form": forms.get("panel_form") or PanelForm(conflicted=conflicted),
        "vote_form": forms.get("vote_form") or AppealVoteForm(),
        "decide_form": forms.get("decide_form") or AppealDecideForm(),
        "today": timezone.localdate(),
    }
    return render(request, "feedback/appeal_detail.html", context, status=status)


def _act(request, pk, name, form, action):
    return act_on(
        request,
        form,
        action,
        done=reverse("feedback:appeal-detail", args=[pk]),
        again=lambda form: appeal_detail(request, pk, status=400, **{name: form}),
    )


@login_required
@require_POST
def appeal_panel(request: HttpRequest, pk: int) -> HttpResponse:
    appeal = _appeal(request, pk)
    require_secretary(request.user)
    form = PanelForm(request.POST, conflicted=appeals.conflicted_members(appeal))

    def seat(data):
        appeals.appeal_seat_panel(appeal=appeal, by=request.user, members=data["members"])

    return _act(request, pk, "panel_form", form, seat)


@login_required
@require_POST
def appeal_vote(request: HttpRequest, pk: int) -> HttpResponse:
    appeal = _appeal(request, pk)

    def vote(data):
        appeals.appeal_vote(appeal=appeal, member=request.user, **data)

    return _act(request, pk, "vote_form", AppealVoteForm(request.POST), vote)


@login_required
@require_POST
def appeal_decide(request: HttpRequest, pk: int) -> HttpResponse:
    appeal = _appeal(request, pk)
    require_secretary(request.user)

    def decide(data):
        appeals.appeal_decide(appeal=appeal, by=request.user, reasons=data["reasons"])

    return _act(request, pk, "decide_form", AppealDecideForm(request.POST), decide)


@login_required
def appeal_file_download(request: HttpRequest, pk: int, file_pk: int) -> FileResponse:
    appeal = _appeal(request, pk)
    record = get_object_or_404(AppealFile, appeal=appeal, pk=file_pk)
    return stored_file(
        record.file,
        content_type=record.content_type,
        as_attachment=True,
        filename=record.original_name,
    )

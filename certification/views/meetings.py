"""Meetings of the commission: agenda, votes with a live tally, closing with a protocol."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_fsm import TransitionNotAllowed

from .. import rules, selectors, services
from ..forms import AgendaItemForm, MeetingForm, PresentForm
from ..models import AgendaItem
from ..permissions import require_secretary

# Why a member sees no voting buttons on an item.
VOTE_OPEN = "open"
VOTE_ABSENT = "absent"
VOTE_NOT_ASSIGNED = "not_assigned"
VOTE_RECUSED = "recused"


def _get_meeting(request: HttpRequest, pk: int):
    return get_object_or_404(selectors.meeting_list_for(request.user), pk=pk)


def _error_text(error) -> str:
    return " ".join(getattr(error, "messages", None) or [str(error)])


def _items_with_tally(meeting, user):
    items = list(
        meeting.items.select_related(
            "application", "certificate", "annex_request__certificate"
        ).prefetch_related("votes__member", "application__commission_members")
    )
    present = {m.pk for m in meeting.members_present.all()}
    items = list(items)
    recused = rules.recused_by_application({item.application_id for item in items})
    rows = []
    for item in items:
        if meeting.is_closed:
            result = {
                "for": item.votes_for,
                "against": item.votes_against,
                "abstain": item.votes_abstained,
                "adopted": item.adopted,
            }
        else:
            result = selectors.tally(item)
        assigned = {m.pk for m in item.application.commission_members.all()}
        if user.pk not in present:
            status = VOTE_ABSENT
        elif user.pk not in assigned:
            status = VOTE_NOT_ASSIGNED
        elif user.pk in recused[item.application_id]:
            status = VOTE_RECUSED
        else:
            status = VOTE_OPEN
        mine = next((v for v in item.votes.all() if v.member_id == user.pk), None)
        rows.append({"item": item, "tally": result, "my_vote": mine, "vote_status": status})
    return rows


def _detail_page(request, meeting, *, item_form=None, status: int = 200) -> HttpResponse:
    user = request.user
    rows = _items_with_tally(meeting, user)
    present = list(meeting.members_present.all())
    context = {
        "meeting": meeting,
        "rows": rows,
        "present": present,
        "is_secretary": user.is_secretary,
        "is_present": any(m.pk == user.pk for m in present),
        "can_edit": user.is_secretary and not meeting.is_closed,
    }
    if context["can_edit"]:
        context["present_form"] = PresentForm(initial={"members": present}, prefix="present")
        context["item_form"] = item_form or AgendaItemForm(meeting=meeting, prefix="item")
    return render(request, "certification/meeting_detail.html", context, status=status)


@login_required
@require_GET
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _get_meeting(request, pk)
    if request.headers.get("Accept", "").startswith("application/json"):
        # The live tally of static/js/meeting.js.
        rows = _items_with_tally(meeting, request.user)
        return JsonResponse(
            {
                "closed": meeting.is_closed,
                "items": [{"id": r["item"].pk, **r["tally"]} for r in rows],
            }
        )
    return _detail_page(request, meeting)


@login_required
@require_POST
def meeting_present(request: HttpRequest, pk: int) -> HttpResponse:
    """Who of the commission is present: they, and only they, vote."""
    meeting = _get_meeting(request, pk)
    require_secretary(request.user)
    form = PresentForm(request.POST, prefix="present")
    if not form.is_valid():
        messages.error(request, _("Choose the members present from the list."))
        return redirect(meeting)
    try:
        services.meeting_set_present(
            meeting=meeting, by=request.user, members=form.cleaned_data["members"]
        )
        messages.success(request, _("The list of members present is saved."))
    except ValidationError as error:
        messages.error(request, _error_text(error))
    return redirect(meeting)


@login_required
@require_POST
def meeting_item_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _get_meeting(request, pk)
    require_secretary(request.user)
    form = AgendaItemForm(request.POST, meeting=meeting, prefix="item")
    if form.is_valid():
        try:
            item = services.agenda_item_add(
                meeting=meeting,
                by=request.user,
                application=form.cleaned_data["application"],
                question=form.cleaned_data["question"],
                **form.details(),
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error.messages)
        else:
            messages.success(request, _("Item %(order)s is on the agenda.") % {"order": item.order})
            return redirect(meeting)
    return _detail_page(request, meeting, item_form=form, status=400)


@login_required
@require_POST
def meeting_item_remove(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting = _get_meeting(request, pk)
    item = get_object_or_404(AgendaItem, pk=item_pk, meeting=meeting)
    require_secretary(request.user)
    try:
        services.agenda_item_remove(item=item, by=request.user)
        messages.success(request, _("The item is removed from the agenda."))
    except ValidationError as error:
        messages.error(request, _error_text(error))
    return redirect(meeting)


@login_required
@require_POST
def vote(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting = _get_meeting(request, pk)
    item = get_object_or_404(AgendaItem, pk=item_pk, meeting=meeting)
    try:
        # One vote per member per item: a second click updates the same vote.
        services.vote_cast(
            item=item,
            member=request.user,
            choice=request.POST.get("choice", ""),
            comment=request.POST.get("comment", ""),
        )
        messages.success(request, _("Your vote is recorded."))
    except ValueError:
        messages.error(request, _("Choose for, against or abstain."))
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, _error_text(error))
    return redirect(f"{meeting.get_absolute_url()}#item-{item.pk}")


@login_required
@require_POST
def meeting_close(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _get_meeting(request, pk)
    require_secretary(request.user)
    try:
        services.meeting_close(meeting=meeting, by=request.user)
        meeting.refresh_from_db()
        messages.success(
            request,
            _("The meeting is closed: %(protocol)s.") % {"protocol": meeting.protocol_reference},
        )
    except ValidationError as error:
        messages.error(request, _error_text(error))
    except TransitionNotAllowed:
        # Another meeting has decided on the application since the item was added.
        messages.error(
            request,
            _(
                "A decision no longer fits the status of its application; nothing was applied. "
                "Remove that item from the agenda and close the meeting again."
            ),
        )
    return redirect(meeting)


@login_required
@require_GET
def meeting_list(request: HttpRequest) -> HttpResponse:
    if not (request.user.is_secretary or request.user.is_head or request.user.is_commission_member):
        raise PermissionDenied
    return _list_page(request, MeetingForm(prefix="meeting"))


def _list_page(request, form, status: int = 200) -> HttpResponse:
    meetings = selectors.meeting_list_for(request.user).prefetch_related("items")
    context = {
        "meetings": meetings,
        "form": form if request.user.is_secretary else None,
    }
    return render(request, "certification/meeting_list.html", context, status=status)


@login_required
@require_POST
def meeting_create(request: HttpRequest) -> HttpResponse:
    require_secretary(request.user)
    form = MeetingForm(request.POST, prefix="meeting")
    if not form.is_valid():
        return _list_page(request, form, status=400)
    meeting = services.meeting_create(
        by=request.user,
        date=form.cleaned_data["date"],
        place=form.cleaned_data["place"],
        chair=form.cleaned_data["chair"],
    )
    messages.success(
        request, _("The meeting is planned. Mark the members present and build the agenda.")
    )
    return redirect(meeting)

"""Meetings of the commission: agenda, votes with a live tally, closing with a protocol."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import selectors, services
from ..models import AgendaItem


def _get_meeting(request: HttpRequest, pk: int):
    return get_object_or_404(selectors.meeting_list_for(request.user), pk=pk)


def _items_with_tally(meeting, user):
    items = list(
        meeting.items.select_related(
            "application", "certificate", "annex_request"
        ).prefetch_related("votes__member")
    )
    rows = []
    for item in items:
        result = (
            {
                "for": item.votes_for,
                "against": item.votes_against,
                "abstain": item.votes_abstained,
                "adopted": item.adopted,
            }
            if meeting.is_closed
            else services.tally(item)
        )
        mine = next((v for v in item.votes.all() if v.member_id == user.pk), None)
        rows.append({"item": item, "tally": result, "my_vote": mine})
    return rows


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _get_meeting(request, pk)
    rows = _items_with_tally(meeting, request.user)
    if request.headers.get("Accept", "").startswith("application/json"):
        return JsonResponse(
            {
                "closed": meeting.is_closed,
                "items": [
                    {"id": r["item"].pk, **{k: v for k, v in r["tally"].items()}} for r in rows
                ],
            }
        )
    return render(
        request,
        "certification/meeting_detail.html",
        {
            "meeting": meeting,
            "rows": rows,
            "present": meeting.members_present.all(),
            "is_secretary": request.user.is_secretary,
            "is_present": meeting.members_present.filter(pk=request.user.pk).exists(),
        },
    )


@login_required
@require_POST
def vote(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting = _get_meeting(request, pk)
    item = get_object_or_404(AgendaItem, pk=item_pk, meeting=meeting)
    try:
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
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    return redirect(meeting)


@login_required
@require_POST
def meeting_close(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _get_meeting(request, pk)
    try:
        services.meeting_close(meeting=meeting, by=request.user)
        meeting.refresh_from_db()
        messages.success(
            request,
            _("The meeting is closed: %(protocol)s.") % {"protocol": meeting.protocol_reference},
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(meeting)

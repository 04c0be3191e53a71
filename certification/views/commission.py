"""The commission's document review (GOST 8.10–8.12): the secretary registers an application and
forms its commission, returns the dossier with remarks and draws up the conclusion; the members
write their reviews and see what awaits them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET, require_http_methods
from django_fsm import TransitionNotAllowed

from halal_portal.forms import add_validation_errors

from .. import rules, selectors, services
from ..models import AgendaItem, AppState, MeetingState
from ..panels import (
    ASSIGNABLE_STATES,
    conclusion_form,
    is_assigned,
    members_form,
    remarks_form,
    review_form,
)
from ..permissions import require_secretary


def _get_application(request: HttpRequest, pk: int):
    return get_object_or_404(selectors.application_list_for(request.user), pk=pk)


def _form_action(request, application, form, save, *, done: str, refused: str = "", **page):
    """The one shape of the panel's form views: on a valid POST ``save(form)`` calls the service;
    its ValidationError lands on the form, a refused transition and a success go back to the
    application with a message. Otherwise the page with the form (and its errors, 400)."""
    if request.method == "POST" and form.is_valid():
        try:
            save(form)
        except TransitionNotAllowed:
            messages.error(request, refused)
            return redirect(application)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, done)
            return redirect(application)
    context = {"application": application, "form": form, "action_url": request.path, **page}
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "certification/commission/action.html", context, status=status)


def _data(request: HttpRequest):
    return request.POST if request.method == "POST" else None


@login_required
@require_http_methods(["GET", "POST"])
def application_register(request: HttpRequest, pk: int) -> HttpResponse:
    """GOST 8.10: register a submitted application and form its commission."""
    application = _get_application(request, pk)
    require_secretary(request.user)
    return _form_action(
        request,
        application,
        members_form(application, _data(request)),
        lambda form: services.application_register(
            application=application, by=request.user, members=form.cleaned_data["members"]
        ),
        done=_("Application %(number)s is registered; the commission is notified.")
        % {"number": application.number},
        refused=_("This application cannot be registered in its current status."),
        title=_("Register and form the commission"),
        submit_label=pgettext("application", "Register"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def application_assign(request: HttpRequest, pk: int) -> HttpResponse:
    """Change the commission of an application already registered."""
    application = _get_application(request, pk)
    require_secretary(request.user)
    if application.state not in ASSIGNABLE_STATES:
        messages.error(request, _("The commission is formed when the application is registered."))
        return redirect(application)
    return _form_action(
        request,
        application,
        members_form(application, _data(request)),
        lambda form: services.application_assign(
            application=application, by=request.user, members=form.cleaned_data["members"]
        ),
        done=_("The commission of the application is changed."),
        title=_("Change the commission"),
        submit_label=_("Save the commission"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def application_remarks(request: HttpRequest, pk: int) -> HttpResponse:
    """GOST 8.10: return the dossier for completion, with remarks per document."""
    application = _get_application(request, pk)
    require_secretary(request.user)
    return _form_action(
        request,
        application,
        remarks_form(application, _data(request)),
        lambda form: services.application_return(
            application=application,
            by=request.user,
            comment=form.cleaned_data["comment"],
            remarks=form.remarks(),
        ),
        done=_("The application is returned to the applicant."),
        refused=_("This application cannot be returned in its current status."),
        title=_("Return for completion"),
        submit_label=_("Return to the applicant"),
        intro=_(
            "Write a general comment and/or a remark beside each document the applicant must "
            "complete or replace. The applicant sees each remark beside its document."
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def application_review(request: HttpRequest, pk: int) -> HttpResponse:
    """GOST 8.10: an assigned member records their findings on the dossier."""
    application = _get_application(request, pk)
    if not (request.user.is_commission_member and is_assigned(application, request.user)):
        raise PermissionDenied
    if application.state != AppState.DOCUMENT_REVIEW:
        messages.error(request, _("Reviews are written while the documents are under review."))
        return redirect(application)
    return _form_action(
        request,
        application,
        review_form(application, request.user, _data(request)),
        lambda form: services.review_save(
            application=application,
            member=request.user,
            recommendation=form.cleaned_data["recommendation"],
            text=form.cleaned_data["text"],
        ),
        done=_("Your review is saved."),
        title=_("My review of the dossier"),
        submit_label=_("Save the review"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def application_conclusion(request: HttpRequest, pk: int) -> HttpResponse:
    """GOST 8.11–8.12: the conclusion on the documents, drawn up from the members' reviews."""
    application = _get_application(request, pk)
    require_secretary(request.user)
    if application.state != AppState.DOCUMENT_REVIEW:
        messages.error(request, _("The conclusion is drawn up during the document review."))
        return redirect(application)
    return _form_action(
        request,
        application,
        conclusion_form(application, _data(request)),
        lambda form: services.conclusion_save(
            application=application,
            by=request.user,
            outcome=form.cleaned_data["outcome"],
            text=form.cleaned_data["text"],
            grounds=form.cleaned_data.get("grounds") or "",
        ),
        done=_("The conclusion is saved."),
        title=_("Conclusion on the documents"),
        submit_label=_("Save the conclusion"),
        reviews=application.reviews.select_related("member"),
    )


@login_required
@require_GET
def awaiting(request: HttpRequest) -> HttpResponse:
    """What awaits a commission member: dossiers to review and questions to vote on."""
    user = request.user
    if not user.is_commission_member:
        raise PermissionDenied
    assigned = (
        selectors.application_list_for(user)
        .filter(commission_members=user)
        .order_by("state", "-state_changed_at")
    )
    to_review = assigned.filter(state=AppState.DOCUMENT_REVIEW).exclude(reviews__member=user)
    items = (
        AgendaItem.objects.filter(
            meeting__state=MeetingState.PLANNED,
            meeting__members_present=user,
            application__commission_members=user,
        )
        .exclude(votes__member=user)
        .select_related("meeting", "application")
        .order_by("meeting__date", "meeting__pk", "order")
        .distinct()
    )
    items = list(items)
    recused = rules.recused_by_application({item.application_id for item in items})
    meetings: dict = {}
    for item in items:
        if user.pk in recused[item.application_id]:
            continue  # ISO/IEC 17065 7.5: not theirs to vote on
        meetings.setdefault(item.meeting, []).append(item)
    return render(
        request,
        "certification/commission/awaiting.html",
        {
            "to_review": to_review,
            "meetings": list(meetings.items()),
            "assigned": assigned,
        },
    )

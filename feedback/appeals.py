"""Appeals: filed by the applicant or holder within the period set in the admin, decided by a
panel of commission members who took no part in the decision nor in the production check.

Why a panel of its own and not an item of a commission meeting: the meeting machinery lets only
the members assigned to the application vote (certification.services.meetings.vote_cast), while an
appeal panel must be made of the members who were NOT — its rule is the opposite one. The panel
votes here and its decision gets a protocol number of its own gap-free sequence
(certification's numbering, counter «appeal_protocol»)."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_fsm import TransitionNotAllowed

from accounts.models import User
from accounts.notifications import notify
from certification.models import AgendaItem, Application, AppState, Question, TransitionLog, Vote
from certification.permissions import is_member
from certification.rules import recused_members
from certification.services.numbering import next_number
from halal_portal.rendering import document_request
from halal_portal.uploads import check_upload

from .models import (
    PENDING_STATES,
    Appeal,
    AppealFile,
    AppealSettings,
    AppealState,
    AppealVote,
    AppealVoteChoice,
)
from .workflow import fire

# GOST 8.12 (refusal) and 8.16 (suspension, termination of the work): what may be appealed and
# be reversed through the application's state machine (Application.reinstate).
APPEALABLE = (Question.REFUSE, Question.SUSPEND, Question.TERMINATE)


# --- reads ------------------------------------------------------------------------------------


def appeal_list_for(user) -> QuerySet[Appeal]:
    """The secretary sees every appeal, a panel member those on its panel, the applicant its own
    organization's."""
    appeals = Appeal.objects.select_related("application", "decision__meeting", "appellant")
    if not user.is_authenticated:
        return appeals.none()
    if user.is_secretary:
        return appeals
    return appeals.filter(application__organization__members=user) | appeals.filter(panel=user)


def appeal_deadline(item: AgendaItem) -> datetime.date:
    return item.meeting.protocol_date + datetime.timedelta(days=AppealSettings.get().days)


def appealable_decisions(application: Application, *, today: datetime.date) -> list[AgendaItem]:
    """The adopted decisions on the application still open to appeal, not already appealed."""
    items = AgendaItem.objects.filter(
        application=application, adopted=True, question__in=APPEALABLE
    ).select_related("meeting")
    appealed = set(
        Appeal.objects.filter(application=application).values_list("decision", flat=True)
    )
    return [i for i in items if i.pk not in appealed and today <= appeal_deadline(i)]


def pending_appeal(application: Application) -> Appeal | None:
    return Appeal.objects.filter(application=application, state__in=PENDING_STATES).first()


def conflicted_members(appeal: Appeal) -> set[int]:
    """Who may not sit on the panel: who voted on the decision appealed, and who took part in
    the application's production check (the recusal rule, ISO/IEC 17065 7.5, extended)."""
    voted = set(Vote.objects.filter(item=appeal.decision_id).values_list("member", flat=True))
    return voted | recused_members(appeal.application)


# --- writes -----------------------------------------------------------------------------------


def _secretaries():
    return User.objects.filter(role_secretary=True, is_active=True)


@transaction.atomic
def appeal_file(*, by, decision: AgendaItem, grounds: str, files=()) -> Appeal:
    application = decision.application
    if not is_member(application, by):
        raise PermissionDenied
    if not grounds.strip():
        raise ValidationError({"grounds": _("State the grounds of the appeal.")})
    if not decision.adopted or decision.question not in APPEALABLE:
        raise ValidationError(_("This decision cannot be appealed."))
    if timezone.localdate() > appeal_deadline(decision):
        raise ValidationError(
            _("The period to appeal ended on %(date)s.")
            % {"date": appeal_deadline(decision).strftime("%d.%m.%Y")}
        )
    if Appeal.objects.filter(decision=decision).exists():
        raise ValidationError(_("This decision is already appealed."))
    appeal = Appeal.objects.create(
        application=application, decision=decision, appellant=by, grounds=grounds.strip()
    )
    for upload in files:
        checked = check_upload(upload)
        record = AppealFile(
            appeal=appeal,
            original_name=checked.display_name,
            content_type=checked.content_type,
            size=checked.size,
            sha256=checked.sha256,
        )
        record.file.save(checked.display_name, upload, save=False)
        record.save()
    appeal.log.create(transition="file", source=appeal.state, target=appeal.state, by=by)
    with translation.override(settings.LANGUAGE_CODE):
        notify(
            _secretaries(),
            key=f"appeal:{appeal.pk}",
            subject=_("Appeal %(code)s against the decision on %(number)s")
            % {"code": appeal.code, "number": application.number},
            body=_("Seat a panel of members who took no part in the decision."),
            url=appeal.get_absolute_url(),
        )
    return appeal


@transaction.atomic
def appeal_seat_panel(*, appeal: Appeal, by, members) -> Appeal:
    """Seat the panel; a member who voted on the decision or checked the plant is refused."""
    members = list(members)
    if any(not m.is_commission_member for m in members):
        raise ValidationError({"members": _("Only commission members sit on an appeal panel.")})
    if len(members) < settings.APPEAL_PANEL_MIN_MEMBERS:
        raise ValidationError(
            {
                "members": _("An appeal panel has at least %(count)s members.")
                % {"count": settings.APPEAL_PANEL_MIN_MEMBERS}
            }
        )
    conflicted = conflicted_members(appeal)
    refused = [m for m in members if m.pk in conflicted]
    if refused:
        raise ValidationError(
            {
                "members": _(
                    "%(names)s took part in the decision appealed or in the production check "
                    "and cannot sit on the panel."
                )
                % {"names": ", ".join(m.get_full_name() or m.email for m in refused)}
            }
        )
    appeal = fire(appeal, "seat_panel", by=by, comment=", ".join(m.email for m in members))
    appeal.panel.set(members)
    with translation.override(settings.LANGUAGE_CODE):
        notify(
            members,
            key=f"appeal:{appeal.pk}:panel",
            subject=_("You sit on the panel of appeal %(code)s") % {"code": appeal.code},
            body=_("Read the appeal and vote."),
            url=appeal.get_absolute_url(),
        )
    return appeal


def appeal_vote(*, appeal: Appeal, member, choice: str, comment: str = "") -> AppealVote:
    choice = AppealVoteChoice(choice)
    with transaction.atomic():
        appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
        if appeal.state != AppealState.PANEL:
            raise TransitionNotAllowed("vote")
        if not appeal.panel.filter(pk=member.pk).exists():
            raise PermissionDenied(_("Only the members of the panel vote on the appeal."))
        AppealVote.objects.update_or_create(
            appeal=appeal,
            member=member,
            defaults={"choice": choice, "comment": comment.strip(), "cast_at": timezone.now()},
        )
    return AppealVote.objects.get(appeal=appeal, member=member)


@transaction.atomic
def appeal_decide(*, appeal: Appeal, by, reasons: str) -> Appeal:
    """Close the panel's vote with a numbered protocol. Upheld: the decision is reversed through
    the application's state machine, with its history. Rejected: it stands, and the reasons go
    to the appellant as a letter."""
    if not reasons.strip():
        raise ValidationError({"reasons": _("State the panel's reasons.")})
    locked = Appeal.objects.select_for_update().get(pk=appeal.pk)
    votes = list(locked.votes.filter(member__in=locked.panel.all()))
    panel_size = locked.panel.count()
    if len(votes) * 2 <= panel_size:
        raise ValidationError(_("More than half of the panel must vote."))
    uphold = sum(1 for v in votes if v.choice == AppealVoteChoice.UPHOLD)
    outcome = "uphold" if uphold * 2 > len(votes) else "reject"
    number = next_number("appeal_protocol")
    appeal = fire(locked, outcome, by=by, comment=reasons.strip(), number=number, reasons=reasons)
    appeal.votes_uphold, appeal.votes_reject = uphold, len(votes) - uphold
    appeal.save(update_fields=["votes_uphold", "votes_reject"])
    if outcome == "uphold":
        _reverse(appeal, by=by)
    document_request("appeal_decision", appeal)
    with translation.override(settings.LANGUAGE_CODE):
        notify(
            appeal.application.organization.members.all(),
            key=f"appeal:{appeal.pk}:decided",
            subject=_("Appeal %(code)s: %(outcome)s")
            % {"code": appeal.code, "outcome": appeal.get_state_display()},
            body=appeal.reasons,
            url=appeal.get_absolute_url(),
        )
    return appeal


def _reverse(appeal: Appeal, *, by) -> None:
    """Application.reinstate: back to where the work stood before the decision appealed, logged
    in the application's own history with the panel's protocol."""
    application = Application.objects.select_for_update().get(pk=appeal.application_id)
    question = Question(appeal.decision.question)
    state = AppState.PRODUCTION_CHECK  # a suspension or termination annulled: the check goes on
    if question == Question.REFUSE:
        refusal = application.transitions.filter(transition="refuse").order_by("-at", "-pk")
        before = refusal.values_list("source", flat=True).first()
        if before in (AppState.DOCUMENT_REVIEW, AppState.DECISION):
            state = before
    source = application.state
    application.reinstate(by=by, state=state)
    application.state_changed_at = timezone.now()
    application.save()
    TransitionLog.objects.create(
        application=application,
        transition="reinstate",
        source=source,
        target=application.state,
        by=by,
        comment="\n".join([str(appeal.protocol_reference), appeal.reasons]),
    )


def agenda_check(item: AgendaItem) -> None:
    """certification's agenda check: no new decision on an application while an appeal against
    one of its decisions is pending."""
    appeal = pending_appeal(item.application)
    if appeal is not None:
        raise ValidationError(
            _(
                "Appeal %(code)s against a decision on application %(number)s is pending: no new "
                "decision until the panel decides."
            )
            % {"code": appeal.code, "number": item.application.number}
        )

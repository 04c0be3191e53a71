"""Meetings of the commission: agenda, votes, closing with a numbered protocol (GOST 8.3,
8.11–8.18). A decision changes an application or a certificate only when the meeting that
adopted it closes, in the same transaction as the protocol."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_fsm import can_proceed

from accounts.models import AuthorizedBody, User
from accounts.notifications import notify
from halal_portal.rendering import document_request

from .. import providers, rules
from ..models import (
    AgendaItem,
    AnnexRequestState,
    Application,
    Certificate,
    Meeting,
    MeetingState,
    Question,
    Vote,
    VoteChoice,
)
from ..permissions import require_secretary
from ..selectors import tally
from ..signals import certificate_changes
from . import certificates
from .application import _transition
from .fees import invoice_issue
from .letters import outgoing_letter_register
from .numbering import next_number

# Which transition of the application each question fires when adopted.
APPLICATION_TRANSITION = {
    Question.PROCEED: "proceed_to_check",
    Question.REFUSE: "refuse",
    Question.SUSPEND: "suspend",
    Question.RESUME: "resume",
    Question.TERMINATE: "terminate",
    Question.ISSUE: "certify",
}
CERTIFICATE_TRANSITION = {
    Question.SUSPEND_CERTIFICATE: "suspend",
    Question.RESUME_CERTIFICATE: "resume",
    Question.WITHDRAW_CERTIFICATE: "withdraw",
}


def _open_meeting(meeting: Meeting) -> Meeting:
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.is_closed:
        raise ValidationError(_("The meeting is closed; its protocol can no longer change."))
    return meeting


@transaction.atomic
def meeting_create(*, by, date: datetime.date, place: str = "", chair=None) -> Meeting:
    require_secretary(by)
    return Meeting.objects.create(date=date, place=place, chair=chair, secretary=by)


@transaction.atomic
def meeting_set_present(*, meeting: Meeting, by, members) -> Meeting:
    require_secretary(by)
    meeting = _open_meeting(meeting)
    members = list(members)
    if any(not m.is_commission_member for m in members):
        raise ValidationError(_("Only commission members take part in a meeting."))
    meeting.members_present.set(members)
    with translation.override(settings.LANGUAGE_CODE):
        _invite(meeting, members)
    return meeting


def _invite(meeting: Meeting, members) -> None:
    notify(
        members,
        key=f"meeting:{meeting.pk}",
        subject=lambda: (
            _("Commission meeting on %(date)s") % {"date": meeting.date.strftime("%d.%m.%Y")}
        ),
        body=lambda: (
            _("You are invited to the meeting of the commission. Place: %(place)s.")
            % {"place": meeting.place or "—"}
        ),
        url=meeting.get_absolute_url(),
    )


def _validate_item(item: AgendaItem) -> None:
    """A question must fit the application's state and carry what its decision needs."""
    application = item.application
    question = Question(item.question)
    if question in APPLICATION_TRANSITION:
        method = getattr(application, APPLICATION_TRANSITION[question])
        if not can_proceed(method, check_conditions=False):
            raise ValidationError(
                _("Application %(number)s is «%(state)s»: the commission cannot %(question)s now.")
                % {
                    "number": application.number,
                    "state": application.get_state_display(),
                    "question": item.get_question_display(),
                }
            )
    if question == Question.REFUSE and not item.grounds.strip():
        raise ValidationError({"grounds": _("A refusal must state its grounds (GOST 8.12).")})
    if question == Question.SUSPEND:
        if not item.deadline or item.deadline <= item.meeting.date:
            # GOST 8.16: the applicant gets time to correct the nonconformities.
            raise ValidationError(
                {"deadline": _("Set a deadline for corrective actions after the meeting date.")}
            )
        if not item.grounds.strip():
            raise ValidationError(
                {"grounds": _("List the nonconformities to correct, one per line.")}
            )
    if question == Question.TERMINATE and not rules.suspension_deadline_passed(application):
        raise ValidationError(
            _("The work is terminated only after the deadline for corrective actions (GOST 8.16).")
        )
    if question == Question.ISSUE:
        rules.check_validity(item.valid_from, item.valid_to)
        _check_paid(application, "production_check")
    if question == Question.PROCEED:
        _check_paid(application, "document_review")
    if question == Question.ISSUE_ANNEX:
        request = item.annex_request
        if request is None or request.state != AnnexRequestState.REQUESTED:
            raise ValidationError(_("Choose an open annex request."))
        if request.certificate.application_id != application.pk:
            raise ValidationError(_("The annex request belongs to another application."))
        rules.check_annex_allowed(request.certificate, on=item.meeting.date)
    if question in CERTIFICATE_TRANSITION:
        certificate = getattr(application, "certificate", None)
        if certificate is None:
            raise ValidationError(_("The application has no certificate."))
        item.certificate = certificate
        method = getattr(certificate, CERTIFICATE_TRANSITION[question])
        if not can_proceed(method, check_conditions=False):
            raise ValidationError(
                _("Certificate %(number)s is «%(status)s»: the commission cannot %(question)s.")
                % {
                    "number": certificate.number,
                    "status": certificate.get_status_display(),
                    "question": item.get_question_display(),
                }
            )


def _check_paid(application: Application, stage: str) -> None:
    """GOST 8.19 with WORK_WAITS_FOR_PAYMENT: a stage's decision waits for its invoice."""
    if not settings.WORK_WAITS_FOR_PAYMENT:
        return
    if application.invoices.filter(stage=stage).exclude(state="paid").exists():
        raise ValidationError(_("The invoice for this stage is not paid yet (GOST 8.19)."))


@transaction.atomic
def agenda_item_add(*, meeting: Meeting, by, application: Application, question: str, **details):
    """Put one question about one application on the agenda."""
    require_secretary(by)
    meeting = _open_meeting(meeting)
    item = AgendaItem(
        meeting=meeting,
        application=application,
        question=Question(question),
        order=meeting.items.count() + 1,
        grounds=(details.get("grounds") or "").strip(),
        deadline=details.get("deadline"),
        recheck_required=bool(details.get("recheck_required")),
        valid_from=details.get("valid_from"),
        valid_to=details.get("valid_to"),
        product_type=(details.get("product_type") or "").strip(),
        annex_request=details.get("annex_request"),
    )
    _validate_item(item)
    item.save()
    return item


@transaction.atomic
def agenda_item_remove(*, item: AgendaItem, by) -> None:
    require_secretary(by)
    _open_meeting(item.meeting)
    item.delete()


def vote_cast(*, item: AgendaItem, member, choice: str, comment: str = "") -> Vote:
    """One vote per member per item: a repeated or concurrent request updates the same row."""
    choice = VoteChoice(choice)
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
        if meeting.is_closed:
            raise ValidationError(_("The meeting is closed; votes are frozen."))
        if not meeting.members_present.filter(pk=member.pk).exists():
            raise PermissionDenied(_("Only members present at the meeting vote."))
        if member.pk in rules.recused_members(item.application):
            # ISO/IEC 17065 7.5: who checked the production does not decide on it.
            raise PermissionDenied(
                _("You took part in the production check of this application and cannot vote.")
            )
        if not item.application.commission_members.filter(pk=member.pk).exists():
            raise PermissionDenied(_("Only members assigned to the application vote on it."))
        Vote.objects.bulk_create(
            [Vote(item=item, member=member, choice=choice, comment=comment.strip())],
            update_conflicts=True,
            unique_fields=["item", "member"],
            update_fields=["choice", "comment", "cast_at"],
        )
    return Vote.objects.get(item=item, member=member)


@transaction.atomic
@certificate_changes()  # each issued or changed certificate announced once, at the end
def meeting_close(*, meeting: Meeting, by) -> Meeting:
    """Freeze the votes, number the protocol and apply every adopted decision — all or nothing."""
    require_secretary(by)
    meeting = _open_meeting(meeting)
    items = list(meeting.items.select_related("application", "annex_request", "certificate"))
    if not items:
        raise ValidationError(_("The agenda is empty."))
    meeting.protocol_number = next_number("protocol")
    meeting.protocol_date = meeting.date
    meeting.state = MeetingState.CLOSED
    meeting.closed_at = timezone.now()
    meeting.closed_by = by
    meeting.save()
    # What the protocol and the applications' histories record is in the site's language,
    # whichever language the secretary's screen is in.
    with translation.override(settings.LANGUAGE_CODE):
        for item in items:
            _decide(item, meeting=meeting, by=by)
    _request_documents(meeting, items)
    return meeting


# Adopted decisions the applicant receives in writing (GOST 8.12, 8.16), and those on an issued
# certificate its holder receives (GOST 8.6: the sign only while the certificate is valid).
LETTER_QUESTIONS = (
    Question.REFUSE,
    Question.SUSPEND,
    Question.RESUME,
    Question.TERMINATE,
    Question.SUSPEND_CERTIFICATE,
    Question.RESUME_CERTIFICATE,
    Question.WITHDRAW_CERTIFICATE,
)


def _request_documents(meeting: Meeting, items: list[AgendaItem]) -> None:
    """The protocol and the decision letters, snapshotted as closed, rendered after commit."""
    document_request("protocol", meeting)
    for item in items:
        if item.adopted and item.question in LETTER_QUESTIONS:
            outgoing_letter_register(item=item)  # its outgoing number and date, then its snapshot
            document_request("decision_letter", item)


def _decide(item: AgendaItem, *, meeting: Meeting, by) -> None:
    """Freeze one item's tally and, if adopted, apply its decision."""
    result = tally(item)
    item.votes_for, item.votes_against = result["for"], result["against"]
    item.votes_abstained = result["abstain"]
    item.adopted = result["adopted"]
    if not result["quorum"]:
        item.outcome_note = _("No quorum: the question is not decided.")
    if item.adopted:
        _apply(item, meeting=meeting, by=by)
        # What the apps above record of the decision (audits: a suspension's nonconformities).
        providers.decision_adopted(item)
    item.save()
    _notify_decision(item, meeting)


def _apply(item: AgendaItem, *, meeting: Meeting, by) -> None:
    application = Application.objects.select_for_update().get(pk=item.application_id)
    question = Question(item.question)
    reference = meeting.protocol_reference
    comment = "\n".join(p for p in (str(reference), item.grounds) if p)
    if question in APPLICATION_TRANSITION:
        name = APPLICATION_TRANSITION[question]
        kwargs = {}
        if question == Question.SUSPEND:
            kwargs["deadline"] = item.deadline
        if question == Question.RESUME:
            kwargs["recheck_required"] = item.recheck_required
        _transition(application, name, by=by, comment=comment, **kwargs)
        if question == Question.PROCEED:
            invoice_issue(application=application, stage="production_check")
        if question == Question.ISSUE:
            invoice_issue(application=application, stage="certificate")
            certificates.certificate_issue(
                application=application,
                meeting=meeting,
                valid_from=item.valid_from,
                valid_to=item.valid_to,
                product_type=item.product_type,
                by=by,
            )
    elif question == Question.ISSUE_ANNEX:
        invoice_issue(application=application, stage="annex")
        certificates.annex_issue(request=item.annex_request, meeting=meeting, by=by)
    elif question in CERTIFICATE_TRANSITION:
        certificate = Certificate.objects.select_for_update().get(pk=item.certificate_id)
        certificates.certificate_transition(
            certificate=certificate,
            name=CERTIFICATE_TRANSITION[question],
            meeting=meeting,
            by=by,
            comment=item.grounds,
        )


def _notify_decision(item: AgendaItem, meeting: Meeting) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        _notify_decision_in_site_language(item, meeting)


def _notify_decision_in_site_language(item: AgendaItem, meeting: Meeting) -> None:
    application = item.application

    def subject() -> str:
        if item.adopted:
            return _("Decision on application %(number)s: %(question)s") % {
                "number": application.number,
                "question": item.get_question_display(),
            }
        return _("Application %(number)s: the commission did not decide to %(question)s") % {
            "number": application.number,
            "question": item.get_question_display(),
        }

    def body() -> str:
        return "\n\n".join(
            p
            for p in (
                _("The commission decided at its meeting, %(protocol)s.")
                % {"protocol": meeting.protocol_reference},
                item.grounds and _("Grounds: %(grounds)s") % {"grounds": item.grounds},
                item.deadline
                and _("Corrective actions are due by %(date)s.")
                % {"date": item.deadline.strftime("%d.%m.%Y")},
            )
            if p
        )

    notify(
        application.organization.members.all(),
        key=f"decision:{item.pk}",
        subject=subject,
        body=body,
        url=application.get_absolute_url(),
    )
    if item.adopted and item.question == Question.ISSUE:
        head = AuthorizedBody.get().head
        notify(
            [head] if head else User.objects.filter(role_head=True),
            key=f"to-sign:{item.pk}",
            subject=lambda: _("A certificate awaits your signature"),
            body=lambda: (
                _("The commission decided to issue a certificate for %(org)s.")
                % {"org": application.org_name}
            ),
            url=application.get_absolute_url(),
        )

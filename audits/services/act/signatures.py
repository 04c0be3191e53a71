"""The act's way from the draft to the enterprise head's receipt (GOST 8.16): submitted to the
commission, signed by each member, approved by the head, sent to the applicant, acknowledged.
Every step is a transition of the act's state machine (halal_portal.workflow)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import can_proceed

from accounts.models import AuthorizedBody, User
from accounts.notifications import notify
from certification.models import AppState
from certification.services import application_await_decision
from certification.services.numbering import next_number
from halal_portal import workflow
from halal_portal.errors import StateConflict
from halal_portal.rendering import document_request

from ... import rules, selectors
from ...models import ActSignature, ActState, ProductionCheckAct


def _submit_refusal(act: ProductionCheckAct) -> list[str]:
    if act.state != ActState.DRAFT:
        return [_("The act is no longer a draft and cannot be changed.")]
    return rules.act_missing(act)


@transaction.atomic
def act_submit(*, act: ProductionCheckAct, by: User) -> ProductionCheckAct:
    """The draft goes to the commission for signatures once every item has a result, every
    nonconformity its deadline and the conclusions are written (GOST 8.16)."""
    act = workflow.fire(act, "submit", by=by, refusal=_submit_refusal)
    notify(
        [u for u in selectors.act_team(act) if u.pk != by.pk],
        key=f"act-submitted:{act.pk}:{act.submitted_at:%Y%m%d%H%M%S%f}",
        subject=lambda: (
            _("Application %(number)s: sign the production-check act")
            % {"number": act.production_check.application.number}
        ),
        body=lambda: (
            _("%(name)s submitted the act of the check of the state of production.")
            % {"name": by.get_short_name()}
        ),
        url=act.get_absolute_url(),
    )
    return act


@transaction.atomic
def act_sign(*, act: ProductionCheckAct, by: User) -> ProductionCheckAct:
    """«Члены комиссии»: a member signs the submitted act; the last signature completes it.
    A signature keeps the state (it is logged as «sign»); the last one fires
    ``complete_signatures``, whose permission says who signs."""
    act = ProductionCheckAct.objects.select_for_update().get(pk=act.pk)
    if not workflow.may_fire(act, "complete_signatures", by):
        raise PermissionDenied
    if act.state == ActState.DRAFT:
        raise StateConflict(_("The act is signed once it is submitted."))
    if not can_proceed(act.complete_signatures, check_conditions=False):
        raise StateConflict(_("The commission has already signed the act."))
    if act.signatures.filter(member=by).exists():
        raise StateConflict(_("You have already signed the act."))
    ActSignature.objects.create(act=act, member=by, signed_at=timezone.now())
    workflow.record(act, "sign", by=by)
    if rules.act_is_signed_by_all(act):
        workflow.fire(act, "complete_signatures", by=by)
        notify(
            [AuthorizedBody.get().head],
            key=f"act-signed:{act.pk}:{act.signed_at:%Y%m%d%H%M%S%f}",
            subject=lambda: (
                _("Application %(number)s: approve the production-check act")
                % {"number": act.production_check.application.number}
            ),
            body=lambda: _("Every member of the commission has signed the act."),
            url=act.get_absolute_url(),
        )
    return act


@transaction.atomic
def act_return(*, act: ProductionCheckAct, by: User, reason: str) -> ProductionCheckAct:
    """A member of the commission returns the submitted act to the draft, saying why; the
    signatures given so far lapse, since they were given to another text."""
    reason = (reason or "").strip()

    def needs_reason(act: ProductionCheckAct) -> None:
        if not reason:
            raise ValidationError({"reason": [_("Say why the act goes back to the draft.")]})

    act = workflow.fire(
        act,
        "return_to_draft",
        by=by,
        comment=reason,
        validate=needs_reason,
        refusal=_("Only a submitted act can be returned to the draft."),
    )
    act.signatures.all().delete()
    notify(
        [u for u in selectors.act_team(act) if u.pk != by.pk],
        key=f"act-returned:{act.pk}:{timezone.now():%Y%m%d%H%M%S%f}",
        subject=lambda: (
            _("Application %(number)s: the production-check act is returned to the draft")
            % {"number": act.production_check.application.number}
        ),
        body=reason,
        url=act.get_absolute_url(),
    )
    return act


def _approve_refusal(act: ProductionCheckAct) -> str:
    if act.state in (ActState.DRAFT, ActState.SUBMITTED):
        return _("The head approves the act after every member of the commission has signed it.")
    return _("The act is already approved.")


@transaction.atomic
def act_approve(*, act: ProductionCheckAct, by: User) -> ProductionCheckAct:
    """«УТВЕРЖДАЮ»: the head approves the act after every member has signed it."""
    act = workflow.fire(act, "approve", by=by, refusal=_approve_refusal)
    # The approved act gets its number (gap-free, under a row lock) with the approval.
    act.number = next_number("production_act")
    act.save(update_fields=["number"])
    # The PDF of Annex Ж is the approved act: what is sent to the applicant (GOST 8.16).
    document_request("production_act", act)
    _await_decision(act, by=by)
    return act


def _await_decision(act: ProductionCheckAct, *, by: User) -> None:
    """GOST 8.16–8.17: with the act approved, the application awaits the commission's decision
    (an annex's check leaves its certified application as it is)."""
    check = act.production_check
    application = check.application
    if check.annex_request_id is None and application.state == AppState.PRODUCTION_CHECK:
        application_await_decision(application=application, by=by, comment=str(act.reference))


@transaction.atomic
def act_send(*, act: ProductionCheckAct, by: User) -> ProductionCheckAct:
    """GOST 8.16: «Один экземпляр акта направляется заявителю»."""
    act = workflow.fire(
        act,
        "send",
        by=by,
        refusal=_("The act is sent to the applicant once the head has approved it."),
    )
    application = act.production_check.application
    notify(
        application.organization.members.all(),
        key=f"act-sent:{act.pk}",
        subject=lambda: (
            _("Application %(number)s: the production-check act") % {"number": application.number}
        ),
        body=lambda: _(
            "The act of the check of the state of production is sent to you. The head of the "
            "enterprise confirms receipt in the portal."
        ),
        url=act.get_absolute_url(),
    )
    return act


@transaction.atomic
def act_acknowledge(*, act: ProductionCheckAct, by: User) -> ProductionCheckAct:
    """«С актом ознакомился и один экземпляр получил: Руководитель предприятия»."""
    act = workflow.fire(
        act,
        "acknowledge",
        by=by,
        refusal=_("Receipt is confirmed once the act is sent to the applicant."),
    )
    # A second document with the head's receipt filled in; the approved one stays as it was sent.
    document_request("production_act_acknowledged", act)
    notify(
        [*selectors.act_team(act), AuthorizedBody.get().head],
        key=f"act-acknowledged:{act.pk}",
        subject=lambda: (
            _("Application %(number)s: the enterprise received the production-check act")
            % {"number": act.production_check.application.number}
        ),
        body=lambda: _("%(name)s confirmed receipt of the act.") % {"name": by.get_short_name()},
        url=act.get_absolute_url(),
    )
    return act

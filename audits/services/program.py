"""Writes of the program of the production check (GOST 8.13–8.14, Annex Д) and its start.

The secretary or the head draws up the program; the head approves it («УТВЕРЖДАЮ»); after the
approval nothing in it changes, and only then may the check start. The check's ``participants``
(read by the recusal rule of the commission's votes) always equal the program's team."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.notifications import notify
from certification.models import Application, AppState, Question
from halal_portal.rendering import document_request

from .. import permissions, rules
from ..models import CheckArea, CheckStage, CheckStatus, CheckTeamMember, ProductionCheck
from ..reference import STAGES, load_check_areas

PROGRAM_FIELDS = ("purpose", "basis", "start_date", "end_date", "other_documents")


def _lock(check: ProductionCheck) -> ProductionCheck:
    return ProductionCheck.objects.select_for_update().get(pk=check.pk)


def _editable(check: ProductionCheck, by: User) -> ProductionCheck:
    """The program, locked, if ``by`` may change it now."""
    if not permissions.can_manage_program(check, by):
        raise PermissionDenied
    check = _lock(check)
    if check.status != CheckStatus.DRAFT:
        raise ValidationError(
            _("The program is approved and can no longer be changed (GOST 8.13)."),
            code="approved",
        )
    return check


def default_purpose() -> str:
    return _(
        "Assessment of the enterprise's ability to produce «Halal» products steadily in "
        "conformity with the standard"
    )


def default_basis(application: Application) -> str:
    """The application and the commission's decision to proceed to the check (GOST 8.13)."""
    basis = _("Application %(number)s") % {"number": application.number}
    decision = (
        application.agenda_items.filter(question=Question.PROCEED, adopted=True)
        .select_related("meeting")
        .order_by("-meeting__date")
        .first()
    )
    if decision and decision.meeting.protocol_reference:
        basis = _("%(application)s; decision of the commission, %(protocol)s") % {
            "application": basis,
            "protocol": decision.meeting.protocol_reference,
        }
    return basis


@transaction.atomic
def check_create(*, application: Application, by: User) -> ProductionCheck:
    """Draw up a program for an application that passed the document review (GOST 8.13),
    prefilled with the five stages of Annex Д and the application's normative documents."""
    if not permissions.can_manage_program(None, by):
        raise PermissionDenied
    state = (
        Application.objects.select_for_update()
        .values_list("state", flat=True)
        .get(pk=application.pk)
    )
    if state != AppState.PRODUCTION_CHECK:
        raise ValidationError(
            _(
                "A production check is programmed only after the commission's positive document "
                "review (GOST 8.13)."
            ),
            code="state",
        )
    if application.production_checks.filter(
        status__in=[CheckStatus.DRAFT, CheckStatus.APPROVED]
    ).exists():
        raise ValidationError(
            _("This application already has a program of a check that has not started."),
            code="duplicate",
        )
    check = ProductionCheck.objects.create(
        application=application,
        created_by=by,
        purpose=default_purpose(),
        basis=default_basis(application),
    )
    documents = {p.normative_document_id for p in application.products.all()}
    if application.standard_id:
        documents.add(application.standard_id)
    check.normative_documents.set(documents)
    if not CheckArea.objects.exists():
        load_check_areas(CheckArea)
    for number, _title, _optional in STAGES:
        stage = CheckStage.objects.create(production_check=check, number=number)
        if number == 1:
            stage.areas.set(CheckArea.objects.filter(is_active=True))
    return check


@transaction.atomic
def program_update(*, check: ProductionCheck, by: User, data: Mapping[str, Any]) -> ProductionCheck:
    """Parts 1–3 and 5 of Annex Д: purpose, basis, dates, normative documents."""
    check = _editable(check, by)
    for field in PROGRAM_FIELDS:
        if field in data:
            value = data[field]
            setattr(check, field, value.strip() if isinstance(value, str) else value)
    if check.start_date and check.end_date and check.end_date < check.start_date:
        raise ValidationError({"end_date": _("The check cannot end before it starts.")})
    problems = rules.team_power_problems(check)
    if problems:
        raise ValidationError(problems, code="power_of_attorney")
    check.save()
    if "normative_documents" in data:
        check.normative_documents.set(data["normative_documents"])
    return check


def _sync_participants(check: ProductionCheck) -> None:
    # certification.rules.recused_members reads participants: they must equal the team.
    check.participants.set(User.objects.filter(check_memberships__production_check=check))


@transaction.atomic
def team_member_add(
    *, check: ProductionCheck, by: User, user: User, position: str = ""
) -> CheckTeamMember:
    """Annex Д, part 4: a member of the commission with their position. An expert-auditor is
    accepted only with a power of attorney valid on every day of the check (GOST 2.19)."""
    check = _editable(check, by)
    if not user.is_body_staff:
        raise ValidationError(
            {"user": _("Only staff of the authorized organization check the production.")}
        )
    if check.team.filter(user=user).exists():
        raise ValidationError(
            {"user": _("%(name)s is already in the commission.") % {"name": user.get_short_name()}}
        )
    position = (position or user.position or "").strip()
    if not position:
        raise ValidationError({"position": _("State the member's position (Annex Д, part 4).")})
    if user.role_auditor:
        if not (check.start_date and check.end_date):
            raise ValidationError(
                {
                    "user": _(
                        "Set the dates of the check first: an expert-auditor's power of attorney "
                        "must cover them (GOST 2.19)."
                    )
                }
            )
        problem = rules.power_of_attorney_problem(user, check.start_date, check.end_date)
        if problem:
            raise ValidationError({"user": problem}, code="power_of_attorney")
    member = CheckTeamMember.objects.create(
        production_check=check, user=user, position=position, order=check.team.count() + 1
    )
    _sync_participants(check)
    return member


@transaction.atomic
def team_member_remove(*, check: ProductionCheck, by: User, member: CheckTeamMember) -> None:
    check = _editable(check, by)
    if member.production_check_id != check.pk:
        raise PermissionDenied
    for stage in check.stages.all():
        stage.executors.remove(member.user_id)
    member.delete()
    _sync_participants(check)


@transaction.atomic
def stages_update(
    *, check: ProductionCheck, by: User, stages: Mapping[int, Mapping[str, Any]]
) -> ProductionCheck:
    """Annex Д, part 6: who carries out each stage; stages 3 and 4 may be marked not needed."""
    check = _editable(check, by)
    team = set(check.team.values_list("user_id", flat=True))
    errors: dict[str, list[str]] = {}
    for stage in check.stages.all():
        values = stages.get(stage.number)
        if values is None:
            continue
        executors: Iterable[User] = values.get("executors") or []
        outsiders = [u for u in executors if u.pk not in team]
        if outsiders:
            errors.setdefault(f"stage_{stage.number}", []).append(
                _("Executors are chosen from the commission of the check.")
            )
            continue
        needed = bool(values.get("needed", True))
        if not needed and not rules.stage_may_be_skipped(stage.number):
            errors.setdefault(f"needed_{stage.number}", []).append(
                _("Stage %(number)s is always carried out (Annex Д).") % {"number": stage.number}
            )
            continue
        stage.needed = needed
        stage.save(update_fields=["needed"])
        stage.executors.set(executors)
    if errors:
        raise ValidationError(errors)
    return check


@transaction.atomic
def program_approve(*, check: ProductionCheck, by: User) -> ProductionCheck:
    """GOST 8.13: the head approves the program («УТВЕРЖДАЮ»); it is frozen from then on."""
    check = _lock(check)
    if not permissions.can_approve_program(check, by):
        raise PermissionDenied
    if check.status != CheckStatus.DRAFT:
        raise ValidationError(_("The program is already approved."), code="approved")
    missing = rules.program_missing(check)
    if missing:
        raise ValidationError(missing, code="incomplete")
    check.approve(by=by, at=timezone.now())
    check.save()
    # Annex Д as approved: snapshotted now, rendered after commit.
    document_request("check_program", check)
    application = check.application
    notify(
        [*check.participants.all(), *application.organization.members.all()],
        key=f"check-approved:{check.pk}",
        subject=lambda: (
            _("Application %(number)s: the program of the production check is approved")
            % {"number": application.number}
        ),
        body=lambda: (
            _("The production check is planned for %(start)s–%(end)s.")
            % {
                "start": check.start_date.strftime("%d.%m.%Y"),
                "end": check.end_date.strftime("%d.%m.%Y"),
            }
        ),
        url=check.get_absolute_url(),
    )
    return check


@transaction.atomic
def check_start(*, check: ProductionCheck, by: User) -> ProductionCheck:
    """The check starts under the approved program; never before the approval (GOST 8.13)."""
    check = _lock(check)
    if not permissions.can_start_check(check, by):
        raise PermissionDenied
    if check.status == CheckStatus.DRAFT:
        raise ValidationError(
            _("The check cannot start before the head approves its program (GOST 8.13)."),
            code="not_approved",
        )
    if check.status != CheckStatus.APPROVED:
        raise ValidationError(_("The check is already under way."), code="started")
    if not rules.application_is_in_check(check):
        raise ValidationError(
            _("The application is «%(state)s»: its production is not being checked now.")
            % {"state": check.application.get_state_display()},
            code="state",
        )
    problems = rules.team_power_problems(check)
    if problems:
        raise ValidationError(problems, code="power_of_attorney")
    check.start(by=by, at=timezone.now())
    check.save()
    return check

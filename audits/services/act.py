"""Writes of the production-check act (GOST 8.16, Annex Ж).

The expert-auditor of the commission draws the act up once the check is under way and fills it
in section by section (autosaved: every item result carries a revision, and an edit made on an
older revision is refused instead of silently overwriting a newer one). The draft is submitted,
signed by each member of the commission, approved by the head («УТВЕРЖДАЮ»; its PDF is issued
then), sent to the applicant, whose head acknowledges receipt (the PDF is issued again with the
receipt, as a second document). Only a draft changes."""

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import AuthorizedBody, User
from accounts.notifications import notify
from halal_portal.rendering import document_request
from halal_portal.uploads import check_upload

from .. import permissions, rules
from ..models import (
    ActEvidence,
    ActSignature,
    ActState,
    ActTransition,
    ChecklistItem,
    ChecklistVersion,
    CheckStatus,
    ItemResult,
    ItemStatus,
    Nonconformity,
    ProductionCheck,
    ProductionCheckAct,
    Severity,
)

HEADER_FIELDS = (
    "date",
    "enterprise_name",
    "legal_address",
    "production_address",
    "phone",
    "enterprise_head",
    "commission",
    "representatives",
    "purpose",
    "basis",
    "period_start",
    "period_end",
    "declared_products",
    "product_documentation",
    "serial_certificates",
    "safety_management_system",
    "complaints",
    "conclusions",
    "stable_production",
    "copy_to_certification_body",
)
MAX_ACT_EVIDENCE_FILES = 20


def _clean(value):
    return value.strip() if isinstance(value, str) else value


def _date(value: datetime.date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else "—"


def production_act_initial(check: ProductionCheck) -> dict[str, Any]:
    """The header of Annex Ж as far as the portal knows it: the enterprise from the applicant's
    organization, the commission from the program's team, purpose, basis and period from the
    program (Annex Д), the declared products and their documents from the application."""
    application = check.application
    organization = application.organization
    body = AuthorizedBody.get()
    team = check.team.select_related("user")
    products = list(application.products.select_related("normative_document"))
    documents = sorted({p.normative_document.designation for p in products})
    head = ", ".join(part for part in (organization.head_position, organization.head_name) if part)
    return {
        "body_name": body.name,
        "body_legal_address": body.legal_address,
        "date": timezone.localdate(),
        "enterprise_name": application.org_name or organization.full_name,
        "legal_address": application.legal_address or organization.legal_address,
        "production_address": application.legal_address or organization.legal_address,
        "phone": organization.phone,
        "enterprise_head": head,
        "commission": "\n".join(
            f"{member.user.get_short_name()}, {member.position}" for member in team
        ),
        "representatives": organization.contact_person,
        "purpose": check.purpose,
        "basis": check.basis,
        "period_start": check.start_date,
        "period_end": check.end_date,
        "declared_products": "\n".join(p.name for p in products),
        "product_documentation": "\n".join(documents),
    }


@transaction.atomic
def act_create(*, check: ProductionCheck, by: User) -> ProductionCheckAct:
    """GOST 8.16: the act is drawn up on the check's results by its expert-auditor, with the
    checklist version in use today; the act keeps that version for good."""
    if not permissions.can_draw_up_act(check, by):
        raise PermissionDenied
    check = ProductionCheck.objects.select_for_update().get(pk=check.pk)
    if check.status != CheckStatus.IN_PROGRESS:
        raise ValidationError(
            _("The act is drawn up once the check is under way (GOST 8.13, 8.16)."),
            code="not_started",
        )
    if ProductionCheckAct.objects.filter(production_check=check).exists():
        raise ValidationError(_("This check already has its act."), code="duplicate")
    version = ChecklistVersion.objects.filter(is_current=True).first()
    if version is None:
        raise ValidationError(
            _("No checklist version of the act is in use: mark one in the admin."),
            code="state",
        )
    act = ProductionCheckAct(production_check=check, checklist=version, created_by=by)
    for name, value in production_act_initial(check).items():
        setattr(act, name, value)
    act.save()
    items = ChecklistItem.objects.filter(section__version=version)
    ItemResult.objects.bulk_create([ItemResult(act=act, item=item) for item in items])
    ActTransition.objects.create(
        act=act,
        transition="create",
        source=ActState.DRAFT,
        target=ActState.DRAFT,
        by=by,
        at=timezone.now(),
    )
    return act


def _editable(act: ProductionCheckAct, by: User) -> ProductionCheckAct:
    """The act, locked, if ``by`` may change it now."""
    if not permissions.can_draw_up_act(act.production_check, by):
        raise PermissionDenied
    act = (
        ProductionCheckAct.objects.select_for_update()
        .select_related("production_check__application")
        .get(pk=act.pk)
    )
    if act.state != ActState.DRAFT:
        raise ValidationError(
            _("The act is no longer a draft and cannot be changed."), code="state"
        )
    return act


def _header_errors(act: ProductionCheckAct) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if act.date and act.date > timezone.localdate():
        errors["date"] = [_("The act cannot be dated in the future.")]
    if act.period_start and act.period_end and act.period_end < act.period_start:
        errors["period_end"] = [_("The check cannot end before it starts.")]
    return errors


@dataclass
class Conflict(Exception):
    """An edit made on an older revision: nothing was written; ``current`` is what is stored."""

    current: dict[str, Any] = field(default_factory=dict)


def header_snapshot(act: ProductionCheckAct) -> dict[str, Any]:
    return {
        name: (value.isoformat() if isinstance(value, datetime.date) else value)
        for name in HEADER_FIELDS
        for value in [getattr(act, name)]
    }


@transaction.atomic
def act_update(
    *, act: ProductionCheckAct, by: User, data: Mapping[str, Any], revision: int | None = None
) -> ProductionCheckAct:
    """The header, the initial data, the conclusions and the copies of Annex Ж. With
    ``revision`` (the autosave), an edit made on an older revision raises ``Conflict``."""
    act = _editable(act, by)
    if revision is not None and revision != act.revision:
        raise Conflict(current={"revision": act.revision, **header_snapshot(act)})
    for name in HEADER_FIELDS:
        if name in data:
            setattr(act, name, _clean(data[name]))
    errors = _header_errors(act)
    if errors:
        raise ValidationError(errors)
    act.revision += 1
    act.save()
    return act


def _result_snapshot(result: ItemResult) -> dict[str, Any]:
    return {
        "result": result.result,
        "comment": result.comment,
        "revision": result.revision,
        "nonconformities": len(result.nonconformities.all()),
    }


@dataclass
class SectionSave:
    """What a section save did: the results written and those refused as stale."""

    saved: dict[int, dict[str, Any]] = field(default_factory=dict)
    conflicts: dict[int, dict[str, Any]] = field(default_factory=dict)


@transaction.atomic
def section_save(
    *, act: ProductionCheckAct, by: User, section: int, entries: Sequence[Mapping[str, Any]]
) -> SectionSave:
    """Save the results and comments of items of one section. Each entry is
    ``{"item": id, "result": ..., "comment": ..., "revision": n}``; ``revision`` is the one the
    editor started from. Bad input refuses the whole save (ValidationError by item id); an entry
    made on an older revision is left out and reported in ``conflicts`` with what is stored."""
    act = _editable(act, by)
    results = {
        r.item_id: r
        for r in ItemResult.objects.select_for_update()
        .filter(act=act, item__section__number=section)
        .prefetch_related("nonconformities")
    }
    if not results:
        raise ValidationError(_("The act has no section %(number)s.") % {"number": section})
    errors: dict[str, list[str]] = {}
    accepted = []
    outcome = SectionSave()
    for entry in entries:
        try:
            item_id = int(entry.get("item"))
        except (TypeError, ValueError):
            errors.setdefault("item", []).append(_("Unknown item of the act."))
            continue
        result = results.get(item_id)
        if result is None:
            errors.setdefault(str(item_id), []).append(
                _("Item %(item)s is not in section %(number)s of this act.")
                % {"item": item_id, "number": section}
            )
            continue
        value = entry.get("result", result.result)
        comment = entry.get("comment", result.comment)
        try:
            revision = int(entry.get("revision"))
        except (TypeError, ValueError):
            errors.setdefault(str(item_id), []).append(_("The edit carries no revision."))
            continue
        if value not in ItemStatus.values:
            errors.setdefault(str(item_id), []).append(
                _("Choose a result: conforms, nonconformity, not applicable or not checked.")
            )
            continue
        if not isinstance(comment, str):
            errors.setdefault(str(item_id), []).append(_("The comment must be text."))
            continue
        if revision != result.revision:
            outcome.conflicts[item_id] = _result_snapshot(result)
            continue
        if (
            value != ItemStatus.NONCONFORMITY
            and result.nonconformities.all()
            and value != result.result
        ):
            errors.setdefault(str(item_id), []).append(
                _(
                    "«%(item)s» has recorded nonconformities: remove them before changing the "
                    "result (GOST 8.16)."
                )
                % {"item": result.item.text[:80]}
            )
            continue
        accepted.append((result, value, comment.strip()))
    if errors:
        raise ValidationError(errors)
    for result, value, comment in accepted:
        if (result.result, result.comment) == (value, comment):
            outcome.saved[result.item_id] = _result_snapshot(result)
            continue
        result.result, result.comment = value, comment
        result.updated_by = by
        result.revision += 1
        result.save(update_fields=["result", "comment", "updated_by", "updated_at", "revision"])
        outcome.saved[result.item_id] = _result_snapshot(result)
    return outcome


def _editable_result(result: ItemResult, by: User) -> tuple[ProductionCheckAct, ItemResult]:
    act = _editable(result.act, by)
    result = ItemResult.objects.select_for_update().select_related("item").get(pk=result.pk)
    if result.act_id != act.pk:
        raise PermissionDenied
    return act, result


@transaction.atomic
def nonconformity_add(
    *,
    result: ItemResult,
    by: User,
    description: str,
    severity: str,
    deadline: datetime.date | None,
    fixed_on_spot: bool,
) -> Nonconformity:
    """GOST 8.16: a nonconformity found on an item, with its severity and, when it cannot be
    corrected during the check, the deadline the act sets for it. The item's result becomes
    «nonconformity»."""
    act, result = _editable_result(result, by)
    description = (description or "").strip()
    errors = rules.nonconformity_errors(
        description=description,
        severity=severity,
        deadline=deadline,
        fixed_on_spot=bool(fixed_on_spot),
        act_date=act.date,
    )
    if errors:
        raise ValidationError(errors)
    nonconformity = Nonconformity.objects.create(
        application=act.production_check.application,
        item_result=result,
        description=description,
        severity=severity or Severity.MAJOR,
        deadline=None if fixed_on_spot else deadline,
        fixed_on_spot=bool(fixed_on_spot),
    )
    if result.result != ItemStatus.NONCONFORMITY:
        result.result = ItemStatus.NONCONFORMITY
        result.updated_by = by
        result.revision += 1
        result.save(update_fields=["result", "updated_by", "updated_at", "revision"])
    return nonconformity


@transaction.atomic
def nonconformity_remove(*, nonconformity: Nonconformity, by: User) -> None:
    if nonconformity.item_result_id is None:
        raise PermissionDenied
    _act, result = _editable_result(nonconformity.item_result, by)
    nonconformity.delete()
    result.updated_by = by
    result.revision += 1
    result.save(update_fields=["updated_by", "updated_at", "revision"])


@transaction.atomic
def act_evidence_add(
    *, result: ItemResult, by: User, upload: UploadedFile | None, description: str = ""
) -> ActEvidence:
    """A photo or a document for an item, checked by its content and stored under a random
    name; nothing is written when the file is refused."""
    _act, result = _editable_result(result, by)
    if upload is None:
        raise ValidationError({"file": [_("Choose a photo or a document to attach.")]})
    if result.files.count() >= MAX_ACT_EVIDENCE_FILES:
        raise ValidationError(
            {"file": [_("Attach at most %(count)s files.") % {"count": MAX_ACT_EVIDENCE_FILES}]}
        )
    try:
        info = check_upload(upload)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error
    evidence = ActEvidence(
        result=result, description=(description or "").strip()[:300], uploaded_by=by
    )
    evidence.describe(info)
    upload.seek(0)
    evidence.file.save(info.display_name, upload, save=False)
    storage, name = evidence.file.storage, evidence.file.name
    try:
        evidence.save()
    except Exception:
        storage.delete(name)
        raise
    return evidence


@transaction.atomic
def act_evidence_remove(*, evidence: ActEvidence, by: User) -> None:
    _editable_result(evidence.result, by)
    storage, name = evidence.file.storage, evidence.file.name
    evidence.delete()
    transaction.on_commit(lambda: storage.delete(name))


# --- the workflow ---------------------------------------------------------------------------


def _fire(act: ProductionCheckAct, name: str, *, by: User, comment: str = "") -> ProductionCheckAct:
    """Fire a transition on the locked act and record who, when, from, to and why."""
    source = act.state
    at = timezone.now()
    getattr(act, name)(by=by, at=at)
    act.save()
    ActTransition.objects.create(
        act=act, transition=name, source=source, target=act.state, by=by, at=at, comment=comment
    )
    return act


def _locked(act: ProductionCheckAct) -> ProductionCheckAct:
    return (
        ProductionCheckAct.objects.select_for_update()
        .select_related("production_check__application__organization")
        .get(pk=act.pk)
    )


def _state_error(message: str) -> ValidationError:
    return ValidationError(message, code="state")


def _team(act: ProductionCheckAct) -> list[User]:
    return [m.user for m in act.production_check.team.select_related("user")]


@transaction.atomic
def act_submit(*, act: ProductionCheckAct, by: User) -> ProductionCheckAct:
    """The draft goes to the commission for signatures once every item has a result, every
    nonconformity its deadline and the conclusions are written (GOST 8.16)."""
    act = _editable(act, by)
    missing = rules.act_missing(act)
    if missing:
        raise ValidationError(missing, code="incomplete")
    _fire(act, "submit", by=by)
    check = act.production_check
    notify(
        [u for u in _team(act) if u.pk != by.pk],
        key=f"act-submitted:{act.pk}:{act.submitted_at:%Y%m%d%H%M%S%f}",
        subject=lambda: (
            _("Application %(number)s: sign the production-check act")
            % {"number": check.application.number}
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
    """«Члены комиссии»: a member signs the submitted act; the last signature completes it."""
    check = act.production_check
    if not permissions.is_act_signatory(check, by):
        raise PermissionDenied
    act = _locked(act)
    if act.state == ActState.DRAFT:
        raise _state_error(_("The act is signed once it is submitted."))
    if act.state != ActState.SUBMITTED:
        raise _state_error(_("The commission has already signed the act."))
    if act.signatures.filter(member=by).exists():
        raise _state_error(_("You have already signed the act."))
    ActSignature.objects.create(act=act, member=by, signed_at=timezone.now())
    ActTransition.objects.create(
        act=act,
        transition="sign",
        source=act.state,
        target=act.state,
        by=by,
        at=timezone.now(),
    )
    signed = set(act.signatures.values_list("member_id", flat=True))
    if all(user.pk in signed for user in _team(act)):
        _fire(act, "complete_signatures", by=by)
        notify(
            [_head_of_body()],
            key=f"act-signed:{act.pk}:{act.signed_at:%Y%m%d%H%M%S%f}",
            subject=lambda: (
                _("Application %(number)s: approve the production-check act")
                % {"number": check.application.number}
            ),
            body=lambda: _("Every member of the commission has signed the act."),
            url=act.get_absolute_url(),
        )
    return act


def _head_of_body() -> User | None:
    return AuthorizedBody.get().head


@transaction.atomic
def act_return(*, act: ProductionCheckAct, by: User, reason: str) -> ProductionCheckAct:
    """A member of the commission returns the submitted act to the draft, saying why; the
    signatures given so far lapse, since they were given to another text."""
    check = act.production_check
    if not permissions.is_act_signatory(check, by):
        raise PermissionDenied
    act = _locked(act)
    if act.state != ActState.SUBMITTED:
        raise _state_error(_("Only a submitted act can be returned to the draft."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Say why the act goes back to the draft.")]})
    act.signatures.all().delete()
    _fire(act, "return_to_draft", by=by, comment=reason)
    notify(
        [u for u in _team(act) if u.pk != by.pk],
        key=f"act-returned:{act.pk}:{timezone.now():%Y%m%d%H%M%S%f}",
        subject=lambda: (
            _("Application %(number)s: the production-check act is returned to the draft")
            % {"number": check.application.number}
        ),
        body=reason,
        url=act.get_absolute_url(),
    )
    return act


@transaction.atomic
def act_approve(*, act: ProductionCheckAct, by: User) -> ProductionCheckAct:
    """«УТВЕРЖДАЮ»: the head approves the act after every member has signed it."""
    if not permissions.can_approve_act(act, by):
        raise PermissionDenied
    act = _locked(act)
    if act.state in (ActState.DRAFT, ActState.SUBMITTED):
        raise _state_error(
            _("The head approves the act after every member of the commission has signed it.")
        )
    if act.state != ActState.SIGNED:
        raise _state_error(_("The act is already approved."))
    _fire(act, "approve", by=by)
    # The PDF of Annex Ж is the approved act: what is sent to the applicant (GOST 8.16).
    document_request("production_act", act)
    return act


@transaction.atomic
def act_send(*, act: ProductionCheckAct, by: User) -> ProductionCheckAct:
    """GOST 8.16: «Один экземпляр акта направляется заявителю»."""
    if not permissions.can_send_act(act, by):
        raise PermissionDenied
    act = _locked(act)
    if act.state != ActState.APPROVED:
        raise _state_error(_("The act is sent to the applicant once the head has approved it."))
    _fire(act, "send", by=by)
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
    if not permissions.is_enterprise_head(act.production_check, by):
        raise PermissionDenied
    act = _locked(act)
    if act.state != ActState.SENT:
        raise _state_error(_("Receipt is confirmed once the act is sent to the applicant."))
    _fire(act, "acknowledge", by=by)
    # A second document with the head's receipt filled in; the approved one stays as it was sent.
    document_request("production_act_acknowledged", act)
    notify(
        [*_team(act), _head_of_body()],
        key=f"act-acknowledged:{act.pk}",
        subject=lambda: (
            _("Application %(number)s: the enterprise received the production-check act")
            % {"number": act.production_check.application.number}
        ),
        body=lambda: _("%(name)s confirmed receipt of the act.") % {"name": by.get_short_name()},
        url=act.get_absolute_url(),
    )
    return act

"""Corrective actions on nonconformities while the work is suspended (GOST 8.16).

The applicant answers each nonconformity with its cause, the action taken and evidence; the
secretary or an expert-auditor of the check verifies it, and the commission reads both before it
decides to resume or terminate the work."""

import datetime
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from accounts.notifications import notify
from certification.models import Application, AppState, Question
from certification.permissions import is_member
from halal_portal.uploads import check_upload

from .. import rules
from ..models import CorrectiveAction, EvidenceFile, Nonconformity

MAX_EVIDENCE_FILES = 20


@transaction.atomic
def corrective_action_file(
    *,
    nonconformity: Nonconformity,
    by,
    cause: str,
    action: str,
    done_on: datetime.date,
    uploads: Sequence[UploadedFile],
) -> CorrectiveAction:
    """Record the applicant's corrective action with its evidence. Every file is checked before
    anything is written, so a bad file leaves neither a row nor bytes behind."""
    application = nonconformity.application
    if not is_member(application, by):
        raise PermissionDenied
    # The state is read under a lock: a decision closing the suspension wins over a late filing.
    state = (
        Application.objects.select_for_update()
        .values_list("state", flat=True)
        .get(pk=application.pk)
    )
    if state != AppState.SUSPENDED:
        # GOST 8.16: corrective actions answer a suspension.
        raise ValidationError(
            _("Corrective actions are filed only while the work is suspended."), code="state"
        )
    nonconformity = Nonconformity.objects.select_for_update().get(pk=nonconformity.pk)
    if nonconformity.closed_at:
        raise ValidationError(_("This nonconformity is already closed."), code="closed")
    cause, action = (cause or "").strip(), (action or "").strip()
    errors = {}
    if not cause:
        errors["cause"] = _("Say what caused the nonconformity.")
    if not action:
        errors["action"] = _("Say what was done to correct it.")
    if done_on is None:
        errors["done_on"] = _("Give the date the action was completed.")
    elif done_on > timezone.localdate():
        errors["done_on"] = _("The action must be completed already: the date is in the future.")
    if not uploads:
        errors["files"] = _("Attach at least one file proving the action.")
    elif len(uploads) > MAX_EVIDENCE_FILES:
        errors["files"] = _("Attach at most %(count)s files.") % {"count": MAX_EVIDENCE_FILES}
    if errors:
        raise ValidationError(errors)
    checked = []
    bad = []
    for upload in uploads:
        try:
            checked.append(check_upload(upload))
        except ValidationError as error:
            bad.extend(error.messages)
    if bad:
        raise ValidationError({"files": bad})

    corrective = CorrectiveAction.objects.create(
        nonconformity=nonconformity, cause=cause, action=action, done_on=done_on, filed_by=by
    )
    stored: list[tuple] = []
    try:
        for upload, info in zip(uploads, checked, strict=True):
            evidence = EvidenceFile(
                action=corrective,
                original_name=info.display_name,
                content_type=info.content_type,
                size=info.size,
                sha256=info.sha256,
            )
            upload.seek(0)
            # evidence_upload_to gives a random name; the applicant's name is display only.
            evidence.file.save(info.display_name, upload, save=False)
            stored.append((evidence.file.storage, evidence.file.name))
            evidence.save()
    except Exception:
        for storage, name in stored:
            storage.delete(name)
        raise
    notify(
        _verifiers(application),
        key=f"corrective-action:{corrective.pk}",
        subject=lambda: (
            _("Application %(number)s: a corrective action is filed")
            % {"number": application.number}
        ),
        body=lambda: (
            _("%(org)s answered the nonconformity «%(nonconformity)s».")
            % {"org": application.org_name, "nonconformity": nonconformity}
        ),
        url=application.get_absolute_url(),
    )
    return corrective


def _verifiers(application: Application) -> list[User]:
    secretaries = User.objects.filter(role_secretary=True, is_active=True)
    auditors = User.objects.filter(
        role_auditor=True, is_active=True, production_checks__application=application
    )
    return list({*secretaries, *auditors})


@transaction.atomic
def corrective_action_verify(
    *, action: CorrectiveAction, by, accepted: bool, note: str = ""
) -> CorrectiveAction:
    """The secretary or an expert-auditor accepts or rejects a corrective action (GOST 8.16).
    An accepted action closes its nonconformity; after a rejection the applicant files anew."""
    application = action.nonconformity.application
    if not rules.can_verify(application, by):
        raise PermissionDenied
    action = CorrectiveAction.objects.select_for_update().get(pk=action.pk)
    if action.verified_at:
        raise ValidationError(_("This corrective action is already verified."), code="verified")
    note = (note or "").strip()
    if not accepted and not note:
        raise ValidationError({"note": _("Say why the action is not accepted.")})
    action.accepted = bool(accepted)
    action.verification_note = note
    action.verified_by = by
    action.verified_at = timezone.now()
    action.save(update_fields=["accepted", "verification_note", "verified_by", "verified_at"])
    if action.accepted:
        Nonconformity.objects.filter(pk=action.nonconformity_id, closed_at__isnull=True).update(
            closed_at=action.verified_at
        )
        subject = gettext_lazy("Application %(number)s: your corrective action is accepted")
    else:
        subject = gettext_lazy("Application %(number)s: your corrective action is not accepted")
    notify(
        application.organization.members.all(),
        key=f"corrective-action-verified:{action.pk}",
        subject=lambda: subject % {"number": application.number},
        body=lambda: note or str(action.nonconformity),
        url=application.get_absolute_url(),
    )
    return action


def nonconformities_record(item) -> None:
    """GOST 8.16: a suspension lists the nonconformities to correct, one per line of its
    grounds; each becomes a nonconformity with the decision's deadline. Registered with
    certification as a decision hook (audits/apps.py): runs in the meeting's closing
    transaction for every adopted decision."""
    if item.question != Question.SUSPEND:
        return
    Nonconformity.objects.bulk_create(
        Nonconformity(
            application_id=item.application_id,
            description=line.strip(" -–•\t"),
            deadline=item.deadline,
            agenda_item=item,
        )
        for line in item.grounds.splitlines()
        if line.strip(" -–•\t")
    )

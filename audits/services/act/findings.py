"""What the commission finds on an item of the act: nonconformities (GOST 8.16) with their
severity and deadline, and photos or documents as evidence. Only a draft changes."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from halal_portal.uploads import check_upload

from ... import rules
from ...models import (
    ActEvidence,
    ItemResult,
    ItemStatus,
    Nonconformity,
    ProductionCheckAct,
    Severity,
)
from .draft import editable_act

MAX_ACT_EVIDENCE_FILES = 20


def _editable_result(result: ItemResult, by: User) -> tuple[ProductionCheckAct, ItemResult]:
    act = editable_act(result.act, by)
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

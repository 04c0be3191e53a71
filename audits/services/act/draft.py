"""Drawing the act up and filling it in: its header, initial data and conclusions, and the
results of its items, section by section. Only a draft changes."""

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from halal_portal import workflow
from halal_portal.errors import StateConflict

from ... import permissions, selectors
from ...models import (
    ActState,
    ChecklistItem,
    ChecklistVersion,
    CheckStatus,
    ItemResult,
    ItemStatus,
    ProductionCheck,
    ProductionCheckAct,
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


def _clean(value):
    return value.strip() if isinstance(value, str) else value


@transaction.atomic
def act_create(*, check: ProductionCheck, by: User) -> ProductionCheckAct:
    """GOST 8.16: the act is drawn up on the check's results by its expert-auditor, with the
    checklist version in use today; the act keeps that version for good."""
    if not permissions.can_draw_up_act(check, by):
        raise PermissionDenied
    check = ProductionCheck.objects.select_for_update().get(pk=check.pk)
    if check.state != CheckStatus.IN_PROGRESS:
        raise StateConflict(_("The act is drawn up once the check is under way (GOST 8.13, 8.16)."))
    if ProductionCheckAct.objects.filter(production_check=check).exists():
        raise StateConflict(_("This check already has its act."))
    version = ChecklistVersion.objects.filter(is_current=True).first()
    if version is None:
        raise StateConflict(_("No checklist version of the act is in use: mark one in the admin."))
    act = ProductionCheckAct(production_check=check, checklist=version, created_by=by)
    for name, value in selectors.production_act_initial(check).items():
        setattr(act, name, value)
    act.save()
    items = ChecklistItem.objects.filter(section__version=version)
    ItemResult.objects.bulk_create([ItemResult(act=act, item=item) for item in items])
    workflow.record(act, "create", by=by)
    return act


def editable_act(act: ProductionCheckAct, by: User) -> ProductionCheckAct:
    """The act, locked, if ``by`` may change it now."""
    if not permissions.can_draw_up_act(act.production_check, by):
        raise PermissionDenied
    act = (
        ProductionCheckAct.objects.select_for_update()
        .select_related("production_check__application")
        .get(pk=act.pk)
    )
    if act.state != ActState.DRAFT:
        raise StateConflict(_("The act is no longer a draft and cannot be changed."))
    return act


def _header_errors(act: ProductionCheckAct) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if act.date and act.date > timezone.localdate():
        errors["date"] = [_("The act cannot be dated in the future.")]
    if act.period_start and act.period_end and act.period_end < act.period_start:
        errors["period_end"] = [_("The check cannot end before it starts.")]
    return errors


def header_snapshot(act: ProductionCheckAct) -> dict[str, Any]:
    return {
        name: (value.isoformat() if isinstance(value, datetime.date) else value)
        for name in HEADER_FIELDS
        for value in [getattr(act, name)]
    }


class StaleRevision(StateConflict):
    """An edit made on an older revision: nothing was written; ``current`` is what is stored."""

    def __init__(self, current: dict[str, Any]) -> None:
        super().__init__(_("Someone saved the act after you opened it; it shows what is stored."))
        self.current = current


@transaction.atomic
def act_update(
    *, act: ProductionCheckAct, by: User, data: Mapping[str, Any], revision: int | None = None
) -> ProductionCheckAct:
    """The header, the initial data, the conclusions and the copies of Annex Ж. With
    ``revision`` (the autosave), an edit made on an older revision raises ``StaleRevision``."""
    act = editable_act(act, by)
    if revision is not None and revision != act.revision:
        raise StaleRevision(current={"revision": act.revision, **header_snapshot(act)})
    for name in HEADER_FIELDS:
        if name in data:
            setattr(act, name, _clean(data[name]))
    errors = _header_errors(act)
    if errors:
        raise ValidationError(errors)
    act.revision += 1
    act.save()
    return act


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
    act = editable_act(act, by)
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
            outcome.conflicts[item_id] = selectors.item_result_snapshot(result)
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
            outcome.saved[result.item_id] = selectors.item_result_snapshot(result)
            continue
        result.result, result.comment = value, comment
        result.updated_by = by
        result.revision += 1
        result.save(update_fields=["result", "comment", "updated_by", "updated_at", "revision"])
        outcome.saved[result.item_id] = selectors.item_result_snapshot(result)
    return outcome

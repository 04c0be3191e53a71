"""Writes of the enterprise's sanitation journal (GOST 7.1, Annex Б).

The halal controller records each cleaning of equipment, utensils or containers (GOST 7.1), of a
vehicle before loading or of a storage place (GOST 7.3) with its date,
performers and test result, and signs it. After contact with haram the ritual purification of
Annex Б is part of the entry; an entry that lacks any of its conditions is refused."""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organization, User

from .. import permissions, rules
from ..models import CleanedObject, CleaningKind, SanitationEntry, TestKind, WashAgent


def _text(data: Mapping[str, Any], field: str) -> str:
    return (data.get(field) or "").strip()


@transaction.atomic
def sanitation_entry_record(
    *, organization: Organization, by: User, data: Mapping[str, Any]
) -> SanitationEntry:
    """Record and sign one entry. Entries are never edited: a correction is a new entry."""
    if not permissions.can_write_journal(organization, by):
        raise PermissionDenied
    errors: dict[str, Any] = {}
    date = data.get("date")
    if date is None:
        errors["date"] = _("Give the date of the cleaning.")
    elif date > timezone.localdate():
        errors["date"] = _("The cleaning cannot be recorded in advance.")
    equipment, performers = _text(data, "equipment"), _text(data, "performers")
    if not equipment:
        errors["equipment"] = _("Name the equipment, utensils or container.")
    if not performers:
        # GOST 7.1: the journal gives the performers' surnames.
        errors["performers"] = _("Give the surnames of the performers (GOST 7.1).")
    # GOST 7.1 (equipment, inventory, containers), 7.3 (vehicles before loading, storage).
    cleaned = data.get("cleaned") or CleanedObject.EQUIPMENT
    if cleaned not in CleanedObject.values:
        errors["cleaned"] = _("Say what was cleaned.")
    kind = data.get("kind")
    if kind not in CleaningKind.values:
        errors["kind"] = _("Choose the kind of cleaning.")
    test_kind, test_result = data.get("test_kind"), _text(data, "test_result")
    if test_kind not in TestKind.values:
        # GOST 7.1: the quality of the cleaning is confirmed by laboratory or express tests.
        errors["test_kind"] = _("Say how the cleaning was checked (GOST 7.1).")
    if not test_result:
        errors["test_result"] = _("Record the result of the laboratory or express test (GOST 7.1).")
    if data.get("test_passed") is None:
        errors["test_passed"] = _("Say whether the test is passed.")
    purification = {
        "washes": data.get("washes"),
        "wash_agent": data.get("wash_agent") or WashAgent.NONE,
        "soil_clean": bool(data.get("soil_clean")),
        "water_natural": bool(data.get("water_natural")),
        "water_free_of_haram": bool(data.get("water_free_of_haram")),
    }
    if kind == CleaningKind.HARAM_CONTACT:
        # GOST 7.1: after haram, ritual purity is ensured as Annex Б prescribes.
        errors.update(rules.purification_errors(**purification))
    else:
        purification = {
            "washes": None,
            "wash_agent": WashAgent.NONE,
            "soil_clean": False,
            "water_natural": False,
            "water_free_of_haram": False,
        }
    if purification["wash_agent"] != WashAgent.SOIL:
        purification["soil_clean"] = False
    if errors:
        raise ValidationError(errors)
    return SanitationEntry.objects.create(
        organization=organization,
        date=date,
        cleaned=cleaned,
        equipment=equipment,
        kind=kind,
        performers=performers,
        agents=_text(data, "agents"),
        test_kind=test_kind,
        test_result=test_result,
        test_passed=bool(data["test_passed"]),
        controller=by,
        controller_name=by.get_short_name(),
        signed_at=timezone.now(),
        **purification,
    )

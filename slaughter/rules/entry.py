"""What a slaughter journal entry must hold (GOST 7.6), checked before anything is read from the
database: a missing or inconsistent record is refused with its field; a departure from the rules
of slaughter is not (rules/batch.py records it)."""

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Method, Species, Stunning

MEASURED_PLACES = 3  # the instruments' precision the journal keeps (0.375 A)
STUNNING_PARAMETERS = ("current_a", "duration_s", "air_pressure_mpa", "single_strike")
# Each yes/no the controller answers for a new batch, with the clause that asks for it.
ANSWERS = {
    "name_pronounced": "4 а) 13), 7.6.8",
    "animals_rested": "7.6.6",
    "veterinary_screened": "7.6.6",
    "pregnant_excluded": "7.6.6",
    "cut_vessels": "7.6.8.1 б), в)",
    "head_kept": "7.6.8.1 г)",
    "blood_flowing": "7.6.8.1 д)",
    "video_recorded": "7.6.4",
    "death_confirmed": "7.6.9",
}
COUNTS = ("rejected", "excluded_count", "wrong_cut", "killed_by_stunning", "skull_damaged")


def _text(data: Mapping[str, Any], field: str) -> str:
    return (data.get(field) or "").strip()


def places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def entry_values(data: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The entry's values as they will be stored, and the refusals by field."""
    errors: dict[str, Any] = {}
    values: dict[str, Any] = {f: _text(data, f) for f in ("veterinary_document", "notes")}
    values |= {f: _text(data, f) for f in ("excluded_reason", "haram_reason")}
    date = values["date"] = data.get("date")
    if date is None:
        errors["date"] = _("Give the date of the slaughter.")
    elif date > timezone.localdate():
        errors["date"] = _("A slaughter cannot be recorded in advance.")
    if data.get("species") not in Species.values:
        errors["species"] = _("Choose the animals.")
    if data.get("method") not in Method.values:
        errors["method"] = _("Choose how the animals were slaughtered.")
    values["species"], values["method"] = data.get("species"), data.get("method")
    if not values["veterinary_document"]:
        # GOST 7.6.6: every batch of animals comes with a veterinary document.
        errors["veterinary_document"] = _("Give the batch's veterinary document (GOST 7.6.6).")
    for field, clause in ANSWERS.items():
        values[field] = data.get(field)
        if values[field] is None:
            errors[field] = _("Answer yes or no (GOST %(clause)s).") % {"clause": clause}
        values[field] = bool(values[field])
    errors |= _stunning(data, values)
    errors |= _counts(data, values)
    return values, errors


def _counts(data, values) -> dict[str, str]:
    """The head count and what became of the animals, consistent with one another."""
    errors: dict[str, str] = {}
    head_count = values["head_count"] = data.get("head_count")
    for field in (*COUNTS, "haram_count"):
        values.setdefault(field, data.get(field) or 0)
    if not head_count or head_count < 1:
        return {"head_count": _("Give the number of animals slaughtered.")}
    for field in (*COUNTS, "haram_count"):
        if values[field] > head_count:
            errors[field] = _("More than the animals slaughtered.")
    if "rejected" not in errors:
        if values["wrong_cut"] > values["rejected"]:
            # GOST 7.6.8.1 в): an animal not slaughtered in one movement does not conform.
            errors["wrong_cut"] = _(
                "Animals slaughtered otherwise do not conform: count them among those kept "
                "apart (GOST 7.6.8.1 в), 7.6.4)."
            )
        if values["haram_count"] > values["rejected"]:
            errors["haram_count"] = _("Haram carcasses are kept apart: count them there too.")
    # GOST 4 а) 11): killed by the electric current or a blow; 7.6.7 и): a damaged skull.
    if values["killed_by_stunning"] + values["skull_damaged"] > values["haram_count"]:
        errors["haram_count"] = _(
            "Animals killed by stunning or with a damaged skull are haram: declare them so "
            "(GOST 7.6.7 и), 4 а) 11))."
        )
    if values["excluded_count"] and not values["excluded_reason"]:
        errors["excluded_reason"] = _("Say why the animals were excluded (GOST 7.6.6).")
    if values["haram_count"] and not values["haram_reason"]:
        errors["haram_reason"] = _("Say why the carcasses were declared haram.")
    return errors


def _stunning(data, values) -> dict[str, str]:
    """The stunning and its parameters: those of the method chosen, nothing else (GOST 7.6.7)."""
    errors: dict[str, str] = {}
    stunning = values["stunning"] = data.get("stunning")
    values |= {f: data.get(f) for f in (*STUNNING_PARAMETERS, "stun_to_slaughter_s")}
    values["single_strike"] = bool(values["single_strike"])
    for field in ("current_a", "duration_s", "air_pressure_mpa"):
        if values[field] is not None and places(values[field]) > MEASURED_PLACES:
            errors[field] = _("Give at most three decimals, as the instrument shows.")
    if stunning not in Stunning.values:
        return errors | {"stunning": _("Say whether and how the animals were stunned.")}
    if stunning == Stunning.ELECTRICAL:
        # GOST 7.6.7, Table 1: the current and its duration are what the controller checks.
        for field in ("current_a", "duration_s"):
            if values[field] is None:
                errors[field] = _("Give the current and its duration (GOST 7.6.7, Table 1).")
        values |= {"air_pressure_mpa": None, "single_strike": False, "skull_damaged": 0}
    elif stunning == Stunning.PNEUMATIC:
        if values["air_pressure_mpa"] is None:
            errors["air_pressure_mpa"] = _("Give the air pressure of the tool (GOST 7.6.7 б).")
        values |= {"current_a": None, "duration_s": None}
    else:
        values |= dict.fromkeys(("current_a", "duration_s", "air_pressure_mpa"), None)
        values |= {"single_strike": False, "stun_to_slaughter_s": None}
        values |= {"killed_by_stunning": 0, "skull_damaged": 0}
    if stunning != Stunning.NONE and values["stun_to_slaughter_s"] is None:
        errors["stun_to_slaughter_s"] = _(
            "Give the longest time from stunning to slaughter (GOST 7.6.7)."
        )
    return errors

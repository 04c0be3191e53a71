"""A departure from GOST 7.6 as the rules find it: a stable code, its clause, the value measured
and the value allowed. The message is written when it is read, in the reader's language, so a
deviation can be kept (slaughter.models.Finding) and sent (the stunning-check API) as data."""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.formats import get_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ..models import Species


def _places_text(value: Decimal) -> str:
    """The digits with at least two decimals and no trailing zeros beyond: 0.375, 2.50, 3.10."""
    whole, _dot, fraction = format(value, "f").partition(".")
    return f"{whole}.{fraction.rstrip('0').ljust(2, '0')}"


def decimal_text(value: Decimal) -> str:
    """A measured value as the instrument gave it, at least two decimals (Table 1 writes 0,25),
    in the reader's format: 0.375 stays 0,375, 2.5 reads 2,50."""
    return _places_text(value).replace(".", get_format("DECIMAL_SEPARATOR"))


MESSAGES = {
    "slaughterers": gettext_lazy(
        "Fewer than two slaughterers on the line, slaughtering in turn (GOST 7.6.2)."
    ),
    "mechanical_species": gettext_lazy("Mechanical slaughter is for poultry only (GOST 7.6.8.2)."),
    "mechanical_share": gettext_lazy(
        "%(value)s %% of the birds slaughtered wrongly: mechanical slaughter allows at most "
        "%(limit)s %% (GOST 7.6.8.2)."
    ),
    "current": gettext_lazy(
        "Current %(value)s A outside %(allowed)s A of Table 1 for %(species)s (GOST 7.6.7)."
    ),
    "duration": gettext_lazy(
        "Duration %(value)s s outside %(allowed)s s of Table 1 for %(species)s (GOST 7.6.7)."
    ),
    "pneumatic_species": gettext_lazy(
        "A pneumatic percussive tool is for large animals only (GOST 7.6.7 а)."
    ),
    "pressure": gettext_lazy("Air pressure %(value)s MPa over %(limit)s MPa (GOST 7.6.7 б)."),
    "strikes": gettext_lazy("An animal was struck more than once (GOST 7.6.7 з)."),
    "stun_delay": gettext_lazy(
        "Slaughtered %(value)s s after stunning, later than %(limit)s s (GOST 7.6.7)."
    ),
    "video_off": gettext_lazy(
        "The video recording was not on during slaughter (GOST 7.6.4, 7.6.7)."
    ),
    "line_video": gettext_lazy(
        "The line's slaughter and stunning rooms have no video recording (GOST 7.1, 7.6.7)."
    ),
    "death": gettext_lazy("Death was not confirmed before primary processing (GOST 7.6.9)."),
    "name": gettext_lazy(
        "The Name of the Almighty was not pronounced: the animals are haram (GOST 4 а) 13), 7.6.8)."
    ),
    "rested": gettext_lazy("The animals were not well rested before slaughter (GOST 7.6.6)."),
    "screened": gettext_lazy("The animals were not screened by the veterinarian (GOST 7.6.6)."),
    "pregnant": gettext_lazy(
        "Animals past one third of pregnancy were not excluded from slaughter (GOST 7.6.6)."
    ),
    "cut_vessels": gettext_lazy(
        "The controller did not confirm that the vessels and the trachea were cut in one "
        "movement (GOST %(clause)s)."
    ),
    "head_kept": gettext_lazy(
        "The controller did not confirm that the head and the spinal cord were left uncut "
        "(GOST %(clause)s)."
    ),
    "blood": gettext_lazy(
        "The controller did not confirm that red blood flowed fast (GOST %(clause)s)."
    ),
    "wrong_cut": gettext_lazy(
        "%(value)s animals slaughtered otherwise than the standard prescribes, not conforming "
        "(GOST %(clause)s)."
    ),
    "killed_by_stunning": gettext_lazy(
        "%(value)s animals were killed by stunning: they are haram (GOST 7.6.7, 4 а) 11))."
    ),
    "skull_damaged": gettext_lazy(
        "%(value)s animals with a damaged skull after the percussive tool: they are haram "
        "(GOST 7.6.7 и)."
    ),
}


# What each rule asks, in a few words (the compliance report's rows by clause).
RULES = {
    "slaughterers": gettext_lazy("two slaughterers on the line"),
    "mechanical_species": gettext_lazy("mechanical slaughter for poultry only"),
    "mechanical_share": gettext_lazy("at most one bird in a hundred slaughtered wrongly"),
    "current": gettext_lazy("current of Table 1"),
    "duration": gettext_lazy("duration of Table 1"),
    "pneumatic_species": gettext_lazy("percussive tool for large animals only"),
    "pressure": gettext_lazy("air pressure at most 1,55 MPa"),
    "strikes": gettext_lazy("struck once"),
    "stun_delay": gettext_lazy("slaughter soon after stunning"),
    "video_off": gettext_lazy("video recording on during slaughter"),
    "line_video": gettext_lazy("the line's rooms under video recording"),
    "death": gettext_lazy("death confirmed before primary processing"),
    "name": gettext_lazy("the Name of the Almighty pronounced"),
    "rested": gettext_lazy("animals well rested"),
    "screened": gettext_lazy("animals screened by the veterinarian"),
    "pregnant": gettext_lazy("animals past one third of pregnancy excluded"),
    "cut_vessels": gettext_lazy("vessels and trachea cut in one movement"),
    "head_kept": gettext_lazy("head and spinal cord not cut through"),
    "blood": gettext_lazy("red blood flowing fast"),
    "wrong_cut": gettext_lazy("animals slaughtered as the standard prescribes"),
    "killed_by_stunning": gettext_lazy("stunning that does not kill"),
    "skull_damaged": gettext_lazy("no damage to the skull"),
}


@dataclass(frozen=True)
class Deviation:
    """``value`` and ``allowed`` are plain text: a Decimal's digits, and a range ``low–high``
    (``0.25–0.50``; ``0–30`` for at most 30) or a single value (``0.75``, ``1``); ``species``
    names the animals of Table 1 where it matters."""

    code: str
    clause: str
    value: str = ""
    allowed: str = ""
    species: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def message(self) -> str:
        return render(self.code, self.clause, self.value, self.allowed, self.species)


# Measured with an instrument: shown with the instrument's precision, at least two decimals.
MEASURED_CODES = frozenset({"current", "duration", "pressure"})


def _display(text: str, measured: bool, separator: str) -> str:
    """Numbers in the reader's format, range ends one by one; counts and seconds as they are.
    (number_format would do it too, at ~50 times the cost: 10,000 readings' messages count.)"""
    parts = []
    for part in text.split("–"):
        try:
            number = Decimal(part)
        except ArithmeticError:
            parts.append(part)
            continue
        parts.append((_places_text(number) if measured else part).replace(".", separator))
    return "–".join(parts)


def render(code: str, clause: str, value: str, allowed: str, species: str) -> str:
    """The message of a deviation, also of one kept in the database."""
    measured, separator = code in MEASURED_CODES, get_format("DECIMAL_SEPARATOR")
    params = {
        "clause": clause,
        "value": _display(value, measured, separator),
        "allowed": _display(allowed, measured, separator),
        "limit": _display(allowed.split("–")[-1], measured, separator),
        "species": str(Species(species).label) if species in Species.values else species,
    }
    template = MESSAGES.get(code)
    if template is None:
        return _("Deviation %(code)s (GOST %(clause)s).") % {**params, "code": code}
    return str(template) % params


def render_readings(text: str, count: int) -> str:
    """A deviation found in readings of the plant's equipment: the worst value and how often."""
    return ngettext(
        "%(text)s In %(count)s reading of the stunning equipment; the value is the furthest.",
        "%(text)s In %(count)s readings of the stunning equipment; the value is the furthest.",
        count,
    ) % {"text": text, "count": count}

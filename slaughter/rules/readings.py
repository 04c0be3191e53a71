"""Readings of the plant's stunning equipment (GOST 7.6.7, Table 1), as the stunning-check API
takes them: parsed, then each judged by the same rules as the journal (rules/table1.py).

Parsing is by hand, not by a DRF serializer per reading: for 10,000 readings DRF's field
machinery cost ~320 ms of CPU against ~50 ms here for parsing and judging together
(bench/slaughter.py measures both in one run), and the API must validate and store 10,000
readings in under a second. The API's schema still documents each field (slaughter/api.py)."""

import datetime
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from ..models import Species, Stunning
from .deviation import Deviation
from .table1 import stunning_deviations

MAX_READINGS = 10_000
DECIMALS = ("current_a", "duration_s", "pressure_mpa")
INTEGERS = ("strikes", "stun_to_slaughter_s")
# What each stunning needs measured (GOST 7.6.7 and Table 1).
REQUIRED = {
    Stunning.NONE: (),
    Stunning.ELECTRICAL: ("current_a", "duration_s", "stun_to_slaughter_s"),
    Stunning.PNEUMATIC: ("pressure_mpa", "strikes", "stun_to_slaughter_s"),
}
_SPECIES = frozenset(Species.values)
_STUNNING = frozenset(Stunning.values)


@dataclass(slots=True)
class Reading:
    species: str
    stunning: str
    taken_at: datetime.datetime
    current_a: Decimal | None = None
    duration_s: Decimal | None = None
    pressure_mpa: Decimal | None = None
    strikes: int | None = None
    stun_to_slaughter_s: int | None = None

    def deviations(self) -> list[Deviation]:
        return stunning_deviations(
            species=self.species,
            stunning=self.stunning,
            current_a=self.current_a,
            duration_s=self.duration_s,
            pressure_mpa=self.pressure_mpa,
            strikes=self.strikes,
            stun_to_slaughter_s=self.stun_to_slaughter_s,
        )


@dataclass(frozen=True, slots=True)
class ReadingError:
    index: int
    field: str
    message: str


_MILLI = Decimal("0.001")
_LIMIT = 10**6


def _decimal(value: Any) -> Decimal | str:
    """The Decimal, or the message why it is not one. JSON numbers arrive as Decimal or int
    (slaughter.api.DecimalJSONParser); text is accepted too."""
    kind = type(value)
    if kind is Decimal:
        number = value
    elif kind is int:
        number = Decimal(value)
    elif kind is str:
        try:
            number = Decimal(value.strip())
        except InvalidOperation:
            return _("Give a number.")
    elif kind is float:
        number = Decimal(repr(value))
    else:
        return _("Give a number.")
    if not number.is_finite() or number < 0:
        return _("Give a number of zero or more.")
    if number >= _LIMIT:
        return _("The value is out of any instrument's range.")
    if number != number.quantize(_MILLI):
        return _("Give at most three decimals, as the instrument shows.")
    return number


def _integer(value: Any) -> int | str:
    kind = type(value)
    if kind is int:
        number = value
    elif kind is Decimal or kind is str:
        try:
            decimal = Decimal(value.strip() if kind is str else value)
        except InvalidOperation:
            return _("Give a whole number.")
        if not decimal.is_finite() or decimal != decimal.to_integral_value():
            return _("Give a whole number of zero or more.")
        number = int(decimal)
    else:
        return _("Give a whole number.")
    if number < 0:
        return _("Give a whole number of zero or more.")
    if number > _LIMIT:
        return _("The value is out of any instrument's range.")
    return number


def _taken_at(value: Any) -> datetime.datetime | str:
    moment = parse_datetime(value) if type(value) is str else None
    if moment is None:
        return _("Give the date and time as ISO 8601, e.g. 2026-05-12T08:30:00+03:00.")
    if moment.tzinfo is None:
        moment = timezone.make_aware(moment)
    return moment


def parse_readings(raw: Any) -> tuple[list[Reading], list[ReadingError]]:
    """All readings or, when any is malformed, every error with its index and field."""
    if not isinstance(raw, list) or not raw:
        return [], [ReadingError(-1, "readings", _("Give a list of readings."))]
    if len(raw) > MAX_READINGS:
        message = _("At most %(count)s readings in one request.") % {"count": MAX_READINGS}
        return [], [ReadingError(-1, "readings", message)]
    readings: list[Reading] = []
    errors: list[ReadingError] = []
    for index, item in enumerate(raw):
        if not isinstance(item, dict):
            errors.append(ReadingError(index, "", _("Each reading is an object.")))
            continue
        found: list[ReadingError] = []
        species, stunning = item.get("species"), item.get("stunning")
        if species not in _SPECIES:
            found.append(
                ReadingError(
                    index,
                    "species",
                    _("Unknown species «%(value)s»: one of %(values)s (GOST 7.6.7, Table 1).")
                    % {"value": species, "values": ", ".join(Species.values)},
                )
            )
        if stunning not in _STUNNING:
            found.append(
                ReadingError(
                    index,
                    "stunning",
                    _("Unknown stunning «%(value)s»: one of %(values)s.")
                    % {"value": stunning, "values": ", ".join(Stunning.values)},
                )
            )
        values: dict[str, Any] = {}
        for field in (*DECIMALS, *INTEGERS):
            value = item.get(field)
            if value is None:
                values[field] = None
                if stunning in _STUNNING and field in REQUIRED[stunning]:
                    found.append(ReadingError(index, field, _("This value is missing.")))
                continue
            parsed = _decimal(value) if field in DECIMALS else _integer(value)
            if isinstance(parsed, str):
                found.append(ReadingError(index, field, parsed))
            else:
                values[field] = parsed
        taken_at = _taken_at(item.get("taken_at"))
        if isinstance(taken_at, str):
            found.append(ReadingError(index, "taken_at", taken_at))
        if found:
            errors.extend(found)
        elif not errors:
            readings.append(
                Reading(species=species, stunning=stunning, taken_at=taken_at, **values)
            )
    return ([] if errors else readings), errors


def check_readings(readings: list[Reading]) -> list[list[Deviation]]:
    """Each reading's deviations, in order; empty when it conforms."""
    return [reading.deviations() for reading in readings]


def species_errors(readings: list[Reading], species: str) -> list[ReadingError]:
    """Readings stored on a batch are of the batch's animals."""
    label = Species(species).label
    return [
        ReadingError(
            index,
            "species",
            _("The batch is of %(species)s; this reading is not.") % {"species": label},
        )
        for index, reading in enumerate(readings)
        if reading.species != species
    ]


def _distance(deviation: Deviation) -> Decimal:
    """How far the measured value lies outside the allowed one (0 when either is not a number)."""
    try:
        value = Decimal(deviation.value)
        low, _sep, high = deviation.allowed.partition("–")
        low_value, high_value = Decimal(low), Decimal(high or low)
    except (InvalidOperation, ValueError):
        return Decimal(0)
    return max(low_value - value, value - high_value)


def worst_by_code(deviations: list[list[Deviation]]) -> list[tuple[Deviation, int]]:
    """Per rule broken, the reading furthest from the allowed value and how many broke it."""
    found: dict[str, list[Deviation]] = {}
    for reading in deviations:
        for deviation in reading:
            found.setdefault(deviation.code, []).append(deviation)
    return [(max(items, key=_distance), len(items)) for items in found.values()]

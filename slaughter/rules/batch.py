"""The rules of slaughter (GOST 7.6) that a journal entry is measured against.

An entry records what happened on the line, so a departure from these rules is not refused: it
is recorded and shown as a deviation, with its clause, in the journal and in section 9 of the
production-check act (Annex Ж), where the commission sees it.
"""

from decimal import Decimal
from typing import NamedTuple

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ..models import Method, Species, Stunning


class Range(NamedTuple):
    low: Decimal
    high: Decimal

    def __contains__(self, value) -> bool:
        return self.low <= value <= self.high

    def __str__(self) -> str:
        low, high = _decimal(self.low), _decimal(self.high)
        return low if self.low == self.high else f"{low}–{high}"


def _r(low: str, high: str | None = None) -> Range:
    return Range(Decimal(low), Decimal(high or low))


# GOST 7.6.7, Table 1: electrical stunning, current (A) and duration (s) by animal.
TABLE_1: dict[str, tuple[Range, Range]] = {
    Species.CHICKENS: (_r("0.25", "0.50"), _r("3.00", "5.00")),
    Species.LAMBS: (_r("0.50", "0.90"), _r("2.00", "3.00")),
    Species.GOATS: (_r("0.70", "1.00"), _r("2.00", "3.00")),
    Species.SHEEP: (_r("0.70", "1.20"), _r("2.00", "3.00")),
    Species.CALVES: (_r("0.50", "1.50"), _r("3.00")),
    Species.STEERS: (_r("1.50", "2.50"), _r("2.00", "3.00")),
    Species.COWS: (_r("2.00", "3.00"), _r("2.50", "3.50")),
    Species.BULLS: (_r("2.50", "3.50"), _r("3.00", "4.00")),
    Species.BUFFALO: (_r("2.50", "3.50"), _r("3.00", "4.00")),
    Species.OSTRICHES: (_r("0.75"), _r("3.00", "4.00")),
    Species.HORSES: (_r("2.50", "3.50"), _r("3.00", "5.00")),
}
POULTRY = frozenset({Species.CHICKENS, Species.OSTRICHES})
# GOST 7.6.7 а): pneumatic percussive tools only for large animals, cattle among them.
LARGE_ANIMALS = frozenset(
    {Species.CALVES, Species.STEERS, Species.COWS, Species.BULLS, Species.BUFFALO, Species.HORSES}
)
MAX_AIR_PRESSURE_MPA = Decimal("1.55")  # GOST 7.6.7 б)
# GOST 7.6.7: poultry slaughtered at most 30 s after stunning, other animals at most 1.5–3 min.
MAX_STUN_TO_SLAUGHTER_S = {True: 30, False: 180}
MIN_SLAUGHTERERS_PER_LINE = 2  # GOST 7.6.2: at least two, slaughtering in turn
MAX_INCORRECT_MECHANICAL = Decimal("0.01")  # GOST 7.6.8.2: at most 1 % incorrect slaughter


def deviations(entry) -> list[str]:
    """What in the entry departs from GOST 7.6, each with its clause; empty when nothing does."""
    found = []
    poultry = entry.species in POULTRY
    if entry.method == Method.MANUAL and len(entry.slaughterer_list) < MIN_SLAUGHTERERS_PER_LINE:
        found.append(
            _("Fewer than two slaughterers on the line, slaughtering in turn (GOST 7.6.2).")
        )
    if entry.method == Method.MECHANICAL and not poultry:
        found.append(_("Mechanical slaughter is for poultry only (GOST 7.6.8.2)."))
    if entry.method == Method.MECHANICAL and entry.head_count:
        share = Decimal(entry.rejected) / Decimal(entry.head_count)
        if share > MAX_INCORRECT_MECHANICAL:
            found.append(
                _(
                    "%(share)s %% of the birds not conforming: mechanical slaughter allows at "
                    "most 1 %% (GOST 7.6.8.2)."
                )
                % {"share": number_format(share * 100, 1)}
            )
    if entry.stunning == Stunning.ELECTRICAL and entry.species in TABLE_1:
        current, duration = TABLE_1[entry.species]
        species = _species(entry)
        if entry.current_a is not None and entry.current_a not in current:
            found.append(
                _(
                    "Current %(value)s A outside %(range)s A of Table 1 for %(species)s "
                    "(GOST 7.6.7)."
                )
                % {"value": _decimal(entry.current_a), "range": current, "species": species}
            )
        if entry.duration_s is not None and entry.duration_s not in duration:
            found.append(
                _(
                    "Duration %(value)s s outside %(range)s s of Table 1 for %(species)s "
                    "(GOST 7.6.7)."
                )
                % {"value": _decimal(entry.duration_s), "range": duration, "species": species}
            )
    if entry.stunning == Stunning.PNEUMATIC:
        if entry.species not in LARGE_ANIMALS:
            found.append(_("A pneumatic percussive tool is for large animals only (GOST 7.6.7 а)."))
        if entry.air_pressure_mpa is not None and entry.air_pressure_mpa > MAX_AIR_PRESSURE_MPA:
            found.append(
                _("Air pressure %(value)s MPa over %(limit)s MPa (GOST 7.6.7 б).")
                % {
                    "value": _decimal(entry.air_pressure_mpa),
                    "limit": _decimal(MAX_AIR_PRESSURE_MPA),
                }
            )
        if not entry.single_strike:
            found.append(_("An animal was struck more than once (GOST 7.6.7 з)."))
    if entry.stunning != Stunning.NONE and entry.stun_to_slaughter_s is not None:
        limit = MAX_STUN_TO_SLAUGHTER_S[poultry]
        if entry.stun_to_slaughter_s > limit:
            found.append(
                _("Slaughtered %(value)s s after stunning, later than %(limit)s s (GOST 7.6.7).")
                % {"value": entry.stun_to_slaughter_s, "limit": limit}
            )
    if not entry.video_recorded:
        found.append(_("The video recording was not on during slaughter (GOST 7.6.4, 7.6.7)."))
    if not entry.death_confirmed:
        found.append(_("Death was not confirmed before primary processing (GOST 7.6.9)."))
    return found


def _decimal(value: Decimal) -> str:
    return number_format(value, 2)


def _species(entry) -> str:
    return str(Species(entry.species).label)

"""GOST 7.6.7 and its Table 1: the one table of stunning parameters that the journal, the
stunning-check API and the compliance report all measure against.

A single value in the table (ostriches' 0,75 A, calves' 3,00 s) means exactly that value; a
range includes both ends. Values are compared as decimals with the instrument's precision, so
0,749 A is outside 0,75 A and 0,375 A inside 0,25–0,50 A."""

from decimal import Decimal
from typing import NamedTuple

from ..models import Species, Stunning
from .deviation import Deviation


class Range(NamedTuple):
    low: Decimal
    high: Decimal

    def __contains__(self, value) -> bool:
        return self.low <= value <= self.high

    def __str__(self) -> str:
        """Plain text, as kept and sent: ``0.25–0.50``, or ``0.75`` for a single value."""
        return str(self.low) if self.low == self.high else f"{self.low}–{self.high}"


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
TABLE_1_CLAUSE = "7.6.7, Table 1"
POULTRY = frozenset({Species.CHICKENS, Species.OSTRICHES})
# GOST 7.6.7 а): pneumatic percussive tools only for large animals, cattle among them.
LARGE_ANIMALS = frozenset(
    {Species.CALVES, Species.STEERS, Species.COWS, Species.BULLS, Species.BUFFALO, Species.HORSES}
)
MAX_AIR_PRESSURE_MPA = Decimal("1.55")  # GOST 7.6.7 б)
# GOST 7.6.7: poultry slaughtered at most 30 s after stunning, other animals at most 1.5–3 min.
MAX_STUN_TO_SLAUGHTER_S = {True: 30, False: 180}


def stunning_deviations(
    *,
    species: str,
    stunning: str,
    current_a: Decimal | None = None,
    duration_s: Decimal | None = None,
    pressure_mpa: Decimal | None = None,
    strikes: int | None = None,
    stun_to_slaughter_s: int | None = None,
) -> list[Deviation]:
    """What in one stunning departs from GOST 7.6.7; a value not given is not judged."""
    found: list[Deviation] = []
    if stunning == Stunning.ELECTRICAL and species in TABLE_1:
        current, duration = TABLE_1[species]
        if current_a is not None and current_a not in current:
            found.append(
                Deviation("current", TABLE_1_CLAUSE, str(current_a), str(current), species)
            )
        if duration_s is not None and duration_s not in duration:
            found.append(
                Deviation("duration", TABLE_1_CLAUSE, str(duration_s), str(duration), species)
            )
    elif stunning == Stunning.PNEUMATIC:
        if species not in LARGE_ANIMALS:
            found.append(Deviation("pneumatic_species", "7.6.7 а)", species=species))
        if pressure_mpa is not None and pressure_mpa > MAX_AIR_PRESSURE_MPA:
            found.append(
                Deviation("pressure", "7.6.7 б)", str(pressure_mpa), f"0–{MAX_AIR_PRESSURE_MPA}")
            )
        if strikes is not None and strikes != 1:
            found.append(Deviation("strikes", "7.6.7 з)", str(strikes), "1"))
    if stunning != Stunning.NONE and stun_to_slaughter_s is not None:
        limit = MAX_STUN_TO_SLAUGHTER_S[species in POULTRY]
        if stun_to_slaughter_s > limit:
            found.append(Deviation("stun_delay", "7.6.7", str(stun_to_slaughter_s), f"0–{limit}"))
    return found

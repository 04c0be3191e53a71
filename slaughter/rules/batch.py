"""The rules of slaughter (GOST 7.6) that a journal entry is measured against.

An entry records what happened on the line, so a departure from these rules is not refused: it
is recorded with its clause, kept as a finding the commission answers (slaughter.models.Finding)
and shown in the journal and in section 9 of the production-check act (Annex Ж).

Entries made before the journal asked for a record (the Name, the animals, the cut) have it
empty (None); what was not asked is not judged."""

from decimal import Decimal

from ..models import Method, Stunning
from .deviation import Deviation
from .table1 import POULTRY, stunning_deviations

MIN_SLAUGHTERERS_PER_LINE = 2  # GOST 7.6.2: at least two, slaughtering in turn
MAX_INCORRECT_MECHANICAL = Decimal("0.01")  # GOST 7.6.8.2: at most 1 % incorrect slaughter
# The clauses of the cut: manual slaughter (7.6.8.1) and mechanical slaughter of poultry (7.6.8.2).
CUT_CLAUSES = {
    Method.MANUAL: {
        "cut_vessels": "7.6.8.1 б), в)",
        "head_kept": "7.6.8.1 г)",
        "blood": "7.6.4, 7.6.8.1 д)",
        "wrong_cut": "7.6.8.1 в), г)",
    },
    Method.MECHANICAL: {
        "cut_vessels": "7.6.8.2 а), б)",
        "head_kept": "7.6.8.2 в)",
        "blood": "7.6.4, 7.6.8.2 ж)",
    },
}


def _no(value) -> bool:
    return value is False  # None: not asked when the entry was made


def batch_deviations(entry) -> list[Deviation]:
    """What in the entry departs from GOST 7.6, each with its clause; empty when nothing does."""
    found: list[Deviation] = []
    poultry = entry.species in POULTRY
    if _no(entry.name_pronounced):
        found.append(Deviation("name", "4 а) 13), 7.6.8"))
    for field, code in (
        ("animals_rested", "rested"),
        ("veterinary_screened", "screened"),
        ("pregnant_excluded", "pregnant"),
    ):
        if _no(getattr(entry, field)):
            found.append(Deviation(code, "7.6.6"))
    slaughterers = len(entry.slaughterer_list)
    if entry.method == Method.MANUAL and slaughterers < MIN_SLAUGHTERERS_PER_LINE:
        found.append(
            Deviation("slaughterers", "7.6.2", str(slaughterers), f"≥ {MIN_SLAUGHTERERS_PER_LINE}")
        )
    if entry.method == Method.MECHANICAL and not poultry:
        found.append(Deviation("mechanical_species", "7.6.8.2", species=entry.species))
    clauses = CUT_CLAUSES.get(entry.method, {})
    for field, code in (("cut_vessels", "cut_vessels"), ("head_kept", "head_kept")):
        if _no(getattr(entry, field)):
            found.append(Deviation(code, clauses[code]))
    if _no(entry.blood_flowing):
        found.append(Deviation("blood", clauses["blood"]))
    if entry.method == Method.MECHANICAL and entry.head_count:
        # Before the journal counted wrong cuts, the birds kept apart were counted.
        incorrect = entry.wrong_cut if entry.cut_vessels is not None else entry.rejected
        share = Decimal(incorrect) / Decimal(entry.head_count)
        if share > MAX_INCORRECT_MECHANICAL:
            found.append(
                Deviation(
                    "mechanical_share",
                    "7.6.8.2",
                    str(round(share * 100, 1)),
                    f"0–{MAX_INCORRECT_MECHANICAL * 100:.0f}",
                )
            )
    elif entry.method == Method.MANUAL and entry.wrong_cut:
        found.append(Deviation("wrong_cut", clauses["wrong_cut"], str(entry.wrong_cut), "0"))
    found.extend(
        stunning_deviations(
            species=entry.species,
            stunning=entry.stunning,
            current_a=entry.current_a,
            duration_s=entry.duration_s,
            pressure_mpa=entry.air_pressure_mpa,
            strikes=None
            if entry.stunning != Stunning.PNEUMATIC
            else (1 if entry.single_strike else 2),
            stun_to_slaughter_s=entry.stun_to_slaughter_s,
        )
    )
    if entry.killed_by_stunning:
        found.append(
            Deviation("killed_by_stunning", "7.6.7, 4 а) 11)", str(entry.killed_by_stunning), "0")
        )
    if entry.skull_damaged:
        found.append(Deviation("skull_damaged", "7.6.7 и)", str(entry.skull_damaged), "0"))
    line = entry.slaughter_line
    if line is not None and not line.video_recording:
        found.append(Deviation("line_video", "7.1, 7.6.7"))
    if not entry.video_recorded:
        found.append(Deviation("video_off", "7.6.4, 7.6.7"))
    if not entry.death_confirmed:
        found.append(Deviation("death", "7.6.9"))
    return found


def deviations(entry) -> list[str]:
    """The entry's deviations as messages, in the reader's language."""
    return [d.message for d in batch_deviations(entry)]

"""Entries signed before findings were kept get their findings, as the rules of the journal found
them then (GOST 7.6.2, 7.6.7 and Table 1, 7.6.8.2, 7.6.4, 7.6.9). Self-contained: the rules and
Table 1 are copied here as they stood."""

from decimal import Decimal

from django.db import migrations

TABLE_1 = {
    "chickens": (("0.25", "0.50"), ("3.00", "5.00")),
    "lambs": (("0.50", "0.90"), ("2.00", "3.00")),
    "goats": (("0.70", "1.00"), ("2.00", "3.00")),
    "sheep": (("0.70", "1.20"), ("2.00", "3.00")),
    "calves": (("0.50", "1.50"), ("3.00", "3.00")),
    "steers": (("1.50", "2.50"), ("2.00", "3.00")),
    "cows": (("2.00", "3.00"), ("2.50", "3.50")),
    "bulls": (("2.50", "3.50"), ("3.00", "4.00")),
    "buffalo": (("2.50", "3.50"), ("3.00", "4.00")),
    "ostriches": (("0.75", "0.75"), ("3.00", "4.00")),
    "horses": (("2.50", "3.50"), ("3.00", "5.00")),
}
POULTRY = {"chickens", "ostriches"}
LARGE = {"calves", "steers", "cows", "bulls", "buffalo", "horses"}


def _allowed(low: str, high: str) -> str:
    return low if low == high else f"{low}–{high}"


def _found(entry) -> list[tuple]:
    """(code, clause, value, allowed, species) as the journal's rules found them."""
    found = []
    poultry = entry.species in POULTRY
    names = [n for n in entry.slaughterers.splitlines() if n.strip()]
    if entry.method == "manual" and len(names) < 2:
        found.append(("slaughterers", "7.6.2", str(len(names)), "≥ 2", ""))
    if entry.method == "mechanical" and not poultry:
        found.append(("mechanical_species", "7.6.8.2", "", "", entry.species))
    if entry.method == "mechanical" and entry.head_count:
        share = Decimal(entry.rejected) / Decimal(entry.head_count)
        if share > Decimal("0.01"):
            found.append(("mechanical_share", "7.6.8.2", str(round(share * 100, 1)), "0–1", ""))
    if entry.stunning == "electrical" and entry.species in TABLE_1:
        for code, value, (low, high) in zip(
            ("current", "duration"), (entry.current_a, entry.duration_s), TABLE_1[entry.species]
        ):
            if value is not None and not Decimal(low) <= value <= Decimal(high):
                found.append((code, "7.6.7, Table 1", str(value), _allowed(low, high), entry.species))
    if entry.stunning == "pneumatic":
        if entry.species not in LARGE:
            found.append(("pneumatic_species", "7.6.7 а)", "", "", entry.species))
        if entry.air_pressure_mpa is not None and entry.air_pressure_mpa > Decimal("1.55"):
            found.append(("pressure", "7.6.7 б)", str(entry.air_pressure_mpa), "0–1.55", ""))
        if not entry.single_strike:
            found.append(("strikes", "7.6.7 з)", "2", "1", ""))
    if entry.stunning != "none" and entry.stun_to_slaughter_s is not None:
        limit = 30 if poultry else 180
        if entry.stun_to_slaughter_s > limit:
            found.append(("stun_delay", "7.6.7", str(entry.stun_to_slaughter_s), f"0–{limit}", ""))
    if not entry.video_recorded:
        found.append(("video_off", "7.6.4, 7.6.7", "", "", ""))
    if not entry.death_confirmed:
        found.append(("death", "7.6.9", "", "", ""))
    return found


def forward(apps, schema_editor):
    Entry = apps.get_model("slaughter", "SlaughterEntry")
    Finding = apps.get_model("slaughter", "Finding")
    rows = []
    for entry in Entry.objects.filter(findings__isnull=True).iterator():
        for code, clause, value, allowed, species in _found(entry):
            rows.append(
                Finding(
                    entry=entry,
                    code=code,
                    clause=clause,
                    value=value,
                    allowed=allowed,
                    species=species,
                )
            )
    Finding.objects.bulk_create(rows, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("slaughter", "0007_findings")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]

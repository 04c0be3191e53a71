"""GOST 7.6.7, Table 1: every row at both bounds and just outside each (0.001 beyond, the
precision the journal keeps); a single value in the table means exactly that value. The journal
reads the same table (a change to it shows in a batch's deviations)."""

from decimal import Decimal

import pytest
from django.utils import translation

from slaughter.models import Species
from slaughter.rules import table1
from slaughter.rules.table1 import TABLE_1, Range, stunning_deviations
from tests.slaughter.test_journal import cattle, record

STEP = Decimal("0.001")


def bounds(row: Range):
    """(value, inside?) at and just outside both ends."""
    return [(row.low, True), (row.high, True), (row.low - STEP, False), (row.high + STEP, False)]


CASES = [
    (species, field, value, inside)
    for species, (current, duration) in TABLE_1.items()
    for field, row in (("current_a", current), ("duration_s", duration))
    for value, inside in bounds(row)
]


def test_table_1_has_every_animal_of_the_standard():
    assert set(TABLE_1) == set(Species.values) and len(CASES) == 11 * 8


@pytest.mark.parametrize(("species", "field", "value", "inside"), CASES)
def test_each_row_of_table_1_at_its_bounds(species, field, value, inside):
    current, duration = TABLE_1[species]
    reading = {"current_a": current.low, "duration_s": duration.low, field: value}
    found = stunning_deviations(species=species, stunning="electrical", **reading)
    code = "current" if field == "current_a" else "duration"
    assert [d.code for d in found] == ([] if inside else [code])
    if not inside:
        assert found[0].clause == "7.6.7, Table 1" and found[0].value == str(value)


@pytest.mark.parametrize(
    ("species", "field", "value", "inside"),
    [
        ("ostriches", "current_a", "0.75", True),  # the table's single value 0,75 A
        ("ostriches", "current_a", "0.749", False),
        ("ostriches", "current_a", "0.751", False),
        ("calves", "duration_s", "3.00", True),  # the table's single value 3,00 s
        ("calves", "duration_s", "2.999", False),
        ("calves", "duration_s", "3.001", False),
    ],
)
def test_a_single_value_means_exactly_that_value(species, field, value, inside):
    current, duration = TABLE_1[species]
    reading = {"current_a": current.low, "duration_s": duration.low, field: Decimal(value)}
    found = stunning_deviations(species=species, stunning="electrical", **reading)
    assert (found == []) is inside
    if not inside:
        assert found[0].allowed == ("0.75" if field == "current_a" else "3.00")


def test_the_allowed_range_reads_as_the_table_prints_it():
    with translation.override("ru"):
        found = stunning_deviations(
            species="chickens", stunning="electrical", current_a=Decimal("0.6")
        )
        assert found[0].allowed == "0.25–0.50"
        assert "0,60 А вне 0,25–0,50 А" in found[0].message


@pytest.mark.parametrize(
    ("extra", "codes"),
    [
        ({"pressure_mpa": Decimal("1.550")}, []),  # GOST 7.6.7 б): at most 1,55 MPa
        ({"pressure_mpa": Decimal("1.551")}, ["pressure"]),
        ({"pressure_mpa": Decimal("1.0"), "strikes": 2}, ["strikes"]),  # з): struck once
        ({"pressure_mpa": Decimal("1.0"), "strikes": 1, "stun_to_slaughter_s": 180}, []),
        (
            {"pressure_mpa": Decimal("1.0"), "strikes": 1, "stun_to_slaughter_s": 181},
            ["stun_delay"],
        ),
    ],
)
def test_the_pneumatic_tool_and_the_time_to_slaughter_at_their_bounds(extra, codes):
    found = stunning_deviations(species="cows", stunning="pneumatic", **extra)
    assert [d.code for d in found] == codes


@pytest.mark.parametrize(("seconds", "codes"), [(30, []), (31, ["stun_delay"])])
def test_poultry_is_slaughtered_within_30_s_of_stunning(seconds, codes):
    current, duration = TABLE_1["chickens"]
    found = stunning_deviations(
        species="chickens",
        stunning="electrical",
        current_a=current.low,
        duration_s=duration.low,
        stun_to_slaughter_s=seconds,
    )
    assert [d.code for d in found] == codes


def test_the_pneumatic_tool_is_for_large_animals_only():
    codes = [d.code for d in stunning_deviations(species="sheep", stunning="pneumatic")]
    assert codes == ["pneumatic_species"]


def test_the_journal_reads_the_one_table(register, applicant, monkeypatch):
    steers = (Range(Decimal("1.00"), Decimal("1.10")), TABLE_1["steers"][1])
    monkeypatch.setitem(table1.TABLE_1, "steers", steers)
    with translation.override("en"):
        assert record(register, applicant, cattle()).deviations == [
            "Current 2.00 A outside 1.00–1.10 A of Table 1 for steers (GOST 7.6.7)."
        ]

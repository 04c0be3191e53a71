"""CSV cells that a spreadsheet would run as formulas are neutralized, whatever hides the lead."""

import pytest

from halal_portal.spreadsheet import csv_lines, safe_cell


@pytest.mark.parametrize(
    "value",
    ["=1+1", "+7", "-2", "@SUM(A1)", " =cmd", "\n=cmd", "\t=x", "\r=x", "＝1", "＋1", "－1", "＠x"],
)
def test_a_formula_lead_is_quoted(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["ООО «Дала Ет»", "ХП.00001", "a=b", "1-2", "", "e@mail"])
def test_ordinary_text_is_left_alone(value):
    assert safe_cell(value) == value


def test_csv_lines_start_with_the_bom_and_quote_every_cell():
    lines = list(csv_lines(["name"], [["=HYPERLINK(1)"], [None]]))
    assert lines[0] == "\ufeff"
    assert lines[2].strip() == "'=HYPERLINK(1)"
    assert lines[3].strip() == '""'

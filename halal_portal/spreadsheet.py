"""CSV files that open safely in a spreadsheet program.

A cell that a spreadsheet would read as a formula (CSV injection) is quoted with a leading
apostrophe: one starting with = + - @, also after spaces, tabs or line feeds (spreadsheets skip
them), or with their full-width forms ＝ ＋ － ＠, which some programs fold to the ASCII ones."""

import csv
from collections.abc import Iterable, Iterator

FORMULA_LEADS = frozenset("=+-@＝＋－＠")
SKIPPED = " \t\r\n\u00a0\u3000"


def safe_cell(value) -> str:
    text = "" if value is None else str(value)
    if text[:1] in ("\t", "\r") or text.lstrip(SKIPPED)[:1] in FORMULA_LEADS:
        return "'" + text
    return text


class _Echo:
    """csv.writer writes into this and gets the line back, for streaming."""

    def write(self, value: str) -> str:
        return value


def csv_lines(header: list[str], rows: Iterable[Iterable]) -> Iterator[str]:
    """The lines of a UTF-8 CSV file (with the BOM spreadsheet programs need for Cyrillic),
    every cell made safe, ready for a StreamingHttpResponse."""
    writer = csv.writer(_Echo())
    yield "\ufeff"
    yield writer.writerow(header)
    for row in rows:
        yield writer.writerow([safe_cell(value) for value in row])

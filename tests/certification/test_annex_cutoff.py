"""GOST 8.18: an annex is issued no later than six months before the certificate ends, counted
by the calendar (not with the day clamped to the 28th)."""

import datetime
from types import SimpleNamespace

import pytest

from certification.services.certificates import annex_cutoff


def cutoff(valid_to: datetime.date) -> datetime.date:
    return annex_cutoff(SimpleNamespace(valid_to=valid_to))


@pytest.mark.parametrize(
    ("valid_to", "expected"),
    [
        (datetime.date(2027, 7, 29), datetime.date(2027, 1, 29)),
        (datetime.date(2027, 7, 31), datetime.date(2027, 1, 31)),
        (datetime.date(2027, 9, 30), datetime.date(2027, 3, 30)),
        (datetime.date(2027, 10, 31), datetime.date(2027, 4, 30)),
        (datetime.date(2027, 8, 31), datetime.date(2027, 2, 28)),
        (datetime.date(2028, 8, 31), datetime.date(2028, 2, 29)),  # leap year
        (datetime.date(2028, 8, 29), datetime.date(2028, 2, 29)),
        (datetime.date(2027, 3, 15), datetime.date(2026, 9, 15)),  # across the new year
        (datetime.date(2027, 6, 30), datetime.date(2026, 12, 30)),
    ],
)
def test_cutoff_is_six_calendar_months_before_the_end(valid_to, expected):
    assert cutoff(valid_to) == expected

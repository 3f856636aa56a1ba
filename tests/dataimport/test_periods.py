"""Periods as the sources write them, and numbers."""
from __future__ import annotations

import datetime as dt

import pytest

from factcheck.dataimport.common import number, period

D = dt.date


@pytest.mark.parametrize("text, kind, start, end", [
    ("2023", "year", D(2023, 1, 1), D(2023, 12, 31)),
    ("2023-A1", "year", D(2023, 1, 1), D(2023, 12, 31)),
    ("2023-Q1", "quarter", D(2023, 1, 1), D(2023, 3, 31)),
    ("2023Q4", "quarter", D(2023, 10, 1), D(2023, 12, 31)),          # World Bank API
    ("2023-05", "month", D(2023, 5, 1), D(2023, 5, 31)),
    ("2024M02", "month", D(2024, 2, 1), D(2024, 2, 29)),             # World Bank API, a leap year
    ("2023-M12", "month", D(2023, 12, 1), D(2023, 12, 31)),
    ("2023-S2", "half", D(2023, 7, 1), D(2023, 12, 31)),
    ("2023-W05", "week", D(2023, 1, 30), D(2023, 2, 5)),             # ISO weeks start on Monday
    ("2020-W53", "week", D(2020, 12, 28), D(2021, 1, 3)),
    ("2023-05-04", "day", D(2023, 5, 4), D(2023, 5, 4)),
])
def test_periods(text, kind, start, end):
    p = period(text)
    assert (p.kind, p.start, p.end) == (kind, start, end)


@pytest.mark.parametrize("text", ["2023-Q5", "2023-13", "2023-02-30", "2023-W54", "23", "2023-S3", "last year", ""])
def test_not_periods(text):
    assert period(text) is None


def test_numbers():
    assert number("1e6") == 1e6 and number("-0.3") == -0.3 and number(" 12 ") == 12
    assert number("n/a") is None and number("1,234") is None and number("NaN") is None and number("") is None

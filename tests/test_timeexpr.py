from __future__ import annotations

import datetime as dt

import pytest

from factcheck.timeexpr import find_times

AS_OF = dt.date(2020, 2, 20)


@pytest.mark.parametrize("text, label", [
    ("GDP grew 5% in 2019", "2019"),
    ("population reached 68 million last year", "2019"),
    ("this year", "2020"),
    ("in July 2024 the pension", "July 2024"),
    ("at the end of 2019", "end of 2019"),
    ("two rounds of talks in the last two weeks", "2020-02-06 to 2020-02-20"),
])
def test_periods(text, label):
    (t,) = find_times(text, AS_OF)
    assert t.period.label == label


def test_since_early_december_is_last_december():
    (t,) = find_times("have fled since early December", AS_OF)
    assert t.since == dt.date(2019, 12, 1)


def test_relative_phrases_need_a_date():
    assert find_times("last year", None) == []

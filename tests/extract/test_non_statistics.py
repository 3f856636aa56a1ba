"""Dates, times, years, codes, phone numbers, list and page numbers, vague amounts: kept out of the
statistics, returned with their kind when asked."""
from __future__ import annotations

import pytest

from factcheck.extract import extract


@pytest.mark.parametrize("text, kind", [
    ("on Feb. 20, a day after", "date"),
    ("on 20 February 2020", "date"),
    ("on 5/17/2018", "date"),
    ("on 2020-02-17", "date"),
    ("at 2:00 pm", "time"),
    ("by 6pm", "time"),
    ("in 2019", "year"),
    ("a 2018 de-escalation agreement", "year"),
    ("in 2019-20", "year"),
    ("the 1960s", "year"),
    ("Voyager 2", "code"),
    ("MH370", "code"),
    ("the 5G network", "code"),
    ("COVID-19", "code"),
    ("version 2.1", "version"),
    ("call +1-222-2222-2222", "phone"),
    ("see page 12", "page"),
    ("10 Downing Street", "street_number"),
    ("thousands of troops", "vague"),
    ("tens of thousands of people", "vague"),
])
def test_kept_out_of_statistics(text: str, kind: str) -> None:
    assert [q.kind for q in extract(text) if q.kind == kind] == []
    assert any(q.kind == kind for q in extract(text, include_all=True)), extract(text, include_all=True)


def test_list_numbering() -> None:
    text = "Steps:\n1. Open the valve.\n2. Wait 10 minutes."
    assert [q.value for q in extract(text)] == [10]
    assert [q.kind for q in extract(text, include_all=True)].count("list_number") == 2


def test_urls_are_skipped() -> None:
    assert extract("You can go to https://www.test.com/search?q=30%25%2020%", include_all=True) == []


def test_years_followed_by_a_count_noun_are_counts() -> None:
    (q,) = extract("About 2000 people marched.")
    assert q.kind == "count" and q.unit == "person"

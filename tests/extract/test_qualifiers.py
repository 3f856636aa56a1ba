"""Qualifiers, ranges, directions of change, factors."""
from __future__ import annotations

import pytest

from factcheck.extract import extract

from .test_numbers import one


@pytest.mark.parametrize("text, qualifier", [
    ("about 3.7 million", "about"), ("around 40", "about"), ("roughly 40", "about"), ("some 600,000", "about"),
    ("an estimated 300", "about"), ("approximately 12", "about"),
    ("more than 900,000", "more_than"), ("over 40", "more_than"), ("above 170", "more_than"),
    ("at least 14", "at_least"), ("no fewer than 12", "at_least"),
    ("less than 10", "less_than"), ("under 40", "less_than"), ("below 170", "less_than"),
    ("fewer than 1,000", "less_than"),
    ("at most 7", "at_most"), ("up to 700", "at_most"), ("no more than 6", "at_most"),
    ("nearly 40", "nearly"), ("almost 40", "nearly"), ("close to 40", "nearly"), ("just under 40", "nearly"),
])
def test_qualifiers(text: str, qualifier: str) -> None:
    d = one(text, qualifier=qualifier)
    assert d["text"] == text


@pytest.mark.parametrize("text, low, high, unit", [
    ("between 10 and 20", 10, 20, None),
    ("10-20 dollars", 10, 20, "dollar"),
    ("from 10 to 20 percent", 10, 20, "percent"),
    ("from 816,000 t to 934,000 t", 816000, 934000, "metric_ton"),
    ("between £17 and £190 billion", 17e9, 190e9, "GBP"),
    ("10-20 million", 10e6, 20e6, None),
    ("8- to 16-meter", 8, 16, "meter"),
])
def test_ranges_are_one_quantity(text: str, low: float, high: float, unit: str | None) -> None:
    d = one(text, qualifier="range", low=float(low), high=float(high), unit=unit)
    assert d["value"] == (low + high) / 2


def test_plus_minus_sets_the_interval() -> None:
    one("2,000.45±0.01 pounds", low=2000.44, high=2000.46)


@pytest.mark.parametrize("text, direction, change", [
    ("Minimum pension increased to $377", "up", "to"),
    ("Exports fell by 19 percent.", "down", "by"),
    ("The economy contracted 2.1% in the quarter.", "down", "by"),
    ("Shares were up 5% on Monday.", "up", "by"),
    ("Prices rose to 40 lira.", "up", "to"),
])
def test_directions(text: str, direction: str, change: str) -> None:
    d = one(text)
    assert (d["direction"], d["change"]) == (direction, change)


def test_factors() -> None:
    one("Food prices doubled last year.", value=2.0, kind="factor", direction="up")
    one("The budget was halved.", value=0.5, kind="factor", direction="down")
    assert extract("He doubled back to the car.") == []

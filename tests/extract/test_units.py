"""Units: money, percent vs percentage points, people, ages, durations, measures, compounds."""
from __future__ import annotations

import math

import pytest

from factcheck import units
from factcheck.extract import compiled_rules, extract

from .test_numbers import one


@pytest.mark.parametrize("text, value, unit", [
    ("$377", 377, "USD"),
    ("£11.6bn", 11.6e9, "GBP"),
    ("US$4.7 billion", 4.7e9, "USD"),
    ("USD34.6 million", 34.6e6, "USD"),
    ("$ 75 million", 75e6, "USD"),
    ("$3.7m", 3.7e6, "USD"),
    ("₺500", 500, "TRY"),
    ("500 TL", 500, "TRY"),
    ("10 turkish lira", 10, "TRY"),
    ("20€", 20, "EUR"),
    ("20 euros", 20, "EUR"),
    ("EUR 125", 125, "EUR"),
    ("115USD", 115, "USD"),
    ("50 cents", 0.5, "USD"),
    ("470 pence", 4.7, "GBP"),
    ("3 dollars 50 cents", 3.5, "dollar"),
    ("30 MUSD", 30e6, "USD"),
])
def test_money(text: str, value: float, unit: str) -> None:
    one(text, value=float(value), unit=unit, kind="money")


def test_money_precision() -> None:
    one("$200", precision=100.0, low=150.0, high=250.0)
    one("$377", precision=1.0)
    one("50 cents", precision=0.01)


def test_percent_points_and_basis_points_stay_apart() -> None:
    one("10 per cent", value=10.0, unit="percent", kind="percent", precision=1.0)
    one("12.5%", value=12.5, unit="percent")
    one("2 percentage points", value=2.0, unit="percentage_point", kind="percentage_point")
    one("25 basis points", value=25.0, unit="basis_point", kind="percentage_point")
    pp = units.registry().Quantity(1, "percentage_point")
    assert pp.dimensionality != units.registry().Quantity(1, "percent").dimensionality
    assert math.isclose(units.convert(25, "basis_point", "percentage_point"), 0.25)


def test_m_is_million_for_money_and_people_but_metres_for_a_height() -> None:
    one("3.7m people", value=3.7e6, unit="person")
    one("He is 2m tall.", value=2.0, unit="meter")


@pytest.mark.parametrize("text, value, unit", [
    ("the nine-year-old conflict", 9, "year"),
    ("A man, aged 46, was arrested.", 46, "year"),
    ("He is 46 years old.", 46, "year"),
    ("a three-month-old baby", 3, "month"),
])
def test_ages(text: str, value: float, unit: str) -> None:
    one(text, value=float(value), unit=unit, kind="age")


def test_durations() -> None:
    one("in the last two weeks", value=2.0, unit="week", kind="duration")
    one("for three years", value=3.0, unit="year", kind="duration")


@pytest.mark.parametrize("text, value, unit", [
    ("120 km/h", 120, "kilometer / hour"),
    ("188 miles an hour", 188, "mile / hour"),
    ("660 square meters", 660, "square meter"),
    ("a 7.62mm barrel", 7.62, "millimeter"),
    ("45 degrees Celsius", 45, "degree_Celsius"),
    ("-10C", -10, "degree_Celsius"),
    ("16,000 metric tons", 16000, "metric_ton"),
    ("two pounds of meat", 2, "pound"),
    ("5 feet 2 inches", 62, "inch"),
    ("2 km and 1 meter", 2001, "meter"),
])
def test_measures(text: str, value: float, unit: str) -> None:
    one(text, value=float(value), unit=unit)


def test_money_per_time_is_a_rate() -> None:
    one("a pension of $377 a month", value=377.0, unit="USD / month", kind="rate")
    one("$2 a share", unit="USD", kind="money")
    one("$1.17 billion a year earlier", unit="USD", kind="money")


def test_counts_of_people_and_of_other_things() -> None:
    one("more than 900,000 people", unit="person", kind="count")
    one("about 3.7 million Syrian refugees", unit="person")
    one("5 defendants", unit=None, kind="count")


def test_every_lexicon_unit_is_pint_parseable() -> None:
    c = compiled_rules()
    names = {i.unit for i in list(c.unit_words.values()) + list(c.unit_symbols.values()) if i.unit}
    for name in sorted(names):
        units.canonical(name)  # raises on an unknown unit


def test_unit_factors_agree_with_pint() -> None:
    for name, (dim, factor) in compiled_rules().unit_factors.items():
        assert units.dimensionality(name) == dim, name
        assert math.isclose(units.factor(name), factor, rel_tol=1e-9), name


def test_currency_codes_are_units() -> None:
    for code in ("USD", "GBP", "TRY", "EUR", "franc"):
        assert units.dimensionality(code).startswith("[currency_")

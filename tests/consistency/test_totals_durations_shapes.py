"""Totals skip a figure's earlier-period values in parentheses; durations need a unit of time.
All sentences here are written for these tests."""
from __future__ import annotations

import pytest

from .conftest import run


@pytest.mark.parametrize("text", [
    # a list of items, each with its values of two earlier periods in parentheses
    "Copper 2.41 billion (2.50 billion and 1.96 billion), nickel 310 mln (322 mln and 285 mln), "
    "zinc 180 mln (195 mln and 160 mln).",
    # the same, with the total's own word after every figure
    "Reserves were 7.2 bln dlrs (4.1 bln dlrs and 3.9 bln dlrs).",
    # dated figures in parentheses
    "Reserves were 7.2 bln dlrs (4.1 bln in January and 3.9 bln a year earlier).",
])
def test_earlier_period_values_in_parentheses_are_not_parts(text):
    assert not run(text, "consistency.totals")


def test_named_parts_in_parentheses_are_still_added_up():
    text = "The blast injured 200 people (120 men and 95 women)."
    (f,) = run(text, "consistency.totals")
    assert "215 (120 + 95), more than the total of 200" in f.message
    assert not run("The blast injured 200 people (120 men and 80 women).", "consistency.totals")


@pytest.mark.parametrize("text", [
    "The fighting has killed 400 since 2011.",          # a count, not a number of years
    "The plant has produced 900 since 1990.",
    "Its 5,000 workers, 46 born in 1990, went on strike.",  # 46 workers, not an age
    "Output rose 12 percent since 2015.",
])
def test_a_number_without_a_unit_of_time_is_not_a_duration(text):
    assert not run(text, "consistency.durations")


def test_durations_in_other_units_of_time_are_converted():
    (f,) = run("In 2024, 18 months after the 2010 earthquake, the city is still rebuilding.", "consistency.durations")
    assert "2010 -> 2024 is 14 years, not 18 months" in f.message
    assert not run("In 2011, 18 months after the 2010 earthquake, the city is still rebuilding.", "consistency.durations")


def test_a_bare_number_after_a_name_in_commas_is_an_age():
    (f,) = run("Smith, 46, was born in 1990 in Izmir.", "consistency.durations")
    assert "so 29 or 30 on 2020-02-20, not 46" in f.message
    assert not run("Smith, 29, was born in 1990 in Izmir.", "consistency.durations")

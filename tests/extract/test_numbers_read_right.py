"""Numbers read right: mixed fractions, vague amounts, currency words read by name, changes
written as nouns, and a unit or scale written once for two figures."""
from __future__ import annotations

import math

import pytest

from factcheck.extract import extract


def stats(text: str) -> list[dict]:
    return [q.to_dict() for q in extract(text)]


def only(text: str, **want: object) -> dict:
    got = stats(text)
    assert len(got) == 1, got
    for k, v in want.items():
        if isinstance(v, float):
            assert math.isclose(got[0][k], v, rel_tol=1e-9), (k, got[0])
        else:
            assert got[0][k] == v, (k, got[0])
    return got[0]


# -- mixed fractions ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, value, unit, precision", [
    ("Unions settled for an average 2-1/2 pct wage increase.", 2.5, "percent", 0.5),
    ("The bank cut its discount rate to 5-1/2 pct on Friday.", 5.5, "percent", 0.5),
    ("Money supply grew 1-3/4 pct in the month.", 1.75, "percent", 0.25),
    ("The bond yield stood at 2 1/2 percent.", 2.5, "percent", 0.5),
    ("Inflation eased to 2½% in May.", 2.5, "percent", 0.5),
    ("Crude traded at 17-3/8 dlrs a barrel.", 17.375, "dollar", 0.125),
])
def test_a_mixed_number_is_one_quantity_with_the_precision_of_its_fraction(text, value, unit, precision):
    d = only(text, value=value, unit=unit, precision=precision)
    assert math.isclose(d["low"], value - precision / 2) and math.isclose(d["high"], value + precision / 2)


def test_mixed_numbers_in_a_range_and_after_a_change():
    d = only("Analysts expect rates of 5-1/4 to 5-1/2 pct.", qualifier="range")
    assert (d["low"], d["high"]) == (5.25, 5.5)
    a, b = stats("The rate fell 5-1/2 pct to 3/4 pct.")
    assert (a["value"], a["direction"], a["change"]) == (5.5, "down", "by")
    assert (b["value"], b["direction"], b["change"]) == (0.75, "down", "to")


@pytest.mark.parametrize("text", [
    "The talks resumed on 3/4 after a pause.",
    "The committee voted 7-2 to keep rates on hold.",
    "The home side won 3-1 on Sunday.",
])
def test_dates_and_scores_are_not_fractions(text):
    assert not any(d["kind"] in ("fraction", "count", "percent") and d["value"] % 1 for d in stats(text))


def test_a_fraction_that_is_no_proper_fraction_is_not_joined():
    # "3-4/5" is not three and four fifths: 4/5 is a proper fraction, but fifths are not written so
    assert [d["value"] for d in stats("They split 3-4/5 of the shares.")] != [3.8]


# -- vague amounts --------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The rescue would cost a couple of billion dollars.",
    "Several billion dollars left the country.",
    "Billions of dollars were spent.",
    "A couple hundred protesters gathered.",
    "Several hundred thousand people fled.",
])
def test_a_vague_amount_is_no_statistic(text):
    assert stats(text) == []
    assert any(q.kind == "vague" for q in extract(text, include_all=True))


# -- currency words ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, value, unit", [
    ("The Bundesbank added 500 mln marks to the market.", 5e8, "mark"),
    ("The franc closed at 6.20 francs to the dollar.", 6.2, "franc"),
    ("Reserves rose to 12 billion dlrs.", 12e9, "dollar"),
    ("Italy sold 1,500 billion lire of bonds.", 1.5e12, "lira"),
    ("The budget was 48 billion guilders.", 48e9, "guilder"),
    ("Sweden borrowed 3 billion crowns.", 3e9, "crown"),
    ("It cost 20 million pounds.", 2e7, "pound"),
    ("The loan is 40 billion rupees.", 4e10, "rupee"),
    ("Prices are quoted at 80 bolivares.", 80, "bolivar"),
    ("Exports reached 300 mln cruzados.", 3e8, "cruzado"),
    ("A bid of 2 billion Swiss francs.", 2e9, "CHF"),
    ("The deficit was 30 billion French francs.", 3e10, "FRF"),
    ("Wages rose 10 pct to 500 Deutsche marks.", 500, "DEM"),
    ("Prices were set at 1.2 million bolivares fuertes.", 1.2e6, "VEF"),
])
def test_currency_words_are_read_by_name_or_code(text, value, unit):
    assert any(math.isclose(d["value"], value) and d["unit"] == unit and d["kind"] == "money" for d in stats(text)), \
        stats(text)


@pytest.mark.parametrize("text", [
    "The index passed the 2,000 mark for the first time.",
    "She wore a crown at the ceremony.",
    "The baby weighs seven pounds.",
])
def test_currency_words_that_are_something_else(text):
    assert not any(d["kind"] == "money" for d in stats(text))


# -- changes written as nouns, negative rates, fillers ---------------------------------------------

@pytest.mark.parametrize("text, value, direction, change", [
    ("Sales showed a decline of 31% on the year.", 31, "down", "by"),
    ("The index suffered a 31% fall in March.", 31, "down", "by"),
    ("Exports shrank 31% last year.", 31, "down", "by"),
    ("Analysts expect a 31% drop in profits.", 31, "down", "by"),
    ("Output saw a contraction of 1.8 pct in the quarter.", 1.8, "down", "by"),
    ("The economy grew after shrinking 1.8 pct the year before.", 1.8, "down", "by"),
    ("Prices fell by an average 0.2 pct in February.", 0.2, "down", "by"),
    ("Growth was a negative 1.4 pct in 1986.", -1.4, "down", None),
    ("Growth of minus 3% is forecast.", -3, "down", None),
    ("The economy posted a 2.5 pct rise in output.", 2.5, "up", "by"),
    ("The central bank announced a 0.5 pct rate cut.", 0.5, "down", "by"),
    ("Unemployment saw a rise to 7.1 pct in May.", 7.1, "up", "to"),
])
def test_the_direction_of_a_change_in_its_noun_forms(text, value, direction, change):
    only(text, value=float(value), direction=direction, change=change)


@pytest.mark.parametrize("text", [
    "About 31% of the decline came from oil.",
    "Unemployment stood at 7.1% in March.",
    "Temperatures of minus 3 degrees were recorded.",
    "The 25% cut-off applies to all bids.",
])
def test_no_direction_where_no_change_is_stated(text):
    assert all(d["direction"] is None for d in stats(text)), stats(text)


def test_a_filler_is_not_a_qualifier():
    only("Wages rose by an average 3.2 pct.", qualifier="exact", direction="up")


# -- a unit or a scale written once -----------------------------------------------------------------

def test_a_bare_figure_compared_with_a_level_takes_its_unit_and_scale():
    a, b = stats("Imports fell to 3,061.8 billion francs from 3,304.1 a year earlier.")
    assert (b["unit"], b["kind"], b["value"]) == ("franc", "money", 3304.1e9)
    a, b = stats("Inflation rose to 5.2 pct from 4.9.")
    assert (b["unit"], b["value"]) == ("percent", 4.9)


def test_not_after_the_size_of_a_change_nor_for_a_counted_noun():
    got = stats("Arrivals were up 30% from 1.6 million a year before.")
    assert [d["kind"] for d in got] == ["percent", "count"]
    got = stats("The fund raised $5 million from 12 banks.")
    assert got[1]["kind"] == "count"


def test_one_scale_for_two_figures_joined_by_or():
    a, b = stats("The bank may add 14 or 15 billion marks.")
    assert (a["value"], a["unit"]) == (14e9, "mark") and b["value"] == 15e9

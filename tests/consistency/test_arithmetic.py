"""Change arithmetic, shares and totals through the real segmenter and extractor, and the
interval helpers they share."""
from __future__ import annotations

import pytest

from factcheck.consistency.common import Range, arith_range, share_range, split_from_to
from factcheck.model import Qualifier, Quantity, Span

from .conftest import run


def q(value, precision, kind="count", unit=None, qualifier=Qualifier.EXACT, text="x"):
    return Quantity(text, Span(0, 1), value, value - precision / 2, value + precision / 2, unit, qualifier, kind,
                    precision)


def test_whole_numbers_in_digits_are_exact_and_scaled_figures_keep_two_significant_figures():
    assert arith_range(q(100, 100, text="100")) == Range(99.5, 100.5)
    assert arith_range(q(2500, 100, text="2,500")) == Range(2499.5, 2500.5)
    assert arith_range(q(4e6, 1e6, text="4 million")) == Range(3.95e6, 4.05e6)
    assert arith_range(q(3.7e6, 1e5)) == Range(3.65e6, 3.75e6)
    about = arith_range(q(250, 10, qualifier=Qualifier.ABOUT))
    assert about == Range(240, 260)


def test_share_ranges():
    assert share_range(q(62, 1, "percent", "percent")) == Range(0.615, 0.625)
    one_in_six = share_range(q(1 / 6, 0, "fraction"))
    assert one_in_six.low <= 1 / 6.5 and one_in_six.high >= 1 / 5.5
    more_than_half = share_range(q(0.5, 0, "fraction", qualifier=Qualifier.MORE_THAN))
    assert 0.45 not in more_than_half and 0.55 in more_than_half


def test_a_from_to_range_is_read_as_two_levels():
    text = "It rose from $1.2bn to $1.5bn."
    rng = Quantity("from $1.2bn to $1.5bn", Span(8, 29), 1.35e9, 1.2e9, 1.5e9, "USD", Qualifier.RANGE, "money", 1e8)
    a, b = split_from_to(rng, text)
    assert (a.value, b.value) == (1.2e9, 1.5e9)
    # the currency symbol belongs to the figure, so a pattern sees "from {q:a}", not "from $⟦0⟧"
    assert text[a.span.start:a.span.end] == "$1.2bn" and text[b.span.start:b.span.end] == "$1.5bn"


def test_each_side_of_a_from_to_range_keeps_its_own_qualifier():
    text = "It rose from about 100 to 150."
    rng = Quantity("from about 100 to 150", Span(8, 29), 125.0, 100.0, 150.0, None, Qualifier.RANGE, "count", 100.0)
    a, b = split_from_to(rng, text)
    assert text[a.span.start:a.span.end] == "about 100" and a.qualifier is Qualifier.ABOUT
    assert b.qualifier is Qualifier.EXACT
    assert arith_range(a) == Range(90, 110)  # "about" a whole number: two significant figures, not exact


@pytest.mark.parametrize("text, stated, needle", [
    ("Reported burglaries rose from 1,240 to 1,550, an increase of 30%.", "30%", "+25%, not 30%"),
    ("Unemployment fell from 13% to 12.2%, a drop of 1.2 percentage points.", "1.2 percentage points", "-0.8 percentage points"),
    ("Unemployment fell from 13% to 12.2%, a drop of 0.8%.", "0.8%", "write percentage points"),
    ("The number of migrants doubled from 1,240 to 1,900.", "doubled", "x1.53, not doubled"),
    ("Exports were up 25% to $150 million from $135 million.", "25%", "+11.1%, not 25%"),
])
def test_change_arithmetic(text, stated, needle):
    (f,) = run(text, "consistency.change")
    assert text[f.quantity.span.start:f.quantity.span.end].startswith(stated)
    assert needle in f.message
    assert f.related_span is not None and f.related_span != f.quantity.span


@pytest.mark.parametrize("text", [
    "Reported burglaries rose from 1,240 to 1,550, an increase of 25%.",
    "Unemployment fell from 13% to 12.2%, a drop of 0.8 percentage points.",
    "Exports were up about 10% to $150 million from $135 million.",
    "The population rose from 3.1 million to 4.2 million, an increase of 35%.",  # 35.5%, rounding
    "Sales rose 20% in 2019 from 2018.",  # years are not levels
    "Prices rose from about 100 to 150, an increase of 60%.",  # "about 100": the rounding explains it
])
def test_change_consistent(text):
    assert not run(text, "consistency.change")


def test_implied_earlier_level_in_the_next_sentence():
    (f,) = run("Sales rose 40% to 8,400 units. A year earlier the company sold 6,300 units.", "consistency.change")
    assert "6,300 -> 8,400 is +33.3%" in f.message
    assert not run("Sales rose 40% to 8,400 units. A year earlier the company sold 6,000 units.", "consistency.change")


@pytest.mark.parametrize("text, needle", [
    ("Of the 500 people surveyed, 62% (about 250 respondents) said they would vote.", "62% of 500 is 310"),
    ("The army lost 300 soldiers, or 20% of its 2,500 troops.", "300 of 2,500 is 12%"),
    ("The majority of members (45%) voted against the plan.", "not a majority"),
    ("More than half (45%) of voters agreed.", "45% is not more than half"),
])
def test_shares(text, needle):
    (f,) = run(text, "consistency.shares")
    assert needle in f.message


def test_survey_base_from_an_earlier_sentence():
    text = "The institute polled 800 adults. Of those, 40% (about 250 people) backed the plan."
    (f,) = run(text, "consistency.shares")
    assert "of 800" in f.message


@pytest.mark.parametrize("text", [
    "Of the 500 people surveyed, 62% (about 310 respondents) said they would vote.",
    "The army lost 300 soldiers, or 12% of its 2,500 troops.",
    "The majority of members (55%) voted against the plan.",
    "One in six adults (17%) smokes.",
])
def test_shares_consistent(text):
    assert not run(text, "consistency.shares")


@pytest.mark.parametrize("text, needle", [
    ("The crowd of 120 men and 80 women, 250 in all, dispersed peacefully.", "120 + 80 = 200, not 250"),
    ("A total of 250 people were hurt: 120 men, 45 children and 60 women.", "= 225, not 250"),
    ("The blast injured 200 people, including 120 men and 95 women.", "more than the total of 200"),
    ("In the poll, 45% said yes, 40% said no and the remaining 20% were undecided.", "= 105%, not 100%"),
])
def test_totals(text, needle):
    (f,) = run(text, "consistency.totals")
    assert needle in f.message


@pytest.mark.parametrize("text", [
    "A total of about 250 people were hurt: 120 men, 45 children and 80 women.",  # 245: "about"
    "The blast injured 250 people, including 120 men and 80 women.",
    "In the poll, 45% said yes, 40% said no and the remaining 16% were undecided.",  # 101%: rounding
    "About 60% use Facebook, 50% use Instagram and 40% use TikTok.",  # not one breakdown
])
def test_totals_consistent(text):
    assert not run(text, "consistency.totals")


def test_a_breakdown_in_a_sentence_with_other_percentages_is_left_alone():
    text = "Turnout was 65%, with 40% for the ruling party, 35% for the opposition and the remaining 25% for others."
    assert not run(text, "consistency.totals")


def test_parts_among_them_more_than_the_total():
    (f,) = run("The blast killed 12 people, among them 8 children and 7 women.", "consistency.totals")
    assert "(8 + 7)" in f.message


def test_whole_numbers_in_digits_are_exact_in_the_texts_arithmetic():
    (f,) = run("Prices rose from 100 to 150, an increase of 60%.", "consistency.change")
    assert "100 -> 150 is +50%, not 60%" in f.message

"""The change rule checks a stated change only against the levels grammatically tied to it.

Sentences of economic copy hold several changes and several pairs of levels, of different nouns
and periods; a change is paired with the from/to figures of its own clause and predicate only.
All sentences here are written for these tests.
"""
from __future__ import annotations

import pytest

from .conftest import run

RULE = "consistency.change"


def _flagged(text):
    return [text[f.quantity.span.start:f.quantity.span.end] for f in run(text, RULE)]


# --- still caught ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, stated, needle", [
    # amounts written with a currency symbol are levels like any other
    ("Revenue rose from $213 million to $266 million, an increase of 40%.", "40%", "+24.9%, not 40%"),
    ("Revenue rose to €266 million from €213 million, a 40% increase.", "40%", "+24.9%, not 40%"),
    ("Costs fell from £1.2bn to £1.1bn, a drop of 20%.", "20%", "-8.3%, not 20%"),
    # a whole number in digits is exact in the text's own arithmetic
    ("Prices rose from 100 to 150, an increase of 60%.", "60%", "+50%, not 60%"),
    # a time phrase between the change and its levels does not untie them
    ("Sales rose 40 pct in the third quarter to 8.4 billion from 6.3 billion.", "40 pct", "+33.3%, not 40 pct"),
    ("Sales fell by 30% from 1,240 last year to 1,010.", "30%", "-18.5%, not 30%"),
    # "B, up C from A"
    ("Sales reached 150 units, up 40% from 120.", "40%", "+25%, not 40%"),
    # year-on-year with an earlier level the text does not date otherwise
    ("The surplus rose 40% year on year to 8.1 billion dlrs from 6.3 billion.", "40%", "+28.6%, not 40%"),
    ("The surplus rose 40% to 8.1 billion dlrs from 6.3 billion a year earlier.", "40%", "+28.6%, not 40%"),
])
def test_a_change_tied_to_its_levels_is_checked(text, stated, needle):
    (f,) = run(text, RULE)
    assert text[f.quantity.span.start:f.quantity.span.end] == stated
    assert needle in f.message


def test_each_clause_is_checked_with_its_own_levels():
    text = ("Shipments were down 5.2 pct at 6.2 billion dlrs, compared with 6.54 billion in 1985, while "
            "purchases were down 6.4 pct at 9.5 billion dlrs from 9.84 billion.")
    (f,) = run(text, RULE)
    assert text[f.quantity.span.start:f.quantity.span.end] == "6.4 pct"
    assert f.message.startswith("9.84 billion -> 9.5 billion") and "is -3.5%, not 6.4 pct" in f.message
    assert text[f.related_span.start:f.related_span.end].startswith("9.5 billion")


def test_both_clauses_right_is_silent():
    assert not run("Shipments were down 5.2 pct at 6.2 billion dlrs, compared with 6.54 billion in 1985, while "
                   "purchases were down 3.4 pct at 9.5 billion dlrs from 9.84 billion.", RULE)


# --- not paired -----------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    # a change of one noun in another clause than the levels of another noun
    "Group orders slipped to 12.3 billion stg from 14.1 billion in the prior year, while borrowing by the group nearly doubled to 820 mln stg.",
    "Borrowing by the group nearly doubled to 820 mln stg, while group orders slipped to 12.3 billion stg from 14.1 billion in the prior year.",
    # the change of a total, then the levels of its parts in a "with" clause
    "Trade with the region fell about 25 pct because of weaker demand, with imports at 2.1 billion dlrs, "
    "compared with 3.9 billion, and exports at 1.2 billion after 1.8 billion.",
    # a monthly rise of one thing, and a revised annual forecast of another
    "Producer prices posted a 0.7 pct rise in March, which is why the planners now put their "
    "1988 price forecast at 3.5 pct, up from three pct.",
    # a month's change, then a year-on-year change in a second predicate
    "Freight rates climbed 0.6 pct to 143.20 in March from 142.35 in February and were up 12.5 pct from 127.3 twelve months before.",
    # a year-on-year change against last month's level
    "Its current account surplus jumped over 60 pct year on year in May to 9.1 billion dlrs, against 7.2 billion in April.",
    # a month-on-month change against a level of a year before
    "Prices rose 5 pct on the month to 110 from 100 a year earlier.",
    # two growth rates compared are two changes, not two levels
    "Imports grew 3.1 pct last year against 3.4 pct in 1986, but the institute had forecast growth of 3.9 pct.",
    # a target band is not a change, and the growth rates beside it are not levels
    "Money supply ended the year inside the central bank's two to four pct target range, growing 3.5 pct "
    "compared with six pct in 1985.",
    "The bank set a 3 pct growth target, after output rose to 104 from 100.",
    # an annualised rate is not the change between a quarter's levels
    "The economy grew at an annualised 4 pct in the quarter to 812 billion from 804 billion.",
    # a figure of another thing between the change and the levels
    "Profits rose 20% in 30 cities to 1,500 from 1,000.",
])
def test_change_not_paired_with_levels_it_is_not_about(text):
    assert not run(text, RULE), _flagged(text)


def test_the_population_rounding_still_passes():
    assert not run("The population rose from 3.1 million to 4.2 million, an increase of 35%.", RULE)


def test_the_year_on_year_change_is_checked_against_a_level_a_year_earlier():
    """The same shape as the month-against-year sentence above, with the year-earlier level tied."""
    text = "The surplus rose 70 pct year-on-year to 9.1 billion dlrs in March from 6.5 billion a year earlier."
    (f,) = run(text, RULE)
    assert "+40%, not 70 pct" in f.message


def test_only_the_basis_words_separate_a_checked_change_from_an_unchecked_one():
    yoy_april = "Its current account surplus jumped over 60 pct year on year in May to 9.1 billion dlrs, against 7.2 billion in April."
    yoy_year_ago = yoy_april.replace("in April", "a year earlier")
    plain_april = yoy_april.replace(" year on year", "")
    assert not run(yoy_april, RULE)  # a year-on-year change, and last month's level
    for text in (yoy_year_ago, plain_april):  # the earlier level fits the change's basis
        (f,) = run(text, RULE)
        assert "+26.4%, not over 60 pct" in f.message

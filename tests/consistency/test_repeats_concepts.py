"""Repeats compare two figures only when they measure the same concept (the framing's concept
binder: the noun each figure counts). All sentences here are written for these tests."""
from __future__ import annotations

import pytest

from .conftest import run

RULE = "consistency.repeats"


def test_the_same_counted_thing_with_values_no_rounding_reconciles():
    text = "Japan approved a $4.2 billion aid package.\n\nThe $4.5 billion aid package from Japan will go to schools."
    (f,) = run(text, RULE)
    assert text[f.quantity.span.start:f.quantity.span.end] == "$4.2 billion"
    assert text[f.related_span.start:f.related_span.end] == "$4.5 billion"
    assert "for the same aid package" in f.message


@pytest.mark.parametrize("text", [
    # a currency or unit word after the figure counts no thing
    "Sales of bonds by Japan were 2.7 billion dlrs.\n\nPurchases of shares by Japan were 11.8 billion dlrs.",
    "Holdings of Germany's states fell by 500 mln marks.\n\nLiabilities of Germany's bank were 22.8 billion marks.",
    "Norway shipped 12.5 million tonnes of ore.\n\nNorway shipped 3.1 million tonnes of grain.",
    # a measure bound to its subject may be restated for another period
    "Exports were 2.8 billion.\n\nFor the full year:\n\nExports were 11.2 billion.",
    # changes are not levels
    "Among goods, energy rose four pct after a 9.8 pct increase.\n\nFuel oil rose three pct after an 18 pct increase.",
    # the same noun with a complement that says which one
    "Of the 0.2 point contribution of foreign trade to growth, exports took 0.1.\n\n"
    "Of the 0.5 point contribution of domestic demand to growth, firms gave 0.4.",
    # figures the binder does not bind are not compared
    "For 326 dlrs a month she rents a flat in Osaka.\n\nFor 9.80 dlrs a night, a student in Osaka shares a room.",
])
def test_figures_of_different_concepts_are_not_repeats(text):
    assert not run(text, RULE)

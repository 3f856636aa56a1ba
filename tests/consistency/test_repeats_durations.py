"""Repeated figures and durations."""
from __future__ import annotations

import pytest

from .conftest import run

LEAD = "Turkey hosts 3.7 million Syrian refugees, officials said.\n\n"


def test_same_figure_twice_with_different_values():
    text = LEAD + "The border is closed.\n\nTurkey hosts 3.6 million Syrian refugees, officials said."
    (f,) = run(text, "consistency.repeats")
    assert text[f.quantity.span.start:f.quantity.span.end] == "3.7 million"
    assert text[f.related_span.start:f.related_span.end] == "3.6 million"
    assert "line 5" in f.message


@pytest.mark.parametrize("second", [
    "Turkey hosts about 3.6 million Syrian refugees, officials said.",  # "about" reconciles them
    "Last year Turkey hosted 3.6 million Syrian refugees, officials said.",  # another period
    "In 2015 Turkey hosted 2.5 million Syrian refugees, officials said.",  # another period
    "Lebanon hosts 1.5 million Syrian refugees, officials said.",  # another subject
    "Turkey says Lebanon hosts 1.5 million Syrian refugees.",  # another subject
    "Turkey has 3.6 million people in Istanbul's suburbs, officials said.",  # another noun
    "Turkey hosts 3.7 million Syrian refugees, officials said.",  # the same value
])
def test_repeats_not_flagged(second):
    assert not run(LEAD + second, "consistency.repeats")


@pytest.mark.parametrize("text, needle", [
    ("The man, aged 46, was born in 1990 in Izmir.", "so 29 or 30 on 2020-02-20, not 46"),
    ("In 2024, ten years after the 2010 earthquake, the city is still rebuilding.", "2010 -> 2024 is 14 years"),
    ("The war began in March 2016. Both sides are exhausted by the nine-year-old conflict.", "March 2016 ->"),
    ("Leaders met to mark the tenth anniversary of the 2015 accord.", "is 5 years, not a tenth anniversary"),
    ("The war began in 2011, five years ago.", "not five years"),
])
def test_durations(text, needle):
    (f,) = run(text, "consistency.durations")
    assert needle in f.message
    assert f.related_span is not None


@pytest.mark.parametrize("text", [
    "The man, aged 29, was born in 1990 in Izmir.",
    "In 2020, ten years after the 2010 earthquake, the city is still rebuilding.",
    "The war began in March 2011. Both sides are exhausted by the nine-year-old conflict.",  # in its ninth year
    "The war began in 2011, nine years ago.",
    "He died in 2015, aged 46, having been born in 1969.",  # an age at another date
    "Turkey and Russia, which back opposing sides in the nine-year-old conflict, have failed to agree.",
])
def test_durations_consistent(text):
    assert not run(text, "consistency.durations")

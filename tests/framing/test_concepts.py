"""What a figure measures: the noun phrase it counts or qualifies, or the subject of the verb
that moves it. Sentences written for these tests (none copied from a corpus)."""
from __future__ import annotations

import pytest

import factcheck
from factcheck.framing import describe


def concept_of(text: str, figure: str) -> dict | None:
    for q in factcheck.extract(text):
        if q.text == figure:
            return q.to_dict()["concept"]
    raise AssertionError(f"{figure!r} not extracted from {text!r}: {[q.text for q in factcheck.extract(text)]}")


@pytest.mark.parametrize("text, figure, concept, role", [
    # the issue's own list, in other words
    ("Factory output rose 4% in the spring.", "4%", "Factory output", "change"),
    ("Borrowers now pay 12% mortgage rates.", "12%", "mortgage rates", "level"),
    ("The group sold 30 million shares on Monday.", "30 million", "shares", "level"),
    ("Kenya's 50 million people face a drought.", "50 million", "people", "level"),
    ("Inflation eased from 6% to 4% over the year.", "4%", "Inflation", "level"),
    ("Inflation eased from 6% to 4% over the year.", "6%", "Inflation", "level"),
    # of, relative clauses, objects, labels, carried subjects
    ("Economists pencilled in a growth rate of 3% for the region.", "3%", "growth rate", "level"),
    ("The country's economy, which shrank 2% in 2020, grew 5% in 2021.", "2%", "country's economy", "change"),
    ("The country's economy, which shrank 2% in 2020, grew 5% in 2021.", "5%", "country's economy", "change"),
    ("Output grew 3% last year after shrinking 2% the year before.", "2%", "Output", "change"),
    ("The ministry cut the deficit to 3% of output.", "3%", "deficit", "level"),
    ("Wages lagged, with a 0.5% rise in hourly pay.", "0.5%", "hourly pay", "change"),
    ("Revenue rose to $266 million, an increase of 25%.", "25%", "Revenue", "change"),
    ("Its gross domestic product (GDP) was 2.7% higher in real terms than a year before.", "2.7%", "gross domestic product (GDP)", "change"),
    ("The January rise in consumer prices was 1.0%, the bureau said.", "1.0%", "January rise in consumer prices", "change"),
    ("Japan's economy, worth about $4.4 trillion, slipped to fourth place.", "about $4.4 trillion", "Japan's economy", "level"),
    ("The jobless rate fell below 4 percent last year.", "below 4 percent", "jobless rate", "level"),
])
def test_the_concept_each_figure_measures(text: str, figure: str, concept: str, role: str) -> None:
    got = concept_of(text, figure)
    assert got is not None and got["text"] == concept and got["role"] == role, got


@pytest.mark.parametrize("text, figure", [
    ("He was 45 when he joined the board.", "45"),
    ("It reached 20.9% that year.", "20.9%"),
])
def test_a_pronoun_says_nothing_of_what_a_figure_measures(text: str, figure: str) -> None:
    assert concept_of(text, figure) is None


def test_a_metric_word_elsewhere_in_the_sentence_is_not_what_the_figure_measures() -> None:
    text = "Exports rose 5% last year, the ministry said as it published its inflation report."
    assert concept_of(text, "5%")["text"] == "Exports"


def test_the_concept_offsets_point_into_the_text() -> None:
    text = "Bread sold well. Factory output rose 4% in March."
    c = concept_of(text, "4%")
    assert text[c["start"]:c["end"]] == "Factory output"


def test_extract_can_leave_concepts_out() -> None:
    assert all(q.concept is None for q in factcheck.extract("Factory output rose 4% in March.", concepts=False))


def test_a_sign_from_the_verb_of_falling() -> None:
    got = {d["figure"]: d for d in describe("Output grew 1.9% last year, after shrinking 1.8% the year before.",
                                            "1987-03-25")}
    assert got["1.8%"]["concept"] == "Output" and got["1.8%"]["role"] == "change"

"""The suggested correction of a contradicted figure: the reference rounded to the precision
the text used (a digit more while that rounding moves it by more than 5%), written in place of
the text's own digits, a bound made "about"; figures in words, ranges and a sign the text does
not carry are stated, not written in place."""
from __future__ import annotations

import datetime as dt

import pytest

from factcheck.model import Evidence, Finding, Level, Observation, Period, Qualifier, Quantity, Segment, Span, Verdict
from factcheck.report.correction import correction


def finding(text: str, value: float, precision: float | None, ref: float, unit: str | None = "person",
            qualifier: Qualifier = Qualifier.EXACT, lead: int = 0, verdict: Verdict = Verdict.CONTRADICTED) -> Finding:
    q = Quantity(text, Span(0, len(text)), value, value, value, unit, qualifier, "count", precision,
                 number_span=Span(lead, len(text)))
    obs = Observation("unhcr", "TUR", "refugees", Period.day(dt.date(2020, 1, 20)), ref, unit or "", source="UNHCR")
    return Finding("FC110", "metrics.x", verdict, Level.ERROR, "m", None, q, Segment(text, Span(0, len(text)), "body", 0),
                   Evidence(obs, ref, unit or ""))


@pytest.mark.parametrize("text, value, precision, ref, qualifier, lead, want", [
    ("about 3.2 million", 3.2e6, 1e5, 3576370, Qualifier.ABOUT, 6, "about 3.6 million"),
    ("3.2 million", 3.2e6, 1e5, 3576370, Qualifier.EXACT, 0, "3.6 million"),
    # the text's precision would give 4 million, 12% off: one more digit
    ("more than 5 million", 5e6, 1e6, 3576370, Qualifier.MORE_THAN, 10, "about 3.6 million"),
    ("nearly 900,000", 900000, 1e4, 1_253_400, Qualifier.NEARLY, 7, "about 1,250,000"),
    ("nearly 900,000", 900000, 1e4, 1_250_000, Qualifier.NEARLY, 7, "1,250,000"),  # exact: no "about"
    ("$377", 377, 1, 412.4, Qualifier.EXACT, 0, "$412"),
    ("1500", 1500, 100, 2150, Qualifier.EXACT, 0, "2200"),
    ("75,300,000", 75.3e6, 1e5, 82579440, Qualifier.EXACT, 0, "82,600,000"),
])
def test_rounded_as_the_text_rounds_and_written_in_place(text, value, precision, ref, qualifier, lead, want):
    fix = correction(finding(text, value, precision, ref, qualifier=qualifier, lead=lead))
    assert fix is not None and fix.text == want and fix.in_place
    assert fix.sourced == f"{want} (UNHCR, 2020-01-20)"


def test_a_rate_keeps_its_unit_words():
    fix = correction(finding("3.4 pct", 3.4, 0.1, 2.29, unit="percent"))
    assert fix.text == "2.3 pct" and fix.in_place


def test_a_fall_stays_a_fall_and_a_rise_is_said():
    fall = correction(finding("1.8%", -1.8, 0.1, -2.46, unit="percent"))
    assert fall.text == "2.5%" and fall.in_place  # "shrank 1.8%" -> "shrank 2.5%"
    rise = correction(finding("1.8%", -1.8, 0.1, 0.5, unit="percent"))
    assert rise.text == "+0.5%" and not rise.in_place  # not "shrank +0.5%": stated, not written in place


def test_words_and_ranges_are_stated_not_replaced():
    words = correction(finding("nine-year-old", 9, 1, 12, unit="year"))
    assert words.text == "12 years" and not words.in_place
    rng = correction(finding("3 to 4 million", 3.5e6, 1e6, 6.2e6, qualifier=Qualifier.RANGE))
    assert rng.text == "about 6 million" and not rng.in_place


def test_only_contradicted_findings_with_evidence():
    assert correction(finding("3.7 million", 3.7e6, 1e5, 3576370, verdict=Verdict.APPROXIMATE)) is None
    f = finding("3.7 million", 3.7e6, 1e5, 1e6)
    from dataclasses import replace

    assert correction(replace(f, evidence=None)) is None

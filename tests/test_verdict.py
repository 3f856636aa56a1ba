"""The verdict truth table of ARCHITECTURE section 5."""
from __future__ import annotations

import pytest

from factcheck.model import Qualifier, Quantity, Span, Verdict
from factcheck.verdict import claim_interval, describe_gap, judge


def q(value, precision, qualifier=Qualifier.EXACT, low=None, high=None):
    return Quantity(text="x", span=Span(0, 1), value=value,
                    low=low if low is not None else value - precision / 2,
                    high=high if high is not None else value + precision / 2,
                    unit=None, qualifier=qualifier, precision=precision)


@pytest.mark.parametrize("quantity, reference, verdict", [
    (q(3.7e6, 1e5), 3.72e6, Verdict.SUPPORTED),                      # inside [3.65, 3.75] M
    (q(3.7e6, 1e5, Qualifier.ABOUT), 3.62e6, Verdict.SUPPORTED),     # about widens to [3.6, 3.8] M
    (q(3.7e6, 1e5, Qualifier.ABOUT), 3576370, Verdict.APPROXIMATE),  # 3.5% high
    (q(95e6, 1e6), 85.5e6, Verdict.CONTRADICTED),                   # 11% high
    (q(900_000, 1e5, Qualifier.MORE_THAN), 948_000, Verdict.SUPPORTED),
    (q(900_000, 1e5, Qualifier.MORE_THAN), 880_000, Verdict.APPROXIMATE),   # 2.3% from the bound
    (q(900_000, 1e5, Qualifier.MORE_THAN), 500_000, Verdict.CONTRADICTED),
    (q(12, 1, Qualifier.LESS_THAN), 11.9, Verdict.SUPPORTED),
    (q(12, 1, Qualifier.AT_MOST), 12.0, Verdict.SUPPORTED),
    (q(12, 1, Qualifier.LESS_THAN), 12.0, Verdict.APPROXIMATE),
    (q(1e6, 1e5, Qualifier.NEARLY), 961_000, Verdict.SUPPORTED),     # [0.9, 1.0] M
    (q(1e6, 1e5, Qualifier.NEARLY), 1.01e6, Verdict.APPROXIMATE),
    (q(15, 1, Qualifier.RANGE, low=10, high=20), 20.4, Verdict.SUPPORTED),
    (q(15, 1, Qualifier.RANGE, low=10, high=20), 21.0, Verdict.APPROXIMATE),
    (q(15, 1, Qualifier.RANGE, low=10, high=20), 30.0, Verdict.CONTRADICTED),
])
def test_truth_table(quantity, reference, verdict):
    assert judge(quantity, reference).verdict is verdict


def test_gap_is_measured_from_the_claimed_value_and_signed():
    j = judge(q(3.7e6, 1e5, Qualifier.ABOUT), 3576370)
    assert j.gap == pytest.approx((3.7e6 - 3576370) / 3576370)
    assert describe_gap(j) == "3.5% high"


def test_absolute_tolerance_replaces_relative():
    growth = q(5.2, 0.1)
    assert judge(growth, 5.0, absolute=0.5).verdict is Verdict.APPROXIMATE
    assert judge(growth, 4.0, absolute=0.5).verdict is Verdict.CONTRADICTED


def test_nearly_of_a_fall_stays_on_the_side_of_zero():
    fall = q(-10, 1, Qualifier.NEARLY)
    iv = claim_interval(fall)
    assert (iv.low, iv.high) == (-10, -9)


def rate(value, precision, unit="percent", qualifier=Qualifier.EXACT):
    return Quantity(text="x", span=Span(0, 1), value=value, low=value - precision / 2, high=value + precision / 2,
                    unit=unit, qualifier=qualifier, kind="percent", precision=precision)


@pytest.mark.parametrize("quantity, reference, words", [
    (rate(3.1, 0.1), 2.29, "0.8 percentage points high"),          # not "35.3% high"
    (rate(2.0, 1.0), 4.5, "2.5 percentage points low"),             # measured from 2, not from the edge 2.5
    (rate(5.0, 1.0), 4.0, "1 percentage point high"),
    (rate(-1.4, 0.1), -1.2, "0.2 percentage points low"),           # a fall deeper than the reference
    (rate(0.3, 0.1, "percentage_point"), 0.23, "0.07 percentage points high"),
    (rate(10, 1, qualifier=Qualifier.MORE_THAN), 8.0, "2 percentage points high"),  # from the bound
    (rate(2.5, 0.5), 0.0, "2.5 percentage points high"),            # a reference of zero still has a gap
])
def test_gaps_on_rates_are_in_percentage_points(quantity, reference, words):
    assert describe_gap(judge(quantity, reference)) == words


def test_gaps_on_levels_stay_relative():
    assert describe_gap(judge(q(95e6, 1e6), 85.5e6)) == "11.1% high"
    money = Quantity(text="x", span=Span(0, 1), value=400, low=399.5, high=400.5, unit="USD", kind="money", precision=1)
    assert describe_gap(judge(money, 377)) == "6.1% high"


def test_reports_state_a_rate_gap_in_percentage_points_too():
    from factcheck.model import Evidence, Finding, Level, Observation, Period, Segment
    from factcheck.report.common import gap_words

    growth = rate(3.1, 0.1)
    j = judge(growth, 2.29)
    obs = Observation("wdi", "FRA", "gdp_growth", Period.year(1987), 2.29, "percent")
    seg = Segment("x", Span(0, 1), "body", 0)
    f = Finding("FC153", "metrics.gdp_growth", j.verdict, Level.WARNING, "", None, growth, seg,
                Evidence(obs, 2.29, "percent"), j.gap)
    assert gap_words(f) == "0.8 percentage points higher than the reference"
    people = q(95e6, 1e6)
    j = judge(people, 85.5e6)
    f = Finding("FC110", "x", j.verdict, Level.WARNING, "", None, people, seg,
                Evidence(Observation("wdi", "FRA", "population", Period.year(1987), 85.5e6, "person"), 85.5e6, "person"),
                j.gap)
    assert gap_words(f) == "11.1% higher than the reference"


def test_a_reference_on_the_rounding_boundary_is_within_the_precision():
    from factcheck.model import Quantity, Span
    from factcheck.verdict import judge

    q = Quantity("5.4%", Span(0, 4), 5.4, 5.35, 5.45, "percent", precision=0.1, kind="percent")
    assert judge(q, 5.35).verdict.value == "supported"
    assert judge(q, 5.3499).verdict.value != "supported"

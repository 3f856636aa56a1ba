"""statcheck: p-values recomputed from the statistic, rounding-aware, decision errors, one-tailed."""
from __future__ import annotations

import pytest

from factcheck.consistency.statcheck import compute_p, evaluate, judge, parse
from factcheck.ruleset.loader import load_rules

from .conftest import run

RULE = load_rules().by_id("consistency.statcheck")


def one(text):
    (r,) = parse(text, RULE)
    return r


@pytest.mark.parametrize("test, value, df1, df2, p", [
    ("t", 2.20, None, 28, 0.0362),
    ("F", 4.48, 2, 70, 0.0148),
    ("z", 2.17, None, None, 0.0300),
    ("chi2", 6.90, 1, None, 0.0086),
    ("r", 0.34, None, 46, 0.0181),
])
def test_compute_p(test, value, df1, df2, p):
    assert compute_p(test, value, df1, df2) == pytest.approx(p, abs=5e-4)


def test_reads_each_test_type_and_its_parts():
    r = one("as predicted, F(1, 76) = 23.95, p < .001, and")
    assert (r.test, r.df1, r.df2, r.value, r.p_comparison, r.p) == ("F", 1, 76, 23.95, "<", 0.001)
    assert one("t(37) = −4.93, p < .001").value == -4.93  # a typeset minus sign
    assert one("χ2(2, N = 1,204) = 10.2, p = .006").df1 == 2
    assert one("r(46) = .34, ns").p_comparison == ">"
    assert one("F(l, 76) = 23.95, p < .001").df1 == 1  # "l" typeset for 1
    assert not parse("The F-35 (the jet) = 3 billion dollars, p. 12", RULE)


def test_rounding_of_the_statistic_is_allowed():
    # t(28) = 2.0 may be 2.05, whose p is .0499: "p < .05" is consistent.
    assert not evaluate(one("t(28) = 2.0, p < .05")).error
    # The rounding of the p-value counts as well: t(28) = 2.20 gives .0362, written .036 or .04.
    assert not evaluate(one("t(28) = 2.20, p = .04")).error
    assert evaluate(one("t(28) = 2.20, p = .05")).error


def test_decision_error_when_significance_flips():
    c = evaluate(one("F(2, 56) = 1.203, p < .001"))
    assert c.error and c.decision_error
    c = evaluate(one("z = 1.54, p = .14"))
    assert c.error and not c.decision_error


def test_p_equal_to_zero_is_an_error():
    assert evaluate(one("t(28) = 5.20, p = .000")).error


def test_one_tailed_results():
    r = one("t(28) = 1.80, p = .04")
    assert judge(r, RULE, one_tailed_in_text=True).error is False
    c = judge(r, RULE, one_tailed_in_text=False)
    assert c.error and c.one_tailed_fits


def test_findings_carry_both_spans_and_the_arithmetic():
    text = "Volunteers who slept less made more errors, t(28) = 2.20, p = .06."
    (f,) = run(text, "consistency.statcheck")
    assert text[f.quantity.span.start:f.quantity.span.end] == "t(28) = 2.20, p = .06"
    assert text[f.related_span.start:f.related_span.end] == ".06"
    assert "p = .036" in f.message and f.level.value == "error"


def test_one_tailed_without_saying_so_is_a_warning():
    (f,) = run("The effect held, t(28) = 1.80, p = .04.", "consistency.statcheck")
    assert f.level.value == "warning" and "one-tailed" in f.message
    assert not run("All tests were one-sided. The effect held, t(28) = 1.80, p = .04.", "consistency.statcheck")

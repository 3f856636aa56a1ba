"""Numbers as written: digits, separators, words, fractions, scales, precision."""
from __future__ import annotations

import math

import pytest

from factcheck.extract import extract
from factcheck.numbers import integer_precision, parse_digits


def one(text: str, **want: object) -> dict:
    """The single statistic in ``text`` (asserting there is exactly one), as a dict."""
    got = [q.to_dict() for q in extract(text)]
    assert len(got) == 1, got
    d = got[0]
    for k, v in want.items():
        if isinstance(v, float) and isinstance(d[k], (int, float)):
            assert math.isclose(d[k], v, rel_tol=1e-9), (k, d)
        else:
            assert d[k] == v, (k, d)
    return d


@pytest.mark.parametrize("token, value, precision", [
    ("1,234,567", 1234567, 1),
    ("1 234 567", 1234567, 1),
    ("1.234.567,5", 1234567.5, 0.1),
    ("12,34,567.89", 1234567.89, 0.01),
    ("600,000", 600000, 100000),
    ("900,000", 900000, 100000),
    ("230", 230, 10),
    ("100", 100, 100),
    ("10", 10, 1),
    ("3.70", 3.7, 0.01),
    (".5", 0.5, 0.1),
    ("1.3e6", 1300000, 100000),
    ("1.3x10^6", 1300000, 100000),
])
def test_parse_digits(token: str, value: float, precision: float) -> None:
    v, u = parse_digits(token)
    assert math.isclose(v, value) and math.isclose(u, precision)


@pytest.mark.parametrize("token, value", [("3/4", 0.75), ("½", 0.5), ("15/16", 0.9375)])
def test_fractions_have_no_digit_precision(token: str, value: float) -> None:
    v, u = parse_digits(token)
    assert math.isclose(v, value) and u is None


@pytest.mark.parametrize("token, value, precision", [
    ("2 1/2", 2.5, 0.5), ("2-1/2", 2.5, 0.5), ("2½", 2.5, 0.5), ("7-3/8", 7.375, 0.125),
    ("1-3/4", 1.75, 0.25), ("99-16/32", 99.5, 1 / 32), ("5¾", 5.75, 0.25),
])
def test_mixed_numbers_have_the_precision_of_their_fraction(token: str, value: float, precision: float) -> None:
    v, u = parse_digits(token)
    assert math.isclose(v, value) and math.isclose(u, precision)


def test_integer_precision_rule() -> None:
    assert integer_precision(95) == 1 and integer_precision(230) == 10 and integer_precision(600000) == 100000


@pytest.mark.parametrize("text, value", [
    ("two hundred and forty-five thousand", 245000),
    ("thirty-one million two hundred fifty-six thousand seven hundred twenty-one", 31256721),
    ("4 thousand 3 hundred and 21", 4321),
    ("nine", 9),
    ("a dozen", 12),
    ("three dozen", 36),
    ("a couple", 2),
    ("one and a half", 1.5),
    ("five and a half million", 5500000),
    ("a quarter of a million", 250000),
    ("two-thirds", 2 / 3),
    ("three quarters", 0.75),
    ("one hundred and three quarters", 100.75),
    ("two point five", 2.5),
    ("13 lakh", 1300000),
    ("three crore twelve lakh fifty-six thousand seven hundred twenty-one", 31256721),
    ("minus 1,200,000", -1200000),
    ("negative five hundred and four", -504),
    ("-9.2321312", -9.2321312),
    ("+5", 5),
])
def test_numbers_in_words_and_digits(text: str, value: float) -> None:
    one(text, value=float(value))


def test_precision_follows_the_digits_written() -> None:
    one("3.7 million people", value=3700000.0, precision=100000.0, low=3650000.0, high=3750000.0)
    one("95 million people", precision=1000000.0)
    one("230 million people", precision=10000000.0)
    one("nine people", precision=1.0)


def test_a_run_of_two_numbers_is_split() -> None:
    assert [q.value for q in extract("They were given 45 and 50 mg ethanol.")] == [45, 50]
    assert [q.value for q in extract("3 hundred and 2 hundred are two valid numbers.")] == [300, 200, 2]


@pytest.mark.parametrize("text, value", [("one in six adults", 1 / 6), ("2 out of 5 voters", 0.4)])
def test_one_in_n_is_a_fraction(text: str, value: float) -> None:
    one(text, value=value, kind="fraction")


def test_european_decimal_comma_only_where_grouping_shows_it() -> None:
    one("Der Umsatz lag bei 1.234.567,5 Euro.", value=1234567.5)
    assert [q.value for q in extract("Exercises 22,24,26,31.")] == [22, 24, 26, 31]


def test_one_as_pronoun_is_not_a_number() -> None:
    assert extract("Which one do you prefer? That one is good.") == []
    assert extract("It is one of the most serious confrontations.") == []
    one("One person was killed.", value=1.0, unit="person")

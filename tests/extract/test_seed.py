"""The seed article: the statistics the checks rely on, and the noise they must not see."""
from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.extract import extract

SEED = Path(__file__).resolve().parents[2] / "seeds" / "idlib_joint_patrols_2020-02-20.txt"


@pytest.fixture(scope="module")
def text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def stats(text: str) -> dict[str, dict]:
    return {q.text: q.to_dict() for q in extract(text)}


@pytest.fixture(scope="module")
def everything(text: str) -> list[dict]:
    return [q.to_dict() for q in extract(text, include_all=True)]


@pytest.mark.parametrize("surface, want", [
    ("about 3.7 million", {"value": 3700000, "unit": "person", "qualifier": "about", "precision": 100000,
                           "low": 3650000, "high": 3750000, "kind": "count"}),
    ("more than 900,000", {"value": 900000, "unit": "person", "qualifier": "more_than", "precision": 100000}),
    ("nine-year-old", {"value": 9, "unit": "year", "kind": "age"}),
    ("two weeks", {"value": 2, "unit": "week", "kind": "duration"}),
    ("$377", {"value": 377, "unit": "USD", "kind": "money", "precision": 1, "direction": "up", "change": "to"}),
    ("$200", {"value": 200, "unit": "USD", "kind": "money", "precision": 100}),
    ("5", {"value": 5, "kind": "count", "unit": None}),
])
def test_seed_statistics(stats: dict[str, dict], surface: str, want: dict) -> None:
    assert surface in stats, sorted(stats)
    got = stats[surface]
    for k, v in want.items():
        assert got[k] == v, (surface, k, got)


def test_counts_of_rounds_and_women(text: str) -> None:
    qs = extract(text)
    twos = [q for q in qs if q.text == "two" and q.kind == "count"]
    units = sorted(str(q.unit) for q in twos)
    assert units == ["None", "person"]  # "two rounds of talks", "two women"
    rounds = next(q for q in twos if q.unit is None)
    assert text[rounds.span.end:].startswith(" rounds of talks")


def test_seed_non_statistics_only_with_include_all(text: str, everything: list[dict]) -> None:
    kinds = {(d["text"], d["kind"]) for d in everything}
    for date in ("Feb. 20", "Feb. 19", "Feb. 18"):
        assert (date, "date") in kinds
    assert ("2018", "year") in kinds
    assert any(d["kind"] == "vague" and d["text"].startswith("thousands") for d in everything)
    assert not any(q.kind in ("date", "year", "vague") for q in extract(text))


def test_no_noise_from_one_way_or_a_day(stats: dict[str, dict]) -> None:
    assert "one" not in stats
    assert not any(t.startswith("a day") for t in stats)


def test_spans_point_into_the_text(text: str) -> None:
    for q in extract(text, include_all=True):
        assert text[q.span.start:q.span.end] == q.text
        assert q.number_span is not None and q.span.contains(q.number_span)

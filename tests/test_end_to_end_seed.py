"""End to end: the seed article's expected findings (seeds/*.expected.json), graded as the
shared grader does: a claim is right when an overlapping finding has an accepted verdict and
none has a judged verdict outside the list; quiet anchors get no judged finding."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from factcheck.documents import read_document

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
JUDGED = {"supported", "approximate", "contradicted", "inconsistent"}
CASES = []
for spec_path in sorted(SEEDS.glob("*.expected.json")):
    spec = json.loads(spec_path.read_text(encoding="utf-8"))
    for art in spec["articles"]:
        CASES.append((SEEDS / art["file"], art))


def overlapping(report, text, anchor):
    a = text.index(anchor)
    b = a + len(anchor)
    return [f for f in report.findings if f.quantity.span.start < b and a < f.quantity.span.end]


@pytest.fixture(scope="module")
def reports(checker):
    return {path: checker.check_document(read_document(path)) for path, _ in CASES}


@pytest.mark.parametrize("path, art", CASES, ids=lambda x: getattr(x, "name", ""))
def test_as_of_comes_from_the_file(path, art, reports):
    assert reports[path].document.as_of.isoformat() == art["as_of"]


@pytest.mark.parametrize("path, claim", [(p, c) for p, a in CASES for c in a["claims"]], ids=lambda x: x.get("id", "") if isinstance(x, dict) else "")
def test_expected_claims(path, claim, reports):
    text = path.read_text(encoding="utf-8")
    verdicts = [f.verdict.value for f in overlapping(reports[path], text, claim["anchor"])]
    judged = [v for v in verdicts if v != "unverifiable"]
    assert any(v in claim["verdicts"] for v in verdicts), (claim["id"], verdicts)
    assert all(v in claim["verdicts"] for v in judged), (claim["id"], verdicts)


@pytest.mark.parametrize("path, anchor", [(p, q) for p, a in CASES for q in a.get("quiet", [])], ids=str)
def test_quiet_anchors(path, anchor, reports):
    text = path.read_text(encoding="utf-8")
    bad = [f.verdict.value for f in overlapping(reports[path], text, anchor) if f.verdict.value in JUDGED]
    assert not bad, (anchor, bad)


def test_undated_sidebar_claims_say_when_they_hold(reports):
    (path, _), = CASES[:1]
    text = path.read_text(encoding="utf-8")
    (pension,) = [f for f in overlapping(reports[path], text, "$377") if f.code == "FC140"]
    assert pension.claim.period is None
    assert "July 2024" in pension.message


def test_a_time_in_another_clause_dates_the_figure_of_that_clause(checker):
    report = checker.check_text("Argentina's annual inflation, which topped 200% at the end of last year, stood at 236.7%.",
                                as_of="2024-09-10")
    (rate,) = [f for f in report.findings if f.quantity.text == "236.7%"]
    assert rate.verdict.value == "unverifiable" and rate.claim.period_source == "as_of"

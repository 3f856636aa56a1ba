"""The interface the pipeline calls: one call, rules switch checks on and off, no false alarm on
the seed article, both spans in the JSON contract."""
from __future__ import annotations

from pathlib import Path

from factcheck.consistency import check_consistency
from factcheck.documents import from_text, read_document
from factcheck.extract import extract
from factcheck.model import Document, DocumentReport, Report, Verdict
from factcheck.report.json_report import report_dict
from factcheck.ruleset.loader import RuleSet, load_rules
from factcheck.segment import segment

from .conftest import place, run

SEED = Path(__file__).resolve().parents[2] / "seeds" / "idlib_joint_patrols_2020-02-20.txt"
TEXT = "The crowd of 120 men and 80 women, 250 in all, dispersed. Volunteers erred, t(28) = 2.20, p = .06."


def _check(doc: Document, ruleset: RuleSet):
    segs = segment(doc.text)
    return check_consistency(doc, segs, place(segs, extract(doc.text, include_all=True)), ruleset)


def test_only_rules_in_the_ruleset_run():
    doc = from_text(TEXT, "<t>", "2020-02-20")
    rules = load_rules()
    assert {f.rule for f in _check(doc, rules)} == {"consistency.totals", "consistency.statcheck"}
    only = RuleSet(tuple(r for r in rules.rules if r.id != "consistency.totals"))
    assert {f.rule for f in _check(doc, only)} == {"consistency.statcheck"}
    assert _check(doc, RuleSet(())) == []


def test_findings_are_inconsistent_with_code_and_both_spans():
    for f in run(TEXT):
        assert f.verdict is Verdict.INCONSISTENT and f.code.startswith("FC2") and f.claim is None
        assert f.related_span is not None and f.segment.span.contains(f.quantity.span)


def test_no_false_alarm_on_the_seed_article():
    doc = read_document(SEED)
    assert _check(doc, load_rules()) == []


def test_json_report_has_both_places():
    doc = from_text(TEXT, "<t>", "2020-02-20")
    findings = _check(doc, load_rules())
    out = report_dict(Report((DocumentReport(doc, tuple(findings)),)))
    for f in out["documents"][0]["findings"]:
        assert f["verdict"] == "inconsistent"
        assert f["claim"]["line"] >= 1 and f["related"]["line"] >= 1
        assert f["related"]["start"] != f["claim"]["start"]
    assert out["summary"]["inconsistent"] == 2

"""Agreement with statcheck's own coding of the results in its test materials.

The corpus (../shared/corpora/statcheck.jsonl, GPL-3, evaluation only) is read at test time and
never copied into the project. Each coded row is one reported result with statcheck's verdicts
``error`` and ``decision_error``; a row this module cannot read counts as "no error" (which is
what a reader of the copy would be told).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from factcheck.consistency.statcheck import results_in
from factcheck.ruleset.loader import load_rules

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpora" / "statcheck.jsonl"
MIN_AGREEMENT = 0.95


def _coded_rows():
    if not CORPUS.is_file():
        pytest.skip(f"statcheck corpus not found at {CORPUS} (it lives outside the project, in shared/corpora)")
    rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if r["expected"].get("error") is not None]


def _verdicts(row, rule):
    want = row["expected"]
    mine = [(r, c) for r, c in results_in(row["text"], rule) if abs(abs(r.value) - abs(want["test_value"])) < 1e-9]
    return any(c.error for _, c in mine), any(c.decision_error for _, c in mine), bool(mine)


def test_agreement_with_statcheck_coding():
    rows = _coded_rows()
    rule = load_rules().by_id("consistency.statcheck")
    assert rule is not None
    assert rows, "no coded rows in the corpus"
    agree_error = agree_decision = parsed = 0
    disagreements = []
    for row in rows:
        err, dec, found = _verdicts(row, rule)
        parsed += found
        want_err = row["expected"]["error"] == "1"
        want_dec = row["expected"]["decision_error"] == "1"
        agree_error += err == want_err
        agree_decision += dec == want_dec
        if err != want_err or dec != want_dec:
            disagreements.append((row["id"], row["text"], (err, dec), (want_err, want_dec)))
    n = len(rows)
    print(f"statcheck agreement: error {agree_error}/{n}, decision_error {agree_decision}/{n}; read {parsed}/{n}")
    for d in disagreements:
        print("  disagreement:", d)
    assert agree_error / n >= MIN_AGREEMENT, disagreements
    assert agree_decision / n >= MIN_AGREEMENT, disagreements


def test_every_coded_error_is_read():
    """A row coded as an error must be read (not just agreed with by default)."""
    rows = _coded_rows()
    rule = load_rules().by_id("consistency.statcheck")
    unread = [r["id"] for r in rows if r["expected"]["error"] == "1" and not _verdicts(r, rule)[2]]
    assert not unread

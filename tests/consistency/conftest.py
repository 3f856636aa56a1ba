"""Helpers: run one consistency rule over a text through the real segmenter and extractor."""
from __future__ import annotations

import bisect

import pytest

from factcheck.consistency import check_consistency
from factcheck.documents import from_text
from factcheck.extract import extract
from factcheck.ruleset.loader import RuleSet, load_rules
from factcheck.pipeline import place
from factcheck.segment import segment


def run(text, rule_id=None, as_of="2020-02-20"):
    """Findings of one consistency rule (or all of them) on ``text``."""
    rules = load_rules()
    chosen = [r for r in rules.of_kind("consistency") if rule_id is None or r.id == rule_id]
    assert chosen, rule_id
    doc = from_text(text, "<test>", as_of)
    segs = segment(doc.text)
    placed = place(segs, extract(doc.text, include_all=True))
    return check_consistency(doc, segs, placed, RuleSet(tuple(chosen)))


@pytest.fixture
def findings():
    return run

"""Every example of every consistency rule, run through check_consistency directly (the same
expectations the shared example runner applies once the Checker calls check_consistency)."""
from __future__ import annotations

import pytest

from factcheck.ruleset.examples import _matches, examples_of, finding_view
from factcheck.ruleset.loader import load_rules

from .conftest import run

RULES = load_rules().of_kind("consistency")
EXAMPLES = [ex for r in RULES for ex in examples_of(r)]


def test_every_family_has_a_rule():
    from factcheck.consistency import FAMILIES, family_of

    assert {family_of(r) for r in RULES} == set(FAMILIES)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_codes_in_range_and_examples_of_both_kinds(rule):
    assert 200 <= int(rule.code[2:]) <= 299
    ex = list(examples_of(rule))
    assert any(e.positive for e in ex) and any(not e.positive for e in ex)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.name)
def test_example(example):
    as_of = example.rule.get("examples", {}).get("as_of")
    got = [finding_view(f) for f in run(example.text, example.rule.id, as_of) if f.rule == example.rule.id]
    if example.positive:
        assert any(_matches(example.expect or {}, g) for g in got), (example.expect, got)
    else:
        assert not got, got

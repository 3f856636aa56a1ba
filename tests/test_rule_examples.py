"""Every example of every rule runs; a rule without examples of both kinds fails."""
from __future__ import annotations

import pytest

from factcheck.ruleset.examples import examples_of, run_example
from factcheck.ruleset.loader import load_rules

RULES = load_rules().rules
EXAMPLES = [ex for r in RULES for ex in examples_of(r)]


def test_rules_exist_of_every_needed_kind():
    kinds = {r.kind for r in RULES}
    assert {"metric", "check"} <= kinds


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_has_examples_of_both_kinds(rule):
    ex = list(examples_of(rule))
    assert any(e.positive for e in ex), f"{rule.path}: no match example"
    assert any(not e.positive for e in ex), f"{rule.path}: no no_match example"


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.name)
def test_rule_example(example, checker):
    out = run_example(example, checker)
    assert out.ok, out.detail

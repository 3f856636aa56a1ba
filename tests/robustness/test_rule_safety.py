"""Rules from others: loaded safely, every error reported with file and line, patterns time-bounded."""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from factcheck.errors import RuleError
from factcheck.ruleset.loader import load_file

ROOT = Path(__file__).resolve().parents[2]

GOOD_HEAD = """id: metrics.slow
code: FC901
kind: metric
description: A rule whose trigger backtracks catastrophically.
metric: slow
quantity: {kinds: [count]}
reference: {dataset: wdi, indicator: population}
examples:
  as_of: 2020-01-01
  match:
    - text: "x"
      expect: {verdict: supported}
  no_match: ["y"]
"""


def run(*args):
    return subprocess.run([sys.executable, "-m", "factcheck", *args], capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_yaml_cannot_construct_objects(tmp_path):
    f = tmp_path / "metrics" / "evil.yaml"
    f.parent.mkdir()
    f.write_text("!!python/object/apply:os.system ['echo pwned > /tmp/factcheck-pwned']\n", encoding="utf-8")
    rules, errors = load_file(f, tmp_path)
    assert not rules and errors
    assert not Path("/tmp/factcheck-pwned").exists()


def test_all_errors_of_a_file_are_reported_with_lines(tmp_path):
    f = tmp_path / "metrics" / "bad.yaml"
    f.parent.mkdir()
    f.write_text("id: metrics.bad\ncode: F1\nkind: metric\ndescription: short\nwhat: 1\n", encoding="utf-8")
    _, errors = load_file(f, tmp_path)
    keys = {e.key for e in errors}
    assert {"code", "description"} <= keys
    assert all(e.path == str(f) and e.line for e in errors)


def test_uncompilable_pattern_is_named(tmp_path):
    f = tmp_path / "metrics" / "slow.yaml"
    f.parent.mkdir()
    f.write_text(GOOD_HEAD + 'triggers: ["(unclosed"]\n', encoding="utf-8")
    _, errors = load_file(f, tmp_path)
    assert errors and errors[0].key == "triggers.0" and errors[0].line == 14


def test_catastrophic_pattern_cannot_hang_a_check(tmp_path):
    rules = tmp_path / "rules" / "metrics"
    rules.mkdir(parents=True)
    (rules / "slow.yaml").write_text(GOOD_HEAD + 'triggers: ["(?:a|a)+b"]\nwindow: 400\n', encoding="utf-8")
    doc = tmp_path / "a.txt"
    doc.write_text("There were 12 " + "a" * 60 + "!\n", encoding="utf-8")
    t = time.monotonic()
    proc = run("check", str(doc), "--rules", str(tmp_path / "rules"), "--as-of", "2020-01-01")
    assert time.monotonic() - t < 60
    assert proc.returncode == 2, proc.stdout
    assert "slow.yaml" in proc.stderr and "Traceback" not in proc.stderr


def test_load_rules_raises_one_error_listing_all(tmp_path):
    from factcheck.ruleset.loader import load_rules

    d = tmp_path / "metrics"
    d.mkdir()
    (d / "a.yaml").write_text("id: metrics.a\n", encoding="utf-8")
    (d / "b.yaml").write_text("id: [\n", encoding="utf-8")
    with pytest.raises(RuleError) as ex:
        load_rules([tmp_path])
    lines = ex.value.lines()
    assert any("a.yaml" in x for x in lines) and any("b.yaml" in x for x in lines)

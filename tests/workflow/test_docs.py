"""The README documents every output format, every configuration key and every workflow code;
the docs fail here when a new one is added without them."""
from __future__ import annotations

import re
from pathlib import Path

from factcheck.config import _KEYS
from factcheck.report import FORMATS
from factcheck.suppressions import WORKFLOW_RULES

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_format_is_documented():
    for fmt in FORMATS:
        assert re.search(rf"^\| `{fmt}` \|", README, re.M), fmt


def test_every_config_key_is_documented():
    block = README[README.index("```toml\n[tool.factcheck]"):][8:]
    block = block[:block.index("```")]
    for key in _KEYS:
        assert re.search(rf"^(\[tool\.factcheck\.)?{re.escape(key)}\b", block, re.M), key


def test_every_workflow_code_is_documented():
    for code in WORKFLOW_RULES:
        assert code in README, code


def test_ci_docs_and_examples_exist():
    assert (ROOT / "docs" / "ci.md").exists()
    assert (ROOT / "docs" / "examples" / "github-workflow.yml").exists()
    assert "docs/examples/github-workflow.yml" in README

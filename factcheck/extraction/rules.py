"""Reading the extractor's rule files: the lexicons and extract patterns (rules/lexicon, rules/extract).

The first stage of the extractor: plain mappings with the keys of docs/rule-format.md, which
extraction/compile.py turns into the compiled pass.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Sequence

import yaml

from .. import shipped

#: The shipped rule folder (found by factcheck/shipped.py, installed or in a checkout).
RULES_DIR = shipped.rules_dir()


def default_rule_paths() -> tuple[str, ...]:
    """The project's lexicon and extract rule files."""
    paths = sorted((RULES_DIR / "lexicon").glob("*.yaml")) + sorted((RULES_DIR / "extract").glob("*.yaml"))
    return tuple(str(p) for p in paths)


def load_extract_rules(paths: Iterable[str | Path]) -> list[dict[str, Any]]:
    """The lexicon and extract rules in ``paths`` (YAML, read safely).

    NOTE: a stand-in for the validated loader in factcheck/ruleset; it returns plain mappings
    with the keys of docs/rule-format.md, so the two are interchangeable.
    """
    rules: list[dict[str, Any]] = []
    for p in paths:
        data = yaml.safe_load(Path(p).read_text(encoding="utf-8"))
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict) and item.get("kind") in ("lexicon", "extract"):
                rules.append(item)
    return rules


def lexicons(rules: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Each lexicon rule's entries by lexicon name."""
    return {r["lexicon"]: r.get("entries") or {} for r in rules if r.get("kind") == "lexicon"}

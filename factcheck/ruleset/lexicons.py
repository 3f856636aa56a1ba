"""The shipped lexicon files (``rules/lexicon/<name>.yaml``), read one at a time, and the small
helpers that turn a lexicon's word lists into the patterns code searches with.

Code that has a rule set reads its lexicons from it; this is for code that runs without one
and must stay cheap: the reference store (its entity words are read when the table is built,
and the files are part of the entity store's key) and the lookup of events.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any, Iterable, Mapping

from .. import shipped

#: The shipped lexicons; a lexicon's file is named after it (``lexicon.compass_words`` ->
#: ``compass_words.yaml``).
LEXICON_DIR = shipped.lexicon_dir()


def lexicon_file(name: str) -> Path:
    return LEXICON_DIR / f"{name}.yaml"


@functools.lru_cache(maxsize=32)
def shipped_lexicon(name: str) -> Mapping[str, Any]:
    """The entries of the shipped lexicon ``name`` (empty when there is none)."""
    import yaml

    try:
        text = lexicon_file(name).read_text(encoding="utf-8")
    except OSError:
        return {}
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    for item in data if isinstance(data, list) else [data]:
        if isinstance(item, dict) and item.get("kind") == "lexicon" and item.get("lexicon") == name:
            return item.get("entries") or {}
    return {}


def words(value: Any) -> list[str]:
    """The words of a lexicon entry: a list, a mapping's keys, or one word."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, Mapping):
        return [str(k) for k in value]
    return [str(v) for v in value]


def alternation(entries: Iterable[str], between: str = r"\s+") -> str:
    """``a|b c|...`` for a regular expression: each entry's words escaped and joined by
    ``between`` (any white space by default), in the lexicon's order."""
    return "|".join(between.join(re.escape(w) for w in str(e).split()) for e in entries)


@functools.lru_cache(maxsize=8)
def lexicons_of(ruleset: Any) -> dict[str, Any]:
    """Every lexicon rule's entries of a rule set by lexicon name; the shipped lexicons when the
    rule set has none (a rule set of consistency rules only). One table for every stage."""
    own = {r.get("lexicon"): r.get("entries") or {} for r in ruleset.of_kind("lexicon")}
    if own:
        return own
    from ..framing import default_lexicons

    return default_lexicons()

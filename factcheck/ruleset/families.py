"""Metric families: one rule mechanism for the indicators whose phrases share a shape.

A ``metric_family`` rule (rules/metrics/indicators.yaml) names a lexicon (rules/lexicon/
indicators.yaml) and a few *shapes*: a share of GDP ("military spending of 2.1% of GDP"), a
share of the people ("17% of Nigerians are undernourished"), a rate per 1,000 live births, a
per-capita amount, years of life, a bare index. Each lexicon entry is one indicator: the words
that name it (``measure``), what it must not be confused with (``not``), the reference series
(``reference``), its shape and its own examples. At load time every entry becomes an ordinary
concept metric rule (``metrics.<name>``), validated against the rule schema like a hand-written
one, so everything downstream (framing, ``rules test``, ``--select``, SARIF rule metadata) sees
plain metric rules.

``{word}`` in a pattern stands for the family's ``words`` entry of that name (``{of_gdp}``,
``{people}``), expanded until none is left.
"""
from __future__ import annotations

import re
from typing import Any, Iterable

from ..errors import RuleError

#: A family's placeholders: ``{name}`` (lower-case word, no spaces) inside a pattern.
_WORD_REF = re.compile(r"\{([a-z_][a-z0-9_]*)\}")
#: Keys an entry may set (checked here; the expanded rule is validated by the rule schema).
ENTRY_KEYS = frozenset({"code", "shape", "description", "rationale", "measure", "change", "tail", "after", "requires",
                        "counted", "not",
                        "reference", "tolerance", "quantity", "period", "period_note", "periodicity_ok", "level",
                        "subject", "examples", "definition", "series"})
#: Keys a shape may set.
SHAPE_KEYS = frozenset({"quantity", "after", "tail", "requires", "counted", "not", "tolerance", "lag_days", "period", "period_note",
                        "reference_period", "subject", "description"})


def expand_families(rules: list[Any], entry_lines: Any) -> tuple[list[Any], list[RuleError]]:
    """The metric rules every ``metric_family`` of ``rules`` makes from its lexicon's entries.

    ``entry_lines(rule, name)`` gives the line of a lexicon entry (for error messages)."""
    from .loader import Rule

    out: list[Rule] = []
    errors: list[RuleError] = []
    lexicons: dict[str, list[Rule]] = {}
    for r in rules:
        if r.kind == "lexicon":
            lexicons.setdefault(r.get("lexicon"), []).append(r)
    for fam in (r for r in rules if r.kind == "metric_family"):
        name = fam.get("lexicon")
        sources = lexicons.get(name)
        if not sources:
            errors.append(RuleError(f"family {fam.id!r} names lexicon {name!r}, which no rule file defines",
                                    path=fam.path, line=fam.line, key="lexicon"))
            continue
        # Later rule folders (a newsroom's) override an indicator of the same name.
        entries: dict[str, tuple[Rule, dict[str, Any]]] = {}
        for lex in sources:
            for key, entry in (lex.get("entries") or {}).items():
                entries[str(key)] = (lex, entry)
        for key, (lex, entry) in entries.items():
            line = entry_lines(lex, key)
            try:
                out.append(Rule(f"metrics.{key}", str(entry.get("code", "")), "metric",
                                str(entry.get("description", "")), lex.path, line, build(fam, key, entry)))
            except RuleError as ex:
                errors.append(RuleError(str(ex), path=lex.path, line=line, key=f"entries.{key}.{ex.key or ''}".rstrip(".")))
    return out, errors


def build(fam: Any, name: str, entry: Any) -> dict[str, Any]:
    """The rule mapping of one entry: the shape's parts, then the entry's own."""
    if not isinstance(entry, dict):
        raise RuleError(f"indicator {name!r} must be a mapping")
    unknown = sorted(set(entry) - ENTRY_KEYS)
    if unknown:
        raise RuleError(f"unknown key{'s' * (len(unknown) > 1)} {', '.join(unknown)}", key=unknown[0])
    for key in ("code", "shape", "description", "measure", "reference", "examples"):
        if key not in entry and not (key == "measure" and entry.get("tail")):
            raise RuleError(f"indicator {name!r} has no {key!r}", key=key)
    shapes = fam.get("shapes") or {}
    shape = shapes.get(entry["shape"])
    if shape is None:
        raise RuleError(f"unknown shape {entry['shape']!r} (the family has: {', '.join(sorted(shapes))})", key="shape")
    bad = sorted(set(shape) - SHAPE_KEYS)
    if bad:
        raise RuleError(f"shape {entry['shape']!r} has unknown key{'s' * (len(bad) > 1)} {', '.join(bad)}")
    words = fam.get("words") or {}

    def x(pattern: Any) -> str:
        return expand(str(pattern), words)

    concept: dict[str, Any] = {}
    if entry.get("measure"):
        concept["level"] = x(entry["measure"])
    if entry.get("change"):
        concept["change"] = x(entry["change"])
    for key in ("after", "tail", "requires", "counted"):
        value = entry.get(key, shape.get(key))
        if value:
            concept[key] = x(value)
    nots = {**(shape.get("not") or {}), **(entry.get("not") or {})}
    if nots:
        concept["not"] = {x(k): str(v) for k, v in nots.items()}
    for key in ("period", "period_note", "reference_period", "periodicity_ok"):
        value = entry.get(key, shape.get(key))
        if value:
            concept[key] = value
    reference = dict(entry["reference"]) if isinstance(entry["reference"], dict) else entry["reference"]
    if isinstance(reference, dict) and "lag_days" not in reference and shape.get("lag_days") is not None:
        reference["lag_days"] = shape["lag_days"]
    data: dict[str, Any] = {
        "id": f"metrics.{name}", "code": entry["code"], "kind": "metric", "description": entry["description"],
        "rationale": entry.get("rationale") or fam.get("rationale") or "",
        "source": _source(entry, fam), "metric": name,
        "quantity": dict(entry.get("quantity") or shape.get("quantity") or {"kinds": ["count"]}),
        "concept": concept,
        "subject": dict(entry.get("subject") or shape.get("subject") or {"types": ["name", "code", "demonym"],
                                                                          "fallback": "document"}),
        "reference": reference,
        "examples": entry["examples"],
        "family": fam.id,
    }
    tolerance = entry.get("tolerance", shape.get("tolerance"))
    if tolerance is not None:
        data["tolerance"] = tolerance
    if entry.get("definition"):
        data["definition"] = entry["definition"]
    if entry.get("level"):
        data["level"] = entry["level"]
    if not data["rationale"]:
        data.pop("rationale")
    return data


def _source(entry: dict[str, Any], fam: Any) -> str:
    ref = entry.get("reference") if isinstance(entry.get("reference"), dict) else {}
    series = entry.get("series") or str(ref.get("indicator", "")).upper()
    base = fam.get("source") or ""
    return f"{base}, {series}." if base and series else base or series


def expand(pattern: str, words: dict[str, Any], depth: int = 0) -> str:
    """``pattern`` with each ``{word}`` replaced by the family's words (nested up to 8 deep); an
    unknown name is an error naming it. Regex repetitions (``{2}``, ``{1,3}``) are left alone."""
    if depth > 8:
        raise RuleError(f"placeholders nest too deep in {pattern!r}")

    def sub(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in words:
            raise RuleError(f"unknown placeholder {{{name}}} in {pattern!r} (the family's words: {', '.join(sorted(words))})")
        return f"(?:{expand(str(words[name]), words, depth + 1)})"

    return _WORD_REF.sub(sub, pattern)


def family_entries(rules: Iterable[Any], family_id: str) -> list[Any]:
    """The metric rules a family made (for ``rules list`` and the family's own examples)."""
    return [r for r in rules if r.kind == "metric" and r.get("family") == family_id]

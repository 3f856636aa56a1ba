"""What a rule is, for reports and for `factcheck explain CODE`: what it checks, why, its
examples and where it is defined (the rule file, and the reference data it checks against).
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Iterable

from .model import RuleInfo

#: What a rule of each kind is for, when the rule file gives no rationale of its own.
WHY = {
    "metric": "A figure about the world that a reference dataset records can be checked before "
              "publication: the report says whether the reference lies within what the text claims "
              "(its precision and hedge), and by how much it misses.",
    "check": "A report lists every figure so the desk can sign each one off.",
    "consistency": "A text that contradicts itself or its own arithmetic is wrong whatever the "
                   "reference data says; no dataset is needed to see it.",
    "extract": "Numbers have to be read as the writer meant them (value, unit, precision, hedge) "
               "before any of them can be checked.",
    "lexicon": "The words that scale, hedge or name a number are data, so a newsroom can add its own.",
}


def _shown_path(path: str) -> str:
    try:
        rel = os.path.relpath(path, Path.cwd())
        return path if rel.startswith("..") else rel
    except ValueError:
        return path


def rule_info(rule: Any, catalog: Any = None) -> RuleInfo:
    """RuleInfo of a loaded rule; ``catalog`` (optional) names the datasets' sources."""
    source = ""
    ref = rule.get("reference") or {}
    if ref and catalog is not None:
        names = [ref.get("dataset")] + [a.get("dataset") for a in ref.get("alternatives", []) or []]
        parts = []
        for name in names:
            info = getattr(catalog, "datasets", {}).get(name) if name else None
            if info is not None:
                srcs = "; ".join(str(s.get("title", "")) for s in info.sources[:2] if s.get("title"))
                parts.append(f"{name} ({info.title}{': ' + srcs if srcs else ''})")
            elif name:
                parts.append(name)
        source = ", ".join(parts)
    elif ref:
        source = ref.get("dataset", "")
    return RuleInfo(code=rule.code, id=rule.id, kind=rule.kind, description=rule.description,
                    rationale=(rule.get("rationale") or "").strip(), path=f"{_shown_path(rule.path)}:{rule.line}",
                    source=source)


def infos(rules: Iterable[Any], codes: Iterable[str], catalog: Any = None) -> tuple[RuleInfo, ...]:
    """RuleInfo of every rule whose code is in ``codes`` (first rule of a code wins)."""
    wanted = set(codes)
    out: dict[str, RuleInfo] = {}
    for r in rules:
        if r.code in wanted and r.code not in out:
            out[r.code] = rule_info(r, catalog)
    return tuple(out[c] for c in sorted(out))


def explain(rule: Any, catalog: Any = None) -> str:
    """The text `factcheck explain` prints for one rule."""
    info = rule_info(rule, catalog)
    lines = [f"{info.code}  {info.id}  ({info.kind})", "", "What it checks", _para(info.description), "",
             "Why", _para(info.rationale or WHY.get(info.kind, ""))]
    ref = rule.get("reference") or {}
    if ref:
        lines += ["", "Checks against", _para(f"{info.source or ref.get('dataset')}, indicator {ref.get('indicator')}")]
    tol = rule.get("tolerance") or {}
    if rule.kind == "metric":
        if "absolute" in tol:
            t = f"approximate within {tol['absolute']:g} in the claim's unit"
        else:
            t = f"approximate within {tol.get('approximate', 0.05) * 100:g}% of the reference"
        lines.append(f"  {t}; beyond that, contradicted")
    concept = rule.get("concept") or {}
    if concept:
        lines += ["", "What the figure must measure"]
        if concept.get("level"):
            lines.append(f"  its value: /{concept['level']}/")
        if concept.get("change"):
            lines.append(f"  a change of: /{concept['change']}/")
        for pattern, why in (concept.get("not") or {}).items():
            lines.append(f"  not /{pattern}/: {why}")
    if rule.get("triggers"):
        lines += ["", "Triggers", "  " + ", ".join(f"/{t}/" for t in rule.get("triggers")[:8])
                  + (" ..." if len(rule.get("triggers")) > 8 else "")]
    ex = rule.get("examples") or {}
    if ex:
        lines += ["", "Examples" + (f" (as of {ex['as_of']})" if ex.get("as_of") else "")]
        for item in ex.get("match", []):
            expect = ", ".join(f"{k}: {v}" for k, v in (item.get("expect") or {}).items())
            lines.append(f"  + {item['text']}")
            if expect:
                lines.append(f"      -> {expect}")
        for item in ex.get("no_match", []):
            text = item if isinstance(item, str) else item.get("text", "")
            lines.append(f"  - {text}")
            lines.append("      -> not this rule")
    lines += ["", "Source", f"  {info.path}"]
    if rule.get("source"):
        lines.append(f"  {rule.get('source')}")
    return "\n".join(lines) + "\n"


def _para(text: str) -> str:
    import textwrap

    return textwrap.fill(" ".join(text.split()), width=100, initial_indent="  ", subsequent_indent="  ")


def explain_workflow(info: RuleInfo, examples: tuple[str, str | None]) -> str:
    bad, good = examples
    lines = [f"{info.code}  {info.id}  ({info.kind})", "", "What it checks", _para(info.description), "",
             "Why", _para(info.rationale), "", "Examples", f"  + {bad}", "      -> reported"]
    if good:
        lines += [f"  - {good}", "      -> fine"]
    lines += ["", "Source", f"  {info.path} (built in)"]
    return "\n".join(lines) + "\n"

"""Checks that need no reference data: the text's own arithmetic and consistency.

One module per family of checks; each is run by a rule of kind ``consistency`` whose ``check``
key names the family (rules/consistency/<family>.yaml). A family runs only when its rule is in
the rule set, so removing the rule file disables the check.

    findings = check_consistency(doc, segments, placed, ruleset, catalog=catalog)

Every finding has verdict ``inconsistent``, the arithmetic in its message, the figure it judges
as ``quantity`` and the figure it contradicts as ``related_span``.
"""
from __future__ import annotations

from typing import Any, Callable

from ..model import Document, Finding, Quantity, Segment
from ..ruleset.loader import Rule, RuleSet
from . import change, durations, grim, repeats, shares, statcheck, totals
from .common import Context

#: The closed set of families, dispatched here and nowhere else.
FAMILIES: dict[str, Callable[[Context, Rule], list[Finding]]] = {
    "change": change.check,
    "shares": shares.check,
    "totals": totals.check,
    "repeats": repeats.check,
    "durations": durations.check,
    "statcheck": statcheck.check,
    "grim": grim.check,
}


def family_of(rule: Rule) -> str:
    """The family a consistency rule runs: its ``check`` key, else the last part of its id."""
    return rule.get("check") or rule.id.rsplit(".", 1)[-1]


def check_consistency(doc: Document, segments: list[Segment], placed: list[tuple[Segment, Quantity]],
                      ruleset: RuleSet, *, catalog: Any = None) -> list[Finding]:
    """Every inconsistency in one document, by every consistency rule of the rule set."""
    from ..ruleset.lexicons import lexicons_of

    ctx = Context(doc, segments, placed, catalog, lexicons_of(ruleset))
    out: list[Finding] = []
    for rule in ruleset.of_kind("consistency"):
        fn = FAMILIES.get(family_of(rule))
        if fn is not None:
            out.extend(fn(ctx, rule))
    seen: set[tuple[str, int, int]] = set()
    unique = []
    for f in sorted(out, key=lambda f: (f.quantity.span.start, f.code)):
        key = (f.rule, f.quantity.span.start, f.related_span.start if f.related_span else -1)
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique


__all__ = ["check_consistency", "FAMILIES"]

"""Change arithmetic: a stated change that the stated levels do not give.

"rose from 1,240 to 1,550, an increase of 30%": 1,240 -> 1,550 is +25%. The levels come from
"from A to B", "to B from A", "B, up from A", "B, compared with A"; the change from "an increase
of C", "a C rise", "rose C", or a factor word ("doubled", "halved"). A change between two
percentages is in percentage points; a relative change in percent; the check says which one the
figure fits when the copy mixes them. "up C% to B" with the earlier level A in the next sentence
("A year earlier it was A") is checked too.

Every figure is read as the interval its writing allows (``arith_range``), so a gap that the
rounding of the printed figures can explain is not reported.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..model import Finding, Level, Quantity, Segment
from ..ruleset.loader import Rule
from .common import (INF, Context, Masked, Range, arith_range, cover, cue, finding, is_percent, is_points,
                     message, patterns, same_unit, setting, show, signed_pct)

LEVEL_KINDS = frozenset({"count", "money", "percent", "measure"})


def _pairs(mk: Masked, rule: Rule, role: str = "pair") -> list[tuple[Quantity, Quantity]]:
    out: list[tuple[Quantity, Quantity]] = []
    for p in patterns(rule, role):
        for m in p.finditer(mk.text):
            a, b = mk.get(m, "a"), mk.get(m, "b")
            if a is None or b is None or a is b:
                continue
            if a.kind not in LEVEL_KINDS or b.kind not in LEVEL_KINDS or not same_unit(a, b):
                continue
            if (a, b) not in out:
                out.append((a, b))
    return out


def _changes(mk: Masked, rule: Rule) -> list[Quantity]:
    out: list[Quantity] = []
    for p in patterns(rule, "change"):
        for m in p.finditer(mk.text):
            c = mk.get(m, "c")
            if c is not None and c not in out:
                out.append(c)
    for q in mk.quantities:
        if q.kind == "factor" and q not in out:
            out.append(q)
    return out


def _points_word(mk: Masked, q: Quantity) -> bool:
    """A bare count followed by "points" (the extractor did not make it percentage points)."""
    i = mk.quantities.index(q)
    return bool(re.search(rf"⟦{i}⟧\s(?:percentage\s)?(?:points?|pts?)\b", mk.text, re.IGNORECASE))


def _ratio(a: Range, b: Range) -> Range | None:
    if a.low <= 0 or b.low < 0:
        return None
    return Range(b.low / a.high, b.high / a.low)


def _diff(a: Range, b: Range) -> Range:
    return Range(b.low - a.high, b.high - a.low)


def _fits(actual: Range, stated: Range) -> bool:
    """Magnitudes only: the direction words are the writer's, the sign is the levels'."""
    return actual.abs().overlaps(stated.abs()) if stated.low >= 0 or stated.high <= 0 else actual.overlaps(stated)


def evaluate(a: Quantity, b: Quantity, c: Quantity, rule: Rule, points: bool = False) -> tuple[str, str] | None:
    """(message name, message) when change ``c`` does not follow from ``a -> b``; None when it does
    or when the figures cannot be compared."""
    A, B = arith_range(a), arith_range(b)
    C = arith_range(c)
    ctx = {"a": a.text.strip(), "b": b.text.strip(), "stated": c.text.strip()}
    if c.kind == "factor":
        r = _ratio(A, B)
        if r is None:
            return None
        tol = float(setting(rule, "factor_tolerance", 0.1))
        f = c.value
        want = {"more_than": Range(f, INF), "at_least": Range(f, INF), "nearly": Range(f * (1 - tol), f),
                "less_than": Range(0, f), "at_most": Range(0, f)}.get(c.qualifier.value, Range(f * (1 - tol), f * (1 + tol)))
        if r.overlaps(want):
            return None
        actual = b.value / a.value
        return "factor", message(rule, "factor", "{a} -> {b} is {actual}, not {stated}.", actual=f"x{_round(actual)}", **ctx)
    if points or is_points(c):
        if not (is_percent(a) and is_percent(b)):
            return None
        d = _diff(A, B)
        if _fits(d, C):
            return None
        actual = f"{_sign(b.value - a.value)} percentage points"
        if is_percent(a) and a.value:
            rel = (b.value / a.value - 1) * 100
            if _fits(Range((B.low / A.high - 1) * 100, (B.high / A.low - 1) * 100), C):
                return "points_for_percent", message(
                    rule, "points_for_percent", "{a} -> {b} is {actual} ({relative}); {stated} fits the relative "
                    "change, so write it in percent.", actual=actual, relative=signed_pct(rel), **ctx)
        return "points", message(rule, "points", "{a} -> {b} is {actual}, not {stated}.", actual=actual, **ctx)
    if is_percent(c):
        r = _ratio(A, B)
        if r is None:
            return None
        rel = Range((r.low - 1) * 100, (r.high - 1) * 100)
        if _fits(rel, C):
            return None
        actual = signed_pct((b.value / a.value - 1) * 100)
        if is_percent(a) and is_percent(b) and _fits(_diff(A, B), C):
            return "percent_for_points", message(
                rule, "percent_for_points", "{a} -> {b} is {points} percentage points ({actual}); {stated} is the "
                "difference in points, so write percentage points.", actual=actual, points=_sign(b.value - a.value), **ctx)
        return "percent", message(rule, "percent", "{a} -> {b} is {actual}, not {stated}.", actual=actual, **ctx)
    if c.kind in ("count", "money", "measure") and same_unit(c, a):
        if _fits(_diff(A, B), C):
            return None
        actual = show(b.value - a.value, a.unit if a.kind == "money" else None)
        return "absolute", message(rule, "absolute", "{a} -> {b} is a change of {actual}, not {stated}.",
                                   actual=actual if b.value < a.value else "+" + actual, **ctx)
    return None


def harmonise(a: Quantity, b: Quantity) -> tuple[Quantity, Quantity]:
    """NOTE: "from 13% to 12.2%": a writer with one-decimal data who prints a whole number has
    dropped a trailing zero (13.0%), so the whole number takes its sibling's finer precision."""
    pa, pb = a.precision, b.precision
    if not pa or not pb or pa == pb or a.qualifier.value != "exact" or b.qualifier.value != "exact":
        return a, b
    fine, coarse = (a, b) if pa < pb else (b, a)
    if fine.precision >= 1 or coarse.precision != 1:
        return a, b
    u = fine.precision
    tightened = replace(coarse, low=coarse.value - u / 2, high=coarse.value + u / 2, precision=u)
    return (tightened, b) if coarse is a else (a, tightened)


def _round(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".")


def _sign(x: float) -> str:
    s = f"{x:+.2f}".rstrip("0").rstrip(".")
    return s


def check(ctx: Context, rule: Rule) -> list[Finding]:
    out: list[Finding] = []
    segs = list(ctx.body())
    for i, seg in enumerate(segs):
        mk = ctx.masked(seg)
        changes = _changes(mk, rule)
        if not changes:
            continue
        pairs = _pairs(mk, rule)
        if not pairs:
            pairs = _implied(ctx, segs, i, mk, rule)
        if len(pairs) != 1:
            continue  # none, or several levels in one sentence: which change goes with which is unclear
        a, b = harmonise(*pairs[0])
        for c in changes:
            if c in pairs[0]:
                continue
            got = evaluate(a, b, c, rule, points=_points_word(mk, c))
            if got is None:
                continue
            name, msg = got
            level = Level.WARNING if name in ("points_for_percent", "percent_for_points") else None
            out.append(finding(rule, msg, c, seg, cover(a.span, b.span), level))
    return out


def _implied(ctx: Context, segs: list[Segment], i: int, mk: Masked, rule: Rule) -> list[tuple[Quantity, Quantity]]:
    """"up 25% to B" here, and the earlier level A in the next sentence of the paragraph."""
    levels = [mk.get(m, "b") for p in patterns(rule, "level") for m in p.finditer(mk.text)]
    levels = [b for b in levels if b is not None and b.kind in LEVEL_KINDS]
    if len(levels) != 1 or i + 1 >= len(segs) or segs[i + 1].paragraph != segs[i].paragraph:
        return []
    nxt = ctx.masked(segs[i + 1])
    if not cue(rule, "earlier").search(nxt.text):
        return []
    b = levels[0]
    priors = [nxt.get(m, "a") for p in patterns(rule, "prior") for m in p.finditer(nxt.text)]
    priors = [a for a in priors if a is not None and a.kind in LEVEL_KINDS and same_unit(a, b)]
    return [(priors[0], b)] if len(priors) == 1 else []



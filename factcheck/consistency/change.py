"""Change arithmetic: a stated change that the stated levels do not give.

"rose from 1,240 to 1,550, an increase of 30%": 1,240 -> 1,550 is +25%. The levels come from
"from A to B", "to B from A", "at B from A", "B, up from A", "B, compared with A", "B, up C from
A"; the change from "an increase of C", "a C rise", "rose C", or a factor word ("doubled",
"halved"). A change between two percentages is in percentage points; a relative change in
percent; the check says which one the figure fits when the copy mixes them. "up C% to B" with
the earlier level A in the next sentence ("A year earlier it was A") is checked too.

Which levels a change is about is the hard part: a sentence of economic copy often holds two
or three changes and as many pairs of levels, of different nouns and periods. So a change is
checked only against the one pair *tied* to it: the text between them is nothing but the
connector the rule allows (patterns of kind ``tie_change_first`` and ``tie_levels_first``: a
time phrase, a comma, an article), and any figure in that text is a date or a year. Another noun
("..., with imports at B, compared with A"), another clause ("..., while its debt doubled")
or another predicate ("... and was up C from A") between them and the change is about
something else. A pair is not a pair of levels when one of its figures is itself a change
("rose 2.1% against 2.3%": two growth rates) or a range ("a three to five pct target"), or when
it runs across a clause break (pattern kind ``clause_break``). The clause's basis words settle
periods: a change "year-on-year" is not checked against an earlier level the text dates to
another period ("to B from A in January"), one "on the month" not against a level of a year
before, and an annualised or real-terms change not against the levels at all. When pairing is
uncertain, nothing is raised.

Every figure is read as the interval its writing allows (``arith_range``), so a gap that the
rounding of the printed figures can explain is not reported.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..model import Finding, Level, Qualifier, Quantity, Segment
from ..ruleset.loader import Rule
from .common import (INF, Context, Masked, Range, arith_range, cover, cue, finding, is_percent, is_points,
                     message, patterns, same_unit, setting, show, signed_pct)

LEVEL_KINDS = frozenset({"count", "money", "percent", "measure"})
#: Figures that can state a change ("1995 will fall" does not).
CHANGE_KINDS = LEVEL_KINDS | {"percentage_point", "factor"}
#: Figures that may stand between a change and its levels: they date them, they are not levels.
TIME_KINDS = frozenset({"year", "date", "time"})


@dataclass(frozen=True)
class Hit:
    """A figure a pattern found, with the masked offsets of the whole match."""

    q: Quantity
    start: int
    end: int


@dataclass(frozen=True)
class Pair:
    """An earlier level ``a`` and a later level ``b``, with the masked offsets of their match."""

    a: Quantity
    b: Quantity
    start: int
    end: int


def _changes(mk: Masked, rule: Rule) -> list[Hit]:
    """Every stated change: a pattern's ``c``, or a factor word; never a year or a date, never a
    range (a band of values is not one change)."""
    out: list[Hit] = []
    for p in patterns(rule, "change", mk):
        for m in p.finditer(mk.text):
            c = mk.get(m, "c")
            if c is not None:
                out.append(Hit(c, m.start(), m.end()))
    for q in mk.quantities:
        if q.kind == "factor":
            out.append(Hit(q, *mk.where(q)))
    for p in patterns(rule, "restated", mk):  # "fell 2.3 points, or 1.5%": the second is a change too
        for m in p.finditer(mk.text):
            first, c = mk.get(m, "first"), mk.get(m, "c")
            if c is not None and any(h.q is first for h in out):
                out.append(Hit(c, m.start(), m.end()))
    return [h for h in out if h.q.kind in CHANGE_KINDS and h.q.qualifier is not Qualifier.RANGE]


def _breaks(mk: Masked, rule: Rule) -> list[tuple[int, int]]:
    return [m.span() for p in patterns(rule, "clause_break", mk) for m in p.finditer(mk.text)]


def _pairs(mk: Masked, rule: Rule, changing: set[int], breaks: list[tuple[int, int]]) -> list[Pair]:
    out: list[Pair] = []
    for p in patterns(rule, "pair", mk):
        for m in p.finditer(mk.text):
            a, b = mk.get(m, "a"), mk.get(m, "b")
            if a is None or b is None or a is b:
                continue
            if a.kind not in LEVEL_KINDS or b.kind not in LEVEL_KINDS:
                continue
            if not same_unit(_shared_unit(a, b), _shared_unit(b, a)):
                continue
            if Qualifier.RANGE in (a.qualifier, b.qualifier) or id(a) in changing or id(b) in changing:
                continue  # a band is not a level; two changes compared are not two levels
            if any(m.start() < x and y <= m.end() for x, y in breaks):
                continue
            if not any(x.a is a and x.b is b for x in out):
                out.append(Pair(a, b, m.start(), m.end()))
    return out


def _shared_unit(q: Quantity, sibling: Quantity) -> Quantity:
    """A bare number paired with a level that has a unit is in that unit ("to 9.1 billion dlrs
    from 6.5 billion"): the writer names the unit once for the pair."""
    if q.kind == "count" and not q.unit and sibling.unit and sibling.kind in LEVEL_KINDS:
        return replace(q, kind=sibling.kind, unit=sibling.unit)
    return q


def _tied(mk: Masked, c: Hit, start: int, end: int, rule: Rule, changing: set[int]) -> bool:
    """Whether change ``c`` is grammatically tied to the levels matched at ``start..end``: the
    change inside that match, or only an allowed connector between them (whose figures may date
    them or restate the change, nothing else)."""
    t0, t1 = mk.where(c.q)
    if start <= t0 and t1 <= end:
        return True
    if c.end <= start:
        gap, role = mk.text[c.end:start], "tie_change_first"
    elif end <= c.start:
        gap, role = mk.text[end:c.start], "tie_levels_first"
    else:
        return False
    if any(q.kind not in TIME_KINDS and id(q) not in changing for q in _tokens(mk, gap)):
        return False  # a level between them: a level of something else
    return any(p.fullmatch(gap) for p in patterns(rule, role))


def _tokens(mk: Masked, s: str) -> list[Quantity]:
    """The quantities whose tokens are in a piece of the masked text."""
    return [mk.quantities[int(i)] for i in re.findall(r"⟦(\d+)⟧", s)]


def _clause(mk: Masked, start: int, end: int, breaks: list[tuple[int, int]]) -> str:
    """The masked text of the clause(s) holding ``start..end``: from the break before to the break after."""
    lo = max([y for x, y in breaks if y <= start], default=0)
    hi = min([x for x, y in breaks if x >= end], default=len(mk.text))
    return mk.text[lo:hi]


def _tag(mk: Masked, q: Quantity, rule: Rule) -> str:
    """The words that date a level, right after it up to the next figure, punctuation or clause
    word ("5.7 billion *in January*", "17.4 billion *the year before*")."""
    _, t1 = mk.where(q)
    rest = re.match(r"[^⟦,;()]*", mk.text[t1:])
    tail = rest.group() if rest else ""
    cut = re.search(r"\s(?:to|from|and|but|while|whereas|compared|against|versus|up|down)\b", tail, re.IGNORECASE)
    return tail[:cut.start()] if cut else tail


def _same_basis(mk: Masked, c: Hit, pair: Pair, breaks: list[tuple[int, int]], rule: Rule) -> bool:
    """Whether the change and the pair compare the same periods, as far as the text says."""
    clause = _clause(mk, min(c.start, pair.start), max(c.end, pair.end), breaks)
    if cue(rule, "other_measure").search(clause):
        return False
    tag = _tag(mk, pair.a, rule).strip()
    year_ago = bool(tag) and bool(cue(rule, "earlier").search(tag))
    dated = bool(tag) and any(p.finditer(tag) for p in patterns(rule, "period"))
    if cue(rule, "basis_year").search(clause):
        return not dated or year_ago
    if cue(rule, "basis_short").search(clause):
        return not year_ago
    return True


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
        changing = {id(h.q) for h in changes} | {id(q) for q in mk.quantities if q.change == "by"}
        breaks = _breaks(mk, rule)
        pairs = _pairs(mk, rule, changing, breaks)
        implied = None if pairs else _implied(ctx, segs, i, mk, rule)
        done: set[int] = set()
        for c in changes:
            if id(c.q) in done:
                continue
            hits = [h for h in changes if h.q is c.q]
            if implied is not None:
                tied = [pair for pair in implied if any(_tied(mk, h, pair.start, pair.end, rule, changing) for h in hits)]
            else:
                tied = [pair for pair in pairs if c.q is not pair.a and c.q is not pair.b
                        and any(_tied(mk, h, pair.start, pair.end, rule, changing) for h in hits)]
            if len(tied) != 1:
                continue  # no levels tied to this change, or two: which ones it is about is unclear
            pair = tied[0]
            if implied is None and not any(_same_basis(mk, h, pair, breaks, rule) for h in hits):
                continue
            done.add(id(c.q))
            a, b = harmonise(_shared_unit(pair.a, pair.b), _shared_unit(pair.b, pair.a))
            got = evaluate(a, b, c.q, rule, points=_points_word(mk, c.q))
            if got is None:
                continue
            name, msg = got
            level = Level.WARNING if name in ("points_for_percent", "percent_for_points") else None
            out.append(finding(rule, msg, c.q, seg, cover(a.span, b.span), level))
    return out


def _implied(ctx: Context, segs: list[Segment], i: int, mk: Masked, rule: Rule) -> list[Pair]:
    """"up 25% to B" here, and the earlier level A in the next sentence of the paragraph: the
    pair is placed where "to B" is, for the tie to the change."""
    levels = [(mk.get(m, "b"), m) for p in patterns(rule, "level", mk) for m in p.finditer(mk.text)]
    levels = [(b, m) for b, m in levels if b is not None and b.kind in LEVEL_KINDS]
    if len(levels) != 1 or i + 1 >= len(segs) or segs[i + 1].paragraph != segs[i].paragraph:
        return []
    nxt = ctx.masked(segs[i + 1])
    if not cue(rule, "earlier").search(nxt.text):
        return []
    b, m = levels[0]
    priors = [nxt.get(x, "a") for p in patterns(rule, "prior", nxt) for x in p.finditer(nxt.text)]
    priors = [a for a in priors if a is not None and a.kind in LEVEL_KINDS and same_unit(a, b)]
    return [Pair(priors[0], b, m.start(), m.end())] if len(priors) == 1 else []

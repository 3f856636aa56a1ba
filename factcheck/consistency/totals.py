"""Totals: parts listed against a stated total, and the percentages of one breakdown.

"120 men and 80 women, 250 in all": 120 + 80 = 200. A total the text marks as complete ("in
all", "a total of", "totalling") must equal the sum of its parts; a total with parts "including"
or "of whom" must be at least their sum. Percentages of one breakdown that the text marks as
complete ("the remaining 20% were undecided") must add up to 100. Each figure is read with its
rounding, so "45%, 40% and 16%" (101%) is not an error.

The list of parts is written once in the rule file as ``{list}`` and expanded into each pattern.
A pattern with ``parts: named`` (parts in parentheses) takes the figures as parts only when each
names what it counts with a noun other than the total's own word: "Gold 4.71 billion (4.90
billion and 3.83 billion)" gives the figure's values in earlier periods, not its parts.
"""
from __future__ import annotations

import re

from ..model import Finding, Quantity
from ..ruleset.loader import Rule
from .common import (Context, Masked, Range, arith_range, cover, cue, finding, is_percent, message, patterns,
                     same_unit)

PART_KINDS = frozenset({"count", "money", "measure", "percent"})


def _sum(qs: list[Quantity]) -> Range:
    rs = [arith_range(q) for q in qs]
    return Range(sum(r.low for r in rs), sum(r.high for r in rs))


def _plus(qs: list[Quantity]) -> str:
    return " + ".join(q.text.strip(" )") for q in qs)


def _show_sum(qs: list[Quantity]) -> str:
    total = sum(q.value for q in qs)
    txt = f"{total:,.2f}".rstrip("0").rstrip(".")
    return txt + ("%" if all(is_percent(q) for q in qs) else "")


def check(ctx: Context, rule: Rule) -> list[Finding]:
    out: list[Finding] = []
    for seg in ctx.body():
        mk = ctx.masked(seg)
        seen: set[int] = set()
        for p in patterns(rule, None, mk):
            for m in p.finditer(mk.text):
                if p.data.get("parts") == "named" and not _named_parts(m, mk, rule):
                    continue
                f = _judge(p.role, m, mk, rule)
                if f is not None and f.quantity.span.start not in seen:
                    seen.add(f.quantity.span.start)
                    out.append(f)
    return out


def _word_after(mk: Masked, q: Quantity) -> str:
    """The word right after a figure in the masked sentence, lower case ("" when none)."""
    _, end = mk.where(q)
    w = re.match(r"\s([^\W\d][\w'’-]*)", mk.text[end:])
    return w.group(1).lower() if w else ""


def _named_parts(m, mk: Masked, rule: Rule) -> bool:
    """Whether every part names what it counts, with a noun other than the total's own word
    ("200 people (120 men and 80 women)"); bare figures, or figures with the total's word, are
    the total's values in other periods ("4.71 billion (4.90 billion and 3.83 billion)")."""
    total = mk.get(m, "total")
    stop = cue(rule, "not_a_noun")
    own = _word_after(mk, total) if total is not None else ""
    for q in mk.inside(m, "parts"):
        w = _word_after(mk, q)
        if not w or stop.fullmatch(w) or w == own:
            return False
    return True


def _judge(role: str, m, mk: Masked, rule: Rule) -> Finding | None:
    parts = [q for q in mk.inside(m, "parts")]
    if len(parts) < 2 or any(q.kind not in PART_KINDS for q in parts):
        return None
    seg = mk.segment
    if role == "percent_list":
        if not all(is_percent(q) for q in parts) or not cue(rule, "complete_breakdown").search(mk.text):
            return None
        if any(is_percent(q) and q not in parts for q in mk.quantities):
            return None  # the list is not the whole breakdown (or the sentence holds two)
        # NOTE: "Turnout was 65%, with 40% for A, 35% for B and the remaining 25%": the list
        # may start with a figure that is not a part, so any tail of two or more parts may be it.
        if any(100.0 in _sum(parts[i:]) for i in range(len(parts) - 1)):
            return None
        msg = message(rule, "breakdown", "{parts} = {sum}, not 100%: the shares of one breakdown add up to 100.",
                      parts=_plus(parts), sum=_show_sum(parts))
        return finding(rule, msg, parts[-1], seg, cover(*(q.span for q in parts[:-1])))
    total = mk.get(m, "total")
    if total is None or total in parts or total.kind not in PART_KINDS or is_percent(total):
        return None
    if any(is_percent(q) or not same_unit(q, total) for q in parts):
        return None
    s, t = _sum(parts), arith_range(total)
    fields = dict(parts=_plus(parts), sum=_show_sum(parts), total=total.text.strip(" )"))
    if role == "complete":
        if s.overlaps(t):
            return None
        msg = message(rule, "complete", "{parts} = {sum}, not {total}.", **fields)
    elif role == "subset":
        if s.low <= t.high:
            return None
        msg = message(rule, "subset", "the parts listed add up to {sum} ({parts}), more than the total of {total}.", **fields)
    else:
        return None
    return finding(rule, msg, total, seg, cover(*(q.span for q in parts)))

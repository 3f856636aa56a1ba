"""Shares: a percentage or fraction that the counts beside it do not give.

"300 soldiers, or 12% of its 2,500 troops" (300 of 2,500 is 12%: fine); "62% (about 250
respondents)" of a survey of 500 (about 250 of 500 is 50%, not 62%); "one in five of the 400
pupils, 120 in all" (120 of 400 is 30%); "a majority (45%)"; "more than half (45%)".

A share is read with its rounding: "62%" is 61.5-62.5%, "one in six" is 1/6.5 to 1/5.5 (the
six may be rounded), "a third" is 1/3 give or take ``fraction_points``; counts are read with
``arith_range``. The base of a survey ("a survey of 500 people") may come from an earlier
sentence when the document states only one.
"""
from __future__ import annotations

from ..model import Finding, Quantity, Segment
from ..ruleset.loader import Rule
from .common import (Context, Masked, Range, arith_range, cover, finding, is_percent, message, patterns, ratio,
                     setting, share_range)

COUNT_KINDS = frozenset({"count", "money", "measure"})
_CLAIMS = {"majority": Range(0.5, 1.0), "minority": Range(0.0, 0.5)}


def _share(q: Quantity | None, rule: Rule) -> Range | None:
    if q is None:
        return None
    return share_range(q, float(setting(rule, "fraction_points", 0.05)))


def _pct(x: float) -> str:
    v = x * 100
    return f"{v:.1f}".rstrip("0").rstrip(".") + "%"


def _bases(ctx: Context, rule: Rule, role: str = "base") -> list[tuple[Segment, Quantity]]:
    out = []
    for seg in ctx.body():
        mk = ctx.masked(seg)
        for p in patterns(rule, role, mk):
            for m in p.finditer(mk.text):
                w = mk.get(m, "whole")
                if w is not None and w.kind == "count":
                    out.append((seg, w))
    return out


def _base_for(seg: Segment, mk: Masked, bases: list[tuple[Segment, Quantity]]) -> Quantity | None:
    """The survey base stated in this sentence, else the document's only base stated before it."""
    here = [w for s, w in bases if s.span == seg.span]
    if here:
        return here[0]
    values = {w.value for _, w in bases}
    before = [w for s, w in bases if s.span.start < seg.span.start]
    return before[-1] if len(values) == 1 and before else None


def check(ctx: Context, rule: Rule) -> list[Finding]:
    out: list[Finding] = []
    bases = _bases(ctx, rule)
    local = _bases(ctx, rule, "sentence_base")
    for seg in ctx.body():
        mk = ctx.masked(seg)
        done: set[tuple[int, int]] = set()
        for p in patterns(rule, None, mk):
            if p.role in ("base", "sentence_base"):
                continue
            here = [(s, w) for s, w in local if s.span == seg.span]
            for m in p.finditer(mk.text):
                f = _judge(p.role, p.data, m, mk, seg, here + bases, rule)
                if f is None:
                    continue
                key = (f.quantity.span.start, f.related_span.start if f.related_span else -1)
                if key not in done:
                    done.add(key)
                    out.append(f)
    return out


def _judge(role: str, data: dict, m, mk: Masked, seg: Segment, bases, rule: Rule) -> Finding | None:
    share_q = mk.get(m, "share")
    if role == "same_share":
        other = mk.get(m, "other")
        s1, s2 = _share(share_q, rule), _share(other, rule)
        if s1 is None or s2 is None or s1.overlaps(s2):
            return None
        msg = message(rule, "same_share", "{other} is not {share} ({share} is {range}).",
                      share=_lower(share_q.text.strip(" )")), other=other.text.strip(" )"), range=_span_txt(s1))
        return finding(rule, msg, other, seg, share_q.span)
    if role == "claim":
        claim = _CLAIMS[data.get("claim", "majority")]
        s = _share(share_q, rule)
        if s is None or s.overlaps(claim, strict=True):
            return None
        word = data.get("claim", "majority")
        msg = message(rule, "claim", "{share} is not a {word} (a {word} is {range}).", share=share_q.text.strip(" )"),
                      word=word, range="more than 50%" if word == "majority" else "less than 50%")
        return finding(rule, msg, share_q, seg, mk.span(*m.span()))
    part, whole = mk.get(m, "part"), mk.get(m, "whole")
    if share_q is None or part is None:
        return None
    if whole is None:
        whole = _base_for(seg, mk, bases)
        if whole is None:
            return None
    if part.kind not in COUNT_KINDS or whole.kind not in COUNT_KINDS or is_percent(part) or part is whole:
        return None
    if part.kind == "money" and (whole.kind != "money" or part.unit != whole.unit):
        return None
    s = _share(share_q, rule)
    r = ratio(arith_range(part), arith_range(whole))
    if s is None or r is None or s.overlaps(r):
        return None
    implied = whole.value * share_q.value / (100 if is_percent(share_q) else 1)
    msg = message(rule, "share", "{part} of {whole} is {actual}, not {share} ({share} of {whole} is {implied}).",
                  part=part.text.strip(" )"), whole=whole.text.strip(" )"), actual=_pct(part.value / whole.value),
                  share=share_q.text.strip(" )"), implied=f"{implied:,.0f}")
    return finding(rule, msg, share_q, seg, cover(part.span, whole.span) if whole.span.start >= seg.span.start else part.span)


def _lower(s: str) -> str:
    return s[:1].lower() + s[1:] if s[:1].isupper() and not s[1:2].isupper() else s


def _span_txt(r: Range) -> str:
    if r.high == float("inf"):
        return f"over {_pct(r.low)}"
    if r.low == float("-inf"):
        return f"under {_pct(r.high)}"
    return f"{_pct(r.low)} to {_pct(r.high)}"

"""Durations and anniversaries against the dates the text itself gives.

"aged 46, born in 1990" (29 or 30 in 2020); "the nine-year-old conflict" that "began in March
2011" (8.9 years before February 2020: fine); "in 2024, ten years after the 2010 earthquake" (14
years); "the tenth anniversary of the 2015 accord" written in 2020.

The reference date is a year the same sentence names ("in 2024, ten years after ..."), else the
article's date (``as_of``). Elapsed time is a range when only years are known (2010 -> 2020 is 9
to 11 years between two unknown days), and a stated duration fits when it falls in the range or
is within one year of it ("the nine-year-old conflict" in its ninth year). Ages are in whole
years. A duration is a figure with a unit of time ("ten years", "18 months"); a bare number
("has killed 400 since 2011") is not one, and is an age only where the pattern's grammar makes
it one (``bare_age``: "Smith, 46, was born in 1990"). The reference data's own events are judged by the metric rules (metrics.conflict_age).
"""
from __future__ import annotations

import datetime as dt
import re

from ..model import Finding, Quantity, Segment
from ..ruleset.loader import Rule
from .common import Context, Masked, Range, cue, finding, interval, message, patterns, setting

_YEAR = re.compile(r"\b(1[6-9]\d\d|20\d\d)\b")
_MONTHS = {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december".split())}
_MONTH = re.compile(r"\b(" + "|".join(_MONTHS) + r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b\.?", re.IGNORECASE)
_ORDINALS = {w: i + 1 for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
    "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split())}
_ORDINALS.update({"twenty-fifth": 25, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60,
                  "seventieth": 70, "seventy-fifth": 75, "hundredth": 100})


def _when(q: Quantity, text: str) -> tuple[int, int | None] | None:
    """Year and month (if written) of a year or date quantity; None without a four-digit year."""
    if q.kind not in ("year", "date"):
        return None
    m = _YEAR.search(q.text) or (q.kind == "date" and _YEAR.search(text[q.span.start:q.span.end + 8]))
    if not m:
        return None
    mo = _MONTH.search(text[max(0, q.span.start - 12):q.span.end])
    month = None
    if mo:
        key = mo.group(1).lower()[:3]
        month = next(v for k, v in _MONTHS.items() if k.startswith(key))
    return int(m.group(1)), month


def _label(q: Quantity, when: tuple[int, int | None]) -> str:
    """"March 2016", "2010"."""
    year, month = when
    if month:
        return dt.date(year, month, 1).strftime("%B %Y")
    return str(year)


def _elapsed(start: tuple[int, int | None], ref: dt.date | tuple[int, int | None]) -> Range:
    """Years between a start (year, month?) and a reference date or (year, month?)."""
    def bounds(y: int, mo: int | None) -> tuple[dt.date, dt.date]:
        if mo:
            nxt = dt.date(y + (mo == 12), mo % 12 + 1, 1)
            return dt.date(y, mo, 1), nxt - dt.timedelta(days=1)
        return dt.date(y, 1, 1), dt.date(y, 12, 31)

    s0, s1 = bounds(*start)
    r0, r1 = (ref, ref) if isinstance(ref, dt.date) else bounds(*ref)
    days = 365.2425
    return Range((r0 - s1).days / days, (r1 - s0).days / days)


def _fmt_years(r: Range) -> str:
    lo, hi = r.low, r.high
    if round(lo) == round(hi):
        return f"{round(lo)} years"
    if hi - lo < 0.5:
        return f"{(lo + hi) / 2:.1f} years"
    return f"{max(0, int(lo))} to {int(hi + 0.999)} years"


def _other_years(ctx: Context, mk: Masked, *skip: Quantity) -> list[tuple[Quantity, tuple[int, int | None]]]:
    out = []
    for q in mk.quantities:
        if any(q is s for s in skip):
            continue
        w = _when(q, ctx.doc.text)
        if w:
            out.append((q, w))
    return out


def check(ctx: Context, rule: Rule) -> list[Finding]:
    if ctx.as_of is None:
        return []
    out: list[Finding] = []
    segs = [s for s in ctx.body() if s.dated]
    for seg in segs:
        mk = ctx.masked(seg)
        out.extend(_born(ctx, mk, rule))
        out.extend(_after(ctx, mk, rule))
        out.extend(_anniversary(ctx, mk, rule))
        out.extend(_thing_age(ctx, mk, segs, rule))
    return out


def _in_years(q: Quantity, rule: Rule) -> float | None:
    """Years in one unit of a figure of time ("18 months" -> 1/12, the rule's ``years_per_<unit>``
    settings); None when the figure has no unit of time (a bare count is not a duration: "has
    killed 400 since 2011")."""
    if q.kind not in ("duration", "age") or not q.unit:
        return None
    per = setting(rule, f"years_per_{q.unit}", None)
    return float(per) if per else None


def _born(ctx: Context, mk: Masked, rule: Rule) -> list[Finding]:
    out = []
    for p in patterns(rule, "born", mk):
        for m in p.finditer(mk.text):
            age, year = mk.get(m, "age"), mk.get(m, "year")
            if age is None or year is None:
                continue
            # an age, or a bare number where the pattern's grammar makes it one ("Smith, 46, ...")
            if _in_years(age, rule) != 1.0 and not (p.data.get("bare_age") and age.kind == "count" and not age.unit):
                continue
            w = _when(year, ctx.doc.text)
            if w is None or _other_years(ctx, mk, year) or cue(rule, "past").search(mk.text):
                continue  # another date in the sentence may be the one the age is at
            e = _elapsed(w, ctx.as_of)
            ages = Range(int(e.low), int(e.high))
            if interval(age).overlaps(Range(ages.low - 0.5, ages.high + 0.5), strict=True):
                continue
            could = f"{int(ages.low)}" if ages.low == ages.high else f"{int(ages.low)} or {int(ages.high)}"
            msg = message(rule, "born", "born in {born}, so {could} on {ref}, not {age}.",
                          born=_label(year, w), could=could, ref=ctx.as_of.isoformat(), age=age.text.strip())
            out.append(finding(rule, msg, age, mk.segment, year.span))
    return out


def _after(ctx: Context, mk: Masked, rule: Rule) -> list[Finding]:
    out = []
    for p in patterns(rule, "after", mk):
        for m in p.finditer(mk.text):
            dur, year, refq = mk.get(m, "duration"), mk.get(m, "year"), mk.get(m, "ref")
            if dur is None or year is None or _in_years(dur, rule) is None:
                continue
            start = _when(year, ctx.doc.text)
            if start is None:
                continue
            if refq is not None:
                ref: dt.date | tuple[int, int | None] | None = _when(refq, ctx.doc.text)
            elif p.data.get("reference") == "as_of":
                others = _other_years(ctx, mk, year)
                ref = others[0][1] if len(others) == 1 else (None if others else ctx.as_of)
            else:
                ref = None
            if ref is None:
                continue
            f = _judge_years(rule, mk.segment, dur, year, start, ref, ctx)
            if f:
                out.append(f)
    return out


def _judge_years(rule: Rule, seg: Segment, dur: Quantity, year: Quantity, start, ref, ctx: Context) -> Finding | None:
    e = _elapsed(start, ref)
    per = _in_years(dur, rule)
    if per is None or interval(dur).scale(per).overlaps(Range(e.low - 1, e.high + 1)):
        return None
    if isinstance(ref, dt.date):
        ref_txt = ref.isoformat()
        elapsed = f"about {ref.year - start[0]} years" if start[1] is None else f"{(e.low + e.high) / 2:.1f} years"
    else:
        ref_txt = _label(year, ref)
        elapsed = f"{ref[0] - start[0]} years" if ref[1] is None or start[1] is None else _fmt_years(e)
    msg = message(rule, "elapsed", "{start} -> {ref} is {elapsed}, not {stated}.", start=_label(year, start),
                  ref=ref_txt, elapsed=elapsed, stated=dur.text.strip())
    return finding(rule, msg, dur, seg, year.span)


def _anniversary(ctx: Context, mk: Masked, rule: Rule) -> list[Finding]:
    out = []
    for p in patterns(rule, "anniversary", mk):
        for m in p.finditer(mk.text):
            year = mk.get(m, "year")
            q = mk.get(m, "ordinal")
            if q is None and m.groupdict().get("word"):
                word = m.group("word").lower()
                digits = re.match(r"\d+", word)
                n = int(digits.group()) if digits else _ORDINALS.get(word)
                if n is None:
                    continue
                span = mk.span(*m.span("word"))
                q = Quantity(text=ctx.doc.text[span.start:span.end], span=span, value=float(n), low=float(n),
                             high=float(n), unit=None, kind="ordinal", precision=1.0, number_span=span)
            if year is None or q is None or q.kind != "ordinal":
                continue
            n = int(q.value)
            start = _when(year, ctx.doc.text)
            if start is None:
                continue
            others = _other_years(ctx, mk, year, q)
            ref = others[0][1] if len(others) == 1 else (None if others else ctx.as_of)
            if ref is None:
                continue
            ref_year = ref.year if isinstance(ref, dt.date) else ref[0]
            diff = ref_year - start[0]
            if abs(diff - n) <= 1:
                continue
            msg = message(rule, "anniversary", "{start} -> {ref} is {diff} years, not a {stated} anniversary.",
                          start=_label(year, start), ref=ref_year, diff=diff, stated=q.text.strip())
            out.append(finding(rule, msg, q, mk.segment, year.span))
    return out


def _thing_age(ctx: Context, mk: Masked, segs: list[Segment], rule: Rule) -> list[Finding]:
    out = []
    for p in patterns(rule, "thing_age", mk):
        for m in p.finditer(mk.text):
            age = mk.get(m, "age")
            noun = m.group("noun").lower()
            if age is None or age.kind not in ("age", "duration"):
                continue
            start = _start_of(ctx, mk.segment, segs, noun, rule)
            if start is None:
                continue
            year, when = start
            f = _judge_years(rule, mk.segment, age, year, when, ctx.as_of, ctx)
            if f:
                out.append(f)
    return out


def _start_of(ctx: Context, seg: Segment, segs: list[Segment], noun: str, rule: Rule):
    """When the thing began, by a sentence of the same paragraph that names it and its start."""
    same = cue(rule, "same_thing")
    for s in segs:
        if s.paragraph != seg.paragraph:
            continue
        mk = ctx.masked(s)
        for p in patterns(rule, "began", mk):
            for m in p.finditer(mk.text):
                year = mk.get(m, "year")
                if year is None:
                    continue
                if noun not in mk.text.lower() and not (same.search(noun) and same.search(mk.text)):
                    continue
                w = _when(year, ctx.doc.text)
                if w:
                    return year, w
    return None

"""Repeats: the same figure stated twice in one article with values that do not agree.

"Turkey has taken in about 3.7 million Syrian refugees" in the lead and "Turkey hosts 3.6 million
Syrian refugees" in paragraph six: the same count of the same thing about the same subject, with
values that no rounding reconciles ("about 3.7 million" and "3.6 million" do agree).

A false alarm here is costly, so two figures count as the same only when all of these hold:

- the same kind and unit, neither a change ("rose to") nor a range;
- the same counted noun right after the figure ("Syrian refugees"), and not only a generic one
  ("people");
- the same subject: the nearest name before the figure ("Turkey hosts ...");
- no dates or time words that could set them in different periods, and both attributed to a
  source or neither;
- their intervals (precision and qualifier) do not overlap, a boundary point not counting.
"""
from __future__ import annotations

import re

from ..model import Finding, Quantity, Segment
from ..ruleset.loader import Rule
from .common import Context, cue, cue_words, finding, interval, message

KINDS = frozenset({"count", "money", "percent", "measure"})
_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_CAP = re.compile(r"(?<![\w'’-])[A-ZÀ-ÖØ-Þ][\w'’-]+")


def _noun(ctx: Context, q: Quantity, rule: Rule) -> tuple[str, ...]:
    """The counted noun right after the figure, lower case, plural stripped ("syrian refugee")."""
    stop = {w.lower() for w in cue_words(rule, "stop_words")}
    tail = ctx.doc.text[q.span.end:q.span.end + 80]
    words = _WORD.findall(tail.split(".")[0].split(",")[0].split(";")[0])
    lead = tail.lstrip(" )")
    if not lead or not lead[:1].isalpha():
        return ()
    if words and words[0].lower() == "of" and q.kind == "percent":
        words = [w for w in words[1:] if w.lower() not in ("the", "all", "its", "their")]
    out = []
    for w in words[:4]:
        if w.lower() in stop:
            break
        out.append(w.lower().rstrip("s") if len(w) > 3 else w.lower())
    return tuple(out)


def _subject(seg: Segment, q: Quantity, noun_len: int, rule: Rule) -> str | None:
    """The name the figure is about: the nearest capitalised word before it in the sentence (else
    the nearest after its counted noun), possessives and plurals folded ("Kenya's" -> "kenya")."""
    ignore = {w.lower() for w in cue_words(rule, "not_names")}
    rel_start = q.span.start - seg.span.start
    rel_end = q.span.end - seg.span.start
    after_noun = rel_end
    for _ in range(noun_len):
        m = _WORD.search(seg.text, after_noun)
        after_noun = m.end() if m else after_noun
    before, after = [], []
    for m in _CAP.finditer(seg.text):
        w = re.sub(r"['’]s?$", "", m.group())
        if w.lower() in ignore:
            continue
        if m.end() <= rel_start:
            before.append(w.lower())
        elif m.start() >= after_noun:
            after.append(w.lower())
    if before:
        return before[-1]
    return after[0] if after else None


def _times(ctx: Context, seg: Segment) -> set[float]:
    return {q.value for q in ctx.quantities(seg) if q.kind in ("year", "date")}


def check(ctx: Context, rule: Rule) -> list[Finding]:
    generic = {w.lower() for w in cue_words(rule, "generic_nouns")}
    time_cue = cue(rule, "time_words")
    source_cue = cue(rule, "attribution")
    items = []
    for seg in ctx.body():
        if not seg.dated:
            continue
        for q in ctx.quantities(seg):
            if q.kind not in KINDS or q.direction or q.change or q.qualifier.value == "range":
                continue
            noun = _noun(ctx, q, rule)
            if not noun or all(w in generic or w + "s" in generic for w in noun):
                continue
            items.append((seg, q, noun, _subject(seg, q, len(noun), rule)))
    out: list[Finding] = []
    flagged: set[int] = set()
    for i, (s1, q1, n1, e1) in enumerate(items):
        for s2, q2, n2, e2 in items[i + 1:]:
            if s1.span == s2.span or n1 != n2 or q1.kind != q2.kind or q1.unit != q2.unit:
                continue
            if id(q2) in flagged or e1 is None or e1 != e2:
                continue
            t1, t2 = time_cue.search(s1.text), time_cue.search(s2.text)
            if t1 or t2 or _times(ctx, s1) != _times(ctx, s2):
                continue
            if bool(source_cue.search(s1.text)) != bool(source_cue.search(s2.text)):
                continue  # one figure has a source and the other not: they may be different counts
            if interval(q1).overlaps(interval(q2), strict=True):
                continue
            line, _ = ctx.doc.position(q2.span.start)
            msg = message(rule, "repeat", "{first} here, but {second} on line {line} for the same {noun}; "
                          "no rounding reconciles the two.", first=q1.text.strip(" )"), second=q2.text.strip(" )"),
                          line=line, noun=" ".join(ctx.doc.text[q1.span.end:].split()[:len(n1)]).strip(".,;:)"))
            out.append(finding(rule, msg, q1, s1, q2.span))
            flagged.add(id(q2))
    return out

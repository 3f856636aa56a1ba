"""Repeats: the same figure stated twice in one article with values that do not agree.

"Turkey has taken in about 3.7 million Syrian refugees" in the lead and "Turkey hosts 3.6 million
Syrian refugees" in paragraph six: the same count of the same thing about the same subject, with
values that no rounding reconciles ("about 3.7 million" and "3.6 million" do agree).

A false alarm here is costly, so two figures count as the same only when all of these hold:

- the same kind and unit, neither a change ("rose to") nor a range;
- the same concept: what each figure measures, as the framing's concept binder reads it
  (``factcheck.framing.concept``), is the noun the figure counts ("3.7 million *Syrian
  refugees*"), it is the same noun phrase in both sentences (with its "of"/"for" complement:
  "the contribution *of foreign trade*" is not the contribution *of domestic demand*"), and it
  is neither only generic
  ("people") nor a unit or currency word ("2.7 billion *dlrs*" counts no thing). A figure bound
  to a subject ("Exports were 2.837 billion") is not compared: copy restates such measures for
  other periods and breakdowns without naming them in the sentence. A figure the binder leaves
  unbound, or binds as a change ("a 9.8 pct increase"), is not compared either;
- the same subject: the nearest name before the figure ("Turkey hosts ...");
- no dates or time words that could set them in different periods, and both attributed to a
  source or neither;
- their intervals (precision and qualifier) do not overlap, a boundary point not counting.
"""
from __future__ import annotations

import functools
import re
from collections import deque

from ..model import Finding, Quantity, Segment
from ..ruleset.loader import Rule
from .common import Context, cue, cue_words, finding, interval, message

KINDS = frozenset({"count", "money", "percent", "measure"})
_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_WORD_NEXT = re.compile(r"\s+([^\W\d_][\w'’-]*)")
_CAP = re.compile(r"(?<![\w'’-])[A-ZÀ-ÖØ-Þ][\w'’-]+")
#: The lexicons whose entries name units and currencies, not things a figure counts.
UNIT_LEXICONS = ("currency_names", "currency_codes", "currency_subunits", "unit_words", "unit_symbols", "scales",
                 "scale_suffixes")


def _fold(w: str) -> str:
    """A word lower case, possessive and plural folded ("refugees" -> "refugee", "Kenya's" -> "kenya")."""
    w = re.sub(r"['’]s?$", "", w.lower())
    return w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w


#: Unit and currency words of a lexicons mapping, folded (kept with it, so the id is not reused).
_UNITS: dict[int, tuple[dict, frozenset[str]]] = {}


def _lexicon_units(lexicons: dict) -> frozenset[str]:
    hit = _UNITS.get(id(lexicons))
    if hit is None or hit[0] is not lexicons:
        if len(_UNITS) > 8:
            _UNITS.clear()
        hit = (lexicons, frozenset(_fold(str(k)) for name in UNIT_LEXICONS for k in (lexicons.get(name) or {})))
        _UNITS[id(lexicons)] = hit
    return hit[1]


@functools.lru_cache(maxsize=64)
def _folded(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(_fold(w) for w in words)


#: The framing grammar built from a lexicons mapping (kept with it, so the id is not reused).
_GRAMMARS: dict[int, tuple[dict, object]] = {}


def _grammar(lexicons: dict) -> object:
    from ..framing.concept import grammar_from_lexicons

    hit = _GRAMMARS.get(id(lexicons))
    if hit is None or hit[0] is not lexicons:
        if len(_GRAMMARS) > 8:
            _GRAMMARS.clear()
        hit = (lexicons, grammar_from_lexicons(lexicons))
        _GRAMMARS[id(lexicons)] = hit
    return hit[1]


def _concepts(seg: Segment, qs: list[Quantity], lexicons: dict) -> dict[int, object]:
    """What each figure of the sentence measures, by the framing's concept binder (id -> Concept
    or None), with figures the way the framing passes them (durations and years inside phrases)."""
    from ..framing.concept import bind

    o = seg.span.start
    stats = [q for q in qs if q.is_statistic and q.kind != "duration" and seg.span.contains(q.span)]
    np_figs = [(q.span.start - o, q.span.end - o) for q in qs
               if (not q.is_statistic or q.kind == "duration") and seg.span.contains(q.span)]
    if not stats:
        return {}
    got = bind(_grammar(lexicons), seg.text, [(q.span.start - o, q.span.end - o) for q in stats], np_figs)
    return {id(q): c for q, c in zip(stats, got)}


def _concept_key(seg: Segment, c, rule: Rule, units: frozenset[str]) -> tuple[str, ...] | None:
    """The counted noun phrase a figure measures, folded ("syrian", "refugee"), with the
    complement that says which one ("contribution *of foreign trade*"); None when the figure is
    not bound to a counted noun, or the noun is only generic or a unit."""
    if c is None or c.role != "level" or c.via != "counted":
        return None
    generic = _folded(tuple(cue_words(rule, "generic_nouns")))
    words = tuple(_fold(w) for w in _WORD.findall(c.text))
    if not words or all(w in generic for w in words) or words[-1] in units:
        return None
    return words + _complement(seg.text[c.span.end:], rule)


def _complement(tail: str, rule: Rule) -> tuple[str, ...]:
    """The words of an "of"/"for" phrase right after the concept, up to a word that ends a noun
    phrase or punctuation (at most four): ("of", "foreign", "trade")."""
    m = re.match(r"\s+(\w+)", tail)
    if not m or not cue(rule, "complement_words").fullmatch(m.group(1)):
        return ()
    ends = cue(rule, "phrase_ends")
    out = [m.group(1).lower()]
    for w in re.match(r"[^.,;:()]*", tail[m.end():]).group().split()[:4]:  # type: ignore[union-attr]
        if ends.fullmatch(w):
            break
        out.append(_fold(w))
    return tuple(out) if len(out) > 1 else ()


def _subject(seg: Segment, q: Quantity, after_concept: int, rule: Rule) -> str | None:
    """The name the figure is about: the nearest capitalised word before it in the sentence (else
    the nearest after what it counts), possessives and plurals folded ("Kenya's" -> "kenya")."""
    ignore = {w.lower() for w in cue_words(rule, "not_names")}
    rel_start = q.span.start - seg.span.start
    after_noun = max(q.span.end, after_concept) - seg.span.start
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
    time_cue = cue(rule, "time_words")
    source_cue = cue(rule, "attribution")
    units = _lexicon_units(ctx.lexicons) | _folded(tuple(cue_words(rule, "unit_words")))
    # A figure can repeat only if a word follows it (what it counts) and another sentence has a
    # figure of its kind and unit: only those sentences are bound.
    maybe: dict[Segment, list[tuple[Quantity, tuple]]] = {}
    for seg in ctx.body():
        if not seg.dated:
            continue
        for q in ctx.quantities(seg):
            if q.kind not in KINDS or q.direction or q.change or q.qualifier.value == "range":
                continue
            w = _WORD_NEXT.match(ctx.doc.text, q.span.end)
            if w:
                maybe.setdefault(seg, []).append((q, (q.kind, q.unit, _fold(w.group(1)))))
    seen: dict[tuple, set[int]] = {}
    for seg, qs in maybe.items():
        for _, k in qs:
            seen.setdefault(k, set()).add(seg.span.start)
    items = []
    for seg, found in maybe.items():
        cands = [q for q, k in found if len(seen[k]) > 1]
        if not cands:
            continue
        concepts = _concepts(seg, ctx.quantities(seg), ctx.lexicons)
        for q in cands:
            c = concepts.get(id(q))
            key = _concept_key(seg, c, rule, units)
            if key is None:
                continue
            after = seg.span.start + c.span.end  # type: ignore[union-attr]
            items.append((seg, q, key, _subject(seg, q, after, rule), c.text))  # type: ignore[union-attr]
    return _pairs(ctx, rule, items, time_cue, source_cue)


def _pairs(ctx: Context, rule: Rule, items: list, time_cue, source_cue) -> list[Finding]:
    """Each figure (in text order) against the later ones it cannot agree with; each later figure
    is reported once. Figures are grouped first by what must be equal (concept, kind, unit,
    subject, attribution, the dates of their sentences) and, in a group, by interval, so a text
    that repeats one claim n times costs n steps, not n squared (SECURITY.md, Drafts)."""
    groups: dict[tuple, dict] = {}
    member: list[tuple | None] = []
    for seg, q, key, subject, _ in items:
        if subject is None or time_cue.search(seg.text):
            member.append(None)  # a figure with a time word, or with no subject, is not compared
            continue
        g = (key, q.kind, q.unit, subject, bool(source_cue.search(seg.text)), frozenset(_times(ctx, seg)))
        member.append((g, interval(q)))
    for i, m in enumerate(member):
        if m is not None:
            groups.setdefault(m[0], {}).setdefault(m[1], deque()).append(i)
    out: list[Finding] = []
    for i, m in enumerate(member):
        if m is None:
            continue
        s1, q1, _, _, noun = items[i]
        classes = groups[m[0]]
        hits: list[int] = []
        for iv, later in list(classes.items()):
            while later and later[0] <= i:  # a figure is compared only with those after it
                later.popleft()
            if later and not iv.overlaps(m[1], strict=True):
                hits.extend(j for j in later if items[j][0].span != s1.span)
                later = classes[iv] = deque(j for j in later if items[j][0].span == s1.span)
            if not later:
                del classes[iv]
        for j in sorted(hits):
            q2 = items[j][1]
            line, _ = ctx.doc.position(q2.span.start)
            msg = message(rule, "repeat", "{first} here, but {second} on line {line} for the same {noun}; "
                          "no rounding reconciles the two.", first=q1.text.strip(" )"), second=q2.text.strip(" )"),
                          line=line, noun=noun)
            out.append(finding(rule, msg, q1, s1, q2.span))
    return out

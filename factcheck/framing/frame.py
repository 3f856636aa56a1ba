"""The five parts of a claim, read from the text around one figure.

- subject: the country the figure is about; a group of countries or a region is not one;
- measure: what the figure measures (its concept) and how it is quoted (periodicity: a month, a
  quarter, part of a year, annualised, a fiscal year, year-end);
- period: the time phrase of the figure's own clause (or the clause it continues), not the first
  year in the sentence;
- modality: a reported actual, or a forecast, target, assumption, hypothetical or condition;
- scope: the whole country, or a sector, a component, a part of the population, a region.

Every word list is a lexicon rule (``rules/lexicon/``: frame_words, modality, scope, aggregates,
period_words, time_anchors); this module only says where in the sentence each is looked for.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, replace
from typing import Any, Callable, Mapping, Sequence

from ..model import Period, Span
from ..timeexpr import TimeRef
from .concept import Binder, Concept, Grammar, tokens

#: Lexicons this module reads, by name.
FRAME_LEXICONS = ("frame_words", "modality", "scope", "aggregates", "period_words")


@dataclass(frozen=True)
class Cue:
    pattern: re.Pattern[str]
    value: Any


def compile_cues(entries: Mapping[str, Any] | None) -> tuple[Cue, ...]:
    out = []
    for key, value in (entries or {}).items():
        out.append(Cue(re.compile(rf"(?<![\w-])(?:{key})(?![\w])", re.IGNORECASE), value))
    return tuple(out)


def first_cue(cues: Sequence[Cue], text: str, start: int = 0, end: int | None = None,
              names: bool = True) -> tuple[Any, re.Match[str]] | None:
    """The earliest match of any cue in text[start:end]. With ``names=False`` a capitalised
    word inside a sentence is a name, not a cue ("the Economic Planning Agency", "the Budget
    Ministry"); all-capital headlines still count."""
    best: tuple[Any, re.Match[str]] | None = None
    end = len(text) if end is None else end
    for c in cues:
        for m in c.pattern.finditer(text, start, end):
            if not names and _is_name(text, m):
                continue
            if best is None or m.start() < best[1].start():
                best = (c.value, m)
            break
    return best


def _is_name(text: str, m: re.Match[str]) -> bool:
    word = m.group(0)
    return (word[:1].isupper() and not word.isupper() and bool(text[:m.start()].strip(" \"'“‘(")))


@functools.lru_cache(maxsize=8)
def _base_pattern(g: Grammar) -> re.Pattern[str]:
    """Words right before a time that make it a comparison's base: frame_words ``base_word``
    ("than", "compared with"), then at most one ``base_filler`` ("in", "the")."""

    def alt(name: str, prefix: str = "") -> str:
        entries = sorted(g.classes.get(name, ()), key=lambda e: (-len(e), e))
        return "|".join(prefix + r"\s+".join(re.escape(w) for w in e) for e in entries) or "(?!)"

    words, filler = alt("base_word", r"\b"), alt("base_filler")
    return re.compile(rf"(?:{words})\s+(?:(?:{filler})\s+)?$", re.I)


@dataclass(frozen=True)
class FrameLexicon:
    modality: tuple[Cue, ...]
    scope: tuple[Cue, ...]
    aggregates: tuple[Cue, ...]
    period_words: tuple[Cue, ...]


@functools.lru_cache(maxsize=8)
def _frame_lexicon(frozen: Any) -> FrameLexicon:
    from ..ruleset.cache import compiled_value
    from .concept import _thaw

    def build() -> FrameLexicon:
        lex = _thaw(frozen)
        return FrameLexicon(compile_cues(lex.get("modality")), compile_cues(lex.get("scope")),
                            compile_cues(lex.get("aggregates")), compile_cues(lex.get("period_words")))

    # Compiling the cue patterns is most of a cold start's framing: cached compiled on disk.
    return compiled_value("frames", repr(frozen), [__file__], build)  # type: ignore[no-any-return]


def frame_lexicon(lex: Mapping[str, Any]) -> FrameLexicon:
    from .concept import freeze

    return _frame_lexicon(freeze({k: lex.get(k) for k in FRAME_LEXICONS[1:]}))


@dataclass(frozen=True)
class Frame:
    """What the text around one figure says about it (offsets are into its sentence)."""

    concept: Concept | None
    #: The figure's own clause.
    clause: Span
    #: The period the figure's clause names (None: none named), and the words that named it.
    period: Period | None = None
    period_text: str = ""
    #: How the figure is quoted when not for a calendar year: quarter, month, day, half,
    #: part_year, annualised, fiscal, year_end (None: nothing says so).
    periodicity: str | None = None
    periodicity_text: str = ""
    #: actual, forecast, target, assumption, hypothetical, condition
    modality: str = "actual"
    modality_text: str = ""
    #: sector, component, part, subnational (None: the whole)
    scope: str | None = None
    scope_text: str = ""
    scope_note: str = ""
    #: "aggregate" when a group of countries or a region is what the figure is about
    subject_kind: str | None = None
    subject_text: str = ""
    #: A later period than this is what the figure speaks of ("8%, up from 5.1% in 1985").
    after: Period | None = None
    #: The sentence's opening adjunct ("At current prices, ..."), which frames every clause.
    adjunct: Span | None = None
    #: The kind of time expression the period was read from (``timeexpr``: "year", "prior" for
    #: "the previous year", "a year earlier", ...; None: no period).
    period_kind: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "concept": self.concept.text if self.concept else None,
            "role": self.concept.role if self.concept else None,
            "via": self.concept.via if self.concept else None,
            "period": self.period.label if self.period else None,
            "periodicity": self.periodicity,
            "modality": self.modality,
            "scope": self.scope,
            "subject_kind": self.subject_kind,
        }


class Outline:
    """A figure's concept, clause and the sentence's opening adjunct (``SentenceFrames.outline``):
    the concept at once, the clause and adjunct when first read."""

    __slots__ = ("_fi", "_sf", "concept")

    def __init__(self, sf: SentenceFrames, fi: int) -> None:
        self._sf, self._fi = sf, fi
        self.concept: Concept | None = sf.concepts[fi]

    @property
    def clause(self) -> Span:
        sf = self._sf
        a, b = sf.clause_of(sf.pos[self._fi])
        return sf._span(a, b)

    @property
    def adjunct(self) -> Span | None:
        return self._sf.adjunct


class SentenceFrames:
    """Frames for every figure of one sentence."""

    def __init__(self, grammar: Grammar, lex: FrameLexicon, text: str, figures: Sequence[tuple[int, int]],
                 np_figures: Sequence[tuple[int, int]], times: Sequence[TimeRef] | Callable[[], Sequence[TimeRef]],
                 as_of: dt.date | None, headline: bool = False,
                 names: Sequence[tuple[int, int]] | Callable[[], Sequence[tuple[int, int]]] = ()):
        """``times`` and ``names`` may be given as functions, called when the frames first need
        them (a sentence whose figures no rule takes is never asked for its times)."""
        self.g, self.lex, self.text = grammar, lex, text
        self._names, self._times = names, times
        self.figures = list(figures)
        self.toks = tokens(text, figures, np_figures, grammar)
        self.binder = Binder(grammar, text, self.toks, len(figures))
        self.concepts = self.binder.run()
        self.as_of = as_of
        self.headline = headline
        self.pos = self.binder.pos
        #: the base period of a figure compared with an earlier time ("3% higher than in 1985")
        self._bases: dict[int, Period | None] = {}
        #: figures whose own clause names their period
        self._own: set[int] = set()
        #: first_cue of this sentence by cue list and stretch: figures of one clause ask alike
        self._cue_memo: dict[tuple[int, int, int | None, bool], tuple[Any, re.Match[str]] | None] = {}
        #: the aggregate a stretch of the sentence names (``_aggregate``), by stretch
        self._aggregates: dict[tuple[int, int], str | None] = {}

    def _first_cue(self, cues: Sequence[Cue], start: int = 0, end: int | None = None,
                   names: bool = True) -> tuple[Any, re.Match[str]] | None:
        """``first_cue`` in this sentence, once for each cue list and stretch of it."""
        key = (id(cues), start, end, names)
        if key not in self._cue_memo:
            self._cue_memo[key] = first_cue(cues, self.text, start, end, names)
        return self._cue_memo[key]

    @functools.cached_property
    def clauses(self) -> list[tuple[int, int]]:
        """Token index ranges [a, b) of the clauses (split when a figure's clause is first read:
        ranking the rules seldom reads it)."""
        return self._clauses()

    @functools.cached_property
    def adjunct(self) -> Span | None:
        """The sentence's opening adjunct (``_leading_adjunct``)."""
        return self._leading_adjunct()

    @functools.cached_property
    def names(self) -> list[tuple[int, int]]:
        """Where the sentence names a country ("South Africa" holds no region "Africa")."""
        return list(self._names() if callable(self._names) else self._names)

    @functools.cached_property
    def times(self) -> list[TimeRef]:
        """The sentence's time expressions."""
        return list(self._times() if callable(self._times) else self._times)

    # -- clauses ------------------------------------------------------------------------------
    def _boundary(self, k: int) -> bool:
        t = self.toks[k]
        if t.fig >= 0 or t.np_fig:
            return False
        if t.text in ("(", ")") and self._short_paren(k):
            return False  # "(GDP)", "(base 1985)": part of the phrase, not a clause
        if t.text in (",", ";", ":", "(", ")", "—", "–") or t.text == "-" and k > 0 and self.toks[k - 1].end < t.start:
            return True
        if not t.word:
            return False
        g = self.g
        if k in self._in_adverb:
            return False  # "as a whole", "in real terms": one adverb, not a clause opener
        if g.is_(t, "clause_word") or g.is_(t, "relative") and not g.has(t.low, "bound_relative"):
            return True
        n = g.starting(self.toks, k, "comparison")
        return bool(n) and not g.has(t.low, "comparison_inline") or g.has(t.low, "comparison_opener")

    def _short_paren(self, k: int) -> bool:
        step = 1 if self.toks[k].text == "(" else -1
        close = ")" if step == 1 else "("
        for j in range(k + step, k + step * 6, step):
            if not 0 <= j < len(self.toks):
                return False
            t = self.toks[j]
            if t.text == close:
                return True
            if t.fig >= 0 or t.text in ("(", ")", ",", ";"):
                return False
        return False

    def _adverbs(self) -> set[int]:
        """Tokens inside a multi-word adverb that ends at most three tokens after them: the
        adverb's own words ("as a whole"), which open no clause (``_boundary``)."""
        out: set[int] = set()
        for j in range(len(self.toks)):
            n = self.g.ending(self.toks, j, "adverb")
            if n > 1:
                out.update(range(max(j - n + 1, j - 3), j + 1))
        return out

    def _clauses(self) -> list[tuple[int, int]]:
        """Token index ranges [a, b) of the clauses."""
        self._in_adverb = self._adverbs()
        out = []
        a = 0
        for k in range(len(self.toks)):
            if self._boundary(k):
                if k > a:
                    out.append((a, k))
                a = k + 1 if not self.toks[k].word else k
        if a < len(self.toks):
            out.append((a, len(self.toks)))
        return out

    def clause_of(self, k: int) -> tuple[int, int]:
        for a, b in self.clauses:
            if a <= k < b:
                return a, b
        return k, k + 1

    def _span(self, a: int, b: int) -> Span:
        if a >= b:
            return Span(0, 0)
        return Span(self.toks[a].start, self.toks[b - 1].end)

    def _leading_adjunct(self) -> Span | None:
        """"In the fourth quarter, ..." / "Compared with a year earlier, ...": an opening phrase
        with no figure and no verb, which dates every clause of the sentence."""
        for k, t in enumerate(self.toks):
            if t.text == ",":
                chunk = self.toks[:k]
                if 0 < k <= 10 and chunk and chunk[0].word and (self.g.is_(chunk[0], "preposition") or self.g.has(
                        chunk[0].low, "adjunct_opener")) and not any(
                        x.fig >= 0 or self.g.verb(x) in ("change", "level") for x in chunk):
                    return Span(chunk[0].start, chunk[-1].end)
                return None
        return None

    # -- the parts ----------------------------------------------------------------------------
    def outline(self, fi: int) -> Outline:
        """The figure's concept, clause and the sentence's opening adjunct, the rest of its frame
        unread (``frame``): what ranking the metric rules for a figure reads
        (``claims.MetricRule.fits``: its concept, and the clause that names what it counts). The
        clause and the adjunct are read when first asked for."""
        return Outline(self, fi)

    def frame(self, fi: int) -> Frame:
        k = self.pos[fi]
        c = self.concepts[fi]
        a, b = self.clause_of(k)
        clause = self._span(a, b)
        period, ptext, pkind = self._period(fi, k, a, b, c)
        per, per_text = self._periodicity(fi, c, clause, period)
        mod, mod_text = self._modality(fi, c, clause, period, per)
        scope, scope_text, scope_note = self._scope(c, clause)
        kind, kind_text = self._aggregate(c, clause)
        return Frame(c, clause, period, ptext, per, per_text, mod, mod_text, scope, scope_text, scope_note, kind,
                     kind_text, adjunct=self.adjunct, period_kind=pkind)

    def frames(self) -> list[Frame]:
        out = [self.frame(i) for i in range(len(self.figures))]
        out = [replace(f, after=self._bases[i]) if f.period is None and self._bases.get(i) is not None else f
               for i, f in enumerate(out)]
        return self._later_than(self._inherit_periodicity(out))

    def _inherit_periodicity(self, frames: list[Frame]) -> list[Frame]:
        """"GDP rose 1.1% in the fourth quarter, after falling 1.1% a year earlier": a figure
        that continues another, dated only relative to it, is quoted for the same stretch of time."""
        out = list(frames)
        for j, fj in enumerate(frames):
            c = fj.concept
            if c is None or c.via != "carried" or fj.periodicity is not None:
                continue
            if fj.period is not None and fj.period_kind != "prior":
                continue
            for i in range(j - 1, -1, -1):
                fi = out[i]
                if fi.concept is not None and fi.concept.span == c.span and fi.periodicity is not None:
                    out[j] = replace(fj, periodicity=fi.periodicity, periodicity_text=fi.periodicity_text)
                    break
        return out

    def _time_in(self, span: Span) -> list[TimeRef]:
        return [t for t in self.times if span.start <= t.span.start and t.span.end <= span.end and t.period is not None]

    def _period(self, fi: int, k: int, a: int, b: int, c: Concept | None) -> tuple[Period | None, str, str | None]:
        """The period the figure's clause names, the words that name it, and the kind of time
        expression they are."""
        text = self.text
        clause = self._span(a, b)
        fs, fe = self.figures[fi]
        others = [(s, e) for j, (s, e) in enumerate(self.figures) if j != fi and clause.start <= s < clause.end
                  and not self._same_chain(fi, j)]

        def blocked(t: TimeRef) -> bool:
            # another figure sits between this one and the time, nearer to it
            lo, hi = (fe, t.span.start) if t.span.start >= fe else (t.span.end, fs)
            return any(lo <= s < hi for s, e in others)

        bases = [t for t in self._time_in(clause) if self._base(t)]
        inside = [t for t in self._time_in(clause) if not blocked(t) and t not in bases]
        if bases and not inside:
            self._bases[fi] = bases[0].period
        if inside:
            t = min(inside, key=lambda t: abs(t.span.start - fe) if t.span.start >= fe else abs(fs - t.span.end))
            self._own.add(fi)  # the figure's own clause names its period
            return self._resolve(t, fi), text[t.span.start:t.span.end], t.kind
        # "..., when the economy shrank 1.4%": the time the when-clause hangs on
        first = self.toks[a] if a < len(self.toks) else None
        opener = self.toks[a - 1] if a - 1 >= 0 else None
        g = self.g
        first_when = first is not None and g.has(first.low, "time_clause_opener")
        if first is not None and (first_when or opener is not None and g.has(opener.low, "time_clause_opener")):
            before = [t for t in self.times if t.span.end <= (first.start if first_when else opener.start)
                      and t.period is not None]
            if before:
                t = max(before, key=lambda t: t.span.end)
                if first.start - t.span.end < 30 or opener is not None and opener.start - t.span.end < 30:
                    return self._resolve(t, fi), text[t.span.start:t.span.end], t.kind
        # a year inside the phrase the figure measures: "its 1987 inflation estimate"
        if c is not None:
            inner = self._time_in(c.span)
            if inner:
                return self._resolve(inner[0], fi), text[inner[0].span.start:inner[0].span.end], inner[0].kind
            inner_paren = [(m.start(), m.end()) for m in re.finditer(r"\([^()]*\)", self.text[c.span.start:c.span.end])]
            years = [x for x in self.toks if x.np_fig and c.span.start <= x.start and x.end <= c.span.end
                     and re.fullmatch(r"(?:19|20)\d\d", x.text)
                     and not any(a <= x.start - c.span.start < b for a, b in inner_paren)]
            if years:
                y = int(years[0].text)
                return Period.year(y), years[0].text, "year"
        # the sentence's opening adjunct: "In 1986, ..."
        if self.adjunct is not None:
            lead = self._time_in(self.adjunct)
            if lead:
                return self._resolve(lead[0], fi), text[lead[0].span.start:lead[0].span.end], lead[0].kind
        # a clause that continues another ("and GDP per capita $10,900", ", while unemployment
        # stood at 9.4%"), not one that compares with it: the time of the clause before
        if c is not None and not self._comparison_opened(a) and (self._verbless(a, b) or self._coordinate(a)):
            j = a
            while True:
                prev = self._clause_before(j)
                if prev is None:
                    break
                pa, pb = prev
                inside = [t for t in self._time_in(self._span(pa, pb)) if not self._base(t)]
                if inside:
                    t = inside[-1]
                    return self._resolve(t, fi), text[t.span.start:t.span.end], t.kind
                if self._comparison_opened(pa):
                    break
                j = pa
        return None, "", None

    def _base(self, t: TimeRef) -> bool:
        """Whether words before the time make it the base of a comparison, not the figure's own
        period ("3% higher than in 1985"; frame_words ``base_word``, ``base_filler``)."""
        return bool(_base_pattern(self.g).search(self.text, max(0, t.span.start - 30), t.span.start))

    def _same_chain(self, fi: int, fj: int) -> bool:
        """Two figures of one change: "rose 0.8% to 153.5 in February" (the time dates both)."""
        ci, cj = self.concepts[fi], self.concepts[fj]
        if ci is None or cj is None or ci.span != cj.span:
            return False
        roles = {ci.link, cj.link}
        return "to" in roles and (ci.via != "carried" and cj.via != "carried")

    def _coordinate(self, a: int) -> bool:
        """Whether the clause starting at token ``a`` is joined to the one before as an equal
        ("and ...", "while ...", "but ...")."""
        for k in (a, a - 1):
            t = self.toks[k] if 0 <= k < len(self.toks) else None
            if t is not None and t.word and self.g.has(t.low, "coordinator"):
                return True
        return False

    def _verbless(self, a: int, b: int) -> bool:
        return not any(self.g.verb(t) is not None for t in self.toks[a:b])

    def _clause_before(self, a: int) -> tuple[int, int] | None:
        prev = [(x, y) for x, y in self.clauses if y <= a]
        return prev[-1] if prev else None

    def _comparison_opened(self, a: int) -> bool:
        """Whether the clause is opened by a comparison ("against 2.3% in 1985", "after ...")."""
        for k in (a - 1, a):
            t = self.toks[k] if 0 <= k < len(self.toks) else None
            if t is not None and t.word and (self.g.starting(self.toks, k, "comparison")
                                             or self.g.has(t.low, "time_clause_opener")):
                return True
        return False

    def _resolve(self, t: TimeRef, fi: int) -> Period | None:
        """A period relative to another in the sentence ("the previous year" after "last year")."""
        if t.kind != "prior" or t.period is None:
            return t.period
        others = [x for x in self.times if x is not t and x.period is not None and x.kind != "prior"]
        if not others:
            return t.period
        base = min(others, key=lambda x: abs(x.span.start - t.span.start)).period
        assert base is not None
        try:
            start = base.start.replace(year=base.start.year - 1)
            end = base.end.replace(year=base.end.year - 1)
        except ValueError:  # 29 February
            start = base.start.replace(year=base.start.year - 1, day=28)
            end = base.end.replace(year=base.end.year - 1, day=28)
        label = base.label.replace(str(base.start.year), str(start.year)) if str(base.start.year) in base.label else start.isoformat()
        return Period(start, end, label)

    def _periodicity(self, fi: int, c: Concept | None, clause: Span, period: Period | None) -> tuple[str | None, str]:
        # the figure's clause from the phrase it measures on ("said last week the economy grew
        # 2.5% in 1986" is not weekly), the phrase itself, the opening adjunct
        fs, fe = self.figures[fi]
        start = c.span.start if c is not None and clause.start <= c.span.start <= fs else min(fs, clause.start)
        where = [Span(start, max(clause.end, fe))]
        if c is not None:
            where.append(c.span)
        if self.adjunct is not None:
            where.append(self.adjunct)
        for span in where:
            hit = self._first_cue(self.lex.period_words, span.start, span.end)
            if hit is not None:
                value, m = hit
                return str(value), m.group(0)
        if period is not None and (period.end - period.start).days < 300:
            return ("month" if (period.end - period.start).days >= 27 else "day"), period.label
        return None, ""

    def _modality(self, fi: int, c: Concept | None, clause: Span, period: Period | None,
                  periodicity: str | None = None) -> tuple[str, str]:
        past = period is not None and self.as_of is not None and period.end < self.as_of
        if c is not None:
            hit = self._first_cue(self.lex.modality, c.span.start, c.span.end, names=False)
            if hit is not None:
                return str(hit[0]), hit[1].group(0)
        end = len(self.text) if self.headline else clause.end
        hit = self._first_cue(self.lex.modality, 0, end, names=False)
        if hit is not None and not (past and (hit[1].start() < clause.start
                                              or c is not None and c.via == "carried" and fi in self._own)):
            # ("inflation will fall to 2% next year from 2.7% last year", "..., when the cost of
            # living fell 0.2%", "expected to grow 5% this year from 5,000 billion francs last
            # year": a clause of its own, or a figure compared with, for a period already over
            # reports an actual)
            kind = str(hit[0])
            if kind == "hypothetical" and period is not None and self.as_of is not None and period.end > self.as_of:
                kind = "forecast"  # "growth could reach 5% next year"
            return kind, hit[1].group(0)
        if period is not None and self.as_of is not None and (period.start > self.as_of or period.end > self.as_of and (
                period.end - period.start).days >= 360 and periodicity in (None, "fiscal", "year_end")):
            # (a quarter or a month of a year still running may well be over: "in the first
            # quarter of 1995", said in June 1995)
            # a year still running on the text's date (or one to come) has no outcome yet
            return "forecast", f"{period.label} was not over on {self.as_of.isoformat()}"
        return "actual", ""

    def _scope(self, c: Concept | None, clause: Span) -> tuple[str | None, str, str]:
        spans = [c.span] if c is not None else []
        if self.adjunct is not None:
            spans.append(self.adjunct)
        for span in spans:
            hit = self._first_cue(self.lex.scope, span.start, span.end, names=False)
            if hit is not None:
                value, m = hit
                v = value if isinstance(value, Mapping) else {"scope": str(value)}
                return str(v.get("scope")), m.group(0), str(v.get("note", ""))
        return None, "", ""

    def _aggregate(self, c: Concept | None, clause: Span) -> tuple[str | None, str]:
        for span in ([c.span] if c is not None else []) + [clause] + ([self.adjunct] if self.adjunct else []):
            key = (span.start, span.end)
            if key not in self._aggregates:  # figures of one clause ask alike
                self._aggregates[key] = next(
                    (str(cue.value) for cue in self.lex.aggregates for m in cue.pattern.finditer(self.text, *key)
                     if not any(a < m.end() and m.start() < b for a, b in self.names)), None)
            if self._aggregates[key] is not None:
                return "aggregate", self._aggregates[key]
        return None, ""

    def _later_than(self, frames: list[Frame]) -> list[Frame]:
        """"growth of 8%, up from 5.1% in 1985": the 8% speaks of a period after 1985."""
        out = list(frames)
        for j, fj in enumerate(frames):
            cj = fj.concept
            if cj is None or cj.via != "carried" or fj.period is None:
                continue
            for i in range(j - 1, -1, -1):
                fi = frames[i]
                if fi.concept is not None and fi.concept.span == cj.span:
                    if fi.period is None:
                        out[i] = replace(out[i], after=fj.period)
                    break
        return out

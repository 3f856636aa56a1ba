"""Claim framing: quantities x metric rules x entity mentions x time -> Claim[].

A metric rule (rules/metrics/*.yaml) says which quantities it frames (kinds, units, the noun
counted), which words in the sentence make them a claim about its metric (``triggers``, where
``{q}`` stands for the quantity itself: "{q} below the hunger threshold"), who the subject is,
and which reference series decides it. Each quantity gets the rule whose trigger is anchored on
it, else the one whose trigger is nearest.
"""
from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass

import regex
from typing import Any, Iterable, Protocol, Sequence

from .errors import RuleError
from .model import Claim, Document, Period, Quantity, Qualifier, Segment
from .needles import LastFolded, holds, needles
from .ruleset.lexicons import lexicons_of
from .ruleset.loader import Rule, RuleSet
from .timeexpr import NamedPeriod, TimeRef, find_times, named_periods, time_grammar

DEFAULT_WINDOW = 100
#: An exclusion cue this close to the figure vetoes a rule even when its trigger is closer.
EXCLUDE_REACH = 30
_FLIP = {Qualifier.MORE_THAN: Qualifier.LESS_THAN, Qualifier.LESS_THAN: Qualifier.MORE_THAN,
         Qualifier.AT_LEAST: Qualifier.AT_MOST, Qualifier.AT_MOST: Qualifier.AT_LEAST}
#: Subject types a rule accepts unless it says otherwise: capitals stand for governments.
DEFAULT_TYPES = ("name", "code", "place", "region", "other")


class Mention(Protocol):
    start: int
    end: int
    text: str
    iso3: str | None
    alias_type: str
    ambiguous: bool


#: Time bound for one rule pattern on one sentence (seconds). Patterns come from rule files that
#: a newsroom edits; a pattern that backtracks catastrophically must not hang a check.
PATTERN_TIMEOUT = 0.25


@dataclass(frozen=True)
class Trigger:
    """A compiled trigger: either proximity (``near``) or anchored on the quantity (pre/post)."""

    source: str
    near: Any = None
    pre: Any = None
    post: Any = None

    def distance(self, text: str, start: int, end: int) -> int | None:
        """0 when anchored on the quantity; else chars between the quantity and the nearest match."""
        try:
            return self._distance(text, start, end)
        except TimeoutError:
            raise PatternTimeout(self.source) from None

    def _distance(self, text: str, start: int, end: int) -> int | None:
        t = PATTERN_TIMEOUT
        if self.near is None:
            if self.pre is not None and not self.pre.search(text, 0, start, timeout=t):
                return None
            if self.post is not None and not self.post.match(text, end, timeout=t):
                return None
            return 0
        best: int | None = None
        for m in self.near.finditer(text, timeout=t):
            d = start - m.end() if m.end() <= start else (m.start() - end if m.start() >= end else 0)
            best = d if best is None else min(best, d)
        return best


class PatternTimeout(Exception):
    """A rule pattern ran past PATTERN_TIMEOUT on one sentence."""


@functools.lru_cache(maxsize=1024)
def trigger_needles(source: str) -> tuple[str, ...]:
    """Words one of which every sentence the trigger matches in holds (``needles``): of the part
    before ``{q}`` when it has one, else of the part after it, else of the whole."""
    if "{q}" not in source:
        return needles(source, re.IGNORECASE)
    pre, post = (p.strip() for p in source.split("{q}", 1))
    return (needles(pre, re.IGNORECASE) if pre else ()) or (needles(post, re.IGNORECASE) if post else ())


#: ``needles.fold`` of the last sentence (every rule weighs its figures) and of the last phrase a
#: figure measures.
folded = LastFolded()
_folded_phrase = LastFolded()


@functools.lru_cache(maxsize=1024)
def compile_trigger(source: str) -> Trigger:
    """Compile a trigger with the ``regex`` engine (time-bounded matching); ``{q}`` anchors it."""
    flags = regex.I | regex.V0
    if "{q}" not in source:
        return Trigger(source, near=regex.compile(rf"(?<!\w)(?:{source})(?!\w)", flags))
    pre, post = source.split("{q}", 1)
    pre_rx = regex.compile(rf"(?<!\w)(?:{pre.strip()})\s*\Z", flags) if pre.strip() else None
    post_rx = regex.compile(rf"\s*(?:{post.strip()})(?!\w)", flags) if post.strip() else None
    return Trigger(source, pre=pre_rx, post=post_rx)


@dataclass(frozen=True)
class MetricRule:
    """A metric rule; its patterns are compiled on first use (most rules never meet a figure of
    their kind in a given article, and compiling is most of a cold start)."""

    rule: Rule
    kinds: frozenset[str]
    units: frozenset[str | None] | None
    noun_window: int
    window: int

    @classmethod
    def of(cls, rule: Rule) -> "MetricRule":
        q = rule.get("quantity", {})
        return cls(rule, frozenset(q.get("kinds", ["count"])), frozenset(q["units"]) if "units" in q else None,
                   int(q.get("noun_window", 40)), int(rule.get("window", DEFAULT_WINDOW)))

    # Each read once per rule (the rule's data does not change), compiled on first use.
    @functools.cached_property
    def triggers(self) -> tuple[Trigger, ...]:
        return tuple(compile_trigger(t) for t in self.rule.get("triggers", []))

    @functools.cached_property
    def trigger_needles(self) -> tuple[str, ...]:
        """Words one of which any sentence a trigger matches in holds (``needles``; () when some
        trigger has none): a sentence without any is not searched."""
        out: set[str] = set()
        for t in self.rule.get("triggers", []):
            got = trigger_needles(t)
            if not got:
                return ()
            out.update(got)
        return tuple(sorted(out, key=lambda n: (-len(n), n)))

    @functools.cached_property
    def excludes(self) -> tuple[Trigger, ...]:
        return tuple(compile_trigger(t) for t in self.rule.get("exclude", []))

    @functools.cached_property
    def nouns(self) -> Any:
        nouns = self.rule.get("quantity", {}).get("nouns")
        return _nouns(tuple(nouns)) if nouns else None

    @functools.cached_property
    def concept(self) -> dict[str, Any] | None:
        """The rule's ``concept`` section: it frames a figure by what the figure measures."""
        return self.rule.get("concept")

    def concept_rank(self, q: Quantity, fr: Any, seg: Segment | None = None) -> int | None:
        """For a rule with a ``concept``: minus the length of the concept words it matches in the
        phrase the figure measures (the most specific rule wins), or None.

        ``after``: the words right after the figure (or the noun it counts) must match ("of GDP",
        "per 100 people"); ``requires``: words the sentence must hold ("PPP"); ``counted``: a
        unit-like noun the figure may count while its clause names the measure; ``tail``: words
        right after the figure that frame it when the phrase it measures does not ("17% of
        Nigerians are undernourished")."""
        if q.kind not in self.kinds or (self.units is not None and q.unit not in self.units):
            return None
        spec = self.concept or {}
        if fr is None:
            return None
        c = fr.concept
        pattern = spec.get(c.role) if c is not None else None
        tail = spec.get("tail")
        # Only the measure's words or the tail rank a figure (every other test is a veto): a
        # phrase and a sentence that hold none of their words (``needles``) are not searched.
        measured = bool(pattern) and (bool(spec.get("counted"))
                                      or holds(_folded_phrase(c.text), needles(pattern, re.IGNORECASE)))
        if not measured and not (tail and (seg is None or holds(folded(seg.text), needles(tail, re.IGNORECASE)))):
            return None
        text = seg.text if seg is not None else ""
        e = q.span.end - seg.span.start if seg is not None else 0
        if spec.get("after") and not after_pattern(spec["after"]).match(text, e):
            # "169 mobile subscriptions per 100 people": after the noun the figure counts
            c0 = fr.concept
            if not (c0 is not None and c0.via == "counted" and after_pattern(spec["after"]).match(text, c0.span.end)):
                return None
        # a rule that requires its words ("PPP") is more specific than one with the same measure
        # that does not: it wins a tie
        bonus = 0
        if spec.get("requires"):
            # anywhere in the sentence: "Measured at PPP, Egypt's GDP per person was $17,530"
            if seg is None or not concept_pattern(spec["requires"]).search(seg.text):
                return None
            bonus = 1
        if pattern:
            m = concept_pattern(pattern).search(c.text)
            if m:
                return -len(m.group(0)) - bonus
            if spec.get("counted") and seg is not None and self._names_counted(c, fr, seg, q, pattern):
                return -len(c.text) - bonus
        if tail:
            m = after_pattern(tail).match(text, e)
            if m:
                return -len(m.group(0).strip()) - bonus
        return None

    def _names_counted(self, c: Any, fr: Any, seg: Segment, q: Quantity, pattern: str) -> bool:
        """"the infant mortality rate stood at 50 deaths per 1,000": the figure counts a unit-like
        noun (the rule's ``counted``), and its own clause names the measure before it."""
        if c.via != "counted" or not concept_pattern(self.concept["counted"]).fullmatch(c.text):
            return False
        s = q.span.start - seg.span.start
        return concept_pattern(pattern).search(seg.text, fr.clause.start, s) is not None

    def tail_concept(self, q: Quantity, fr: Any, seg: Segment) -> Any:
        """The concept a ``tail`` frames the figure with, when the phrase it measures does not
        match the rule (offsets in the sentence), or None."""
        from .framing.concept import Concept
        from .model import Span

        spec = self.concept or {}
        c = fr.concept if fr is not None else None
        if c is not None and spec.get(c.role) and concept_pattern(spec[c.role]).search(c.text):
            return None
        if not spec.get("tail"):
            return None
        e = q.span.end - seg.span.start
        m = after_pattern(spec["tail"]).match(seg.text, e)
        if m is None:
            return None
        a = e + len(m.group(0)) - len(m.group(0).lstrip())
        return Concept(seg.text[a:m.end()], Span(a, m.end()), "level", "tail")

    def fits(self, q: Quantity, seg: Segment, mentions: list[Any], fr: Any = None,
             words: "ClaimWords | None" = None) -> int | None:
        """Rank of this rule for the quantity (lower is better), or None when it does not apply."""
        if self.concept is not None:
            return self.concept_rank(q, fr, seg)
        try:
            return self._fits(q, seg, mentions, words or shipped_claim_words())
        except (TimeoutError, PatternTimeout) as ex:
            raise RuleError(f"a pattern ran longer than {PATTERN_TIMEOUT} s on one sentence ({ex or 'nouns'}); "
                            "rewrite it so it cannot backtrack", path=self.rule.path, line=self.rule.line) from None

    def _fits(self, q: Quantity, seg: Segment, mentions: list[Any], words: "ClaimWords") -> int | None:
        if q.kind not in self.kinds or (self.units is not None and q.unit not in self.units):
            return None
        text = seg.text
        gate = self.trigger_needles
        if gate and not holds(folded(text), gate):
            return None  # no trigger can match in the sentence, so none near the figure
        s, e = q.span.start - seg.span.start, q.span.end - seg.span.start
        # The trigger first: it reads only the words around the figure, and most figures have
        # none, so the sentence's entity mentions are seldom needed (every test here is a veto).
        lo, hi = max(0, s - self.window), min(len(text), e + self.window)
        window_text = text[lo:hi]
        ws, we = s - lo, e - lo
        best: int | None = None
        for t in self.triggers:
            d = t.distance(window_text, ws, we)
            if d is not None and d <= self.window:
                best = d if best is None else min(best, d)
        if best is None:
            return None
        subj = self.rule.get("subject", {})
        origin = _origin(text, e, mentions, words) if subj.get("origin") else None
        if subj.get("origin") == "required" and origin is None:
            return None
        if subj.get("origin") == "none" and _origin(text, e, mentions, words) is not None:
            return None
        if subj.get("role") != "origin" and not _fallback_allowed(subj, text):
            types = tuple(subj.get("types", DEFAULT_TYPES))
            if not any((m.iso3 or m.ambiguous) and m.alias_type in types and m is not origin for m in mentions):
                return None
        # The counted noun follows the figure ("3.6 million Syrian refugees"), unless the people
        # were named before it ("Syrian refugees in Turkey number 3.6 million").
        named_before = origin is not None and origin.end <= s
        if self.nouns is not None and not named_before and not self.nouns.search(
                text, e, min(len(text), e + self.noun_window), timeout=PATTERN_TIMEOUT):
            return None
        # An exclusion cue vetoes the rule when it is at least as near the figure as the trigger,
        # or right next to it ("11 provinces home to 13.5 million people" is not a country's).
        for x in self.excludes:
            d = x.distance(window_text, ws, we)
            if d is not None and d <= max(best, EXCLUDE_REACH):
                return None
        return best


@functools.lru_cache(maxsize=512)
def concept_pattern(source: str) -> Any:
    """A concept pattern of a metric rule: whole words, any case, searched in a phrase (a noun
    phrase or a clause of one sentence, so the standard engine's speed is enough)."""
    return re.compile(rf"(?<![\w-])(?:{source})(?![\w])", re.I)


@functools.lru_cache(maxsize=512)
def after_pattern(source: str) -> Any:
    """An ``after`` or ``tail`` pattern: matched right after a figure (white space first), whole
    words, any case."""
    return re.compile(rf"\s*(?:{source})(?![\w])", re.I)


@functools.lru_cache(maxsize=8)
def times_of(ruleset: RuleSet) -> Any:
    """The time grammar of a rule set (``lexicon.time_expressions``), built once."""
    return time_grammar(lexicons_of(ruleset).get("time_expressions"))


@functools.lru_cache(maxsize=8)
def framing_of(ruleset: RuleSet) -> tuple[Any, Any]:
    """The framing grammar and cue lexicons of a rule set, built once."""
    from .framing import frame_lexicon, grammar_from_lexicons

    lex = lexicons_of(ruleset)
    return grammar_from_lexicons(lex), frame_lexicon(lex)


#: The lexicons the claim stage reads besides the framing ones (rules/lexicon/<name>.yaml).
CLAIM_LEXICONS = ("news_agencies", "anaphora", "origin_words", "subject_prepositions", "clause_openers",
                  "date_forms")


@dataclass(frozen=True)
class ClaimWords:
    """The claim stage's word lists, as the patterns it searches with."""

    #: "GENEVA, June 20 (AP) -", "ANKARA, 14 February 2024 —": a dateline (lexicon.news_agencies,
    #: lexicon.date_forms; ``factcheck.dates``).
    dateline: Any  # dates.DatelinePattern: .match(text), compiled on first need
    #: "Its unemployment rate ...": a sentence that speaks of the country before (lexicon.anaphora).
    anaphor: re.Pattern[str]
    #: Between a figure and its origin's demonym: a few plain words (lexicon.origin_words).
    to_origin: re.Pattern[str]
    #: "from (neighbouring) " right before a country (lexicon.origin_words).
    origin_from: re.Pattern[str]
    #: " refugees" right after a demonym (lexicon.origin_words).
    people_after: re.Pattern[str]
    #: A preposition right before a country named after the figure (lexicon.subject_prepositions).
    preposition: re.Pattern[str]
    #: A preposition right before a city or region (lexicon.subject_prepositions).
    place_preposition: re.Pattern[str]
    #: ", which ..." opening a clause (lexicon.clause_openers).
    relative: re.Pattern[str]


def claim_words(lex: Any) -> ClaimWords:
    """Compile the claim lexicons (a name absent from ``lex`` is read from the shipped file)."""
    from .ruleset.lexicons import shipped_lexicon

    return _claim_words(tuple((name, _frozen(lex[name] if name in lex else shipped_lexicon(name)))
                              for name in CLAIM_LEXICONS))


def _frozen(entries: Any) -> Any:
    from .framing.concept import freeze

    return freeze(entries or {})


@functools.lru_cache(maxsize=8)
def _claim_words(frozen: tuple[tuple[str, Any], ...]) -> ClaimWords:
    from .framing.concept import _thaw
    from .ruleset.lexicons import alternation, words

    lex = {name: _thaw(entries) for name, entries in frozen}
    origin, prep = lex["origin_words"], lex["subject_prepositions"]

    def alt(value: Any, between: str = r"\s+") -> str:
        return alternation(words(value), between) or "(?!)"

    from .dates import DatelinePattern, dateline_pattern

    return ClaimWords(
        dateline=DatelinePattern(dateline_pattern(words(lex["news_agencies"]), lex["date_forms"])),
        anaphor=re.compile(rf"\s*(?:{'|'.join(words(lex['anaphora'])) or '(?!)'})\b", re.I),
        to_origin=re.compile(rf"\s+(?:(?!(?:{alt(origin.get('not_between'))})\b)[a-z][\w-]*\s+){{0,2}}", re.I),
        origin_from=re.compile(rf"\b(?:{alt(origin.get('from'))})\s+(?:(?:{alt(origin.get('from_adjective'))})\s+)?$",
                               re.I),
        people_after=re.compile(rf"\s+(?:{alt(origin.get('people'), '[- ]')})\b", re.I),
        preposition=re.compile(rf"\b(?:{alt(prep.get('after_figure'))})\s+(?:(?:{alt(prep.get('article'))})\s+)?$",
                               re.I),
        place_preposition=re.compile(rf"\b(?:{alt(prep.get('before_place'))})\s+(?:(?:{alt(prep.get('article'))})\s+)?$",
                                     re.I),
        relative=re.compile(rf"\s*(?:{alt(lex['clause_openers'].get('words'))})\b", re.I),
    )


@functools.lru_cache(maxsize=1)
def shipped_claim_words() -> ClaimWords:
    """The claim words of the shipped lexicons (for callers without a rule set)."""
    return claim_words({})


@functools.lru_cache(maxsize=8)
def claim_words_of(ruleset: RuleSet) -> ClaimWords:
    """The claim words of a rule set, compiled once."""
    return claim_words(lexicons_of(ruleset))


@functools.lru_cache(maxsize=256)
def _nouns(nouns: tuple[str, ...]) -> Any:
    return regex.compile(rf"(?<!\w)(?:{'|'.join(nouns)})(?!\w)", regex.I)


@functools.lru_cache(maxsize=8)
def metric_rules(ruleset: RuleSet) -> tuple[MetricRule, ...]:
    return tuple(MetricRule.of(r) for r in ruleset.of_kind("metric"))


#: ``_taking``'s reading of a figure with no frame (no concept rule ranks it).
_UNFRAMED = "\0"


class RuleIndex:
    """The metric rules of a rule set, indexed so that each figure is weighed only against those
    that could rank it (``taking``); built once per rule set (``rule_index``)."""

    #: kinds of figure kept at most (kind, unit, role and the needles its sentence and phrase hold)
    KEPT = 4096

    def __init__(self, rules: tuple[MetricRule, ...]) -> None:
        self.rules = rules
        self._memo: dict[tuple[Any, ...], tuple[MetricRule, ...]] = {}
        self._role_needles: dict[str | None, tuple[str, ...]] = {}
        self._buckets: dict[tuple[str, str | None], tuple[tuple[MetricRule, ...], tuple[str, ...]]] = {}

    def bucket(self, kind: str, unit: str | None) -> tuple[tuple[MetricRule, ...], tuple[str, ...]]:
        """The rules whose quantity kinds and units admit a figure of ``kind`` and ``unit``, with
        every needle their triggers and tails look for in a sentence (read for the kinds of figure
        a text holds: a rule's patterns are read when a figure of its kind is first met)."""
        key = (kind, unit)
        got = self._buckets.get(key)
        if got is None:
            rules = tuple(r for r in self.rules if kind in r.kinds and (r.units is None or unit in r.units))
            got = self._buckets[key] = (rules, tuple(sorted({n for r in rules for n in _sentence_needles(r)})))
        return got

    def role_needles(self, role: str | None) -> tuple[str, ...]:
        """Every needle of the concept rules' words for ``role`` (looked for in a phrase)."""
        got = self._role_needles.get(role)
        if got is None:
            got = self._role_needles[role] = tuple(sorted({
                n for r in self.rules if r.concept is not None and role is not None and r.concept.get(role)
                for n in needles(r.concept[role], re.IGNORECASE)}))
        return got

    def taking(self, q: Quantity, outline: Any, sentence: frozenset[str],
               bucket: tuple[tuple[MetricRule, ...], tuple[str, ...]]) -> tuple[MetricRule, ...]:
        """The rules, in order, that could rank ``q`` (``fits`` is None for any other): those whose
        quantity kinds and units admit it; of the trigger rules those whose sentence holds a word
        of a trigger (``trigger_needles``); of the concept rules (none when the figure has no
        frame) those with words for the role of the phrase it measures (``concept.level``,
        ``concept.change``) that the phrase may hold, or a ``tail`` the sentence may hold.
        ``bucket``: the figure's (``bucket``); ``sentence``: the needles of the bucket the sentence
        holds. Most figures are weighed against a rule or two, not all."""
        if outline is None:
            role, phrase = _UNFRAMED, frozenset()
        elif outline.concept is None:
            role, phrase = None, frozenset()
        else:
            role = outline.concept.role
            folded_phrase = _folded_phrase(outline.concept.text)
            phrase = frozenset(filter(folded_phrase.__contains__, self.role_needles(role)))
        key = (q.kind, q.unit, role, phrase, sentence)
        got = self._memo.get(key)
        if got is None:
            if len(self._memo) > self.KEPT:
                self._memo.clear()
            got = self._memo[key] = tuple(r for r in bucket[0] if _may_rank(r, role, phrase, sentence))
        return got


def _sentence_needles(r: MetricRule) -> tuple[str, ...]:
    if r.concept is None:
        return r.trigger_needles
    tail = r.concept.get("tail")
    return needles(tail, re.IGNORECASE) if tail else ()


def _may_rank(r: MetricRule, role: str | None, phrase: frozenset[str], sentence: frozenset[str]) -> bool:
    """Whether ``fits`` may rank the figure (False only where it is surely None); ``r`` is of the
    figure's bucket, so its kinds and units admit it."""
    if r.concept is None:  # a trigger rule: a sentence without a word of its triggers has none near the figure
        gate = r.trigger_needles
        return not gate or not sentence.isdisjoint(gate)
    if role == _UNFRAMED:
        return False
    spec = r.concept
    pattern = spec.get(role) if role is not None else None
    if pattern:
        gate = needles(pattern, re.IGNORECASE)
        if spec.get("counted") or not gate or not phrase.isdisjoint(gate):
            return True
    tail = spec.get("tail")
    if tail:
        gate = needles(tail, re.IGNORECASE)
        return not gate or not sentence.isdisjoint(gate)
    return False


@functools.lru_cache(maxsize=8)
def rule_index(ruleset: RuleSet) -> RuleIndex:
    """The metric rules of a rule set, indexed (``RuleIndex``), once."""
    return RuleIndex(metric_rules(ruleset))


@functools.lru_cache(maxsize=8)
def periods_of(ruleset: RuleSet) -> tuple[NamedPeriod, ...]:
    """Named periods from every ``periods`` lexicon rule."""
    out: list[NamedPeriod] = []
    for r in ruleset.of_kind("lexicon"):
        if r.get("lexicon") == "periods":
            out.extend(named_periods(r.get("entries", {})))
    return tuple(out)


def frame(doc: Document, segments: Sequence[Segment], quantities: Iterable[tuple[Segment, Quantity]],
          ruleset: RuleSet, mentions_of: Any) -> tuple[list[Claim], list[tuple[Segment, Quantity]]]:
    """Claims for the quantities some metric rule frames, and the statistics no rule framed.

    ``mentions_of(text)`` lists the entity mentions of a sentence (reference.entities).
    """
    from .framing import frame_segments, is_denominator

    index = rule_index(ruleset)
    held: dict[tuple[int, int], frozenset[str]] = {}  # by sentence and bucket: the needles it holds
    named = periods_of(ruleset)
    words = claim_words_of(ruleset)
    claims: list[Claim] = []
    unframed: list[tuple[Segment, Quantity]] = []
    # What the whole text says of countries, found when a claim first needs it: most documents
    # frame no claim, and their sentences without figures need no mentions.
    ranked_countries = functools.cache(lambda: _document_countries(segments, mentions_of))
    doc_subject = functools.cache(lambda: _main_country(segments, mentions_of))
    found_mentions: dict[int, list[Any]] = {}
    found_times: dict[int, list[TimeRef]] = {}
    quantities = list(quantities)
    spans_by_segment: dict[int, list[Quantity]] = {}
    for seg, q in quantities:
        spans_by_segment.setdefault(seg.span.start, []).append(q)
    previous = functools.cache(lambda: _previous_countries(segments, mentions_of, words))

    # A sentence's entity mentions and its time expressions, each found when first needed (the
    # times only when one of its figures becomes a claim, or its frame is read).
    def mentions_in(seg: Segment) -> list[Any]:
        key = seg.span.start
        if key not in found_mentions:
            found_mentions[key] = _without_dateline(seg.text, mentions_of(seg.text), words)
        return found_mentions[key]

    def times_in(seg: Segment) -> list[TimeRef]:
        key = seg.span.start
        if key not in found_times:
            times = find_times(seg.text, doc.as_of, named, times_of(ruleset))
            line = words.dateline.match(seg.text) if times else None
            if line is not None:  # "ANKARA, 20 February 2020 -": when it was filed, not what a figure is for
                times = [t for t in times if t.span.start >= line.end()]
            found_times[key] = times
        return found_times[key]

    def sentence_mentions(seg: Segment) -> list[Any]:
        """The sentence's mentions, with the country the sentence before named when this one
        opens on a pronoun for it ("Its unemployment rate ...")."""
        mentions, key = mentions_in(seg), seg.span.start
        if words.anaphor.match(seg.text) and previous().get(key):
            mentions = [*mentions, previous()[key]]
        return mentions

    frames = frame_segments(segments, quantities, lexicons_of(ruleset), doc.as_of, times_in,
                            lambda seg: [(m.start, m.end) for m in mentions_in(seg) if m.iso3], framing_of(ruleset))
    for seg, q in quantities:
        if is_denominator(seg.text, q.span.start - seg.span.start):
            continue  # "per 1,000 live births": the base of another figure's rate
        key = seg.span.start
        # the sentence's mentions, found when a rule first reads them (a trigger rule whose
        # trigger is near the figure; concept rules never do)
        lazy = _Found(functools.partial(sentence_mentions, seg))
        outline = frames.outline(id(q))  # ranking reads the concept and clause; the frame is read for a claim
        bucket = index.bucket(q.kind, q.unit)
        present = held.get((key, id(bucket)))
        if present is None:
            folded_text = folded(seg.text)
            present = held[(key, id(bucket))] = frozenset(filter(folded_text.__contains__, bucket[1]))
        ranked = [(r, rank) for r in index.taking(q, outline, present, bucket)
                  if (rank := r.fits(q, seg, lazy, outline, words)) is not None]
        if not ranked:
            if q.is_statistic:
                unframed.append((seg, q))
            continue
        mentions = lazy.found()
        fr = frames.get(id(q))
        mr = min(ranked, key=lambda x: x[1])[0]
        if mr.concept is not None:
            assert fr is not None
            tail = mr.tail_concept(q, fr[0], seg)
            if tail is not None:  # "17% of Nigerians are undernourished": what follows the figure frames it
                fr = (dataclasses.replace(fr[0], concept=tail), fr[1])
            claims.append(_framed_claim(doc, seg, q, mr.rule, mentions, fr[0], fr[1], doc_subject(),
                                        previous().get(key) if words.anaphor.match(seg.text) else None, words))
            continue
        times = times_in(seg)
        since = next((t.since for t in times if t.since is not None), None)
        times = [t for t in times if _applies(t, q, spans_by_segment[seg.span.start], seg.span.start, seg.text, words)]
        claim = _claim(doc, seg, q, mr.rule, mentions, times, ranked_countries()[0] if ranked_countries() else None,
                       ranked_countries(), since, words)
        # Rules framed by their triggers still say nothing of a forecast, a target, an
        # assumption or a figure for a group of countries.
        if fr is not None:
            why = _modality_reason(fr[0]) or (f"the figure is about {fr[0].subject_text}, not one country"
                                                if fr[0].subject_kind == "aggregate" and not claim.subject_text else None)
            if why:
                claim = dataclasses.replace(claim, frame=fr[0], reason=why)
        claims.append(claim)
    return claims, unframed


class _Found(Sequence[Any]):
    """A list found when it is first read (``frame``: a sentence's entity mentions)."""

    def __init__(self, find: Any) -> None:
        self._find, self._got = find, None

    def found(self) -> list[Any]:
        if self._got is None:
            self._got = self._find()
        return self._got

    def __iter__(self) -> Any:
        return iter(self.found())

    def __len__(self) -> int:
        return len(self.found())

    def __getitem__(self, i: Any) -> Any:
        return self.found()[i]


_CLAUSE_BREAK = re.compile(r"[,;:()\u2013\u2014]")
#: A time expression further than this from a figure does not date it.
TIME_REACH = 150


def _applies(t: TimeRef, q: Quantity, others: list[Quantity], offset: int, text: str = "",
             words: ClaimWords | None = None) -> bool:
    """Whether a time expression dates this figure: near enough; no other figure sits between
    them closer to the expression ("nine-year-old conflict ... two rounds of talks in the last
    two weeks": the weeks date the rounds, not the conflict); and, across a clause boundary, no
    other figure shares the expression's own clause ("inflation, which topped 200% at the end of
    last year, stood at 236.7%": the end of last year dates the 200%)."""
    ts, te = t.span.start + offset, t.span.end + offset

    def gap(x: Quantity) -> int:
        return ts - x.span.end if ts >= x.span.end else (x.span.start - te if x.span.start >= te else 0)

    def broken(x: Quantity) -> bool:
        a, b = (x.span.end, ts) if ts >= x.span.end else (te, x.span.start)
        return bool(text) and a < b and bool(_CLAUSE_BREAK.search(text, a - offset, b - offset))

    def parenthetical() -> bool:
        """The time sits in a relative clause (", which topped 200% at the end of last year,")."""
        cut = max(text.rfind(",", 0, t.span.start), text.rfind("(", 0, t.span.start))
        return cut >= 0 and bool((words or shipped_claim_words()).relative.match(text, cut + 1))

    dist = gap(q)
    if dist > TIME_REACH:
        return False
    lo, hi = (q.span.end, ts) if ts >= q.span.end else (te, q.span.start)
    if any(o is not q and o.is_statistic and lo <= o.span.start < hi and gap(o) < dist for o in others):
        return False
    if broken(q) and parenthetical() and any(o is not q and o.is_statistic and not broken(o) for o in others):
        return False
    return True


def _claim(doc: Document, seg: Segment, q: Quantity, rule: Rule, mentions: list[Any], times: list[TimeRef],
           doc_subject: str | None, ranked_countries: Sequence[str] = (), since: Any = None,
           words: ClaimWords | None = None) -> Claim:
    words = words or shipped_claim_words()
    subj = rule.get("subject", {})
    s, e = q.span.start - seg.span.start, q.span.end - seg.span.start
    params: dict[str, str] = {}
    origin = None
    if subj.get("origin") in ("required", "optional"):
        origin = _origin(seg.text, e, mentions, words)
        if origin is not None:
            params["origin"] = origin.iso3
    types = tuple(subj.get("types", DEFAULT_TYPES))
    pool = [m for m in mentions if m.iso3 and m.alias_type in types and m is not origin and not m.ambiguous]
    subject = origin if subj.get("role") == "origin" else _nearest(pool, s, e, seg.text, words)
    subject_iso = subject.iso3 if subject else None
    subject_text = subject.text if subject else None
    if subject is None:
        # An ambiguous name ("Congolese": two countries) is reported, not guessed.
        vague = _nearest([m for m in mentions if m.ambiguous and m.alias_type in types], s, e, seg.text, words)
        if vague is not None:
            params["ambiguous"] = f"{vague.text}: {', '.join(getattr(vague, 'candidates', ()) or ())}"
    other_place = any(m.iso3 and m.end <= s and m.alias_type not in types for m in mentions)
    if (subject_iso is None and "ambiguous" not in params and not other_place and _fallback_allowed(subj, seg.text)
            and doc_subject):
        subject_iso, subject_text = doc_subject, None
    # Time: the expression nearest the quantity in the sentence; else the document's date.
    period: Period | None = None
    period_source = "undated"
    # Nearest first, but a time in the figure's own clause (no comma or semicolon between them)
    # before one across a clause boundary ("The lira, which fell last year, traded at 32.2 on Friday").
    def order(t: TimeRef) -> tuple[bool, int]:
        lo, hi = (e, t.span.start) if t.span.start >= e else (t.span.end, s)
        return (bool(_CLAUSE_BREAK.search(seg.text, lo, hi)), min(abs(t.span.start - e), abs(s - t.span.end)))

    near = sorted(times, key=order)
    if since is not None:  # "since early December" sets the count window for the whole sentence
        params["since"] = since.isoformat()
    for t in near:
        if t.since is not None:
            params["since"] = t.since.isoformat()
        if t.period is not None and period is None:
            period, period_source = t.period, "explicit"
    if period is None and seg.dated and doc.as_of is not None:
        period, period_source = Period.day(doc.as_of), "as_of"
    if not seg.dated and period_source != "explicit":
        period, period_source = None, "undated"
    sentence_countries = [m.iso3 for m in mentions if m.iso3 and not m.ambiguous
                          and m.alias_type in ("name", "code", "demonym", "capital")]
    if doc.as_of is not None and seg.dated:
        params["as_of"] = doc.as_of.isoformat()
    params["countries"] = ",".join(dict.fromkeys(sentence_countries))
    params["context"] = ",".join(dict.fromkeys([*sentence_countries, *[m.iso3 for m in mentions if m.iso3 and
                                                                     not m.ambiguous], *ranked_countries]))
    # Falls are negative: "shrank by 3.3 percent" claims a growth rate of -3.3.
    if q.direction == "down" and rule.get("quantity", {}).get("signed") and q.value > 0:
        q = _negate(q)
    return Claim(q, rule.id, rule.code, rule.get("metric"), subject_iso, subject_text, period, period_source,
                 seg, tuple(sorted(params.items())), reference=_reference(rule))


def _fallback_allowed(subj: dict[str, Any], text: str) -> bool:
    """Whether a figure with no country named may speak of the document's country: the rule
    says ``fallback: document``, and its ``fallback_cue`` (if any) is in the sentence. (A city or
    capital named before the figure blocks it: "Tokyo, home to 37 million".)"""
    if subj.get("fallback", "document") != "document":
        return False
    cue = subj.get("fallback_cue")
    return cue is None or compile_trigger(cue).near.search(text, timeout=PATTERN_TIMEOUT) is not None


def _negate(q: Quantity) -> Quantity:
    return dataclasses.replace(q, value=-q.value, low=-q.high, high=-q.low, qualifier=_FLIP.get(q.qualifier, q.qualifier))


def _origin(text: str, end: int, mentions: list[Any], words: ClaimWords) -> Any:
    """Where the counted people come from: a demonym or name right before the noun ("3.7
    million Syrian refugees"), or "from <country>" after it ("refugees from Syria"). Between a
    figure and the demonym: at most two plain words ("some 785,000 registered Syrians"), none of
    them the counted noun itself (lexicon.origin_words)."""
    for m in mentions:
        if (m.iso3 and not m.ambiguous and m.start >= end and m.alias_type in ("demonym", "name", "code")
                and words.to_origin.fullmatch(text, end, m.start) and not text.startswith("'s", m.end)):
            return m
    for m in mentions:
        if m.iso3 and end <= m.start <= end + 60 and words.origin_from.search(text, 0, m.start):
            return m
    # "Syrian refugees in Turkey number 3.6 million": the people named before the figure.
    start = _figure_start(text, end)
    for m in mentions:
        if (m.iso3 and not m.ambiguous and m.alias_type == "demonym" and start - 80 <= m.start < start
                and words.people_after.match(text, m.end)):
            return m
    return None


def _figure_start(text: str, end: int) -> int:
    """Where the figure ending at ``end`` starts (its number and the words before it that are
    part of it do not matter here: only what lies before the figure is searched)."""
    i = end
    while i > 0 and not text[i - 1].isspace():
        i -= 1
    return i


def _nearest(pool: list[Any], s: int, e: int, text: str = "", words: ClaimWords | None = None) -> Any:
    """The mention nearest the quantity, preferring one before it (the sentence's subject).

    A name after the figure counts only after a preposition ("85 million people in Turkey");
    "The country of 85 million hosts 3.2 million Syrian refugees" is not about Syria."""
    before = [m for m in pool if m.end <= s]
    if before:
        return max(before, key=lambda m: m.end)
    preposition = (words or shipped_claim_words()).preposition
    after = [m for m in pool if m.start >= e and (not text or preposition.search(text, 0, m.start))]
    return min(after, key=lambda m: m.start) if after else None


def _without_dateline(text: str, mentions: list[Any], words: ClaimWords) -> list[Any]:
    """"GENEVA, June 20 (AP) -" or "ANKARA (Reuters) -": where the story was filed, not its subject."""
    m = words.dateline.match(text)
    return [x for x in mentions if x.start >= m.end()] if m else mentions


@dataclass(frozen=True)
class _Carried:
    """A country mention carried over from the sentence before ("Germany's economy shrank.
    Its unemployment rate rose to 3.1%."), placed at the start of the sentence."""

    start: int
    end: int
    text: str
    iso3: str
    alias_type: str
    ambiguous: bool = False
    candidates: tuple[str, ...] = ()


def _previous_countries(segments: Sequence[Segment], mentions_of: Any, words: ClaimWords) -> dict[int, Any]:
    """For each sentence, the first country the sentence before it (same paragraph) names (a
    sentence that opens on a pronoun for a country, lexicon.anaphora, speaks of that one)."""
    out: dict[int, Any] = {}
    last: tuple[int, Any] | None = None
    for seg in segments:
        if last is not None and last[0] == seg.paragraph and last[1] is not None:
            m = last[1]
            out[seg.span.start] = _Carried(0, 0, m.text, m.iso3, m.alias_type, False, (m.iso3,))
        found = [m for m in _without_dateline(seg.text, mentions_of(seg.text), words)
                 if m.iso3 and not m.ambiguous and m.alias_type in ("name", "code", "demonym")]
        last = (seg.paragraph, found[0] if found else None)
    return out


def _document_countries(segments: Sequence[Segment], mentions_of: Any) -> list[str]:
    """Countries the document's dated text names, most mentioned first."""
    counts: dict[str, int] = {}
    for seg in segments:
        if not seg.dated:
            continue
        for m in mentions_of(seg.text):
            if m.iso3 and not m.ambiguous and m.alias_type in ("name", "code", "demonym", "capital", "place"):
                counts[m.iso3] = counts.get(m.iso3, 0) + 1
    return sorted(counts, key=lambda k: -counts[k])


def _main_country(segments: Sequence[Segment], mentions_of: Any) -> str | None:
    """The country a document is about, when one clearly is: the most named country (by name,
    code or demonym) when it is named at least twice as often as any other, or when the headline
    and the first sentence name it and no other."""
    counts: dict[str, int] = {}
    lead: set[str] = set()
    body_seen = 0
    for seg in segments:
        if not seg.dated:
            continue
        found = [m.iso3 for m in mentions_of(seg.text) if m.iso3 and not m.ambiguous and m.alias_type in _COUNTRY_TYPES]
        for iso3 in found:
            counts[iso3] = counts.get(iso3, 0) + 1
        if seg.kind == "headline" or body_seen == 0:
            lead.update(found)
        if seg.kind != "headline":
            body_seen += 1
    if not counts:
        return None
    ranked = sorted(counts, key=lambda k: -counts[k])
    top, second = counts[ranked[0]], (counts[ranked[1]] if len(ranked) > 1 else 0)
    if second == 0 or (top >= 2 and top >= 2 * second):
        return ranked[0]
    if lead == {ranked[0]} and top > second:
        return ranked[0]
    return None


#: What an editor reads when a figure is quoted for another stretch of time than the reference's.
PERIODICITY_WORDS = {
    "quarter": "a quarterly figure",
    "month": "a monthly figure",
    "day": "a figure for a day or a week",
    "half": "a half-year figure",
    "part_year": "a figure for part of a year, or for the twelve months to a month",
    "annualised": "an annualised rate for part of a year",
    "fiscal": "a fiscal-year figure",
    "year_end": "a year-end figure",
}
MODALITY_WORDS = {"forecast": "a forecast", "target": "a target", "assumption": "an assumption",
                  "hypothetical": "a hypothetical", "condition": "a condition"}
_COUNTRY_TYPES = ("name", "code", "demonym")
_PLACE_TYPES = ("place", "capital")


def _framed_claim(doc: Document, seg: Segment, q: Quantity, rule: Rule, mentions: list[Any], fr: Any, sf: Any,
                  doc_subject: str | None, carried: Any, words: ClaimWords | None = None) -> Claim:
    """A claim from a rule with a ``concept``: every part read from the figure's frame; ``reason``
    says which part is not settled, in an editor's words."""
    c = fr.concept
    params: dict[str, str] = {}
    subj = rule.get("subject", {})
    types = tuple(subj.get("types", DEFAULT_TYPES))
    reason: str | None = None
    clause = fr.clause

    def inside(m: Any, span: Any) -> bool:
        return span.start <= m.start and m.end <= span.end

    countries = [m for m in mentions if m.iso3 and not m.ambiguous and m.alias_type in _COUNTRY_TYPES]
    in_clause = {m.iso3 for m in countries if inside(m, clause) and not inside(m, c.span)}
    in_concept = {m.iso3 for m in countries if inside(m, c.span)}
    if c.via == "carried" and in_clause:
        # "prices in Spain rose 3.5%, compared with 5.9% in Germany": a figure that continues
        # another is about the country its own clause names, not the one of the phrase it borrows
        in_concept = set()
    in_sentence = {m.iso3 for m in countries}
    places = [m for m in mentions if m.iso3 and m.alias_type in _PLACE_TYPES and (
        inside(m, c.span) or inside(m, clause) and (words or shipped_claim_words()).place_preposition.search(seg.text, 0, m.start))]
    subject: str | None = None
    subject_text: str | None = None
    if fr.subject_kind == "aggregate" and not in_concept:
        reason = f"the figure is about {fr.subject_text}, not one country"
    elif len(in_concept) == 1:
        subject = next(iter(in_concept))
    elif len(in_concept) > 1:
        reason = "the phrase names several countries"
    elif len(in_clause) == 1:
        subject = next(iter(in_clause))
    elif len(in_clause) > 1 or len(in_sentence) > 1:
        names = ", ".join(sorted({m.text for m in countries}))
        reason = f"several countries are named ({names}) and the figure's own words do not say which one"
    elif len(in_sentence) == 1:
        subject = next(iter(in_sentence))
    elif carried is not None:
        subject = carried.iso3
    elif any(m.ambiguous for m in mentions if m.alias_type in types):
        vague = next(m for m in mentions if m.ambiguous and m.alias_type in types)
        reason = f"{vague.text!r} could mean more than one country ({', '.join(getattr(vague, 'candidates', ()) or ())}); name the country"
    elif subj.get("fallback", "document") == "document" and doc_subject and not places:
        subject = doc_subject
    if subject is not None:
        subject_text = next((m.text for m in countries if m.iso3 == subject), None)
    if reason is None and places and not any(t in types for t in _PLACE_TYPES):
        reason = f"the figure is about {places[0].text}, a region or city, not the whole country"
    # Period: the figure's own clause (or the clause it continues); else the text's date.
    period: Period | None = fr.period
    period_source = "explicit" if period is not None else "undated"
    if period is None and seg.dated and doc.as_of is not None:
        period, period_source = Period.day(doc.as_of), "as_of"
    if not seg.dated and fr.period is None:
        period, period_source = None, "undated"
    if doc.as_of is not None and seg.dated:
        params["as_of"] = doc.as_of.isoformat()
    if fr.after is not None:
        params["after"] = fr.after.end.isoformat()
        params["after_label"] = fr.after.label
    params["countries"] = ",".join(dict.fromkeys(m.iso3 for m in countries))
    params["context"] = ",".join(dict.fromkeys([*(m.iso3 for m in countries), *([doc_subject] if doc_subject else [])]))
    if reason is None:
        reason = _unsettled(rule, fr, seg, q)
    if reason is None and fr.period is None:
        base = _compared_base(sf.g, seg.text, q.span.start - seg.span.start)
        if base:
            # "life expectancy now stands at 67 years, up from 52 at the turn of the century": the
            # figure compared with is of an earlier time, which the text does not date
            reason = f"a figure the text compares with ('{base}'), for an earlier time it does not date"
    if reason is None:
        name = _unknown_name(rule, c, seg.text, mentions)
        if name:
            reason = f"the figure is about {name!r}, which the reference data does not know as a country"
    # Falls are negative: "shrank 3.3%", "after a 1.5% contraction" claim a rate of -3.3, -1.5.
    # Only a change read as one (or a change noun: "a 1.5% contraction") takes the sign of its
    # verb; a level does not ("down from 29.5% in 2017" is a rate of 29.5).
    falls = c.role == "change" or (c.verb is not None and c.verb.lower() in sf.g.change_noun)
    direction = c.direction or (q.direction if c.role == "change" else None)
    if falls and direction == "down" and rule.get("quantity", {}).get("signed") and q.value > 0 \
            and not sf.g.has(c.link or "", "unsigned_link"):
        q = _negate(q)
    read_as = rule.get("quantity", {}).get("read_as") or {}
    if q.unit in read_as:
        # the indicator says what the figure's unit stands for: "$8,810" at PPP is international
        # dollars, "16.5 tonnes" of emissions per capita is tonnes per person
        q = dataclasses.replace(q, unit=read_as[q.unit])
    return Claim(q, rule.id, rule.code, rule.get("metric"), subject, subject_text, period, period_source, seg,
                 tuple(sorted(params.items())), frame=fr, reason=reason, reference=_reference(rule))


_WORDS = re.compile(r"[\w'’]+")


def _compared_base(g: Any, text: str, start: int) -> str | None:
    """The comparison words right before the figure ("up from", "compared with"), or None."""
    before = [w.lower() for w in _WORDS.findall(text[max(0, start - 40):start])]
    for entry in sorted(g.classes.get("comparison", ()), key=len, reverse=True):
        if entry and tuple(before[-len(entry):]) == entry:
            return " ".join(entry)
    return None


def _reference(rule: Rule) -> tuple[str, str] | None:
    """The (dataset, indicator) a rule judges against, when it names one series."""
    ref = rule.get("reference") or {}
    return (str(ref["dataset"]), str(ref["indicator"])) if ref.get("dataset") and ref.get("indicator") else None


_TITLE = re.compile(r"(?<![\w'’.-])[A-Z][a-z]+(?:[-'’][A-Za-z]+)*(?![\w-])")


def _unknown_name(rule: Rule, c: Any, text: str, mentions: list[Any]) -> str | None:
    """A proper name in the phrase a figure measures that is neither the rule's own words nor a
    country or place the reference data knows ("the Soviet economy", "Bavarian inflation"): the
    figure is about something else than the country the claim would be judged for."""
    pattern = (rule.get("concept") or {}).get(c.role)
    own = concept_pattern(pattern).search(text, c.span.start, c.span.end) if pattern else None
    for m in _TITLE.finditer(text, c.span.start, c.span.end):
        if m.start() == 0 or not text[:m.start()].strip(" \"'“‘("):
            continue  # a capital that starts the sentence
        if own is not None and own.start() <= m.start() < own.end():
            continue
        if any(x.start <= m.start() < x.end for x in mentions):
            continue
        return m.group(0)
    return None


def _unsettled(rule: Rule, fr: Any, seg: Segment, q: Quantity) -> str | None:
    """Which part of the claim does not match what the reference measures, or None."""
    c = fr.concept
    spec = rule.get("concept") or {}
    where = [c.span, fr.clause] + ([fr.adjunct] if fr.adjunct is not None else [])
    for pattern, why in (spec.get("not") or {}).items():
        rx = concept_pattern(pattern)
        for span in where:
            m = rx.search(seg.text, span.start, span.end)
            if m is not None:
                return f"{m.group(0)}: {why}"
    why = _modality_reason(fr)
    if why:
        return why
    if fr.scope is not None and not _own_words(spec, c, fr.scope_text):
        return f"{fr.scope_text}: {fr.scope_note}"
    if fr.periodicity is not None and fr.periodicity not in spec.get("periodicity_ok", ()):
        what = PERIODICITY_WORDS.get(fr.periodicity, fr.periodicity)
        said = f" ('{fr.periodicity_text}')" if fr.periodicity_text else ""
        return f"{what}{said}; the reference is {spec.get('reference_period', 'for calendar years')}"
    if spec.get("period") == "required" and fr.period is None:
        return f"no year is given for it; {spec.get('period_note', 'the figure is reported for several periods')}"
    return None


def _own_words(spec: dict[str, Any], c: Any, words: str) -> bool:
    """Whether ``words`` (a scope cue: "women") are part of the indicator's own name in the
    phrase the figure measures ("female labour force participation", "seats held by women")."""
    words = words.lower()
    found = []
    if spec.get(c.role):
        found.append(concept_pattern(spec[c.role]).search(c.text))
    if spec.get("tail"):
        found.append(after_pattern(spec["tail"]).match(c.text))
    if spec.get("counted") and c.via == "counted":  # "728 kilograms of oil equivalent": a unit, not a sector
        found.append(concept_pattern(spec["counted"]).fullmatch(c.text))
    return any(m is not None and words in m.group(0).lower() for m in found)


def _modality_reason(fr: Any) -> str | None:
    """"a forecast ('expected'), not a reported figure", or None for a reported actual."""
    if fr.modality == "actual":
        return None
    what = MODALITY_WORDS.get(fr.modality, fr.modality)
    cue = fr.modality_text
    if fr.period is not None and cue.startswith(fr.period.label):
        return f"{what} for {fr.period.label} (the period was not over on the text's date)"
    return f"{what} ('{cue}'), not a reported figure" if cue else f"{what}, not a reported figure"

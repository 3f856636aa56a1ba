"""What every consistency check shares: the context of one document, masked sentences, rule
patterns compiled once, intervals, and the finding builder.

A check matches its rule's patterns against a *masked* sentence: every quantity the extractor
found is replaced by a token ``⟦i⟧`` (its index in the sentence), so a rule writes
``from {q:a} to {q:b}`` without caring how "about 3.7 million" or "40 per cent" was written.
``{q}`` matches any quantity, ``{q:name}`` captures one under ``name``.
"""
from __future__ import annotations

import datetime as dt
import functools
import math
import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator

from .. import fmt
from ..errors import RuleError
from ..model import Document, Finding, Level, Qualifier, Quantity, Segment, Span, Verdict
from ..needles import LastFolded, fold, holds, needles
from ..ruleset.loader import Rule
from ..verdict import claim_interval

INF = math.inf
#: Floating-point slack when comparing interval ends.
EPS = 1e-9
#: Kinds that are figures a sentence can do arithmetic with.
ARITHMETIC_KINDS = frozenset({"count", "money", "percent", "percentage_point", "measure", "fraction", "factor"})
_TOKEN = "⟦{}⟧"
_MARK = _TOKEN[0]
#: Time bound for one rule pattern on one sentence (seconds), as for metric rules.
PATTERN_TIMEOUT = 0.25
_PLACEHOLDER = re.compile(r"\{q(?::(\w+))?\}")


@dataclass(frozen=True)
class Masked:
    """A sentence with its quantities replaced by ``⟦i⟧`` tokens."""

    segment: Segment
    text: str
    quantities: tuple[Quantity, ...]
    #: how many ``⟦`` the text holds (figure tokens): patterns that need more are not searched
    marks: int = 0
    #: the text folded for the needle gate (``needles.fold``; computed when not given)
    folded: str = field(default="", compare=False, repr=False)
    #: the patterns of each rule the text may match, by role (``patterns``), by the rule's key
    _fits: dict[tuple[int, int], tuple[Any, dict[str | None, tuple[Any, ...]]]] = field(
        default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not self.folded and self.text:
            object.__setattr__(self, "folded", fold(self.text))

    def get(self, m: re.Match[str], name: str) -> Quantity | None:
        """The quantity a pattern captured under ``name`` (None when the group did not take part)."""
        i = m.groupdict().get(name)
        return self.quantities[int(i)] if i is not None else None

    def inside(self, m: re.Match[str], group: str) -> list[Quantity]:
        """Every quantity whose token lies inside a captured group (a list of parts)."""
        a, b = m.span(group)
        return [self.quantities[int(i)] for i in re.findall(r"⟦(\d+)⟧", self.text[a:b])]

    def where(self, q: Quantity) -> tuple[int, int]:
        """Masked offsets of a quantity's token."""
        i = next(k for k, x in enumerate(self.quantities) if x is q)
        t = re.search(f"⟦{i}⟧", self.text)
        assert t is not None
        return t.start(), t.end()

    def to_original(self, pos: int) -> int:
        """Document offset of a position in the masked text."""
        shift = 0
        for t in re.finditer(r"⟦(\d+)⟧", self.text):
            if t.start() >= pos:
                break
            q = self.quantities[int(t.group(1))]
            if pos < t.end():
                return q.span.start
            shift += (q.span.end - q.span.start) - (t.end() - t.start())
        return self.segment.span.start + pos + shift

    def span(self, a: int, b: int) -> Span:
        """Document span of masked offsets ``a..b``."""
        return Span(self.to_original(a), max(self.to_original(a), self.to_original(b)))

    def original(self, a: int, b: int) -> str:
        """The sentence text behind masked offsets ``a..b`` (for messages)."""
        return _unmask(self.text[a:b], self.quantities)


def _unmask(s: str, qs: tuple[Quantity, ...]) -> str:
    return re.sub(r"⟦(\d+)⟧", lambda m: qs[int(m.group(1))].text, s)


@dataclass
class Context:
    """One document being checked: its sentences and the quantities in each."""

    doc: Document
    segments: list[Segment]
    placed: list[tuple[Segment, Quantity]]
    catalog: Any = None
    #: Every lexicon's entries by name (the rule set's lexicon rules), for checks that read words
    #: the project's lexicons list (units, currencies, the framing grammar).
    lexicons: dict[str, Any] = field(default_factory=dict)
    #: by the sentence's (start, end): a tuple of ints hashes without calling Python
    _by_segment: dict[tuple[int, int], list[Quantity]] = field(default_factory=dict, init=False, repr=False)
    _masked: dict[tuple[int, int], Masked] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        for seg, q in self.placed:
            self._by_segment.setdefault((seg.span.start, seg.span.end), []).append(q)

    @property
    def as_of(self) -> dt.date | None:
        return self.doc.as_of

    def quantities(self, seg: Segment) -> list[Quantity]:
        """The sentence's quantities; a range written "from A to B" is read as its two figures."""
        out: list[Quantity] = []
        span = seg.span
        for q in self._by_segment.get((span.start, span.end), []):
            out.extend(split_from_to(q, self.doc.text) or [q])
        return out

    def masked(self, seg: Segment) -> Masked:
        span = seg.span
        key = (span.start, span.end)
        got = self._masked.get(key)
        if got is None:
            got = self._masked[key] = mask(seg, self.quantities(seg))
        return got

    def body(self) -> Iterator[Segment]:
        """Segments that are the article's own text (not other articles' headlines)."""
        return (s for s in self.segments if s.kind in ("body", "headline"))

    def span_text(self, span: Span) -> str:
        return self.doc.text[span.start:span.end]


def mask(seg: Segment, quantities: Iterable[Quantity]) -> Masked:
    """Replace each quantity of the sentence by ``⟦i⟧``; nested or overlapping spans keep the longest."""
    chosen: list[Quantity] = []
    for q in sorted(quantities, key=lambda q: (q.span.start, -(q.span.end - q.span.start))):
        if not seg.span.contains(q.span):
            continue
        if chosen and q.span.start < chosen[-1].span.end:
            if q.span.end - q.span.start > chosen[-1].span.end - chosen[-1].span.start:
                chosen[-1] = q
            continue
        chosen.append(q)
    parts, pos = [], seg.span.start
    for i, q in enumerate(chosen):
        parts.append(seg.text[pos - seg.span.start:q.span.start - seg.span.start])
        parts.append(_TOKEN.format(i))
        pos = q.span.end
    parts.append(seg.text[pos - seg.span.start:])
    text = "".join(parts)
    return Masked(seg, text, tuple(chosen), text.count(_MARK))


_FROM_TO = re.compile(r"^from\s+(?P<a>.+?)\s+(?:to|until)\s+(?P<b>.+)$", re.IGNORECASE)
_FIGURE = re.compile(r"(?P<num>\d[\d,]*(?:\.\d+)?)\s?(?P<scale>trillion|billion|million|thousand|bn|mn|tn|m|k)?\b",
                     re.IGNORECASE)
_SCALE = {"trillion": 1e12, "tn": 1e12, "billion": 1e9, "bn": 1e9, "million": 1e6, "mn": 1e6, "m": 1e6,
          "thousand": 1e3, "k": 1e3}


def split_from_to(q: Quantity, text: str) -> list[Quantity] | None:
    """A range written "from A to B" (a change, not a spread) -> A and B, each with its own span
    and precision; None for any other quantity or when a side has no digits.

    Each side keeps what is written before its number ("from about $213 million to ..."): the
    span covers the qualifier and the currency symbol, so a rule pattern sees ``from {q:a}`` and
    not ``from $⟦0⟧``, and the qualifier is the one the extractor reads on that side alone ("about
    100" is not the exact 100). The value comes from the side's digits and scale; a side without a
    scale word takes the other side's ("from 3 to 4 million")."""
    if q.qualifier is not Qualifier.RANGE:
        return None
    m = _FROM_TO.match(q.text)
    if not m:
        return None
    sides = []
    for name in ("a", "b"):
        f = _FIGURE.search(m.group(name))
        if not f:
            return None
        sides.append((name, f))
    scales = [_SCALE.get((f.group("scale") or "").lower(), 1.0) for _, f in sides]
    shared = max(scales)
    out = []
    for (name, f), sc in zip(sides, scales):
        sc = sc if sc != 1.0 else shared
        num = f.group("num").replace(",", "")
        v = float(num) * sc
        u = (10.0 ** -len(num.split(".")[1]) if "." in num else _whole_precision(float(num))) * sc
        start = q.span.start + m.start(name)
        a, b = start + f.start(), start + f.end()
        qual, lead = _side_reading(m.group(name), f.start(), f.end())
        s0 = start + lead
        out.append(Quantity(text=text[s0:b] if text[s0:b] else f.group(), span=Span(s0, b), value=v,
                            low=v - u / 2, high=v + u / 2, unit=q.unit, kind=q.kind, qualifier=qual, precision=u,
                            number_span=Span(a, b)))
    return out


def _side_reading(side: str, fig_start: int, fig_end: int) -> tuple[Qualifier, int]:
    """The qualifier of one side of "from A to B" and where its written figure starts (qualifier
    words and currency symbol included), as the extractor reads the side on its own."""
    from ..extract import extract  # the extractor is the one reader of a written figure

    for r in extract(side, include_all=True):
        if r.span.start <= fig_start < r.span.end:
            return r.qualifier, min(r.span.start, fig_start)
    return Qualifier.EXACT, fig_start


def _whole_precision(v: float) -> float:
    u = 1.0
    v = abs(round(v))
    if v < 100:
        return 1.0
    while v % 10 == 0 and v:
        v //= 10
        u *= 10
    return u


# ---------------------------------------------------------------------------------------------
# Rules as data: patterns, cues, settings, messages

def compile_pattern(source: str, ignore_case: bool = True) -> Any:
    """A rule regex with ``{q}``/``{q:name}`` placeholders -> a pattern of the ``regex`` engine
    (time-bounded matching, as for every rule pattern of the project)."""
    import regex

    def sub(m: re.Match[str]) -> str:
        return f"⟦(?P<{m.group(1)}>\\d+)⟧" if m.group(1) else "⟦\\d+⟧"

    return regex.compile(_PLACEHOLDER.sub(sub, source), (regex.I if ignore_case else 0) | regex.V0)


def min_tokens(source: str, flags: int = 0) -> int:
    """The fewest figure tokens (``⟦i⟧``) any match of a compiled rule regex holds: a sentence
    with fewer cannot match, and is not searched. 0 when the source is not plain ``re`` syntax
    (the ``regex`` engine reads more): then every sentence is searched."""
    import re._constants as c  # the standard library's own reading of a pattern: exact
    import re._parser as parser

    mark = ord(_TOKEN[0])

    def least(sub: Any) -> int:
        n = 0
        for op, av in sub:
            if op is c.LITERAL:
                n += av == mark
            elif op is c.SUBPATTERN:
                n += least(av[3])
            elif op is c.ATOMIC_GROUP:
                n += least(av)
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
                n += av[0] * least(av[2])
            elif op is c.BRANCH:
                n += min(least(b) for b in av[1])
            elif op is c.GROUPREF_EXISTS:
                n += min(least(av[1]), least(av[2]) if av[2] is not None else 0)
        return n

    try:
        return least(parser.parse(source, flags))
    except (re.error, ValueError, OverflowError, RecursionError):  # regex-only syntax (\p{L}, fuzzy
        # matching, ...): every sentence is searched
        return 0


@dataclass(frozen=True)
class Pattern:
    name: str
    role: str
    regex: Any
    data: dict[str, Any]
    path: str = ""
    #: the fewest ``⟦i⟧`` tokens a match holds (``min_tokens``): a text with fewer is not searched
    tokens: int = 0
    #: words one of which every match holds (``needles``): a text with none is not searched
    needles: tuple[str, ...] = ()

    def finditer(self, text: str) -> list[Any]:
        """Every match in ``text``, within PATTERN_TIMEOUT; a pattern that runs longer is a rule error."""
        if self.tokens and text.count(_MARK) < self.tokens:
            return []
        if self.needles and not holds(_folded(text), self.needles):
            return []
        try:
            return list(self.regex.finditer(text, timeout=PATTERN_TIMEOUT))
        except TimeoutError:
            raise RuleError(f"pattern {self.name!r} ran longer than {PATTERN_TIMEOUT} s on one sentence; "
                            "rewrite it so it cannot backtrack", path=self.path) from None

    def fullmatch(self, text: str) -> Any:
        """The match of the whole of ``text`` (or None), within PATTERN_TIMEOUT."""
        if self.tokens and text.count(_MARK) < self.tokens:
            return None
        if self.needles and not holds(_folded(text), self.needles):
            return None
        try:
            return self.regex.fullmatch(text, timeout=PATTERN_TIMEOUT)
        except TimeoutError:
            raise RuleError(f"pattern {self.name!r} ran longer than {PATTERN_TIMEOUT} s on one sentence; "
                            "rewrite it so it cannot backtrack", path=self.path) from None


def _compile_all(rule: Rule) -> tuple[Pattern, ...]:
    out = []
    for i, p in enumerate(rule.get("patterns", [])):
        source = expand(rule, p["regex"])
        try:
            rx = _compiled(source, bool(p.get("ignore_case", True)))
        except Exception as ex:  # regex.error
            raise RuleError(f"pattern {p['name']!r} is not a valid regex: {ex}", path=rule.path,
                            key=f"patterns.{i}.regex") from ex
        out.append(Pattern(p["name"], p["kind"], rx, p, rule.path, _tokens(rx.pattern, rx.flags),
                           needles(rx.pattern, _re_flags(rx.flags))))
    return tuple(out)


def _re_flags(flags: int) -> int:
    """The standard library's flags for a ``regex`` pattern's (case and layout are what a parse reads)."""
    import regex

    return (re.IGNORECASE if flags & regex.I else 0) | (re.VERBOSE if flags & regex.X else 0)


#: ``needles.fold`` of the last text (a sentence is searched by many patterns in a row).
_folded = LastFolded()


@functools.lru_cache(maxsize=1024)
def _compiled(source: str, ignore_case: bool) -> Any:
    return compile_pattern(source, ignore_case)


@functools.lru_cache(maxsize=1024)
def _tokens(source: str, flags: int) -> int:
    import regex

    return min_tokens(source, re.IGNORECASE if flags & regex.I else 0)


#: Compiled patterns by rule, grouped by role, with every needle of the rule's patterns and the
#: patterns of a role a sentence may match (by its figure tokens and the needles it holds). Keyed
#: by the rule object and its data mapping (a configured copy of a rule set has the same rules
#: with other data), each kept in the entry so that a reused id is never taken for them.
_BY_RULE: dict[tuple[int, int], tuple[dict[str, Any], dict[str | None, tuple[Pattern, ...]],
                                      dict[tuple[int, frozenset[str]], dict[str | None, tuple[Pattern, ...]]],
                                      tuple[str, ...], Rule]] = {}
#: Kept per rule at most (kinds of sentence: figure tokens and needles held).
_KINDS_KEPT = 4096


def patterns(rule: Rule, role: str | None = None, within: Masked | None = None) -> tuple[Pattern, ...]:
    """The rule's patterns (optionally of one role, the pattern's ``kind``), compiled once;
    ``within`` a masked sentence, only those it holds enough figure tokens for and one of whose
    words (``needles``) it holds, in their order.

    ``{name}`` in a pattern stands for the rule's string setting ``name`` (``{list}``: a list of
    figures; ``{time}``: a time phrase), expanded until none is left, so a piece of language is
    written once in the rule file and used by every pattern that needs it."""
    key = (id(rule), id(rule.data))
    hit = _BY_RULE.get(key)
    if hit is None or hit[0] is not rule.data or hit[4] is not rule:
        if len(_BY_RULE) > 256:
            _BY_RULE.clear()
        every = _compile_all(rule)
        roles: dict[str | None, tuple[Pattern, ...]] = {None: every}
        for name in {p.role for p in every}:
            roles[name] = tuple(p for p in every if p.role == name)
        hit = (rule.data, roles, {}, tuple(sorted({n for p in every for n in p.needles})), rule)
        _BY_RULE[key] = hit
    if within is None:
        return hit[1].get(role, ())
    mine = within._fits.get(key)
    if mine is None or mine[0] is not hit:  # once per sentence and rule: every role at once
        marks, present = within.marks, frozenset(filter(within.folded.__contains__, hit[3]))
        kinds = hit[2]
        by_role = kinds.get((marks, present))
        if by_role is None:
            if len(kinds) > _KINDS_KEPT:
                kinds.clear()
            by_role = kinds[(marks, present)] = {
                name: tuple(p for p in every
                            if p.tokens <= marks and (not p.needles or not present.isdisjoint(p.needles)))
                for name, every in hit[1].items()}
        mine = within._fits[key] = (hit, by_role)
    return mine[1].get(role, ())


_SETTING_REF = re.compile(r"\{([a-z_][a-z0-9_]*)\}")


def expand(rule: Rule, source: str) -> str:
    """A rule regex with every ``{name}`` naming a string setting of the rule replaced by it
    (settings may use each other; ``{q}`` and ``{q:name}`` are left to ``compile_pattern``)."""
    pieces = {k: v for k, v in rule.get("settings", {}).items() if isinstance(v, str)}
    for _ in range(8):
        new = _SETTING_REF.sub(lambda m: pieces.get(m.group(1), m.group(0)), source)
        if new == source:
            return new
        source = new
    raise RuleError(f"settings used in a pattern refer to each other in a loop: {source[:80]!r}", path=rule.path)


def cue(rule: Rule, name: str) -> re.Pattern[str]:
    """A cue list of the rule (words or regexes) as one case-insensitive alternation, compiled once."""
    words = tuple(rule.get("cues", {}).get(name, ()))
    return _cue(words)


@functools.lru_cache(maxsize=256)
def _cue(words: tuple[str, ...]) -> re.Pattern[str]:
    if not words:
        return re.compile(r"(?!x)x")
    return re.compile(r"\b(?:" + "|".join(words) + r")\b", re.IGNORECASE)


def cue_words(rule: Rule, name: str) -> list[str]:
    return list(rule.get("cues", {}).get(name, ()))


def setting(rule: Rule, name: str, default: Any) -> Any:
    return rule.get("settings", {}).get(name, default)


def message(rule: Rule, name: str, default: str, **fields: Any) -> str:
    """The rule's message template ``name`` (or the default) filled with named fields."""
    template = rule.get("messages", {}).get(name, default)
    try:
        return template.format(**fields)
    except (KeyError, IndexError, ValueError) as ex:
        raise RuleError(f"message template {name!r} uses an unknown field: {ex}", path=rule.path,
                        key=f"messages.{name}") from ex


# ---------------------------------------------------------------------------------------------
# Intervals

@dataclass(frozen=True)
class Range:
    """A closed interval of values a figure allows (ends may be infinite)."""

    low: float
    high: float

    def overlaps(self, other: "Range", strict: bool = False) -> bool:
        lo, hi = max(self.low, other.low), min(self.high, other.high)
        if strict and self.high > self.low and other.high > other.low:
            return lo < hi - EPS * max(1.0, abs(hi))
        return lo <= hi + EPS * max(1.0, abs(hi))

    def __contains__(self, x: float) -> bool:
        return self.low - EPS * max(1.0, abs(x)) <= x <= self.high + EPS * max(1.0, abs(x))

    def scale(self, k: float) -> "Range":
        a, b = self.low * k, self.high * k
        return Range(min(a, b), max(a, b))

    def neg(self) -> "Range":
        return Range(-self.high, -self.low)

    def abs(self) -> "Range":
        if self.low >= 0:
            return self
        if self.high <= 0:
            return self.neg()
        return Range(0.0, max(-self.low, self.high))

    @property
    def mid(self) -> float:
        if math.isinf(self.low) or math.isinf(self.high):
            return self.low if math.isinf(self.high) else self.high
        return (self.low + self.high) / 2


def interval(q: Quantity) -> Range:
    """What a written figure allows: its precision widened or bounded by its qualifier."""
    iv = claim_interval(q)
    return Range(iv.low, iv.high)


def arith_range(q: Quantity, text: str | None = None) -> Range:
    """What a figure allows in the text's own arithmetic.

    NOTE: for reference data a whole number's trailing zeros are not significant ("100" is 50 to
    150). A writer doing arithmetic on the figures they print does not mean that: a whole number
    written in digits ("100", "2,500") is exact here, so "rose from 100 to 150, an increase of
    60%" is caught. Figures with a scale word ("3.1 million") keep the precision they were
    written with (two significant figures at least), and qualifiers keep their meaning: "about
    100" is read at two significant figures (90 to 110), not as the exact 100.
    """
    u = q.precision
    if u and q.value and u >= 10 and float(q.value / u).is_integer():
        digits = q.text if q.number_span is None or text is None else text[q.number_span.start:q.number_span.end]
        plain = (bool(re.fullmatch(r"[$€£¥₺]?\s*[\d][\d,\s]*", digits.strip())) and q.kind not in ("fraction",)
                 and q.qualifier is Qualifier.EXACT)
        cap = 1.0 if plain else 10.0 ** (math.floor(math.log10(abs(q.value))) - 1)
        if cap < u:
            q = Quantity(q.text, q.span, q.value, q.value - cap / 2, q.value + cap / 2, q.unit, q.qualifier,
                         q.kind, cap, q.direction, q.change, q.number_span)
    return interval(q)


def share_range(q: Quantity, fraction_points: float = 0.05) -> Range | None:
    """A share as a fraction of one: "62%" -> [0.615, 0.625]; "one in six" -> 1/6.5..1/5.5;
    "a third" -> 1/3 +- ``fraction_points``. None when the quantity is not a share."""
    if q.kind == "percent" or q.unit == "percent":
        return interval(q).scale(0.01)
    if q.kind != "fraction":
        return None
    v = q.value
    k, d = _as_fraction(v)
    base = Range(v - fraction_points, v + fraction_points)
    if k == 1 and d >= 3:  # "one in N": N itself may be rounded
        base = Range(min(base.low, 1 / (d + 0.5)), max(base.high, 1 / (d - 0.5)))
    return _qualified(base, v, q.qualifier)


def _qualified(base: Range, v: float, qual: Qualifier) -> Range:
    if qual in (Qualifier.MORE_THAN, Qualifier.AT_LEAST):
        return Range(v, INF)
    if qual in (Qualifier.LESS_THAN, Qualifier.AT_MOST):
        return Range(-INF, v)
    if qual is Qualifier.NEARLY:
        return Range(base.low, v)
    return base


def _as_fraction(v: float) -> tuple[int, int]:
    for d in range(1, 1001):
        k = round(v * d)
        if k and abs(k / d - v) < 1e-9:
            return k, d
    return 0, 0


def ratio(num: Range, den: Range) -> Range | None:
    """num / den for positive ranges."""
    if den.low <= 0 or num.low < 0:
        return None
    return Range(num.low / den.high, num.high / den.low if not math.isinf(num.high) else INF)


def decimals(text: str) -> int:
    """Digits after the decimal point of a written number ("5.27" -> 2, ".036" -> 3)."""
    m = re.search(r"[.,](\d+)\s*$", text.strip())
    return len(m.group(1)) if m else 0


# ---------------------------------------------------------------------------------------------
# Reading and writing numbers

def show(x: float, unit: str | None = None) -> str:
    return fmt.number(x, unit)


def signed_pct(x: float, digits: int = 1) -> str:
    """+50%, -6.2%."""
    s = f"{x:+.{digits}f}".rstrip("0").rstrip(".") if digits else f"{x:+.0f}"
    return f"{s}%"


def same_unit(a: Quantity, b: Quantity) -> bool:
    """Two figures of one unit (counts with and without a noun unit count as one)."""
    if a.kind in ("percent", "percentage_point") or b.kind in ("percent", "percentage_point"):
        return a.kind == b.kind
    if a.kind == "money" or b.kind == "money":
        return a.kind == b.kind and a.unit == b.unit
    ua, ub = a.unit or "", b.unit or ""
    return ua == ub or {ua, ub} <= {"", "person"}


def is_percent(q: Quantity) -> bool:
    return q.kind == "percent" or q.unit == "percent"


def is_points(q: Quantity) -> bool:
    return q.kind == "percentage_point" or q.unit == "percentage_point"


def finding(rule: Rule, msg: str, quantity: Quantity, segment: Segment, related: Span | None,
            level: Level | None = None, gap: float | None = None) -> Finding:
    lvl = level or Level(rule.get("level", "error"))
    return Finding(code=rule.code, rule=rule.id, verdict=Verdict.INCONSISTENT, level=lvl, message=msg,
                   claim=None, quantity=quantity, segment=segment, related_span=related, gap=gap)


def cover(*spans: Span) -> Span:
    return Span(min(s.start for s in spans), max(s.end for s in spans))


def statistic(text: str, span: Span, value: float, digits: int, kind: str = "statistic") -> Quantity:
    """A Quantity for a figure the extractor does not read (a test statistic, a mean)."""
    u = 10.0 ** -digits
    return Quantity(text=text, span=span, value=value, low=value - u / 2, high=value + u / 2, unit=None,
                    kind=kind, precision=u, number_span=span)

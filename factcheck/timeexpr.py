"""Time expressions in a sentence -> the period a figure speaks of, relative to as_of.

"in 2019", "last year", "this year", "in July 2024", "at the end of 2019", "since early
December", "in the last two weeks", "since the war started".
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Any

from .model import Period, Span

@dataclass(frozen=True)
class TimeGrammar:
    """The compiled ``time_expressions`` lexicon: its words and its patterns in order."""

    months: dict[str, int]
    small: dict[str, int]
    weekdays: tuple[str, ...]
    unit_days: dict[str, int]
    parts: dict[str, int]
    patterns: tuple[tuple[str, re.Pattern[str]], ...]


def _alternation(words: Any) -> str:
    return "|".join(sorted((re.escape(str(w)).replace("\\ ", r"\s+") for w in words), key=len, reverse=True))


@functools.lru_cache(maxsize=8)
def _compile(frozen: Any) -> TimeGrammar:
    from .framing.concept import _thaw

    entries = _thaw(frozen) or {}
    words = entries.get("words") or {}
    months = {str(k).lower(): int(v) for k, v in (words.get("months") or {}).items()}
    small = {str(k).lower(): int(v) for k, v in (words.get("small_numbers") or {}).items()}
    weekdays = tuple(str(w).lower() for w in words.get("weekdays") or ())
    unit_days = {str(k).lower(): int(v) for k, v in (words.get("unit_days") or {}).items()}
    parts = {str(k).lower(): int(v) for k, v in (words.get("parts_of_month") or {}).items()}
    slots = {
        "{month}": f"(?P<month>{_alternation(months)})\\.?",
        "{year}": r"(?P<year>(?:19|20)\d\d)",
        "{n}": rf"(?P<n>\d+|{_alternation(small)})",
        "{unit}": f"(?P<unit>{_alternation(unit_days)})",
        "{weekday}": f"(?P<weekday>{_alternation(weekdays)})",
        "{part}": f"(?P<part>{_alternation(parts)})",
    }
    compiled = []
    for kind, rx in (entries.get("patterns") or {}).items():
        for slot, body in slots.items():
            rx = rx.replace(slot, body)
        compiled.append((str(kind), re.compile(rx, re.I)))
    return TimeGrammar(months, small, weekdays, unit_days, parts, tuple(compiled))


def time_grammar(entries: Any = None) -> TimeGrammar:
    """The time grammar of a ``time_expressions`` lexicon (the shipped one by default)."""
    from .framing.concept import freeze

    if entries is None:  # the shipped file alone, not every lexicon and extract rule
        from .ruleset.lexicons import shipped_lexicon

        entries = shipped_lexicon("time_expressions")
    return _compile(freeze(entries))


@dataclass(frozen=True)
class TimeRef:
    """The time a sentence points at."""

    kind: str
    span: Span
    #: The period the figure speaks of (None when only a start date is known).
    period: Period | None
    #: Start of a "since ..." count, if any.
    since: dt.date | None = None


@dataclass(frozen=True)
class NamedPeriod:
    """A phrase that stands for a period (from the ``periods`` lexicon rule)."""

    pattern: re.Pattern[str]
    period: Period


def named_periods(entries: dict[str, dict[str, object]]) -> tuple[NamedPeriod, ...]:
    """Compile the ``periods`` lexicon: regex -> {year, label} or {start, end, label}."""
    out = []
    for rx, spec in entries.items():
        if "year" in spec:
            base = Period.year(int(spec["year"]))  # type: ignore[call-overload]
            period = Period(base.start, base.end, str(spec.get("label", base.label)))
        else:
            start, end = dt.date.fromisoformat(str(spec["start"])), dt.date.fromisoformat(str(spec["end"]))
            period = Period(start, end, str(spec.get("label", f"{start} to {end}")))
        out.append(NamedPeriod(re.compile(rf"(?<!\w)(?:{rx})(?!\w)", re.I), period))
    return tuple(out)


def find_times(text: str, as_of: dt.date | None, named: tuple[NamedPeriod, ...] = (),
               grammar: TimeGrammar | None = None) -> list[TimeRef]:
    """Every time expression in ``text``, resolved against ``as_of`` where it is relative.
    ``grammar``: the compiled ``time_expressions`` lexicon (the shipped one by default)."""
    grammar = grammar or time_grammar()
    out: list[TimeRef] = []
    taken: list[Span] = []
    for np_ in named:
        for m in np_.pattern.finditer(text):
            span = Span(m.start(), m.end())
            if not any(span.overlaps(t) for t in taken):
                out.append(TimeRef("named", span, np_.period))
                taken.append(span)
    for kind, rx in grammar.patterns:
        for m in rx.finditer(text):
            span = Span(m.start(), m.end())
            if any(span.overlaps(t) for t in taken):
                continue
            ref = _resolve(kind, m, as_of, grammar)
            if ref is not None:
                out.append(TimeRef(kind, span, *ref))
                taken.append(span)
    out.sort(key=lambda t: t.span.start)
    return out


def _resolve(kind: str, m: re.Match[str], as_of: dt.date | None,
             grammar: TimeGrammar) -> tuple[Period | None, dt.date | None] | None:
    g = m.groupdict()
    months = grammar.months

    def month_of(word: str) -> int:
        w = word.lower().rstrip(".")
        return months.get(w) or months.get(w[:3]) or 1
    if kind == "year":
        return Period.year(int(g["year"])), None
    if kind == "end_year":
        d = dt.date(int(g["year"]), 12, 31)
        return Period(d, d, f"end of {g['year']}"), None
    if kind == "month_year":
        return Period.month(int(g["year"]), month_of(g["month"])), None
    if as_of is None:
        return None
    if kind == "month_only":
        # "in December" in a story of 20 February: the latest December at or before its date.
        # A month name alone must be capitalised ("in may be" is not May).
        if g["month"][0].islower():
            return None
        month = month_of(g["month"])
        year = as_of.year if month <= as_of.month else as_of.year - 1
        if m.group(0).lower().startswith("since"):
            day = grammar.parts.get((g["part"] or "").lower(), 1)
            since = dt.date(year, month, day)
            return Period(since, as_of, f"{since.isoformat()} to {as_of.isoformat()}"), since
        return Period.month(year, month), None
    if kind == "weekday":
        # The latest such weekday at or before the article's date (news speaks of the past week).
        want = grammar.weekdays.index(g["weekday"].lower())
        day = as_of - dt.timedelta(days=(as_of.weekday() - want) % 7)
        return Period.day(day), None
    if kind == "end_relative_year":
        year = as_of.year + (0 if g["which"].lower() == "this" else -1)
        d = dt.date(year, 12, 31)
        return Period(d, d, f"end of {year}"), None
    if kind == "prior":
        return Period.year(as_of.year - 1), None
    if kind == "years_ago":
        n_raw = g["n"].lower()
        n = int(n_raw) if n_raw.isdigit() else grammar.small.get(n_raw, 1)
        return Period.year(as_of.year - n), None
    if kind == "relative_year":
        shift = {"last": -1, "previous": -1, "this": 0, "next": 1}[g["which"].lower()]
        return Period.year(as_of.year + shift), None
    if kind == "last_n":
        n_raw = g["n"].lower()
        n = int(n_raw) if n_raw.isdigit() else grammar.small.get(n_raw, 3)
        start = as_of - dt.timedelta(days=n * grammar.unit_days.get(g["unit"].lower(), 1))
        return Period(start, as_of, f"{start.isoformat()} to {as_of.isoformat()}"), None
    if kind == "since_month":
        month = month_of(g["month"])
        year = int(g["year"]) if g["year"] else (as_of.year if month <= as_of.month else as_of.year - 1)
        day = grammar.parts.get((g["part"] or "").lower(), 1)
        since = dt.date(year, month, day)
        return Period(since, as_of, f"{since.isoformat()} to {as_of.isoformat()}"), since
    return None

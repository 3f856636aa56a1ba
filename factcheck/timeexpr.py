"""Time expressions in a sentence -> the period a figure speaks of, relative to as_of.

"in 2019", "last year", "this year", "in July 2024", "at the end of 2019", "since early
December", "in the last two weeks", "since the war started".
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .model import Period, Span

MONTHS = {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december".split())}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
_SMALL = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a": 1, "a few": 3, "several": 3}
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
_MONTH_RX = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("since_month", re.compile(r"\bsince\s+(?:(?P<part>early|mid|late)[- ])?" + _MONTH_RX + r"(?:\s+(?P<year>(?:19|20)\d\d))?\b", re.I)),
    ("last_n", re.compile(r"\b(?:in|over|during|within)\s+the\s+(?:last|past)\s+(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|few|several)\s+(?P<unit>day|week|month|year)s?\b", re.I)),
    ("end_year", re.compile(r"\b(?:at\s+the\s+end\s+of|end[- ]of|end-|by\s+the\s+end\s+of)\s*(?P<year>(?:19|20)\d\d)\b", re.I)),
    ("end_relative_year", re.compile(r"\b(?:at\s+|by\s+)?the\s+end\s+of\s+(?P<which>last|this|previous)\s+year\b", re.I)),
    ("month_year", re.compile(r"\b(?:in\s+)?" + _MONTH_RX + r"\s+(?P<year>(?:19|20)\d\d)\b", re.I)),
    ("weekday", re.compile(r"\b(?:on|last|this\s+past)\s+(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)),
    ("month_only", re.compile(r"\b(?:in|during|for|since|by)\s+(?:(?P<part>early|mid|late)[- ])?" + _MONTH_RX + r"(?!\s*(?:\d|,\s*\d))", re.I)),
    # "the previous year", "a year earlier": the year before the sentence's own period (claims
    # resolve it against the other time of the sentence), else before the text's date.
    ("prior", re.compile(r"\b(?:the\s+)?(?:previous|prior|preceding)\s+year\b|\bthe\s+year\s+before\b|\ba\s+year\s+(?:earlier|before|ago)\b", re.I)),
    ("relative_year", re.compile(r"\b(?P<which>last|this|next)\s+year\b", re.I)),
    ("year", re.compile(r"\b(?:in|during|for|by|of|since)\s+(?:fiscal\s+|calendar\s+)?(?P<year>(?:19|20)\d\d)(?![\d/-])\b", re.I)),
]


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


def find_times(text: str, as_of: dt.date | None, named: tuple[NamedPeriod, ...] = ()) -> list[TimeRef]:
    """Every time expression in ``text``, resolved against ``as_of`` where it is relative."""
    out: list[TimeRef] = []
    taken: list[Span] = []
    for np_ in named:
        for m in np_.pattern.finditer(text):
            span = Span(m.start(), m.end())
            if not any(span.overlaps(t) for t in taken):
                out.append(TimeRef("named", span, np_.period))
                taken.append(span)
    for kind, rx in _PATTERNS:
        for m in rx.finditer(text):
            span = Span(m.start(), m.end())
            if any(span.overlaps(t) for t in taken):
                continue
            ref = _resolve(kind, m, as_of)
            if ref is not None:
                out.append(TimeRef(kind, span, *ref))
                taken.append(span)
    out.sort(key=lambda t: t.span.start)
    return out


def _resolve(kind: str, m: re.Match[str], as_of: dt.date | None) -> tuple[Period | None, dt.date | None] | None:
    g = m.groupdict()
    if kind == "year":
        return Period.year(int(g["year"])), None
    if kind == "end_year":
        d = dt.date(int(g["year"]), 12, 31)
        return Period(d, d, f"end of {g['year']}"), None
    if kind == "month_year":
        return Period.month(int(g["year"]), MONTHS[g["month"].lower()[:3]]), None
    if as_of is None:
        return None
    if kind == "month_only":
        # "in December" in a story of 20 February: the latest December at or before its date.
        # A month name alone must be capitalised ("in may be" is not May).
        if g["month"][0].islower():
            return None
        month = MONTHS[g["month"].lower()[:3]]
        year = as_of.year if month <= as_of.month else as_of.year - 1
        if m.group(0).lower().startswith("since"):
            day = {"early": 1, "mid": 15, "late": 21}.get((g["part"] or "").lower(), 1)
            since = dt.date(year, month, day)
            return Period(since, as_of, f"{since.isoformat()} to {as_of.isoformat()}"), since
        return Period.month(year, month), None
    if kind == "weekday":
        # The latest such weekday at or before the article's date (news speaks of the past week).
        want = _WEEKDAYS.index(g["weekday"].lower())
        day = as_of - dt.timedelta(days=(as_of.weekday() - want) % 7)
        return Period.day(day), None
    if kind == "end_relative_year":
        year = as_of.year + (0 if g["which"].lower() == "this" else -1)
        d = dt.date(year, 12, 31)
        return Period(d, d, f"end of {year}"), None
    if kind == "prior":
        return Period.year(as_of.year - 1), None
    if kind == "relative_year":
        shift = {"last": -1, "previous": -1, "this": 0, "next": 1}[g["which"].lower()]
        return Period.year(as_of.year + shift), None
    if kind == "last_n":
        n_raw = g["n"].lower()
        n = int(n_raw) if n_raw.isdigit() else _SMALL.get(n_raw, 3)
        start = as_of - dt.timedelta(days=n * _UNIT_DAYS[g["unit"].lower()])
        return Period(start, as_of, f"{start.isoformat()} to {as_of.isoformat()}"), None
    if kind == "since_month":
        month = MONTHS[g["month"].lower()[:3]]
        year = int(g["year"]) if g["year"] else (as_of.year if month <= as_of.month else as_of.year - 1)
        day = {"early": 1, "mid": 15, "late": 21}.get((g["part"] or "").lower(), 1)
        since = dt.date(year, month, day)
        return Period(since, as_of, f"{since.isoformat()} to {as_of.isoformat()}"), since
    return None

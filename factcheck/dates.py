"""Dates as writers write them: ISO (``2024-03-03``), in words (``March 3, 2024``, ``3rd March
2024``, ``Sun, 03 Mar 2024 10:00:00 +0300``) and at the head of wire copy, in a dateline
(``ANKARA, 14 February 2024 (Reuters) —``).

- ISO dates are read by the standard library; one that does not exist is "not a valid date",
  with the reason ("February 2024 has 29 days"), never "not in the form YYYY-MM-DD".
- Dates in words are read by python-dateutil, with the month names of ``lexicon.date_forms``; a
  date missing its day, month or year, a numeric date that reads two ways ("03/04/2024") and a
  day the month does not have are refused, never guessed.
- A dateline is an upper-case place, an optional date in one of the forms of
  ``lexicon.date_forms``, an optional agency of ``lexicon.news_agencies`` in brackets, and a
  dash. The claim stage reads its place (no subject), the readers its date (the date of the text
  when nothing else gives one).

dateutil and the lexicon files are loaded only when a date in words has to be read.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any, Iterable, Mapping

# NOTE: patterns are strings, compiled on first use (by re's cache): reading a file that states
# its date in the usual way compiles none of them.
#: An ISO date, alone or at the start of a timestamp ("2024-03-03T10:00:00+03:00").
_ISO = (r"(?i)\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
        r"\s*(?:Z|[+-]\d{2}:?\d{2}|UTC|GMT)?)\s*\Z")
#: Something shaped like an ISO date, valid or not ("2024-02-30", "2024-2-3x").
_ISO_LIKE = r"\s*\d{4}-\d{1,2}-\d{1,2}\b"
#: A place in upper case at the start of a line: the first piece of a dateline.
PLACE = r"[A-Z][A-Z .'\u2019-]{2,40}"
#: Cheap test before any lexicon is read: an upper-case place, then "," or "(".
_MAYBE_DATELINE = rf"(?m)^[ \t]*{PLACE}[,(]"
#: What follows the place of any dateline: a comma, white space, a bracket or a dash.
_OPENS_LIKE_DATELINE = rf"{PLACE}[,(\s\-\u2013\u2014]"
#: Dashes that end a dateline.
DASH = r"[-\u2013\u2014]"
#: How many lines (paragraphs) at the top of a text may hold its dateline (after a headline and byline).
DATELINE_LINES = 8


class DateError(ValueError):
    """A value that is not a date; the message says why, in a writer's words. ``at``: where the
    value is written (an offset into the file or text it was read from), when known."""

    def __init__(self, message: str, at: int | None = None) -> None:
        super().__init__(message)
        self.at = at


def why_invalid(year: int, month: int, day: int) -> str | None:
    """Why year-month-day is not a date ("February 2024 has 29 days"), or None when it is one."""
    import calendar

    if not 1 <= month <= 12:
        return f"there is no month {month}"
    days = calendar.monthrange(year, month)[1] if 1 <= year <= 9999 else 31
    if not 1 <= day <= days:
        return f"{calendar.month_name[month]} {year} has {days} days"
    if not 1 <= year <= 9999:
        return f"there is no year {year}"
    return None


def iso_date(value: str) -> dt.date:
    """A date written YYYY-MM-DD (a time after it is allowed and left out); DateError otherwise."""
    m = re.match(_ISO, value)
    if not m:
        if re.match(_ISO_LIKE, value):
            raise DateError(f"{value.strip()!r} is not a valid date")
        raise DateError(f"{value.strip()!r} is not a date in the form YYYY-MM-DD")
    y, mo, d = (int(g) for g in m.groups())
    why = why_invalid(y, mo, d)
    if why:
        raise DateError(f"{value.strip()!r} is not a valid date ({why})")
    return dt.date(y, mo, d)


def looks_iso(value: str) -> bool:
    """Whether a value starts like an ISO date (then it is meant as one, valid or not)."""
    return bool(re.match(_ISO_LIKE, value))


def iso_prefix(value: str) -> dt.date:
    """The ISO date a value starts with ("2020-02-20, Ankara"); DateError when it is no date."""
    m = re.match(_ISO_LIKE, value)
    return iso_date(m.group() if m else value)


def written_date(value: str) -> dt.date:
    """A date as a writer gives it: ISO, or in words ("March 3, 2024", "3 March 2024",
    "Feb. 20, 2020", an RFC 2822 timestamp). DateError says why anything else is not one."""
    text = value.strip()
    if not text:
        raise DateError("an empty date")
    if looks_iso(text):
        return iso_date(text)
    return _in_words(text)


def _in_words(text: str) -> dt.date:
    from dateutil import parser

    info = _parserinfo()
    # Parse against two defaults that differ in every part: a part both results agree on was written.
    got = []
    for default, dayfirst in ((dt.datetime(2001, 1, 1), False), (dt.datetime(2002, 2, 2), False),
                              (dt.datetime(2001, 1, 1), True)):
        try:
            got.append(parser.parse(text, parserinfo=info, default=default, dayfirst=dayfirst).date())
        except parser.ParserError as ex:
            raise DateError(f"{text!r} is not a valid date ({_why_in_words(text) or _reason(ex)})") from None
        except (ValueError, OverflowError):
            raise DateError(f"{text!r} is not a date") from None
    a, b, c = got
    missing = [part for part, x, y in (("year", a.year, b.year), ("month", a.month, b.month), ("day", a.day, b.day))
               if x != y]
    if missing:
        raise DateError(f"{text!r} is not a whole date (no {' or '.join(missing)})")
    if a != c:
        raise DateError(f"{text!r} reads as {a.isoformat()} or {c.isoformat()}: write YYYY-MM-DD or the month in words")
    return a


def _why_in_words(text: str) -> str | None:
    """Why a date in one of the forms of lexicon.date_forms is not one ("February 2024 has 29 days")."""
    from .ruleset.lexicons import shipped_lexicon

    forms = shipped_lexicon("date_forms")
    m = re.fullmatch(date_pattern(forms), text.strip())
    if not m:
        return None
    got = {k.split("_")[0]: v for k, v in m.groupdict().items() if v}
    months = {str(k).lower(): int(v) for k, v in (forms.get("months") or {}).items()}
    if "year" not in got or got["month"].rstrip(".").lower() not in months:
        return None
    return why_invalid(int(got["year"]), months[got["month"].rstrip(".").lower()], int(re.match(r"\d+", got["day"]).group()))


def _reason(ex: Exception) -> str:
    msg = str(ex.args[0] if ex.args else ex)
    if "Unknown string format" in msg or "String does not contain a date" in msg:
        return "not a form of date factcheck reads; write YYYY-MM-DD or 'March 3, 2024'"
    return msg.split(":", 1)[0]


@functools.lru_cache(maxsize=1)
def _parserinfo() -> Any:
    """dateutil's parser with the month names of lexicon.date_forms (its own ones besides)."""
    from dateutil import parser

    names: dict[int, list[str]] = {}
    for name, month in _months().items():
        names.setdefault(int(month), []).append(name)

    class Info(parser.parserinfo):  # type: ignore[misc]
        MONTHS = [tuple(dict.fromkeys([*own, *names.get(i + 1, [])])) for i, own in enumerate(parser.parserinfo.MONTHS)]

    return Info()


# --- datelines ------------------------------------------------------------------------------

def _months(lex: Mapping[str, Any] | None = None) -> Mapping[str, Any]:
    if lex is None:
        from .ruleset.lexicons import shipped_lexicon

        lex = shipped_lexicon("date_forms")
    return lex.get("months") or {}


def date_pattern(forms: Mapping[str, Any]) -> str:
    """A regular expression for a dateline's date in any of the forms of lexicon.date_forms. The
    parts of form ``i`` are the groups ``day_i``, ``month_i`` and ``year_i`` (no ``year_i`` in a
    form without a year, such as AP's "June 20")."""
    parts = forms.get("parts") or {}
    months = sorted((str(m) for m in forms.get("months") or {}), key=len, reverse=True)
    fill = {"day": parts.get("day", r"[0-3]?[0-9]"),
            "month": rf"(?:{'|'.join(re.escape(m) for m in months) or '(?!)'})\.?",
            "year": parts.get("year", r"(?:1[89]|20)[0-9]{2}")}
    alternatives = []
    for i, form in enumerate(forms.get("dateline") or []):
        out = []
        for piece in re.split(r"(\{(?:day|month|year)\}|\s+)", str(form)):
            if not piece:
                continue
            if piece.isspace():
                out.append(r"\s+")
            elif piece[0] == "{" and piece[-1] == "}":
                out.append(f"(?P<{piece[1:-1]}_{i}>{fill[piece[1:-1]]})")
            else:
                out.append(re.escape(piece))
        alternatives.append("".join(out))
    return "|".join(f"(?:{a})" for a in alternatives) or "(?!)"


def dateline_pattern(agencies: Iterable[str], forms: Mapping[str, Any]) -> str:
    """The regular expression of a dateline: an upper-case place, optional date (group
    ``date``), optional agency in brackets, a dash."""
    from .ruleset.lexicons import alternation

    agency = alternation(agencies) or "(?!)"
    return rf"{PLACE}(?:,\s*(?P<date>{date_pattern(forms)}))?\s*(?:\((?:{agency})\)\s*)?{DASH}"


class DatelinePattern:
    """``dateline_pattern`` for ``match`` at the start of a sentence, compiled on first need: few
    sentences open on an upper-case place, and the pattern, with every form of date and month
    name, costs a couple of milliseconds to compile."""

    __slots__ = ("source", "_compiled")

    def __init__(self, source: str) -> None:
        self.source = source
        self._compiled: re.Pattern[str] | None = None

    def match(self, text: str) -> re.Match[str] | None:
        if not re.match(_OPENS_LIKE_DATELINE, text):
            return None
        if self._compiled is None:
            self._compiled = re.compile(self.source)
        return self._compiled.match(text)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DatelinePattern) and other.source == self.source

    def __hash__(self) -> int:
        return hash(self.source)


@functools.lru_cache(maxsize=1)
def shipped_dateline() -> re.Pattern[str]:
    """A dateline at the start of a line, by the shipped lexicons (news_agencies, date_forms)."""
    from .ruleset.lexicons import shipped_lexicon, words

    return re.compile(r"^[ \t]*" + dateline_pattern(words(shipped_lexicon("news_agencies")),
                                                    shipped_lexicon("date_forms")), re.M)


def dateline_date(text: str) -> tuple[dt.date, int] | None:
    """The date of the dateline that opens one of the first lines of ``text`` ("ANKARA, 14
    February 2024 (Reuters) —"), with the offset of the date; None when there is none or its
    date has no year ("GENEVA, June 20 (AP) -"). DateError for a day the month does not have."""
    head = _head(text)
    if not re.search(_MAYBE_DATELINE, head):
        return None
    m = shipped_dateline().search(head)
    if not m or not m.group("date"):
        return None
    if not any(k.startswith("year_") and v for k, v in m.groupdict().items()):
        return None
    try:
        return written_date(m.group("date")), m.start("date")
    except DateError as ex:
        raise DateError(str(ex), m.start("date")) from None


def _head(text: str) -> str:
    """The first lines of a text that hold words (its headline, byline and first paragraph)."""
    seen = 0
    for m in re.finditer(r"[^\n]*\S[^\n]*", text):
        seen += 1
        if seen >= DATELINE_LINES:
            return text[:m.end()]
    return text

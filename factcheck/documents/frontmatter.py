"""Front matter at the top of a Markdown draft: YAML between ``---`` lines (Jekyll, Hugo and most
static-site tools) or TOML between ``+++`` lines (Hugo). It is not copy; its ``title`` is the
headline and its date (``date``, else ``publishDate``, ``pubdate``, ``published``, ``dateline``)
the date the text speaks as of.

TOML is read by the standard library's ``tomllib``: a block that is not valid TOML is an error
naming the line. YAML front matter is read by the lines of those keys (no YAML parser is needed
for two keys). A date may be ISO (``2024-03-03``, ``2024-03-03T10:00:00+03:00``: the date as
written, not moved to UTC) or in words (``March 3, 2024``); one that is not a date is an error
(``factcheck.dates``), never passed over in favour of the file name.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..dates import DateError, looks_iso, written_date
from .asof import DATE_KEYS

_YAML = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(?P<body>.*?)(?:\r?\n)(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_TOML = re.compile(r"\A(?:\ufeff)?\+\+\+[ \t]*\r?\n(?P<body>.*?)(?:\r?\n)\+\+\+[ \t]*(?:\r?\n|\Z)", re.S)
_YAML_TITLE = re.compile(r"^title[ \t]*:[ \t]*(?P<q>['\"]?)(?P<t>.+?)(?P=q)[ \t]*\r?$", re.M)
_TOML_TITLE = re.compile(r"^[ \t]*title[ \t]*=[ \t]*(?P<q>['\"])(?P<t>.*?)(?P=q)[ \t]*(?:#.*)?\r?$", re.M)
_YAML_DATE = re.compile(rf"^(?P<key>{'|'.join(DATE_KEYS)})[ \t]*:[ \t]*(?P<value>[^\r\n]*)", re.M | re.I)
_TOML_DATE_LINE = re.compile(rf"^[ \t]*['\"]?(?:{'|'.join(DATE_KEYS)})['\"]?[ \t]*=[ \t]*(?P<value>[^\r\n#]*)", re.I)


class FrontMatterError(ValueError):
    """Front matter that cannot be read; ``at`` is the offset of the line at fault."""

    def __init__(self, message: str, at: int) -> None:
        super().__init__(message)
        self.at = at


@dataclass(frozen=True)
class FrontMatter:
    """The front matter block of a file (offsets into the file)."""

    start: int
    end: int
    #: "yaml" (``---``) or "toml" (``+++``).
    kind: str
    #: The title as written, and where its text starts.
    title: str | None = None
    title_at: int = 0
    #: The date it states, the key that states it, and where the value is written.
    date: dt.date | None = None
    date_key: str | None = None
    date_at: int = 0


def span(source: str) -> tuple[int, int] | None:
    """(start, end) of the front matter block, fences included, or None."""
    m = _YAML.match(source) or _TOML.match(source)
    return (m.start(), m.end()) if m else None


def read(source: str) -> FrontMatter | None:
    """The front matter of ``source`` (None when it has none). DateError for a date that is not
    one, FrontMatterError for TOML that does not parse (both with the offset at fault)."""
    m = _YAML.match(source)
    if m:
        return _yaml(source, m)
    m = _TOML.match(source)
    if m:
        return _toml(source, m)
    return None


def _yaml(source: str, m: re.Match[str]) -> FrontMatter:
    body, at = m.group("body"), m.start("body")
    t = _YAML_TITLE.search(body)
    found = {d.group("key").lower(): d for d in reversed(list(_YAML_DATE.finditer(body)))}
    date, key, date_at = None, None, 0
    for k in DATE_KEYS:
        d = found.get(k)
        value = _yaml_scalar(d.group("value")) if d else ""
        if d and value:
            date_at = at + d.start("value")
            date, key = _date(value, date_at), d.group("key")
            break
    return FrontMatter(m.start(), m.end(), "yaml", t.group("t") if t else None, at + t.start("t") if t else 0,
                       date, key, date_at)


def _yaml_scalar(raw: str) -> str:
    """A YAML scalar as written on its line: quotes taken off, a trailing comment left out."""
    value = raw.strip()
    if value[:1] in "'\"" and value:
        q = value[0]
        end = value.find(q, 1)
        return value[1:end] if end > 0 else value[1:]
    return re.split(r"\s#", value, maxsplit=1)[0].strip()


def _toml(source: str, m: re.Match[str]) -> FrontMatter:
    import tomllib

    body, at = m.group("body"), m.start("body")
    lines = body.split("\n")
    try:
        data = tomllib.loads(body)
    except tomllib.TOMLDecodeError as ex:
        n = re.search(r"line (\d+)", str(ex))
        i = min(int(n.group(1)), len(lines)) - 1 if n else (len(lines) - 1 if "end of document" in str(ex) else 0)
        line_at = at + sum(len(x) + 1 for x in lines[:i])
        d = _TOML_DATE_LINE.match(lines[i]) if lines else None
        if d and looks_iso(d.group("value")):
            iso = d.group("value").strip()
            _date(iso, line_at + d.start("value"))  # says why the date is not one
        raise FrontMatterError(f"front matter is not valid TOML ({str(ex).split(' (at ')[0]})", line_at) from None
    t = _TOML_TITLE.search(body)  # the title as written (the copy maps back to it character by character)
    title = t.group("t") if t and isinstance(data.get("title"), str) else None
    keys = {k.lower(): k for k in data}
    date, key, date_at = None, None, 0
    for k in DATE_KEYS:
        if k not in keys or data[keys[k]] in ("", None):
            continue
        key = keys[k]
        value = data[key]
        line = re.search(rf"^[ \t]*['\"]?{re.escape(key)}['\"]?[ \t]*=[ \t]*", body, re.M)
        date_at = at + (line.end() if line else 0)
        if isinstance(value, dt.datetime):
            date = value.date()
        elif isinstance(value, dt.date):
            date = value
        elif isinstance(value, str):
            date = _date(value, date_at)
        else:
            raise DateError(f"{value!r} is not a date", date_at)
        break
    return FrontMatter(m.start(), m.end(), "toml", title, at + t.start("t") if t and title is not None else 0,
                       date, key, date_at)


def _date(value: str, at: int) -> dt.date:
    try:
        return written_date(value)
    except DateError as ex:
        raise DateError(str(ex), at) from None

"""The date a document speaks as of (``Document.as_of``) and where it came from (``as_of_source``).

In order, the first that gives one:

============== =================================================================================
source         where
============== =================================================================================
option         the caller's date (``--as-of 2024-03-03``, ``check_text(..., as_of=...)``)
today          the caller's ``today`` (``--as-of today``)
front matter   Markdown front matter: ``date:`` (YAML) or ``date =`` (TOML), ISO or in words
header         a ``date:`` line at the top of a plain-text or Word draft (ISO or in words)
metadata       an HTML page's ``article:published_time``, ``datePublished``, ``<time datetime>``
file name      an ISO date in the file name (``idlib_2020-02-20.txt``)
dateline       the date of a wire dateline in the first lines ("ANKARA, 14 February 2024 —")
none           nothing: the configuration's ``as-of`` decides (``configuration``, ``today``)
============== =================================================================================

A date the writer gave that is not one ("2024-02-30", "30 February 2024") is an error naming the
file and line, not passed over for the next source.
"""
from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import replace
from typing import TYPE_CHECKING

from ..dates import DateError, iso_date, iso_prefix, looks_iso, written_date
from ..errors import InputError
from ..model import Document

if TYPE_CHECKING:
    from .frontmatter import FrontMatter

#: The keys that give the date of front matter or a header block, in the order they are read
#: (Hugo's order; keys in any case).
DATE_KEYS = ("date", "publishdate", "pubdate", "published", "dateline")

#: An ISO date in a file name, as blog engines name posts ("2020-02-20-title.md", "x_2020-02-20.txt").
_NAME_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
#: A "date:" line in a header block at the top of a text.
_HEADER_DATE = re.compile(rf"^(?:{'|'.join(DATE_KEYS)})[ \t]*:[ \t]*['\"]?(?P<value>[^\r\n'\"]+)", re.I | re.M)
#: How much of the top of a text may hold its header block.
HEADER_CHARS = 2000


def option(value: dt.date | str | None, what: str = "--as-of") -> tuple[dt.date | None, str]:
    """A date the caller gives: a date, ``today``, or YYYY-MM-DD; InputError naming ``what``."""
    if value is None:
        return None, "none"
    if isinstance(value, dt.datetime):
        return value.date(), "option"
    if isinstance(value, dt.date):
        return value, "option"
    text = str(value).strip()
    if text.lower() == "today":
        return dt.date.today(), "today"
    try:
        return iso_date(text), "option"
    except DateError as ex:
        hint = "" if looks_iso(text) else " or today"
        raise InputError(f"{what} {ex}{hint}") from None


def settle(doc: Document, as_of: dt.date | str | None, *, front: FrontMatter | None = None,
           header: str | None = None, stated: str | None = None) -> Document:
    """``doc`` with its as_of and as_of_source (see the module's table). ``header``: the text to
    look for ``date:`` lines in (the top of a plain-text or Word draft, a Markdown file without
    front matter), in file offsets from 0; ``stated``: the date an HTML page's metadata gives."""
    date, source = _resolve(doc, as_of, front, header, stated)
    return replace(doc, as_of=date, as_of_source=source)


def _resolve(doc: Document, as_of: dt.date | str | None, front: FrontMatter | None, header: str | None,
             stated: str | None) -> tuple[dt.date | None, str]:
    if as_of is not None:
        return option(as_of)
    if front is not None and front.date is not None:
        return front.date, "front matter"
    if header:
        h = _header_date(doc, header)
        if h is not None:
            return h, "header"
    if stated:
        try:
            return iso_date(stated), "metadata"
        except DateError:
            pass
    m = _NAME_DATE.search(os.path.basename(doc.path))
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))), "file name"
        except ValueError:
            pass
    from ..dates import dateline_date

    try:
        found = dateline_date(doc.text)
    except DateError as ex:
        line, _ = doc.position(ex.at or 0) if ex.at is not None else (None, None)
        raise InputError(f"dateline date {ex}", path=doc.path, line=line) from None
    if found is not None:
        return found[0], "dateline"
    return None, "none"


def _header_date(doc: Document, header: str) -> dt.date | None:
    """The date of a ``date:`` line at the top (a value that is no date in words is passed over:
    a header line is no structured field; one shaped YYYY-MM-DD that does not exist is an error)."""
    for m in _HEADER_DATE.finditer(header, 0, HEADER_CHARS):
        value = m.group("value").strip()
        try:
            return iso_prefix(value) if looks_iso(value) else written_date(value)
        except DateError as ex:
            if looks_iso(value):
                line, _ = doc.source_position(m.start("value"))
                raise InputError(f"{m.group(0).split(':')[0].strip()} {ex}", path=doc.path, line=line) from None
    return None


def front_matter_error(doc_path: str, source: str, ex: Exception) -> InputError:
    """An InputError naming the file and the line of front matter at fault."""
    at = getattr(ex, "at", None) or 0
    line = source.count("\n", 0, at) + 1
    what = "front matter date " if isinstance(ex, DateError) else ""
    return InputError(f"{what}{ex}", path=doc_path, line=line)

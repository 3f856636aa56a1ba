"""Readers: a file (or text) -> Document with its text, line map and as_of date.

Plain text today; every reader keeps offsets into the original file so findings point at the
line and column the writer edits.
"""
from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

from ..errors import InputError
from ..model import Document

#: An ISO date in a file name, as blog engines name posts ("2020-02-20-title.md", "x_2020-02-20.txt").
_NAME_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
#: A "date:" line in front matter or a header block at the top of the file.
_HEADER_DATE = re.compile(r"^(?:date|published|dateline)\s*:\s*['\"]?(\d{4}-\d{2}-\d{2})", re.I | re.M)
TEXT_SUFFIXES = (".txt", ".text", ".md", ".markdown")


def parse_date(value: str, *, what: str = "date") -> dt.date:
    """An ISO date (YYYY-MM-DD), or an InputError naming the value."""
    try:
        return dt.date.fromisoformat(value.strip())
    except (ValueError, AttributeError):
        raise InputError(f"{what} {value!r} is not a date in the form YYYY-MM-DD") from None


def line_starts(text: str) -> tuple[int, ...]:
    starts = [0]
    find = text.find
    i = find("\n")
    while i >= 0:
        starts.append(i + 1)
        i = find("\n", i + 1)
    return tuple(starts)


def resolve_as_of(text: str, path: str, as_of: dt.date | str | None) -> tuple[dt.date | None, str]:
    """The date the document speaks as of, and where it came from.

    Order: the caller's option; a ``date:`` line at the top of the file (front matter); an ISO
    date in the file name. None when nothing gives one.
    """
    if isinstance(as_of, str):
        as_of = parse_date(as_of, what="--as-of")
    if as_of is not None:
        return as_of, "option"
    head = text[:2000]
    m = _HEADER_DATE.search(head)
    if m:
        try:
            return dt.date.fromisoformat(m.group(1)), "front matter"
        except ValueError:
            pass
    m = _NAME_DATE.search(os.path.basename(path))
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))), "file name"
        except ValueError:
            pass
    return None, "none"


def from_text(text: str, path: str = "<text>", as_of: dt.date | str | None = None, fmt: str = "text") -> Document:
    """A Document from text already in memory."""
    date, source = resolve_as_of(text, path, as_of)
    return Document(path=path, text=text, as_of=date, as_of_source=source, format=fmt, line_starts=line_starts(text))


def read_document(path: str | os.PathLike[str], as_of: dt.date | str | None = None) -> Document:
    """Read a file (or ``-`` for standard input) into a Document; InputError for anything unreadable."""
    p = str(path)
    if p == "-":
        import sys

        data = sys.stdin.buffer.read()
        return from_text(_decode(data, "<stdin>"), "<stdin>", as_of)
    fp = Path(p)
    if not fp.exists():
        raise InputError("no such file", path=p)
    if fp.is_dir():
        raise InputError("is a directory (give the files, or a folder to `factcheck check`)", path=p)
    if not fp.is_file():
        raise InputError("not a regular file", path=p)
    try:
        data = fp.read_bytes()
    except OSError as ex:
        raise InputError(f"cannot read: {ex.strerror or ex}", path=p) from None
    return from_text(_decode(data, p), p, as_of)


def _decode(data: bytes, path: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data[:8192]:
        raise InputError("looks like a binary file (NUL bytes), not text", path=path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as ex:
        line = data[: ex.start].count(b"\n") + 1
        raise InputError(f"not valid UTF-8 (byte 0x{data[ex.start]:02x}); save the file as UTF-8",
                         path=path, line=line) from None
    # NOTE: offsets count characters of the text as read; \r\n is kept so columns match the file.
    return text


def expand_paths(paths: list[str]) -> list[str]:
    """Files to check: files as given, folders searched for text files (sorted)."""
    out: list[str] = []
    for p in paths:
        fp = Path(p)
        if p != "-" and fp.is_dir():
            found = sorted(str(f) for f in fp.rglob("*") if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES)
            if not found:
                raise InputError(f"no text files ({', '.join(TEXT_SUFFIXES)}) in this folder", path=p)
            out.extend(found)
        else:
            out.append(p)
    return out

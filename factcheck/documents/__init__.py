"""Readers: a file (or text) -> Document with its copy, line map, as_of date and suppressions.

Formats: plain text, Markdown, HTML and Word .docx, by file suffix (standard input: by
``--stdin-filename``, else by a look at the bytes). Plain text is its own copy; for the others
the copy is the article text taken out of the markup and ``Document.source_map`` maps it back,
so every finding points at the line and column of the file the writer edits.
"""
from __future__ import annotations

import datetime as dt
import glob
import os
import re
from dataclasses import replace
from pathlib import Path

from ..dates import DateError
from ..errors import InputError
from ..model import Document
from . import asof, directives
from .decode import decode
from .invisible import visible

#: File suffix -> format.
FORMATS = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown", ".mdown": "markdown",
           ".html": "html", ".htm": "html", ".xhtml": "html", ".docx": "docx"}
TEXT_SUFFIXES = tuple(FORMATS)
#: Folders never searched when a folder is given.
SKIP_DIRS = frozenset({"node_modules", "__pycache__", "site-packages"})
#: Largest file read (bytes); larger ones are refused with a clear line.
MAX_BYTES = 50 * 1024 * 1024


def parse_date(value: str, *, what: str = "date") -> dt.date:
    """A date given as an option: YYYY-MM-DD or ``today``; an InputError naming ``what`` says why
    anything else is not one ("'2024-02-30' is not a valid date (February 2024 has 29 days)")."""
    date, _ = asof.option(value, what)
    assert date is not None
    return date


def as_of_option(value: str | None, *, what: str = "--as-of") -> dt.date | str | None:
    """An ``--as-of`` value checked now (an error before any file is read): a date, or the word
    ``today`` kept as such so that each document reports where its date came from."""
    if value is None:
        return None
    date, source = asof.option(value, what)
    return "today" if source == "today" else date


def line_starts(text: str) -> tuple[int, ...]:
    starts = [0]
    find = text.find
    i = find("\n")
    while i >= 0:
        starts.append(i + 1)
        i = find("\n", i + 1)
    return tuple(starts)


def format_of(path: str) -> str:
    return FORMATS.get(os.path.splitext(path)[1].lower(), "text")


def sniff(data: bytes) -> str:
    """The format of bytes with no file name (standard input)."""
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<article", b"<p>", b"<div", b"<meta")):
        return "html"
    if head.startswith((b"---\n", b"---\r\n", b"+++\n", b"+++\r\n")) or re.match(rb"#{1,6} \S", head):
        return "markdown"
    return "text"


def from_text(text: str, path: str = "<text>", as_of: dt.date | str | None = None, fmt: str = "text",
              encoding: str = "utf-8") -> Document:
    """A Document from text already in memory, read as ``fmt`` (text, markdown or html)."""
    starts = line_starts(text)
    if fmt == "markdown":
        return _markdown(text, path, as_of, starts, encoding)
    if fmt == "html":
        return _html_doc(text, path, as_of, starts, encoding)
    notes = directives.find(text)
    copy, smap, _ = visible(directives.blank(text, notes), (), path=path, line_starts=starts)
    placed = directives.place(notes, text, smap, len(copy))
    doc = Document(path=path, text=copy, as_of=None, as_of_source="none", format="text", line_starts=starts,
                   source_map=smap, encoding=encoding,
                   suppressions=tuple(directives.parse(n, copy) for n in placed))
    return asof.settle(doc, as_of, header=text)


def _markdown(source: str, path: str, as_of: dt.date | str | None, starts: tuple[int, ...], encoding: str) -> Document:
    from . import frontmatter, markdown
    from .meta import front_matter as front_matter_meta

    try:
        fm = frontmatter.read(source)
    except (frontmatter.FrontMatterError, DateError) as ex:
        raise asof.front_matter_error(path, source, ex) from None
    try:
        builder, code = markdown.read(source, starts, fm)
    except InputError as ex:  # a reader's refusal names the line; the file is named here
        ex.path = path
        raise
    notes = directives.find(source, code)
    if notes:  # read again with the notes blanked, so none of them is copy
        builder, code = markdown.read(directives.blank(source, notes), starts, fm)
    text, smap, _ = visible(*builder.build(), path=path, line_starts=starts)
    placed = directives.place(notes, source, smap, len(text))
    doc = Document(path=path, text=text, as_of=None, as_of_source="none", format="markdown", line_starts=starts,
                   source_map=smap, encoding=encoding, suppressions=tuple(directives.parse(n, text) for n in placed),
                   meta=front_matter_meta(source, fm))
    return asof.settle(doc, as_of, front=fm, header=None if fm else source)


def _html_doc(source: str, path: str, as_of: dt.date | str | None, starts: tuple[int, ...], encoding: str) -> Document:
    from . import html

    builder, notes, stated, meta = html.read(source, starts)
    text, smap, moved = visible(*builder.build(), path=path, line_starts=starts)
    notes = [replace(n, at=moved(n.at)) for n in notes]
    doc = Document(path=path, text=text, as_of=None, as_of_source="none", format="html", line_starts=starts,
                   source_map=smap, encoding=encoding, suppressions=tuple(directives.parse(n, text) for n in notes),
                   meta=meta)
    return asof.settle(doc, as_of, stated=stated)


def _docx_doc(data: bytes, path: str, as_of: dt.date | str | None) -> Document:
    from . import docx
    from .copy import CopyBuilder

    paras = docx.paragraphs(data, path)
    source = "\n".join(paras)
    starts = line_starts(source)
    notes = directives.find(source)
    clean = directives.blank(source, notes)
    b = CopyBuilder()
    for i, p in enumerate(clean.split("\n")):
        if p.strip():
            b.add(p, starts[i])
            b.paragraph_break(starts[i] + len(p))
    text, smap, _ = visible(*b.build(), path=path, line_starts=starts)
    placed = directives.place(notes, source, smap, len(text))
    doc = Document(path=path, text=text, as_of=None, as_of_source="none", format="docx", line_starts=starts,
                   source_map=smap, encoding="docx", suppressions=tuple(directives.parse(n, text) for n in placed))
    return asof.settle(doc, as_of, header=source)


def from_bytes(data: bytes, path: str, as_of: dt.date | str | None = None, *, fmt: str | None = None,
               encoding: str | None = None) -> Document:
    """A Document from the bytes of a file named ``path`` (its format from its suffix unless given)."""
    fmt = fmt or format_of(path)
    if fmt == "docx":
        return _docx_doc(data, path, as_of)
    text, enc = decode(data, path, encoding, markup=fmt == "html")
    return from_text(text, path, as_of, fmt, enc)


def read_document(path: str | os.PathLike[str], as_of: dt.date | str | None = None, *, fmt: str | None = None,
                  encoding: str | None = None, name: str | None = None) -> Document:
    """Read a file (or ``-`` for standard input) into a Document; InputError for anything unreadable.

    ``name``: the path to report for standard input (and to take its format and date from).
    """
    p = str(path)
    if p == "-":
        import sys

        data = sys.stdin.buffer.read()
        shown = name or "<stdin>"
        return from_bytes(data, shown, as_of, fmt=fmt or (format_of(name) if name else sniff(data)), encoding=encoding)
    fp = Path(p)
    if not fp.exists():
        raise InputError("no such file", path=p)
    if fp.is_dir():
        raise InputError("is a directory (give the files, or a folder to `factcheck check`)", path=p)
    if not fp.is_file():
        raise InputError("not a regular file", path=p)
    try:
        size = fp.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"too large to check: {size // (1024 * 1024)} MB; factcheck reads files of at most "
                             f"{MAX_BYTES // (1024 * 1024)} MB", path=p)
        data = fp.read_bytes()
    except OSError as ex:
        raise InputError(f"cannot read: {ex.strerror or ex}", path=p) from None
    return from_bytes(data, p, as_of, fmt=fmt, encoding=encoding)


def expand_paths(paths: list[str], exclude: list[str] | tuple[str, ...] = ()) -> list[str]:
    """Files to check: files as given; folders searched for the formats read (sorted, hidden
    folders skipped); glob patterns (``drafts/**/*.md``) expanded. ``exclude``: glob patterns of
    paths to leave out of folders and patterns (files named outright are always read)."""
    out: list[str] = []

    def excluded(f: str) -> bool:
        import fnmatch

        rel = Path(f).as_posix()
        return any(fnmatch.fnmatch(rel, pat) or fnmatch.fnmatch(rel, f"*/{pat}") for pat in exclude)

    for p in paths:
        fp = Path(p)
        if p != "-" and fp.is_dir():
            found = [f for f in _walk(fp) if not excluded(f)]
            if not found:
                raise InputError(f"no text files to check ({', '.join(TEXT_SUFFIXES)}) in this folder", path=p)
            out.extend(found)
        elif p != "-" and not fp.exists() and glob.has_magic(p):
            matches = sorted(glob.glob(p, recursive=True))
            files = [m for m in matches if os.path.isfile(m)] + [f for m in matches if os.path.isdir(m) for f in _walk(Path(m))]
            files = [f for f in files if not excluded(f)]
            if not files:
                raise InputError("no files match this pattern", path=p)
            out.extend(files)
        else:
            out.append(p)
    seen: set[str] = set()
    return [f for f in out if not (f in seen or seen.add(f))]  # type: ignore[func-returns-value]


def _walk(root: Path) -> list[str]:
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in SKIP_DIRS)
        for f in filenames:
            if os.path.splitext(f)[1].lower() in FORMATS and not f.startswith("~$"):
                found.append(os.path.join(dirpath, f))
    return sorted(found)

"""Suppressions written in a document, in any format:

    <!-- factcheck: ignore FC110 reason="figure from the ministry, 3 March" -->
    [factcheck: ignore FC110 reason="figure from the ministry, 3 March"]
    <!-- factcheck: ignore-file FC100 reason="figures checked by the desk" -->

``ignore`` covers the paragraph the note is written in, or the next paragraph when the note
stands alone on its line; ``ignore-file`` covers the whole file. Codes (or rule ids) are
separated by spaces or commas; with none, every finding in the scope is covered. The reason may
use straight or curly quotes (word processors curl them).

Readers find the notes in the file (``find``), leave them out of the copy, and place them in the
copy (``place``) once it is built.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..model import Span, Suppression
from .copy import next_paragraph, paragraph_at, text_offset

_NOTE = re.compile(
    r"<!--\s*factcheck\s*:(?P<c>.*?)-->"
    r"|\[\s*factcheck\s*:(?P<b>[^\]\n]*)\]",
    re.I | re.S,
)
_COMMENT_BODY = re.compile(r"^\s*factcheck\s*:(?P<c>.*)$", re.I | re.S)
_REASON = re.compile(r"""reason\s*=\s*(?:"(?P<a>[^"]*)"|“(?P<b>[^”]*)”|'(?P<c>[^']*)'|‘(?P<d>[^’]*)’)""", re.I)
_COMMAND = re.compile(r"^\s*(?P<cmd>[A-Za-z-]+)\b(?P<rest>.*)$", re.S)
COMMANDS = ("ignore", "ignore-file")


@dataclass(frozen=True)
class Note:
    """A suppression as found in the file, before it is placed in the copy."""

    start: int
    end: int
    body: str
    #: Whether other text shares its line (then it covers its own paragraph).
    inline: bool
    #: Where it stands in the copy: an offset inside its paragraph when inline, else the offset
    #: from which the next paragraph is looked for (set by the reader; -1 until then).
    at: int = -1


def find(source: str, skip: list[tuple[int, int]] | None = None) -> list[Note]:
    """Every factcheck note in ``source`` outside the ``skip`` ranges (code blocks)."""
    out: list[Note] = []
    for m in _NOTE.finditer(source):
        if skip and any(a <= m.start() < b for a, b in skip):
            continue
        body = m.group("c") if m.group("c") is not None else m.group("b")
        out.append(Note(m.start(), m.end(), body, _inline(source, m.start(), m.end())))
    return out


def comment_note(body: str, start: int, end: int, inline: bool, at: int) -> Note | None:
    """A note from the text of an HTML comment (``body`` without ``<!--``/``-->``)."""
    m = _COMMENT_BODY.match(body)
    return Note(start, end, m.group("c"), inline, at) if m else None


def place(notes: list[Note], source: str, source_map: tuple[tuple[int, int], ...], text_len: int) -> list[Note]:
    """Notes found in the file, placed in the copy: an inline note by the start of its line (which
    is in its paragraph), a note alone on its line by its end."""
    out = []
    for n in notes:
        src = source.rfind("\n", 0, n.start) + 1 if n.inline else n.end
        out.append(replace(n, at=text_offset(source_map, src, text_len)))
    return out


def _inline(source: str, start: int, end: int) -> bool:
    ls = source.rfind("\n", 0, start) + 1
    le = source.find("\n", end)
    le = len(source) if le < 0 else le
    rest = _NOTE.sub("", source[ls:start] + " " + source[end:le])
    return bool(rest.strip(" \t\r\n>-*#|"))


def parse(note: Note, text: str) -> Suppression:
    """The suppression a placed note makes in the copy ``text``."""
    at = max(0, min(note.at, len(text)))
    body = note.body.strip()
    reason_m = _REASON.search(body)
    reason = None
    if reason_m:
        reason = next(g for g in reason_m.groups() if g is not None).strip() or None
        body = (body[: reason_m.start()] + body[reason_m.end():]).strip()
    m = _COMMAND.match(body)
    cmd = m.group("cmd").lower() if m else ""
    codes = tuple(c for c in re.split(r"[\s,]+", m.group("rest").strip()) if c) if m else ()
    span = Span(note.start, note.end)
    if cmd not in COMMANDS:
        return Suppression(codes=(cmd or body,), reason=reason, span=span, scope=Span(0, 0), kind="invalid")
    if cmd == "ignore-file":
        return Suppression(codes, reason, span, Span(0, len(text)), "file")
    if note.inline:
        a, b = paragraph_at(text, at)
        return Suppression(codes, reason, span, Span(a, b), "paragraph")
    a, b = next_paragraph(text, at)
    return Suppression(codes, reason, span, Span(a, b), "next")


def blank(source: str, notes: list[Note]) -> str:
    """``source`` with every note replaced by spaces (newlines kept): offsets do not move."""
    if not notes:
        return source
    chars = list(source)
    for n in notes:
        for i in range(n.start, n.end):
            if chars[i] not in "\r\n":
                chars[i] = " "
    return "".join(chars)

"""Characters a reader never sees are not copy.

Zero-width spaces and joiners, soft hyphens, word joiners, byte order marks and the marks and
embeddings of bidirectional text change nothing a reader of the page sees, but inside a figure
they split it ("3\u200b.7 million" would be read as 3 and .7 million) and inside a word they hide it
from the rules ("refu\u00adgees"). Every reader leaves them out of the copy, and the source map
keeps every other character pointing at its place in the file, so findings still point where
the writer edits.

A bidirectional *override* (U+202D, U+202E) is different: it changes what a reader sees, digits
included ("\u202e7.3\u202c" shows as 3.7). A figure under one would be read as one number and
shown as another, so such a draft is refused with the line and column of the override, as
compilers refuse them in literals (the "Trojan Source" attack).
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from ..errors import InputError

#: Soft hyphen, combining grapheme joiner, Arabic letter mark, Mongolian vowel separator,
#: zero-width space, non-joiner and joiner, left-to-right and right-to-left marks, bidi
#: embeddings, pops and overrides, word joiner and invisible operators, bidi isolates,
#: deprecated format characters, byte order mark (zero-width no-break space).
INVISIBLE = re.compile("[\u00ad\u034f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]+")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\n\r\u2029]|\\d")
_PUSH = "\u202a\u202b\u202d\u202e"  # embeddings and overrides (closed by U+202C)
_ISOLATE = "\u2066\u2067\u2068"  # isolates (closed by U+2069)
_OVERRIDE = "\u202d\u202e"

Runs = tuple[tuple[int, int], ...]


def overridden_digit(text: str) -> int | None:
    """The offset of the first bidi override that reverses a digit shown after it, or None
    (embeddings and isolates inside an override end its effect, as in the Unicode algorithm)."""
    if "\u202d" not in text and "\u202e" not in text:
        return None
    stack: list[tuple[str, int]] = []
    for m in _BIDI.finditer(text):
        c = m.group()
        if c in "\n\r\u2029":
            stack.clear()  # a paragraph ends every embedding
        elif c in _PUSH or c in _ISOLATE:
            stack.append((c, m.start()))
        elif c == "\u202c":
            if stack and stack[-1][0] in _PUSH:
                stack.pop()
        elif c == "\u2069":
            while stack:
                if stack.pop()[0] in _ISOLATE:
                    break
        elif stack and stack[-1][0] in _OVERRIDE:
            return stack[-1][1]
    return None


def _source_offset(runs: Runs, offset: int) -> int:
    if not runs:
        return offset
    i = bisect.bisect_right(runs, (offset, float("inf"))) - 1
    if i < 0:
        return offset
    t, s = runs[i]
    return s + (offset - t)


def visible(text: str, runs: Runs, *, path: str, line_starts: tuple[int, ...]
            ) -> tuple[str, Runs, Callable[[int], int]]:
    """The copy ``text`` (mapped to the file by ``runs``; empty: it is the file's text) without
    the invisible characters, its map to the file, and a function that moves an offset of the
    old copy to the new one. InputError (line and column) for an override over a digit."""
    at = overridden_digit(text)
    if at is not None:
        src = _source_offset(runs, at)
        line = bisect.bisect_right(line_starts, src) - 1
        raise InputError(f"a bidirectional override (U+{ord(text[at]):04X}) reverses how the figure after it is "
                         "shown, so it reads as one number and shows as another; remove it",
                         path=path, line=line + 1, column=src - line_starts[line] + 1)
    gone = list(INVISIBLE.finditer(text))
    if not gone:
        return text, runs, lambda o: o
    old = runs or ((0, 0),)
    parts: list[str] = []
    out: list[tuple[int, int]] = []
    cut_total: list[int] = []  # characters removed up to the end of each stretch
    removed = 0
    new_len = 0
    pos = 0
    for m in [*gone, None]:
        a, b = pos, (m.start() if m is not None else len(text))
        if b > a:
            k = bisect.bisect_right(old, (a, float("inf"))) - 1
            k = max(k, 0)
            while k < len(old) and old[k][0] < b:
                t, s = old[k]
                t0 = max(a, t)
                s0 = s + (t0 - t)
                nt = new_len + (t0 - a)
                if not out or out[-1][1] + (nt - out[-1][0]) != s0:  # not a continuation
                    out.append((nt, s0))
                k += 1
            parts.append(text[a:b])
            new_len += b - a
        if m is not None:
            removed += m.end() - m.start()
            cut_total.append(removed)
            pos = m.end()

    first = [m.start() for m in gone]

    def shift(offset: int) -> int:
        j = bisect.bisect_right(first, offset) - 1  # the last stretch starting at or before it
        if j < 0:
            return offset
        inside = min(offset, gone[j].end()) - gone[j].start()
        return offset - (cut_total[j - 1] if j else 0) - inside

    return "".join(parts), tuple(out), shift

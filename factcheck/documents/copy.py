"""The copy of a marked-up file: the article text the stages read, mapped back to the file.

Readers of Markdown, HTML and DOCX add the text they keep, piece by piece, with the file offset
each piece starts at; ``CopyBuilder`` joins the pieces and records the runs that map every
character of the copy back to the character of the file it came from. Paragraphs are separated
by a blank line, as the segmenter expects.
"""
from __future__ import annotations

import bisect
import re

_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")


class CopyBuilder:
    """Collects (text, file offset) pieces into a copy and its ``source_map``."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._len = 0
        #: (text offset, file offset) at which each run starts.
        self._runs: list[tuple[int, int]] = []
        self._next_src = -1  # file offset just after the last mapped character
        self._last = "\n\n"  # the copy's last two characters (start: as after a paragraph)

    @property
    def length(self) -> int:
        return self._len

    def add(self, text: str, src: int) -> None:
        """Text that appears as is in the file at offset ``src``."""
        if not text:
            return
        if src != self._next_src or not self._runs:
            self._runs.append((self._len, src))
        self._push(text)
        self._next_src = src + len(text)

    def add_at(self, text: str, src: int) -> None:
        """Text that stands for something else at ``src`` (an entity, a separator): every
        character of it maps to ``src``."""
        for ch in text:
            self._runs.append((self._len, src))
            self._push(ch)
        self._next_src = -1

    def add_aligned(self, text: str, source: str, start: int, end: int) -> int:
        """Text that appears in ``source[start:end]`` with some characters written differently
        (escapes, entities): each character maps to its next occurrence, else to where the
        search stands. Returns the file offset after the last character matched."""
        i = source.find(text, start, end)
        if i >= 0:
            self.add(text, i)
            return i + len(text)
        pos = start
        for ch in text:
            j = source.find(ch, pos, min(end, pos + 12))
            if j >= 0:
                self.add(ch, j)
                pos = j + 1
            else:
                self.add_at(ch, min(pos, max(start, end - 1)))  # never past the range searched
        return pos

    def space(self, src: int) -> None:
        """A word space, unless the copy already ends in white space."""
        if self._last[-1:] not in (" ", "\n", ""):
            self.add_at(" ", src)

    def line_break(self, src: int) -> None:
        if self._last[-1:] != "\n":
            self._strip_trailing_space()
            self.add_at("\n", src)

    def paragraph_break(self, src: int) -> None:
        """End the paragraph: the copy then ends in a blank line (once, however often called)."""
        if self._last != "\n\n":
            self._strip_trailing_space()
            self.add_at("\n" if self._last.endswith("\n") else "\n\n", src)

    @property
    def at_paragraph_start(self) -> bool:
        return self._last == "\n\n"

    def _strip_trailing_space(self) -> None:
        # NOTE: a trailing space is kept rather than removed (removing would shift the runs);
        # the segmenter ignores white space at line ends.
        return None

    def _push(self, text: str) -> None:
        self._parts.append(text)
        self._len += len(text)
        self._last = (self._last + text)[-2:]

    def build(self) -> tuple[str, tuple[tuple[int, int], ...]]:
        return "".join(self._parts), tuple(self._runs)


def text_offset(source_map: tuple[tuple[int, int], ...], src: int, text_len: int) -> int:
    """The first copy offset whose file offset is at or after ``src`` (for placing a comment
    that is not itself in the copy)."""
    if not source_map:
        return min(src, text_len)
    best = text_len
    for i, (t, s) in enumerate(source_map):
        t_end = source_map[i + 1][0] if i + 1 < len(source_map) else text_len
        if s + (t_end - t) > src:  # this run reaches past src
            best = t + max(0, src - s)
            break
    return min(best, text_len)


def paragraph_at(text: str, offset: int) -> tuple[int, int]:
    """The blank-line separated block of ``text`` that holds ``offset``."""
    starts = [0] + [m.end() for m in _BLANK_LINE.finditer(text)]
    i = bisect.bisect_right(starts, offset) - 1
    start = starts[i]
    m = _BLANK_LINE.search(text, start)
    return start, (m.start() if m else len(text))


def next_paragraph(text: str, offset: int) -> tuple[int, int]:
    """The first block of ``text`` with visible text that starts at or after ``offset``."""
    pos = offset
    while pos < len(text):
        while pos < len(text) and text[pos] in " \t\r\n":
            pos += 1
        if pos >= len(text):
            break
        start, end = paragraph_at(text, pos)
        return max(start, pos), end
    return len(text), len(text)

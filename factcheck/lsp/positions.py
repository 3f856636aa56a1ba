"""Offsets into a file's text <-> LSP positions.

An LSP position is a line (0-based; lines end at ``\\n``, ``\\r\\n`` or ``\\r``) and a character
counted in the code units of the encoding the client and server agreed on: UTF-16 unless the
client offered another (``general.positionEncodings``). So "İbrahim said 3 million" puts the
figure at character 13 in every encoding, while after an emoji (two UTF-16 units, four UTF-8
bytes, one code point) the figure moves by 2, 4 or 1.
"""
from __future__ import annotations

import bisect
import re

_BREAK = re.compile(r"\r\n|\r|\n")


def _units_utf16(text: str) -> int:
    return len(text) + sum(1 for c in text if ord(c) > 0xFFFF)


def _units_utf8(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


def _units_utf32(text: str) -> int:
    return len(text)


_UNITS = {"utf-16": _units_utf16, "utf-8": _units_utf8, "utf-32": _units_utf32}


class LineIndex:
    """Where each line of ``text`` starts, to turn offsets (code points) into LSP positions and
    back in the negotiated ``encoding`` ("utf-16", "utf-8" or "utf-32")."""

    def __init__(self, text: str, encoding: str = "utf-16") -> None:
        self.text = text
        self.units = _UNITS.get(str(encoding).lower(), _units_utf16)
        starts = [0]
        ends = []
        for m in _BREAK.finditer(text):
            ends.append(m.start())
            starts.append(m.end())
        ends.append(len(text))
        self.starts = starts
        self.ends = ends

    def position(self, offset: int) -> tuple[int, int]:
        """(line, character) of an offset into the text (clamped to the text)."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        # an offset inside a line break (between \r and \n) is the end of its line
        start = self.starts[line]
        at = min(offset, self.ends[line])
        return line, self.units(self.text[start:at])

    def offset(self, line: int, character: int) -> int:
        """The offset of an LSP position; a character past the end of its line is the line's
        end, a line past the last is the end of the text."""
        if line < 0:
            return 0
        if line >= len(self.starts):
            return len(self.text)
        start, end = self.starts[line], self.ends[line]
        count = 0
        for i in range(start, end):
            if count >= character:
                return i
            count += self.units(self.text[i])
        return end

    def line_end(self, line: int) -> int:
        """The offset where a line's text ends (before its line break)."""
        return self.ends[max(0, min(line, len(self.ends) - 1))]

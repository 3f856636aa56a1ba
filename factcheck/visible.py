"""Text from a draft, a file name or a dataset, made safe to print on a terminal or in a CI log.

``visible(s)`` replaces, one character for one (so offsets into the text stay right), every
character a terminal or a log reader would act on instead of showing:

- C0 controls and DEL (line feed, carriage return, escape, bell, backspace...) by their Control
  Pictures (U+2400-U+2421: ``\\n`` shows as ␊, ESC as ␛), so an escape sequence can neither
  recolour, retitle nor hide text, and a line break or carriage return can neither start a new line
  (a GitHub workflow command, a forged report line) nor overwrite the one shown;
- C1 controls (U+0080-U+009F, which some terminals also obey), the line and paragraph separators
  (U+2028, U+2029) and the bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069,
  which reorder what a reader sees) by U+FFFD.

A tab is kept. Reports in formats with their own escaping (HTML, XML, JSON, Markdown, GitHub's
workflow commands) escape for their reader instead; this is for plain text: the terminal report,
the concise report and the one-line errors. ``commands_stopped()`` keeps a GitHub Actions runner
from reading such text as workflow commands.
"""
from __future__ import annotations

import os
import secrets
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

_TABLE: dict[int, str] = {c: chr(0x2400 + c) for c in range(0x20) if c != 0x09}
_TABLE[0x7F] = "\u2421"
_TABLE.update({c: "\ufffd" for c in (*range(0x80, 0xA0), 0x2028, 0x2029, *range(0x202A, 0x202F),
                                     *range(0x2066, 0x206A))})


def visible(s: str) -> str:
    """``s`` with every control character shown as a visible one (the same length)."""
    return s.translate(_TABLE)


def visible_lines(text: str) -> str:
    """``text`` of several lines (``\n`` between them), each made ``visible``: its line breaks
    are kept, any other control character is shown."""
    return "\n".join(visible(line) for line in text.split("\n"))


# --- GitHub Actions: a log whose lines the runner would read as workflow commands -------------------

_stopped: list[str] = []


@contextmanager
def commands_stopped(out: IO[str] | None = None) -> Iterator[None]:
    """Inside a GitHub Actions job (``GITHUB_ACTIONS=true``), what is printed meanwhile is never
    read as a workflow command: the runner is told ``::stop-commands::TOKEN`` first and resumes at
    ``::TOKEN::`` (a random token, which no text can guess). Plain text can put ``::`` at the start
    of a line (a long sentence wrapped at a terminal's width) or ``##[``, which the runner reads
    anywhere in a line; its own annotations (``-f github``) are escaped instead and are not written
    inside this. Elsewhere, and when already stopped, it does nothing."""
    if os.environ.get("GITHUB_ACTIONS") != "true" or _stopped:
        yield
        return
    stream = out or sys.stdout
    token = secrets.token_hex(16)
    stream.write(f"::stop-commands::{token}\n")
    stream.flush()
    _stopped.append(token)
    try:
        yield
    finally:
        _stopped.pop()
        try:
            stream.write(f"::{token}::\n")
            stream.flush()
        except (OSError, ValueError):
            pass

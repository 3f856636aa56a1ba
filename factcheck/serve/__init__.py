"""``factcheck serve``: a page for the desk. Paste a draft or upload a file (.md, .html, .txt,
.docx), see the HTML report (the renderer of ``-f html``), download the same check as JSON or
Markdown.

    factcheck serve                       # http://127.0.0.1:8000/, this machine only
    factcheck serve --port 8080 --max-bytes 5MB

The server (Starlette on uvicorn: ``pip install 'factcheck[serve]'``) loads the rules and opens
the reference data once, at start; each request is read into memory (at most ``--max-bytes``,
else 413), checked there and answered; nothing of it is written to disk or kept after the
response (``app.py``). The page runs no script at all: the article is escaped by the report's
renderer, and every response carries a Content-Security-Policy that allows no script, only the
page's own style blocks (by hash) and form posts to itself (``page.py``).

This module imports neither Starlette nor uvicorn; ``cli.py`` adds the command.
"""
from __future__ import annotations

import re

from ..documents import FORMATS, MAX_BYTES
from ..errors import InputError

#: Default largest request body: a draft with a few pictures in a .docx.
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
#: The file suffixes the page takes (those of ``factcheck check``).
ACCEPTED = tuple(FORMATS)
#: Where it listens unless told otherwise: this machine only.
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
#: The packages of the ``serve`` extra (import name, distribution).
NEEDS = (("starlette", "starlette"), ("uvicorn", "uvicorn"), ("python_multipart", "python-multipart"))

_UNITS = {"": 1, "b": 1, "k": 1024, "kb": 1024, "kib": 1024, "m": 1024 ** 2, "mb": 1024 ** 2, "mib": 1024 ** 2}
_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*", re.IGNORECASE)


def accepted_types() -> str:
    """The accepted suffixes in words: '.txt, .text, .md, ... or .docx'."""
    return ", ".join(ACCEPTED[:-1]) + " or " + ACCEPTED[-1]


def parse_size(value: str) -> int:
    """``--max-bytes``: 2000000, 512KB, 10MB (KB and MB of 1024) -> bytes, between 1 KB and the
    50 MB a file may have for ``factcheck check``."""
    m = _SIZE.fullmatch(value)
    unit = m.group(2).lower() if m else ""
    if not m or unit not in _UNITS:
        raise InputError(f"--max-bytes {value!r}: give a size in bytes, KB or MB (10MB)")
    size = int(float(m.group(1)) * _UNITS[unit])
    if not 1024 <= size <= MAX_BYTES:
        raise InputError(f"--max-bytes {value!r}: give a size from 1KB to {MAX_BYTES // 1024 ** 2}MB")
    return size


def missing() -> list[str]:
    """The distributions of the serve extra that cannot be imported here."""
    import importlib

    out = []
    for module, dist in NEEDS:
        try:
            importlib.import_module(module)
        except ImportError:
            out.append(dist)
    return out


def require() -> None:
    """An InputError naming how to install the extra, when a package of it is missing."""
    gone = missing()
    if gone:
        raise InputError(f"factcheck serve needs {', '.join(gone)}: pip install 'factcheck[serve]'")

"""Renderers: one module per output format. Each writes a report document by document
(``stream.py``: ``part(dr, n, run, opts)`` for one document, anywhere; a ``Writer`` that puts the
parts together in order and ends with the run's totals); ``render(report) -> str`` is the same
writer over a whole Report. Imported only when chosen, so a JSON run never loads rich.
"""
from __future__ import annotations

import importlib
from typing import IO, Any

from ..model import DocumentReport, Report
from .stream import Options, Run

#: --format name -> module (each has ``render(report) -> str``).
MODULES = {
    "terminal": "terminal",
    "json": "json_report",
    "sarif": "sarif",
    "github": "github",
    "junit": "junit",
    "markdown": "markdown",
    "html": "html",
    "concise": "concise",
    "gitlab": "gitlab",
    "rdjson": "rdjson",
    "claimreview": "claimreview",
}
FORMATS = tuple(MODULES)
#: Streams that are not --format choices: ``--statistics`` (text, and JSON with ``-f json``).
STREAMS = {**{f: (m, "Writer") for f, m in MODULES.items()},
           "statistics": ("statistics", "Writer"), "statistics-json": ("statistics", "JsonWriter")}
#: What each format is for, in a word (``--help``).
PURPOSES = {
    "terminal": "a person at a terminal (default)", "json": "programs (the versioned contract)",
    "sarif": "GitHub code scanning", "github": "GitHub Actions annotations", "junit": "CI test reports",
    "markdown": "the desk's sign-off, a PR comment", "html": "the article with its evidence",
    "concise": "one line a finding, for grep and editors", "gitlab": "GitLab Code Quality",
    "rdjson": "reviewdog", "claimreview": "schema.org ClaimReview JSON-LD, for search engines",
}


def render(report: Report, fmt: str, *, width: int = 100, color: bool = False, show_unverifiable: bool = True,
           sort: str = "position", quiet: bool = False, claimreview: Any = None) -> str:
    """The report in a format, as text. ``width``/``color``/``show_unverifiable``: terminal only;
    ``sort`` ("position" or "severity") and ``quiet`` (no supported claims, no summary): the
    terminal and concise reports; ``claimreview``: the configuration's ``[claimreview]`` table
    (``Config.claimreview``), which ``claimreview`` needs."""
    module = importlib.import_module(f".{MODULES[fmt]}", __name__)
    if fmt == "terminal":
        return module.render_text(report, width=width, color=color, show_unverifiable=show_unverifiable,
                                  sort=sort, quiet=quiet)
    if fmt == "concise":
        return module.render(report, sort=sort, quiet=quiet)
    if fmt == "claimreview":
        return module.render(report, claimreview)
    return module.render(report)


def part(fmt: str, dr: DocumentReport, n: int, run: Run, opts: Options) -> Any:
    """One document's share of a report in ``fmt`` (a format or a ``STREAMS`` name): picklable,
    computed where the document was checked."""
    return importlib.import_module(f".{STREAMS[fmt][0]}", __name__).part(dr, n, run, opts)


def writer(fmt: str, out: IO[str], run: Run, opts: Options) -> Any:
    """The writer of ``fmt`` onto ``out``: ``begin()``, ``write(part)`` per document in order,
    ``end(tally)``."""
    module, cls = STREAMS[fmt]
    return getattr(importlib.import_module(f".{module}", __name__), cls)(out, run, opts)

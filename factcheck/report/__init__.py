"""Renderers: one module per output format, each ``render(report) -> str`` over a Report and
nothing else (the terminal report also draws on a live console). Imported only when chosen, so
a JSON run never loads rich.
"""
from __future__ import annotations

import importlib

from ..model import Report

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
}
FORMATS = tuple(MODULES)
#: What each format is for, in a word (``--help``).
PURPOSES = {
    "terminal": "a person at a terminal (default)", "json": "programs (the versioned contract)",
    "sarif": "GitHub code scanning", "github": "GitHub Actions annotations", "junit": "CI test reports",
    "markdown": "the desk's sign-off, a PR comment", "html": "the article with its evidence",
    "concise": "one line a finding, for grep and editors", "gitlab": "GitLab Code Quality",
    "rdjson": "reviewdog",
}


def render(report: Report, fmt: str, *, width: int = 100, color: bool = False, show_unverifiable: bool = True,
           sort: str = "position", quiet: bool = False) -> str:
    """The report in a format, as text. ``width``/``color``/``show_unverifiable``: terminal only;
    ``sort`` ("position" or "severity") and ``quiet`` (no supported claims, no summary): the
    terminal and concise reports."""
    module = importlib.import_module(f".{MODULES[fmt]}", __name__)
    if fmt == "terminal":
        return module.render_text(report, width=width, color=color, show_unverifiable=show_unverifiable,
                                  sort=sort, quiet=quiet)
    if fmt == "concise":
        return module.render(report, sort=sort, quiet=quiet)
    return module.render(report)

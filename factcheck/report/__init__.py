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
}
FORMATS = tuple(MODULES)


def render(report: Report, fmt: str, *, width: int = 100, color: bool = False, show_unverifiable: bool = True) -> str:
    """The report in a format, as text. ``width``/``color``/``show_unverifiable``: terminal only."""
    module = importlib.import_module(f".{MODULES[fmt]}", __name__)
    if fmt == "terminal":
        return module.render_text(report, width=width, color=color, show_unverifiable=show_unverifiable)
    return module.render(report)

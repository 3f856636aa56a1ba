"""More than one report from one run: ``factcheck check --report FORMAT:FILE`` (repeatable).

    factcheck check drafts/ -f github --report sarif:factcheck.sarif --report markdown:summary.md

The run's own report goes where ``--format``/``--output`` say; each ``--report`` renders the same
Report in another format to a file, written whole or not at all like ``--output``. CI uses it to
annotate a pull request, upload SARIF and write the job summary from one check of the drafts.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import click


def parse_reports(ctx: Any, param: Any, values: tuple[str, ...]) -> tuple[tuple[str, Path], ...]:
    """click callback: ("sarif:out.sarif", ...) -> (("sarif", Path("out.sarif")), ...)."""
    from .report import FORMATS

    out = []
    for v in values:
        fmt, sep, name = v.partition(":")
        if not sep or not name.strip():
            raise click.BadParameter(f"{v!r} is not FORMAT:FILE (e.g. sarif:factcheck.sarif)")
        if fmt not in FORMATS:
            raise click.BadParameter(f"{fmt!r} is not a format; one of {', '.join(FORMATS)}")
        if name == "-":
            raise click.BadParameter(f"{v!r}: --report writes to a file; the run's own report goes to standard "
                                     "output")
        out.append((fmt, Path(name)))
    return tuple(out)


def write_reports(report: Any, reports: tuple[tuple[str, Path], ...], claimreview: Any = None) -> None:
    """Render ``report`` in each format and write each file atomically (``claimreview``: the
    configuration's table, for ``claimreview``). Every report is rendered before any is written."""
    from .atomic import write_atomic
    from .report import render

    texts = [(path, render(report, fmt, claimreview=claimreview)) for fmt, path in reports]
    for path, text in texts:
        write_atomic(path, text)

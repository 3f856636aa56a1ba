"""GitHub Actions workflow commands: one annotation per finding that is not supported, shown on
the line of the pull request's diff.

    ::warning file=drafts/idlib.md,line=17,endLine=17,col=21,endColumn=38,title=FC110::APPROXIMATE: ...

Levels: error (contradicted, inconsistent, a suppression without a reason), warning
(approximate, suppression problems), notice (unverifiable). Accepted findings are not annotated.
A contradicted figure's suggested correction ends its message ("Suggested: about 3.6 million
(UNHCR, 2020-01-20).").
"""
from __future__ import annotations

import sys

from ..model import DocumentReport, Report, Verdict
from . import stream
from .common import place, reference, related_words, relative_path, source, source_place
from .correction import correction
from .stream import Options, Run, Tally, render_whole

_LEVEL = {"error": "error", "warning": "warning", "note": "notice"}


def _data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(s: str) -> str:
    return _data(s).replace(":", "%3A").replace(",", "%2C")


def _command(level: str, path: str, p: object, title: str, message: str) -> str:
    props = (f"file={_prop(path)},line={p.line},endLine={p.end_line},"  # type: ignore[attr-defined]
             f"col={p.column},endColumn={p.end_column},title={_prop(title)}")  # type: ignore[attr-defined]
    return f"::{_LEVEL[level]} {props}::{_data(message)}"


def render(report: Report) -> str:
    return render_whole(sys.modules[__name__], report, Options())


def part(d: DocumentReport, n: int, run: Run, opts: Options) -> str:
    lines: list[str] = []
    path = relative_path(d.document.path)
    for f in d.findings:
        if f.verdict is Verdict.SUPPORTED:
            continue
        msg = f"{f.verdict.value.upper()}: {f.message}"
        ref = reference(f)
        if ref:
            msg += f"\nReference: {ref}; source: {source(f)}."
        related = related_words(d, f)
        if related:
            msg += f"\nThe {related[4:]}."
        fix = correction(f)
        if fix is not None:
            msg += f"\nSuggested: {fix.sourced}."
        lines.append(_command(f.level.value, path, place(d.document, f.quantity.span), f.code, msg))
    for x in d.notices:
        lines.append(_command(x.level.value, path, source_place(d.document, x.span), x.code, x.message))
    return "".join(line + "\n" for line in lines)


class Writer(stream.Writer):
    def end(self, tally: Tally) -> None:
        summary = ", ".join(f"{n} {v}" for v, n in tally.summary().items() if n) or "no claims"
        self.out.write(f"factcheck: {summary}\n")

"""One line a finding, for grep and editor problem matchers (ruff's and Vale's "concise"):

    seeds/idlib.txt:15:21: FC110 APPROXIMATE Türkiye: Syrian refugees ... (3.5% high; MPM ...).

``path:line:col: CODE VERDICT message``, the path as given on the command line, line and column
1-based in the original file, the message on one line; a contradicted figure's suggested
correction follows it ("Suggested: about 3.6 million (UNHCR, 2020-01-20)."). Suppression problems
take the same shape with their level in place of a verdict (``FC901 ERROR``). Accepted findings are
left out. A last line counts the claims (``--quiet`` leaves it and the supported claims out).

A problem matcher for it (VS Code, GitHub Actions):
``^(.+):(\\d+):(\\d+): (FC\\d{3}) ([A-Z]+) (.*)$``.
"""
from __future__ import annotations

import re
import sys

from ..model import DocumentReport, Report, Verdict
from ..visible import visible
from . import stream
from .common import ordered, place, source_place
from .correction import correction
from .stream import Options, Run, Tally, render_whole

_SPACE = re.compile(r"\s+")


def line(path: str, p: object, code: str, label: str, message: str) -> str:
    return (f"{visible(path)}:{p.line}:{p.column}: {code} {label} "  # type: ignore[attr-defined]
            f"{visible(_SPACE.sub(' ', message).strip())}")


def render(report: Report, *, sort: str = "position", quiet: bool = False) -> str:
    return render_whole(sys.modules[__name__], report, Options(sort=sort, quiet=quiet))


def part(d: DocumentReport, n: int, run: Run, opts: Options) -> str:
    lines: list[str] = []
    path = d.document.path
    for f in ordered(d.findings, opts.sort):
        if opts.quiet and f.verdict is Verdict.SUPPORTED:
            continue
        msg = f.message
        fix = correction(f)
        if fix is not None:
            msg += f" Suggested: {fix.sourced}."
        lines.append(line(path, place(d.document, f.quantity.span), f.code, f.verdict.value.upper(), msg))
    for x in d.notices:
        lines.append(line(path, source_place(d.document, x.span), x.code, x.level.value.upper(), x.message))
    return "".join(x + "\n" for x in lines)


class Writer(stream.Writer):
    def end(self, tally: Tally) -> None:
        if self.opts.quiet:
            return
        s = tally.summary()
        total, files = sum(s.values()), tally.files
        self.out.write(f"{total} claim{'s' * (total != 1)} in {files} file{'s' * (files != 1)}: "
                       + (", ".join(f"{k} {v}" for v, k in s.items() if k) or "nothing to check") + "\n")

"""``--statistics``: how many findings of each code and verdict, instead of the report (ruff's
``--statistics``). Most frequent first:

      3  FC100  unverifiable  checks.no_reference
      2  FC110  approximate   metrics.refugees_from

Suppression problems count under their code with their level (``FC901  error``); accepted
findings are not counted. With ``--format json``: a list of ``{"code", "rule", "verdict",
"count"}``.
"""
from __future__ import annotations

import json
import sys
from collections import Counter

from ..model import DocumentReport, Report
from . import stream
from .stream import Options, Run, Tally, render_whole


def rows(report: Report) -> list[tuple[int, str, str, str]]:
    c: Counter[tuple[str, str, str]] = Counter()
    for d in report.documents:
        c.update(part(d, 0, Run(), Options()))
    return _sorted(c)


def _sorted(c: Counter[tuple[str, str, str]]) -> list[tuple[int, str, str, str]]:
    return sorted(((n, code, verdict, rule) for (code, verdict, rule), n in c.items()),
                  key=lambda r: (-r[0], r[1], r[2]))


def render(report: Report, fmt: str = "text") -> str:
    return render_whole(sys.modules[__name__], report, Options(), "JsonWriter" if fmt == "json" else "Writer")


def _text(got: list[tuple[int, str, str, str]], fmt: str) -> str:
    if fmt == "json":
        return json.dumps([{"code": code, "rule": rule, "verdict": verdict, "count": n} for n, code, verdict, rule in got],
                          ensure_ascii=False, indent=1) + "\n"
    if not got:
        return "no findings\n"
    w = max(len(str(r[0])) for r in got)
    wv = max(len(r[2]) for r in got)
    return "".join(f"{n:>{w}}  {code}  {verdict:<{wv}}  {rule}".rstrip() + "\n" for n, code, verdict, rule in got)


def part(d: DocumentReport, n: int, run: Run, opts: Options) -> Counter[tuple[str, str, str]]:
    """(code, verdict or level, rule) -> how many, in one document."""
    c: Counter[tuple[str, str, str]] = Counter()
    for f in d.findings:
        c[(f.code, f.verdict.value, f.rule)] += 1
    for x in d.notices:
        c[(x.code, x.level.value, x.rule)] += 1
    return c


class Writer(stream.Writer):
    """The counts of the whole run, written at the end (as text)."""

    fmt = "text"

    def begin(self) -> None:
        self.counts: Counter[tuple[str, str, str]] = Counter()

    def write(self, part: Counter[tuple[str, str, str]]) -> None:
        self.counts.update(part)

    def end(self, tally: Tally) -> None:
        self.out.write(_text(_sorted(self.counts), self.fmt))


class JsonWriter(Writer):
    fmt = "json"

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
from collections import Counter

from ..model import Report


def rows(report: Report) -> list[tuple[int, str, str, str]]:
    c: Counter[tuple[str, str, str]] = Counter()
    for d in report.documents:
        for f in d.findings:
            c[(f.code, f.verdict.value, f.rule)] += 1
        for n in d.notices:
            c[(n.code, n.level.value, n.rule)] += 1
    return sorted(((n, code, verdict, rule) for (code, verdict, rule), n in c.items()),
                  key=lambda r: (-r[0], r[1], r[2]))


def render(report: Report, fmt: str = "text") -> str:
    got = rows(report)
    if fmt == "json":
        return json.dumps([{"code": code, "rule": rule, "verdict": verdict, "count": n} for n, code, verdict, rule in got],
                          ensure_ascii=False, indent=1) + "\n"
    if not got:
        return "no findings\n"
    w = max(len(str(r[0])) for r in got)
    wv = max(len(r[2]) for r in got)
    return "".join(f"{n:>{w}}  {code}  {verdict:<{wv}}  {rule}".rstrip() + "\n" for n, code, verdict, rule in got)

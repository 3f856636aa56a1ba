"""GitLab Code Quality (``artifacts:reports:codequality``): a JSON array with one issue per
finding that is not supported and per suppression problem, shown in the merge request widget
and on the lines of its diff.

Fields as GitLab documents them (https://docs.gitlab.com/ci/testing/code_quality/, "Code Quality
report format"): ``description``, ``check_name`` (the code), ``fingerprint`` (unique in the report,
stable when lines move: the baseline's fingerprint), ``severity`` (info, minor, major, critical,
blocker: contradicted and inconsistent figures and errors are major, approximate ones and
warnings minor, unverifiable ones info) and ``location`` (``path`` relative to the working folder,
``lines.begin``/``lines.end``). Accepted findings are left out.
"""
from __future__ import annotations

import hashlib
import json
from typing import Any

from ..model import Report, Verdict
from .common import place, reference, relative_path, source, source_place, uri
from .correction import correction

SEVERITY = {"error": "major", "warning": "minor", "note": "info"}


def render(report: Report) -> str:
    return json.dumps(issues(report), ensure_ascii=False, indent=1) + "\n"


def issues(report: Report) -> list[dict[str, Any]]:
    from ..baseline import fingerprint

    out: list[dict[str, Any]] = []
    seen: dict[str, int] = {}

    def unique(key: str) -> str:
        n = seen.get(key, 0)
        seen[key] = n + 1
        return hashlib.md5(f"{key}\0{n}".encode("utf-8")).hexdigest()

    for d in report.documents:
        path = relative_path(d.document.path)
        for f in d.findings:
            if f.verdict is Verdict.SUPPORTED:
                continue
            p = place(d.document, f.quantity.span)
            text = f"{f.verdict.value.upper()}: {f.message}"
            ref = reference(f)
            if ref:
                text += f" Reference: {ref}; source: {source(f)}."
            fix = correction(f)
            if fix is not None:
                text += f" Suggested: {fix.sourced}."
            out.append({"description": text, "check_name": f.code,
                        "fingerprint": unique(fingerprint(f, uri(d.document.path))),
                        "severity": SEVERITY[f.level.value],
                        "location": {"path": path, "lines": {"begin": p.line, "end": p.end_line}}})
        for n in d.notices:
            p = source_place(d.document, n.span)
            out.append({"description": n.message, "check_name": n.code,
                        "fingerprint": unique("\0".join((uri(d.document.path), n.code, str(p.start)))),
                        "severity": SEVERITY[n.level.value],
                        "location": {"path": path, "lines": {"begin": p.line, "end": p.end_line}}})
    return out

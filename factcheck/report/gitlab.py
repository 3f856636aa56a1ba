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
import sys
from typing import Any

from ..model import DocumentReport, Report, Verdict
from . import jsontext, stream
from .common import place, reference, relative_path, source, source_place, uri
from .correction import correction
from .stream import Options, Run, render_whole

SEVERITY = {"error": "major", "warning": "minor", "note": "info"}


def render(report: Report) -> str:
    return render_whole(sys.modules[__name__], report, Options())


def issues(report: Report) -> list[dict[str, Any]]:
    return [x for n, d in enumerate(report.documents, 1) for x in _issues(d)]


def part(d: DocumentReport, n: int, run: Run, opts: Options) -> list[str]:
    """The document's issues, each laid out as an item of the array."""
    return [" " + jsontext.dumps(x, 1) for x in _issues(d)]


def _issues(d: DocumentReport) -> list[dict[str, Any]]:
    """A document's issues. Fingerprints are unique in the report: each names the document's
    file, and paths are checked once each, so counting repeats within the document suffices."""
    from ..baseline import fingerprint

    out: list[dict[str, Any]] = []
    seen: dict[str, int] = {}

    def unique(key: str) -> str:
        n = seen.get(key, 0)
        seen[key] = n + 1
        return hashlib.md5(f"{key}\0{n}".encode()).hexdigest()

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
    for x in d.notices:
        p = source_place(d.document, x.span)
        out.append({"description": x.message, "check_name": x.code,
                    "fingerprint": unique("\0".join((uri(d.document.path), x.code, str(p.start)))),
                    "severity": SEVERITY[x.level.value],
                    "location": {"path": path, "lines": {"begin": p.line, "end": p.end_line}}})
    return out


class Writer(stream.ArrayWriter):
    """The report: one JSON array of issues."""

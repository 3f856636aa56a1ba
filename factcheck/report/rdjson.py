"""reviewdog's diagnostic format, rdjson (``reviewdog -f=rdjson``): one diagnostic per finding
that is not supported and per suppression problem, for review comments on a pull request.

As reviewdog defines it (https://github.com/reviewdog/reviewdog/tree/master/proto/rdf,
``reviewdog.proto``): ``message``, ``location`` (``path``; ``range`` with 1-based lines and
columns counted in UTF-8 bytes, the end exclusive), ``severity`` (ERROR, WARNING, INFO),
``source``, ``code`` and, for a contradicted figure whose text can take its correction in place,
``suggestions`` (the claim's range and the figure to write: reviewdog turns it into a suggested
change). Accepted findings are left out.
"""
from __future__ import annotations

import json
import sys
from typing import Any

from ..model import Document, DocumentReport, Report, Verdict
from . import jsontext, stream
from .common import (
    in_one_run,
    place,
    reference,
    related_words,
    relative_path,
    source,
    source_place,
    utf8_column,
)
from .correction import correction
from .stream import Options, Run, indent, render_whole

SEVERITY = {"error": "ERROR", "warning": "WARNING", "note": "INFO"}
SOURCE = {"name": "factcheck"}


def render(report: Report) -> str:
    return render_whole(sys.modules[__name__], report, Options())


def _range(doc: Document, p: Any) -> dict[str, Any]:
    return {"start": {"line": p.line, "column": utf8_column(doc, p.start)},
            "end": {"line": p.end_line, "column": utf8_column(doc, p.end)}}


def result(report: Report) -> dict[str, Any]:
    return {"source": SOURCE, "diagnostics": [x for d in report.documents for x in _diagnostics(d)]}


def part(d: DocumentReport, n: int, run: Run, opts: Options) -> list[str]:
    """The document's diagnostics, each laid out as an item of ``diagnostics``."""
    return ["  " + jsontext.dumps(x, 2) for x in _diagnostics(d)]


def _diagnostics(d: DocumentReport) -> list[dict[str, Any]]:
    diagnostics: list[dict[str, Any]] = []
    doc = d.document
    path = relative_path(doc.path)
    for f in d.findings:
        if f.verdict is Verdict.SUPPORTED:
            continue
        p = place(doc, f.quantity.span)
        msg = f"{f.verdict.value.upper()}: {f.message}"
        ref = reference(f)
        if ref:
            msg += f" Reference: {ref}; source: {source(f)}."
        related = related_words(d, f)
        if related:
            msg += f" The {related[4:]}."
        item: dict[str, Any] = {"message": msg, "location": {"path": path, "range": _range(doc, p)},
                                "severity": SEVERITY[f.level.value], "source": SOURCE,
                                "code": {"value": f.code}}
        fix = correction(f)
        if fix is not None:
            item["message"] += f" Suggested: {fix.sourced}."
            if fix.in_place and in_one_run(doc, f.quantity.span):
                item["suggestions"] = [{"range": _range(doc, p), "text": fix.text}]
        diagnostics.append(item)
    for n in d.notices:
        p = source_place(doc, n.span)
        diagnostics.append({"message": n.message, "location": {"path": path, "range": _range(doc, p)},
                            "severity": SEVERITY[n.level.value], "source": SOURCE, "code": {"value": n.code}})
    return diagnostics


class Writer(stream.ArrayWriter):
    """The report: an object with the tool (``source``) and its ``diagnostics``."""

    prefix = '{\n "source": ' + indent(json.dumps(SOURCE, ensure_ascii=False, indent=1), 1)[1:] + ',\n "diagnostics": '
    suffix, spaces = "\n}", " "

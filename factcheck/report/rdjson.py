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
from typing import Any

from ..model import Document, Report, Verdict
from .common import in_one_run, place, reference, related_words, relative_path, source, source_place, utf8_column
from .correction import correction

SEVERITY = {"error": "ERROR", "warning": "WARNING", "note": "INFO"}
SOURCE = {"name": "factcheck"}


def render(report: Report) -> str:
    return json.dumps(result(report), ensure_ascii=False, indent=1) + "\n"


def _range(doc: Document, p: Any) -> dict[str, Any]:
    return {"start": {"line": p.line, "column": utf8_column(doc, p.start)},
            "end": {"line": p.end_line, "column": utf8_column(doc, p.end)}}


def result(report: Report) -> dict[str, Any]:
    diagnostics: list[dict[str, Any]] = []
    for d in report.documents:
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
    return {"source": SOURCE, "diagnostics": diagnostics}

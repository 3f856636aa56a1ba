"""The JSON contract (ARCHITECTURE section 6): schema_version 1, documents, findings, summary."""
from __future__ import annotations

import json
from typing import Any

from ..model import DocumentReport, Finding, Quantity, Report

SCHEMA_VERSION = 1


def quantity_dict(q: Quantity, doc: DocumentReport) -> dict[str, Any]:
    d = q.to_dict()
    line, col = doc.document.position(q.span.start)
    out = {"text": d.pop("text"), "start": d.pop("start"), "end": d.pop("end"), "line": line, "column": col}
    out.update(d)
    return out


def finding_dict(f: Finding, doc: DocumentReport) -> dict[str, Any]:
    line, col = doc.document.position(f.quantity.span.start)
    claim = f.claim
    out: dict[str, Any] = {
        "code": f.code,
        "rule": f.rule,
        "verdict": f.verdict.value,
        "level": f.level.value,
        "message": f.message,
        "claim": {
            "text": f.quantity.text,
            "start": f.quantity.span.start,
            "end": f.quantity.span.end,
            "line": line,
            "column": col,
            "sentence": f.segment.text,
            "subject": claim.subject if claim else None,
            "metric": claim.metric if claim else None,
            "period": (claim.period.label if claim and claim.period else None),
            "period_source": claim.period_source if claim else ("as_of" if f.segment.dated else "undated"),
            "quantity": quantity_dict(f.quantity, doc),
        },
        "evidence": f.evidence.to_dict() if f.evidence else None,
        "gap": f.gap if f.gap is None or abs(f.gap) != float("inf") else None,
    }
    if f.related_span is not None:
        rl, rc = doc.document.position(f.related_span.start)
        out["related"] = {"start": f.related_span.start, "end": f.related_span.end, "line": rl, "column": rc}
    return out


def report_dict(report: Report) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "documents": [
            {
                "path": d.document.path,
                "as_of": d.document.as_of.isoformat() if d.document.as_of else None,
                "as_of_source": d.document.as_of_source,
                "findings": [finding_dict(f, d) for f in d.findings],
            }
            for d in report.documents
        ],
        "summary": report.summary(),
    }


def render(report: Report) -> str:
    return json.dumps(report_dict(report), ensure_ascii=False, indent=1) + "\n"


def render_extract(docs: list[DocumentReport]) -> str:
    out = {
        "schema_version": SCHEMA_VERSION,
        "documents": [{"path": d.document.path, "quantities": [quantity_dict(q, d) for q in d.quantities]} for d in docs],
    }
    return json.dumps(out, ensure_ascii=False, indent=1) + "\n"

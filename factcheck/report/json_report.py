"""The JSON contract (ARCHITECTURE section 6): schema_version 1, documents, findings, summary.

Its JSON Schema ships in the package (``factcheck/schema/report.schema.json``,
``extract.schema.json``; ``factcheck schema`` prints them). Offsets, lines and columns are those
of the original file. Keys beyond the contract (extensions, never changes): per claim
``end_line``/``end_column``, ``sentence``, ``period_source``, ``reason`` (why a claim could not be judged)
and ``frame`` (subject kind, measure, period, periodicity, modality, scope as read); per quantity
``concept`` (what it measures); per finding ``gap``, ``related``
(the contradicting figure of a consistency finding) and ``correction`` (a contradicted figure's
suggested correction: the sourced figure, rounded as the text rounds); per evidence ``vintage``; per document ``format``, ``encoding``,
``accepted`` (findings silenced by a suppression or the baseline, with why) and ``notices``
(problems with suppressions); at the top ``fail_on`` and ``failed``.
"""
from __future__ import annotations

import json
import sys
from typing import Any

from ..model import Accepted, DocumentReport, Finding, Notice, Quantity, Report
from . import jsontext, stream
from .common import place, source_place
from .correction import correction
from .stream import Options, Run, Tally, indent, render_whole

SCHEMA_VERSION = 1


def quantity_dict(q: Quantity, doc: DocumentReport) -> dict[str, Any]:
    d = q.to_dict()
    p = place(doc.document, q.span)
    d.pop("start"), d.pop("end")
    out = {"text": d.pop("text"), "start": p.start, "end": p.end, "line": p.line, "column": p.column}
    out.update(d)
    c = q.concept
    if c is not None:
        cp = place(doc.document, c.span)
        out["concept"] = {**c.to_dict(), "start": cp.start, "end": cp.end}
    return out


def finding_dict(f: Finding, doc: DocumentReport) -> dict[str, Any]:
    p = place(doc.document, f.quantity.span)
    claim = f.claim
    out: dict[str, Any] = {
        "code": f.code,
        "rule": f.rule,
        "verdict": f.verdict.value,
        "level": f.level.value,
        "message": f.message,
        "claim": {
            "text": f.quantity.text,
            "start": p.start,
            "end": p.end,
            "line": p.line,
            "column": p.column,
            "end_line": p.end_line,
            "end_column": p.end_column,
            "sentence": f.segment.text,
            "subject": claim.subject if claim else None,
            "metric": claim.metric if claim else None,
            "period": (claim.period.label if claim and claim.period else None),
            "period_source": claim.period_source if claim else ("as_of" if f.segment.dated else "undated"),
            "quantity": quantity_dict(f.quantity, doc),
            "reason": claim.reason if claim else None,
            "frame": claim.frame.to_dict() if claim is not None and claim.frame is not None else None,
            "reference": ({"dataset": claim.reference[0], "indicator": claim.reference[1]}
                          if claim is not None and claim.reference else None),
        },
        "evidence": f.evidence.to_dict() if f.evidence else None,
        "gap": f.gap if f.gap is None or abs(f.gap) != float("inf") else None,
    }
    fix = correction(f)
    out["correction"] = fix.to_dict() if fix is not None else None
    if f.related_span is not None:
        r = place(doc.document, f.related_span)
        out["related"] = {"text": doc.document.text[f.related_span.start:f.related_span.end],
                          "start": r.start, "end": r.end, "line": r.line, "column": r.column}
    return out


def accepted_dict(a: Accepted, doc: DocumentReport) -> dict[str, Any]:
    return {**finding_dict(a.finding, doc), "accepted_by": a.by, "reason": a.reason}


def notice_dict(n: Notice, doc: DocumentReport) -> dict[str, Any]:
    p = source_place(doc.document, n.span)
    return {"code": n.code, "rule": n.rule, "level": n.level.value, "message": n.message,
            "start": p.start, "end": p.end, "line": p.line, "column": p.column}


def document_dict(d: DocumentReport) -> dict[str, Any]:
    return {
        "path": d.document.path,
        "format": d.document.format,
        "encoding": d.document.encoding,
        "as_of": d.document.as_of.isoformat() if d.document.as_of else None,
        "as_of_source": d.document.as_of_source,
        "findings": [finding_dict(f, d) for f in d.findings],
        "accepted": [accepted_dict(a, d) for a in d.accepted],
        "notices": [notice_dict(n, d) for n in d.notices],
    }


def report_dict(report: Report) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "documents": [document_dict(d) for d in report.documents],
        "summary": report.summary(),
        "fail_on": report.fail_on,
        "failed": report.failing(),
    }


def render(report: Report) -> str:
    return render_whole(sys.modules[__name__], report, Options())


# --- streamed: the header, each document, the summary ----------------------------------------

def part(d: DocumentReport, n: int, run: Run, opts: Options) -> str:
    """One document as an item of the ``documents`` list (as ``json.dumps(report_dict(...),
    indent=1)`` lays it out)."""
    return "  " + jsontext.dumps(document_dict(d), 2)


class Writer(stream.Writer):
    def begin(self) -> None:
        self.out.write(f'{{\n "schema_version": {SCHEMA_VERSION},\n "documents": [')
        self.first = True

    def write(self, part: str) -> None:
        self.out.write(("\n" if self.first else ",\n") + part)
        self.first = False

    def end(self, tally: Tally) -> None:
        self.out.write("]" if self.first else "\n ]")
        summary = indent(json.dumps(tally.summary(), ensure_ascii=False, indent=1), 1)[1:]
        self.out.write(f',\n "summary": {summary},\n "fail_on": {json.dumps(tally.fail_on, ensure_ascii=False)},'
                       f'\n "failed": {json.dumps(tally.failing())}\n}}\n')


def render_extract(docs: list[DocumentReport]) -> str:
    out = {
        "schema_version": SCHEMA_VERSION,
        "documents": [{"path": d.document.path, "quantities": [quantity_dict(q, d) for q in d.quantities]} for d in docs],
    }
    return jsontext.dumps(out) + "\n"

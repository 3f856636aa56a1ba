"""SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

One result per finding that is not supported (a supported claim asks nothing of the writer), with
the rule's metadata in ``tool.driver.rules``, the level from the finding, the claim's region in
the original file (columns count Unicode code points), the other figure of a consistency finding
in ``relatedLocations``, a line-independent fingerprint, and the verdict, claim and evidence in
``properties``. Findings accepted by a suppression or the baseline are results with
``suppressions`` (inSource / external), so viewers show them as dismissed. A contradicted
figure's suggested correction is in the message and in ``properties.correction``, and, when it can
replace the claim's text as written, a ``fixes`` entry (the claim's region, the figure to write).
"""
from __future__ import annotations

import json
import sys
from typing import Any
from urllib.parse import quote

from ..model import DocumentReport, Finding, Notice, Report, RuleInfo, Verdict
from . import jsontext, stream
from .common import in_one_run, place, reference, source, source_place, source_url, uri
from .correction import correction
from .json_report import finding_dict
from .stream import Options, Run, Spool, Tally, render_whole

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
_LEVEL_OF_KIND = {"metric": "warning", "check": "note", "consistency": "error", "workflow": "warning"}


def render(report: Report) -> str:
    return render_whole(sys.modules[__name__], report, Options())


#: Stands for a result's ``ruleIndex`` until the run's rule list is known.
_UNSET = '"ruleIndex": -1'


def part(d: DocumentReport, n: int, run: Run, opts: Options) -> list[tuple[str, str, str]]:
    """The document's results, each as (code, rule id, its JSON laid out as an item of
    ``runs[0].results``, with ``ruleIndex`` still to set)."""
    out: list[tuple[str, str, str]] = []

    def add(code: str, rule: str, result: dict[str, Any]) -> None:
        out.append((code, rule, "    " + jsontext.dumps(result, 4)))

    for f in d.findings:
        if f.verdict is not Verdict.SUPPORTED:
            add(f.code, f.rule, _result(d, f, -1))
    for a in d.accepted:
        r = _result(d, a.finding, -1)
        r["suppressions"] = [{"kind": "inSource" if a.by == "suppression" else "external",
                              "status": "accepted", "justification": a.reason}]
        add(a.finding.code, a.finding.rule, r)
    for x in d.notices:
        add(x.code, x.rule, _notice(d, x, -1))
    return out


class Writer(stream.Writer):
    """Results are spooled as they come (each rule numbered when first cited); the header with
    the rule list, the results and the run's summary are written at the end."""

    def begin(self) -> None:
        self.index: dict[str, int] = {}
        self.cited: list[tuple[str, str]] = []
        self.results = Spool()

    def write(self, part: list[tuple[str, str, str]]) -> None:
        for code, rule, text in part:
            if code not in self.index:
                self.index[code] = len(self.cited)
                self.cited.append((code, rule))
            self.results.write((",\n" if not self.results.empty else "")
                               + text.replace(_UNSET, f'"ruleIndex": {self.index[code]}', 1))

    def end(self, tally: Tally) -> None:
        from ..suppressions import WORKFLOW_RULES

        rules = [_descriptor(tally.rule(code) or WORKFLOW_RULES.get(code) or RuleInfo(code, rule, "", rule))
                 for code, rule in self.cited]
        head = json.dumps({
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {"name": "factcheck", "version": tally.tool_version or "0",
                                    "semanticVersion": tally.tool_version or "0.0.0", "rules": rules}},
                "columnKind": "unicodeCodePoints",
                "results": [],
                "properties": {"summary": tally.summary(), "fail_on": tally.fail_on},
            }],
        }, ensure_ascii=False, indent=1) + "\n"
        cut = head.index(_RESULTS) + len(_RESULTS) - 1
        self.out.write(head[:cut])
        if not self.results.empty:
            self.out.write("\n")
            self.results.copy_to(self.out)
            self.out.write("\n   ")
        self.out.write(head[cut:])


#: Where the results go in the run (a key of the run, indented as the run's keys are).
_RESULTS = '\n   "results": []'


def _descriptor(info: RuleInfo) -> dict[str, Any]:
    full = info.description + (f" {info.rationale}" if info.rationale else "")
    help_text = (info.rationale or info.description) + f" Run `factcheck explain {info.code}` for its examples."
    out: dict[str, Any] = {
        "id": info.code,
        "name": info.id,
        "shortDescription": {"text": info.description},
        "fullDescription": {"text": full.strip()},
        "help": {"text": help_text, "markdown": f"**{info.id}** ({info.code}): {info.description}\n\n"
                                                 f"{info.rationale}\n\n`factcheck explain {info.code}`".strip()},
        "defaultConfiguration": {"level": _LEVEL_OF_KIND.get(info.kind, "warning")},
        "properties": {"tags": ["factcheck", info.kind or "rule"]},
    }
    if info.path:
        out["properties"]["definedIn"] = info.path
    if info.source:
        out["properties"]["referenceSource"] = info.source
    return out


def _location(d: DocumentReport, p: Any, text: str | None) -> dict[str, Any]:
    region: dict[str, Any] = {"startLine": p.line, "startColumn": p.column, "endLine": p.end_line,
                              "endColumn": p.end_column, "charOffset": p.start, "charLength": max(0, p.end - p.start)}
    if text:
        region["snippet"] = {"text": text}
    return {"physicalLocation": {"artifactLocation": {"uri": uri_reference(d.document.path)}, "region": region}}


def uri_reference(path: str) -> str:
    """A document's ``artifactLocation.uri``: a relative path percent-encoded as a URI reference
    must be (a space, ``%``, ``#``, a line break in a file name), a ``file:`` URI as it is."""
    u = uri(path)
    return u if u.startswith("file:") else quote(u, safe="/")


def _result(d: DocumentReport, f: Finding, idx: int) -> dict[str, Any]:
    from ..baseline import fingerprint

    p = place(d.document, f.quantity.span)
    text = f"{f.verdict.value.upper()}: {f.message}"
    ref = reference(f)
    if ref:
        text += f" Reference: {ref}; source: {source(f)}."
    result: dict[str, Any] = {
        "ruleId": f.code,
        "ruleIndex": idx,
        "kind": "fail",
        "level": f.level.value,
        "message": {"text": text},
        "locations": [_location(d, p, f.quantity.text)],
        "partialFingerprints": {"factcheckFindingHash/v1": fingerprint(f, uri(d.document.path))},
        "properties": _properties(d, f),
    }
    if f.related_span is not None:
        rp = place(d.document, f.related_span)
        loc = _location(d, rp, d.document.text[f.related_span.start:f.related_span.end])
        loc["id"] = 1
        loc["message"] = {"text": "the other figure, which this one contradicts"}
        result["relatedLocations"] = [loc]
        result["message"]["text"] += f" The other figure is at line {rp.line}, column {rp.column}."
    url = source_url(f)
    if url:
        result["properties"]["evidenceUrl"] = url
    fix = correction(f)
    if fix is not None:
        result["message"]["text"] += f" Suggested: {fix.sourced}."
        result["properties"]["correction"] = fix.to_dict()
        if fix.in_place and in_one_run(d.document, f.quantity.span):
            region = _location(d, p, None)["physicalLocation"]["region"]
            result["fixes"] = [{
                "description": {"text": f"Write the sourced figure: {fix.sourced}."},
                "artifactChanges": [{"artifactLocation": {"uri": uri_reference(d.document.path)},
                                     "replacements": [{"deletedRegion": region, "insertedContent": {"text": fix.text}}]}],
            }]
    return result


def _properties(d: DocumentReport, f: Finding) -> dict[str, Any]:
    full = finding_dict(f, d)
    return {"verdict": f.verdict.value, "rule": f.rule, "claim": full["claim"], "evidence": full["evidence"],
            "gap": full["gap"], "reason": full["claim"].get("reason")}


def _notice(d: DocumentReport, n: Notice, idx: int) -> dict[str, Any]:
    p = source_place(d.document, n.span)
    return {
        "ruleId": n.code,
        "ruleIndex": idx,
        "kind": "fail",
        "level": n.level.value,
        "message": {"text": n.message},
        "locations": [_location(d, p, None)],
        "properties": {"rule": n.rule},
    }

"""What the editor shows of a checked document, as LSP objects: diagnostics, the evidence on
hover, and the code actions (write the sourced figure; accept the finding with a suppression).

Every place is the figure's place in the file the writer edits (Markdown and HTML markup
counted), turned into LSP positions in the negotiated encoding (``positions.LineIndex``).
Messages and evidence are worded as in the other reports (``report/common.py``).
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from lsprotocol import types as t

from .. import fmt
from ..model import Document, Finding, Level, Span, Verdict
from ..report.common import gap_words, in_one_run, source, source_url, vintage
from ..report.correction import correction
from .positions import LineIndex
from .session import Checked

SOURCE = "factcheck"
_SEVERITY = {Level.ERROR: t.DiagnosticSeverity.Error, Level.WARNING: t.DiagnosticSeverity.Warning,
             Level.NOTE: t.DiagnosticSeverity.Information}


def _range(index: LineIndex, span: Span) -> t.Range:
    sl, sc = index.position(span.start)
    el, ec = index.position(span.end)
    return t.Range(t.Position(sl, sc), t.Position(el, ec))


def file_span(doc: Document, f: Finding, related: bool = False) -> Span:
    """Where a finding's figure (or the other figure of a consistency finding) is in the file."""
    span = f.related_span if related and f.related_span is not None else f.quantity.span
    return doc.source_span(span)


def findings(checked: Checked) -> Iterator[tuple[Finding, str | None]]:
    """Every finding of a checked document, with the reason it was accepted (None: it counts)."""
    if checked.report is None:
        return
    for f in checked.report.findings:
        yield f, None
    for a in checked.report.accepted:
        yield a.finding, f"{a.reason} ({'suppression' if a.by == 'suppression' else a.by})"


# --- diagnostics ------------------------------------------------------------------------------------

def diagnostics(checked: Checked, index: LineIndex, show_supported: bool = True) -> list[t.Diagnostic]:
    """The document's findings that count (supported claims as hints, unless left out), the
    problems with its suppressions, or the one error that stopped its check."""
    if checked.error is not None:
        return [_error(checked, index, line) for line in checked.error.lines()]
    if checked.crash is not None:
        return [t.Diagnostic(t.Range(t.Position(0, 0), t.Position(0, 0)),
                             f"factcheck could not check this file: {checked.crash}",
                             severity=t.DiagnosticSeverity.Error, code="FC910", source=SOURCE)]
    assert checked.report is not None
    out = []
    for f in checked.report.findings:
        if f.verdict is Verdict.SUPPORTED and not show_supported:
            continue
        out.append(diagnostic(checked, index, f))
    for n in checked.report.notices:
        out.append(t.Diagnostic(_range(index, n.span), n.message, severity=_SEVERITY[n.level], code=n.code,
                                source=SOURCE, data={"rule": n.rule}))
    out.sort(key=lambda d: (d.range.start.line, d.range.start.character))
    return out


def diagnostic(checked: Checked, index: LineIndex, f: Finding) -> t.Diagnostic:
    assert checked.report is not None
    doc = checked.report.document
    message = f"{f.verdict.value.upper()}: {f.message}"
    fix = correction(f)
    if fix is not None:
        message += f" Suggested: {fix.sourced}."
    severity = t.DiagnosticSeverity.Hint if f.verdict is Verdict.SUPPORTED else _SEVERITY[f.level]
    related = None
    if f.related_span is not None:
        related = [t.DiagnosticRelatedInformation(
            t.Location(checked.uri, _range(index, file_span(doc, f, related=True))),
            "the other figure, which this one contradicts")]
    return t.Diagnostic(_range(index, file_span(doc, f)), message, severity=severity, code=f.code, source=SOURCE,
                        related_information=related, data={"rule": f.rule, "verdict": f.verdict.value})


def _error(checked: Checked, index: LineIndex, line: str) -> t.Diagnostic:
    """An error that stopped the check: on its line when it is in this document, else at the top."""
    err = checked.error
    at = t.Position(0, 0)
    if err is not None and err.line is not None and err.path == checked.path:
        at = t.Position(err.line - 1, max(0, (err.column or 1) - 1))
        end = index.position(index.line_end(err.line - 1))
        return t.Diagnostic(t.Range(at, t.Position(*end)), line, severity=t.DiagnosticSeverity.Error, source=SOURCE)
    return t.Diagnostic(t.Range(at, at), line, severity=t.DiagnosticSeverity.Error, source=SOURCE)


# --- hover --------------------------------------------------------------------------------------------

def at(checked: Checked, offset: int) -> list[tuple[Finding, str | None, bool]]:
    """The findings whose figure (or other figure) covers a file offset: (finding, accepted
    reason, whether it is the other figure)."""
    if checked.report is None:
        return []
    doc = checked.report.document
    out = []
    for f, accepted in findings(checked):
        s = file_span(doc, f)
        if s.start <= offset <= s.end:
            out.append((f, accepted, False))
        elif f.related_span is not None:
            r = file_span(doc, f, related=True)
            if r.start <= offset <= r.end:
                out.append((f, accepted, True))
    return out


def hover(checked: Checked, index: LineIndex, offset: int, markdown: bool = True) -> t.Hover | None:
    """The evidence of the claim under the cursor: verdict, message, reference value, period,
    series, source (linked), the data's vintage, the gap, the suggested correction, the reason
    when unverifiable, and why it was accepted."""
    hits = at(checked, offset)
    if not hits:
        return None
    assert checked.report is not None
    doc = checked.report.document
    parts = [evidence(f, accepted, markdown, other) for f, accepted, other in hits]
    f0, _, other0 = hits[0]
    kind = t.MarkupKind.Markdown if markdown else t.MarkupKind.PlainText
    return t.Hover(t.MarkupContent(kind, ("\n\n---\n\n" if markdown else "\n\n").join(parts)),
                   _range(index, file_span(doc, f0, related=other0)))


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>])")
_MD_LEAD = re.compile(r"^(\s*)(?:([#+-])|(\d+)([.)]))(?=\s|$)")


def _md(text: str) -> str:
    """Text as Markdown that shows it as it is: emphasis, links, code and HTML marks escaped,
    and what would start a heading or a list at the start of the text."""
    text = _MD_SPECIAL.sub(r"\\\1", " ".join(text.splitlines()))
    return _MD_LEAD.sub(lambda m: m.group(1) + (f"\\{m.group(2)}" if m.group(2) else f"{m.group(3)}\\{m.group(4)}"),
                        text, count=1)


def _code(text: str) -> str:
    return f"`{text}`" if "`" not in text else text


def evidence(f: Finding, accepted: str | None = None, markdown: bool = True, other: bool = False) -> str:
    """A finding and its evidence, as Markdown (or plain text)."""
    esc = _md if markdown else (lambda s: s)
    rows: list[tuple[str, str]] = []
    ev = f.evidence
    if ev is not None:
        o = ev.observation
        rows.append(("reference", esc(fmt.number(ev.value, ev.unit))))
        if ev.conversion:
            rows.append(("converted", esc(ev.conversion)))
        rows.append(("period", esc(o.period.label)))
        series = o.series or o.indicator
        dataset = _code(o.dataset) if markdown else o.dataset
        rows.append(("series", f"{esc(series)} ({dataset})" if series else dataset))
        url = source_url(f)
        name = source(f)
        if url and markdown:
            rows.append(("source", f"[{esc(name)}](<{url}>)"))
        else:
            rows.append(("source", esc(name) + (f" {url}" if url else "")))
        when = vintage(f)
        if when:
            label, _, date = when.partition(" ")
            rows.append((label, esc(date)))
        if ev.note:
            rows.append(("note", esc(ev.note)))
        gap = gap_words(f)
        if gap:
            rows.append(("gap", esc(gap)))
    fix = correction(f)
    if fix is not None:
        rows.append(("suggested", esc(fix.sourced)))
    if f.verdict is Verdict.UNVERIFIABLE:
        reason = f.claim.reason if f.claim is not None and f.claim.reason else f.message
        rows.append(("why unverifiable", esc(reason)))
    if accepted:
        rows.append(("accepted", esc(accepted)))
    verdict = f.verdict.value.upper()
    lines = [f"**{verdict}** · {_code(f.code)} {_code(f.rule)}" if markdown else f"{verdict} · {f.code} {f.rule}"]
    if other:
        lines.append("(the other figure of this finding)" if not markdown else "*the other figure of this finding*")
    lines.append(esc(f.message))
    if rows:
        lines.append("\n".join((f"- **{k}:** {v}" if markdown else f"{k}: {v}") for k, v in rows))
    return "\n\n".join(lines)


# --- code actions -------------------------------------------------------------------------------

def code_actions(checked: Checked, index: LineIndex, start: int, end: int,
                 sent: list[t.Diagnostic] | None = None) -> list[t.CodeAction]:
    """For each counted finding whose figure the range touches: write the sourced figure in its
    place (a contradicted figure whose correction can replace it), and accept it with a
    suppression note whose reason the editor writes (until then it is FC901 and does not count)."""
    if checked.report is None:
        return []
    doc = checked.report.document
    out: list[t.CodeAction] = []
    for f in checked.report.findings:
        if f.verdict is Verdict.SUPPORTED:
            continue
        span = file_span(doc, f)
        if not (span.start <= end and start <= span.end):
            continue
        diag = _matching(sent, f, index, span) or diagnostic(checked, index, f)
        fix = correction(f)
        if fix is not None and fix.in_place and in_one_run(doc, f.quantity.span):
            edit = t.TextEdit(_range(index, span), fix.text)
            out.append(t.CodeAction(f"Write the sourced figure: {fix.sourced}", kind=t.CodeActionKind.QuickFix,
                                    diagnostics=[diag], is_preferred=True,
                                    edit=t.WorkspaceEdit(changes={checked.uri: [edit]})))
        pos, note = suppression_note(checked.text, doc, index, f, span)
        here = t.Position(*index.position(pos))
        out.append(t.CodeAction(f"Accept {f.code} here: add a suppression (write its reason)",
                                kind=t.CodeActionKind.QuickFix, diagnostics=[diag],
                                edit=t.WorkspaceEdit(changes={checked.uri: [t.TextEdit(t.Range(here, here), note)]})))
    return out


def suppression_note(text: str, doc: Document, index: LineIndex, f: Finding, span: Span) -> tuple[int, str]:
    """Where to write a suppression of ``f`` and what: a note in the figure's own paragraph
    (``suppressions.py``), with an empty reason for the editor to fill in. In Markdown and
    plain text at the end of the figure's line; in HTML just after the figure (inside its
    element)."""
    body = f'factcheck: ignore {f.code} reason=""'
    if doc.format == "html":
        return span.end, f" <!-- {body} -->"
    line, _ = index.position(span.end)
    end = index.line_end(line)
    while end > span.end and text[end - 1] in " \t":
        end -= 1
    return end, (f" <!-- {body} -->" if doc.format == "markdown" else f" [{body}]")


def _matching(sent: list[t.Diagnostic] | None, f: Finding, index: LineIndex, span: Span) -> t.Diagnostic | None:
    want = _range(index, span)
    for d in sent or ():
        if d.code == f.code and d.range == want:
            return d
    return None

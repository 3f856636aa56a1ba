"""The terminal report (rich): one block per claim, the claim highlighted in its sentence, then a
summary table per file.

Colours are named theme styles; with NO_COLOR or when piped, rich writes plain text and the
claim is marked »like this«.
"""
from __future__ import annotations

import io

from rich.console import Console, Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from rich.theme import Theme

from .. import fmt
from ..model import DocumentReport, Finding, Report, Verdict
from .common import VERDICTS, counts, gap_words, related_words, sentence_with_claim, source_place

THEME = Theme({
    "verdict.supported": "bold green",
    "verdict.approximate": "bold yellow",
    "verdict.contradicted": "bold red",
    "verdict.inconsistent": "bold magenta",
    "verdict.unverifiable": "bold bright_black",
    "claim.supported": "reverse green",
    "claim.approximate": "reverse yellow",
    "claim.contradicted": "reverse red",
    "claim.inconsistent": "reverse magenta",
    "claim.unverifiable": "underline",
    "level.error": "bold red",
    "level.warning": "bold yellow",
    "level.note": "bold bright_black",
    "fc.path": "bold cyan",
    "fc.where": "cyan",
    "fc.code": "bright_black",
    "fc.label": "bright_black",
    "fc.source": "italic",
    "fc.dim": "bright_black",
})
LABELS = {v: v.value.upper() for v in Verdict}


def make_console(file=None, width: int | None = None, color: bool | None = None) -> Console:  # type: ignore[no-untyped-def]
    kw = {} if color is None else {"color_system": "standard" if color else None, "force_terminal": color}
    return Console(file=file, width=width, theme=THEME, highlight=False, soft_wrap=False, **kw)


def render_text(report: Report, *, width: int = 100, color: bool = False, show_unverifiable: bool = True) -> str:
    """The report as a string (for --output, golden files and tests)."""
    buf = io.StringIO()
    console = make_console(buf, width=width, color=color)
    render(report, console, show_unverifiable=show_unverifiable)
    return buf.getvalue()


def render(report: Report, console: Console, *, show_unverifiable: bool = True) -> None:
    for doc in report.documents:
        _document(doc, console, show_unverifiable)
    if len(report.documents) > 1:
        console.print(_summary_table(report))
        console.print()
    s = report.summary()
    total = sum(s.values())
    parts = Text()
    for v in Verdict:
        if s[v.value]:
            if len(parts):
                parts.append(", ")
            parts.append(f"{s[v.value]} {v.value}", style=f"verdict.{v.value}")
    files = len(report.documents)
    accepted = sum(len(d.accepted) for d in report.documents)
    notices = sum(len(d.notices) for d in report.documents)
    tail = Text()
    if accepted:
        words = {"suppression": "suppressed", "baseline": "in the baseline", "diff": "unchanged since the ref"}
        said = [w for k, w in words.items() if any(a.by == k for d in report.documents for a in d.accepted)]
        tail.append(f"; {accepted} accepted ({', '.join(said[:-1]) + ' or ' * (len(said) > 1) + said[-1]})",
                    style="fc.dim")
    if notices:
        tail.append(f"; {notices} suppression problem{'s' * (notices != 1)}", style="level.warning")
    console.print(Text.assemble(f"{total} claim{'s' * (total != 1)} in {files} file{'s' * (files != 1)}: ",
                                parts if len(parts) else "nothing to check", tail))


def _file_table(doc: DocumentReport) -> Table:
    """A file's claims by verdict."""
    c = counts(doc)
    table = Table(box=None, show_edge=False, pad_edge=False, header_style="fc.label", padding=(0, 2, 0, 0))
    table.add_column("verdict")
    table.add_column("claims", justify="right")
    for v in VERDICTS:
        table.add_row(Text(v.value, style=f"verdict.{v.value}" if c[v.value] else "fc.dim"), str(c[v.value]))
    if doc.accepted:
        table.add_row(Text("accepted", style="fc.dim"), str(len(doc.accepted)))
    if doc.notices:
        table.add_row(Text("suppression problems", style="level.warning"), str(len(doc.notices)))
    return table


def _summary_table(report: Report) -> Table:
    """One row per file (when there are several): its date, and its claims by verdict."""
    table = Table(box=None, show_edge=False, pad_edge=False, header_style="fc.label")
    table.add_column("file", style="fc.path", overflow="fold")
    table.add_column("as of", no_wrap=True)
    table.add_column("claims", justify="right", no_wrap=True)
    table.add_column("verdicts", overflow="fold")
    for d in report.documents:
        c = counts(d)
        verdicts = Text(", ").join(Text(f"{c[v.value]} {v.value}", style=f"verdict.{v.value}") for v in VERDICTS if c[v.value])
        if d.accepted:
            verdicts.append(f" (+{len(d.accepted)} accepted)", style="fc.dim")
        table.add_row(d.document.path, d.document.as_of.isoformat() if d.document.as_of else "-",
                      str(sum(c.values())), verdicts)
    return table


def _document(doc: DocumentReport, console: Console, show_unverifiable: bool) -> None:
    d = doc.document
    as_of = d.as_of.isoformat() if d.as_of else "unknown"
    console.print(Text.assemble((d.path, "fc.path"), ("  as of ", "fc.dim"), as_of,
                                (f" ({d.as_of_source})", "fc.dim")))
    console.print()
    for f in doc.findings:
        if f.verdict is Verdict.UNVERIFIABLE and not show_unverifiable:
            continue
        console.print(_block(f, doc, plain=console.color_system is None))
        console.print()
    for n in doc.notices:
        p = source_place(d, n.span)
        console.print(Text.assemble((p.where, "fc.where"), "  ", (f"{n.level.value.upper():<12}", f"level.{n.level.value}"),
                                    (f" {n.code} {n.rule}", "fc.code")))
        console.print(_indent(Text(n.message)))
        console.print()
    for a in doc.accepted:
        f = a.finding
        line, col = d.position(f.quantity.span.start)
        console.print(Text.assemble((f"{line}:{col}", "fc.where"), "  ", (f"{'ACCEPTED':<12}", "fc.dim"),
                                    (f" {f.code} {f.verdict.value} ", "fc.code"), (f.quantity.text, "fc.dim"),
                                    (f"  ({a.by}: {a.reason})", "fc.dim")))
    if doc.accepted:
        console.print()
    console.print(_indent(_file_table(doc)))  # type: ignore[arg-type]
    console.print()


def _block(f: Finding, doc: DocumentReport, plain: bool = False) -> Group:
    line, col = doc.document.position(f.quantity.span.start)
    v = f.verdict.value
    head = Text.assemble((f"{line}:{col}", "fc.where"), "  ", (f"{LABELS[f.verdict]:<12}", f"verdict.{v}"),
                         (f" {f.code} {f.rule}", "fc.code"))
    text, s, e = sentence_with_claim(doc, f)
    sentence = Text(text)
    sentence.stylize(f"claim.{v}", s, e)
    if plain:  # no colour to show the claim: mark it in the text
        sentence = sentence[:s] + Text("»") + sentence[s:e] + Text("«") + sentence[e:]
    rows: list[Padding | Text] = [head, _indent(sentence), _indent(Text(f.message))]
    related = related_words(doc, f)
    if related:
        rows.append(_indent(Text.assemble(("related ", "fc.label"), related)))
    if f.evidence is not None:
        o = f.evidence.observation
        ref = Text.assemble(("reference ", "fc.label"), fmt.number(f.evidence.value, f.evidence.unit),
                            ("  period ", "fc.label"), o.period.label, ("  source ", "fc.label"),
                            (o.source or o.dataset, "fc.source"))
        rows.append(_indent(ref))
        if o.url:
            rows.append(_indent(Text(o.url, style="fc.dim")))
        gap = gap_words(f)
        if gap:
            rows.append(_indent(Text.assemble(("gap ", "fc.label"), gap)))
    return Group(*rows)


def _indent(t: Text) -> Padding:
    return Padding(t, (0, 0, 0, 4), expand=False)

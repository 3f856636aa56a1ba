"""The terminal report (rich): one block per claim, the claim highlighted in its sentence, then a
summary table per file.

Colours are named theme styles; with NO_COLOR set (any value but empty) or when piped, the
report has no styles at all and the claim is marked »like this«. A supported claim takes one
line; a finding that is not supported takes a block: its sentence on one line of text (the file's
line breaks are spaces), the message (which states the gap), a suggested correction when it is
contradicted, the reference and its URL (never cut: it stays one line, however long). Lines carry
no trailing spaces.
"""
from __future__ import annotations

import io
import os
import re
import sys

from rich.console import Console, Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from rich.theme import Theme

from .. import fmt
from ..model import DocumentReport, Finding, Report, Verdict
from ..visible import visible
from . import stream
from .common import (
    VERDICTS,
    counts,
    gap_words,
    ordered,
    related_words,
    sentence_with_claim,
    source_place,
)
from .correction import correction
from .stream import NOT_CHECKED, Options, Run, Tally, render_whole

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


def no_color() -> bool:
    """Whether NO_COLOR asks for no styles (https://no-color.org: set and not empty)."""
    return bool(os.environ.get("NO_COLOR"))


def make_console(file=None, width: int | None = None, color: bool | None = None) -> Console:  # type: ignore[no-untyped-def]
    if no_color():
        color = False  # not rich's NO_COLOR, which keeps bold, underline and reverse
    kw = {} if color is None else {"color_system": "standard" if color else None, "force_terminal": color}
    return Console(file=file, width=width, theme=THEME, highlight=False, soft_wrap=False, **kw)


_TRAILING = re.compile(r"[ \t]+((?:\x1b\[[0-9;]*m)*)$", re.MULTILINE)


def render_text(report: Report, *, width: int = 100, color: bool = False, show_unverifiable: bool = True,
                sort: str = "position", quiet: bool = False) -> str:
    """The report as a string (for --output, golden files and tests), without trailing spaces."""
    return render_whole(sys.modules[__name__], report, Options(width, color, show_unverifiable, sort, quiet))


def render(report: Report, console: Console, *, show_unverifiable: bool = True, sort: str = "position",
           quiet: bool = False) -> None:
    """``sort``: "position" (file order) or "severity" (most severe first). ``quiet``: only the
    findings that are not supported and the suppression problems; no tables, no summary."""
    opts = Options(show_unverifiable=show_unverifiable, sort=sort, quiet=quiet)
    for doc in report.documents:
        _document(doc, console, show_unverifiable, sort, quiet)
    if not quiet:
        _summary(console, [_row(d) for d in report.documents], Tally.from_report(report), opts)


#: A file's row in the summary table: path, as of, its claims by verdict, accepted findings.
Row = tuple[str, str, dict[str, int], int]


def _row(d: DocumentReport) -> Row:
    return (visible(d.document.path), d.document.as_of.isoformat() if d.document.as_of else "-", counts(d), len(d.accepted))


def part(d: DocumentReport, n: int, run: Run, opts: Options) -> tuple[str, Row | None]:
    """The document's blocks, as text laid out for ``opts.width`` (and colour), and its row of the
    summary table."""
    buf = io.StringIO()
    console = make_console(buf, width=opts.width, color=opts.color)
    _document(d, console, opts.show_unverifiable, opts.sort, opts.quiet)
    return _TRAILING.sub(r"\1", buf.getvalue()), None if opts.quiet else _row(d)


class Writer(stream.Writer):
    """Each document is written as it comes (flushed: a person at a terminal sees it at once);
    the table of files and the summary line at the end."""

    def begin(self) -> None:
        self.rows: list[Row] = []

    def write(self, part: tuple[str, Row | None]) -> None:
        text, row = part
        if text:
            self.out.write(text)
            self.out.flush()
        if row is not None:
            self.rows.append(row)

    def end(self, tally: Tally) -> None:
        if self.opts.quiet:
            return
        buf = io.StringIO()
        _summary(make_console(buf, width=self.opts.width, color=self.opts.color), self.rows, tally, self.opts)
        self.out.write(_TRAILING.sub(r"\1", buf.getvalue()))
        self.out.flush()


def _summary(console: Console, rows: list[Row], tally: Tally, opts: Options) -> None:
    if len(rows) > 1:
        console.print(_summary_table(rows))
        console.print()
    s = tally.summary()
    total = sum(s.values())
    parts = Text()
    for v in Verdict:
        if s[v.value]:
            if len(parts):
                parts.append(", ")
            parts.append(f"{s[v.value]} {v.value}", style=f"verdict.{v.value}")
    files = tally.files
    tail = Text()
    if tally.accepted:
        words = {"suppression": "suppressed", "baseline": "in the baseline", "diff": "unchanged since the ref"}
        said = [w for k, w in words.items() if k in tally.accepted_by]
        tail.append(f"; {tally.accepted} accepted ({', '.join(said[:-1]) + ' or ' * (len(said) > 1) + said[-1]})",
                    style="fc.dim")
    if tally.notices:
        tail.append(f"; {tally.notices} suppression problem{'s' * (tally.notices != 1)}", style="level.warning")
    if tally.not_checked:
        tail.append(f"; {tally.not_checked} file{'s' * (tally.not_checked != 1)} not checked", style="level.error")
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
    problems = sum(1 for n in doc.notices if n.code != NOT_CHECKED)
    if problems:
        table.add_row(Text("suppression problems", style="level.warning"), str(problems))
    if problems < len(doc.notices):
        table.add_row(Text("not checked", style="level.error"), "1")
    return table


def _summary_table(rows: list[Row]) -> Table:
    """One row per file (when there are several): its date, and its claims by verdict."""
    table = Table(box=None, show_edge=False, pad_edge=False, header_style="fc.label")
    table.add_column("file", style="fc.path", overflow="fold")
    table.add_column("as of", no_wrap=True)
    table.add_column("claims", justify="right", no_wrap=True)
    table.add_column("verdicts", overflow="fold")
    for path, as_of, c, accepted in rows:
        verdicts = Text(", ").join(Text(f"{c[v.value]} {v.value}", style=f"verdict.{v.value}") for v in VERDICTS if c[v.value])
        if accepted:
            verdicts.append(f" (+{accepted} accepted)", style="fc.dim")
        table.add_row(Text(path), as_of, str(sum(c.values())), verdicts)  # a path is never read as markup
    return table


def _document(doc: DocumentReport, console: Console, show_unverifiable: bool, sort: str = "position",
              quiet: bool = False) -> None:
    d = doc.document
    shown = [f for f in ordered(doc.findings, sort)
             if (show_unverifiable or f.verdict is not Verdict.UNVERIFIABLE)
             and not (quiet and f.verdict is Verdict.SUPPORTED)]
    if quiet and not shown and not doc.notices:
        return
    as_of = d.as_of.isoformat() if d.as_of else "unknown"
    console.print(Text.assemble((visible(d.path), "fc.path"), ("  as of ", "fc.dim"), as_of,
                                (f" ({d.as_of_source})", "fc.dim")))
    console.print()
    plain = console.color_system is None
    where = max((len(_where(f, doc)) for f in shown), default=0)
    supported_run = False
    for f in shown:
        if f.verdict is Verdict.SUPPORTED:
            console.print(_one_line(f, doc, plain, where), no_wrap=True, overflow="ellipsis")
            supported_run = True
            continue
        if supported_run:
            console.print()
            supported_run = False
        _block(f, doc, console, plain, where)
        console.print()
    if supported_run:
        console.print()
    for n in doc.notices:
        p = source_place(d, n.span)
        console.print(Text.assemble((p.where, "fc.where"), "  ", (f"{n.level.value.upper():<12}", f"level.{n.level.value}"),
                                    (f" {n.code} {n.rule}", "fc.code")))
        console.print(_indent(Text(visible(n.message))))
        console.print()
    if quiet:
        return
    for a in doc.accepted:
        f = a.finding
        line, col = d.position(f.quantity.span.start)
        console.print(Text.assemble((f"{line}:{col}", "fc.where"), "  ", (f"{'ACCEPTED':<12}", "fc.dim"),
                                    (f" {f.code} {f.verdict.value} ", "fc.code"), (visible(f.quantity.text), "fc.dim"),
                                    (visible(f"  ({a.by}: {a.reason})"), "fc.dim")))
    if doc.accepted:
        console.print()
    console.print(_indent(_file_table(doc)))  # type: ignore[arg-type]
    console.print()


def _where(f: Finding, doc: DocumentReport) -> str:
    line, col = doc.document.position(f.quantity.span.start)
    return f"{line}:{col}"


def _one_line(f: Finding, doc: DocumentReport, plain: bool, width: int = 0) -> Text:
    """A supported claim: where, verdict, code, the claim, the reference, its period and source
    (cut with "…" at the terminal's width)."""
    v = f.verdict.value
    claim = Text(visible(f"»{f.quantity.text}«" if plain else f.quantity.text), style=f"claim.{v}")
    out = Text.assemble((f"{_where(f, doc):<{width}}", "fc.where"), "  ", (f"{LABELS[f.verdict]:<12}", f"verdict.{v}"),
                        (f" {f.code} ", "fc.code"), claim)
    if f.evidence is not None:
        o = f.evidence.observation
        out.append(f": {fmt.number(f.evidence.value, f.evidence.unit)} ({o.period.label}; ")
        out.append(visible(o.source or o.dataset), style="fc.source")
        out.append(")")
    else:
        out.append(visible(f": {f.message}"))
    return out


def _block(f: Finding, doc: DocumentReport, console: Console, plain: bool = False, width: int = 0) -> None:
    v = f.verdict.value
    head = Text.assemble((f"{_where(f, doc):<{width}}", "fc.where"), "  ", (f"{LABELS[f.verdict]:<12}", f"verdict.{v}"),
                         (f" {f.code} {f.rule}", "fc.code"))
    text, s, e = sentence_with_claim(doc, f)
    sentence = Text(visible(text))  # one character for one: s and e still hold
    sentence.stylize(f"claim.{v}", s, e)
    if plain:  # no colour to show the claim: mark it in the text
        sentence = sentence[:s] + Text("»") + sentence[s:e] + Text("«") + sentence[e:]
    rows: list[Padding | Text] = [head, _indent(sentence), _indent(Text(visible(f.message)))]
    fix = correction(f)
    if fix is not None:
        rows.append(_indent(Text.assemble(("suggested ", "fc.label"), visible(fix.sourced))))
    related = related_words(doc, f)
    if related:
        rows.append(_indent(Text.assemble(("related ", "fc.label"), visible(related))))
    url = ""
    if f.evidence is not None:
        o = f.evidence.observation
        ref = Text.assemble(("reference ", "fc.label"), fmt.number(f.evidence.value, f.evidence.unit),
                            ("  period ", "fc.label"), o.period.label, ("  source ", "fc.label"),
                            (visible(o.source or o.dataset), "fc.source"))
        rows.append(_indent(ref))
        url = visible(o.url)
    gap = _gap_unless_said(f)
    console.print(Group(*rows))
    if url:  # one line, never wrapped or cut: a terminal can open it, a reader can copy it
        console.print(Text.assemble("    ", (url, "fc.dim")), soft_wrap=True)
    if gap:
        console.print(_indent(Text.assemble(("gap ", "fc.label"), gap)))


def _gap_unless_said(f: Finding) -> str:
    """The gap in words, unless the message already says it ("3.5% high", "at the stated bound")."""
    gap = gap_words(f)
    if not gap:
        return ""
    said = gap.replace(" than the reference", "").replace("higher", "high").replace("lower", "low")
    return "" if said in f.message else gap


def _indent(t: Text) -> Padding:
    return Padding(t, (0, 0, 0, 4), expand=False)

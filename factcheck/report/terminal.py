"""The terminal report (rich): one block per claim, the claim highlighted in its sentence.

Colours are named theme styles; with NO_COLOR or when piped, rich writes plain text.
"""
from __future__ import annotations

from rich.console import Console, Group
from rich.padding import Padding
from rich.text import Text
from rich.theme import Theme

from .. import fmt
from ..model import DocumentReport, Finding, Report, Verdict

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


def render(report: Report, console: Console, *, show_unverifiable: bool = True) -> None:
    for doc in report.documents:
        _document(doc, console, show_unverifiable)
    s = report.summary()
    total = sum(s.values())
    parts = Text()
    for v in Verdict:
        if s[v.value]:
            if len(parts):
                parts.append(", ")
            parts.append(f"{s[v.value]} {v.value}", style=f"verdict.{v.value}")
    files = len(report.documents)
    console.print(Text.assemble(f"{total} claim{'s' * (total != 1)} in {files} file{'s' * (files != 1)}: ",
                                parts if len(parts) else "nothing to check"))


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


def _block(f: Finding, doc: DocumentReport, plain: bool = False) -> Group:
    line, col = doc.document.position(f.quantity.span.start)
    v = f.verdict.value
    head = Text.assemble((f"{line}:{col}", "fc.where"), "  ", (f"{LABELS[f.verdict]:<12}", f"verdict.{v}"),
                         (f" {f.code} {f.rule}", "fc.code"))
    seg = f.segment
    s, e = f.quantity.span.start - seg.span.start, f.quantity.span.end - seg.span.start
    sentence = Text(seg.text)
    sentence.stylize(f"claim.{v}", s, e)
    if plain:  # no colour to show the claim: mark it in the text
        sentence = sentence[:s] + Text("»") + sentence[s:e] + Text("«") + sentence[e:]
        e += 2
    if len(seg.text) > 240:  # long sidebars: show the claim with some context
        lo, hi = max(0, s - 100), min(len(seg.text), e + 100)
        sentence = Text("…" * (lo > 0)) + sentence[lo:hi] + Text("…" * (hi < len(seg.text)))
    rows: list[Text] = [head, _indent(sentence), _indent(Text(f.message))]  # type: ignore[list-item]
    if f.evidence is not None:
        o = f.evidence.observation
        ref = Text.assemble(("reference ", "fc.label"), fmt.number(f.evidence.value, f.evidence.unit),
                            ("  period ", "fc.label"), o.period.label, ("  source ", "fc.label"),
                            (o.source or o.dataset, "fc.source"))
        rows.append(_indent(ref))  # type: ignore[arg-type]
        if o.url:
            rows.append(_indent(Text(o.url, style="fc.dim")))  # type: ignore[arg-type]
        if f.gap is not None and f.verdict in (Verdict.APPROXIMATE, Verdict.CONTRADICTED):
            rows.append(_indent(Text.assemble(("gap ", "fc.label"), _gap_words(f.gap))))  # type: ignore[arg-type]
    return Group(*rows)


def _indent(t: Text) -> Padding:
    return Padding(t, (0, 0, 0, 4), expand=False)


def _gap_words(gap: float) -> str:
    if gap == 0:
        return "at the stated bound"
    return f"{abs(gap) * 100:.1f}% {'higher' if gap > 0 else 'lower'} than the reference"

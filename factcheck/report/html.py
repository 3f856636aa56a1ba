"""A standalone HTML report: an index of the problems at the top (each a link to its note),
then the article itself, each claim highlighted in its verdict's colour, the evidence beside its
paragraph with the vintage of its data and, for a contradicted figure, the suggested correction.
The article's headline and the short unpunctuated lines that head its sections are headings; a
paragraph that only repeats the headline (a Markdown title in front matter and again as ``#``) is
shown once.

One file, no scripts and no requests (a Content-Security-Policy forbids both); every piece of
article and data text is escaped, and only http(s) addresses become links. Highlights are
``<mark class="fc fc-VERDICT" data-verdict=... data-code=...>``; the other figure of a
consistency finding is ``<mark class="fc fc-related">``; notes are ``<div class="note">``.
"""
from __future__ import annotations

import html
import re
import sys
from dataclasses import dataclass

from ..model import DocumentReport, Finding, Report, Span, Verdict
from . import stream
from .common import (
    VERDICTS,
    counts,
    gap_words,
    ordered,
    place,
    reference,
    related_words,
    source,
    source_place,
    source_url,
    vintage,
)
from .correction import correction
from .stream import Options, Run, Spool, Tally, render_whole

COLOURS = {  # background of a highlight, and the accent of its note
    "supported": ("#c6efce", "#1e7b34"),
    "approximate": ("#ffe699", "#9c6500"),
    "contradicted": ("#ffc7ce", "#9c0006"),
    "inconsistent": ("#e4c7f5", "#6a1b9a"),
    "unverifiable": ("#e7e6e6", "#595959"),
    "accepted": ("#f2f2f2", "#7f7f7f"),
}
_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")


@dataclass
class _Mark:
    span: Span
    verdict: str
    notes: list[int]
    related: bool = False


def e(s: object) -> str:
    return html.escape(str(s), quote=True)


def render(report: Report) -> str:
    return render_whole(sys.modules[__name__], report, Options())


def _header(report: Report | Tally) -> str:
    s = report.summary()
    chips = " ".join(f'<span class="chip fc-{v.value}">{s[v.value]} {v.value}</span>' for v in VERDICTS if s[v.value])
    status = "fails" if report.failing() else "passes"
    return (f'<header class="top"><h1>factcheck report</h1><p class="summary">{chips or "no claims"} '
            f'<span class="status">The check {status} (fails on {e(report.fail_on)}).</span></p>'
            f'<p class="legend">' + " ".join(f'<mark class="fc fc-{k}">{k}</mark>' for k in
                                              ("supported", "approximate", "contradicted", "inconsistent", "unverifiable"))
            + '</p></header>')


def part(d: DocumentReport, n: int, run: Run, opts: Options) -> tuple[list[tuple[int, int, str]], str]:
    """The document's entries in the index of problems (rank, place, item) and its section."""
    return _index_items(d, n), _document(d, n)


class Writer(stream.Writer):
    """The index lists the problems of every document, most severe first: its items are spooled
    by rank (each rank's items come in document order); the sections are spooled too. The page,
    its summary, the index and the sections are written at the end."""

    def begin(self) -> None:
        self.ranks: dict[int, Spool] = {}
        self.sections = Spool()

    def write(self, part: tuple[list[tuple[int, int, str]], str]) -> None:
        items, section = part
        for rank, _, item in sorted(items, key=lambda x: x[:2]):
            self.ranks.setdefault(rank, Spool()).write(item)
        self.sections.write("\n" + section)

    def end(self, tally: Tally) -> None:
        head, tail = _PAGE.replace("{css}", _css()).split("{body}")
        self.out.write(head + _header(tally) + "\n")
        if not self.ranks:
            self.out.write('<nav class="index top" aria-label="Problems"><h2>Problems</h2>'
                           '<p>None: every claim found is supported.</p></nav>')
        else:
            self.out.write('<nav class="index top" aria-label="Problems"><h2>Problems</h2><ol>')
            for rank in sorted(self.ranks):
                self.ranks[rank].copy_to(self.out)
            self.out.write("</ol></nav>")
        self.sections.copy_to(self.out)
        self.out.write(tail)


def _notes(d: DocumentReport) -> list[tuple[Finding, str | None]]:
    """The notes of a document in the order they are numbered: findings and accepted findings
    (with who accepted them and why) by place."""
    notes: list[tuple[Finding, str | None]] = [(f, None) for f in d.findings] + [(a.finding, f"{a.by}: {a.reason}") for a in d.accepted]
    notes.sort(key=lambda x: (x[0].quantity.span.start, x[0].code))
    return notes


def _index_items(d: DocumentReport, n: int) -> list[tuple[int, int, str]]:
    """The document's problems (a finding that is not supported, a suppression problem) as
    entries of the index: (rank, where, item), rank 0 the most severe verdict."""
    items: list[tuple[int, int, str]] = []
    rank = {v: i for i, v in enumerate(VERDICTS)}
    notes = _notes(d)
    number = {id(f): k for k, (f, acc) in enumerate(notes) if acc is None}
    for f in ordered(d.findings, "severity"):
        if f.verdict is Verdict.SUPPORTED:
            continue
        k = number[id(f)]
        p = place(d.document, f.quantity.span)
        fix = correction(f)
        ref = reference(f)
        said = (f"suggested: {fix.sourced}" if fix is not None else f"reference {ref}" if ref
                else (f.message if len(f.message) <= 140 else f.message[:139].rstrip() + "…"))
        items.append((rank[f.verdict], f.quantity.span.start,
                      f'<li class="fc-{f.verdict.value}"><a href="#note-{n}-{k + 1}"><span class="verdict">'
                      f'{f.verdict.value}</span> {e(d.document.path)} {p.where} “{e(f.quantity.text)}”</a> '
                      f'<span class="said">{e(said)}</span></li>'))
    for i, x in enumerate(d.notices, 1):
        p = source_place(d.document, x.span)
        items.append((-1 if x.level.value == "error" else len(VERDICTS), x.span.start,
                      f'<li class="level-{x.level.value}"><a href="#notice-{n}-{i}"><span class="verdict">'
                      f'{e(x.code)}</span> {e(d.document.path)} {p.where}</a> <span class="said">{e(x.message)}</span></li>'))
    return items


#: How a paragraph of the article is shown, by the kind ``segment`` gives its first sentence.
_TAGS = {"headline": ("h3", "para headline"), "related": ("h4", "para subhead"), "credit": ("p", "para credit")}


def _kinds(text: str) -> tuple[list[int], list[str]]:
    """Where each block of the article starts (its first sentence) and its kind (headline,
    credit, related, sidebar, body), in order."""
    from ..segment import segment

    starts: list[int] = []
    kinds: list[str] = []
    para = -1
    for seg in segment(text):
        if seg.paragraph != para:
            para = seg.paragraph
            starts.append(seg.span.start)
            kinds.append(seg.kind)
    return starts, kinds


def _kind(kinds: tuple[list[int], list[str]], start: int, end: int) -> str:
    import bisect

    starts, names = kinds
    i = bisect.bisect_left(starts, start)
    return names[i] if i < len(starts) and starts[i] < end else "body"


def _document(d: DocumentReport, n: int) -> str:
    doc = d.document
    text = doc.text
    notes = _notes(d)
    marks = _marks(notes, text)
    c = counts(d)
    as_of = doc.as_of.isoformat() if doc.as_of else "unknown"
    out = [f'<section class="doc" id="doc-{n}"><h2>{e(doc.path)}</h2>',
           f'<p class="meta">as of {e(as_of)} ({e(doc.as_of_source)}) · {e(doc.format)}'
           + "".join(f' · <span class="fc-{v}">{k} {v}</span>' for v, k in c.items() if k) + "</p>"]
    if d.notices:
        out.append('<ul class="notices">')
        for i, x in enumerate(d.notices, 1):
            p = source_place(doc, x.span)
            out.append(f'<li class="notice level-{x.level.value}" id="notice-{n}-{i}" data-code="{e(x.code)}">line {p.line}: '
                       f'<b>{e(x.code)}</b> {e(x.message)}</li>')
        out.append("</ul>")
    out.append('<div class="article">')
    kinds = _kinds(text)
    headlines: set[str] = set()
    for start, end in _paragraphs(text):
        inside = [m for m in marks if start <= m.span.start < end]
        kind = _kind(kinds, start, end)
        words = " ".join(text[start:end].split())
        if not inside and words in headlines:
            continue  # the headline again (a title in front matter and as the first heading)
        if kind == "headline":
            headlines.add(words)
        tag, cls = _TAGS.get(kind, ("p", "para"))
        line, _ = doc.position(start)
        para = _highlight(text, start, end, inside, n)
        ids = sorted({k for m in inside if not m.related for k in m.notes})
        aside = "".join(_note(notes[k], k, n, d) for k in ids)
        out.append(f'<div class="row"><{tag} class="{cls}" data-line="{line}"><span class="ln">{line}</span>{para}</{tag}>'
                   f'<aside class="notes">{aside}</aside></div>')
    out.append("</div></section>")
    return "\n".join(out)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in _BLANK_LINE.finditer(text):
        if text[pos:m.start()].strip():
            out.append((pos, m.start()))
        pos = m.end()
    if text[pos:].strip():
        out.append((pos, len(text.rstrip())))
    return out


def _marks(notes: list[tuple[Finding, str | None]], text: str) -> list[_Mark]:
    """Highlights that do not overlap: findings on overlapping figures share one (coloured by the
    most severe); the other figure of a consistency finding gets a related highlight."""
    raw: list[_Mark] = []
    for k, (f, accepted) in enumerate(notes):
        verdict = "accepted" if accepted else f.verdict.value
        raw.append(_Mark(f.quantity.span, verdict, [k]))
        if f.related_span is not None:
            raw.append(_Mark(f.related_span, "related", [k], related=True))
    raw.sort(key=lambda m: (m.span.start, -m.span.end))
    merged: list[_Mark] = []
    for m in raw:
        if merged and m.span.start < merged[-1].span.end:
            last = merged[-1]
            last.notes.extend(x for x in m.notes if x not in last.notes)
            if last.related and not m.related:
                last.related, last.verdict = False, m.verdict
            elif not m.related and _rank(m.verdict) > _rank(last.verdict):
                last.verdict = m.verdict
            last.span = Span(last.span.start, max(last.span.end, m.span.end))
        else:
            merged.append(_Mark(m.span, m.verdict, list(m.notes), m.related))
    return merged


def _rank(verdict: str) -> int:
    order = ["accepted", "related", "supported", "unverifiable", "approximate", "contradicted", "inconsistent"]
    return order.index(verdict) if verdict in order else 0


def _highlight(text: str, start: int, end: int, marks: list[_Mark], n: int) -> str:
    out, pos = [], start
    for m in marks:
        a, b = max(m.span.start, pos), min(m.span.end, end)
        if a >= b:
            continue
        out.append(e(text[pos:a]))
        first = m.notes[0]
        refs = "".join(f'<a class="ref" href="#note-{n}-{k + 1}">{k + 1}</a>' for k in m.notes)
        cls = "fc fc-related" if m.related else f"fc fc-{m.verdict}"
        out.append(f'<mark class="{cls}" id="{"rel" if m.related else "claim"}-{n}-{first + 1}" '
                   f'data-verdict="{e(m.verdict)}" data-notes="{" ".join(str(k + 1) for k in m.notes)}">'
                   f"{e(text[a:b])}</mark><sup>{refs}</sup>")
        pos = b
    out.append(e(text[pos:end]))
    return "".join(out)


def _note(item: tuple[Finding, str | None], k: int, n: int, d: DocumentReport) -> str:
    f, accepted = item
    verdict = f.verdict.value
    p = place(d.document, f.quantity.span)
    rows = [f'<div class="note fc-{"accepted" if accepted else verdict}" id="note-{n}-{k + 1}" '
            f'data-verdict="{verdict}" data-code="{e(f.code)}" data-line="{p.line}" data-column="{p.column}">',
            f'<div class="head"><span class="num">{k + 1}</span> <span class="verdict">{verdict.upper()}</span> '
            f'<span class="code">{e(f.code)} · line {p.line}:{p.column}</span></div>',
            f'<p class="claim">“{e(f.quantity.text)}”</p>',
            f'<p class="msg">{e(f.message)}</p>']
    dl = []
    ref = reference(f)
    if ref:
        dl.append(f"<dt>reference</dt><dd>{e(ref)}</dd>")
        url = source_url(f)
        src = e(source(f))
        if url:
            src = f'<a href="{e(url)}" rel="noopener noreferrer">{src}</a>'
        dl.append(f"<dt>source</dt><dd>{src}</dd>")
        when = vintage(f)
        if when:
            label, _, date = when.partition(" ")
            dl.append(f'<dt>{e(label)}</dt><dd class="vintage">{e(date)}</dd>')
        gap = gap_words(f)
        if gap:
            dl.append(f"<dt>gap</dt><dd>{e(gap)}</dd>")
        fix = correction(f)
        if fix is not None:
            dl.append(f'<dt>suggested</dt><dd class="correction">{e(fix.sourced)}</dd>')
    related = related_words(d, f)
    if related:
        dl.append(f"<dt>related</dt><dd>{e(related)}</dd>")
    if accepted:
        dl.append(f"<dt>accepted</dt><dd>{e(accepted)}</dd>")
    if dl:
        rows.append("<dl>" + "".join(dl) + "</dl>")
    rows.append("</div>")
    return "".join(rows)


def _css() -> str:
    rules = []
    for k, (bg, accent) in COLOURS.items():
        rules.append(f"mark.fc-{k}, .chip.fc-{k} {{ background: {bg}; }}")
        rules.append(f".note.fc-{k} {{ border-left-color: {accent}; }} .note.fc-{k} .verdict, span.fc-{k}, "
                     f"nav.index li.fc-{k} .verdict {{ color: {accent}; }}")
    return _CSS + "\n".join(rules)


_CSS = """
body { font: 16px/1.5 Georgia, 'Times New Roman', serif; margin: 0; color: #222; background: #fff; }
header.top, nav.index, section.doc { max-width: 78rem; margin: 0 auto; padding: 1rem 2rem; }
h1 { font: 700 1.8rem/1.2 system-ui, sans-serif; margin: 0 0 .5rem; }
h2 { font: 700 1.35rem/1.3 system-ui, sans-serif; margin: 1.5rem 0 .3rem; padding-bottom: .2rem;
     border-bottom: 2px solid #ddd; overflow-wrap: anywhere; }
.article h3.headline { font: 700 1.6rem/1.25 Georgia, 'Times New Roman', serif; margin: .2rem 0 .4rem; }
.article h4.subhead { font: 700 1.15rem/1.3 Georgia, 'Times New Roman', serif; margin: .6rem 0 .2rem; }
.article .credit { font: italic .9rem/1.4 system-ui, sans-serif; color: #555; }
nav.index { padding-top: 0; } nav.index h2 { margin-top: .5rem; }
nav.index ol { font: .9rem/1.5 system-ui, sans-serif; margin: .3rem 0; padding-left: 1.6rem; }
nav.index li { margin: .15rem 0; } nav.index .verdict { font-weight: 700; text-transform: uppercase; }
nav.index .said { color: #555; } nav.index a { color: inherit; }
.summary, .meta, .legend, .notes, .notices { font: .85rem/1.4 system-ui, sans-serif; }
.chip { padding: .1rem .45rem; border-radius: .6rem; margin-right: .2rem; }
.status { margin-left: .6rem; color: #555; }
.row { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1.5rem; align-items: start;
       border-top: 1px solid #eee; padding: .4rem 0; }
.para { margin: 0; white-space: pre-wrap; position: relative; }
.ln { position: absolute; left: -2.6rem; width: 2.2rem; text-align: right; color: #aaa;
      font: .75rem/1.9 system-ui, sans-serif; }
mark.fc { padding: 0 .1rem; border-radius: .15rem; color: inherit; }
mark.fc-related { background: transparent; border-bottom: 2px dashed #6a1b9a; }
mark.fc-accepted { border-bottom: 2px dotted #7f7f7f; }
sup .ref { font: .7rem system-ui, sans-serif; margin-left: .1rem; color: #555; text-decoration: none; }
.note { border-left: 4px solid #999; background: #fafafa; padding: .35rem .6rem; margin: 0 0 .5rem; }
.note .head { font-weight: 600; } .note .num { color: #777; } .note .code { color: #777; font-weight: 400; }
.note p { margin: .2rem 0; } .note .claim { font-style: italic; }
.note dl { display: grid; grid-template-columns: auto 1fr; gap: 0 .6rem; margin: .2rem 0 0; }
.note dt { color: #777; } .note dd { margin: 0; overflow-wrap: anywhere; } .note dd.correction { font-weight: 600; }
.notices li.level-error { color: #9c0006; } .notices li.level-warning { color: #9c6500; }
@media (max-width: 50rem) { .row { grid-template-columns: 1fr; } .ln { display: none; } }
@media print { .row { break-inside: avoid; } }
"""

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="factcheck">
<title>factcheck report</title>
<style>{css}</style>
</head>
<body>
{body}
</body>
</html>
"""

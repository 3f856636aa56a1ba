"""A sign-off sheet for the desk, in Markdown (a pull request comment, a job summary, a wiki):
per file, one table row per claim (where, claim, verdict, reference, source), then the sign-off:
a GitHub task list, one box per claim with its message (and a contradicted figure's suggested
correction), that a reviewer ticks in the pull request comment itself; then accepted findings and
suppression problems. Task lists only work in list items (not in table cells), hence the list.
"""
from __future__ import annotations

import re
import sys
from urllib.parse import quote

from ..model import DocumentReport, Report, Verdict
from . import stream
from .common import (
    counts,
    place,
    reference,
    related_words,
    source,
    source_place,
    source_url,
)
from .correction import correction
from .stream import Options, Run, Spool, Tally, render_whole

ICONS = {Verdict.SUPPORTED: "✅", Verdict.APPROXIMATE: "🟡", Verdict.CONTRADICTED: "❌",
         Verdict.INCONSISTENT: "⛔", Verdict.UNVERIFIABLE: "❔"}
_SPECIAL = re.compile(r"([\\`*_\[\]|#~!])")
#: An ``@`` a name follows: in a pull request comment, GitHub would notify that user or team.
_MENTION = re.compile(r"@(?=[\w-])")


def esc(s: str) -> str:
    """Text safe in a table cell, on one line: HTML as entities, Markdown syntax escaped, and
    no ``@name`` that would notify someone (a zero-width space after the ``@``, as an entity:
    it reads the same)."""
    s = re.sub(r"\s+", " ", s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MENTION.sub("@&#8203;", _SPECIAL.sub(r"\\\1", s)).strip()


def link(url: str) -> str:
    """An http(s) address as a link destination: every character a table, a line or the
    destination itself would end on (``|``, ``>``, a space, a line break...) percent-encoded."""
    return quote(url, safe=":/?#[]@!$&'()*+,;=%-._~")


def render(report: Report) -> str:
    return render_whole(sys.modules[__name__], report, Options())


def part(d: DocumentReport, n: int, run: Run, opts: Options) -> str:
    """The document's section: each line after a line break."""
    out: list[str] = []
    doc = d.document
    c = counts(d)
    out.append(f"## {esc(doc.path)}")
    out.append("")
    as_of = doc.as_of.isoformat() if doc.as_of else "unknown"
    out.append(f"As of {as_of} ({doc.as_of_source}). "
               + (", ".join(f"{n} {v}" for v, n in c.items() if n) or "No claims found") + ".")
    out.append("")
    if d.findings:
        out.append("| # | Line | Claim | Verdict | Reference | Source |")
        out.append("|---:|---|---|---|---|---|")
        for i, f in enumerate(d.findings, 1):
            p = place(doc, f.quantity.span)
            url = source_url(f)
            src = esc(source(f))
            if url and src:
                src = f"[{src}](<{link(url)}>)"
            claim = f"**{esc(f.quantity.text)}** in “{esc(_context(f))}”"
            out.append(f"| {i} | {p.where} | {claim} | {ICONS[f.verdict]} {f.verdict.value} | "
                       f"{esc(reference(f)) or '–'} | {src or '–'} |")
        out.append("")
        out.append("Sign-off (tick each claim once checked):")
        out.append("")
        for i, f in enumerate(d.findings, 1):
            p = place(doc, f.quantity.span)
            extra = related_words(d, f)
            fix = correction(f)
            out.append(f"- [ ] **{i}** · {p.where} · {ICONS[f.verdict]} {f.verdict.value} · `{f.code}` "
                       f"**{esc(f.quantity.text)}**: {esc(f.message)}"
                       + (f" ({esc(extra)})" if extra else "")
                       + (f" **Suggested:** {esc(fix.sourced)}." if fix is not None else ""))
        out.append("")
    if d.accepted:
        out.append("Accepted (not counted):")
        out.append("")
        for a in d.accepted:
            p = place(doc, a.finding.quantity.span)
            out.append(f"- {p.where} **{esc(a.finding.quantity.text)}** {a.finding.verdict.value} "
                       f"`{a.finding.code}`, by {a.by}: {esc(a.reason)}")
        out.append("")
    if d.notices:
        out.append("Suppression problems:")
        out.append("")
        for x in d.notices:
            p = source_place(doc, x.span)
            out.append(f"- {p.where} `{x.code}` {x.level.value}: {esc(x.message)}")
        out.append("")
    return "".join("\n" + line for line in out)


class Writer(stream.Writer):
    """The sections are spooled; the title and the run's summary line, which come first, are
    written at the end, then the sections (with no trailing blank lines)."""

    def begin(self) -> None:
        self.body = Spool()
        self.pending = ""  # trailing whitespace held back: the report ends with one line break

    def write(self, part: str) -> None:
        kept = part.rstrip()
        if not kept:
            self.pending += part
            return
        self.body.write(self.pending + kept)
        self.pending = part[len(kept):]

    def end(self, tally: Tally) -> None:
        s = tally.summary()
        total, files = sum(s.values()), tally.files
        self.out.write("# factcheck sign-off\n\n"
                       f"{total} claim{'s' * (total != 1)} in {files} file{'s' * (files != 1)}: "
                       + (", ".join(f"{n} {v}" for v, n in s.items() if n) or "nothing to check")
                       + f". The check fails on {tally.fail_on}" + (" (it does)." if tally.failing() else " (it does not)."))
        if not self.body.empty:
            self.out.write("\n")
            self.body.copy_to(self.out)
        self.out.write("\n")


def _context(f) -> str:  # type: ignore[no-untyped-def]
    """A few words of the sentence around the claim."""
    seg = f.segment
    s, e = f.quantity.span.start - seg.span.start, f.quantity.span.end - seg.span.start
    lo, hi = max(0, s - 60), min(len(seg.text), e + 60)
    if lo > 0:
        sp = seg.text.find(" ", lo)
        lo = sp + 1 if 0 <= sp < s else lo
    if hi < len(seg.text):
        sp = seg.text.rfind(" ", e, hi)
        hi = sp if sp > e else hi
    return ("…" if lo > 0 else "") + seg.text[lo:hi] + ("…" if hi < len(seg.text) else "")

"""What every renderer needs from a Report: places in the original file, the reference in words,
paths as URIs. Renderers take a Report and nothing else; this module only reads it.
"""
from __future__ import annotations

import functools
import math
import os
import re
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .. import fmt
from ..model import Accepted, Document, DocumentReport, Finding, Notice, Report, Span, Verdict
from ..verdict import RATE_UNITS, points

#: Verdicts in the order reports list them.
VERDICTS = (Verdict.CONTRADICTED, Verdict.INCONSISTENT, Verdict.APPROXIMATE, Verdict.UNVERIFIABLE, Verdict.SUPPORTED)


@dataclass(frozen=True)
class Place:
    """A span of a document, in the original file: 1-based lines and columns, end exclusive."""

    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int

    @property
    def where(self) -> str:
        return f"{self.line}:{self.column}"


def place(doc: Document, span: Span) -> Place:
    """Where a span of the copy is in the original file."""
    return source_place(doc, doc.source_span(span))


def source_place(doc: Document, span: Span) -> Place:
    """Where a span given in file offsets is."""
    line, col = doc.source_position(span.start)
    end_line, end_col = doc.source_position(span.end)
    return Place(span.start, span.end, line, col, end_line, end_col)


def claim_place(doc: Document, f: Finding) -> Place:
    return place(doc, f.quantity.span)


def related_place(doc: Document, f: Finding) -> Place | None:
    return place(doc, f.related_span) if f.related_span is not None else None


def reference(f: Finding) -> str:
    """The reference value in words: "3.58 million (2020-01-20)"; "" without evidence."""
    if f.evidence is None:
        return ""
    return f"{fmt.number(f.evidence.value, f.evidence.unit)} ({f.evidence.observation.period.label})"


def source(f: Finding) -> str:
    if f.evidence is None:
        return ""
    o = f.evidence.observation
    return o.source or o.dataset


def source_url(f: Finding) -> str:
    """The evidence's URL when it is a web address (anything else is not linked)."""
    url = f.evidence.observation.url if f.evidence is not None else ""
    return url if url.startswith(("https://", "http://")) else ""


def gap_words(f: Finding) -> str:
    if f.gap is None or f.verdict not in (Verdict.APPROXIMATE, Verdict.CONTRADICTED):
        return ""
    if f.gap == 0:
        return "at the stated bound"
    if f.quantity.unit in RATE_UNITS and f.evidence is not None:
        # a rate's gap is a difference of rates (verdict.describe_gap): gap x |reference|
        ref = f.evidence.value
        diff = f.gap * abs(ref) if ref and math.isfinite(f.gap) else f.quantity.value - ref
        return f"{points(diff)} {'higher' if diff > 0 else 'lower'} than the reference"
    return f"{abs(f.gap) * 100:.1f}% {'higher' if f.gap > 0 else 'lower'} than the reference"


def related_words(doc: DocumentReport, f: Finding) -> str:
    """"the other figure at 12:5 ("3 million")" for a consistency finding; "" otherwise."""
    rp = related_place(doc.document, f)
    if rp is None or f.related_span is None:
        return ""
    text = doc.document.text[f.related_span.start:f.related_span.end]
    return f'the other figure is at {rp.where} ("{text}")'


#: Paths as the process that started the run names them: path -> (uri, relative_path). Set while
#: a worker renders a document (``known_paths``), since a Dask worker's working folder is not the
#: run's.
_KNOWN: ContextVar[dict[str, tuple[str, str]] | None] = ContextVar("factcheck_known_paths", default=None)


@contextmanager
def known_paths(paths: dict[str, tuple[str, str]]) -> Iterator[None]:
    token = _KNOWN.set(paths)
    try:
        yield
    finally:
        _KNOWN.reset(token)


def path_names(path: str) -> tuple[str, str]:
    """(``uri(path)``, ``relative_path(path)``), here, for ``known_paths`` elsewhere (the path
    resolved once for both)."""
    got = uri(path)
    known = _KNOWN.get()
    if known is not None and path in known:
        return got, known[path][1]
    return got, (str(Path(path).resolve()) if got.startswith("file:") else got)


def relative_path(path: str) -> str:
    """A document path relative to the cwd with forward slashes; an absolute path when outside it
    (GitHub annotates files by their path in the workspace, not by URI)."""
    known = _KNOWN.get()
    if known is not None and path in known:
        return known[path][1]
    got = uri(path)
    return str(Path(path).resolve()) if got.startswith("file:") else got


def uri(path: str) -> str:
    """A document path as a relative URI with forward slashes (absolute when outside the cwd)."""
    known = _KNOWN.get()
    if known is not None and path in known:
        return known[path][0]
    if path.startswith("<"):
        return path.strip("<>")
    real = os.path.realpath(path)
    try:
        rel = os.path.relpath(real, _real_cwd(os.getcwd()))
    except ValueError:
        return Path(real).as_uri()
    if rel.startswith(".."):
        return Path(real).as_uri()
    return Path(rel).as_posix()


@functools.lru_cache(maxsize=8)
def _real_cwd(cwd: str) -> str:
    """The working folder with its links resolved (once per folder a run works in)."""
    return os.path.realpath(cwd)


def all_findings(report: Report) -> Iterator[tuple[DocumentReport, Finding]]:
    for d in report.documents:
        for f in d.findings:
            yield d, f


def all_notices(report: Report) -> Iterator[tuple[DocumentReport, Notice]]:
    for d in report.documents:
        for n in d.notices:
            yield d, n


def all_accepted(report: Report) -> Iterator[tuple[DocumentReport, Accepted]]:
    for d in report.documents:
        for a in d.accepted:
            yield d, a


def counts(doc: DocumentReport) -> dict[str, int]:
    c = {v.value: 0 for v in Verdict}
    for f in doc.findings:
        c[f.verdict.value] += 1
    return c


def sentence_with_claim(doc: DocumentReport, f: Finding, limit: int = 240) -> tuple[str, int, int]:
    """The claim's sentence on one line (the file's line breaks are spaces), cut around the claim
    when long, and the claim's offsets in it."""
    seg = f.segment
    full, s, e = one_line(seg.text, f.quantity.span.start - seg.span.start, f.quantity.span.end - seg.span.start)
    text = full
    if len(text) > limit:
        lo, hi = max(0, s - 100), min(len(text), e + 100)
        pre = "…" if lo > 0 else ""
        text = pre + text[lo:hi] + ("…" if hi < len(full) else "")
        s, e = s - lo + len(pre), e - lo + len(pre)
    return text, s, e


#: --sort: findings in the order of the file (default), or the most severe first.
SORTS = ("position", "severity")
_RANK = {v: i for i, v in enumerate(VERDICTS)}


def ordered(findings: "tuple[Finding, ...] | list[Finding]", sort: str = "position") -> list[Finding]:
    """Findings in file order, or by severity (contradicted, inconsistent, approximate,
    unverifiable, supported), each group in file order."""
    if sort == "severity":
        return sorted(findings, key=lambda f: (_RANK[f.verdict], f.quantity.span.start))
    return list(findings)


_BREAK = re.compile(r"[ \t]*(?:\r\n|\r|\n)\s*")


def one_line(text: str, s: int, e: int) -> tuple[str, int, int]:
    """A sentence without the file's line breaks: every run of white space that holds a line
    break becomes one space; ``s``/``e`` (the claim's offsets in it) move with the text."""
    if "\n" not in text and "\r" not in text:
        return text, s, e
    out: list[str] = []
    pos, shift_s, shift_e = 0, 0, 0
    for m in _BREAK.finditer(text):
        out.append(text[pos:m.start()])
        out.append(" ")
        removed = (m.end() - m.start()) - 1
        if m.end() <= s:
            shift_s += removed
        if m.end() <= e:
            shift_e += removed
        pos = m.end()
    out.append(text[pos:])
    return "".join(out), s - shift_s, e - shift_e


def vintage(f: Finding) -> str:
    """Which release of the data the evidence is: "vintage 2026-07-01" when its package states
    one, else "retrieved 2026-11-27" (when the data was taken from its source); "" without evidence."""
    if f.evidence is None:
        return ""
    v = getattr(f.evidence, "vintage", "")
    if v:
        return f"vintage {v}"
    got = f.evidence.observation.retrieved
    return f"retrieved {got}" if got else ""


def in_one_run(doc: Document, span: Span) -> bool:
    """Whether a span of the copy is one stretch of the file, character for character (no markup
    inside it), so that replacing it in the file replaces just the claim."""
    if not doc.source_map or span.end <= span.start:
        return True
    import bisect

    runs = doc.source_map
    i = bisect.bisect_right(runs, (span.start, float("inf"))) - 1
    j = bisect.bisect_right(runs, (span.end - 1, float("inf"))) - 1
    return i == j and i >= 0


def utf8_column(doc: Document, file_offset: int) -> int:
    """The 1-based column of a file offset counted in UTF-8 bytes (reviewdog's columns). The
    characters before it on its line are the copy's where the file maps onto the copy; markup
    between them (not in the copy) is counted one byte a character, as its ASCII mostly is."""
    line, _ = doc.source_position(file_offset)
    start = doc.line_starts[line - 1]
    chars = _file_chars(doc, start, file_offset)
    return sum(len(c.encode("utf-8")) if c else 1 for c in chars) + 1


def _file_chars(doc: Document, start: int, end: int) -> list[str]:
    """The characters of the file from ``start`` to ``end`` as far as the copy tells them ("" for
    a character of markup)."""
    if not doc.source_map:
        return list(doc.text[start:end]) + [""] * max(0, end - max(start, len(doc.text)))
    import bisect

    runs = doc.source_map
    starts = _file_starts(runs)
    out = [""] * (end - start)
    k = max(0, bisect.bisect_right(starts, start) - 1) if starts is not None else 0
    for k in range(k, len(runs)):
        t, s = runs[k]
        if starts is not None and s >= end:
            break
        n = (runs[k + 1][0] if k + 1 < len(runs) else len(doc.text)) - t
        a, b = max(s, start), min(s + n, end)
        for off in range(a, b):
            out[off - start] = doc.text[t + off - s]
    return out


_STARTS: dict[int, tuple[object, list[int] | None]] = {}


def _file_starts(runs: tuple[tuple[int, int], ...]) -> list[int] | None:
    """Where each run of a source map starts in the file, when they increase (so a span's runs
    are found by bisection); None when they do not."""
    got = _STARTS.get(id(runs))
    if got is None or got[0] is not runs:
        starts = [s for _, s in runs]
        ok = all(a <= b for a, b in zip(starts, starts[1:]))
        if len(_STARTS) > 16:
            _STARTS.clear()
        got = _STARTS[id(runs)] = (runs, starts if ok else None)
    return got[1]

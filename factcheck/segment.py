"""Segmentation: paragraphs -> sentences, each with its kind.

Scraped news pages mix the report with page furniture. We tell apart:

- ``headline``: the first block when it is short and has no sentence punctuation;
- ``credit``: an agency or byline alone on a line ("Reuters", "By Jane Doe");
- ``related``: a short unpunctuated line inside the body (the headline of a related article);
- ``sidebar``: a long block with no sentence punctuation at all (headlines of other articles run
  together by the scraper);
- ``body``: everything else, split into sentences.

Related and sidebar text is not part of the report and does not speak as of its date
(``Segment.dated`` is False).
"""
from __future__ import annotations

import re

from .model import Segment, Span

#: Words after which a full stop does not end a sentence.
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen col lt sgt capt cmdr adm gov sen rep st sr jr no nos vs etc approx est
    jan feb mar apr jun jul aug sep sept oct nov dec inc ltd co corp dept univ fig p pp vol ed eds
    al u.s u.k u.n e.g i.e a.m p.m""".split()
)
_BLOCK = re.compile(r"\S(?:.*\S)?(?:\n(?!\s*\n).*\S)*")
_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+|$)")
_WORD = re.compile(r"[^\W\d_][\w'’.-]*|\d[\d,.]*")
_TERMINAL = re.compile(r"[.!?…:;][\"'”’)\]]*\s*$")


#: A "sentence" longer than this (a table pasted as one line, a run of numbers) is cut at spaces,
#: so every later stage works on bounded pieces.
MAX_SEGMENT = 1000


def segment(text: str) -> list[Segment]:
    """Every sentence of ``text`` with its span, kind and paragraph index."""
    return [piece for seg in _segments(text) for piece in _bounded(seg)]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Where each sentence of ``text`` starts and ends (the spans of ``segment``)."""
    return [(s.span.start, s.span.end) for s in segment(text)]


def _bounded(seg: Segment) -> list[Segment]:
    if len(seg.text) <= MAX_SEGMENT:
        return [seg]
    out: list[Segment] = []
    start = 0
    text = seg.text
    while start < len(text):
        end = min(len(text), start + MAX_SEGMENT)
        if end < len(text):
            cut = text.rfind(" ", start + MAX_SEGMENT // 2, end)
            end = cut if cut > start else end
        piece = text[start:end]
        lead = len(piece) - len(piece.lstrip())
        body = piece.strip()
        if body:
            a = seg.span.start + start + lead
            out.append(Segment(body, Span(a, a + len(body)), seg.kind, seg.paragraph, seg.dated))
        start = end
    return out


def _segments(text: str) -> list[Segment]:
    out: list[Segment] = []
    first = True
    for para, m in enumerate(_BLOCK.finditer(text)):
        block, start = m.group(), m.start()
        kind = _block_kind(block, first)
        first = False
        if kind == "body":
            out.extend(Segment(s, Span(start + a, start + b), "body", para) for s, a, b in _sentences(block))
        else:
            out.append(Segment(block, Span(start, m.end()), kind, para, dated=kind in ("headline", "credit")))
    return out


def _block_kind(block: str, first: bool) -> str:
    words = _WORD.findall(block)
    punctuated = bool(_TERMINAL.search(block)) or bool(_END.search(block.rstrip()[:-1] + " "))
    if len(words) <= 4 and not any(ch.isdigit() for ch in block) and not _TERMINAL.search(block):
        return "credit" if not first else "headline"
    if first and len(words) <= 25 and not _TERMINAL.search(block):
        return "headline"
    if not _TERMINAL.search(block) and len(words) <= 25:
        return "related"
    if not punctuated and len(words) > 25:
        return "sidebar"
    return "body"


def _sentences(block: str) -> list[tuple[str, int, int]]:
    """Split a paragraph into sentences: (text, start, end) relative to the block."""
    out: list[tuple[str, int, int]] = []
    start = 0
    for m in _END.finditer(block):
        end = m.end()
        if m.group().startswith(".") and _is_abbreviation(block, m.start()):
            continue
        nxt = block[end:].lstrip()
        if nxt and nxt[0].islower():
            continue
        piece = block[start:end]
        lead = len(piece) - len(piece.lstrip())
        if piece.strip():
            out.append((piece.strip(), start + lead, end))
        start = end
    tail = block[start:]
    if tail.strip():
        lead = len(tail) - len(tail.lstrip())
        out.append((tail.strip(), start + lead, start + len(tail.rstrip())))
    return out


def _is_abbreviation(block: str, dot: int) -> bool:
    i = dot
    while i > 0 and (block[i - 1].isalpha() or block[i - 1] == "."):
        i -= 1
    word = block[i:dot].lower()
    if word in ABBREVIATIONS:
        return True
    # A single capital ("J. Smith") is an initial.
    return len(word) == 1 and block[i].isupper()

"""Claim framing: what each figure measures (``concept``), and the five parts of a claim
(subject, measure, period, modality, scope) read from the text around it (``frame``)."""
from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any, Iterable, Iterator, Mapping, Sequence

from ..model import Quantity, Segment
from .concept import Concept, Grammar, bind, default_grammar, grammar_from_lexicons
from .frame import (
    FRAME_LEXICONS,
    Frame,
    FrameLexicon,
    Outline,
    SentenceFrames,
    frame_lexicon,
)

__all__ = ["FRAME_LEXICONS", "Concept", "Frame", "FrameLexicon", "FrameTable", "Grammar", "SentenceFrames", "bind",
           "default_grammar",
           "default_lexicons", "describe", "frame_lexicon", "frame_segments", "grammar_from_lexicons", "is_denominator"]


@functools.lru_cache(maxsize=1)
def default_lexicons() -> dict[str, Any]:
    """Every shipped lexicon's entries by name."""
    from ..extraction.rules import default_rule_paths, lexicons, load_extract_rules

    return lexicons(load_extract_rules(default_rule_paths()))


class FrameTable(Mapping[int, tuple[Frame, SentenceFrames]]):
    """The frame of each statistic by ``id(quantity)``, read when it is first asked for: the
    figures of one sentence are framed together (``SentenceFrames.frames``) the first time one of
    them is. Most figures are never asked for: no metric rule takes them, and ranking the rules
    reads only a figure's concept and clause (``outline``)."""

    def __init__(self) -> None:
        self._sentences: list[tuple[SentenceFrames, list[int]]] = []
        self._where: dict[int, tuple[int, int]] = {}
        self._done: dict[int, tuple[Frame, SentenceFrames]] = {}

    def add(self, sf: SentenceFrames, ids: list[int]) -> None:
        for fi, qid in enumerate(ids):
            self._where[qid] = (len(self._sentences), fi)
        self._sentences.append((sf, ids))

    def __getitem__(self, key: int) -> tuple[Frame, SentenceFrames]:
        got = self._done.get(key)
        if got is None:
            sf, ids = self._sentences[self._where[key][0]]
            for qid, f in zip(ids, sf.frames(), strict=True):
                self._done[qid] = (f, sf)
            got = self._done[key]
        return got

    def __contains__(self, key: object) -> bool:
        return key in self._where

    def __iter__(self) -> Iterator[int]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)

    def outline(self, key: int) -> Outline | None:
        """The figure's concept and clause (``SentenceFrames.outline``), the rest of its frame
        unread; None for a figure with no frame."""
        where = self._where.get(key)
        if where is None:
            return None
        return self._sentences[where[0]][0].outline(where[1])


def frame_segments(segments: Sequence[Segment], placed: Iterable[tuple[Segment, Quantity]], lex: Mapping[str, Any],
                   as_of: dt.date | None, times_of: Any, names_of: Any = None,
                   compiled: tuple[Grammar, FrameLexicon] | None = None) -> FrameTable:
    """A frame for every statistic, keyed by ``id(quantity)`` (read when first asked for:
    ``FrameTable``); each statistic's concept is set on it here. ``times_of(segment)`` gives the
    time expressions of a sentence, ``names_of(segment)`` where it names countries (offsets into it)."""
    grammar, flex = compiled if compiled is not None else (grammar_from_lexicons(lex), frame_lexicon(lex))
    by_seg: dict[int, list[Quantity]] = {}
    seg_of: dict[int, Segment] = {}
    for seg, q in placed:
        by_seg.setdefault(seg.span.start, []).append(q)
        seg_of[seg.span.start] = seg
    out = FrameTable()
    for key, qs in by_seg.items():
        seg = seg_of[key]
        o = seg.span.start
        stats = [q for q in qs if q.is_statistic]
        for q in stats:  # what binding would find for a figure no frame reads (a duration): nothing
            object.__setattr__(q, "_concept", None)
        if not stats:
            continue
        # durations ("the 12 months ending February") sit inside the phrase a figure measures,
        # unless a verb or link states them as a value ("life expectancy is 84.5 years")
        stats = [q for q in stats if (q.kind != "duration" or _valued(grammar, seg.text, q.span.start - o))
                 and not is_denominator(seg.text, q.span.start - o)]
        framed = {id(q) for q in stats}
        np_figs = [(q.span.start - o, q.span.end - o) for q in qs if id(q) not in framed]
        if not stats:
            continue
        sf = SentenceFrames(grammar, flex, seg.text, [(q.span.start - o, q.span.end - o) for q in stats], np_figs,
                            functools.partial(times_of, seg), as_of, headline=seg.kind == "headline",
                            names=functools.partial(names_of, seg) if names_of is not None else ())
        out.add(sf, [id(q) for q in stats])
        for q, c in zip(stats, sf.concepts, strict=True):
            # the concept the frame reads is the figure's: the quantity need not bind it again
            object.__setattr__(q, "_concept", c.shifted(o) if c is not None else None)
    return out


_DENOMINATOR = re.compile(r"(?:\bper|\b(?:for|in|out\s+of)\s+every|\bevery)\s*\Z", re.I)


def is_denominator(text: str, start: int) -> bool:
    """Whether the figure starting at ``start`` is the base of a rate ("25 per 1,000 live
    births", "one in every 100"): part of another figure's unit, never a claim of its own."""
    return _DENOMINATOR.search(text, max(0, start - 16), start) is not None


_LAST_WORD = re.compile(r"([^\W\d_]+)[^\w]*\Z")


def _valued(grammar: Grammar, text: str, start: int) -> bool:
    """Whether the duration starting at ``start`` is the value of something: right after a verb
    that states a level ("is", "stood at", "reached") or a link word ("of", "to", "by")."""
    m = _LAST_WORD.search(text, max(0, start - 40), start)
    if m is None:
        return False
    w = m.group(1).lower()
    return grammar.has(w, "level_verb") or (w in grammar.link and w != "for")  # "for 3 years": how long


def describe(text: str, as_of: dt.date | str | None = None, lex: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
    """Each statistic of ``text`` with its frame, as plain data (for rule examples and debugging)."""
    from ..extract import extract
    from ..pipeline import place
    from ..segment import segment
    from ..timeexpr import find_times

    if isinstance(as_of, str):
        as_of = dt.date.fromisoformat(as_of)
    lex = lex if lex is not None else default_lexicons()
    segments = segment(text)
    placed = place(segments, extract(text, include_all=True))
    try:
        from ..reference import Catalog

        entities = Catalog.default().entities
    except Exception:  # noqa: BLE001 - no reference data: frames without country names
        entities = None

    def names_of(seg: Segment) -> list[tuple[int, int]]:
        if entities is None:
            return []
        return [(m.start, m.end) for m in entities.find_mentions(seg.text) if m.iso3]

    frames = frame_segments(segments, placed, lex, as_of, lambda seg: find_times(seg.text, as_of), names_of)
    out = []
    for _seg, q in placed:
        if id(q) in frames:
            f = frames[id(q)][0]
            out.append({"figure": q.text, **f.to_dict()})
    return out

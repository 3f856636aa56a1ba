"""Frames are read when first asked for (framing.FrameTable): ranking the rules reads a figure's
outline (its concept and clause), and a sentence's time expressions and country names are found
only when one of its frames is read."""
from __future__ import annotations

import datetime as dt

from factcheck.extract import extract
from factcheck.framing import default_lexicons, frame_segments
from factcheck.pipeline import place
from factcheck.segment import segment
from factcheck.timeexpr import find_times

TEXT = ("Germany's economy grew 2.5% in 1986, and inflation eased to 0.2% from 2.1% a year earlier. "
        "The government expects growth of 3% next year. Exports rose 4% in the fourth quarter.")
AS_OF = dt.date(1987, 3, 2)


def table(asked: list[str]):
    segments = segment(TEXT)
    placed = place(segments, extract(TEXT, include_all=True))

    def times_of(seg):
        asked.append(seg.text)
        return find_times(seg.text, AS_OF)

    return placed, frame_segments(segments, placed, default_lexicons(), AS_OF, times_of, lambda seg: [])


def test_outline_is_the_frames_concept_and_clause():
    placed, frames = table([])
    ids = [id(q) for _, q in placed if id(q) in frames]
    assert len(ids) >= 5
    for i in ids:
        outline, (full, _sf) = frames.outline(i), frames[i]
        assert (outline.concept, outline.clause, outline.adjunct) == (full.concept, full.clause, full.adjunct)
    assert frames.outline(0) is None and 0 not in frames


def test_times_are_found_only_when_a_frame_is_read():
    asked: list[str] = []
    placed, frames = table(asked)
    for _, q in placed:
        frames.outline(id(q))
    assert asked == []
    growth = next(q for _, q in placed if q.text == "2.5%")
    assert frames[id(growth)][0].period.label == "1986"
    assert asked == [TEXT.split(". ")[0] + "."]          # that sentence alone
    frames[id(growth)]
    assert len(asked) == 1                                # once


def test_the_concept_is_set_on_every_framed_figure_without_reading_frames():
    asked: list[str] = []
    placed, _frames = table(asked)
    inflation = next(q for _, q in placed if q.text == "0.2%")
    assert inflation.concept is not None and "inflation" in inflation.concept.text
    assert asked == []

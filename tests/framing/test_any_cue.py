"""Cue lists are searched as one alternation first (frame.any_cue): a text none of them matches
is passed over at once, and what first_cue finds is unchanged."""
from __future__ import annotations

import re

from factcheck.framing.frame import Cue, any_cue, compile_cues, first_cue


def slow_first_cue(cues, text, start, end, names=True):
    best = None
    for c in cues:
        for m in c.pattern.finditer(text, start, end):
            if not names and m.group(0)[:1].isupper() and not m.group(0).isupper() and text[:m.start()].strip(" \"'“‘("):
                continue
            if best is None or m.start() < best[1].start():
                best = (c.value, m)
            break
    return None if best is None else (best[0], best[1].span())


def test_first_cue_finds_what_each_cue_finds():
    cues = compile_cues({"expected to": "forecast", "will": "forecast", "could": "hypothetical",
                         "target(?:ed|s)?": "target", "Budget": "forecast"})
    assert any_cue(cues) is not None
    texts = ["Growth will reach 3% and could be higher.", "The Budget Ministry said output rose 2%.",
             "Output rose 2% in 1986.", "It targeted 5% growth, expected to slow.", ""]
    for t in texts:
        for names in (True, False):
            for start, end in ((0, len(t)), (5, len(t)), (0, 10)):
                got = first_cue(cues, t, start, end, names=names)
                assert (None if got is None else (got[0], got[1].span())) == slow_first_cue(cues, t, start, end, names)


def test_cues_that_cannot_be_joined_are_searched_one_by_one():
    backref = (Cue(re.compile(r"(a)\1", re.IGNORECASE), "x"), Cue(re.compile(r"(b)\1", re.IGNORECASE), "y"))
    assert any_cue(backref) is None
    assert first_cue(backref, "xx bb aa", 0, 8)[0] == "y"
    mixed = (Cue(re.compile("a", re.IGNORECASE), 1), Cue(re.compile("b"), 2))
    assert any_cue(mixed) is None
    assert any_cue(()) is None and first_cue((), "text", 0, 4) is None

"""The needle gate (factcheck.needles): a text without any of a pattern's words is not searched,
so the gate must never turn away a text the pattern matches."""
from __future__ import annotations

import re

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.needles import fold, holds, needles

IGNORE = re.IGNORECASE


def test_words_every_match_holds() -> None:
    assert needles(r"(?<!\w)from\s+⟦(?P<a>\d+)⟧\s+to\b", IGNORE) == ("from",)
    got = set(needles(r"(?:rose|fell|climbed) by ⟦\d+⟧", IGNORE))
    assert got == {"rose by ⟦", "fell by ⟦", "climbed by ⟦"}
    assert needles(r"\bper\s*cent\b", IGNORE) == ("cent",)  # the longest word every match holds
    assert needles(r"Unemployment", IGNORE) == ("unemployment",)  # folded: the gate ignores case


def test_no_gate_where_it_cannot_say() -> None:
    assert needles(r"a|b") == ()  # one letter is no gate
    assert needles(r"\d+(?:\.\d+)?") == ()  # no words at all
    assert needles(r"x(?:refugees)?") == ()  # an optional word is not needed
    assert needles(r"\p{Lu}ganda") == ()  # syntax only the regex engine reads
    assert needles(r"colour{e<=1}") == ()  # fuzzy matching in the regex engine
    assert needles(r"[[:alpha:]]+tion") == ()  # a POSIX class in the regex engine, a nested set in re
    assert needles(r"(") == ()  # not a pattern


def test_gate() -> None:
    gate = needles(r"\b(?:rose|fell)\s+by\b", IGNORE)
    assert holds(fold("Exports ROSE by 3%"), gate)
    assert not holds(fold("Exports increased by 3%"), gate)
    assert holds(fold("anything"), ())
    assert fold("ſ and Kelvin K and ı") == "s and kelvin k and i"


PATTERNS = [r"(?:rose|fell|climbed)\s+by", r"\bper\s?cent\b", r"growth\s+(?:rate\s+)?of", r"[Ss]hare",
            r"(?<!\w)M\s?=\s?\d", r"(?:un)?employ(?:ment|ed)", r"mill?ions?", r"ab{1,2}c", r"(?:x|yy)z+"]
ALPHABET = "abcdefghilmnoprstuwxyzABCEFGIKMNPRSUſıİK ⟦⟧0123=%"


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(PATTERNS), st.text(alphabet=ALPHABET, max_size=40), st.sampled_from(PATTERNS))
def test_a_text_the_pattern_matches_always_passes(pattern: str, noise: str, other: str) -> None:
    # a text built to match (a match of the pattern inside noise) and random noise alike
    for rx in (re.compile(pattern, re.IGNORECASE), regex.compile(pattern, regex.I | regex.V0)):
        for text in (noise, noise + _example(pattern) + noise[::-1], _example(other) + noise):
            if rx.search(text):
                assert holds(fold(text), needles(pattern, IGNORE)), (pattern, text)


def _example(pattern: str) -> str:
    """A text the pattern matches, in odd case."""
    samples = {r"(?:rose|fell|climbed)\s+by": "FeLL  By", r"\bper\s?cent\b": "PER CENT", r"growth\s+(?:rate\s+)?of":
               "Growth rate of", r"[Ss]hare": "SHARE", r"(?<!\w)M\s?=\s?\d": "m = 4",
               r"(?:un)?employ(?:ment|ed)": "UNEMPLOYED", r"mill?ions?": "MILION", r"ab{1,2}c": "aBBc",
               r"(?:x|yy)z+": "YYZZ"}
    return samples[pattern]

"""A consistency pattern is not searched in a sentence with fewer figures than any match of it
holds (common.min_tokens): the count is exact, so no match is ever lost."""
from __future__ import annotations

import regex

from factcheck.consistency.common import Pattern, compile_pattern, min_tokens, patterns
from factcheck.ruleset.loader import load_rules


def tokens(source: str) -> int:
    rx = compile_pattern(source)
    return min_tokens(rx.pattern)


def test_counts_the_figures_every_match_holds():
    assert tokens("from {q:a} to {q:b}") == 2
    assert tokens("{q}(?: and {q})?") == 1          # optional: not counted
    assert tokens("(?:{q}|none)") == 0               # an alternative without one
    assert tokens("(?:{q}, ){2,}and {q}") == 3       # a repeat counts its least
    assert tokens("(?:{q}\\s)*{q}") == 1
    assert tokens("(?=.*{q}){q}") == 1               # a look-ahead holds nothing of the match
    assert tokens("no figure at all") == 0


def test_syntax_only_the_regex_engine_reads_searches_every_sentence():
    assert tokens(r"\p{Lu}\w+ {q}") == 0


def test_a_sentence_with_too_few_figures_is_not_searched():
    rx = compile_pattern("from {q:a} to {q:b}")
    p = Pattern("from_to", "change", rx, {}, tokens=min_tokens(rx.pattern))
    assert p.tokens == 2
    assert p.finditer("rose from ⟦0⟧ to ⟦1⟧") and p.fullmatch("from ⟦0⟧ to ⟦1⟧")
    assert p.finditer("rose from ⟦0⟧ to five") == [] and p.fullmatch("from ⟦0⟧ to ⟦0") is None


def test_every_shipped_pattern_finds_what_it_found_unfiltered():
    rules = load_rules()
    texts = ["Exports rose from ⟦0⟧ to ⟦1⟧, an increase of ⟦2⟧.", "Of the ⟦0⟧ people, ⟦1⟧ (⟦2⟧) said yes.",
             "⟦0⟧ were killed and ⟦1⟧ injured, ⟦2⟧ in all.", "The majority (⟦0⟧) voted.", "Nothing here.",
             "He was ⟦0⟧ when he died in ⟦1⟧, born in ⟦2⟧."]
    searched = 0
    for rule in rules.of_kind("consistency"):
        for p in patterns(rule):
            for t in texts:
                plain = [m.span() for m in p.regex.finditer(t)]
                assert [m.span() for m in p.finditer(t)] == plain, (rule.id, p.name, t)
                searched += bool(plain)
            assert isinstance(p.regex, regex.Pattern)
    assert searched > 5


def test_patterns_within_a_sentence_are_those_it_has_figures_for():
    from factcheck.consistency.common import mask
    from factcheck.model import Quantity, Segment, Span

    rule = next(r for r in load_rules().of_kind("consistency") if r.id == "consistency.shares")
    text = "The army lost 300 soldiers, or 20% of its 2,500 troops."

    def q(s: str) -> Quantity:
        a = text.index(s)
        return Quantity(text=s, span=Span(a, a + len(s)), value=1.0, low=1.0, high=1.0, unit=None, kind="count")

    seg = Segment(text, Span(0, len(text)), "body", 0)
    three, one = mask(seg, [q("300"), q("20%"), q("2,500")]), mask(seg, [q("300")])
    assert (three.marks, one.marks) == (3, 1)
    every = patterns(rule)
    # enough figure tokens, and one of the pattern's words (needles) in the sentence
    assert patterns(rule, None, three) == tuple(p for p in every if p.tokens <= 3 and (
        not p.needles or any(n in three.folded for n in p.needles)))
    assert patterns(rule, None, one) == tuple(p for p in every if p.tokens <= 1 and (
        not p.needles or any(n in one.folded for n in p.needles)))
    assert len(patterns(rule, None, one)) < len(patterns(rule, None, three)) < len(every)
    assert not any("majority" in p.needles for p in patterns(rule, None, three))  # no "majority" in it
    # the patterns left out find nothing in the sentence
    for mk in (three, one):
        kept = patterns(rule, None, mk)
        assert all(not list(p.regex.finditer(mk.text)) for p in every if p not in kept)

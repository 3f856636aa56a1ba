from __future__ import annotations

from pathlib import Path

from factcheck.segment import segment

SEED = Path(__file__).resolve().parents[1] / "seeds" / "idlib_joint_patrols_2020-02-20.txt"


def kinds_of(text):
    return [(s.kind, s.dated, s.text[:30]) for s in segment(text)]


def test_headline_credit_related_and_sidebar_are_told_apart():
    segs = segment(SEED.read_text(encoding="utf-8"))
    by_kind = {}
    for s in segs:
        by_kind.setdefault(s.kind, []).append(s)
    assert by_kind["headline"][0].text.startswith("Turkey, Russia 'discuss joint patrols")
    assert [s.text for s in by_kind["credit"]] == ["Reuters"]
    assert len(by_kind["related"]) == 3
    assert all(not s.dated for s in by_kind["related"] + by_kind["sidebar"])
    assert by_kind["sidebar"][0].text.endswith("still $200 below hunger threshold")


def test_sentences_do_not_split_on_abbreviations_or_decimals():
    text = "On Feb. 19, the U.S. envoy said 3.7 million people fled. Mr. Smith disagreed."
    sents = [s.text for s in segment(text)]
    assert sents == ["On Feb. 19, the U.S. envoy said 3.7 million people fled.", "Mr. Smith disagreed."]


def test_spans_point_into_the_text():
    text = "Headline here\n\nFirst sentence is here. Second one follows!\n"
    for s in segment(text):
        assert text[s.span.start:s.span.end] == s.text

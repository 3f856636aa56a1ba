"""The metric rules indexed (claims.RuleIndex): each figure is weighed only against the rules
that could rank it, so a rule left out must never be one that ranks the figure."""
from __future__ import annotations

from factcheck import claims
from factcheck.extract import extract
from factcheck.framing import frame_segments
from factcheck.pipeline import place
from factcheck.ruleset.lexicons import lexicons_of
from factcheck.ruleset.loader import load_rules
from factcheck.segment import segment


def _example_texts(ruleset) -> list[str]:
    out = []
    for r in ruleset.of_kind("metric"):
        ex = r.get("examples") or {}
        for case in [*(ex.get("match") or []), *(ex.get("no_match") or [])]:
            out.append(case if isinstance(case, str) else case["text"])
    return out


def test_rules_left_out_never_rank_a_figure() -> None:
    ruleset = load_rules()
    index = claims.rule_index(ruleset)
    words = claims.claim_words_of(ruleset)
    texts = _example_texts(ruleset) + [
        "Exports rose 4.5% in March, while unemployment stood at 9.4% and GDP grew 2.1% of GDP.",
        "About 3.6 million Syrian refugees live in Turkey; 17% of Nigerians are undernourished.",
        "Life expectancy at birth is 84 years, and GNI per capita was $2,360 in 2022.",
    ]
    weighed = left_out = ranked = 0
    for text in texts:
        segs = segment(text)
        placed = place(segs, extract(text, include_all=True))
        frames = frame_segments(segs, placed, lexicons_of(ruleset), None, lambda seg: [], lambda seg: [],
                                claims.framing_of(ruleset))
        for seg, q in placed:
            outline = frames.outline(id(q))
            bucket = index.bucket(q.kind, q.unit)
            folded = claims.folded(seg.text)
            present = frozenset(n for n in bucket[1] if n in folded)
            kept = index.taking(q, outline, present, bucket)
            for r in index.rules:
                rank = r.fits(q, seg, [], outline, words)
                weighed += 1
                if r not in kept:
                    left_out += 1
                    assert rank is None, (text, q.text, r.rule.id)
                elif rank is not None:
                    ranked += 1
    assert left_out > weighed // 2  # most rules are left out for most figures
    assert ranked > 20  # and the rules kept do rank figures


def test_rules_are_weighed_in_their_order() -> None:
    ruleset = load_rules()
    index = claims.rule_index(ruleset)
    for kind, unit in [("percent", None), ("count", None), ("money", "USD")]:
        rules, _ = index.bucket(kind, unit)
        order = [index.rules.index(r) for r in rules]
        assert order == sorted(order) and rules  # the first of equal ranks wins, as before the index

"""The extract and lexicon rules: they load, carry examples of both kinds, and the examples pass."""
from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.extract import compiled_rules, default_rule_paths, extract, load_extract_rules

#: The lexicons the extractor reads (other stages may keep their own lexicons in rules/lexicon).
EXTRACT_LEXICONS = {
    "number_words", "fractions", "ordinals", "scales", "scale_suffixes", "qualifiers", "directions", "factors",
    "currency_symbols", "currency_codes", "currency_names", "currency_subunits", "unit_words", "unit_symbols",
    "person_nouns", "count_context", "weight_cues", "age_prefixes", "unit_factors"}
RULES = [r for r in load_extract_rules(default_rule_paths())
         if r["kind"] == "extract" or r.get("lexicon") in EXTRACT_LEXICONS]
ALLOWED = {"id", "code", "kind", "description", "rationale", "source", "examples", "lexicon", "entries", "patterns"}


def _matches(expect: dict, got: dict) -> bool:
    import math

    for k, v in expect.items():
        g = got.get(k)
        if isinstance(v, (int, float)) and isinstance(g, (int, float)) and not isinstance(v, bool):
            if not math.isclose(float(v), float(g), rel_tol=1e-9, abs_tol=1e-12):
                return False
        elif v != g:
            return False
    return True


def test_every_extract_lexicon_is_present() -> None:
    assert {r["lexicon"] for r in RULES if r["kind"] == "lexicon"} == EXTRACT_LEXICONS


def test_rules_load_with_only_known_keys() -> None:
    assert RULES
    for r in RULES:
        assert set(r) <= ALLOWED, (r["id"], set(r) - ALLOWED)
        assert r["code"].startswith("FC0") and 1 <= int(r["code"][2:]) <= 49
        assert r["kind"] in ("lexicon", "extract")


def test_ids_mirror_paths() -> None:
    for path in default_rule_paths():
        p = Path(path)
        for rule in load_extract_rules([path]):
            assert rule["id"] == f"{p.parent.name}.{p.stem}"


def test_codes_are_unique() -> None:
    codes = [r["code"] for r in RULES]
    assert len(codes) == len(set(codes))


EXAMPLES = [(r["id"], i, True, m) for r in RULES for i, m in enumerate(r["examples"]["match"])] + [
    (r["id"], i, False, m) for r in RULES for i, m in enumerate(r["examples"]["no_match"])]


@pytest.mark.parametrize("rule_id, index, positive, example", EXAMPLES, ids=lambda x: str(x)[:40])
def test_rule_example(rule_id: str, index: int, positive: bool, example: object) -> None:
    if positive:
        got = [q.to_dict() for q in extract(example["text"], include_all=True)]
        assert any(_matches(example["expect"], g) for g in got), (example, got)
    elif isinstance(example, str):
        assert extract(example) == [], example
    else:
        got = [q.to_dict() for q in extract(example["text"], include_all=True)]
        assert not any(_matches(example["expect"], g) for g in got), (example, got)


def test_compiled_once_per_rule_set() -> None:
    assert compiled_rules() is compiled_rules()


def _scan(c, text: str, anchored: bool) -> list[tuple[int, int, str | None]]:
    out, pos = [], 0
    while pos < len(text):
        if anchored:
            a = c.anchor.search(text, pos)
            if a is None:
                break
            m = c.master.match(text, a.start())
            if m is None:
                pos = a.start() + 1
                continue
        else:
            m = c.master.search(text, pos)
            if m is None:
                break
        out.append((m.start(), m.end(), m.lastgroup))
        pos = max(m.end(), m.start() + 1)
    return out


def test_anchor_regex_finds_every_place_the_master_regex_matches() -> None:
    texts = [Path(__file__).resolve().parents[2].joinpath("seeds", "idlib_joint_patrols_2020-02-20.txt").read_text()]
    texts += [m["text"] for r in RULES for m in r["examples"]["match"]]
    texts += [m if isinstance(m, str) else m["text"] for r in RULES for m in r["examples"]["no_match"]]
    corpora = Path(__file__).resolve().parents[3] / "shared" / "corpora"
    if (corpora / "duckling.jsonl").exists():
        import json

        for name in ("recognizers-text", "quantulum3", "duckling"):
            texts += [json.loads(line)["text"] for line in (corpora / f"{name}.jsonl").read_text().splitlines()]
    c = compiled_rules()
    for text in texts:
        assert _scan(c, text, True) == _scan(c, text, False), text

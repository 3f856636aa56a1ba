"""The compiled tables handed from extraction/compile.py to the pass (and pickled by ruleset/cache.py)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Qualifier
from ..numbers import NumberGrammar


@dataclass(frozen=True)
class UnitInfo:
    unit: str | None
    kind: str
    #: What must not follow the unit for it to be one (lexicon ``not_before``: "Mt" before a
    #: capitalised name is Mount, "3 Mt Everest expeditions").
    not_before: re.Pattern[str] | None = None


@dataclass(frozen=True)
class PatternInfo:
    name: str
    kind: str
    value: float | None
    span_num: bool
    rule: str
    unit: str | None = None


@dataclass
class Compiled:
    """Everything the extraction pass needs, built once from a set of rule files."""

    grammar: NumberGrammar
    master: re.Pattern[str]
    patterns: dict[str, PatternInfo]
    left: re.Pattern[str]
    qualifier_map: dict[str, Qualifier]
    direction_map: dict[str, str]
    currency_prefix: dict[str, str]
    age_prefix: dict[str, str]
    scale_suffix: re.Pattern[str]
    scale_suffix_map: dict[str, tuple[float, str]]
    currency_after: re.Pattern[str]
    currency_after_map: dict[str, str]
    subunit: re.Pattern[str]
    subunit_map: dict[str, tuple[str, float]]
    unit: re.Pattern[str]
    unit_words: dict[str, UnitInfo]
    unit_symbols: dict[str, UnitInfo]
    per: re.Pattern[str]
    person_nouns: frozenset[str]
    before_one: frozenset[str]
    after_one: frozenset[str]
    before_half: frozenset[str]
    weight_words: frozenset[str]
    factors: dict[str, float]
    scale_words: dict[str, float]
    big_scale_after: re.Pattern[str]
    noun_words: re.Pattern[str]
    token: re.Pattern[str]
    a_unit: frozenset[str]
    unit_factors: dict[str, tuple[str, float]]
    digits_only: re.Pattern[str]
    #: Finds every place where the master regex may match (a cheap superset), see _anchor_regex.
    anchor: re.Pattern[str]
    #: Nouns that state a change ("decline", "rise": lexicon direction_nouns) -> up / down.
    direction_noun_map: dict[str, str] = field(default_factory=dict)
    #: A change noun after a figure, one word allowed between ("31% fall", "2.5 pct wage increase").
    noun_after: re.Pattern[str] | None = None
    #: The text between a figure with a unit and a bare figure compared with it (lexicon
    #: unit_carry: "9.5 billion dlrs from 9.84 billion").
    unit_carry: re.Pattern[str] | None = None
    #: What a rate is counted per (lexicon rate_bases: "capita" -> person, "1,000 people" ->
    #: thousand_people), and the words that state it after a count ("per 1,000 people").
    rate_bases: dict[str, str] = field(default_factory=dict)
    rate_base: re.Pattern[str] | None = None

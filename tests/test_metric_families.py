"""Metric families: indicators that share a phrase shape are lexicon entries of one rule mechanism.

What users rely on: each entry becomes a metric rule of its own (listed, selectable, tested by its
examples), a broken entry is an error naming the lexicon file and the entry's line, and the
shapes frame figures as strictly as hand-written rules (right indicator, right country, an
abstention with a reason otherwise).
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from factcheck.errors import RuleError
from factcheck.pipeline import Checker
from factcheck.ruleset.loader import DEFAULT_RULES_DIR, load_rules


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker()


def _finding(checker: Checker, text: str, figure: str, as_of: str = "2024-07-01"):
    report = checker.check_text(text, as_of=as_of)
    got = [f for f in report.findings if f.quantity.text == figure]
    assert got, f"no finding for {figure!r} in {[(f.rule, f.quantity.text) for f in report.findings]}"
    return got[0]


def test_every_entry_is_a_metric_rule_of_its_own():
    rs = load_rules()
    made = [r for r in rs.of_kind("metric") if r.get("family") == "metrics.indicators"]
    assert len(made) >= 40
    life = rs.by_id("metrics.life_expectancy")
    assert life is not None and life.code == "FC301" and life.path.endswith("indicators.yaml")
    assert life.get("reference") == {"dataset": "wdi", "indicator": "sp.dyn.le00.in", "lag_days": 365}
    # the shape's parts and the entry's own are one rule: quantity kinds from the shape "years"
    assert "duration" in life.get("quantity")["kinds"]
    assert all(r.get("examples", {}).get("match") and r.get("examples", {}).get("no_match") for r in made)
    assert len({r.code for r in made}) == len(made)


@pytest.mark.parametrize("text, figure, metric, subject", [
    ("Life expectancy in Japan was 84 years in 2022.", "84 years", "life_expectancy", "JPN"),
    ("Life expectancy for women in Japan was 87.1 years in 2022.", "87.1 years", "life_expectancy_female", "JPN"),
    ("In 2022, 18.7% of Nigerians were undernourished.", "18.7%", "undernourishment", "NGA"),
    ("Poland spent 2.2% of its GDP on defence in 2022.", "2.2%", "military_spending_gdp", "POL"),
    ("India's military spending was 8% of government spending in 2022.", "8%", "military_spending_government", "IND"),
    ("India's GNI per capita in PPP terms was $8,810 in 2022.", "$8,810", "gni_per_capita_ppp", "IND"),
    ("India's GNI per capita was $2,360 in 2022.", "$2,360", "gni_per_capita", "IND"),
    ("Infant mortality in India was 25.7 per 1,000 live births in 2022.", "25.7", "infant_mortality", "IND"),
    ("Japan had 169 mobile phone subscriptions per 100 people in 2022.", "169", "mobile_subscriptions", "JPN"),
    ("Women held 61% of the seats in Rwanda's parliament in 2022.", "61%", "women_in_parliament", "RWA"),
    ("Remittances accounted for 22% of Nepal's GDP in 2022.", "22%", "remittances_gdp", "NPL"),
])
def test_shapes_frame_the_right_indicator_for_the_right_country(checker, text, figure, metric, subject):
    f = _finding(checker, text, figure)
    assert (f.claim.metric, f.claim.subject, f.claim.reason) == (metric, subject, None)
    assert f.claim.reference is not None and f.claim.reference[0] == "wdi"
    if f.claim.period is not None:
        assert f.claim.period.label == "2022"


def test_the_base_of_a_rate_is_not_a_claim_of_its_own(checker):
    report = checker.check_text("Infant mortality in India was 25.7 per 1,000 live births in 2022.", as_of="2024-07-01")
    assert [f.quantity.text for f in report.findings] == ["25.7"]


@pytest.mark.parametrize("text, figure, metric, why", [
    ("Japan's healthy life expectancy was 74 years in 2022.", "74 years", "life_expectancy", "healthy life expectancy"),
    ("Italy's public debt stood at 140% of GDP in 2022.", "140%", "central_government_debt", "all levels of government"),
    ("Kenya's net primary enrolment rate was 80% in 2022.", "80%", "school_enrolment_primary", "gross enrolment"),
    ("Brazil's Gini coefficient stood at 0.52 in 2022.", "0.52", "gini", "fraction of 1"),
    ("Germany pledged to spend 2% of GDP on defence.", "2%", "military_spending_gdp", "target"),
    ("Life expectancy in Ethiopia now stands at 67 years, up from 52 at the turn of the century.", "52",
     "life_expectancy", "compares with ('up from'), for an earlier time"),
])
def test_what_the_indicator_must_not_be_taken_for_is_said(checker, text, figure, metric, why):
    f = _finding(checker, text, figure)
    assert f.claim.metric == metric and f.verdict.value == "unverifiable"
    assert why in (f.claim.reason or "")


@pytest.mark.parametrize("text, figure", [
    ("In 2022, 18.7% of Nigerian children were undernourished.", "18.7%"),
    ("Women made up 47% of Rwanda's workforce in 2022.", "47%"),
    ("India's military spending rose 2.4% in 2022.", "2.4%"),
    ("The treaty lasted 84 years.", "84 years"),
])
def test_other_figures_are_not_taken_for_an_indicator(checker, text, figure):
    report = checker.check_text(text, as_of="2024-07-01")
    framed = [f for f in report.findings if f.quantity.text == figure and f.claim is not None
              and f.claim.metric and f.claim.reason is None]
    assert framed == []


def _rules_with(tmp_path: Path, lexicon_text: str) -> Path:
    root = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES_DIR, root, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    (root / "lexicon" / "indicators.yaml").write_text(lexicon_text, encoding="utf-8")
    return root


_HEAD = """id: lexicon.indicators
code: FC062
kind: lexicon
description: Indicators of a test family, one entry each.
lexicon: indicators
examples:
  as_of: 2024-07-01
  match:
    - text: "Life expectancy in Japan was 84 years in 2022."
      expect: {metric: life_expectancy}
  no_match:
    - "The treaty lasted 84 years."
entries:
"""

_ENTRY = """  life_expectancy:
    code: FC301
    shape: {shape}
    description: Life expectancy at birth.
    measure: '{measure}'
    reference: {{dataset: wdi, indicator: sp.dyn.le00.in}}
{examples}"""

_EXAMPLES = """    examples:
      as_of: 2024-07-01
      match:
        - text: "Life expectancy in Japan was 84 years in 2022."
          expect: {subject: JPN}
      no_match:
        - "The treaty lasted 84 years."
"""


@pytest.mark.parametrize("shape, measure, examples, message", [
    ("squares", "life\\s+expectancy", _EXAMPLES, "unknown shape 'squares'"),
    ("years", "life\\s+expectancy", "", "has no 'examples'"),
    ("years", "life\\s+{nowhere}", _EXAMPLES, "unknown placeholder {nowhere}"),
    ("years", "life(\\s+expectancy", _EXAMPLES, "bad pattern"),
])
def test_a_broken_entry_names_the_lexicon_file_and_its_line(tmp_path, shape, measure, examples, message):
    root = _rules_with(tmp_path, _HEAD + _ENTRY.format(shape=shape, measure=measure, examples=examples))
    with pytest.raises(RuleError) as err:
        load_rules([root])
    problems = err.value.problems or [err.value]
    hit = [p for p in problems if message in str(p)]
    assert hit, [str(p) for p in problems]
    assert hit[0].path.endswith("indicators.yaml") and hit[0].line == 14  # the entry's name


def test_a_newsroom_entry_is_a_rule_like_the_shipped_ones(tmp_path):
    """An indicator a newsroom adds to the lexicon in its own rule folder is framed, listed and
    tested like a shipped one."""
    own = tmp_path / "newsroom"
    (own / "lexicon").mkdir(parents=True)
    (own / "lexicon" / "newsroom_indicators.yaml").write_text("""id: lexicon.newsroom_indicators
code: FC063
kind: lexicon
description: The newsroom's own indicators of the shipped family.
lexicon: indicators
examples:
  as_of: 2024-07-01
  match:
    - text: "South Korea's birth rate was 4.9 per 1,000 people in 2022."
      expect: {metric: birth_rate}
  no_match:
    - {text: "South Korea's fertility rate was 0.78 in 2022.", expect: {metric: birth_rate}}
entries:
  birth_rate:
    code: FC399
    shape: index
    description: Live births per 1,000 people in a year (the crude birth rate).
    measure: '(?:crude\\s+)?birth\\s+rate'
    after: 'per\\s+(?:1,000|thousand)\\s+(?:people|inhabitants|population)'
    reference: {dataset: wdi, indicator: sp.dyn.cbrt.in}
    examples:
      as_of: 2024-07-01
      match:
        - text: "South Korea's birth rate was 4.9 per 1,000 people in 2022."
          expect: {subject: KOR}
      no_match:
        - {text: "South Korea's birth rate fell 8% in 2022.", expect: {metric: birth_rate}}
""", encoding="utf-8")
    checker = Checker(rules_dirs=[own])
    rule = checker.ruleset.by_id("metrics.birth_rate")
    assert rule is not None and rule.code == "FC399" and rule.get("family") == "metrics.indicators"
    assert checker.ruleset.by_id("metrics.life_expectancy") is not None  # the shipped entries stay
    f = _finding(checker, "South Korea's birth rate was 4.9 per 1,000 people in 2022.", "4.9")
    assert (f.claim.metric, f.claim.subject, f.claim.reason) == ("birth_rate", "KOR", None)
    assert f.claim.reference == ("wdi", "sp.dyn.cbrt.in")


def test_a_series_the_data_lacks_is_named_and_how_to_add_it(checker):
    f = _finding(checker, "Youth unemployment in Spain stood at 28% in 2023.", "28%")
    assert (f.claim.metric, f.claim.subject, f.claim.reason, f.verdict.value) == (
        "youth_unemployment", "ESP", None, "unverifiable")
    assert "no series for this (wdi/sl.uem.1524.zs)" in f.message and "factcheck data import" in f.message

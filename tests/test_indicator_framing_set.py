"""The indicator-framing sentence set (benchmarks/indicator_framing/sentences.yaml) is well formed.

The set measures how factcheck frames claims about WDI series (benchmarks/indicator_framing.py
scores it); these tests hold the set itself to its schema and to the reference data it names,
and the benchmark's matching to what it says. They assert no framing score.
"""
from __future__ import annotations

import csv
import datetime as dt
import gzip
import importlib.util
import json
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from factcheck.shipped import reference_data_dir

ROOT = Path(__file__).resolve().parents[1]
#: sentences.yaml, and holdout.yaml written after the rules were tuned on it: both held to one schema.
SETS = sorted((ROOT / "benchmarks" / "indicator_framing").glob("*.yaml"))
FAMILY_PREFIX = {"life_expectancy": "le", "fertility": "fe", "health_spending": "hs", "gni_ppp": "gp",
                 "population_growth": "pg", "undernourishment": "un", "freshwater": "fw", "other": "ot"}
SENTENCE_KEYS = {"id", "family", "text", "as_of", "expect"}
EXPECT_KEYS = {"figure", "indicator", "country"}
OPTIONAL_KEYS = {"note", "measures"}
CODE = re.compile(r"^[A-Z]{2,3}(?:\.[A-Z0-9]+){1,5}$")


def _bench():
    spec = importlib.util.spec_from_file_location("indicator_framing", ROOT / "benchmarks" / "indicator_framing.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


BENCH = _bench()
BY_SET = {p.name: yaml.safe_load(p.read_text(encoding="utf-8"))["sentences"] for p in SETS}
SENTENCES = [s for sentences in BY_SET.values() for s in sentences]
EXPECTS = [(s, e) for s in SENTENCES for e in s["expect"]]


def _shipped_wdi_codes() -> set[str]:
    """Every indicator the shipped WDI package names (keys of each resource's ``indicators``, and
    a resource's constant indicator), upper case."""
    package = json.loads((reference_data_dir() / "wdi" / "datapackage.json").read_text(encoding="utf-8"))
    codes = set()
    for res in package["resources"]:
        block = res.get("factcheck") or {}
        codes.update(k.upper() for k in (block.get("indicators") or {}))
        ind = block.get("indicator")
        if isinstance(ind, dict) and ind.get("constant"):
            codes.add(str(ind["constant"]).upper())
    return codes


def _countries() -> set[str]:
    """The ISO3 codes of the shipped country table (the resource whose path names countries.csv)."""
    folder = reference_data_dir() / "countries"
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    [path] = [r["path"] for r in package["resources"] if Path(r["path"]).name.startswith("countries.csv")]
    opener = gzip.open if path.endswith(".gz") else open
    with opener(folder / path, "rt", encoding="utf-8") as fh:
        return {row["iso3"] for row in csv.DictReader(fh) if row["kind"] != "aggregate"}


def test_schema_keys_ids_families_and_dates():
    assert sorted(BY_SET) == ["holdout.yaml", "sentences.yaml"] and all(BY_SET.values())
    ids = Counter(s["id"] for s in SENTENCES)
    assert [i for i, n in ids.items() if n > 1] == []
    for s in SENTENCES:
        assert set(s) == SENTENCE_KEYS, f"{s.get('id')}: keys {sorted(set(s) ^ SENTENCE_KEYS)}"
        assert s["family"] in FAMILY_PREFIX, f"{s['id']}: unknown family {s['family']!r}"
        assert re.fullmatch(rf"{FAMILY_PREFIX[s['family']]}-\d\d", s["id"]), f"{s['id']}: id does not name its family"
        assert isinstance(s["text"], str) and s["text"].strip() == s["text"] and s["text"], s["id"]
        assert isinstance(s["as_of"], dt.date), f"{s['id']}: as_of {s['as_of']!r} is not a YYYY-MM-DD date"
        assert dt.date(2010, 1, 1) <= s["as_of"] <= dt.date(2025, 12, 31), f"{s['id']}: as_of outside 2010-2025"
        assert isinstance(s["expect"], list) and s["expect"], f"{s['id']}: no expected figures"
        for e in s["expect"]:
            assert EXPECT_KEYS <= set(e) <= EXPECT_KEYS | OPTIONAL_KEYS, f"{s['id']}: expect keys {sorted(e)}"


def test_every_figure_occurs_once_in_its_sentence():
    bad = [f"{s['id']}: {e['figure']!r} found {len(BENCH.locate(s['text'], str(e['figure'])))} times"
           for s, e in EXPECTS if len(BENCH.locate(s["text"], str(e["figure"]))) != 1]
    assert bad == []


def test_indicator_and_country_go_together_and_are_well_written():
    countries = _countries()
    for s, e in EXPECTS:
        ind, iso, measures = e["indicator"], e["country"], e.get("measures")
        assert not (ind and measures), f"{s['id']} {e['figure']!r}: indicator or measures, not both"
        series = ind or measures
        assert (series is None) == (iso is None), f"{s['id']} {e['figure']!r}: a series needs a country and vice versa"
        if series is not None:
            assert CODE.match(series), f"{s['id']}: {series!r} is not an upper-case WDI code"
            assert iso in countries, f"{s['id']}: {iso!r} is not a country of reference_data/countries"
        if ind is None:
            assert e.get("note"), f"{s['id']} {e['figure']!r}: say in a note why no shipped series judges it"


def test_every_code_is_a_series_the_reference_data_ships():
    shipped = _shipped_wdi_codes()
    used = sorted({e["indicator"] for _, e in EXPECTS if e["indicator"]})
    missing = [c for c in used if c not in shipped]
    assert not missing, f"not shipped in reference_data/wdi/datapackage.json: {', '.join(missing)}"


def test_measures_names_only_series_of_the_issue_list_that_are_not_shipped():
    shipped = _shipped_wdi_codes()
    measures = sorted({e["measures"] for _, e in EXPECTS if e.get("measures")})
    assert set(measures) <= BENCH.ISSUE_LIST, "measures is for the issue's series that wdi_full lacks"
    now_shipped = [c for c in measures if c in shipped]
    assert not now_shipped, f"shipped now, move from measures to indicator: {', '.join(now_shipped)}"


def test_each_named_family_has_positives_and_hard_negatives():
    main = [(s, e) for s in BY_SET["sentences.yaml"] for e in s["expect"]]
    for family, codes in BENCH.FAMILIES.items():
        figures = [e for s, e in main if s["family"] == family]
        positives = [e for e in figures if (e["indicator"] or e.get("measures")) in codes]
        negatives = [e for e in figures if (e["indicator"] or e.get("measures")) not in codes]
        assert len(positives) >= 15, f"{family}: {len(positives)} positives"
        assert len(negatives) >= 10, f"{family}: {len(negatives)} hard negatives"


def test_family_codes_are_the_ones_the_set_uses():
    used = {e["indicator"] or e.get("measures") for _, e in EXPECTS}
    for family, codes in BENCH.FAMILIES.items():
        assert set(codes) <= used, family


# --- the benchmark's matching, on findings written out by hand --------------------------------
def _finding(start, end, metric, subject, *, reference=None, reason=None, evidence=None, verdict="supported"):
    claim = {"text": "x", "start": start, "end": end, "metric": metric, "subject": subject, "reason": reason}
    if reference is not None:
        claim["reference"] = reference
    return {"rule": f"metrics.{metric}", "verdict": verdict, "claim": claim, "evidence": evidence}


def test_framed_code_reads_the_reference_then_the_legacy_metric():
    assert BENCH.framed_code(_finding(0, 1, "life_expectancy", "JPN",
                                      reference={"dataset": "wdi", "indicator": "sp.dyn.le00.in"})) == "SP.DYN.LE00.IN"
    assert BENCH.framed_code(_finding(0, 1, "population", "JPN")) == "SP.POP.TOTL"
    assert BENCH.framed_code(_finding(0, 1, "gdp_usd", "JPN", reference={"dataset": "wdi", "indicator": "gdp_usd"})) \
        == "NY.GDP.MKTP.CD"
    assert BENCH.framed_code(_finding(0, 1, "refugees_from", "TUR",
                                      evidence={"indicator": "syrian_refugees"})) == "metric:refugees_from"
    assert BENCH.framed_code({"rule": "checks.no_reference", "claim": {"metric": None}}) is None


def test_outcome_right_misframed_held_back_and_not_framed():
    e = {"figure": "84.6 years", "start": 10, "end": 20, "indicator": "SP.DYN.LE00.IN", "country": "JPN"}
    le = {"dataset": "wdi", "indicator": "sp.dyn.le00.in"}
    assert BENCH.outcome(e, [_finding(10, 20, "le", "JPN", reference=le)])["status"] == "right"
    assert BENCH.outcome(e, [_finding(10, 20, "le", "KOR", reference=le)])["status"] == "misframed"
    assert BENCH.outcome(e, [_finding(10, 20, "le", "JPN", reference=le, reason="a forecast")])["status"] == "held back"
    assert BENCH.outcome(e, [_finding(30, 35, "le", "JPN", reference=le)])["status"] == "not framed"
    # a span with its qualifier ("about 84.6 years") still covers the figure
    assert BENCH.outcome(e, [_finding(4, 20, "le", "JPN", reference=le)])["status"] == "right"


def test_a_framing_of_an_unlisted_figure_counts_against_precision():
    item = {"id": "le-99", "family": "life_expectancy", "text": "t", "as_of": dt.date(2020, 1, 1),
            "expect": [{"figure": "84.6 years", "start": 10, "end": 20, "indicator": "SP.DYN.LE00.IN",
                        "country": "JPN", "note": None}]}
    le = {"dataset": "wdi", "indicator": "sp.dyn.le00.in"}
    found = [_finding(10, 20, "le", "JPN", reference=le), _finding(40, 44, "le", "JPN", reference=le)]
    res = BENCH.score([item], [found])
    fam = res["families"]["life_expectancy"]
    assert (fam["recalled"], fam["positives"], fam["framed_right"], fam["framed"]) == (1, 1, 1, 2)
    assert [u["figure"] for u in res["unexpected"]] == ["x"]


@pytest.mark.parametrize("text, figure, n", [
    ("rose 12.1% after 2.1% in 2019", "2.1%", 1),
    ("a rate of 2.15 a day", "2.1", 0),
    ("one in five Ethiopians; One in five", "One in five", 1),
    ("1,000 cubic metres and 11,000 cubic metres", "1,000 cubic metres", 1),
])
def test_locate_finds_whole_figures_only(text, figure, n):
    assert len(BENCH.locate(text, figure)) == n


def test_load_set_takes_measures_as_the_expected_series(tmp_path):
    path = tmp_path / "set.yaml"
    path.write_text('sentences:\n- id: hs-01\n  family: health_spending\n'
                    '  text: "France devotes 12% of GDP to health."\n  as_of: 2022-10-12\n  expect:\n'
                    '  - {figure: "12%", indicator: null, measures: SH.XPD.CHEX.GD.ZS, country: FRA, note: "n"}\n',
                    encoding="utf-8")
    [item] = BENCH.load_set(path)
    [e] = item["expect"]
    assert (e["indicator"], e["country"], e["unshipped"]) == ("SH.XPD.CHEX.GD.ZS", "FRA", True)
    assert (e["start"], e["end"]) == (15, 18)


def test_load_set_refuses_a_figure_the_text_does_not_hold(tmp_path):
    path = tmp_path / "set.yaml"
    path.write_text('sentences:\n- id: le-01\n  family: life_expectancy\n  text: "Japan: 84.6 years."\n'
                    '  as_of: 2022-10-12\n  expect:\n'
                    '  - {figure: "84.5 years", indicator: SP.DYN.LE00.IN, country: JPN}\n', encoding="utf-8")
    with pytest.raises(BENCH.SetError, match=r"expect\[0\] \(le-01\): figure '84.5 years' occurs 0 times"):
        BENCH.load_set(path)

"""A claim and its reference meet in the one unit registry: converted when their dimensionalities
agree (tonnes and kilotonnes, hectares and km², TWh and GWh, per person and per 1,000 people),
never judged when they do not, and the conversion is shown with the evidence."""
from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck import fmt, units

ROOT = Path(__file__).resolve().parents[1]


# --------------------------------------------------------------------------------------------
# the helper: units.why_not, units.ratio, units.label
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("src, dst, factor", [
    ("kilotonne", "metric_ton", 1e3),
    ("megametric_ton", "kilotonne", 1e3),          # "Mt" as pint reads it
    ("Gt", "metric_ton", 1e9),
    ("square kilometer", "hectare", 100),
    ("hundred_square_kilometers", "square kilometer", 100),
    ("gigawatt_hour", "terawatt_hour", 1e-3),
    ("kilowatt_hour", "gigawatt_hour", 1e-6),
    ("kilowatt_hour / person", "megawatt_hour / person", 1e-3),
    ("1 / person", "1 / thousand_people", 1e3),       # per capita -> per 1,000 people
    ("1 / thousand_people", "1 / hundred_thousand_people", 100),
    ("1 / thousand_live_births", "1 / hundred_thousand_live_births", 100),
    ("1 / woman", "1 / thousand_women", 1e3),
    ("kilobarrel / day", "barrel / day", 1e3),
    ("barrel / day", "barrel / year", 365.25),
    ("cubic kilometer", "cubic meter", 1e9),       # WDI's "billion cubic meters"
    ("year", "month", 12),
    ("kilogram_of_oil_equivalent", "megajoule", 41.868),
])
def test_units_of_one_dimensionality_convert(src, dst, factor):
    assert units.why_not(dst, src) == ""
    assert math.isclose(units.ratio(src, dst), factor, rel_tol=1e-9)


@pytest.mark.parametrize("claim, ref, reason", [
    ("metric_ton / person", "kilotonne", "the text gives tonnes per person; the reference is in kilotonnes"),
    ("metric_ton", "metric_ton / person", "the text gives tonnes; the reference is in tonnes per person"),
    ("person", "1 / thousand_people", "the text gives people; the reference is per 1,000 people"),
    ("percentage_point", "percent", "the text gives percentage points; the reference is in percent"),
    ("percent", "index_point", "the text gives percent; the reference is in index points"),
    ("USD", "international_dollar", "the text gives US dollars; the reference is in international (PPP) dollars"),
    ("1 / thousand_people", "1 / thousand_live_births",
     "the text gives per 1,000 people; the reference is per 1,000 live births"),
    ("barrel", "barrel / day", "the text gives barrels; the reference is in barrels per day"),
    ("kilotonne", "furlong_of_smoke", "the reference's unit (furlong_of_smoke) is not one the unit registry knows"),
])
def test_units_of_other_dimensionalities_never_convert(claim, ref, reason):
    assert units.why_not(claim, ref) == reason


def test_a_kilotonne_is_never_a_knot():
    assert units.why_not("metric_ton", "kilotonne") == ""
    assert units.why_not("metric_ton", "kt") != ""   # pint's "kt" is the knot: series say "kilotonne"


def test_units_read_as_a_reader_writes_them():
    assert fmt.number(10.9e6, "kilotonne") == "10.9 million kilotonnes"
    assert fmt.number(5.1e9, "metric_ton") == "5.1 billion tonnes"
    assert fmt.number(1, "metric_ton") == "1 tonne"
    assert fmt.number(2.5, "metric_ton / person") == "2.5 tonnes per person"
    assert fmt.number(12, "1 / thousand_people") == "12 per 1,000 people"
    assert fmt.number(21000, "square kilometer") == "21,000 km²"
    assert fmt.number(300, "terawatt_hour") == "300 TWh"


# --------------------------------------------------------------------------------------------
# end to end: `factcheck check` with a newsroom's own rules and data (tmp)
# --------------------------------------------------------------------------------------------

#: (file, indicator, unit of the data, trigger, rows, the rule's example)
SERIES = [
    ("coal_output", "coal_kt", "kilotonne", "coal output", [("CHN", 2020, 3902000)],
     "China's coal output was 3.9 billion tonnes in 2020."),
    ("forest", "forest_km2", "square kilometer", "forests?", [("TUR", 2020, 22200)],
     "Turkey's forests cover 22,000 km2."),
    ("generation", "power_gwh", "gigawatt_hour", "produced", [("TUR", 2020, 306700)],
     "Turkey's power plants produced 307 TWh in 2020."),
    ("power_use", "power_kwh_pc", "kilowatt_hour / person", "power use", [("TUR", 2020, 3540)],
     "Turkey's power use was 3,540 kWh per person in 2020."),
    ("oil", "oil_kbd", "kilobarrel / day", "pumped", [("SAU", 2020, 9210)],
     "Saudi Arabia pumped 9.2 million barrels per day in 2020."),
]


def _newsroom(tmp_path: Path, series: list[tuple] = SERIES) -> tuple[Path, Path]:
    data, rules = tmp_path / "data" / "energy", tmp_path / "rules" / "metrics"
    (data / "data").mkdir(parents=True)
    rules.mkdir(parents=True)
    resources = []
    for i, (name, indicator, unit, trigger, rows, example, *kinds) in enumerate(series):
        (data / "data" / f"{name}.csv").write_text(
            "entity,year,value\n" + "".join(f"{e},{y},{v}\n" for e, y, v in rows), encoding="utf-8")
        resources.append({
            "name": name, "path": f"data/{name}.csv",
            "schema": {"fields": [{"name": "entity", "type": "string"}, {"name": "year", "type": "year"},
                                  {"name": "value", "type": "number"}]},
            "factcheck": {"kind": "observations", "entity": "entity", "indicator": {"constant": indicator},
                          "value": "value", "period": {"type": "year", "column": "year"},
                          "indicators": {indicator: {"name": indicator, "series": name.replace("_", " "),
                                                     "unit": unit, "source": "Newsroom energy desk",
                                                     "url": "https://example.org/energy"}}}})
        (rules / f"{name}.yaml").write_text(f"""\
id: metrics.{name}
code: FC19{i + 1}
kind: metric
description: A country's {name.replace("_", " ")} in a year, in any unit of the same dimension.
metric: {indicator}
quantity: {{kinds: [{kinds[0] if kinds else "measure"}]}}
triggers: ["{trigger}"]
window: 60
subject: {{types: [name]}}
reference: {{dataset: energy, indicator: {indicator}}}
tolerance: {{approximate: 0.05}}
examples:
  as_of: 2021-06-01
  match:
    - text: "{example}"
      expect: {{verdict: supported}}
  no_match:
    - "The committee met 3 times in 2020."
""", encoding="utf-8")
    (data / "datapackage.json").write_text(json.dumps({
        "name": "energy", "title": "Energy and environment (newsroom-kept)",
        "sources": [{"title": "Newsroom energy desk", "path": "https://example.org/energy"}],
        "licenses": [{"name": "facts-citation"}], "resources": resources}), encoding="utf-8")
    return tmp_path / "rules", tmp_path / "data"


def _check(tmp_path: Path, text: str, series: list[tuple] = SERIES) -> dict[str, dict]:
    rules, data = _newsroom(tmp_path, series)
    article = tmp_path / "energy_2021-06-01.txt"
    article.write_text(text, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "factcheck", "check", str(article), "--rules", str(rules),
                           "--data", str(data), "--format", "json", "--fail-on", "never"],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    findings = json.loads(proc.stdout)["documents"][0]["findings"]
    return {f["claim"]["text"]: f for f in findings if f["code"].startswith("FC19")}


def test_claims_in_other_units_are_judged_after_conversion(tmp_path):
    got = _check(tmp_path, "China's coal output reached 3.9 billion tonnes in 2020. "
                           "Turkey's forests cover 2.2 million hectares. "
                           "Turkey's power plants produced 300 TWh in 2020. "
                           "Turkey's power use was 5 MWh per person in 2020. "
                           "Saudi Arabia pumped 9.2 million barrels per day in 2020.\n")
    coal = got["3.9 billion tonnes"]
    assert coal["verdict"] == "supported"
    ev = coal["evidence"]
    assert (ev["reference_value"], ev["reference_unit"]) == (3902000, "kilotonne")
    assert ev["unit"] == "metric_ton" and math.isclose(ev["value"], 3902000e3)
    assert ev["conversion"] == "3.9 million kilotonnes is 3.9 billion tonnes"
    assert "3.9 million kilotonnes is 3.9 billion tonnes" in coal["message"]

    forest = got["2.2 million hectares"]
    assert forest["verdict"] == "supported" and math.isclose(forest["evidence"]["value"], 2.22e6)
    assert forest["evidence"]["conversion"] == "22,200 km² is 2.22 million hectares"

    twh = got["300 TWh"]
    assert twh["verdict"] == "supported" and math.isclose(twh["evidence"]["value"], 306.7)
    assert twh["evidence"]["conversion"] == "306,700 GWh is 307 TWh"

    power = got["5 MWh per person"]
    assert power["verdict"] == "contradicted" and math.isclose(power["evidence"]["value"], 3.54)
    assert "3,540 kWh per person is 3.54 MWh per person" in power["message"]

    oil = got["9.2 million barrels per day"]
    assert oil["verdict"] == "supported" and math.isclose(oil["evidence"]["value"], 9.21e6)


def test_a_wrong_figure_in_another_unit_is_contradicted_with_the_conversion_said(tmp_path):
    (coal,) = _check(tmp_path, "China's coal output reached 5.1 billion tonnes in 2020.\n").values()
    assert coal["verdict"] == "contradicted"
    assert coal["message"].startswith("China: coal output 2020: 3.9 billion tonnes, not 5.1 billion tonnes")
    assert "3.9 million kilotonnes is 3.9 billion tonnes" in coal["message"]
    assert coal["correction"]["text"].startswith("3.9 billion tonnes")


def test_incompatible_units_are_never_judged(tmp_path):
    (coal,) = _check(tmp_path, "China's coal output was 2.7 tonnes per person in 2020.\n").values()
    assert coal["verdict"] == "unverifiable"
    assert coal["evidence"] is None
    assert "the text gives tonnes per person; the reference is in kilotonnes" in coal["message"]


# --------------------------------------------------------------------------------------------
# the units newsrooms write, read by the extractor (rules/lexicon/unit_symbols, unit_words,
# rate_bases) and judged against series in other units of the same dimension
# --------------------------------------------------------------------------------------------

#: (file, indicator, unit of the data, trigger, rows, the rule's example, the claim's kind)
WRITTEN = [
    ("emissions", "co2_kt", "kilotonne", "emissions", [("CHN", 2020, 10944690), ("GBR", 2020, 326000)],
     "China's emissions reached 10.9 billion tonnes in 2020.", "measure"),
    ("crude", "oil_bd", "barrel / day", "pumped", [("SAU", 2020, 9213000), ("IRQ", 2020, 4102000)],
     "Saudi Arabia pumped 9.2 million barrels per day in 2020.", "measure"),
    ("physicians", "doctors_pc", "1 / person", "doctors", [("DEU", 2020, 0.00447)],
     "Germany had 4.5 doctors per 1,000 people in 2020.", "count"),
    ("farmland", "farm_ha", "hectare", "farmland", [("TUR", 2020, 23100000)],
     "Turkey's farmland covered 23.1 million hectares in 2020.", "measure"),
    ("households", "power_kwh", "kilowatt_hour", "households used", [("TUR", 2020, 62400000000)],
     "Turkey's households used 62.4 billion kWh in 2020.", "measure"),
]


@pytest.mark.parametrize("sentence, figure, verdict, value, conversion", [
    ("China's emissions reached 10.9 Gt in 2020.", "10.9 Gt", "supported", 10.94469,
     "10.9 million kilotonnes is 10.94 gigatonnes"),
    ("China's emissions reached 10,900 Mt in 2020.", "10,900 Mt", "supported", 10944.69, None),
    ("China's emissions reached 10.9 billion tonnes in 2020.", "10.9 billion tonnes", "supported", 10.94469e9, None),
    ("Britain's emissions were 326 Mt in 2020.", "326 Mt", "supported", 326, "326,000 kilotonnes is 326 megatonnes"),
    ("Britain's emissions were 400 Mt in 2020.", "400 Mt", "contradicted", 326, None),
    ("Saudi Arabia pumped 9.2 million bpd in 2020.", "9.2 million bpd", "supported", 9.213e6, None),
    ("Iraq pumped 4.1 million barrels a day in 2020.", "4.1 million barrels a day", "supported", 4.102e6, None),
    ("Iraq pumped 4.1 mb/d in 2020.", "4.1 mb/d", "supported", 4.102, None),
    ("Germany had 4.5 doctors per 1,000 people in 2020.", "4.5", "supported", 4.47,
     "0.00447 per person is 4.47 per 1,000 people"),
    ("Germany had 6 doctors per 1,000 people in 2020.", "6", "contradicted", 4.47, None),
    ("Turkey's farmland covered 231,000 km² in 2020.", "231,000 km²", "supported", 231000, None),
    ("Turkey's farmland covered 231,000 sq km in 2020.", "231,000 sq km", "supported", 231000, None),
    ("Turkey's farmland covered 23.1 million ha in 2020.", "23.1 million ha", "supported", 23.1e6, None),
    ("Turkey's households used 62,400 GWh in 2020.", "62,400 GWh", "supported", 62400, None),
    ("Turkey's households used 62.4 terawatt hours in 2020.", "62.4 terawatt hours", "supported", 62.4, None),
])
def test_units_as_written_are_judged_in_the_series_unit(tmp_path, sentence, figure, verdict, value, conversion):
    got = _check(tmp_path, sentence + "\n", WRITTEN)
    assert list(got) == [figure]
    finding = got[figure]
    assert finding["verdict"] == verdict, finding["message"]
    assert math.isclose(finding["evidence"]["value"], value, rel_tol=1e-6)
    if conversion:
        assert finding["evidence"]["conversion"] == conversion


def test_a_rate_per_1000_people_is_never_judged_against_a_count(tmp_path):
    series = [("doctors", "doctors_total", "person", "doctors", [("DEU", 2020, 372000)],
               "Germany had 372,000 doctors in 2020.", "count")]
    (finding,) = _check(tmp_path, "Germany had 4.5 doctors per 1,000 people in 2020.\n", series).values()
    assert finding["verdict"] == "unverifiable" and finding["evidence"] is None
    assert "the text gives per 1,000 people; the reference is in people" in finding["message"]


def test_mount_everest_is_no_megatonne(tmp_path):
    got = _check(tmp_path, "China's emissions reached 10.9 Gt in 2020, the year 3 Mt Everest climbers died.\n",
                 WRITTEN)
    assert list(got) == ["10.9 Gt"]

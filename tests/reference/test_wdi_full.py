"""The whole WDI as shipped reference data: 325 series, one gzip CSV each, every one with its unit
in pint terms and what it measures; the seven series the rules read from the start unchanged."""
from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import sys
from pathlib import Path

import pytest

from factcheck import shipped, units
from factcheck.reference.validate import validate

ROOT = Path(__file__).resolve().parents[2]
WDI = shipped.reference_data_dir() / "wdi"
WDI_FULL = ROOT.parent / "shared" / "reference"

KEPT = {"SP.POP.TOTL": ("population", "person"), "NY.GDP.MKTP.CD": ("gdp_usd", "USD"),
        "NY.GDP.PCAP.CD": ("gdp_per_capita_usd", "USD"), "NY.GDP.MKTP.KD.ZG": ("gdp_growth", "percent"),
        "FP.CPI.TOTL.ZG": ("inflation_cpi", "percent"), "SL.UEM.TOTL.ZS": ("unemployment_rate", "percent"),
        "PA.NUS.FCRF": ("exchange_rate_lcu_per_usd", "LCU/USD")}


def descriptor() -> dict:
    return json.loads((WDI / "datapackage.json").read_text(encoding="utf-8"))


def indicators() -> dict[str, dict]:
    return {raw: m for r in descriptor()["resources"] for raw, m in r["factcheck"]["indicators"].items()}


def test_every_series_is_one_gzip_csv_whose_size_and_hash_the_descriptor_states():
    resources = descriptor()["resources"]
    assert len(resources) == 325
    for r in resources:
        path = WDI / r["path"]
        raw = path.read_bytes()
        assert r["path"] == f"data/{r['factcheck']['indicator']['constant'].lower()}.csv.gz"
        assert r["compression"] == "gz" and r["bytes"] == len(raw)
        assert r["hash"] == "sha256:" + hashlib.sha256(raw).hexdigest()
        assert raw[4:8] == b"\0\0\0\0", f"{path.name}: the gzip header holds a time, so rebuilds differ"
        header = gzip.decompress(raw).split(b"\n", 1)[0]
        assert header == b"entity,year,value"


def test_every_series_says_what_it_measures_in_the_registrys_units():
    ureg = units.registry()
    for raw, m in indicators().items():
        name = KEPT.get(raw, (raw.lower(),))[0]
        assert m["name"] == name
        ureg.Unit(m["unit"])  # raises on a unit the one registry does not know
        for key in ("series", "source_unit", "source", "period_basis", "definition", "coverage"):
            assert m[key].strip(), (raw, key)
        assert m["url"] == f"https://data.worldbank.org/indicator/{raw}"
        assert (m["periodicity"], m["vintage"], m["license"]) == ("annual", "2026-07-01", "CC-BY-4.0")


def test_units_are_read_from_the_world_banks_wording():
    got = {raw: (m["unit"], m["source_unit"]) for raw, m in indicators().items()}
    assert got["EN.ATM.CO2E.KT"] == ("kilotonne", "kt")
    assert got["EN.ATM.CO2E.PC"] == ("metric_ton / person", "metric tons per capita")
    assert got["AG.LND.FRST.K2"] == ("square kilometer", "sq. km")
    assert got["EG.USE.ELEC.KH.PC"] == ("kilowatt_hour / person", "kWh per capita")
    assert got["SP.DYN.LE00.IN"] == ("year", "years")
    assert got["SP.DYN.CBRT.IN"] == ("1 / thousand_people", "per 1,000 people")
    assert got["SH.STA.MMRT"] == ("1 / hundred_thousand_live_births", "per 100,000 live births")
    assert got["SP.DYN.TFRT.IN"] == ("1 / woman", "births per woman")
    assert got["NY.GDP.PCAP.PP.CD"] == ("international_dollar", "current international $")
    assert got["ER.H2O.INTR.PC"] == ("cubic meter / person", "cubic meters")
    assert got["AG.PRD.FOOD.XD"] == ("index_point", "2014-2016 = 100")
    assert got["SL.UEM.1524.FE.ZS"] == ("percent", "% of female labor force ages 15-24")
    # a kilotonne is a thousand tonnes, never a knot (pint's "kt")
    assert units.ratio("kilotonne", "metric_ton") == 1000


def test_the_seven_first_series_keep_their_names_and_metadata():
    ind = indicators()
    for raw, (name, unit) in KEPT.items():
        assert (ind[raw]["name"], ind[raw]["unit"]) == (name, unit)
    growth = ind["NY.GDP.MKTP.KD.ZG"]
    assert growth["revision"]["absolute"] == 1.0 and growth["revision"]["unit"] == "percentage_point"
    assert growth["revision"]["source"].startswith("U.S. Bureau of Economic Analysis")
    assert ind["SP.POP.TOTL"]["period_basis"].startswith("mid-year estimate")
    assert ind["FP.CPI.TOTL.ZG"]["source_unit"] == "%"


def test_every_entity_of_the_data_is_in_the_countries_package():
    with (shipped.reference_data_dir() / "countries" / "data" / "countries.csv").open(encoding="utf-8") as fh:
        known = {r["iso3"]: r["kind"] for r in csv.DictReader(fh)}
    seen: set[str] = set()
    for path in sorted((WDI / "data").glob("*.csv.gz")):
        lines = gzip.decompress(path.read_bytes()).decode("utf-8").splitlines()[1:]
        seen.update(line.split(",", 1)[0] for line in lines)
    assert seen - set(known) == set()
    assert {"WLD", "EUU", "HIC", "LMY", "FCS"} <= seen
    assert {known[c] for c in ("WLD", "EUU", "HIC", "FCS")} == {"aggregate"}


def test_the_shipped_wdi_validates():
    report = validate(WDI)
    assert report.ok, report.problems[:5]


def test_the_catalog_reads_a_new_series(catalog):
    obs = catalog.series("TUR", "sp.dyn.le00.in", dataset="wdi")
    assert obs and all(o.unit == "year" and o.dataset == "wdi" for o in obs)
    assert obs[0].period.start.year == 1960 and 40 < obs[0].value < 100
    pop = catalog.series("TUR", "population", dataset="wdi")
    assert pop and pop[-1].value > 80e6


@pytest.mark.skipif(not (WDI_FULL / "wdi_full").is_dir(), reason="the WDI source lives outside the project")
def test_a_rebuild_gives_the_same_bytes(tmp_path):
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import build_reference_data as build
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    meta = build.wdi_meta(WDI_FULL)
    shipped_resources = {r["path"]: r for r in descriptor()["resources"]}
    for code in ("en.atm.co2e.kt", "sp.pop.totl", "pa.nus.fcrf", "si.pov.gini"):
        res = build.build_wdi_series(WDI_FULL, tmp_path, code, meta)
        assert (tmp_path / res["path"]).read_bytes() == (WDI / res["path"]).read_bytes()
        assert res == shipped_resources[res["path"]]
    # the gzip writer itself: the same rows give the same bytes, whenever they are written
    build.write_csv_gz(tmp_path / "a.csv.gz", ["x"], [[1]])
    build.write_csv_gz(tmp_path / "b.csv.gz", ["x"], [[1]])
    assert (tmp_path / "a.csv.gz").read_bytes() == (tmp_path / "b.csv.gz").read_bytes()
    assert io.TextIOWrapper(gzip.open(tmp_path / "a.csv.gz")).read() == "x\n1\n"

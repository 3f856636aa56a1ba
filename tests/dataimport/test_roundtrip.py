"""Each format round-trips: the download imported, the catalog (with the package as an extra root)
gives the source's values, periods, units and provenance, the package passes `data validate` and
Frictionless, and a sentence about it is judged through `factcheck check --data`."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from factcheck.model import Period

from .conftest import IMPORTS, frictionless_errors, run


@pytest.fixture(scope="module")
def catalog(imported):
    from factcheck.reference import Catalog

    return Catalog(extra_roots=[imported["data"]])


PACKAGES = {fmt: v[0] for fmt, v in IMPORTS.items()} | {"sdmx-v2": "oecd_lfs", "csv-wide": "nurses_wide"}


@pytest.mark.parametrize("fmt", list(PACKAGES))
def test_every_import_succeeds_and_its_package_validates_with_factcheck_and_frictionless(imported, fmt):
    proc = imported["import"][fmt]
    assert proc.returncode == 0, proc.stderr
    assert f"wrote {PACKAGES[fmt]}" in proc.stderr
    pkg = imported["data"] / PACKAGES[fmt]
    assert run("data", "validate", pkg).returncode == 0
    assert frictionless_errors(pkg / "datapackage.json") == []
    desc = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    for res in desc["resources"]:
        raw = (pkg / res["path"]).read_bytes()
        assert res["bytes"] == len(raw) and res["hash"].startswith("sha256:")
    assert desc["sources"][0]["retrieved"] and desc["licenses"]
    # no temporary folder is left beside the packages
    assert not [p.name for p in imported["data"].iterdir() if p.name.startswith(".")]


def test_worldbank_csv_values_units_metadata_and_provenance(imported, catalog):
    obs = catalog.at_period("MAR", "tourist_arrivals", Period.year(2022), dataset="tourism")
    assert obs.value == 14_500_000 and obs.unit == "person" and obs.period.label == "2022"
    assert obs.series == "International tourism, number of arrivals"
    assert obs.url == "https://data.worldbank.org/indicator/ST.INT.ARVL"
    assert obs.vintage == "2024-06-28"  # "Last Updated Date" of the download
    about = catalog.about("MAR", "tourist_arrivals", dataset="tourism")
    assert about["definition"].startswith("Visitors who travel")  # the indicator metadata file
    assert about["periodicity"] == "annual"
    assert [o.period.label for o in catalog.series("EGY", "tourist_arrivals")] == ["2021"]  # empty cells: no value
    # --countries-only: the world is a group of countries (no Region in the country metadata)
    assert catalog.series("WLD", "tourist_arrivals") == ()
    info = catalog.datasets["tourism"]
    assert info.licenses[0]["name"] == "CC-BY-4.0"
    assert info.sources[0]["retrieved"] == dt.date.today().isoformat()


def test_worldbank_json_pages_and_entities(imported, catalog):
    got = {(o.entity, o.period.label): o.value for e in ("NGA", "KEN")
           for o in catalog.series(e, "account_ownership", dataset="accounts")}
    assert got == {("NGA", "2017"): 39.7, ("NGA", "2021"): 45.0, ("KEN", "2017"): 81.6}  # null is no value
    o = catalog.at_period("NGA", "account_ownership", Period.year(2021))
    assert o.unit == "percent" and o.vintage == "2024-05-30"
    assert "1 entities without an ISO3 code: Some group" in imported["import"]["worldbank-json"].stderr


def test_owid_regions_are_skipped_and_said(imported, catalog):
    assert catalog.at_period("KEN", "tobacco_use", Period.year(2022)).value == pytest.approx(11.5)
    assert catalog.at_period("WLD", "tobacco_use", Period.year(2022)).value == pytest.approx(22.3)  # OWID_WRL
    per_day = catalog.at_period("KEN", "cigarettes_per_smoker_per_day", Period.year(2021))
    assert per_day.value == 9 and per_day.unit == "dimensionless"
    err = imported["import"]["owid"].stderr
    assert "skipped the rows of 2 regions and groups without a country code: Africa, High-income countries" in err
    assert "read OWID_WRL (World) as WLD" in err and "skipped 1 rows of years before 1 CE" in err
    desc = json.loads((imported["data"] / "tobacco" / "datapackage.json").read_text(encoding="utf-8"))
    assert "Africa" in desc["description"]  # the package says it too


def test_sdmx_v1_eurostat_codes_filter_and_vintage(imported, catalog):
    assert catalog.at_period("GRC", "recycling_rate", Period.year(2022)).value == pytest.approx(17.3)  # EL
    assert catalog.at_period("DEU", "recycling_rate", Period.year(2022)).value == pytest.approx(69.1)
    assert catalog.series("GRC", "recycling_rate")[0].vintage == "2024-04-22"  # LAST UPDATE
    assert catalog.series("GBR", "recycling_rate") == ()  # an empty OBS_VALUE is no value
    assert "EU27_2020" in imported["import"]["sdmx-csv"].stderr  # a group, skipped and named
    # --filter unit=PC fixed the unit: the rows in thousand tonnes are not imported
    assert len(catalog.series("GRC", "recycling_rate")) == 1
    assert catalog.series("GRC", "recycling_rate")[0].unit == "percent"


def test_sdmx_v2_periods_unit_mult_and_deleted_rows(imported, catalog):
    q1 = Period(dt.date(2023, 1, 1), dt.date(2023, 3, 31), "2023-Q1")
    key = "dsd_lfs_df_ialfs_une_m_{}_une_lf_pt_lf"
    assert catalog.at_period("DEU", key.format("q"), q1).value == pytest.approx(3.0)
    assert [o.period.start for o in catalog.series("DEU", key.format("q"))] == [dt.date(2023, 1, 1), dt.date(2023, 4, 1)]
    assert catalog.at_period("FRA", key.format("m"), Period.month(2023, 5)).value == pytest.approx(7.1)
    assert catalog.at_period("FRA", key.format("m"), Period.month(2023, 6)) is None  # ACTION D
    (week,) = catalog.series("ITA", key.format("w"))
    assert (week.period.start, week.period.end) == (dt.date(2023, 1, 30), dt.date(2023, 2, 5))  # ISO week 5
    (half,) = catalog.series("ITA", key.format("s"))
    assert (half.period.start, half.period.end) == (dt.date(2023, 1, 1), dt.date(2023, 6, 30))
    (people,) = catalog.series("ITA", "dsd_lfs_df_ialfs_une_m_a_une_ps")
    assert people.value == pytest.approx(1_950_000) and people.unit == "person"  # UNIT_MULT 6
    assert catalog.about("DEU", key.format("q"))["periodicity"] == "quarterly"


def test_csv_long_and_wide_with_names_and_codes(imported, catalog):
    got = {(o.entity, o.period.label): o.value for e in ("DEU", "TUR") for o in catalog.series(e, "nurses",
                                                                                               dataset="nurses")}
    assert got == {("DEU", "2022"): 1180000, ("DEU", "2023"): 1210000, ("TUR", "2023"): 230000,
                   ("TUR", "2022"): 220000}  # "Türkiye" and "TUR" are one country
    o = catalog.at_period("DEU", "nurses", Period.year(2023), dataset="nurses")
    assert o.unit == "person" and o.vintage == "2024-04-30" and o.retrieved == "2024-05-02"
    info = catalog.datasets["nurses"]
    assert info.sources[0]["path"] == "https://example.org/health/nurses"
    wide = {o.period.label: o.value for o in catalog.series("KEN", "nurses", dataset="nurses_wide")}
    assert wide == {"2022": 61000}


def test_rules_new_fails_rules_test_until_filled_then_passes(imported):
    for fmt, proc in imported["new"].items():
        assert proc.returncode == 0, proc.stderr
    unfilled = imported["unfilled"]
    assert unfilled.returncode == 1
    for v in IMPORTS.values():
        assert (f"examples of metrics.{v[3]} are not filled in: write a sentence the rule must judge and one it "
                "must not") in unfilled.stdout
    filled = imported["filled"]
    assert filled.returncode == 0, filled.stdout + filled.stderr
    assert f"{3 * len(IMPORTS)} passed, 0 failed" in filled.stdout


@pytest.mark.parametrize("fmt", list(IMPORTS))
def test_a_sentence_about_the_imported_data_is_judged_by_check(imported, fmt):
    proc = imported["check"]
    assert proc.returncode == 1, proc.stderr  # contradicted figures
    findings = json.loads(proc.stdout)["documents"][0]["findings"]
    name, _opts, _raw, indicator, sentences = IMPORTS[fmt]
    mine = [f for f in findings if f["rule"] == f"metrics.{indicator}"]
    assert [f["verdict"] for f in mine] == ["contradicted"], findings
    assert mine[0]["evidence"]["dataset"] == name


def test_the_scaffold_reads_the_series_metadata(imported):
    text = (Path(imported["rules"]) / "metrics" / "nurses.yaml").read_text(encoding="utf-8")
    assert "id: metrics.nurses" in text and "kinds: [count]" in text
    assert "dataset: nurses" in text and "indicator: nurses" in text
    assert "https://example.org/health/nurses" in text  # the package's source
    rate = (Path(imported["rules"]) / "metrics" / "recycling_rate.yaml").read_text(encoding="utf-8")
    assert "kinds: [percent]" in rate and '"recycling[\\\\s-]+rate"' in rate

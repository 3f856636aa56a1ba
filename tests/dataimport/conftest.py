"""Small downloads of each format, written by the tests themselves (never copies of real files),
and the commands run on them as a newsroom would."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "factcheck", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd)


def invoke(*args: str) -> tuple[int, str, str]:
    """The command in this process (exit code, stdout, stderr): for the many bad-input cases."""
    from click.testing import CliRunner

    from factcheck.cli import main

    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def fill_rule(path: Path, match: list[tuple[str, str]], no_match: list[str]) -> None:
    """Replace the TODO examples of a `rules new` scaffold, as an editor does."""
    text = path.read_text(encoding="utf-8")
    head, _, _ = text.partition("  match:\n")
    lines = ["  match:"]
    for sentence, expect in match:
        lines += [f"    - text: {json.dumps(sentence)}", f"      expect: {expect}"]
    lines += ["  no_match:"] + [f"    - {json.dumps(s)}" for s in no_match]
    path.write_text(head + "\n".join(lines) + "\n", encoding="utf-8")


def frictionless_errors(descriptor: Path) -> list[list[str]]:
    import frictionless

    report = frictionless.validate(str(descriptor))
    return report.flatten(["type", "note"])


# --------------------------------------------------------------------------------------------
# the downloads, as each source writes them
# --------------------------------------------------------------------------------------------

WB_LITERACY = '''"Data Source","World Development Indicators",

"Last Updated Date","2024-06-28",

"Country Name","Country Code","Indicator Name","Indicator Code","2020","2021","2022",
"Morocco","MAR","Literacy rate, adult total (% of people ages 15 and above)","SE.ADT.LITR.ZS","","75.9","77.3",
"Egypt, Arab Rep.","EGY","Literacy rate, adult total (% of people ages 15 and above)","SE.ADT.LITR.ZS","","73.1","",
"World","WLD","Literacy rate, adult total (% of people ages 15 and above)","SE.ADT.LITR.ZS","86.8","87.0","87.4",
'''
WB_META_INDICATOR = ('\ufeff"INDICATOR_CODE","INDICATOR_NAME","SOURCE_NOTE","SOURCE_ORGANIZATION",\n'
                     '"SE.ADT.LITR.ZS","Literacy rate, adult total (% of people ages 15 and above)",'
                     '"Share of adults who can read and write a short simple statement.","Test statistics office",\n')
WB_META_COUNTRY = ('\ufeff"Country Code","Region","IncomeGroup","SpecialNotes","TableName",\n'
                   '"MAR","Middle East & North Africa","Lower middle income","","Morocco",\n'
                   '"EGY","Middle East & North Africa","Lower middle income","","Egypt, Arab Rep.",\n'
                   '"WLD","","","","World",\n')


def wb_record(iso3: str, iso2: str, name: str, date: str, value: object) -> dict[str, object]:
    return {"indicator": {"id": "EG.ELC.ACCS.ZS", "value": "Access to electricity (% of population)"},
            "country": {"id": iso2, "value": name}, "countryiso3code": iso3, "date": date, "value": value,
            "unit": "", "obs_status": "", "decimal": 1}


def wb_page(page: int, records: list[dict[str, object]]) -> str:
    head = {"page": page, "pages": 2, "per_page": 3, "total": 5, "sourceid": "2", "lastupdated": "2024-05-30"}
    return json.dumps([head, records])


OWID = """Entity,Code,Year,Internet users (%),Mobile subscriptions per 100 people
Africa,,2022,37.0,
Kenya,KEN,2021,29.0,118
Kenya,KEN,2022,40.8,122
World,OWID_WRL,2022,63.1,
High-income countries,OWID_HIC,2022,91.2,
"""

SDMX_V1 = """DATAFLOW,LAST UPDATE,freq,unit,na_item,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG
ESTAT:GOV_10DD_EDPT1(1.0),22/04/24 23:00:00,A,PC_GDP,GD,DE,2022,66.1,
ESTAT:GOV_10DD_EDPT1(1.0),22/04/24 23:00:00,A,PC_GDP,GD,DE,2023,63.6,p
ESTAT:GOV_10DD_EDPT1(1.0),22/04/24 23:00:00,A,PC_GDP,GD,EL,2023,161.9,
ESTAT:GOV_10DD_EDPT1(1.0),22/04/24 23:00:00,A,PC_GDP,GD,EU27_2020,2023,81.7,
ESTAT:GOV_10DD_EDPT1(1.0),22/04/24 23:00:00,A,MIO_EUR,GD,EL,2023,356700,
ESTAT:GOV_10DD_EDPT1(1.0),22/04/24 23:00:00,A,PC_GDP,GD,UK,2019,,
"""

SDMX_V2 = """STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,FREQ,MEASURE,UNIT_MEASURE,TIME_PERIOD,OBS_VALUE,UNIT_MULT,OBS_STATUS
DATAFLOW,OECD.SDD.TPS:DSD_LFS@DF_IALFS_UNE_M(1.0),I,DEU,Q,UNE_LF,PT_LF,2023-Q1,3.0,0,A
DATAFLOW,OECD.SDD.TPS:DSD_LFS@DF_IALFS_UNE_M(1.0),I,DEU,Q,UNE_LF,PT_LF,2023-Q2,3.1,0,A
DATAFLOW,OECD.SDD.TPS:DSD_LFS@DF_IALFS_UNE_M(1.0),I,FRA,M,UNE_LF,PT_LF,2023-05,7.1,0,A
DATAFLOW,OECD.SDD.TPS:DSD_LFS@DF_IALFS_UNE_M(1.0),D,FRA,M,UNE_LF,PT_LF,2023-06,9.9,0,A
DATAFLOW,OECD.SDD.TPS:DSD_LFS@DF_IALFS_UNE_M(1.0),I,ITA,W,UNE_LF,PT_LF,2023-W05,7.9,0,A
DATAFLOW,OECD.SDD.TPS:DSD_LFS@DF_IALFS_UNE_M(1.0),I,ITA,S,UNE_LF,PT_LF,2023-S1,7.8,0,A
DATAFLOW,OECD.SDD.TPS:DSD_LFS@DF_IALFS_UNE_M(1.0),I,ITA,A,UNE,PS,2023,1.95,6,A
"""

NURSES = """country;year;nurses
Germany;2022;1180000
Germany;2023;1210000
Türkiye;2023;230000
TUR;2022;220000
"""

NURSES_WIDE = """country,2021,2022
Germany,1150000,1180000
Kenya,,61000
"""


def write(folder: Path, name: str, text: str) -> Path:
    p = folder / name
    p.write_text(text, encoding="utf-8")
    return p


@pytest.fixture(scope="session")
def downloads(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Path]]:
    d = tmp_path_factory.mktemp("downloads")
    return {
        "worldbank-csv": [write(d, "API_SE.ADT.LITR.ZS_DS2_en_csv_v2_1.csv", WB_LITERACY),
                          write(d, "Metadata_Indicator_API_SE.ADT.LITR.ZS_DS2_en_csv_v2_1.csv", WB_META_INDICATOR),
                          write(d, "Metadata_Country_API_SE.ADT.LITR.ZS_DS2_en_csv_v2_1.csv", WB_META_COUNTRY)],
        "worldbank-json": [
            write(d, "electricity_1.json", wb_page(1, [wb_record("NGA", "NG", "Nigeria", "2022", 60.5),
                                                       wb_record("NGA", "NG", "Nigeria", "2021", 59.5),
                                                       wb_record("KEN", "KE", "Kenya", "2022", None)])),
            write(d, "electricity_2.json", wb_page(2, [wb_record("KEN", "KE", "Kenya", "2021", 76.5),
                                                       wb_record("", "XZ", "Some group", "2021", 50.0)])),
        ],
        "owid": [write(d, "internet.csv", OWID)],
        "sdmx-csv": [write(d, "estat_gov_10dd_edpt1.csv", SDMX_V1)],
        "sdmx-v2": [write(d, "oecd_unemployment.csv", SDMX_V2)],
        "csv": [write(d, "nurses.csv", NURSES)],
        "csv-wide": [write(d, "nurses_wide.csv", NURSES_WIDE)],
    }


#: format -> (package name, options, raw code, indicator name, the rule's sentences).
IMPORTS = {
    "worldbank-csv": ("literacy", ["--indicator-map", "SE.ADT.LITR.ZS=literacy_rate", "--countries-only"],
                      "SE.ADT.LITR.ZS", "literacy_rate",
                      [("Morocco's literacy rate was 77% in 2022.", "{subject: MAR, verdict: supported}"),
                       ("Morocco's literacy rate was 60% in 2022.", "{subject: MAR, verdict: contradicted}")]),
    "worldbank-json": ("electricity", ["--indicator-map", "EG.ELC.ACCS.ZS=electricity_access"],
                       "EG.ELC.ACCS.ZS", "electricity_access",
                       [("Nigeria's access to electricity stood at 60.5% in 2022.", "{subject: NGA, verdict: supported}"),
                        ("Nigeria's access to electricity stood at 85% in 2022.",
                         "{subject: NGA, verdict: contradicted}")]),
    "owid": ("internet", ["--indicator-map", "Internet users (%)=internet_users",
                          "--unit", "Mobile subscriptions per 100 people=dimensionless"],
             "Internet users (%)", "internet_users",
             [("Kenya's internet users were 40.8% of its people in 2022.", "{subject: KEN, verdict: supported}"),
              ("Kenya's internet users were 70% of its people in 2022.", "{subject: KEN, verdict: contradicted}")]),
    "sdmx-csv": ("gov_debt", ["--filter", "unit=PC_GDP", "--indicator-map", "GOV_10DD_EDPT1:A.GD=government_debt"],
                 "GOV_10DD_EDPT1:A.GD", "government_debt",
                 [("Greece's government debt was 161.9% of GDP in 2023.", "{subject: GRC, verdict: supported}"),
                  ("Greece's government debt was 120% of GDP in 2023.", "{subject: GRC, verdict: contradicted}")]),
    "csv": ("nurses", ["--entity", "country", "--period", "year", "--value", "nurses", "--unit", "nurses=person",
                       "--license", "CC-BY-4.0", "--source-url", "https://example.org/health/nurses",
                       "--retrieved", "2024-05-02", "--vintage", "2024-04-30"],
            "nurses", "nurses",
            [("Germany had 1.2 million nurses in 2023.", "{subject: DEU, verdict: supported}"),
             ("Germany had 2 million nurses in 2023.", "{subject: DEU, verdict: contradicted}")]),
}

NO_MATCH = "The ministry opened 12 new offices in 2023."


@pytest.fixture(scope="session")
def imported(tmp_path_factory: pytest.TempPathFactory, downloads: dict[str, list[Path]]) -> dict[str, object]:
    """Every format imported into one data root, a rule scaffolded for each and filled in."""
    base = tmp_path_factory.mktemp("newsroom")
    data, rules = base / "data", base / "rules" / "metrics"
    data.mkdir()
    rules.mkdir(parents=True)
    out: dict[str, object] = {"data": data, "rules": base / "rules", "import": {}, "new": {}}
    for fmt, (name, opts, _raw, indicator, _sentences) in IMPORTS.items():
        proc = run("data", "import", fmt, *downloads[fmt], "-o", data / name, *opts)
        out["import"][fmt] = proc  # type: ignore[index]
        proc = run("rules", "new", "--dataset", name, "--series", indicator, "--data", data,
                   "-o", rules / f"{indicator}.yaml")
        out["new"][fmt] = proc  # type: ignore[index]
    proc = run("data", "import", "sdmx-csv", *downloads["sdmx-v2"], "-o", data / "oecd_lfs")
    out["import"]["sdmx-v2"] = proc  # type: ignore[index]
    proc = run("data", "import", "csv", *downloads["csv-wide"], "-o", data / "nurses_wide", "--wide",
               "--entity", "country", "--indicator-name", "nurses", "--unit", "nurses=person")
    out["import"]["csv-wide"] = proc  # type: ignore[index]
    # Before the examples are written, `rules test` fails on the scaffolds, saying why.
    out["unfilled"] = run("rules", "test", "--rules", base / "rules", "--data", data)
    for fmt, (_name, _opts, _raw, indicator, sentences) in IMPORTS.items():
        fill_rule(rules / f"{indicator}.yaml", sentences, [NO_MATCH])
    out["filled"] = run("rules", "test", *[f"metrics.{v[3]}" for v in IMPORTS.values()],
                        "--rules", base / "rules", "--data", data)
    article = base / "draft_2024-07-01.md"
    article.write_text("\n\n".join(s[0] for v in IMPORTS.values() for s in v[4][1:]) + "\n", encoding="utf-8")
    out["check"] = run("check", article, "--rules", base / "rules", "--data", data, "-f", "json")
    return out


def one_line_error(stderr: str) -> str:
    lines = [x for x in stderr.strip().splitlines() if x]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return re.sub(r"^factcheck: error: ", "", lines[0])

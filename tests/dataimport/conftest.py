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

WB_TOURISM = '''"Data Source","World Development Indicators",

"Last Updated Date","2024-06-28",

"Country Name","Country Code","Indicator Name","Indicator Code","2020","2021","2022",
"Morocco","MAR","International tourism, number of arrivals","ST.INT.ARVL","","10900000","14500000",
"Egypt, Arab Rep.","EGY","International tourism, number of arrivals","ST.INT.ARVL","","8000000","",
"World","WLD","International tourism, number of arrivals","ST.INT.ARVL","407000000","456000000","963000000",
'''
WB_META_INDICATOR = ('\ufeff"INDICATOR_CODE","INDICATOR_NAME","SOURCE_NOTE","SOURCE_ORGANIZATION",\n'
                     '"ST.INT.ARVL","International tourism, number of arrivals",'
                     '"Visitors who travel to a country other than their usual residence.","Test tourism office",\n')
WB_META_COUNTRY = ('\ufeff"Country Code","Region","IncomeGroup","SpecialNotes","TableName",\n'
                   '"MAR","Middle East & North Africa","Lower middle income","","Morocco",\n'
                   '"EGY","Middle East & North Africa","Lower middle income","","Egypt, Arab Rep.",\n'
                   '"WLD","","","","World",\n')


def wb_record(iso3: str, iso2: str, name: str, date: str, value: object) -> dict[str, object]:
    return {"indicator": {"id": "FX.OWN.TOTL.ZS", "value": "Bank account ownership (% of adults)"},
            "country": {"id": iso2, "value": name}, "countryiso3code": iso3, "date": date, "value": value,
            "unit": "", "obs_status": "", "decimal": 1}


def wb_page(page: int, records: list[dict[str, object]]) -> str:
    head = {"page": page, "pages": 2, "per_page": 3, "total": 5, "sourceid": "2", "lastupdated": "2024-05-30"}
    return json.dumps([head, records])


OWID = """Entity,Code,Year,Tobacco use (%),Cigarettes per smoker per day
Africa,,2022,12.0,
Kenya,KEN,-1000,,
Kenya,KEN,2021,11.0,9
Kenya,KEN,2022,11.5,10
World,OWID_WRL,2022,22.3,
High-income countries,OWID_HIC,2022,24.0,
"""

SDMX_V1 = """DATAFLOW,LAST UPDATE,freq,wst_oper,unit,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG
ESTAT:CEI_WM011(1.0),22/04/24 23:00:00,A,RCY,PC,DE,2021,67.8,
ESTAT:CEI_WM011(1.0),22/04/24 23:00:00,A,RCY,PC,DE,2022,69.1,p
ESTAT:CEI_WM011(1.0),22/04/24 23:00:00,A,RCY,PC,EL,2022,17.3,
ESTAT:CEI_WM011(1.0),22/04/24 23:00:00,A,RCY,PC,EU27_2020,2022,48.6,
ESTAT:CEI_WM011(1.0),22/04/24 23:00:00,A,RCY,THS_T,EL,2022,905,
ESTAT:CEI_WM011(1.0),22/04/24 23:00:00,A,RCY,PC,UK,2019,,
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
        "worldbank-csv": [write(d, "API_ST.INT.ARVL_DS2_en_csv_v2_1.csv", WB_TOURISM),
                          write(d, "Metadata_Indicator_API_ST.INT.ARVL_DS2_en_csv_v2_1.csv", WB_META_INDICATOR),
                          write(d, "Metadata_Country_API_ST.INT.ARVL_DS2_en_csv_v2_1.csv", WB_META_COUNTRY)],
        "worldbank-json": [
            write(d, "accounts_1.json", wb_page(1, [wb_record("NGA", "NG", "Nigeria", "2021", 45.0),
                                                    wb_record("NGA", "NG", "Nigeria", "2017", 39.7),
                                                    wb_record("KEN", "KE", "Kenya", "2021", None)])),
            write(d, "accounts_2.json", wb_page(2, [wb_record("KEN", "KE", "Kenya", "2017", 81.6),
                                                    wb_record("", "XZ", "Some group", "2017", 50.0)])),
        ],
        "owid": [write(d, "tobacco.csv", OWID)],
        "sdmx-csv": [write(d, "estat_cei_wm011.csv", SDMX_V1)],
        "sdmx-v2": [write(d, "oecd_unemployment.csv", SDMX_V2)],
        "csv": [write(d, "nurses.csv", NURSES)],
        "csv-wide": [write(d, "nurses_wide.csv", NURSES_WIDE)],
    }


#: format -> (package name, options, raw code, indicator name, the rule's sentences).
IMPORTS = {
    "worldbank-csv": ("tourism", ["--indicator-map", "ST.INT.ARVL=tourist_arrivals", "--unit", "ST.INT.ARVL=person",
                                  "--countries-only"],
                      "ST.INT.ARVL", "tourist_arrivals",
                      [("International tourism brought Morocco 14.5 million arrivals in 2022.",
                        "{subject: MAR, verdict: supported}"),
                       ("International tourism brought Morocco 25 million arrivals in 2022.",
                        "{subject: MAR, verdict: contradicted}")]),
    "worldbank-json": ("accounts", ["--indicator-map", "FX.OWN.TOTL.ZS=account_ownership"],
                       "FX.OWN.TOTL.ZS", "account_ownership",
                       [("Nigeria's bank account ownership stood at 45% in 2021.", "{subject: NGA, verdict: supported}"),
                        ("Nigeria's bank account ownership stood at 70% in 2021.",
                         "{subject: NGA, verdict: contradicted}")]),
    "owid": ("tobacco", ["--indicator-map", "Tobacco use (%)=tobacco_use",
                         "--unit", "Cigarettes per smoker per day=dimensionless"],
             "Tobacco use (%)", "tobacco_use",
             [("Kenya's tobacco use stood at 11.5% in 2022.", "{subject: KEN, verdict: supported}"),
              ("Kenya's tobacco use stood at 30% in 2022.", "{subject: KEN, verdict: contradicted}")]),
    "sdmx-csv": ("recycling", ["--filter", "unit=PC", "--indicator-map", "CEI_WM011:A.RCY=recycling_rate"],
                 "CEI_WM011:A.RCY", "recycling_rate",
                 [("Greece's recycling rate was 17.3% in 2022.", "{subject: GRC, verdict: supported}"),
                  ("Greece's recycling rate was 40% in 2022.", "{subject: GRC, verdict: contradicted}")]),
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

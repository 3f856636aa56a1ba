"""Bad input of each format: refused with one line naming file, row and column, exit 2, no
traceback, nothing written (and a package already there left as it was)."""
from __future__ import annotations

import json

import pytest

from .conftest import NURSES, OWID, SDMX_V1, SDMX_V2, WB_TOURISM, invoke, one_line_error, run, wb_page, wb_record, \
    write


def refused(tmp_path, *args):
    out = tmp_path / "data" / "pkg"
    out.parent.mkdir(exist_ok=True)
    code, _stdout, stderr = invoke("data", "import", *args, "-o", out)
    assert code == 2, stderr
    assert not out.exists()
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".")], "a temporary folder was left behind"
    return one_line_error(stderr)


CASES = {
    # format, file name, text, extra options -> the one line (after the file's path)
    "worldbank-csv": ("worldbank-csv", "API_X.csv", WB_TOURISM.replace('"10900000"', '"n/a"'), [],
                      ":6: column '2021': 'n/a' is not a number"),
    "worldbank-csv-header": ("worldbank-csv", "API_X.csv", "a,b\n1,2\n", [],
                             ":1: not a World Bank bulk CSV: no 'Country Code' and 'Indicator Code' columns"),
    "owid-year": ("owid", "o.csv", OWID.replace("Kenya,KEN,2022", "Kenya,KEN,20x2"), [],
                  ":5: column 'Year': '20x2' is not a year"),
    "owid-value": ("owid", "o.csv", OWID.replace("11.5", "forty"), ["--unit", "Cigarettes per smoker per day=dimensionless"],
                   ":5: column 'Tobacco use (%)': 'forty' is not a number"),
    "sdmx-value": ("sdmx-csv", "x.csv", SDMX_V1.replace(",67.8,", ",n/a,"), ["--filter", "unit=PC"],
                   ":2: column 'OBS_VALUE': 'n/a' is not a number"),
    "sdmx-period": ("sdmx-csv", "x.csv", SDMX_V2.replace("2023-Q2", "2023-Q5"), [],
                    ":3: column 'TIME_PERIOD': '2023-Q5' is not an SDMX period"),
    "sdmx-mult": ("sdmx-csv", "x.csv", SDMX_V2.replace(",3.1,0,", ",3.1,x,"), [],
                  ":3: column 'UNIT_MULT': 'x' is not a power of ten"),
    "sdmx-no-area": ("sdmx-csv", "x.csv", SDMX_V1.replace(",geo,", ",place,"), [],
                     ":1: no reference area column (geo, REF_AREA or LOCATION)"),
    "sdmx-filter": ("sdmx-csv", "x.csv", SDMX_V1, ["--filter", "unti=PC"],
                    ":1: --filter: no dimension 'unti' (did you mean 'unit'?)"),
    "sdmx-filter-value": ("sdmx-csv", "x.csv", SDMX_V1, ["--filter", "unit=PCC"],
                          ": --filter unit=PCC: no row has unit 'PCC' (did you mean 'PC'?)"),
    "csv-country": ("csv", "n.csv", NURSES.replace("Germany;2023", "Narnia;2023"),
                    ["--entity", "country", "--period", "year", "--value", "nurses", "--unit", "nurses=person"],
                    ":3: column 'country': 'Narnia' is not a country name or ISO3 code factcheck knows"),
    "csv-city": ("csv", "n.csv", NURSES.replace("Germany;2023", "Istanbul;2023"),
                 ["--entity", "country", "--period", "year", "--value", "nurses", "--unit", "nurses=person"],
                 ":3: column 'country': 'Istanbul' is a city"),
    "csv-column": ("csv", "n.csv", NURSES, ["--entity", "cuntry", "--period", "year", "--value", "nurses"],
                   ":1: no column 'cuntry' (did you mean 'country'?)"),
    "csv-period": ("csv", "n.csv", NURSES.replace("2022;1180000", "last year;1180000"),
                   ["--entity", "country", "--period", "year", "--value", "nurses", "--unit", "nurses=person"],
                   ":2: column 'year': 'last year' is not a period"),
    "csv-duplicate": ("csv", "n.csv", NURSES.replace("TUR;2022", "Turkey;2023"),
                      ["--entity", "country", "--period", "year", "--value", "nurses", "--unit", "nurses=person"],
                      ":5: a second value for TUR nurses 2023 (the first is at "),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_is_one_line_naming_the_place(tmp_path, case):
    fmt, name, text, opts, want = CASES[case]
    src = write(tmp_path, name, text)
    line = refused(tmp_path, fmt, src, *opts)
    assert line.startswith(str(src)), line
    assert want in line, line


def test_worldbank_json_bad_value_missing_page_and_api_error(tmp_path):
    bad = write(tmp_path, "p1.json", wb_page(1, [wb_record("NGA", "NG", "Nigeria", "2022", "n/a")]))
    p2 = write(tmp_path, "p2.json", wb_page(2, []))
    assert refused(tmp_path, "worldbank-json", bad, p2) == f"{bad}: record 1: 'value': 'n/a' is not a number"
    p1 = write(tmp_path, "ok1.json", wb_page(1, [wb_record("NGA", "NG", "Nigeria", "2022", 60.5)]))
    assert refused(tmp_path, "worldbank-json", p1) == f"{p1}: page 1 of 2: page 2 missing (give the file of every page)"
    err = write(tmp_path, "err.json", json.dumps([{"message": [{"id": "120", "key": "Invalid value",
                                                               "value": "The provided parameter value is not valid"}]}]))
    assert "the World Bank API answered with an error" in refused(tmp_path, "worldbank-json", err)
    broken = write(tmp_path, "broken.json", '[{"page": 1,\n "pages": 1}, [')
    assert refused(tmp_path, "worldbank-json", broken).startswith(f"{broken}:2: not valid JSON")


def test_a_series_without_a_unit_asks_for_one(tmp_path):
    src = write(tmp_path, "n.csv", NURSES)
    line = refused(tmp_path, "csv", src, "--entity", "country", "--period", "year", "--value", "nurses")
    assert line == "no unit is known for indicator 'nurses': give it with --unit nurses=UNIT (a pint term: percent, " \
                   "person, USD, EUR...)"
    line = refused(tmp_path, "csv", src, "--entity", "country", "--period", "year", "--value", "nurses",
                   "--unit", "nurses=persns")
    assert line.startswith("--unit nurses=persns: 'persns' is not a unit factcheck knows")


def test_bad_options_are_refused(tmp_path):
    src = write(tmp_path, "n.csv", NURSES)
    opts = ["--entity", "country", "--period", "year", "--value", "nurses", "--unit", "nurses=person"]
    assert "is not a date" in refused(tmp_path, "csv", src, *opts, "--retrieved", "2024-02-30")
    assert "is the name of a shipped dataset" in refused(tmp_path, "csv", src, *opts, "--name", "wdi")
    assert "KEY=VALUE" in refused(tmp_path, "csv", src, *opts, "--indicator-map", "nurses")
    assert "not a name rules can use" in refused(tmp_path, "csv", src, *opts, "--indicator-map", "nurses=Nurses!")
    assert invoke("data", "import", "csv", src, *opts, "-o", tmp_path / "data" / "nurses")[0] == 0
    line = refused(tmp_path, "csv", src, *opts, "--name", "nurses")  # into data/pkg, beside data/nurses
    assert line.startswith("--name: 'nurses' is the name of the dataset in ")
    code, _out, err = invoke("data", "import", "stata", src, "-o", tmp_path / "x")
    assert code == 2 and "'stata' is not one of" in one_line_error(err)


def test_an_existing_package_is_kept_unless_forced_and_a_failed_import_leaves_it_whole(tmp_path):
    src = write(tmp_path, "n.csv", NURSES)
    out = tmp_path / "data" / "nurses"
    opts = ["--entity", "country", "--period", "year", "--value", "nurses", "--unit", "nurses=person"]
    assert invoke("data", "import", "csv", src, "-o", out, *opts)[0] == 0
    before = {p.name: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    code, _o, err = invoke("data", "import", "csv", src, "-o", out, *opts)
    assert code == 2 and "a data package is already there; --force replaces it" in one_line_error(err)
    bad = write(tmp_path, "bad.csv", NURSES.replace("1210000", "lots"))
    code, _o, err = invoke("data", "import", "csv", bad, "-o", out, *opts, "--force")
    assert code == 2 and "'lots' is not a number" in one_line_error(err)
    assert {p.name: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    newer = write(tmp_path, "newer.csv", NURSES.replace("1210000", "1250000"))
    assert invoke("data", "import", "csv", newer, "-o", out, *opts, "--force")[0] == 0
    assert b"1250000" in (out / "data" / "nurses.csv").read_bytes()
    assert sorted(p.name for p in out.parent.iterdir()) == ["nurses"]  # nothing left beside it
    folder = tmp_path / "notes"
    folder.mkdir()
    write(folder, "todo.txt", "keep me")
    code, _o, err = invoke("data", "import", "csv", src, "-o", folder, *opts, "--force")
    assert code == 2 and "holds no data package" in one_line_error(err)


def test_the_command_line_reports_through_the_real_program(tmp_path):
    """As a newsroom runs it: exit 2, one line, no traceback, from the installed entry point."""
    src = write(tmp_path, "x.csv", SDMX_V1.replace(",67.8,", ",n/a,"))
    proc = run("data", "import", "sdmx-csv", src, "-o", tmp_path / "out")
    assert proc.returncode == 2 and proc.stdout == ""
    assert one_line_error(proc.stderr) == f"{src}:2: column 'OBS_VALUE': 'n/a' is not a number"
    assert not (tmp_path / "out").exists()


def test_rules_new_refuses_unknown_names_and_existing_files(tmp_path):
    code, _o, err = invoke("rules", "new", "--dataset", "wdii", "--series", "population")
    assert code == 2 and one_line_error(err).startswith("--dataset: no dataset 'wdii' (did you mean 'wdi'?)")
    code, _o, err = invoke("rules", "new", "--dataset", "wdi", "--series", "populaton")
    assert code == 2 and "--series: dataset 'wdi' has no series 'populaton' (did you mean 'population'?)" \
        in one_line_error(err)
    existing = tmp_path / "rules" / "metrics" / "population.yaml"
    existing.parent.mkdir(parents=True)
    existing.write_text("mine\n", encoding="utf-8")
    code, _o, err = invoke("rules", "new", "--dataset", "wdi", "--series", "population", "-o", existing)
    assert code == 2 and "the file exists; factcheck never writes a new rule over it" in one_line_error(err)
    assert existing.read_text(encoding="utf-8") == "mine\n"


def test_rules_new_to_standard_output_takes_a_free_code(tmp_path):
    src = write(tmp_path, "n.csv", NURSES)
    data = tmp_path / "data"
    assert invoke("data", "import", "csv", src, "-o", data / "staff", "--entity", "country", "--period", "year",
                  "--value", "nurses", "--unit", "nurses=person", "--indicator-name", "NURSES.TOTAL")[0] == 0
    code, out, err = invoke("rules", "new", "--dataset", "staff", "--series", "NURSES.TOTAL", "--data", data)
    assert code == 0, err
    assert "id: metrics.nurses_total" in out and "indicator: nurses_total" in out and "kinds: [count]" in out
    from factcheck.ruleset.loader import DEFAULT_RULES_DIR, load_rules

    code_line = next(x for x in out.splitlines() if x.startswith("code: "))
    assert code_line.split()[1] not in {r.code for r in load_rules([DEFAULT_RULES_DIR]).rules}
    assert "# The data has, to start from: Germany's nurses_total was 1,210,000 people in 2023." in out \
        or "was 1,210,000 people in 2023." in out

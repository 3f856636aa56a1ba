"""A dataset may hold several vintages (releases) of a series: lookups read the newest, or the
newest on or before a date asked for (Catalog(vintage=...), check --vintage); every observation
names the vintage it comes from."""
from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.errors import DatasetError, InputError
from factcheck.model import Period
from factcheck.reference import Catalog

ROOT = Path(__file__).resolve().parents[2]
OLD = "entity,year,value\nTUR,2018,80\nTUR,2019,81\nSYR,2019,17\n"
NEW = "entity,year,value\nTUR,2018,80\nTUR,2019,83\nTUR,2020,84\n"


@pytest.fixture
def two_releases(tmp_path, make_package, own_cache):
    root = tmp_path / "root"
    make_package(root, "pop", [
        {"csv": OLD, "indicator": "pop_total", "vintage": "2025-07-01", "path": "data/pop-2025-07.csv"},
        {"csv": NEW, "indicator": "pop_total", "vintage": "2026-07-01", "path": "data/pop-2026-07.csv"},
        {"csv": "entity,year,value\nTUR,2019,5\n", "indicator": "other_total", "vintage": "2025-07-01"},
    ])
    return root


def test_the_newest_vintage_is_read_unless_told_otherwise(two_releases):
    cat = Catalog([two_releases])
    assert cat.vintages("pop_total") == ["2025-07-01", "2026-07-01"]
    obs = cat.at_period("TUR", "pop_total", Period.year(2019))
    assert obs.value == 83 and obs.vintage == "2026-07-01"
    assert [o.value for o in cat.series("TUR", "pop_total")] == [80, 83, 84]  # one vintage, never both
    assert not cat.has("SYR", "pop_total")  # dropped in the new release: not read from the old one
    # an indicator with one vintage is read in it
    assert cat.latest("TUR", "other_total", dt.date(2020, 1, 1)).vintage == "2025-07-01"


def test_a_vintage_asked_for_reads_the_newest_on_or_before_it(two_releases):
    cat = Catalog([two_releases], vintage="2026-01-31")
    obs = cat.at_period("TUR", "pop_total", Period.year(2019))
    assert obs.value == 81 and obs.vintage == "2025-07-01"
    assert cat.at_period("TUR", "pop_total", Period.year(2020)) is None  # not yet published then
    assert cat.latest("SYR", "pop_total", dt.date(2020, 1, 1)).value == 17
    assert Catalog([two_releases], vintage="2026-07-01").at_period("TUR", "pop_total", Period.year(2019)).value == 83
    assert Catalog([two_releases], vintage="2026").at_period("TUR", "pop_total", Period.year(2019)).value == 81
    # before every vintage of a series: nothing to judge against
    assert Catalog([two_releases], vintage="2024-12-31").series("TUR", "pop_total") == ()


def test_a_vintage_column_gives_each_row_its_release(tmp_path, make_package, own_cache):
    csv = ("entity,year,value,release\n"
           "TUR,2019,81,2025-07-01\nTUR,2019,83,2026-07-01\nTUR,2020,84,2026-07-01\nTUR,2017,79,\n")
    root = tmp_path / "root"
    make_package(root, "pop", [{"csv": csv, "indicator": "pop_total", "vintage": {"column": "release"}}],
                 indicator_vintage="2024-07-01")
    cat = Catalog([root])
    assert cat.vintages("pop_total") == ["2024-07-01", "2025-07-01", "2026-07-01"]  # an empty cell: the indicator's
    assert [(o.value, o.vintage) for o in cat.series("TUR", "pop_total")] == [(83, "2026-07-01"), (84, "2026-07-01")]
    old = Catalog([root], vintage="2025-12-31")
    assert [(o.value, o.vintage) for o in old.series("TUR", "pop_total")] == [(81, "2025-07-01")]
    assert [o.value for o in Catalog([root], vintage="2024-07-01").series("TUR", "pop_total")] == [79]


def test_without_a_stated_vintage_the_indicator_vintage_is_named(tmp_path, make_package, own_cache):
    root = tmp_path / "root"
    make_package(root, "pop", [{"csv": OLD, "indicator": "pop_total"}], indicator_vintage="2025-07-01")
    assert Catalog([root]).latest("TUR", "pop_total", dt.date(2020, 1, 1)).vintage == "2025-07-01"
    make_package(tmp_path / "bare", "pop", [{"csv": OLD, "indicator": "pop_total"}])
    bare = Catalog([tmp_path / "bare"], vintage="2000-01-01")  # none stated: read whatever is asked
    assert bare.latest("TUR", "pop_total", dt.date(2020, 1, 1)).vintage == ""


def test_bad_vintages_are_refused_naming_file_and_row(tmp_path, make_package, own_cache):
    root = tmp_path / "root"
    make_package(root, "pop", [{"csv": OLD, "indicator": "pop_total", "vintage": "July 2025"}])
    with pytest.raises(DatasetError) as err:
        Catalog([root])
    assert any(p.endswith("r0.csv: factcheck.vintage 'July 2025' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")
               for p in err.value.problems)
    csv = "entity,year,value,release\nTUR,2019,81,2025-07-01\nTUR,2020,84,next year\n"
    make_package(tmp_path / "rows", "pop", [{"csv": csv, "indicator": "pop_total", "vintage": {"column": "release"}}])
    with pytest.raises(DatasetError) as err:
        Catalog([tmp_path / "rows"])
    assert any(p.endswith("r0.csv:3: column 'release': not a vintage date (YYYY-MM-DD, YYYY-MM or YYYY) "
                          "(got 'next year')") for p in err.value.problems)
    with pytest.raises(InputError, match="vintage 'July' is not a date"):
        Catalog([tmp_path / "rows"], vintage="July")


def test_check_vintage_option_judges_against_the_release_asked_for(tmp_path):
    example = ROOT / "docs" / "examples" / "newsroom"
    data = tmp_path / "data"
    shutil.copytree(example / "data", data)
    pkg = data / "policy_rates"
    desc = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    res = desc["resources"][0]
    res.pop("hash", None)
    res["schema"]["fields"].append({"name": "release", "type": "string"})
    res["factcheck"]["vintage"] = {"column": "release"}
    (pkg / "datapackage.json").write_text(json.dumps(desc), encoding="utf-8")
    # the first release said 50; a (made-up) later one revised March's decision to 45
    (pkg / "data" / "rates.csv").write_text("entity,date,value,release\nTUR,2024-03-21,50,2024-04-01\n"
                                            "TUR,2024-03-21,45,2024-07-01\n", encoding="utf-8")
    article = tmp_path / "rates_2024-06-01.md"
    article.write_text("Turkey's central bank kept its key rate at 45% this month.\n", encoding="utf-8")

    def check(*extra: str) -> dict:
        proc = subprocess.run([sys.executable, "-m", "factcheck", "check", str(article), "--rules", str(example / "rules"),
                               "--data", str(data), "--format", "json", "--isolated", *extra],
                              capture_output=True, text=True, cwd=ROOT)
        assert proc.returncode in (0, 1), proc.stderr
        (finding,) = [f for f in json.loads(proc.stdout)["documents"][0]["findings"] if f["code"] == "FC190"]
        return finding

    newest = check()
    assert newest["verdict"] == "supported" and newest["evidence"]["vintage"] == "2024-07-01"
    first = check("--vintage", "2024-05-01")
    assert first["verdict"] == "contradicted" and first["evidence"]["value"] == 50
    assert first["evidence"]["vintage"] == "2024-04-01"
    bad = subprocess.run([sys.executable, "-m", "factcheck", "check", str(article), "--vintage", "May"],
                         capture_output=True, text=True, cwd=ROOT)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    assert bad.stderr.strip().splitlines() == ["factcheck: error: vintage 'May' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)"]

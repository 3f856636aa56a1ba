"""`factcheck data diff`: what changed between two package folders, or two vintages of one dataset."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
OLD = "entity,year,value\nTUR,2018,80\nTUR,2019,81.5\nSYR,2019,17\n"
NEW = "entity,year,value\nTUR,2018,80\nTUR,2019,83.25\nTUR,2020,84\n"


def run(*args: str, cache: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "FACTCHECK_NO_CACHE"}
    env["XDG_CACHE_HOME"] = str(cache)
    return subprocess.run([sys.executable, "-m", "factcheck", "data", "diff", *args], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=300)


@pytest.fixture
def releases(tmp_path, make_package):
    old = make_package(tmp_path / "old", "pop", [{"csv": OLD, "indicator": "pop_total"},
                                                  {"csv": "entity,year,value\nTUR,2019,1\n", "indicator": "gone_total"}])
    new = make_package(tmp_path / "new", "pop", [{"csv": NEW, "indicator": "pop_total"}])
    return old, new


def test_two_folders_text(releases, tmp_path):
    old, new = releases
    proc = run(str(old), str(new), cache=tmp_path / "xdg")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == [
        "removed  pop gone_total TUR 2019: 1 person",
        "removed  pop pop_total SYR 2019: 17 person",
        "changed  pop pop_total TUR 2019: 81.5 -> 83.25 person",
        "added    pop pop_total TUR 2020: 84 person",
        f"1 added, 2 removed, 1 changed, 1 unchanged ({old} -> {new})",
    ]


def test_two_folders_json(releases, tmp_path):
    old, new = releases
    proc = run(str(old.parent), str(new / "datapackage.json"), "-f", "json", cache=tmp_path / "xdg")
    assert proc.returncode == 0, proc.stderr
    got = json.loads(proc.stdout)
    assert got["summary"] == {"added": 1, "removed": 2, "changed": 1, "unchanged": 1}
    (changed,) = got["changed"]
    assert changed == {"change": "changed", "dataset": "pop", "indicator": "pop_total", "entity": "TUR", "extra": {},
                       "period": "2019", "key": None, "old": 81.5, "new": 83.25, "unit": "person",
                       "vintage_old": None, "vintage_new": None}
    assert [(a["entity"], a["period"], a["new"]) for a in got["added"]] == [("TUR", "2020", 84)]


def test_two_vintages_of_one_dataset(tmp_path, make_package):
    make_package(tmp_path / "data", "pop", [
        {"csv": OLD, "indicator": "pop_total", "vintage": "2025-07-01"},
        {"csv": NEW, "indicator": "pop_total", "vintage": "2026-07-01"}])
    proc = run("--dataset", "pop", "--from", "2025-07-01", "--to", "2026-07-01", "--data", str(tmp_path / "data"),
               cache=tmp_path / "xdg")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert "changed  pop pop_total TUR 2019: 81.5 -> 83.25 person" in lines
    assert lines[-1] == "1 added, 1 removed, 1 changed, 1 unchanged (pop@2025-07-01 -> pop@2026-07-01)"
    got = json.loads(run("--dataset", "pop", "--from", "2025-12", "--data", str(tmp_path / "data"), "-f", "json",
                         cache=tmp_path / "xdg").stdout)
    assert got["new"] == "pop@newest" and got["changed"][0]["vintage_old"] == "2025-07-01"
    assert got["changed"][0]["vintage_new"] == "2026-07-01"


@pytest.mark.parametrize("args,message", [
    (["{tmp}/nowhere", "{tmp}/new"], "{tmp}/nowhere: no such file or folder"),
    (["{tmp}", "{tmp}/new"], "{tmp}: no datapackage.json found (a package folder, or a folder of package folders)"),
    (["--dataset", "no_such", "--from", "2025"], "no dataset 'no_such'; `factcheck data list` shows them"),
    (["--dataset", "wdi", "--from", "last year"], "vintage 'last year' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)"),
    (["{tmp}/new"], "give two package folders (OLD NEW), or --dataset NAME --from DATE [--to DATE]"),
])
def test_bad_input_is_one_line_and_exit_2(releases, tmp_path, args, message):
    (tmp_path / "empty").mkdir()
    tmp = str(tmp_path / "empty") if "{tmp}/new" in args and args[0] == "{tmp}" else str(tmp_path)
    args = [a.replace("{tmp}/new", str(releases[1])).replace("{tmp}", tmp) for a in args]
    proc = run(*args, cache=tmp_path / "xdg")
    assert proc.returncode == 2
    (line,) = proc.stderr.strip().splitlines()
    assert line.startswith("factcheck: error: ") and message.replace("{tmp}", tmp) in line
    assert "Traceback" not in proc.stderr

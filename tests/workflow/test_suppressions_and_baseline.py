"""Suppressions written by editors, and the baseline a team accepts: what counts, what is
reported, and how the exit code follows."""
from __future__ import annotations

import json
import subprocess
import sys

CONTRA = "Turkey is home to more than 5 million Syrian refugees."
APPROX = "Turkey has taken in about 3.7 million Syrian refugees since the war started."


def run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "factcheck", *args, "--isolated"], capture_output=True, text=True, cwd=cwd)


def check_json(path, cwd, *extra):
    proc = run("check", str(path), "-f", "json", *extra, cwd=cwd)
    assert proc.returncode in (0, 1), proc.stderr
    return proc.returncode, json.loads(proc.stdout)["documents"][0]


def test_a_suppression_with_a_reason_accepts_the_finding(tmp_path):
    f = tmp_path / "a_2020-02-20.md"
    f.write_text(f"{CONTRA} <!-- factcheck: ignore FC110 reason=\"UNHCR Türkiye, checked 3 March\" -->\n")
    code, doc = check_json(f, tmp_path)
    assert code == 0
    assert all(x["code"] != "FC110" for x in doc["findings"])
    (acc,) = [a for a in doc["accepted"] if a["code"] == "FC110"]
    assert acc["verdict"] == "contradicted" and acc["accepted_by"] == "suppression"
    assert acc["reason"] == "UNHCR Türkiye, checked 3 March"
    assert doc["notices"] == []


def test_a_suppression_without_a_reason_is_a_finding_and_does_not_take_effect(tmp_path):
    f = tmp_path / "a_2020-02-20.txt"
    f.write_text(f"[factcheck: ignore FC110]\n{APPROX}\n")
    code, doc = check_json(f, tmp_path)
    assert code == 1  # an error-level notice fails the run, although approximate does not
    assert any(x["code"] == "FC110" for x in doc["findings"]) and doc["accepted"] == []
    (n,) = doc["notices"]
    assert n["code"] == "FC901" and n["level"] == "error" and (n["line"], n["column"]) == (1, 1)
    code, _ = check_json(f, tmp_path, "--fail-on", "never")
    assert code == 0


def test_unused_and_unknown_suppressions_are_reported(tmp_path):
    f = tmp_path / "a_2020-02-20.md"
    f.write_text(f"<!-- factcheck: ignore FC130 reason=\"x\" -->\n{APPROX}\n\n"
                 f"<!-- factcheck: ignore FC11O reason=\"typo\" -->\nNothing here.\n")
    code, doc = check_json(f, tmp_path)
    assert code == 0
    assert [(n["code"], n["line"]) for n in doc["notices"]] == [("FC902", 1), ("FC903", 4)]
    assert "FC11O" in doc["notices"][1]["message"]


def test_a_suppression_of_a_supported_figure_is_unused(tmp_path):
    f = tmp_path / "a_2020-02-20.txt"
    f.write_text("The conflict in Syria is nine years old. [factcheck: ignore FC130 reason=\"checked\"]\n")
    _, doc = check_json(f, tmp_path)
    assert [n["code"] for n in doc["notices"]] == ["FC902"]


def test_baseline_accepts_known_findings_and_fails_on_new_ones(tmp_path):
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    a = drafts / "a_2020-02-20.txt"
    a.write_text(f"{CONTRA}\n")
    assert run("check", "drafts", cwd=tmp_path).returncode == 1
    w = run("baseline", "write", "drafts", "--baseline", "known.json", cwd=tmp_path)
    assert w.returncode == 0 and "wrote" in w.stderr
    base = json.loads((tmp_path / "known.json").read_text())
    assert base["schema_version"] == 1 and {x["path"] for x in base["findings"]} == {"drafts/a_2020-02-20.txt"}
    assert not list(tmp_path.glob(".known.json*"))  # written atomically, no temporary file left
    # known: passes; lines moving does not matter
    a.write_text(f"A new first paragraph.\n\n{CONTRA}\n")
    code, doc = check_json("drafts", tmp_path, "--baseline", "known.json")
    assert code == 0 and {x["accepted_by"] for x in doc["accepted"]} == {"baseline"}
    # a new contradiction fails
    a.write_text(f"{CONTRA}\n\nSyria has a population of 95 million people.\n")
    (drafts / "b_2020-02-20.txt").write_text(f"{CONTRA}\n")
    proc = run("check", "drafts", "--baseline", "known.json", "-f", "json", cwd=tmp_path)
    assert proc.returncode == 1
    out = json.loads(proc.stdout)
    new = [(d["path"], f["claim"]["text"]) for d in out["documents"] for f in d["findings"] if f["verdict"] == "contradicted"]
    assert ("drafts/b_2020-02-20.txt", "more than 5 million") in new
    assert ("drafts/a_2020-02-20.txt", "more than 5 million") not in new


def test_a_broken_baseline_is_an_input_error(tmp_path):
    (tmp_path / "a.txt").write_text(APPROX)
    (tmp_path / "bad.json").write_text("{not json")
    proc = run("check", "a.txt", "--baseline", "bad.json", cwd=tmp_path)
    assert proc.returncode == 2 and proc.stderr.startswith("factcheck: error: bad.json:1:2: baseline is not valid JSON")
    proc = run("check", "a.txt", "--baseline", "missing.json", cwd=tmp_path)
    assert proc.returncode == 2 and "missing.json: baseline file not found" in proc.stderr

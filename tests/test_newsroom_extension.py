"""A newsroom adds a dataset and a rule with no code change (the README's worked example)."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "docs" / "examples" / "newsroom"


def run(*args):
    return subprocess.run([sys.executable, "-m", "factcheck", *args], capture_output=True, text=True, cwd=ROOT)


def test_worked_example_dataset_validates_and_its_rule_examples_pass():
    assert run("data", "validate", str(EXAMPLE / "data" / "policy_rates")).returncode == 0
    proc = run("rules", "test", "metrics.policy_rate", "--rules", str(EXAMPLE / "rules"), "--data", str(EXAMPLE / "data"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 failed" in proc.stdout


def test_added_dataset_decides_a_claim(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(EXAMPLE / "data", data)
    article = tmp_path / "rates_2024-06-01.md"
    article.write_text("Turkey's central bank kept its key rate at 45% this month.\n", encoding="utf-8")
    proc = run("check", str(article), "--rules", str(EXAMPLE / "rules"), "--data", str(data), "--format", "json")
    out = json.loads(proc.stdout)
    (finding,) = [f for f in out["documents"][0]["findings"] if f["code"] == "FC190"]
    assert finding["verdict"] == "contradicted"
    assert finding["evidence"]["dataset"] == "policy_rates"
    assert finding["evidence"]["value"] == 50


def test_a_broken_added_dataset_is_refused_with_every_problem(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(EXAMPLE / "data", data)
    csv = data / "policy_rates" / "data" / "rates.csv"
    csv.write_text("entity,date,value\nTUR,2024-03-21,fifty\nTUR,not-a-date,47.5\n", encoding="utf-8")
    proc = run("data", "validate", str(data / "policy_rates"))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "rates.csv" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) >= 2


def test_a_check_never_runs_on_half_loaded_data(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(EXAMPLE / "data", data)
    pkg = data / "policy_rates" / "datapackage.json"
    desc = json.loads(pkg.read_text(encoding="utf-8"))
    desc["resources"][0]["hash"] = "sha256:" + "0" * 64  # the file no longer matches its descriptor
    pkg.write_text(json.dumps(desc), encoding="utf-8")
    (data / "policy_rates" / "data" / "rates.csv").write_text(
        "entity,date,value\nTUR,2024-03-21,50\nTUR,2024-03-21,50\nTUR,,47.5\n", encoding="utf-8")
    article = tmp_path / "a_2024-06-01.txt"
    article.write_text("Turkey's central bank kept its key rate at 45%.\n", encoding="utf-8")
    proc = run("check", str(article), "--rules", str(EXAMPLE / "rules"), "--data", str(data), "--format", "json")
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr
    problems = proc.stderr.strip().splitlines()
    assert any("hash" in p for p in problems) and any("rates.csv" in p for p in problems)

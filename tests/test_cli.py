"""Bad input: exit 2 with one line naming the problem, never a traceback."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "factcheck", *args], capture_output=True, text=True, cwd=cwd)


def assert_one_line_error(proc, *needles):
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    for n in needles:
        assert n in lines[0]
    assert proc.stdout == ""


def test_missing_file(tmp_path):
    missing = tmp_path / "nope.txt"
    assert_one_line_error(run("check", str(missing)), str(missing), "no such file")


def test_folder_without_text(tmp_path):
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    assert_one_line_error(run("check", str(tmp_path)), str(tmp_path), "no text files")


def test_bad_as_of(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Turkey hosts 3.6 million Syrian refugees.", encoding="utf-8")
    assert_one_line_error(run("check", str(f), "--as-of", "2020-13-45"), "--as-of", "2020-13-45")


def test_invalid_utf8_names_file_and_line(tmp_path):
    f = tmp_path / "latin1.txt"
    f.write_bytes(b"line one\nTurkey hosts 3,6 m\xe9lion refugees\n")
    assert_one_line_error(run("check", str(f)), f"{f}:2", "UTF-8")


def test_json_and_exit_codes(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Turkey is home to more than 5 million Syrian refugees.\n", encoding="utf-8")
    proc = run("check", str(f), "--as-of", "2020-02-20", "--format", "json")
    assert proc.returncode == 1, proc.stderr
    out = json.loads(proc.stdout)
    assert out["schema_version"] == 1
    (doc,) = out["documents"]
    assert doc["as_of"] == "2020-02-20"
    (finding,) = [x for x in doc["findings"] if x["code"] == "FC110"]
    assert finding["verdict"] == "contradicted"
    assert finding["claim"]["line"] == 1 and finding["claim"]["column"] == 19
    assert finding["evidence"]["url"].startswith("http")
    assert set(out["summary"]) == {"supported", "approximate", "contradicted", "unverifiable", "inconsistent"}
    ok = run("check", str(f), "--as-of", "2020-02-20", "--fail-on", "never", "--format", "json")
    assert ok.returncode == 0


def test_rules_list_and_test_commands():
    proc = run("rules", "list")
    assert proc.returncode == 0 and "FC110" in proc.stdout
    proc = run("rules", "test", "metrics.refugees_from")
    assert proc.returncode == 0, proc.stdout
    assert proc.stdout.strip().endswith("0 failed")


def test_broken_rule_file_is_named(tmp_path):
    rules = tmp_path / "rules" / "metrics"
    rules.mkdir(parents=True)
    (rules / "bad.yaml").write_text("id: metrics.bad\ncode: FC999\nkind: metric\ndescription: x\n", encoding="utf-8")
    f = tmp_path / "a.txt"
    f.write_text("Nothing.\n", encoding="utf-8")
    proc = run("check", str(f), "--rules", str(tmp_path / "rules"))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "bad.yaml" in proc.stderr


def test_extract_json_contract():
    seed = "seeds/idlib_joint_patrols_2020-02-20.txt"
    proc = run("extract", seed, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    qs = out["documents"][0]["quantities"]
    about = next(q for q in qs if q["text"] == "about 3.7 million")
    assert about["value"] == 3700000 and about["qualifier"] == "about"
    assert about["low"] == 3650000 and about["high"] == 3750000
    text = (ROOT / seed).read_text(encoding="utf-8")
    assert text[about["start"]:about["end"]] == "about 3.7 million"


def test_usage_errors_are_one_line():
    assert_one_line_error(run("check", "seeds/idlib_joint_patrols_2020-02-20.txt", "--format", "foo"), "--format", "foo")
    assert_one_line_error(run("check"), "Missing argument")
    assert_one_line_error(run("nonsense"), "nonsense")


def test_github_annotations_name_files_by_path_not_uri(tmp_path):
    f = tmp_path / "draft_2020-02-20.md"
    f.write_text("Turkey is home to more than 5 million Syrian refugees.\n", encoding="utf-8")
    proc = run("check", str(f), "--format", "github")
    assert proc.returncode == 1
    assert f"file={f}," in proc.stdout and "file%3A" not in proc.stdout

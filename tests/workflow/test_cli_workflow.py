"""The command line in a workflow: formats to files (whole or not at all), standard input,
interruptions, exit codes, `explain`, `schema`, and a start-up that loads only what it needs."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from factcheck.report import FORMATS

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "idlib_joint_patrols_2020-02-20.txt"


def run(*args, cwd=ROOT, **kw):
    return subprocess.run([sys.executable, "-m", "factcheck", *args], capture_output=True, text=True, cwd=cwd, **kw)


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_file_for_every_format(fmt, tmp_path):
    out = tmp_path / "out" / f"report.{fmt}"
    out.parent.mkdir()
    config = tmp_path / "factcheck.toml"  # what -f claimreview needs (README, "ClaimReview"); the others ignore it
    config.write_text('[claimreview]\nauthor = "Desk"\nurl = "https://news.example/c/{stem}#{line}"\n'
                      'article-url = "https://news.example/{stem}/"\n', encoding="utf-8")
    proc = run("check", str(SEED), "--config", str(config), "--format", fmt, "--output", str(out))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "" and out.read_text(encoding="utf-8").strip()
    assert sorted(p.name for p in out.parent.iterdir()) == [out.name]  # no temporary file left


def test_output_into_a_missing_folder_is_one_clear_line(tmp_path):
    proc = run("check", str(SEED), "--isolated", "-o", str(tmp_path / "nope" / "r.json"), "-f", "json")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.strip().splitlines() == [f"factcheck: error: {tmp_path / 'nope'}: cannot write the report: no such folder"]


def test_a_bad_file_among_good_ones_writes_nothing(tmp_path):
    out = tmp_path / "r.json"
    out.write_text("old report\n")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"caf\xe9 3 million\n")
    proc = run("check", str(SEED), str(bad), "--isolated", "-f", "json", "-o", str(out))
    assert proc.returncode == 2 and out.read_text() == "old report\n"


@pytest.mark.parametrize("sig, code", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_an_interrupted_run_leaves_no_partial_report(sig, code, tmp_path):
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    for i in range(400):
        shutil.copy(SEED, drafts / f"d{i:03}_2020-02-20.txt")
    out = tmp_path / "report.sarif"
    out.write_text("previous report\n")
    proc = subprocess.Popen([sys.executable, "-m", "factcheck", "check", str(drafts), "--isolated", "-f", "sarif",
                             "-o", str(out)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(1.5)  # started, reading and checking 400 drafts (several seconds)
    assert proc.poll() is None, "finished before it could be interrupted"
    proc.send_signal(sig)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == code, stderr
    assert "Traceback" not in stderr and "no report written" in stderr
    assert out.read_text() == "previous report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["drafts", "report.sarif"]
    assert stdout == ""


@pytest.mark.parametrize("name, data, fmt", [
    ("draft.md", b"---\ndate: 2020-02-20\n---\n\nTurkey has taken in about 3.7 million Syrian refugees.\n", "markdown"),
    (None, b"<html><body><p>Turkey has taken in about 3.7 million Syrian refugees.</p></body></html>", "html"),
])
def test_standard_input(name, data, fmt):
    args = ["check", "-", "--isolated", "-f", "json", "--as-of", "2020-02-20"]
    if name:
        args += ["--stdin-filename", name]
    proc = subprocess.run([sys.executable, "-m", "factcheck", *args], input=data, capture_output=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)["documents"][0]
    assert doc["path"] == (name or "<stdin>") and doc["format"] == fmt
    f = next(f for f in doc["findings"] if f["code"] == "FC110")
    line = data.decode().splitlines()[f["claim"]["line"] - 1]
    assert line[f["claim"]["column"] - 1:].startswith("about 3.7 million")


@pytest.mark.parametrize("fail_on, code", [("supported", 1), ("unverifiable", 1), ("approximate", 1),
                                           ("contradicted", 0), ("inconsistent", 0), ("never", 0)])
def test_fail_on(fail_on, code):
    assert run("check", str(SEED), "--isolated", "-f", "json", "--fail-on", fail_on).returncode == code


def test_explain_a_metric_rule():
    proc = run("explain", "FC110")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert out.startswith("FC110  metrics.refugees_from  (metric)")
    for part in ("What it checks", "Why", "Checks against", "Examples", "Source", "rules/metrics/refugees_from.yaml:1"):
        assert part in out, part
    assert "Turkey" in out  # an example


def test_explain_by_rule_id_and_workflow_codes_and_unknown():
    assert run("explain", "consistency.change").stdout.startswith("FC200")
    wf = run("explain", "FC901")
    assert wf.returncode == 0 and "reason" in wf.stdout
    bad = run("explain", "FC999")
    assert bad.returncode == 2 and bad.stderr.strip() == "factcheck: error: no rule 'FC999'; `factcheck rules list` shows them"


def test_schema_command_prints_the_shipped_schema():
    proc = run("schema")
    assert json.loads(proc.stdout)["title"] == "factcheck check --format json"
    assert json.loads(run("schema", "extract").stdout)["title"] == "factcheck extract --format json"


def test_check_loads_no_heavy_library_it_does_not_need():
    run("check", str(SEED), "--isolated", "-f", "json")  # warm the caches, as after a first run
    code = ("import sys, io, contextlib\n"
            f"sys.argv = ['factcheck', 'check', {str(SEED)!r}, '--isolated', '-f', 'json']\n"
            "from factcheck.cli import main\n"
            "try:\n    with contextlib.redirect_stdout(io.StringIO()): main()\nexcept SystemExit: pass\n"
            "print(' '.join(m for m in ('pandas', 'pint', 'jsonschema', 'rich', 'scipy', 'numpy', 'markdown_it',"
            " 'docx', 'charset_normalizer') if m in sys.modules))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                          env=dict(os.environ, FACTCHECK_NO_CACHE="0"))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == ""


def test_no_progress_bar_when_not_at_a_terminal(tmp_path):
    for i in range(3):
        shutil.copy(SEED, tmp_path / f"d{i}_2020-02-20.txt")
    proc = run("check", str(tmp_path), "--isolated", "-f", "json")
    assert proc.stderr == ""


def test_progress_bar_on_standard_error_at_a_terminal(tmp_path):
    pty = pytest.importorskip("pty")
    for i in range(4):
        shutil.copy(SEED, tmp_path / f"d{i}_2020-02-20.txt")
    master, slave = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    proc = subprocess.run([sys.executable, "-m", "factcheck", "check", str(tmp_path), "--isolated", "-f", "json"],
                          stdout=subprocess.PIPE, stderr=slave, cwd=ROOT, env=dict(env, COLUMNS="100", TERM="xterm"))
    os.close(slave)
    drawn = b""
    try:
        while True:
            chunk = os.read(master, 65536)
            if not chunk:
                break
            drawn += chunk
    except OSError:  # the pty is closed once read to the end
        pass
    os.close(master)
    assert proc.returncode == 0
    assert len(json.loads(proc.stdout)["documents"]) == 4  # the report itself is untouched
    assert b"4/4" in drawn or b"/4" in drawn

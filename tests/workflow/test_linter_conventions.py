"""The habits CI users bring from ruff and Vale (issue 11, item 4), each driven through the CLI:
an unknown code in --select/--ignore is an error with a suggestion (exit 2), -q/--quiet,
--statistics, --exit-zero, --show-settings, -V, shell completion, and `extract -f`."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "idlib_joint_patrols_2020-02-20.txt"
CONTRADICTED = "Turkey is home to more than 5 million Syrian refugees.\n"


def run(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "factcheck", *args], capture_output=True, text=True, cwd=cwd,
                          env=env)


@pytest.fixture()
def draft(tmp_path: Path) -> Path:
    (tmp_path / "draft_2020-02-20.txt").write_text(CONTRADICTED, encoding="utf-8")
    return tmp_path


def one_error(proc: subprocess.CompletedProcess[str]) -> list[str]:
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    assert proc.stdout == "" and "Traceback" not in proc.stderr
    return proc.stderr.strip().splitlines()


# --- --select / --ignore ---------------------------------------------------------------------

def test_an_unknown_code_is_an_error_with_a_suggestion():
    lines = one_error(run("check", str(SEED), "--isolated", "--select", "FC11O"))
    assert lines == ["factcheck: error: --select: unknown code 'FC11O' (did you mean 'FC110'?); "
                     "`factcheck rules list` shows them"]


def test_every_unknown_selector_is_named_at_once():
    lines = one_error(run("check", str(SEED), "--isolated", "--select", "FC1,metrics.refugee_from",
                          "--ignore", "fc100", "--ignore", "qqqqqq"))
    assert len(lines) == 3
    assert "--select: unknown code or rule id 'metrics.refugee_from' (did you mean 'metrics.refugees_from'?)" in lines[0]
    assert "--ignore: unknown code 'fc100' (did you mean 'FC100'?)" in lines[1]
    assert "--ignore: unknown code or rule id 'qqqqqq';" in lines[2] and "did you mean" not in lines[2]


def test_codes_prefixes_and_rule_ids_are_known():
    proc = run("check", str(SEED), "--isolated", "-f", "json", "--select", "FC1,metrics,checks.no_reference",
               "--ignore", "FC9,workflow.suppression_without_reason")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["summary"]["approximate"] == 2


def test_an_unknown_code_in_the_configuration_names_the_file_and_line(draft):
    (draft / "pyproject.toml").write_text('[tool.ruff]\nline-length = 100\n\n[tool.factcheck]\nignore = ["FC10"]\n'
                                          'select = ["FC1", "metrics.populaton"]\n', encoding="utf-8")
    lines = one_error(run("check", "draft_2020-02-20.txt", cwd=draft))
    assert lines == [f"factcheck: error: {draft / 'pyproject.toml'}:6 [tool.factcheck.select]: unknown code or rule id "
                     "'metrics.populaton' (did you mean 'metrics.population'?); `factcheck rules list` shows them"]


# --- -q, --statistics, --exit-zero -----------------------------------------------------------

def test_quiet_shows_only_what_needs_a_look():
    loud = run("check", str(SEED), "--isolated")
    quiet = run("check", str(SEED), "--isolated", "-q")
    assert quiet.returncode == loud.returncode == 0
    assert "SUPPORTED" in loud.stdout and "SUPPORTED" not in quiet.stdout
    assert "APPROXIMATE" in quiet.stdout and "UNVERIFIABLE" in quiet.stdout
    assert "claims in 1 file" not in quiet.stdout and "verdict" not in quiet.stdout  # no summary, no table
    assert quiet.stderr == ""


def test_quiet_with_nothing_to_look_at_prints_nothing(tmp_path):
    (tmp_path / "ok.txt").write_text("Turkey's population was 83 million in 2019.\n", encoding="utf-8")
    proc = run("check", str(tmp_path / "ok.txt"), "--as-of", "2020-02-20", "--isolated", "--quiet")
    assert proc.returncode == 0 and proc.stdout == "" and proc.stderr == ""


def test_statistics_count_findings_per_code_and_verdict():
    proc = run("check", str(SEED), "--isolated", "--statistics")
    assert proc.returncode == 0, proc.stderr
    rows = [line.split() for line in proc.stdout.splitlines()]
    assert rows[0] == ["3", "FC100", "unverifiable", "checks.no_reference"]  # the most frequent first
    assert ["1", "FC110", "approximate", "metrics.refugees_from"] in rows
    assert sum(int(r[0]) for r in rows) == 10 and len(rows) == 8
    as_json = json.loads(run("check", str(SEED), "--isolated", "--statistics", "-f", "json").stdout)
    assert {"code": "FC110", "rule": "metrics.refugees_from", "verdict": "approximate", "count": 1} in as_json


def test_exit_zero_keeps_the_report_and_exits_0(draft):
    failing = run("check", "draft_2020-02-20.txt", "--isolated", "-f", "json", cwd=draft)
    zero = run("check", "draft_2020-02-20.txt", "--isolated", "-f", "json", "--exit-zero", cwd=draft)
    assert failing.returncode == 1 and zero.returncode == 0
    assert json.loads(zero.stdout)["summary"]["contradicted"] == 1
    assert json.loads(zero.stdout)["failed"] is True  # the report still says what --fail-on found
    assert run("check", "missing.txt", "--exit-zero", cwd=draft).returncode == 2  # errors are still errors


# --- --show-settings -------------------------------------------------------------------------

def test_show_settings_says_where_each_value_came_from(draft):
    (draft / "factcheck.toml").write_text('fail-on = "approximate"\nselect = ["FC1"]\n\n[tolerance]\n'
                                          'refugees_from = 0.02\n', encoding="utf-8")
    proc = run("check", "--show-settings", "--format", "json", "--ignore", "FC100", cwd=draft)
    assert proc.returncode == 0, proc.stderr
    rows = {line.split("=")[0].strip(): line for line in proc.stdout.splitlines() if "=" in line}
    conf = draft / "factcheck.toml"
    assert proc.stdout.startswith(f"# configuration file: {conf}\n")
    assert '"approximate"' in rows["fail-on"] and rows["fail-on"].endswith(f"# {conf}:1")
    assert '["FC1"]' in rows["select"] and rows["select"].endswith(f"# {conf}:2")
    assert '"json"' in rows["format"] and rows["format"].endswith("# --format")
    assert '["FC100"]' in rows["ignore"] and rows["ignore"].endswith("# --ignore")
    assert rows["as-of"].endswith("# default")
    assert "approximate = 0.02" in rows["refugees_from"] and rows["refugees_from"].endswith(f"# {conf}:5")
    import tomllib

    assert tomllib.loads(proc.stdout)["fail-on"] == "approximate"  # what it prints is TOML


def test_show_settings_without_a_configuration():
    proc = run("check", "--show-settings", "--isolated")
    assert proc.returncode == 0 and proc.stdout.startswith("# configuration file: none")
    assert 'fail-on  = "contradicted"  # default' in proc.stdout


def test_check_without_paths_is_still_a_usage_error():
    lines = one_error(run("check", "--isolated"))
    assert "Missing argument" in lines[0]


# --- -V, completion, extract -f --------------------------------------------------------------

def test_version_has_a_short_flag():
    long, short = run("--version"), run("-V")
    assert short.returncode == 0 and short.stdout == long.stdout and "version" in short.stdout


def test_shell_completion_scripts_and_completions():
    for shell, marker in (("bash", "complete -o nosort -F"), ("zsh", "#compdef factcheck"), ("fish", "complete --no-files")):
        proc = run("completion", shell)
        assert proc.returncode == 0 and marker in proc.stdout, (shell, proc.stdout[:200])
    # what the bash script asks: the formats after --format
    env = dict(os.environ, _FACTCHECK_COMPLETE="bash_complete", COMP_WORDS="factcheck check --format ", COMP_CWORD="3")
    proc = subprocess.run([sys.executable, "-c", "import sys; sys.argv[0] = 'factcheck'; from factcheck.cli import main; main()"],
                          capture_output=True, text=True, cwd=ROOT, env=env)
    got = {line.split(",", 1)[1] for line in proc.stdout.splitlines()}
    assert {"terminal", "json", "concise", "gitlab", "rdjson"} <= got
    assert "completion" in run("--help").stdout


def test_extract_takes_f():
    proc = run("extract", str(SEED), "-f", "terminal")
    assert proc.returncode == 0 and "'about 3.7 million' = 3.7e+06 person" in proc.stdout
    assert json.loads(run("extract", str(SEED), "-f", "json").stdout)["schema_version"] == 1


def test_help_says_each_of_them():
    check = " ".join(run("check", "--help").stdout.split())
    for words in ("--sort [position|severity]", "-q, --quiet", "--statistics", "--exit-zero", "--show-settings",
                  "an unknown one is an error", "concise (path:line:col: CODE VERDICT message)", "gitlab (Code Quality)",
                  "rdjson (reviewdog)", "NO_COLOR", "a task list to tick", "an index of the problems", "vintage",
                  "suggested correction", "a supported claim on one line", "URL whole"):
        assert words in check, words
    top = run("--help").stdout
    assert "-V, --version" in top and "factcheck completion bash" in top
    assert "-f, --format [json|terminal]" in run("extract", "--help").stdout

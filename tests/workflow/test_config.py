"""Configuration: found, read, validated (a wrong key names the file and key), overridden by flags."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.config import Config, ConfigError, apply_tolerances, find_config, load_config, read_config
from factcheck.ruleset.loader import load_rules

CLAIM = "Turkey has taken in about 3.7 million Syrian refugees since the war started.\n"


def run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "factcheck", *args], capture_output=True, text=True, cwd=cwd)


def test_found_in_parents_factcheck_toml_before_pyproject(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n[tool.factcheck]\nfail-on = 'approximate'\n")
    deep = tmp_path / "drafts" / "2020"
    deep.mkdir(parents=True)
    assert find_config(deep) == tmp_path / "pyproject.toml"
    (tmp_path / "drafts" / "factcheck.toml").write_text("fail-on = 'unverifiable'\n")
    assert find_config(deep) == tmp_path / "drafts" / "factcheck.toml"


def test_pyproject_without_the_table_is_not_a_config(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    assert find_config(tmp_path) is None or find_config(tmp_path).parent != tmp_path


def test_every_key_read(tmp_path):
    (tmp_path / "factcheck.toml").write_text(
        'rules = ["newsroom/rules"]\ndata = ["newsroom/data"]\nfail-on = "approximate"\nformat = "sarif"\n'
        'select = ["FC1", "FC200"]\nignore = ["FC100"]\nas-of = "today"\nexclude = ["archive/**"]\n'
        'baseline = "known.json"\nencoding = "cp1254"\n\n[tolerance]\nrefugees_from = 0.02\n'
        'policy_rate = {absolute = 0.25}\n')
    cfg = read_config(tmp_path / "factcheck.toml")
    assert cfg.rules == (tmp_path / "newsroom/rules",) and cfg.data == (tmp_path / "newsroom/data",)
    assert (cfg.fail_on, cfg.format, cfg.as_of, cfg.encoding) == ("approximate", "sarif", "today", "cp1254")
    assert cfg.select == ("FC1", "FC200") and cfg.ignore == ("FC100",) and cfg.exclude == ("archive/**",)
    assert cfg.baseline == tmp_path / "known.json"
    assert cfg.tolerance == {"refugees_from": {"approximate": 0.02}, "policy_rate": {"absolute": 0.25}}
    assert cfg.selects("FC110") and cfg.selects("FC200") and not cfg.selects("FC100") and not cfg.selects("FC201")


@pytest.mark.parametrize("body, key, words", [
    ("fail_on = 'approximate'\n", "fail_on", "did you mean 'fail-on'"),
    ("fail-on = 'wrong'\n", "fail-on", "'wrong' is not one of"),
    ("select = 'FC 1 1 0'\n", "select", "is not a code"),
    ("as-of = 'yesterday'\n", "as-of", "is not one of"),
    ("[tolerance]\nrefugees_from = 3\n", "tolerance.refugees_from", "out of range"),
    ("rules = [1]\n", "rules", "list of strings"),
])
def test_a_wrong_key_names_file_line_and_key(tmp_path, body, key, words):
    path = tmp_path / "factcheck.toml"
    path.write_text("# settings\n" + body)
    with pytest.raises(ConfigError) as err:
        read_config(path)
    msg = str(err.value)
    assert msg.startswith(f"{path}:") and f"[{key}]" in msg and words in msg


def test_a_wrong_key_in_pyproject_names_the_table(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.factcheck]\nfail-on = 'contradicted'\ncolour = 'red'\n")
    (tmp_path / "a.txt").write_text(CLAIM)
    proc = run("check", "a.txt", cwd=tmp_path)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.strip() == (f"factcheck: error: {tmp_path / 'pyproject.toml'}:3 [tool.factcheck.colour]: "
                                   "unknown key 'colour'; known keys: as-of, baseline, claimreview, data, encoding, "
                                   "exclude, fail-on, format, ignore, rules, select, tolerance")


def test_unknown_metric_in_tolerance(tmp_path):
    (tmp_path / "factcheck.toml").write_text("[tolerance]\nrefugees_form = 0.1\n")
    cfg = read_config(tmp_path / "factcheck.toml")
    with pytest.raises(ConfigError, match=r"\[tolerance.refugees_form\]: no metric rule 'refugees_form' \(did you mean 'refugees_from'"):
        apply_tolerances(load_rules(), cfg)


def test_tolerance_changes_the_verdict(tmp_path):
    (tmp_path / "a_2020-02-20.txt").write_text(CLAIM)
    default = json.loads(run("check", "a_2020-02-20.txt", "-f", "json", cwd=tmp_path).stdout)
    (tmp_path / "factcheck.toml").write_text("[tolerance]\nrefugees_from = 0.01\n")
    strict = json.loads(run("check", "a_2020-02-20.txt", "-f", "json", cwd=tmp_path).stdout)
    verdict = lambda out: next(f["verdict"] for f in out["documents"][0]["findings"] if f["code"] == "FC110")  # noqa: E731
    assert verdict(default) == "approximate" and verdict(strict) == "contradicted"


def test_flags_override_the_config(tmp_path):
    (tmp_path / "factcheck.toml").write_text("fail-on = 'approximate'\nformat = 'json'\nignore = ['FC110']\n")
    (tmp_path / "a_2020-02-20.txt").write_text(CLAIM)
    by_config = run("check", "a_2020-02-20.txt", cwd=tmp_path)
    assert by_config.returncode == 0 and json.loads(by_config.stdout)["fail_on"] == "approximate"
    assert all(f["code"] != "FC110" for f in json.loads(by_config.stdout)["documents"][0]["findings"])
    by_flags = run("check", "a_2020-02-20.txt", "--ignore", "FC100", "--fail-on", "approximate", cwd=tmp_path)
    assert by_flags.returncode == 1
    assert any(f["code"] == "FC110" for f in json.loads(by_flags.stdout)["documents"][0]["findings"])
    isolated = run("check", "a_2020-02-20.txt", "--isolated", cwd=tmp_path)
    assert isolated.returncode == 0 and "APPROXIMATE" in isolated.stdout  # terminal, default fail-on


def test_as_of_modes(tmp_path):
    (tmp_path / "undated.txt").write_text(CLAIM)
    (tmp_path / "factcheck.toml").write_text("as-of = 'require'\n")
    proc = run("check", "undated.txt", cwd=tmp_path)
    assert proc.returncode == 2 and "undated.txt: states no date" in proc.stderr
    (tmp_path / "factcheck.toml").write_text("as-of = '2020-02-20'\n")
    out = json.loads(run("check", "undated.txt", "-f", "json", cwd=tmp_path).stdout)
    assert out["documents"][0]["as_of"] == "2020-02-20" and out["documents"][0]["as_of_source"] == "configuration"


def test_defaults_without_a_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    cfg = load_config(None)
    assert cfg == Config() or cfg.path is not None  # a config further up is read; none here
    assert load_config(None, isolated=True) == Config()
    with pytest.raises(ConfigError, match="not found"):
        load_config(Path("missing.toml"))

"""A real distribution: `python -m build` makes the sdist and, from it, the wheel; `pip install` of
the wheel into a new venv outside the checkout gives a working `factcheck` with every command,
and `factcheck check` of the seed gives the same report as `make demo`.

The build runs without isolation (setuptools and build come with the test extras), so it
downloads nothing; pip installs the wheel's dependencies as it would for a user (from its cache
or the package index). Nothing of the checkout is on the installed program's path: it runs in a
temporary folder with its own cache folder.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.packaging

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "idlib_joint_patrols_2020-02-20.txt"
#: Size budgets (the wheel is about 20 MB, 27 MB unpacked; most of it reference data, 18 MB of it the
#: 325 WDI series as gzip CSV).
MAX_WHEEL_BYTES = 24_000_000
MAX_INSTALLED_BYTES = 32_000_000
NOT_COPIED = shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", "*.pyc",
                                    ".pytest_cache", ".ruff_cache", ".hypothesis", ".mypy_cache")


def _run(cmd, **kw):
    proc = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, timeout=900, **kw)
    assert proc.returncode == 0, f"{cmd}: exit {proc.returncode}\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return proc


@pytest.fixture(scope="module")
def dist(tmp_path_factory):
    """The sdist and wheel built from a copy of this working tree (as from a clean clone)."""
    src = tmp_path_factory.mktemp("src") / "factcheck"
    shutil.copytree(ROOT, src, ignore=NOT_COPIED)
    out = tmp_path_factory.mktemp("dist")
    _run([sys.executable, "-m", "build", "--no-isolation", "--outdir", out, src])
    (wheel,) = out.glob("factcheck-*.whl")
    (sdist,) = out.glob("factcheck-*.tar.gz")
    return wheel, sdist


@pytest.fixture(scope="module")
def installed(dist, tmp_path_factory):
    """(venv bin folder, environment, working folder) of a new venv with the wheel installed."""
    wheel, _ = dist
    venv = tmp_path_factory.mktemp("venv") / "venv"
    _run([sys.executable, "-m", "venv", venv])
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "FACTCHECK_"))}
    env.update(XDG_CACHE_HOME=str(tmp_path_factory.mktemp("cache")), COLUMNS="100", NO_COLOR="1",
               PATH=f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}")
    _run([venv / "bin" / "python", "-m", "pip", "install", "--quiet", "--disable-pip-version-check", wheel], env=env)
    return venv / "bin", env, tmp_path_factory.mktemp("work")


def _dev(args, env, cwd):
    """The same command from this checkout (what `make demo` runs)."""
    return subprocess.run([sys.executable, "-m", "factcheck", *args], capture_output=True, text=True, cwd=cwd,
                          env=dict(env, PATH=os.environ.get("PATH", ""),
                                   XDG_CACHE_HOME=os.environ.get("XDG_CACHE_HOME", "")), timeout=600)


def test_wheel_and_sdist_carry_the_code_rules_and_reference_data(dist):
    wheel, sdist = dist
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {str(p.relative_to(ROOT)) for p in (ROOT / "factcheck").rglob("*")
                if p.is_file() and p.suffix in (".py", ".json", ".txt") and "__pycache__" not in p.parts}
    expected |= {"factcheck/" + str(p.relative_to(ROOT)) for folder in ("rules", "reference_data")
                 for p in (ROOT / folder).rglob("*") if p.is_file() and p.suffix in (".yaml", ".json", ".csv", ".gz", ".md", ".py")
                 and "__pycache__" not in p.parts}
    assert expected - names == set()
    assert not [n for n in names if n.split("/")[0] in ("tests", "seeds", "benchmarks", "scripts", "rules", "reference_data")]
    assert wheel.stat().st_size < MAX_WHEEL_BYTES
    assert sum(i.file_size for i in zipfile.ZipFile(wheel).infolist()) < MAX_INSTALLED_BYTES
    with tarfile.open(sdist) as tar:
        in_sdist = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
    assert {"pyproject.toml", "README.md", "rules/metrics/refugees_from.yaml", "rules/lexicon/frame_words.yaml",
            "reference_data/wdi/datapackage.json", "factcheck/shipped.py"} <= in_sdist


def test_installed_wheel_runs_from_outside_the_checkout(installed):
    bin_dir, env, work = installed
    code = ("import factcheck, factcheck.shipped as s; "
            "print(factcheck.__file__); print(s.rules_dir()); print(s.reference_data_dir())")
    paths = _run([bin_dir / "python", "-c", code], env=env, cwd=work).stdout.split()
    venv = bin_dir.parent.resolve()
    for p in paths:
        assert Path(p).resolve().is_relative_to(venv), paths
        assert not Path(p).resolve().is_relative_to(ROOT), paths


def test_installed_check_of_the_seed_is_the_demo_report(installed):
    bin_dir, env, work = installed
    proc = subprocess.run([bin_dir / "factcheck", "check", SEED], capture_output=True, text=True, env=env, cwd=work,
                          timeout=600)
    assert proc.returncode in (0, 1), proc.stderr
    assert proc.stderr == ""
    assert "10 claims in 1 file" in proc.stdout
    demo = _dev(["check", str(SEED)], env, work)
    assert proc.stdout == demo.stdout
    assert proc.returncode == demo.returncode
    # nothing was written next to the installed package (the caches went to XDG_CACHE_HOME)
    assert sorted(p.name for p in (Path(env["XDG_CACHE_HOME"]) / "factcheck").glob("*.pickle"))


def test_installed_data_list_shows_every_shipped_dataset(installed):
    bin_dir, env, work = installed
    env = dict(env, COLUMNS="300")  # wide enough for the whole table
    out = _run([bin_dir / "factcheck", "data", "list"], env=env, cwd=work).stdout
    shipped = sorted(p.parent.name for p in (ROOT / "reference_data").glob("*/datapackage.json"))
    assert len(shipped) >= 10
    for name in shipped:
        assert name in out
    assert out == _dev(["data", "list"], env, work).stdout


@pytest.mark.parametrize("args, expect", [
    (["--version"], "0.1"),
    (["rules", "list"], "FC110"),
    (["rules", "test", "metrics.refugees_from"], "0 failed"),
    (["explain", "FC110"], "refugees"),
    (["schema"], '"schema_version"'),
    (["extract", str(SEED), "--format", "json"], '"quantities"'),
    (["data", "show", "wdi"], "World Bank"),
    (["data", "validate"], "all datasets valid"),
    (["cache", "dir"], "factcheck"),
    (["check", str(SEED), "--format", "sarif", "--no-cache"], '"version": "2.1.0"'),
])
def test_installed_commands_work(installed, args, expect):
    bin_dir, env, work = installed
    proc = subprocess.run([bin_dir / "factcheck", *args], capture_output=True, text=True, env=env, cwd=work,
                          timeout=600)
    assert proc.returncode in (0, 1) and "Traceback" not in proc.stderr, proc.stderr
    assert expect in proc.stdout
    if args[0] == "schema":
        json.loads(proc.stdout)

"""The cache: where platformdirs says (XDG_CACHE_HOME honoured), `factcheck cache dir|clean`,
`--no-cache` and FACTCHECK_NO_CACHE=1 (nothing written), and stale files evicted when a cache
file is written (other versions, older keys beyond a few, leftover temporary files)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from factcheck.cache import VERSION
from factcheck.ruleset.cache import KEEP

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "idlib_joint_patrols_2020-02-20.txt"


def run(*args, cache: Path | None = None, **env):
    e = {k: v for k, v in os.environ.items() if k != "FACTCHECK_NO_CACHE"}
    if cache is not None:
        e["XDG_CACHE_HOME"] = str(cache)
    e.update(env)
    return subprocess.run([sys.executable, "-m", "factcheck", *args], capture_output=True, text=True, cwd=ROOT,
                          env=e, timeout=300)


def files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


@pytest.fixture(scope="module")
def warm_cache(tmp_path_factory):
    """A cache folder filled by one check of the seed (rules, extractor, frames, the reference
    store: a manifest, a store per dataset and the entity table; the stamps of the files their
    keys hash; and the key that signs the pickles, factcheck/cachetrust.py)."""
    base = tmp_path_factory.mktemp("warm")
    proc = run("check", str(SEED), "--isolated", "-f", "json", cache=base)
    assert proc.returncode == 0, proc.stderr
    kinds = {n.split("-", 1)[0] for n in files(base / "factcheck")}
    assert kinds == {"rules", "extract", "frames", "index", "dataset", "entities", "stamps", "signing.key"}
    return base / "factcheck"


def test_cache_dir_honours_xdg_cache_home(tmp_path):
    proc = run("cache", "dir", cache=tmp_path / "xdg")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == f"{tmp_path / 'xdg' / 'factcheck'}\n"


def test_cache_dir_defaults_to_the_home_cache(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "XDG_CACHE_HOME"}
    env["HOME"] = str(tmp_path)
    proc = subprocess.run([sys.executable, "-m", "factcheck", "cache", "dir"], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=60)
    assert proc.returncode == 0, proc.stderr
    if sys.platform.startswith("linux"):
        assert proc.stdout == f"{tmp_path / '.cache' / 'factcheck'}\n"
    else:
        assert Path(proc.stdout.strip()).is_relative_to(tmp_path)


def test_cache_clean_empties_the_folder(warm_cache, tmp_path):
    folder = tmp_path / "factcheck"
    shutil.copytree(warm_cache, folder)
    (folder / "stray").mkdir()
    (folder / "stray" / "x.bin").write_bytes(b"x" * 10)
    n = sum(1 for p in folder.rglob("*") if p.is_file())
    proc = run("cache", "clean", cache=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(f"removed {n} files (") and str(folder) in proc.stdout
    assert folder.is_dir() and files(folder) == []
    again = run("cache", "clean", cache=tmp_path)
    assert again.stdout.startswith("removed 0 files (0.0 MB)")


def test_no_cache_runs_without_writing_one(tmp_path):
    proc = run("check", str(SEED), "--isolated", "-f", "json", "--no-cache", cache=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert '"schema_version": 1' in proc.stdout
    assert files(tmp_path / "factcheck") == []


def test_no_cache_is_taken_by_every_command_and_the_environment_variable(tmp_path):
    proc = run("--no-cache", "rules", "list", cache=tmp_path)
    assert proc.returncode == 0, proc.stderr
    proc = run("extract", str(SEED), cache=tmp_path, FACTCHECK_NO_CACHE="1")
    assert proc.returncode == 0, proc.stderr
    assert files(tmp_path / "factcheck") == []
    for cmd in (["check"], ["baseline", "write"], ["extract"], ["explain"], ["rules", "list"], ["rules", "test"],
                ["data", "list"], ["data", "show"], ["data", "validate"], ["schema"]):
        assert "--no-cache" in run(*cmd, "--help").stdout, cmd


def test_a_warm_cache_is_used(warm_cache, tmp_path):
    folder = tmp_path / "factcheck"
    shutil.copytree(warm_cache, folder)
    before = {n: (folder / n).stat().st_mtime_ns for n in files(folder)}
    proc = run("check", str(SEED), "--isolated", "-f", "json", cache=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert files(folder) == sorted(before)  # nothing built again


def test_stale_entries_are_evicted(warm_cache, tmp_path):
    folder = tmp_path / "factcheck"
    shutil.copytree(warm_cache, folder)
    current = files(folder)
    hexkey = "0123456789abcdef0123456789abcdef%08x"
    now = time.time()
    old_rules = []
    for i in range(KEEP + 3):  # older rule sets of this version (other checkouts, --rules folders)
        p = folder / f"rules-{VERSION}-{hexkey % i}.pickle"
        p.write_bytes(b"old")
        os.utime(p, (now - 3600 * (i + 1), now - 3600 * (i + 1)))
        old_rules.append(p.name)
    other_version = [f"index-0.0.1-{hexkey % 100}.pickle", f"extract-9.9-{hexkey % 101}.pickle"]
    unversioned = [f"index-{hexkey % 102}.pickle", f"rules-{hexkey % 103}.pickle"]
    for name in other_version + unversioned:
        (folder / name).write_bytes(b"stale")
    stale_tmp, fresh_tmp = folder / ".rules-abandoned.tmp", folder / ".index-inflight.tmp"
    stale_tmp.write_bytes(b"half")
    os.utime(stale_tmp, (now - 7200, now - 7200))
    fresh_tmp.write_bytes(b"half")
    (folder / "notes.txt").write_text("not ours", encoding="utf-8")

    # a rule folder of the newsroom's own: a new rule set, written to the cache, which evicts
    extra = tmp_path / "newsroom-rules"
    extra.mkdir()
    proc = run("check", str(SEED), "--isolated", "-f", "json", "--rules", str(extra), cache=tmp_path)
    assert proc.returncode == 0, proc.stderr

    left = files(folder)
    assert not set(other_version + unversioned) & set(left)
    assert stale_tmp.name not in left and fresh_tmp.name in left and "notes.txt" in left
    rules = [n for n in left if n.startswith(f"rules-{VERSION}-")]
    assert len(rules) == KEEP
    new = (set(rules) - set(old_rules) - set(current)).pop()  # the rule set just written is kept
    assert new
    kept_old = [n for n in old_rules if n in left]
    assert kept_old == old_rules[: len(kept_old)]  # the newest of the old ones
    assert set(current) <= set(left)  # the seed's own entries stay


def test_remembered_digests_are_trusted_only_for_unchanged_settled_files(tmp_path, monkeypatch):
    import factcheck.cache as store

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("FACTCHECK_NO_CACHE", raising=False)
    monkeypatch.setattr(store, "_stamps_memo", None)
    monkeypatch.setattr(store, "_seen", set())
    f = tmp_path / "rows.csv"
    f.write_text("a\n1\n", encoding="utf-8")
    (d1,) = store.file_digests([f])
    assert store.entry("stamps", store._STAMPS_KEY).is_file()
    memo = store._stamps()
    sig, _, recorded = memo[str(f)]
    memo[str(f)] = (sig, b"remembered", recorded)
    # just written (within RACY_NS of its record): read again, whatever is remembered
    assert store.file_digests([f]) == [d1]
    memo[str(f)] = (sig, b"remembered", recorded + store.RACY_NS)
    assert store.file_digests([f]) == [b"remembered"]  # settled and unchanged: not read
    # same size, modification time put back: the change time still tells
    st = f.stat()
    f.write_text("a\n2\n", encoding="utf-8")
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns))
    (d2,) = store.file_digests([f])
    assert d2 not in (d1, b"remembered")
    monkeypatch.setenv("FACTCHECK_NO_CACHE", "1")
    monkeypatch.setattr(store, "_stamps_memo", None)
    assert store.file_digests([f, tmp_path / "missing.csv"]) == [d2, None]

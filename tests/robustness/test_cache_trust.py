"""Trust of the on-disk caches (SECURITY.md, "Caches"): a pickle is unpickled only from a folder and
a file of the user's own that no one else may write, and only when its HMAC (keyed by the user's
secret in the cache folder) matches; anything else is rebuilt, never run. Tests run as root in CI:
other owners are simulated by changing what ``os.getuid`` says, writability by chmod."""
from __future__ import annotations

import json
import os
import pickle
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import factcheck.cache as store
from factcheck import cachetrust
from factcheck.ruleset import cache as rcache

ROOT = Path(__file__).resolve().parents[2]


class Payload:
    """A pickle whose loading creates ``marker`` (as code an attacker planted would run)."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return open, (str(self.marker), "w")


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("FACTCHECK_NO_CACHE", raising=False)
    monkeypatch.setattr(store, "_stamps_memo", None)
    monkeypatch.setattr(store, "_seen", set())
    monkeypatch.setattr(store, "_warned", set())
    return tmp_path / "xdg" / "factcheck"


@pytest.fixture
def rules(tmp_path):
    """A rule folder, and the rule set's cache entry (built once: a signed pickle)."""
    folder = tmp_path / "rules" / "metrics"
    folder.mkdir(parents=True)
    (folder / "a.yaml").write_text("id: metrics.a\n", encoding="utf-8")
    roots = (str(tmp_path / "rules"),)
    assert rcache.cached(roots, lambda: "built") == "built"
    path = store.entry("rules", rcache.key(roots))
    assert path.is_file()
    return roots, path


def evil(marker: Path) -> bytes:
    return pickle.dumps((None, Payload(marker)), protocol=pickle.HIGHEST_PROTOCOL)


def test_the_payload_is_live(tmp_path):
    """The probe is real: unpickling these bytes runs code (what the old cache did on a hit)."""
    marker = tmp_path / "ran"
    pickle.loads(evil(marker))
    assert marker.exists()


def test_written_pickles_are_signed_and_private(cache_home, rules):
    _, path = rules
    blob = path.read_bytes()
    assert blob.startswith(cachetrust.MAGIC)
    assert stat.S_IMODE(cache_home.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0
    key = cache_home / cachetrust.KEY_NAME
    assert stat.S_IMODE(key.stat().st_mode) == 0o600 and len(key.read_bytes()) == 32
    assert pickle.loads(store.read_signed(path))[1] == "built"


@pytest.mark.parametrize("how", ["unsigned", "forged signature", "signed with another key", "another entry's"])
def test_a_tampered_pickle_is_never_unpickled_and_is_rebuilt(cache_home, rules, tmp_path, how):
    roots, path = rules
    marker = tmp_path / "ran"
    payload = evil(marker)
    if how == "unsigned":  # the format before signatures, or a file dropped in
        blob = payload
    elif how == "forged signature":
        blob = cachetrust.MAGIC + b"\0" * 32 + payload
    elif how == "signed with another key":
        blob = cachetrust.seal(os.urandom(32), path.name, payload)
    else:  # signed with this cache's key, but for another entry: renamed into place
        blob = cachetrust.seal(cachetrust.signing_key(cache_home), path.with_name("rules-x.pickle").name, payload)
    path.write_bytes(blob)
    assert rcache.cached(roots, lambda: "rebuilt") == "rebuilt"
    assert not marker.exists()
    assert pickle.loads(store.read_signed(path))[1] == "rebuilt"  # written again, signed
    assert rcache.cached(roots, lambda: "not used") == "rebuilt"  # and a hit from then on


def test_a_pickle_others_can_write_is_not_read(cache_home, rules, tmp_path):
    roots, path = rules
    marker = tmp_path / "ran"
    path.write_bytes(cachetrust.seal(cachetrust.signing_key(cache_home), path.name, evil(marker)))
    path.chmod(0o666)
    assert rcache.cached(roots, lambda: "rebuilt") == "rebuilt"
    assert not marker.exists()
    assert stat.S_IMODE(path.stat().st_mode) & 0o022 == 0  # replaced by a private file


@pytest.mark.parametrize("why", ["world-writable", "group-writable", "another user's"])
def test_a_cache_folder_others_control_is_not_used_at_all(cache_home, rules, tmp_path, monkeypatch, capsys, why):
    """Even a pickle signed with the folder's own key is not read from a folder someone else may
    write to (they could have read nothing, but they could replace files); nothing is written
    there either, and one warning line says why."""
    roots, path = rules
    marker = tmp_path / "ran"
    planted = cachetrust.seal(cachetrust.signing_key(cache_home), path.name, evil(marker))
    path.write_bytes(planted)
    if why == "world-writable":
        cache_home.chmod(0o777)
    elif why == "group-writable":
        cache_home.chmod(0o770)
    else:
        monkeypatch.setattr(os, "getuid", lambda: os.stat(cache_home).st_uid + 4242)
    before = sorted(p.name for p in cache_home.iterdir())
    assert not store.enabled()
    assert rcache.cached(roots, lambda: "built in memory") == "built in memory"
    assert rcache.cached(roots, lambda: "built in memory again") == "built in memory again"
    assert not marker.exists()
    assert path.read_bytes() == planted and sorted(p.name for p in cache_home.iterdir()) == before
    warnings = [line for line in capsys.readouterr().err.splitlines() if line]
    assert len(warnings) == 1, warnings
    assert warnings[0].startswith(f"factcheck: warning: not using the cache folder {cache_home}: ")
    assert ("belongs to another user" in warnings[0]) == (why == "another user's")


def test_a_file_of_another_user_is_not_read(cache_home, rules, tmp_path, monkeypatch):
    """The folder is the user's, but a file in it is not (a hard link, or a file made before the
    folder was private)."""
    _, path = rules
    real = os.fstat

    def other_owner(fd):
        st = real(fd)
        if os.path.samestat(st, os.stat(path)):
            return os.stat_result((st.st_mode, st.st_ino, st.st_dev, st.st_nlink, st.st_uid + 4242, *tuple(st)[5:]))
        return st

    monkeypatch.setattr(os, "fstat", other_owner)
    with pytest.raises(PermissionError, match="belongs to another user"):
        store.read_signed(path)


def test_a_key_others_can_read_is_replaced(cache_home, rules):
    roots, path = rules
    key = cache_home / cachetrust.KEY_NAME
    old = key.read_bytes()
    key.chmod(0o644)  # someone else may have read it: pickles signed with it are no longer trusted
    assert cachetrust.signing_key(cache_home) is None
    with pytest.raises(PermissionError):
        store.read_signed(path)
    assert rcache.cached(roots, lambda: "rebuilt") == "rebuilt"
    assert key.read_bytes() != old and stat.S_IMODE(key.stat().st_mode) == 0o600
    assert pickle.loads(store.read_signed(path))[1] == "rebuilt"


def test_a_key_that_is_a_symbolic_link_is_not_followed(cache_home, rules, tmp_path):
    key = cache_home / cachetrust.KEY_NAME
    elsewhere = tmp_path / "attacker.key"
    elsewhere.write_bytes(b"k" * 32)
    elsewhere.chmod(0o600)
    key.unlink()
    key.symlink_to(elsewhere)
    assert cachetrust.signing_key(cache_home) is None
    made = cachetrust.signing_key(cache_home, create=True)
    assert made not in (None, b"k" * 32) and not key.is_symlink()


def _package(root: Path) -> None:
    pkg = root / "toy"
    (pkg / "data").mkdir(parents=True)
    (pkg / "data" / "t.csv").write_text("entity,year,value\nTUR,2019,7\n", encoding="utf-8")
    desc = {"name": "toy", "title": "Toy", "version": "1", "sources": [{"title": "t"}], "licenses": [{"name": "CC0-1.0"}],
            "resources": [{"name": "t", "path": "data/t.csv", "schema": {"fields": [
                {"name": "entity", "type": "string"}, {"name": "year", "type": "year"},
                {"name": "value", "type": "number"}]},
                "factcheck": {"kind": "observations", "entity": "entity", "indicator": {"constant": "T"},
                              "value": "value", "period": {"type": "year", "column": "year"},
                              "indicators": {"T": {"name": "toy_count", "unit": "person"}}}}]}
    (pkg / "datapackage.json").write_text(json.dumps(desc), encoding="utf-8")


def test_a_reference_store_others_can_write_is_rebuilt(cache_home, tmp_path):
    """The SQLite stores are data, never run; still, one that others may write to could hold
    other figures: it is refused and built again."""
    from factcheck.reference import Catalog

    _package(tmp_path / "data")
    Catalog([tmp_path / "data"])
    (target,) = [p for p in cache_home.glob("dataset-*.sqlite")]
    target.chmod(0o666)
    cat = Catalog([tmp_path / "data"])
    assert [o.value for o in cat.series("TUR", "toy_count")] == [7]
    assert stat.S_IMODE(target.stat().st_mode) & 0o022 == 0  # a new, private file


def test_the_command_line_warns_once_and_runs_without_the_cache(tmp_path):
    cache = tmp_path / "xdg" / "factcheck"
    cache.mkdir(parents=True)
    cache.chmod(0o777)
    env = {k: v for k, v in os.environ.items() if k != "FACTCHECK_NO_CACHE"}
    env["XDG_CACHE_HOME"] = str(tmp_path / "xdg")
    proc = subprocess.run([sys.executable, "-m", "factcheck", "rules", "list"], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr
    assert "FC110" in proc.stdout
    assert [line for line in proc.stderr.splitlines() if line.startswith("factcheck:")] == [
        (f"factcheck: warning: not using the cache folder {cache}: others can write to it (mode 0777); make it "
         "yours and private (chmod 700), remove it, or set XDG_CACHE_HOME")]
    assert list(cache.iterdir()) == []

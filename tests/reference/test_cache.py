"""The reference store in the cache: a warm start reads a small manifest (no pandas, no data
file read again), a package's store is opened on its first lookup, a changed package is the only
one rebuilt, and a damaged or tampered store is rebuilt, never run."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.reference import Catalog

PROBE = """
import sys, time
t = time.perf_counter()
from factcheck.reference import Catalog
cat = Catalog.default()
elapsed = time.perf_counter() - t
opened_at_start = len(cat._store._conns)
assert cat.series("TUR", "population")
print("pandas" in sys.modules, round(elapsed, 3), opened_at_start, sorted(cat._store._conns))
"""


def run_probe(cache: Path) -> tuple[bool, float, int, str]:
    env = dict(os.environ, XDG_CACHE_HOME=str(cache))
    env.pop("FACTCHECK_NO_CACHE", None)
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", PROBE], env=env, cwd=root, capture_output=True,
                         text=True, check=True).stdout.split(maxsplit=3)
    return out[0] == "True", float(out[1]), int(out[2]), out[3]


def test_warm_start_reads_the_manifest_and_opens_one_store_on_lookup(tmp_path):
    cold_pandas, _, _, _ = run_probe(tmp_path)
    assert cold_pandas  # the first run builds the stores with pandas
    folder = tmp_path / "factcheck"
    assert list(folder.glob("index-*.json")) and list(folder.glob("dataset-*.sqlite"))
    assert not list(folder.glob("index-*.pickle")) and not list(folder.glob("dataset-*.pickle"))
    warm_pandas, warm, opened, conns = run_probe(tmp_path)
    assert not warm_pandas
    assert opened == 0  # nothing but the manifest read at start
    (store,) = eval(conns)  # the population lookup opened the one store that holds it
    wdi = next(p for p in json.loads(next(folder.glob("index-*.json")).read_text())["packages"] if p["name"] == "wdi")
    assert store == wdi["store"]
    assert warm < 1.0  # typically ~0.01 s; generous for loaded CI machines


def test_unwritable_cache_builds_in_memory(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    cold_pandas, _, _, _ = run_probe(blocker)  # $XDG_CACHE_HOME/factcheck cannot be created
    assert cold_pandas


def test_the_manifest_key_follows_descriptors_and_the_store_key_the_data(tmp_path, make_package, own_cache):
    from factcheck.reference.store import compute_cache_key

    pkg = make_package(tmp_path / "root", "toy", [{"csv": "entity,year,value\nTUR,2019,1\n", "indicator": "toy"}])
    desc = pkg / "datapackage.json"
    k1 = compute_cache_key([desc])
    (pkg / "data" / "r0.csv").write_text("entity,year,value\nTUR,2019,2\n", encoding="utf-8")
    assert compute_cache_key([desc]) == k1  # a data file's change is found by its digest in the manifest
    assert [o.value for o in Catalog([tmp_path / "root"]).series("TUR", "toy")] == [2]
    desc.write_text(desc.read_text(encoding="utf-8").replace('"Toy"', '"Toy 2"'), encoding="utf-8")
    assert compute_cache_key([desc]) != k1


def stores(folder: Path) -> dict[str, str]:
    """Dataset name -> store file, from the newest manifest."""
    newest = max(folder.glob("index-*.json"), key=lambda p: p.stat().st_mtime_ns)
    return {p["name"]: p["store"] for p in json.loads(newest.read_text())["packages"]}


def test_a_changed_package_is_the_only_one_rebuilt(tmp_path, make_package, own_cache):
    root = tmp_path / "root"
    make_package(root, "alpha", [{"csv": "entity,year,value\nTUR,2019,1\nTUR,2020,2\n", "indicator": "alpha_count"}])
    beta = make_package(root, "beta", [{"csv": "entity,year,value\nSYR,2019,5\n", "indicator": "beta_count"}])
    Catalog([root]).series("TUR", "alpha_count")
    before = stores(own_cache)
    alpha_file = own_cache / before["alpha"]
    mtime = alpha_file.stat().st_mtime_ns
    (beta / "data" / "r0.csv").write_text("entity,year,value\nSYR,2019,6\nSYR,2020,7\n", encoding="utf-8")

    cat = Catalog([root])
    assert [o.value for o in cat.series("SYR", "beta_count")] == [6, 7]
    assert [o.value for o in cat.series("TUR", "alpha_count")] == [1, 2]
    after = stores(own_cache)
    assert after["alpha"] == before["alpha"] and alpha_file.stat().st_mtime_ns == mtime  # not rebuilt
    assert after["beta"] != before["beta"] and (own_cache / after["beta"]).is_file()
    assert cat.datasets["beta"].rows == 2 and cat.datasets["alpha"].rows == 2


@pytest.mark.parametrize("damage", ["garbage", "other store", "removed"])
def test_a_damaged_or_swapped_store_is_rebuilt(tmp_path, make_package, own_cache, damage):
    root = tmp_path / "root"
    make_package(root, "alpha", [{"csv": "entity,year,value\nTUR,2019,1\n", "indicator": "alpha_count"}])
    make_package(root, "beta", [{"csv": "entity,year,value\nSYR,2019,5\n", "indicator": "beta_count"}])
    Catalog([root])
    names = stores(own_cache)
    target = own_cache / names["alpha"]
    if damage == "garbage":
        target.write_bytes(b"cos\nsystem\n(S'echo pwned'\ntR." * 100)  # a pickle payload: read as data, refused
    elif damage == "other store":
        target.write_bytes((own_cache / names["beta"]).read_bytes())  # a sound store of another key
    else:
        target.unlink()
    cat = Catalog([root])
    assert [o.value for o in cat.series("TUR", "alpha_count")] == [1]
    assert cat.series("SYR", "beta_count")[0].value == 5
    assert target.read_bytes()[:16] == b"SQLite format 3\x00"
    assert not cat.series("SYR", "alpha_count")


def test_no_cache_builds_in_memory_and_writes_nothing(tmp_path, make_package, own_cache):
    root = tmp_path / "root"
    make_package(root, "alpha", [{"csv": "entity,year,value\nTUR,2019,1\n", "indicator": "alpha_count"}])
    cat = Catalog([root], use_cache=False)
    assert cat.latest("TUR", "alpha_count", __import__("datetime").date(2020, 1, 1)).value == 1
    assert not own_cache.exists() or not any(own_cache.iterdir())


def test_stores_no_manifest_names_are_pruned_once_old(tmp_path, make_package, own_cache):
    from factcheck.reference import store

    root = tmp_path / "root"
    pkg = make_package(root, "alpha", [{"csv": "entity,year,value\nTUR,2019,1\n", "indicator": "alpha_count"}])
    Catalog([root])
    first = own_cache / stores(own_cache)["alpha"]
    (pkg / "data" / "r0.csv").write_text("entity,year,value\nTUR,2019,3\n", encoding="utf-8")
    Catalog([root])
    assert first.is_file()  # young: perhaps a build in flight elsewhere
    old = first.stat().st_mtime - store.ORPHAN_SECONDS - 5
    os.utime(first, (old, old))
    store.prune(own_cache)
    assert not first.is_file()
    assert (own_cache / stores(own_cache)["alpha"]).is_file()  # the one the manifest names stays

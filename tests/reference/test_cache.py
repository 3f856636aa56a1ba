"""The index is cached on disk: a warm start neither imports pandas nor re-reads the CSVs."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PROBE = """
import sys, time
t = time.perf_counter()
from factcheck.reference import Catalog
cat = Catalog.default()
elapsed = time.perf_counter() - t
assert cat.series("TUR", "population")
print("pandas" in sys.modules, round(elapsed, 3))
"""


def run_probe(cache: Path) -> tuple[bool, float]:
    env = dict(os.environ, XDG_CACHE_HOME=str(cache))
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", PROBE], env=env, cwd=root, capture_output=True,
                         text=True, check=True).stdout.split()
    return out[0] == "True", float(out[1])


def test_warm_start_skips_pandas(tmp_path):
    cold_pandas, _ = run_probe(tmp_path)
    assert cold_pandas  # the first run builds the index with pandas
    assert list((tmp_path / "factcheck").glob("index-*.pickle"))
    warm_pandas, warm = run_probe(tmp_path)
    assert not warm_pandas
    assert warm < 1.0  # typically ~0.15 s; generous for loaded CI machines


def test_unwritable_cache_falls_back(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    cold_pandas, _ = run_probe(blocker)  # $XDG_CACHE_HOME/factcheck cannot be created
    assert cold_pandas


def test_changed_data_invalidates_cache(tmp_path):
    from factcheck.reference.index import compute_cache_key

    (tmp_path / "data").mkdir()
    (tmp_path / "datapackage.json").write_text(
        '{"name": "toy", "resources": [{"path": "data/toy.csv"}]}', encoding="utf-8")
    (tmp_path / "data" / "toy.csv").write_text("a\n1\n", encoding="utf-8")
    k1 = compute_cache_key([tmp_path / "datapackage.json"])
    (tmp_path / "data" / "toy.csv").write_text("a\n2\n", encoding="utf-8")
    assert compute_cache_key([tmp_path / "datapackage.json"]) != k1

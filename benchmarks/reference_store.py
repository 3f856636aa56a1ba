#!/usr/bin/env python3
"""Reference store benchmark: `factcheck check` of the seed with the whole WDI installed, and with
ten times as much reference data.

Two set-ups, each in a new, empty cache folder (XDG_CACHE_HOME in a temporary folder):

- **WDI**: the shipped data when ``reference_data/wdi`` holds the whole WDI (300 series or more);
  else the 325 series of ``../shared/reference/wdi_full`` made into a package named ``wdi_all``
  in a temporary folder and passed with ``--data``.
- **10x**: that, plus ten copies of the WDI package (datasets ``wdi_x0`` .. ``wdi_x9``, every
  indicator renamed ``<name>_x<k>``; the data files hard-linked), made at run time in a temporary
  folder, never kept.

For each: the cold run (the stores built: wall seconds, peak resident memory), then RUNS warm runs
(median wall seconds; peak resident memory, ``ru_maxrss`` of each child as ``wait4`` reports it),
and the size of the cache folder. ``--against DIR`` times a second source tree (another checkout
of factcheck, run with ``PYTHONPATH=DIR``) in the same way, each warm run right after this one's,
for a comparison that holds on a noisy machine. Exit 1 when a warm median is over its target
(WDI 0.35 s, 10x 0.5 s).

    python benchmarks/reference_store.py [--runs 9] [--skip-10x] [--against DIR] [--json]
"""
from __future__ import annotations

import argparse
import csv
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "idlib_joint_patrols_2020-02-20.txt"
WDI_FULL = ROOT.parent / "shared" / "reference" / "wdi_full" / "indicators"
TARGETS = {"WDI": 0.35, "10x": 0.5}


# --------------------------------------------------------------------------------------------
# data
# --------------------------------------------------------------------------------------------

def shipped_wdi() -> Path | None:
    """The shipped WDI package, when it holds the whole WDI."""
    desc = ROOT / "reference_data" / "wdi" / "datapackage.json"
    try:
        n = len(json.loads(desc.read_text(encoding="utf-8"))["resources"])
    except (OSError, ValueError, KeyError):
        return None
    return desc.parent if n >= 300 else None


def make_wdi_all(dest: Path, name: str = "wdi_all") -> Path:
    """A package of every series of ../shared/reference/wdi_full (entity, year, value; gzip)."""
    pkg = dest / name
    (pkg / "data").mkdir(parents=True)
    resources = []
    for d in sorted(p for p in WDI_FULL.iterdir() if (p / "data.csv").is_file()):
        code = d.name.upper()
        title = json.loads((d / "datapackage.json").read_text(encoding="utf-8")).get("title", code)
        with (d / "data.csv").open(encoding="utf-8", newline="") as fh:
            rows = [f"{r['Country Code']},{r['Year']},{r['Value']}\n" for r in csv.DictReader(fh) if r["Value"] != ""]
        rel = f"data/{d.name}.csv.gz"
        (pkg / rel).write_bytes(gzip.compress(("entity,year,value\n" + "".join(rows)).encode(), mtime=0))
        resources.append({
            "name": d.name.replace(".", "_"), "path": rel,
            "schema": {"fields": [
                {"name": "entity", "type": "string", "constraints": {"required": True, "pattern": "^[A-Z][A-Z0-9]{2}$"}},
                {"name": "year", "type": "year", "constraints": {"required": True}},
                {"name": "value", "type": "number", "constraints": {"required": True}}],
                "primaryKey": ["entity", "year"]},
            "factcheck": {"kind": "observations", "entity": "entity", "indicator": {"constant": code}, "value": "value",
                          "period": {"type": "year", "column": "year"},
                          "indicators": {code: {"name": f"{d.name.replace('.', '_')}_all", "series": title,
                                                "unit": "value", "source": "World Bank WDI", "vintage": "2026-07-01"}}}})
    desc = {"name": name, "title": "WDI, every series (benchmark copy)", "version": "bench",
            "sources": [{"title": "World Bank WDI via github.com/datasets/world-development-indicators",
                         "path": "https://github.com/datasets/world-development-indicators", "retrieved": "2026-11-27"}],
            "licenses": [{"name": "CC-BY-4.0"}], "resources": resources}
    (pkg / "datapackage.json").write_text(json.dumps(desc), encoding="utf-8")
    return pkg


def copy_renamed(src: Path, dest: Path, k: int) -> Path:
    """``src`` as dataset ``wdi_x<k>``, each indicator renamed ``<name>_x<k>``; data hard-linked."""
    desc = json.loads((src / "datapackage.json").read_text(encoding="utf-8"))
    desc["name"] = f"wdi_x{k}"
    desc["title"] = f"{desc.get('title', '')} (copy {k})"
    pkg = dest / desc["name"]
    for res in desc["resources"]:
        res.pop("hash", None)
        for meta in (res.get("factcheck") or {}).get("indicators", {}).values():
            meta["name"] = f"{meta['name']}_x{k}"
        target = pkg / res["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(src / res["path"], target)
        except OSError:
            shutil.copyfile(src / res["path"], target)
    (pkg / "datapackage.json").write_text(json.dumps(desc), encoding="utf-8")
    return pkg


# --------------------------------------------------------------------------------------------
# runs
# --------------------------------------------------------------------------------------------

def run(tree: Path, cache: Path, data: list[Path]) -> tuple[float, int]:
    """(wall seconds, peak resident KB) of one `factcheck check` of the seed."""
    env = dict(os.environ, XDG_CACHE_HOME=str(cache))
    env.pop("FACTCHECK_NO_CACHE", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: the cold run writes the bytecode, warm runs read it
    if tree != ROOT:
        env["PYTHONPATH"] = str(tree)
    cmd = [sys.executable, "-m", "factcheck", "check", str(SEED), "--isolated", "-f", "json"]
    for d in data:
        cmd += ["--data", str(d)]
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=tree, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = proc.stderr.read() if proc.stderr else b""
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        sys.exit(f"factcheck failed in {tree} (exit {proc.returncode}): {err.decode()[-600:]}")
    return wall, usage.ru_maxrss


def folder_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def measure(name: str, trees: list[Path], data: list[Path], runs: int, scratch: Path) -> list[dict]:
    out = []
    caches = [scratch / f"cache-{name}-{i}" for i in range(len(trees))]
    for tree, cache in zip(trees, caches):
        cold, cold_rss = run(tree, cache, data)
        out.append({"setup": name, "tree": str(tree), "cold_s": round(cold, 2), "cold_peak_mb": round(cold_rss / 1024, 1),
                    "warm_s": [], "warm_peak_mb": []})
    for _ in range(runs):  # this tree, then the other: the same moment of a noisy machine
        for row, tree, cache in zip(out, trees, caches):
            wall, rss = run(tree, cache, data)
            row["warm_s"].append(wall)
            row["warm_peak_mb"].append(rss / 1024)
    for row, cache in zip(out, caches):
        row["warm_median_s"] = round(statistics.median(row.pop("warm_s")), 3)
        row["warm_peak_mb"] = round(max(row["warm_peak_mb"]), 1)
        row["cache_mb"] = round(folder_mb(cache), 1)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--skip-10x", action="store_true", help="Only the WDI set-up.")
    ap.add_argument("--against", type=Path, metavar="DIR", help="Another source tree to time the same way.")
    ap.add_argument("--json", action="store_true", help="Print the figures as JSON.")
    args = ap.parse_args()
    trees = [ROOT] + ([args.against.resolve()] if args.against else [])
    with tempfile.TemporaryDirectory(prefix="fc-store-bench-") as tmp:
        scratch = Path(tmp)
        wdi = shipped_wdi()
        base: list[Path] = []
        if wdi is None:
            if not WDI_FULL.is_dir():
                sys.exit(f"the shipped WDI is not whole and {WDI_FULL} is missing")
            made = scratch / "wdi"
            wdi = make_wdi_all(made)
            base = [made]
        results = measure("WDI", trees, base, args.runs, scratch)
        if not args.skip_10x:
            tenx = scratch / "tenx"
            for k in range(10):
                copy_renamed(wdi, tenx, k)
            results += measure("10x", trees, base + [tenx], args.runs, scratch)
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print(f"{'set-up':<6} {'tree':<40} {'cold s':>7} {'cold peak MB':>13} {'warm median s':>14} "
              f"{'warm peak MB':>13} {'cache MB':>9}")
        for r in results:
            tree = r["tree"] if len(r["tree"]) <= 40 else "…" + r["tree"][-39:]
            print(f"{r['setup']:<6} {tree:<40} {r['cold_s']:>7.2f} {r['cold_peak_mb']:>13.1f} "
                  f"{r['warm_median_s']:>14.3f} {r['warm_peak_mb']:>13.1f} {r['cache_mb']:>9.1f}")
    over = [r for r in results if r["tree"] == str(ROOT) and r["warm_median_s"] > TARGETS[r["setup"]]]
    for r in over:
        print(f"{r['setup']}: warm median {r['warm_median_s']:.3f} s is over the {TARGETS[r['setup']]:.2f} s target")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())

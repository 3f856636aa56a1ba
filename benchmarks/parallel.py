"""Whole-folder check with worker processes and on Dask, against one process, in one run.

usage: python benchmarks/parallel.py [--articles 2000] [--format json] [--runs 3] [--modes 1,2,dask] [--json]

A folder of --articles articles is generated in a temporary folder from the stories of
../shared/realcopy (``corpus.py``; never committed). Each mode is a fresh ``factcheck check
FOLDER -f FORMAT -o FILE`` process: ``--jobs 1``, ``--jobs 2``, ``--dask local:2`` (a LocalCluster
of 2 worker processes, started by the run: its start is counted). The modes take turns, --runs
times; the median wall time of each is reported, with articles/s and characters/s, the speed-up
of --jobs 2 over --jobs 1 and the overhead of Dask over --jobs 2. The reports of every mode are
compared byte for byte. Caches are warm (one check runs first).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import ROOT, make_corpus  # noqa: E402

MODES = {"1": ["--jobs", "1"], "2": ["--jobs", "2"], "dask": ["--dask", "local:2"]}
NAMES = {"1": "--jobs 1", "2": "--jobs 2", "dask": "--dask local:2"}


def check(folder: Path, fmt: str, out: Path, extra: list[str]) -> float:
    cmd = [sys.executable, "-m", "factcheck", "check", str(folder), "-f", fmt, "-o", str(out), "--exit-zero", *extra]
    t = time.perf_counter()
    p = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    wall = time.perf_counter() - t
    if p.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{p.stderr[-3000:]}")
    return wall


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--format", default="json")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--modes", default="1,2,dask", help="comma-separated: 1, 2, dask")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    modes = args.modes.split(",")
    times: dict[str, list[float]] = {m: [] for m in modes}
    with tempfile.TemporaryDirectory(prefix="fc-parallel-") as tmp:
        folder = Path(tmp) / "articles"
        chars = make_corpus(args.articles, folder)
        warm = Path(tmp) / "warm"
        make_corpus(2, warm)
        check(warm, args.format, Path(tmp) / "warm.out", [])
        outputs = {}
        for r in range(args.runs):
            for m in modes:
                out = Path(tmp) / f"out-{m}.{args.format}"
                times[m].append(check(folder, args.format, out, MODES[m]))
                outputs[m] = out.read_bytes()
                print(f"run {r + 1}: {NAMES[m]:<15} {times[m][-1]:7.2f} s", flush=True)
        same = len({outputs[m] for m in modes}) == 1
    med = {m: statistics.median(t) for m, t in times.items()}
    print(f"\n{args.articles:,} articles, {chars / 1e6:.2f} M characters, -f {args.format}, {os.cpu_count()} cores; "
          f"median of {args.runs}")
    for m in modes:
        print(f"  {NAMES[m]:<15} {med[m]:7.2f} s  {args.articles / med[m]:7.1f} articles/s  {chars / med[m]:10,.0f} chars/s")
    if "1" in med and "2" in med:
        print(f"  speed-up of --jobs 2 over --jobs 1: {med['1'] / med['2']:.2f}x")
    if "2" in med and "dask" in med:
        print(f"  overhead of --dask local:2 over --jobs 2: {(med['dask'] / med['2'] - 1) * 100:+.1f}%")
    print(f"  reports identical across modes: {'yes' if same else 'NO'}")
    if args.json:
        print(json.dumps({"articles": args.articles, "chars": chars, "format": args.format, "times": times,
                          "median": med, "identical": same}, indent=1))
    if not same:
        sys.exit(1)


if __name__ == "__main__":
    main()

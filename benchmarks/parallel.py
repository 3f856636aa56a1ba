"""Whole-folder check with worker processes and on Dask, against one process, in one run.

usage: python benchmarks/parallel.py [--articles 2000] [--format json] [--runs 3] [--modes 1,2,dask,cluster] [--json]

A folder of --articles articles is generated in a temporary folder from the stories of
../shared/realcopy (``corpus.py``; never committed). Each mode is a fresh ``factcheck check
FOLDER -f FORMAT -o FILE`` process: ``--jobs 1``, ``--jobs 2``, ``--dask local:2`` (a LocalCluster of 2 worker
processes, started by the run: its start, about 2 s, is counted) and ``--dask ADDRESS`` of a
cluster already running (``cluster``: a LocalCluster of 2 worker processes that this script starts
first, as a newsroom keeps one running; its workers keep their loaded rules from run to run). The
modes take turns, --runs times; the median wall time of each is reported (and the CPU time of the check and the workers it
started: not those of the running cluster), with articles/s and
characters/s, the speed-up of --jobs 2 over --jobs 1 and the overhead of Dask over --jobs 2: as the ratio
of the medians and, run by run (the modes of one run measured one right after another, so a shared machine's drift
between runs cancels), as the median and range of the ratios. The reports of every mode are
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

MODES = {"1": ["--jobs", "1"], "2": ["--jobs", "2"], "dask": ["--dask", "local:2"], "cluster": ["--dask"]}
NAMES = {"1": "--jobs 1", "2": "--jobs 2", "dask": "--dask local:2", "cluster": "--dask ADDRESS"}


def check(folder: Path, fmt: str, out: Path, extra: list[str]) -> tuple[float, float]:
    """One check -> (wall seconds, CPU seconds of the process and the workers it started)."""
    cmd = [sys.executable, "-m", "factcheck", "check", str(folder), "-f", fmt, "-o", str(out), "--exit-zero", *extra]
    t = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{p.stderr.read().decode()[-3000:] if p.stderr else ''}")
    return wall, usage.ru_utime + usage.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--format", default="json")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--modes", default="1,2,dask,cluster", help="comma-separated: 1, 2, dask, cluster")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    modes = args.modes.split(",")
    times: dict[str, list[float]] = {m: [] for m in modes}
    cpu: dict[str, list[float]] = {m: [] for m in modes}
    cluster = None
    if "cluster" in modes:
        import distributed

        cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                           silence_logs=40)
        MODES["cluster"] = ["--dask", cluster.scheduler_address]
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
                wall, used = check(folder, args.format, out, MODES[m])
                times[m].append(wall)
                cpu[m].append(used)
                outputs[m] = out.read_bytes()
                print(f"run {r + 1}: {NAMES[m]:<15} {wall:7.2f} s  (CPU {used:6.2f} s)", flush=True)
        same = len({outputs[m] for m in modes}) == 1
    if cluster is not None:
        cluster.close()
    med = {m: statistics.median(t) for m, t in times.items()}
    load = os.getloadavg()[0]
    print(f"\n{args.articles:,} articles, {chars / 1e6:.2f} M characters, -f {args.format}, {os.cpu_count()} cores "
          f"(load average {load:.1f} at the end); median of {args.runs}")
    for m in modes:
        print(f"  {NAMES[m]:<15} {med[m]:7.2f} s  {args.articles / med[m]:7.1f} articles/s  {chars / med[m]:10,.0f} chars/s"
              f"  CPU {statistics.median(cpu[m]):6.2f} s")
    paired = {}
    if "1" in med and "2" in med:
        paired["speed-up"] = ratios = [a / b for a, b in zip(times["1"], times["2"])]
        print(f"  speed-up of --jobs 2 over --jobs 1: {med['1'] / med['2']:.2f}x (medians); run by run "
              f"{statistics.median(ratios):.2f}x median, {min(ratios):.2f}x-{max(ratios):.2f}x")
    for m in ("dask", "cluster"):
        if "2" in med and m in med:
            paired[m] = over = [(a / b - 1) * 100 for a, b in zip(times[m], times["2"])]
            print(f"  overhead of {NAMES[m]} over --jobs 2: {(med[m] / med['2'] - 1) * 100:+.1f}% (medians); run by run "
                  f"{statistics.median(over):+.1f}% median, {min(over):+.1f}% to {max(over):+.1f}%")
    print(f"  reports identical across modes: {'yes' if same else 'NO'}")
    if args.json:
        print(json.dumps({"articles": args.articles, "chars": chars, "format": args.format, "times": times, "cpu": cpu,
                          "median": med, "paired": paired, "identical": same}, indent=1))
    if not same:
        sys.exit(1)


if __name__ == "__main__":  # (the cluster's worker processes import this file again)
    main()

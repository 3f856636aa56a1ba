#!/usr/bin/env python3
"""Start-up benchmark: wall time of `factcheck check` on the seed article, as a newsroom runs it.

One warm-up run first (it fills the on-disk caches of the rule set, the extractor's tables and
the reference store, and writes Python's bytecode, as the first run on a machine does; it runs
without PYTHONDONTWRITEBYTECODE for that), then RUNS timed runs in the caller's environment;
prints each, the median, and whether the median is within the budget (0.5 s). Exit 1 when it is
not (so CI can hold the line).

    python benchmarks/startup.py [--runs 9] [--format terminal] [--budget 0.5] [--profile]

``--profile`` prints where the time goes instead: ``python -X importtime`` for imports (the top
15 by cumulative time) and cProfile of one run (top 25 by cumulative time).
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "idlib_joint_patrols_2020-02-20.txt"


def command(fmt: str) -> list[str]:
    exe = Path(sys.executable).with_name("factcheck")
    base = [str(exe)] if exe.exists() else [sys.executable, "-m", "factcheck"]
    return base + ["check", str(SEED), "--format", fmt, "--isolated"]


def timed(cmd: list[str], env: dict[str, str] | None = None) -> float:
    t = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT, env=env)
    elapsed = time.perf_counter() - t
    if proc.returncode not in (0, 1):
        sys.exit(f"factcheck failed (exit {proc.returncode}): {proc.stderr.decode()[-400:]}")
    return elapsed


def profile(fmt: str) -> None:
    env = dict(os.environ, PYTHONPROFILEIMPORTTIME="1")
    proc = subprocess.run([sys.executable, "-m", "factcheck", "check", str(SEED), "--format", fmt, "--isolated"],
                          cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    rows = []
    for line in proc.stderr.splitlines():
        if line.startswith("import time:") and "cumulative" not in line:
            parts = [p.strip() for p in line[len("import time:"):].split("|")]
            rows.append((int(parts[1]), parts[2]))
    print("imports, cumulative ms:")
    for cum, name in sorted(rows, reverse=True)[:15]:
        print(f"  {cum / 1000:8.1f}  {name}")
    code = ("import cProfile, pstats, sys; from factcheck.cli import main; "
            f"sys.argv = ['factcheck', 'check', {str(SEED)!r}, '--format', {fmt!r}, '--isolated']\n"
            "import io; out = sys.stdout; sys.stdout = io.StringIO()\n"
            "pr = cProfile.Profile(); pr.enable()\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "pr.disable(); sys.stdout = out; pstats.Stats(pr).sort_stats('cumulative').print_stats(25)")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--format", default="terminal")
    ap.add_argument("--budget", type=float, default=0.5)
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args()
    if args.profile:
        profile(args.format)
        return 0
    cmd = command(args.format)
    first = timed(cmd, {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"})
    runs = [timed(cmd) for _ in range(args.runs)]
    med = statistics.median(runs)
    print(f"first run {first:.3f} s; then " + " ".join(f"{t:.3f}" for t in runs))
    ok = med <= args.budget
    print(f"median of {len(runs)}: {med:.3f} s ({'within' if ok else 'OVER'} the {args.budget:.2f} s budget)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

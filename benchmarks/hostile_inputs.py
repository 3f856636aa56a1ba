"""Hostile drafts at 1x, 2x and 4x their test size: time and peak memory of reading and checking
each (SECURITY.md, "Probes: Drafts"). The probes are tests/robustness/hostile_drafts.py.

Each size is read in a fresh process (so peak memory is that probe's own: the process's peak
resident set, less what it held before the draft was read), best time of ``--repeat`` runs.

    .venv/bin/python benchmarks/hostile_inputs.py [--scale 10] [--only html] [--repeat 3]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import importlib.util, json, resource, sys, time
spec = importlib.util.spec_from_file_location("hd", sys.argv[1])
hd = importlib.util.module_from_spec(spec); sys.modules["hd"] = hd; spec.loader.exec_module(hd)
import factcheck
from factcheck.documents import from_bytes
from factcheck.errors import FactcheckError
probe = next(p for p in hd.PROBES if p.name == sys.argv[2])
n, repeat = int(sys.argv[3]), int(sys.argv[4])
ck = factcheck.default_checker()
ck.check_text("Turkey hosts 3.6 million Syrian refugees.", as_of="2020-02-20")
data = probe.build(n)
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
best, outcome = float("inf"), ""
for _ in range(repeat):
    t = time.perf_counter()
    try:
        r = ck.check_document(from_bytes(data, "draft" + probe.suffix, "2020-02-20"))
        outcome = f"report, {len(r.findings)} findings"
    except FactcheckError as ex:
        outcome = "refused: " + str(ex).split(": ", 1)[1][:60]
    best = min(best, time.perf_counter() - t)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"bytes": len(data), "seconds": best, "mb": max(0, peak - before) / 1024, "outcome": outcome}))
"""


def measure(name: str, n: int, repeat: int) -> dict:
    proc = subprocess.run([sys.executable, "-c", CHILD, str(ROOT / "tests/robustness/hostile_drafts.py"), name,
                           str(n), str(repeat)], capture_output=True, text=True, cwd=ROOT, timeout=1800, check=False)
    if proc.returncode != 0:
        return {"bytes": 0, "seconds": float("nan"), "mb": float("nan"), "outcome": "FAILED: " + proc.stderr[-300:]}
    return json.loads(proc.stdout)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scale", type=int, default=1, help="1x is this many times the test's size (default 1)")
    ap.add_argument("--only", default="", help="only the probes whose name holds this")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT / "tests/robustness"))
    import hostile_drafts as hd

    print("| probe | 1x | time 1x / 2x / 4x (s) | 2x/1x, 4x/2x | added peak memory 1x / 2x / 4x (MB) | outcome |")
    print("|---|---|---|---|---|---|")
    for p in hd.PROBES:
        if args.only and args.only not in p.name:
            continue
        base = p.base * args.scale
        got = [measure(p.name, base * k, args.repeat) for k in (1, 2, 4)]
        t = [g["seconds"] for g in got]
        ratios = f"{t[1] / t[0]:.1f}, {t[2] / t[1]:.1f}" if t[0] > 0 and t[1] > 0 else "-"
        print(f"| {p.name} | {base:,} {p.unit} ({got[0]['bytes'] / 1e6:.2f} MB) | "
              f"{t[0]:.3f} / {t[1]:.3f} / {t[2]:.3f} | {ratios} | "
              f"{got[0]['mb']:.0f} / {got[1]['mb']:.0f} / {got[2]['mb']:.0f} | {got[0]['outcome']} |", flush=True)


if __name__ == "__main__":
    main()

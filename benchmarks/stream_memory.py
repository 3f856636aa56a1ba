"""Peak memory of a whole-folder check as the folder grows: reports are written document by
document, so the peak should not grow with the number of documents.

usage: python benchmarks/stream_memory.py [--base 500] [--formats json,sarif] [--jobs 1] [--against DIR] [--json]

A corpus of --base, 4x and 16x articles is generated in a temporary folder from the stories of
../shared/realcopy (``corpus.py``; never committed). Each size and format is one fresh
``factcheck check FOLDER -f FORMAT -o FILE`` process (warm caches: one check runs first); its
peak resident memory is the child's ``ru_maxrss`` (``os.wait4``), with its wall time and the size
of the report. ``--against DIR`` measures another source tree the same way (e.g. a checkout of the
commit before streaming: ``git worktree add /tmp/before <commit>``), run with PYTHONPATH=DIR.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import ROOT, make_corpus  # noqa: E402


def measure(tree: Path, folder: Path, fmt: str, out: Path, jobs: int) -> dict[str, float]:
    """One check as a child process -> peak MiB, seconds, report MB."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    cmd = [sys.executable, "-m", "factcheck", "check", str(folder), "-f", fmt, "-o", str(out), "--exit-zero"]
    if jobs != 1:
        cmd += ["--jobs", str(jobs)]
    t = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=tempfile.gettempdir(), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {p.stderr.read().decode()[-2000:] if p.stderr else ''}")
    return {"peak_mib": usage.ru_maxrss / 1024, "seconds": wall, "report_mb": out.stat().st_size / 1e6}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", type=int, default=500, help="articles at 1x (default 500: 500, 2,000, 8,000)")
    ap.add_argument("--formats", default="json,sarif")
    ap.add_argument("--jobs", type=int, default=1, help="--jobs of the measured check (peak of the parent process)")
    ap.add_argument("--against", type=Path, metavar="DIR", help="Another source tree to measure the same way.")
    ap.add_argument("--json", action="store_true", help="Print the rows as JSON too.")
    args = ap.parse_args()
    trees = [ROOT] + ([args.against.resolve()] if args.against else [])
    rows = []
    with tempfile.TemporaryDirectory(prefix="fc-stream-") as tmp:
        base = Path(tmp)
        sizes = [args.base, 4 * args.base, 16 * args.base]
        corpora = {}
        for n in sizes:
            chars = make_corpus(n, base / f"c{n}")
            corpora[n] = (base / f"c{n}", chars)
        for tree in trees:
            measure(tree, base / f"c{sizes[0]}", "json", base / "warm.json", 1)  # caches warm
            for fmt in args.formats.split(","):
                for n in sizes:
                    folder, chars = corpora[n]
                    m = measure(tree, folder, fmt, base / f"out.{fmt}", args.jobs)
                    row = {"tree": str(tree), "format": fmt, "articles": n, "chars": chars, **m}
                    rows.append(row)
                    print(f"{tree.name:<12} {fmt:<6} {n:>7,} articles {chars / 1e6:6.1f} M chars   peak "
                          f"{m['peak_mib']:7.1f} MiB   {m['seconds']:7.1f} s   report {m['report_mb']:7.1f} MB",
                          flush=True)
    if args.json:
        print(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()

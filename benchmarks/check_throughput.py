#!/usr/bin/env python3
"""Whole-folder `factcheck check` throughput on one core: characters and articles per second.

The corpus is news copy read at benchmark time, never copied into the project: by default the
906 Reuters stories of ``../shared/realcopy/reuters-1987-dev`` (1.25 million characters);
``--corpus DIR`` names another folder (every ``*.txt`` in it). Two figures, after one warm-up run
that fills the caches (rule set, extractor tables, reference store):

- **process**: ``factcheck check DIR -f json -o /dev/null`` as a child process, exactly as a user
  runs it, start-up included (``python -m factcheck``, one process, one core); the median wall
  time of ``--runs`` runs.
- **in process**: the same run inside one warm interpreter (read every document, check it,
  render the JSON report), start-up and imports left out: what a long run over an archive costs
  per document; the median of ``--runs`` runs.

Characters are those of the documents as read (``len(doc.text)``). ``--against DIR`` times a
second source tree (another checkout of factcheck, run with ``PYTHONPATH=DIR``) the same way,
each run right after this tree's (in process: one warm interpreter per tree, taking turns run
by run), for a comparison that holds on a noisy machine. ``--profile``
prints where the in-process time goes (cProfile, the 30 costliest functions).

``--stages`` prints the wall time of each stage (segmenting, extraction, framing and ranking the
rules, country mentions, lookup, consistency checks, the JSON report) in the fastest run, of this
tree and of the ``--against`` tree side by side.

    python benchmarks/check_throughput.py [--corpus DIR] [--runs 5] [--against DIR] [--stages] [--profile] [--json]
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "realcopy" / "reuters-1987-dev"
TARGET = 1_000_000  # chars/s per core (issue 13)
#: The stages --stages reports, in pipeline order (those indented are part of the one above).
STAGES = ("segment (sentences)", "extract (every figure, include_all)",
          "claims.frame (all of framing and rule ranking)",
          "  of it: concepts and clauses (framing.frame_segments)", "  of it: country mentions (find_mentions)",
          "lookup and judge (Checker._assess)", "consistency checks", "JSON report")

#: Run inside a child interpreter: time the in-process check of the corpus ``--runs`` times.
_IN_PROCESS = r"""
import json, sys, time
from factcheck.config import load_config
import factcheck.report
from factcheck.workflow import check_documents, read_documents

corpus, runs, profile, stages = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1", sys.argv[4] == "1"
cfg = load_config(None, isolated=True)
spent = {}
if stages:  # wall time per stage, by wrapping each stage's entry point
    import importlib
    import factcheck.consistency as consistency
    import factcheck.framing as framing
    import factcheck.pipeline as pipeline
    import factcheck.reference.entities as entities
    import factcheck.report as report_pkg

    def wrap(owner, name, label):
        f = getattr(owner, name)
        def timed(*a, **k):
            t = time.perf_counter()
            try:
                return f(*a, **k)
            finally:
                spent[label] = spent.get(label, 0.0) + time.perf_counter() - t
        setattr(owner, name, timed)

    wrap(pipeline, "segment", "segment (sentences)")
    wrap(importlib.import_module("factcheck.extract"), "extract", "extract (every figure, include_all)")
    wrap(pipeline, "frame", "claims.frame (all of framing and rule ranking)")
    wrap(framing, "frame_segments", "  of it: concepts and clauses (framing.frame_segments)")
    wrap(entities.EntityResolver, "find_mentions", "  of it: country mentions (find_mentions)")
    wrap(pipeline.Checker, "_assess", "lookup and judge (Checker._assess)")
    wrap(consistency, "check_consistency", "consistency checks")
    wrap(report_pkg, "render", "JSON report")


def once():
    docs = read_documents([corpus], cfg)
    report = check_documents(docs, cfg)
    factcheck.report.render(report, "json")
    return sum(len(d.text) for d in docs), len(docs)


once()  # warm: caches loaded, stores opened
print("ready", flush=True)
# One timed run per line read ("run"), so that the parent can take turns between trees.
for line in sys.stdin:
    if line.strip() != "run":
        break
    spent.clear()
    t = time.perf_counter()
    chars, n = once()
    print(json.dumps({"chars": chars, "docs": n, "time": time.perf_counter() - t, "stages": dict(spent)}),
          flush=True)
if profile:
    import cProfile, pstats
    pr = cProfile.Profile()
    pr.runcall(once)
    pstats.Stats(pr, stream=sys.stderr).sort_stats("tottime").print_stats(30)
"""


def _env(tree: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(tree)
    env.pop("FACTCHECK_NO_CACHE", None)
    return env


def process_run(tree: Path, corpus: Path) -> float:
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "factcheck", "check", str(corpus), "-f", "json", "-o", os.devnull,
                    "--isolated", "--exit-zero"], env=_env(tree), cwd=tree, check=True,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - t


def in_process(trees: list[Path], corpus: Path, runs: int, profile: bool, stages: bool = False
               ) -> dict[Path, dict[str, object]]:
    """``runs`` timed runs in one warm interpreter per tree, the trees taking turns run by run (so
    that a busy minute on a shared machine slows each alike); --profile for the first tree only."""
    children = {}
    for i, tree in enumerate(trees):
        child = subprocess.Popen([sys.executable, "-c", _IN_PROCESS, str(corpus), str(runs),
                                  "1" if profile and i == 0 else "0", "1" if stages else "0"],
                                 env=_env(tree), cwd=tree, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        children[tree] = child
    got: dict[Path, dict[str, object]] = {}
    try:
        for tree, child in children.items():  # every tree warm before the first timed run
            assert child.stdout is not None
            if child.stdout.readline().strip() != "ready":
                raise SystemExit(f"check_throughput: the in-process run of {tree} failed")
        for _ in range(runs):
            for tree, child in children.items():
                assert child.stdin is not None and child.stdout is not None
                child.stdin.write("run\n")
                child.stdin.flush()
                one = json.loads(child.stdout.readline())
                r = got.setdefault(tree, {"chars": one["chars"], "docs": one["docs"], "times": [], "stages": {}})
                r["times"].append(one["time"])  # type: ignore[union-attr]
                if one["time"] <= min(r["times"]):  # type: ignore[type-var]
                    r["stages"] = one["stages"]
    finally:
        for child in children.values():
            assert child.stdin is not None
            child.stdin.close()
            child.wait()
    return got


def corpus_size(corpus: Path) -> tuple[int, int]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.rglob("*.txt"))]
    return sum(len(t) for t in texts), len(texts)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="A folder of news copy (default: %(default)s).")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--against", type=Path, metavar="DIR", help="Another source tree to time the same way.")
    ap.add_argument("--profile", action="store_true", help="Where the in-process time goes (cProfile).")
    ap.add_argument("--stages", action="store_true",
                    help="Where the in-process time goes: wall seconds per stage of the fastest run.")
    ap.add_argument("--json", action="store_true", help="The figures as JSON.")
    args = ap.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"check_throughput: {args.corpus}: no such folder (the shared news copy is read at benchmark "
              "time; pass --corpus DIR)", file=sys.stderr)
        return 2
    trees = [ROOT] + ([args.against.resolve()] if args.against else [])
    chars, docs = corpus_size(args.corpus)
    for tree in trees:  # warm-up: every cache built
        process_run(tree, args.corpus)
    walls: dict[Path, list[float]] = {t: [] for t in trees}
    for _ in range(args.runs):
        for tree in trees:
            walls[tree].append(process_run(tree, args.corpus))
    results = {}
    timed = in_process(trees, args.corpus, args.runs, args.profile, args.stages)
    for tree in trees:
        got = timed[tree]
        wall = statistics.median(walls[tree])
        inproc = statistics.median(got["times"])  # type: ignore[arg-type]
        results[str(tree)] = {
            "process_seconds": round(wall, 3), "process_chars_per_s": round(chars / wall),
            "process_articles_per_s": round(docs / wall, 1),
            "in_process_seconds": round(inproc, 3), "in_process_chars_per_s": round(got["chars"] / inproc),  # type: ignore[operator]
            "in_process_articles_per_s": round(got["docs"] / inproc, 1),  # type: ignore[operator]
            "stages": got.get("stages") or {}, "fastest_seconds": round(min(got["times"]), 3),  # type: ignore[arg-type]
        }
    if args.json:
        print(json.dumps({"corpus": str(args.corpus), "chars": chars, "articles": docs, "runs": args.runs,
                          "results": results}, indent=2))
        return 0
    print(f"corpus {args.corpus}: {docs:,} articles, {chars:,} chars; median of {args.runs} runs, warm caches")
    for tree, r in results.items():
        print(f"{tree}")
        print(f"  process     factcheck check DIR -f json -o /dev/null   {r['process_seconds']:6.2f} s  "
              f"{r['process_chars_per_s']:>10,} chars/s  {r['process_articles_per_s']:7.1f} articles/s")
        print(f"  in process  read, check, render JSON (no start-up)     {r['in_process_seconds']:6.2f} s  "
              f"{r['in_process_chars_per_s']:>10,} chars/s  {r['in_process_articles_per_s']:7.1f} articles/s")
    if args.stages:
        print("where the in-process time goes (the fastest run of each tree; each stage's entry point wrapped;"
              + (" this tree, then the other" if args.against else "") + "):")
        cols = [(results[str(t)]["stages"], results[str(t)]["fastest_seconds"]) for t in trees]

        def row(secs: list[float], label: str) -> None:
            print("  " + "  ".join(f"{sec:6.2f} s {100 * sec / whole:5.1f}%" for sec, (_, whole) in zip(secs, cols))
                  + f"  {label}")

        for label in STAGES:
            row([st.get(label, 0.0) for st, _ in cols], label)  # type: ignore[union-attr]
        row([whole - sum(v for k, v in st.items() if not k.startswith(" ")) for st, whole in cols],  # type: ignore
            "the rest (reading files, selection, the run's loop)")
        row([whole for _, whole in cols], "the whole run")
    if args.against:
        a, b = results[str(trees[0])], results[str(trees[1])]
        print(f"speed-up over {trees[1]}: process {b['process_seconds'] / a['process_seconds']:.2f}x, "
              f"in process {b['in_process_seconds'] / a['in_process_seconds']:.2f}x")
    best = results[str(trees[0])]["process_chars_per_s"]
    print(f"target {TARGET:,} chars/s per core: {'met' if best >= TARGET else 'not met'} ({best:,})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

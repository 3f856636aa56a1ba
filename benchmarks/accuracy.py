"""Accuracy of factcheck.extract on the shared corpora, per corpus and per category.

usage: python benchmarks/accuracy.py [--corpora DIR] [--misses N] [--json]

Scores exactly as ../shared/tools/score_extraction.py does (it imports that scorer's matching
functions), and prints one table: items, value P/R/F1, value+unit P/R/F1 for every corpus and
category, and the ALL line. The corpora are read where they live; nothing is copied.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPORA = ("recognizers-text", "quantulum3", "duckling")


def _scorer(tools: Path) -> Any:
    sys.path.insert(0, str(tools))
    import score_extraction  # type: ignore[import-not-found]

    return score_extraction


def score(corpora_dir: Path, tools: Path, misses: int = 0) -> tuple[dict[str, list[int]], list[tuple[Any, ...]]]:
    """Counts per key (corpus, corpus/category, ALL): [tp_value, tp_unit, n_pred, n_expected]."""
    sys.path.insert(0, str(ROOT))
    from factcheck.extract import extract

    s = _scorer(tools)
    from corpus_units import in_scope  # type: ignore[import-not-found]

    table: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    missed: list[tuple[Any, ...]] = []
    for name in CORPORA:
        path = corpora_dir / f"{name}.jsonl"
        for line in path.read_text(encoding="utf-8").splitlines():
            case = json.loads(line)
            meta = case.get("meta") or {}
            if meta.get("exclude"):
                continue
            scope = meta.get("gold_scope", "all")
            pred = [p for p in s.predictions(extract(case["text"])) if in_scope(p["unit"], scope)]
            exp = case["expected"]
            tv = s.match(exp, pred, s.m_value)
            tu = tv if scope == "values" else s.match(exp, pred, s.m_unit)
            for key in (name, f"{name}/{case.get('category')}", "ALL"):
                row = table[key]
                row[0] += tv
                row[1] += tu
                row[2] += len(pred)
                row[3] += len(exp)
            if (tu < len(exp) or len(pred) > len(exp)) and len(missed) < misses:
                missed.append((case["id"], case["text"][:120], [(e["value"], e["unit"]) for e in exp],
                               [(p["value"], p["unit"]) for p in pred]))
    return dict(table), missed


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpora", type=Path, default=SHARED / "corpora")
    ap.add_argument("--tools", type=Path, default=SHARED / "tools")
    ap.add_argument("--misses", type=int, default=0)
    ap.add_argument("--json", action="store_true", help="print the table as JSON")
    args = ap.parse_args(argv)
    table, missed = score(args.corpora, args.tools, args.misses)
    prf = _scorer(args.tools).prf
    rows = []
    for key in sorted(table, key=lambda k: (k == "ALL", k)):
        tv, tu, npred, nexp = table[key]
        pv, rv, fv = prf(tv, npred, nexp)
        pu, ru, fu = prf(tu, npred, nexp)
        rows.append({"key": key, "items": nexp, "value": [pv, rv, fv], "value_unit": [pu, ru, fu]})
    if args.json:
        print(json.dumps(rows, indent=1))
        return 0
    print(f"{'corpus / category':36s} {'items':>5s}   {'value P':>7s} {'R':>5s} {'F1':>5s}   {'v+unit P':>8s} {'R':>5s} {'F1':>5s}")
    for r in rows:
        pv, rv, fv = r["value"]
        pu, ru, fu = r["value_unit"]
        print(f"{r['key']:36s} {r['items']:5d}   {pv:7.3f} {rv:5.3f} {fv:5.3f}   {pu:8.3f} {ru:5.3f} {fu:5.3f}")
    for m in missed:
        print(f"  miss {m[0]}: {m[1]!r}\n       want {m[2]}\n       got  {m[3]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

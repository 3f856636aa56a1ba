"""Warm throughput of factcheck.extract, in characters per second on one core.

usage: python benchmarks/throughput.py [--size 1000000] [--repeat 3] [--corpora DIR]

Concepts (what each figure measures) are bound when first read; the "concepts read" lines
include that binding. Two measurements: a generated news-like text of about --size characters (sentences built from
templates with figures, dates, money, percentages and plain prose, fixed seed), extracted in one
call and sentence by sentence; and the shared corpora, one call per case (short, dense texts, as
../shared/tools/score_extraction.py times them). The best of --repeat runs is reported.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

_PROSE = [
    "The official said the talks had not been completely without a result.",
    "Ministers met in the capital to discuss the proposal and agreed to meet again.",
    "Critics said the plan would do little to address the underlying problems.",
    "The spokesman declined to comment on the report, citing an ongoing investigation.",
    "Analysts expect the decision to be delayed until the end of the month.",
    "Residents said they had not been warned before the work began.",
    "One way to reach a deal would be to hold joint patrols, the official said.",
]
_FIGURES = [
    "Turkey has taken in about {m}.{d} million refugees since the war started.",
    "The United Nations says more than {k},000 people have fled their homes since early December.",
    "The company reported revenue of ${m}.{d}bn in {y}, up {p}.{d}% from a year earlier.",
    "Unemployment fell {d} percentage points to {p}.{d} per cent in {month} {y}.",
    "The minimum pension increased to ${k}, still ${h} below the hunger threshold.",
    "Prices rose by {p} percent in the first {n} months, the statistics office said on {mon}. {day}.",
    "The {n}-year-old conflict has killed at least {k},{k2} civilians, a monitoring group said.",
    "Rainfall reached {h} mm on {mon}. {day}, while temperatures hit {p} degrees Celsius.",
    "The new line will be {h} km long and is expected to cost between £{m} and £{m2} billion.",
    "Some {word} officials attended the summit in {y}, compared with {k} in {y2}.",
    "Exports to the region doubled to €{m}.{d} million, or roughly a third of the total.",
]
_WORDS = ["two", "three", "five", "twelve", "twenty", "several hundred", "a dozen"]
_MONTHS = ["January", "March", "July", "October"]
_MON = ["Jan", "Feb", "Aug", "Dec"]


def news_text(size: int, seed: int = 7) -> str:
    """A deterministic news-like text of about ``size`` characters (about one figure per 120 chars)."""
    rnd = random.Random(seed)
    parts: list[str] = []
    n = 0
    while n < size:
        if rnd.random() < 0.45:
            s = rnd.choice(_FIGURES).format(
                m=rnd.randint(1, 95), m2=rnd.randint(96, 300), d=rnd.randint(1, 9), k=rnd.randint(100, 999),
                k2=rnd.randint(100, 999), h=rnd.randint(2, 99) * 10, p=rnd.randint(2, 60), n=rnd.randint(2, 12),
                y=rnd.randint(1990, 2024), y2=rnd.randint(1990, 2024), month=rnd.choice(_MONTHS),
                mon=rnd.choice(_MON), day=rnd.randint(1, 28), word=rnd.choice(_WORDS))
        else:
            s = rnd.choice(_PROSE)
        parts.append(s)
        n += len(s) + 1
        if rnd.random() < 0.15:
            parts.append("\n\n")
    return " ".join(parts)


def corpus_texts(corpora: Path) -> list[str]:
    out: list[str] = []
    for name in ("recognizers-text", "quantulum3", "duckling"):
        for line in (corpora / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            case = json.loads(line)
            if not (case.get("meta") or {}).get("exclude"):
                out.append(case["text"])
    return out


def best_rate(fn: Callable[[], int], repeat: int) -> float:
    best = 0.0
    for _ in range(repeat):
        t = time.perf_counter()
        chars = fn()
        dt = time.perf_counter() - t
        best = max(best, chars / dt if dt else 0.0)
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--corpora", type=Path, default=SHARED / "corpora")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    t0 = time.perf_counter()
    from factcheck.extract import extract

    extract("warm up: 3.7 million people and $5")
    start_up = time.perf_counter() - t0
    text = news_text(args.size)
    sentences = [s for s in text.replace("\n", " ").split(". ") if s]
    found = len(extract(text))

    def whole() -> int:
        extract(text)
        return len(text)

    def by_sentence() -> int:
        for s in sentences:
            extract(s)
        return sum(len(s) for s in sentences)

    def whole_with_concepts() -> int:
        for q in extract(text):
            q.concept  # noqa: B018 - reading it binds every figure of the text to what it measures
        return len(text)

    print(f"start-up (import + compile rules): {start_up:.2f} s")
    print(f"news-like text, {len(text):,} chars, {found:,} statistics")
    print(f"  one call          {best_rate(whole, args.repeat):12,.0f} chars/s")
    print(f"  per sentence      {best_rate(by_sentence, args.repeat):12,.0f} chars/s")
    print(f"  one call, every figure's concept read {best_rate(whole_with_concepts, args.repeat):12,.0f} chars/s")
    if (args.corpora / "duckling.jsonl").exists():
        texts = corpus_texts(args.corpora)

        def corpora() -> int:
            for s in texts:
                extract(s)
            return sum(len(s) for s in texts)

        print(f"corpora, {len(texts):,} cases, {sum(len(s) for s in texts):,} chars")
        def corpora_with_concepts() -> int:
            for s in texts:
                for q in extract(s):
                    q.concept  # noqa: B018
            return sum(len(s) for s in texts)

        print(f"  per case          {best_rate(corpora, args.repeat):12,.0f} chars/s")
        print(f"  per case, concepts read {best_rate(corpora_with_concepts, args.repeat):12,.0f} chars/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Accuracy floor on the shared corpora (read in place from ../shared/corpora; skipped if absent).

A regression guard, not a benchmark: benchmarks/accuracy.py prints the full table.
"""
from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[3] / "shared"


@pytest.mark.skipif(not (SHARED / "corpora" / "duckling.jsonl").exists(), reason="shared corpora not present")
def test_corpus_accuracy_floor() -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    import accuracy  # type: ignore[import-not-found]

    table, _ = accuracy.score(SHARED / "corpora", SHARED / "tools")
    prf = accuracy._scorer(SHARED / "tools").prf
    tv, tu, npred, nexp = table["ALL"]
    assert prf(tv, npred, nexp)[2] >= 0.94
    assert prf(tu, npred, nexp)[2] >= 0.92
    for name in ("recognizers-text", "quantulum3", "duckling"):
        tv, tu, npred, nexp = table[name]
        assert prf(tu, npred, nexp)[2] >= 0.88, name

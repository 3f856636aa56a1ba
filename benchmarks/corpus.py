"""A folder of N news articles for the benchmarks, generated at benchmark time from the stories
in ../shared/realcopy (never committed): the stories are taken in turn, as often as N needs,
each written under a new name that keeps its date (``000123_r00047_1987-02-26.txt``).

    from corpus import make_corpus, stories
    make_corpus(2000, folder)   # -> number of characters written
"""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REALCOPY = ROOT.parent / "shared" / "realcopy"


def stories() -> list[Path]:
    found = sorted(p for p in REALCOPY.glob("*/*.txt") if p.is_file())
    if not found:
        raise SystemExit(f"no stories in {REALCOPY}/*/ (the shared real copy is needed)")
    return found


def make_corpus(n: int, folder: Path) -> int:
    """``n`` articles in ``folder`` (made if missing) -> characters written."""
    folder.mkdir(parents=True, exist_ok=True)
    src = stories()
    texts = [p.read_text(encoding="utf-8") for p in src]
    chars = 0
    for i in range(n):
        k = i % len(src)
        (folder / f"{i:06d}_{src[k].name}").write_text(texts[k], encoding="utf-8")
        chars += len(texts[k])
    return chars

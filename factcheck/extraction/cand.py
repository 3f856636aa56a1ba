"""The working record of the pass (``Cand``: a number being read) and the state every stage of one
pass shares (``PassState``: the compiled tables, the text, the numbers read so far)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Qualifier, Quantity
from .tables import Compiled

_LAST_WORD = re.compile(r"([A-Za-z']+)\W*$")
_NEXT_WORD = re.compile(r"\W{0,3}?([A-Za-z']+)")
_FRACTION_OF = re.compile(r"\s+(?:of\s+)?(?:an?\s+)?(?=[A-Za-z])|-(?=[A-Za-z])", re.I)


@dataclass
class Cand:
    """A number being read: where it is, what it is, and what was found around it."""

    start: int
    end: int
    num_start: int
    num_end: int
    value: float
    precision: float | None
    kind: str = "count"
    unit: str | None = None
    qualifier: Qualifier = Qualifier.EXACT
    direction: str | None = None
    change: str | None = None
    scale: float = 1.0
    words: bool = False
    plain: bool = False
    currency_left: bool = False
    rng: str | None = None
    low: float | None = None
    high: float | None = None
    dead: bool = False
    subunit: bool = False
    raw: str = ""
    noun: str | None = None
    flags: set[str] = field(default_factory=set)

def _clean(v: float) -> float:
    """Drop binary noise from a product ("16.4 million" is 16400000, not 16399999.999999998)."""
    return float(f"{v:.15g}")


def _word_before(text: str, pos: int) -> str:
    m = _LAST_WORD.search(text, max(0, pos - 30), pos)
    return m.group(1).lower() if m else ""


def _word_after(text: str, pos: int) -> str:
    m = _NEXT_WORD.match(text, pos, pos + 30)
    return m.group(1).lower() if m else ""


class PassState:
    """One extraction over one text: what the scan, the readers, the joiner and the builder share.

    NOTE: the stages are mixins of one class (extraction/api.py ``_Pass``) so that a number's
    readers call one another as methods, exactly as when the pass was a single class.
    """

    def __init__(self, c: Compiled, text: str) -> None:
        self.c = c
        self.text = text
        self.cands: list[Cand] = []
        self.others: list[Quantity] = []
        #: End of the last text consumed (a number's context never reaches back past it).
        self.floor = 0

    def _scale(self, cand: Cand, mult: float) -> None:
        cand.value = _clean(cand.value * mult)
        if cand.precision is not None:
            cand.precision = _clean(cand.precision * mult)
        cand.scale *= mult

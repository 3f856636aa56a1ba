"""The extraction pass assembled from its stages, and ``extract()``."""
from __future__ import annotations

from typing import Sequence

from ..model import Quantity
from .build import Builder
from .compile import compiled_rules
from .join import Joiner
from .scan import Scanner


class _Pass(Scanner, Joiner, Builder):
    """One extraction over one text: scan (with left and right context), join, build."""


def extract(text: str, *, include_all: bool = False, rule_paths: Sequence[str] | None = None,
            concepts: bool = True) -> list[Quantity]:
    """Quantities in ``text``, in order of appearance.

    Statistics only by default (``Quantity.is_statistic``); ``include_all=True`` adds dates,
    times, years, codes, phone numbers, list and page numbers and vague amounts, each with its kind.
    Each statistic carries ``concept``, what it measures (``framing.concept``), unless
    ``concepts=False``.
    """
    c = compiled_rules(tuple(rule_paths) if rule_paths else None)
    p = _Pass(c, text)
    p.run()
    p.join()
    if not concepts:
        return p.quantities(include_all)
    from ..framing.concept import bind_lazily

    # Bound with every quantity in view (years and dates sit inside the phrases figures
    # measure) the first time a figure's concept is read; then keep what was asked for.
    bound = bind_lazily(text, p.quantities(True))
    return bound if include_all else [q for q in bound if q.is_statistic]

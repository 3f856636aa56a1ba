"""The extraction pass assembled from its stages, and ``extract()``."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from ..model import Quantity
from .build import Builder
from .compile import compiled_rules
from .join import Joiner
from .scan import Scanner

#: The decimal and thousands separators and percent signs of Arabic script and of full-width
#: (East Asian) text, between or after digits: read as "." "," "%" (one character for one, so
#: every offset stays). Their digits need nothing: ``\d`` and ``float()`` read every script's.
_SEPARATORS = re.compile("(?<=\\d)[\u066b\u066c\uff0e\uff0c](?=\\d)|(?<=\\d)[\u066a\uff05]")
_AS_ASCII = {"\u066b": ".", "\u066c": ",", "\uff0e": ".", "\uff0c": ",", "\u066a": "%", "\uff05": "%"}
#: Any of those characters: a text with none (most) is not searched for them after digits (a
#: pattern that opens on a character set is scanned for it without trying every position).
_ANY_SEPARATOR = re.compile("[\u066b\u066c\uff0e\uff0c\u066a\uff05]")


def fold_separators(text: str) -> str:
    """``text`` with the separators of other scripts inside figures as ASCII ("٣٫٧" -> "٣.٧",
    "３．７" -> "３.７"); the same object when there are none."""
    if not _ANY_SEPARATOR.search(text) or not _SEPARATORS.search(text):
        return text
    return _SEPARATORS.sub(lambda m: _AS_ASCII[m.group()], text)


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
    read = fold_separators(text)
    p = _Pass(c, read)
    p.run()
    p.join()
    found = p.quantities(include_all or concepts)
    if read is not text:  # each figure quoted as written
        found = [replace(q, text=text[q.span.start:q.span.end]) for q in found]
    if not concepts:
        return found
    from ..framing.concept import bind_lazily

    # Bound with every quantity in view (years and dates sit inside the phrases figures
    # measure) the first time a figure's concept is read; then keep what was asked for.
    bound = bind_lazily(text, found)
    return bound if include_all else [q for q in bound if q.is_statistic]

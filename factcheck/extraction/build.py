"""Building the output: live candidates -> ``Quantity`` objects (number words that are no number
dropped, codes told apart, ranges, stated uncertainty and precision turned into low and high)."""
from __future__ import annotations

from math import isfinite

from ..model import Qualifier, Quantity, Span
from .cand import Cand, PassState, _clean, _word_after, _word_before


class Builder(PassState):
    def quantities(self, include_all: bool) -> list[Quantity]:
        out: list[Quantity] = []
        text = self.text
        for c in self.cands:
            if c.dead:
                continue
            kind = c.kind
            if kind in ("count", "fraction") and c.words and not self._is_number_word_ok(c):
                continue  # "one way", "which one", "the first half": not numbers
            if c.kind == "count" and c.unit is None and not c.words and c.noun is None:
                # glued letters after digits that are not a unit: a code ("777F", "13F")
                e = c.end
                if e < len(text) and text[e].isalpha():
                    kind = "code"
            q = self._quantity(c, kind)
            if not (isfinite(q.value) and isfinite(q.low) and isfinite(q.high)):
                continue  # beyond any float ("1e308 million"): no figure to check, never inf or nan
            if include_all or q.is_statistic:
                out.append(q)
        if include_all:
            out.extend(self.others)
            out.sort(key=lambda q: (q.span.start, q.span.end))
        return out

    def _is_number_word_ok(self, c: Cand) -> bool:
        text = self.text
        raw = c.raw.lower()
        if raw == "one":
            before = _word_before(text, c.start)
            after = _word_after(text, c.num_end)
            if before in self.c.before_one or after in self.c.after_one:
                return False
            if text[c.num_end:c.num_end + 2] in ("'s", "’s"):
                return False
        if raw in ("half", "a half"):
            before = _word_before(text, c.start)
            if before in self.c.before_half:
                return False
            if text[c.num_end:c.num_end + 1] == "-" and c.unit is None:
                return False
        if raw in ("quarter", "quarters") and c.unit is None:
            return False  # "the third quarter", "quarters": not an amount
        if raw in ("nil",) and c.unit is None:
            return True
        return True

    def _quantity(self, c: Cand, kind: str) -> Quantity:
        value = c.value
        if c.qualifier == Qualifier.RANGE and c.low is not None and c.high is not None:
            low, high = c.low, c.high
        elif any(f.startswith("pm:") for f in c.flags):
            err = float(next(f for f in c.flags if f.startswith("pm:"))[3:])
            low, high = value - err, value + err
        elif c.precision is not None:
            low, high = _clean(value - c.precision / 2), _clean(value + c.precision / 2)
        else:
            low = high = value
        start, end = c.start, c.end
        return Quantity(
            text=self.text[start:end], span=Span(start, end), value=value, low=low, high=high, unit=c.unit,
            qualifier=c.qualifier, kind=kind, precision=c.precision, direction=c.direction, change=c.change,
            number_span=Span(c.num_start, c.num_end))

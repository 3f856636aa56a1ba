"""Joining neighbours: each number with the live number before it (ranges, "45 and 50 mg",
"5 feet 2 inches", "3 dollars 50 cents", "one in six", "forty-five (45)")."""
from __future__ import annotations

import re

from ..model import Qualifier
from .cand import Cand, PassState, _clean

_LENGTH_MASS = frozenset({"[length]", "[mass]"})
_CLAUSE_END = re.compile(r"^\s*(?:$|[.,;:!?)\]\"'”’])")
_OPEN_PAREN = re.compile(r"\s*\(\s*")
_COMPOSITE_JOIN = re.compile(r"\s*(?:,|and|,\s*and)?\s*")
_CENTS_JOIN = re.compile(r"\s*(?:and\s*)?")
_IN_OUT_OF = re.compile(r"\s+(in|out\s+of)\s+", re.I)
_TO = re.compile(r"\s+to\s+", re.I)
_OVER = re.compile(r"\s+over\s+", re.I)
_CONNECT = re.compile(r"^\s*-?\s*(?:(?P<dash>[-–—~‐]|to|through|thru|and|or)\s*)$", re.I)


class Joiner(PassState):
    def join(self) -> None:
        """Join each number with the live number before it (ranges, composites, cents, fractions)."""
        text = self.text
        prev: Cand | None = None
        for b in self.cands:
            if b.dead:
                continue
            if prev is not None:
                self._join_pair(prev, b, text[prev.end:b.start])
            if not b.dead:
                prev = b

    def _join_pair(self, a: Cand, b: Cand, between: str) -> None:
        text = self.text
        # a parenthetical restatement of the same number: "forty-five (45)"
        if _OPEN_PAREN.fullmatch(between) and abs(a.value - b.value) < 1e-9 and (b.unit == a.unit or b.unit is None):
            b.dead = True
            return
        # "9.5 billion dlrs from 9.84 billion": a bare figure compared with a level takes its unit
        # (not with the size of a change: "up 30% from 1.6 million")
        if (b.kind == "count" and b.unit is None and b.noun is None and a.unit is not None and a.change != "by"
                and a.kind in ("money", "percent", "percentage_point", "measure") and self.c.unit_carry is not None
                and self.c.unit_carry.fullmatch(between)):
            b.unit, b.kind = a.unit, a.kind
            self._share_scale(a, b)  # "3,061.8 billion francs from 3,304.1"
            return
        # composite measures: "5 feet 2 inches", "2 km and 1 meter", "10 kms, 8 meters, 6 cm"
        if a.kind == "measure" and b.kind == "measure" and a.unit and b.unit and _COMPOSITE_JOIN.fullmatch(between):
            if self._composite(a, b):
                return
        if _CENTS_JOIN.fullmatch(between) and self._money_cents(a, b, between):
            return
        if not between.strip() and "neg" in b.flags and text[b.num_start - 1:b.num_start] in "-‐" and a.kind == "count" and (
                a.unit is None) and a.qualifier in (Qualifier.EXACT, Qualifier.ABOUT) and not b.words:
            # "2 -7 g", "75 -300mm": a range written with a loose dash
            b.value = -b.value
            b.flags.discard("neg")
            if self._range(a, b, "-"):
                return
            b.value = -b.value
            b.flags.add("neg")
        if a.direction and not b.direction and (a.kind == "factor" or a.change == "by") and not a.rng and _TO.fullmatch(between):
            b.direction, b.change = a.direction, "to"  # "doubled to €20.7 million", "rose 15% to $415.9 million"
            return
        cm = _CONNECT.match(between)
        if cm:
            conn = (cm.group("dash") or "").lower()
            if conn in ("and", "or") and a.rng != "between" and not (a.rng == "from" and conn == "and"):
                # "45 and 50 mg": the unit of the second applies to the first
                if a.unit is None and b.unit is not None and a.kind == "count" and b.kind in ("measure", "percent", "money", "percentage_point"):
                    a.unit, a.kind = b.unit, b.kind
                    self._share_scale(b, a)  # "14 or 15 billion marks"
                return
            if self._range(a, b, conn):
                return
        between_num = text[a.end:b.num_start]
        # "one in six", "2 out of 5"
        fm = _IN_OUT_OF.fullmatch(between)
        if fm and a.kind == "count" and b.kind == "count" and a.unit is None and 0 < a.value < b.value and a.value % 1 == 0:
            self._merge(a, b, a.value / b.value, None, "fraction", None)
            return
        om = _OVER.fullmatch(between_num)
        if om and a.kind == "count" and b.kind == "count" and a.unit is None and b.unit is None and b.value and (
                _CLAUSE_END.match(text[b.end:])):
            b.qualifier = Qualifier.EXACT
            self._merge(a, b, a.value / b.value, None, "fraction", None)

    def _share_scale(self, src: Cand, dst: Cand) -> None:
        """A scale written once for two figures of one unit: "14 or 15 billion", "9.5 billion dlrs
        from 9.84": the bare figure takes it when it is of the same order as the other's digits."""
        if src.scale > 1 and dst.scale == 1 and not dst.words and not dst.subunit and dst.value:
            written = abs(src.value) / src.scale
            if written / 100 <= abs(dst.value) <= written * 100:
                self._scale(dst, src.scale)

    def _merge(self, a: Cand, b: Cand, value: float, unit: str | None, kind: str, prec: float | None) -> None:
        a.end = max(a.end, b.end)
        a.value = _clean(value)
        a.unit = unit
        a.kind = kind
        a.precision = prec
        a.num_end = b.num_end
        b.dead = True

    def _range(self, a: Cand, b: Cand, conn: str) -> bool:
        if a.kind not in ("count", "money", "percent", "measure", "duration", "age", "percentage_point", "rate") or b.kind != a.kind and not (
                a.kind == "count" and a.unit is None):
            return False
        if conn in ("and",) and a.rng not in ("between", "from"):
            return False
        if conn == "or":
            return False
        if a.unit is not None and b.unit is not None and a.unit != b.unit:
            return False
        lo, hi = a.value, b.value
        if "neg" in b.flags and conn == "" and lo > hi:
            hi = -hi
        if b.scale > 1 and a.scale == 1 and not a.subunit and abs(a.value) <= abs(b.value) / b.scale:
            # "between £17 and £190 billion", "10-20 million": the scale of the second applies to both
            lo = _clean(a.value * b.scale)
            if a.precision is not None:
                a.precision = _clean(a.precision * b.scale)
        if lo > hi:
            return False
        unit = b.unit if b.unit is not None else a.unit
        kind = b.kind if b.unit is not None else a.kind
        precs = [p for p in (a.precision, b.precision) if p is not None]
        a.low, a.high = lo, hi
        start_rng = next((int(f.split(":")[1]) for f in a.flags if f.startswith("rng_at:")), None)
        if start_rng is not None:
            a.start = min(a.start, start_rng)
        self._merge(a, b, lo / 2 + hi / 2, unit, kind, max(precs) if precs else None)  # no overflow near 1e308
        a.qualifier = Qualifier.RANGE
        if b.direction and not a.direction:
            a.direction, a.change = b.direction, b.change
        return True

    def _composite(self, a: Cand, b: Cand) -> bool:
        """ "5 feet 2 inches": a length or mass followed by a smaller unit of the same dimension."""
        fa = self.c.unit_factors.get(a.unit or "")
        fb = self.c.unit_factors.get(b.unit or "")
        if not fa or not fb or fa[0] != fb[0] or fa[0] not in _LENGTH_MASS or fb[1] >= fa[1]:
            return False
        value = a.value * fa[1] / fb[1] + b.value
        self._merge(a, b, value, b.unit, "measure", b.precision)
        return True

    def _money_cents(self, a: Cand, b: Cand, between: str) -> bool:
        """ "3 dollars 50 cents", "$20 and 43c", "20 dollar 43": the minor unit completes the amount."""
        text = self.text
        if a.kind != "money" or a.subunit or a.scale != 1.0 or a.value % 1:
            return False
        if b.kind == "money" and b.subunit and not b.currency_left and b.qualifier == Qualifier.EXACT:
            self._merge(a, b, a.value + b.value, a.unit, "money", 0.01)
            return True
        if b.kind == "count" and b.unit is None and b.noun is None and 0 < b.value < 100 and b.value % 1 == 0 and (
                b.words or len(b.raw) == 2) and _CLAUSE_END.match(text[b.end:]):
            self._merge(a, b, a.value + b.value / 100, a.unit, "money", 0.01)
            return True
        return False

"""Claim interval x reference value x tolerance -> verdict and gap (ARCHITECTURE section 5).

Pure functions over numbers: the truth table is tested directly.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from .model import Qualifier, Quantity, Verdict

INF = math.inf
DEFAULT_TOLERANCE = 0.05


@dataclass(frozen=True)
class Interval:
    """The values a claim allows; open ends are marked."""

    low: float
    high: float
    low_open: bool = False
    high_open: bool = False

    def __contains__(self, x: float) -> bool:
        # A closed end holds a value that differs from it only by float rounding (5.35 in
        # "5.4%", whose interval 5.4 - 0.05 is 5.3500000000000005).
        eps = 1e-9 * max(1.0, abs(x))
        above = x > self.low if self.low_open else x >= self.low - eps
        below = x < self.high if self.high_open else x <= self.high + eps
        return above and below


def claim_interval(q: Quantity) -> Interval:
    """The interval a quantity claims: written precision widened or bounded by its qualifier.

    A negative value (a fall, signed by the metric stage) keeps "nearly" on the side of zero.
    """
    x = q.value
    u = q.precision if q.precision else max(q.high - q.low, 0.0)
    qual = q.qualifier
    if qual is Qualifier.RANGE:
        a, b = sorted((q.low, q.high))
        return Interval(a - u / 2, b + u / 2)
    if qual is Qualifier.ABOUT:
        return Interval(x - u, x + u)
    if qual is Qualifier.NEARLY:
        return Interval(x - u, x) if x >= 0 else Interval(x, x + u)
    bound = {Qualifier.MORE_THAN: (x, INF, True, False), Qualifier.AT_LEAST: (x, INF, False, False),
             Qualifier.LESS_THAN: (-INF, x, False, True), Qualifier.AT_MOST: (-INF, x, False, False)}.get(qual)
    if bound:
        return Interval(*bound)
    return Interval(x - u / 2, x + u / 2)


@dataclass(frozen=True)
class Judgement:
    verdict: Verdict
    #: Signed relative gap (claimed - reference) / |reference|; 0 when supported.
    gap: float
    #: Absolute difference (claimed - reference), in the claim's unit.
    diff: float
    #: The claimed figure the gap is measured from (the value, or the bound).
    claimed: float
    #: The claim's unit: a gap on a rate ("percent") is stated in percentage points.
    unit: str | None = None


def judge(q: Quantity, reference: float, *, tolerance: float | None = None,
          absolute: float | None = None) -> Judgement:
    """Supported when the reference lies in the claim's interval; else approximate within tolerance.

    The gap is measured from the claimed value, or from the bound for one-sided claims.
    ``absolute`` (in the claim's unit, e.g. percentage points for a growth rate) replaces the
    relative tolerance when given.
    """
    tol = DEFAULT_TOLERANCE if tolerance is None else tolerance
    x = q.value
    iv = claim_interval(q)
    if iv.low == -INF:
        claimed = iv.high
    elif iv.high == INF:
        claimed = iv.low
    elif q.qualifier is Qualifier.RANGE:
        claimed = iv.low if reference < iv.low else iv.high
    else:
        claimed = x
    diff = claimed - reference
    gap = diff / abs(reference) if reference else (0.0 if diff == 0 else math.copysign(INF, diff))
    if reference in iv:
        return Judgement(Verdict.SUPPORTED, 0.0, 0.0, claimed, q.unit)
    within = abs(diff) <= absolute if absolute is not None else abs(gap) <= tol
    return Judgement(Verdict.APPROXIMATE if within else Verdict.CONTRADICTED, gap, diff, claimed, q.unit)


#: Units whose gaps are differences of rates: "3.1%" against 2.29% is 0.8 percentage points
#: high, not "35.3% high" (a relative gap stays for levels: people, money, counts).
RATE_UNITS = frozenset({"percent", "percentage_point", "%"})


def points(diff: float) -> str:
    """A difference of rates in words: "0.8 percentage points", "1 percentage point"."""
    d = abs(diff)
    txt = f"{d:.1f}".rstrip("0").rstrip(".") if d >= 0.095 else f"{d:.2g}"
    return f"{txt} percentage point{'' if txt == '1' else 's'}"


def describe_gap(j: Judgement) -> str:
    """"3.5% high", "0.2% low", "0.8 percentage points high" (a rate), "at the bound"."""
    if j.verdict is Verdict.SUPPORTED:
        return "within the figure's precision"
    if j.gap == 0:
        return "exactly at the stated bound"
    if j.unit in RATE_UNITS:
        return f"{points(j.diff)} {'high' if j.diff > 0 else 'low'}"
    if math.isinf(j.gap):
        return "high" if j.gap > 0 else "low"
    pct = abs(j.gap) * 100
    txt = f"{pct:.1f}%" if pct >= 0.1 else f"{pct:.2f}%"
    return f"{txt} {'high' if j.gap > 0 else 'low'}"

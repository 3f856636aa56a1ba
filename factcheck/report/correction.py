"""The suggested correction of a contradicted figure: the sourced figure, written the way the
text wrote its own, with its source and date.

    "more than 5 million Syrian refugees" (contradicted)
    -> "about 3.6 million (MPM Turkey Migrants' Presence Monitoring ..., 2020-01-20)"

The reference is rounded to the precision the text used ("3.7 million": to a hundred thousand);
when that rounding would move it by more than 5% (the default tolerance: "5 million" for
3,576,370 would be 4 million), one more digit is kept until it does not. The number is put in
place of the text's own digits, so its scale and unit words stay ("3.2 million" -> "3.6
million", "$377" -> "$380", "3.4 pct" -> "2.3 pct"); a bound ("more than", "nearly") becomes
"about", since the rounded figure is no bound. A figure written in words ("nine-year-old"),
a range, or a fall the data shows as a rise cannot be replaced in place: the correction then
states the reference ("9 years") and ``in_place`` is False (no SARIF fix, no reviewdog
suggestion). Only contradicted findings with evidence get one.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .. import fmt
from ..model import Finding, Qualifier, Verdict
from ..verdict import DEFAULT_TOLERANCE

_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?|\.\d+")
_KEEPS_QUALIFIER = (Qualifier.EXACT, Qualifier.ABOUT)


@dataclass(frozen=True)
class Correction:
    """What to write instead of a contradicted figure, and where that figure comes from."""

    #: The figure to write ("about 3.6 million").
    text: str
    #: Its value, in the claim's unit.
    value: float
    unit: str | None
    source: str
    #: The reference period's label ("2020-01-20", "end-2019", "July 2024").
    date: str
    #: Whether ``text`` can replace the claim's text as written (a fix, a suggestion).
    in_place: bool

    @property
    def sourced(self) -> str:
        """"about 3.6 million (UNHCR, 2020-01-20)"."""
        return f"{self.text} ({self.source}, {self.date})"

    def to_dict(self) -> dict[str, object]:
        v = self.value
        return {"text": self.text, "value": int(v) if float(v).is_integer() and abs(v) < 2**53 else v,
                "unit": self.unit, "source": self.source, "date": self.date, "sourced": self.sourced,
                "in_place": self.in_place}


def correction(f: Finding) -> Correction | None:
    """The suggested correction of a contradicted finding; None for any other."""
    if f.verdict is not Verdict.CONTRADICTED or f.evidence is None:
        return None
    ev, q = f.evidence, f.quantity
    ref = ev.value
    if isinstance(ref, bool) or not isinstance(ref, (int, float)) or not math.isfinite(ref):
        return None
    o = ev.observation
    source, date = o.source or o.dataset, o.period.label
    step = _step(q.precision, q.value, ref)
    value = _round(ref, step)
    lead = (q.number_span.start - q.span.start) if q.number_span is not None else 0
    qualifier, body = q.text[:lead], q.text[lead:]
    digits = list(_DIGITS.finditer(body))
    written = float(digits[0].group().replace(",", "")) if len(digits) == 1 else 0.0
    scale = q.value / written if written and q.qualifier is not Qualifier.RANGE else 0.0
    if scale and value / scale >= 0:
        m = digits[0]
        shown = _written(value / scale, step / abs(scale), grouped="," in m.group() or abs(value / scale) >= 10000)
        if q.qualifier not in _KEEPS_QUALIFIER:
            qualifier = "about " if value != ref else ""
        return Correction(qualifier + body[:m.start()] + shown + body[m.end():], value, ev.unit, source, date, True)
    text = fmt.number(value, ev.unit)
    if q.value < 0 < value:
        text = "+" + text  # the text says a fall; the data a rise
    return Correction(text if value == ref else f"about {text}", value, ev.unit, source, date, False)


def _step(precision: float | None, claimed: float, ref: float) -> float:
    """The precision to round the reference to: the text's, refined until the rounding moves the
    reference by no more than the default tolerance."""
    step = precision if precision and precision > 0 else 10.0 ** math.floor(math.log10(abs(claimed))) if claimed else 1.0
    for _ in range(12):
        got = _round(ref, step)
        if got != 0 or ref == 0:
            if abs(got - ref) <= DEFAULT_TOLERANCE * abs(ref):
                break
        step /= 10
    return step


def _round(x: float, step: float) -> float:
    got = round(x / step) * step
    # float noise: 3.6000000000000005 million -> 3.6 million
    digits = max(0, -math.floor(math.log10(step))) if step < 1 else 0
    return round(got, digits + 2) if digits else float(round(got))


def _written(x: float, step: float, grouped: bool) -> str:
    """A number with as many decimals as its precision asks for ("3.6", "380", "900,000")."""
    decimals = max(0, math.ceil(-math.log10(step) - 1e-9)) if step < 1 else 0
    return f"{x:,.{decimals}f}" if grouped else f"{x:.{decimals}f}"

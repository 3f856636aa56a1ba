"""Numbers as a reader writes them: "3.58 million", "900,000", "$379.70", "12,500 TRY", "3.5%"."""
from __future__ import annotations

import math

_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "TRY": "₺"}
_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def number(x: float, unit: str | None = None) -> str:
    """A value with its unit, rounded for reading (3 significant digits above a million)."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "n/a"
    if unit in ("percent", "%"):
        return f"{_plain(x, 2)}%"
    if unit == "percentage_point":
        return f"{_plain(x, 2)} percentage points"
    body = _scaled(x)
    if unit and len(unit) == 3 and unit.isupper():
        sym = _SYMBOLS.get(unit)
        if sym == "$" or sym == "£" or sym == "€":
            return f"{'-' if x < 0 else ''}{sym}{_scaled(abs(x), money=True)}"
        return f"{_scaled(x, money=True)} {unit}"
    if unit == "year":
        # A calendar year (2018) reads as itself; an age or a duration in years as "9 years".
        return str(int(x)) if 1000 <= x <= 3000 and float(x).is_integer() else f"{_plain(x, 1)} years"
    if unit in (None, "", "count", "person", "persons"):
        return body
    from .units import label  # no pint: the words a reader writes for a pint unit

    return f"{body} {label(unit, one=abs(x) == 1)}"


def _scaled(x: float, money: bool = False) -> str:
    ax = abs(x)
    for size, word in _SCALES:
        if ax >= size:
            v = x / size
            digits = 2 if abs(v) < 10 else (1 if abs(v) < 100 else 0)
            return f"{v:.{digits}f}".rstrip("0").rstrip(".") + f" {word}"
    if money and not float(x).is_integer() and ax < 1e5:
        return f"{x:,.2f}"
    if 0 < ax < 0.01:
        # a rate per person ("0.00447 per person"): three significant digits, never "0"
        return _plain(x, 2 - math.floor(math.log10(ax)))
    return _plain(x, 2 if ax < 100 else 0)


def _plain(x: float, digits: int) -> str:
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:,.{digits}f}".rstrip("0").rstrip(".")


def percent(gap: float) -> str:
    return f"{abs(gap) * 100:.1f}%"

"""The one pint registry of the project (pint's defaults + factcheck/units.txt), built lazily.

pint is imported only when a unit has to be checked or converted; extraction itself never calls
pint on the hot path (unit names come from the lexicons, already in pint's spelling).
"""
from __future__ import annotations

import functools
from typing import Any

from . import shipped

UNITS_FILE = shipped.package_file("factcheck", "units.txt")


@functools.lru_cache(maxsize=1)
def registry() -> Any:
    """The cached pint UnitRegistry with the project's definitions loaded."""
    import pint

    ureg = pint.UnitRegistry(on_redefinition="ignore")
    ureg.load_definitions(str(UNITS_FILE))
    return ureg


@functools.lru_cache(maxsize=4096)
def canonical(name: str) -> str:
    """pint's own spelling of a unit expression ("km/h" -> "kilometer / hour")."""
    return str(registry().Unit(name))


@functools.lru_cache(maxsize=4096)
def dimensionality(name: str) -> str:
    """The unit's dimensionality as text ("[length]", "[currency_USD]"); "" when dimensionless."""
    try:
        return str(registry().Unit(name).dimensionality)
    except Exception:  # an unknown name: callers treat it as its own dimension
        return f"[{name}]"


@functools.lru_cache(maxsize=4096)
def factor(name: str) -> float | None:
    """Magnitude of one ``name`` in base units, or None for offset units (temperatures)."""
    try:
        q = registry().Quantity(1.0, name)
        if not q._ok_for_muldiv():
            return None
        return float(q.to_base_units().magnitude)
    except Exception:
        return None


def convert(value: float, src: str, dst: str) -> float:
    """Convert a value between two units of the same dimension (temperatures included)."""
    q = registry().Quantity(value, src)
    return float(q.to(dst).magnitude)

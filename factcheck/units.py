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


# --------------------------------------------------------------------------------------------
# comparing a claim's unit with a reference's
# --------------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=4096)
def why_not(claim_unit: str, ref_unit: str) -> str:
    """Why a value in ``ref_unit`` cannot be put in ``claim_unit``, in an editor's words ("the text
    gives tonnes per person; the reference is in kilotonnes"); "" when it can (their
    dimensionalities agree: tonnes and kilotonnes, km² and hectares, per capita and per 1,000
    people). A unit the registry does not know is never compared with another."""
    ureg = registry()
    try:
        have = ureg.Unit(ref_unit)
    except Exception:  # noqa: BLE001 - pint raises several kinds for a name it cannot read
        return f"the reference's unit ({ref_unit}) is not one the unit registry knows"
    try:
        want = ureg.Unit(claim_unit)
    except Exception:  # noqa: BLE001
        return f"the text's unit ({claim_unit}) is not one the unit registry knows"
    if want.dimensionality == have.dimensionality:
        return ""
    ref = label(ref_unit)
    return f"the text gives {label(claim_unit)}; the reference is {ref if ref.startswith('per ') else 'in ' + ref}"


@functools.lru_cache(maxsize=4096)
def ratio(src: str, dst: str) -> float | None:
    """How many ``dst`` one ``src`` is (kilotonne -> metric_ton: 1000); None for offset units
    (temperatures: use ``convert``) or units that do not convert."""
    try:
        q = registry().Quantity(1.0, src)
        if not q._ok_for_muldiv():
            return None
        return float(q.to(dst).magnitude)
    except Exception:  # noqa: BLE001
        return None


#: How a unit reads in a message, plural first, then singular (after "per"). pint's own names
#: otherwise, with underscores as spaces. Imported with fmt, so no pint here.
LABELS: dict[str, tuple[str, str]] = {
    "person": ("people", "person"), "persons": ("people", "person"), "people": ("people", "person"),
    "hundred_people": ("100 people", "100 people"), "thousand_people": ("1,000 people", "1,000 people"),
    "hundred_thousand_people": ("100,000 people", "100,000 people"),
    "million_people": ("million people", "million people"),
    "thousand_women": ("1,000 women", "1,000 women"), "woman": ("women", "woman"),
    "live_birth": ("live births", "live birth"), "thousand_live_births": ("1,000 live births", "1,000 live births"),
    "hundred_thousand_live_births": ("100,000 live births", "100,000 live births"),
    "adult": ("adults", "adult"), "hundred_thousand_adults": ("100,000 adults", "100,000 adults"),
    "item": ("items", "item"), "pupil": ("pupils", "pupil"), "teacher": ("teachers", "teacher"),
    "metric_ton": ("tonnes", "tonne"), "tonne": ("tonnes", "tonne"), "t": ("tonnes", "tonne"),
    "kilotonne": ("kilotonnes", "kilotonne"), "kilometric_ton": ("kilotonnes", "kilotonne"),
    "megametric_ton": ("megatonnes", "megatonne"), "megatonne": ("megatonnes", "megatonne"),
    "Mt": ("megatonnes", "megatonne"),
    "gigametric_ton": ("gigatonnes", "gigatonne"), "gigatonne": ("gigatonnes", "gigatonne"),
    "Gt": ("gigatonnes", "gigatonne"),
    "ton": ("short tons", "short ton"), "kilogram": ("kg", "kg"), "gram": ("grams", "gram"),
    "microgram": ("micrograms", "microgram"),
    "square kilometer": ("km²", "km²"), "kilometer ** 2": ("km²", "km²"), "square meter": ("m²", "m²"),
    "meter ** 2": ("m²", "m²"), "hundred_square_kilometers": ("100 km²", "100 km²"),
    "hectare": ("hectares", "hectare"), "acre": ("acres", "acre"), "square mile": ("square miles", "square mile"),
    "kilometer": ("km", "km"), "meter": ("metres", "metre"), "mile": ("miles", "mile"),
    "cubic meter": ("cubic metres", "cubic metre"), "meter ** 3": ("cubic metres", "cubic metre"),
    "cubic kilometer": ("km³", "km³"), "kilometer ** 3": ("km³", "km³"),
    "liter": ("litres", "litre"), "barrel": ("barrels", "barrel"),
    "watt_hour": ("Wh", "Wh"), "kilowatt_hour": ("kWh", "kWh"), "megawatt_hour": ("MWh", "MWh"),
    "gigawatt_hour": ("GWh", "GWh"), "terawatt_hour": ("TWh", "TWh"), "megajoule": ("MJ", "MJ"),
    "kilogram_of_oil_equivalent": ("kg of oil equivalent", "kg of oil equivalent"),
    "tonne_of_oil_equivalent": ("tonnes of oil equivalent", "tonne of oil equivalent"),
    "day": ("days", "day"), "week": ("weeks", "week"), "month": ("months", "month"), "year": ("years", "year"),
    "hour": ("hours", "hour"), "kilometer / hour": ("km/h", "km/h"), "mile / hour": ("mph", "mph"),
    "percent": ("percent", "percent"), "percentage_point": ("percentage points", "percentage point"),
    "index_point": ("index points", "index point"), "dimensionless": ("(a ratio)", "(a ratio)"),
    "TEU": ("TEU", "TEU"), "USD": ("US dollars", "US dollar"), "LCU": ("local currency units", "local currency unit"),
    "international_dollar": ("international (PPP) dollars", "international (PPP) dollar"),
    "international_dollar_2021": ("international (PPP) dollars of 2021", "international (PPP) dollar of 2021"),
}


@functools.lru_cache(maxsize=4096)
def label(unit: str, one: bool = False) -> str:
    """A unit as a reader writes it: "metric_ton / person" -> "tonnes per person", "1 /
    thousand_people" -> "per 1,000 people", "kilowatt_hour" -> "kWh" (``one``: after the number
    1, "1 tonne"). pint's own spelling ("kilometer / hour") is read part by part; anything else is
    shown as it is."""
    unit = unit.strip()
    if unit in LABELS:
        return LABELS[unit][1 if one else 0]
    top, sep, bottom = unit.partition(" / ")
    if not sep:
        return unit.replace("_", " ")
    below = LABELS[bottom][1] if bottom in LABELS else bottom.replace("_", " ")
    if top == "1":
        return f"per {below}"
    return f"{label(top, one)} per {below}"

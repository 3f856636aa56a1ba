"""What each World Bank WDI series measures, read from its title: the unit in the World Bank's words
(``source_unit``), the same unit as a pint term of ``factcheck.units.registry()`` (``unit``) and whom
it covers. Used by ``build_reference_data.py`` (``build_wdi``); no third-party text is kept here,
only the unit wordings the titles use.

A title states its unit in its last bracket ("CO2 emissions (kt)", "Unemployment, female (% of female
labor force) (modeled ILO estimate)"); a title with none gets its unit from ``NO_BRACKET``. Every
wording maps to a pint term through ``UNITS`` (first match wins); a wording none matches stops the
build, so no series ships without a unit.
"""
from __future__ import annotations

import re

#: Brackets that say how a figure was made, not what it is in.
NOT_A_UNIT = {"modeled ILO estimate"}

#: The unit wording of series whose title has no bracket (the World Bank's metadata says "number"
#: for counts).
NO_BRACKET = {
    "ag.lnd.trac.zs": "per 100 sq. km of arable land",
    "cm.mkt.ldom.no": "number", "en.bir.thrd.no": "number", "en.fsh.thrd.no": "number",
    "en.hpt.thrd.no": "number", "en.mam.thrd.no": "number", "ip.jrn.artc.sc": "number",
    "ip.pat.nres": "number", "ip.pat.resd": "number", "ip.tmk.nres": "number", "ip.tmk.resd": "number",
    "is.air.dprt": "number",
    "pa.nus.pppc.rf": "ratio",
    "se.prm.enrl.tc.zs": "pupils per teacher",
    "se.prm.uner.fe": "number of children", "se.prm.uner.ma": "number of children",
    "si.dst.02nd.20": "% of income", "si.dst.03rd.20": "% of income", "si.dst.04th.20": "% of income",
    "si.dst.05th.20": "% of income", "si.dst.10th.10": "% of income", "si.dst.frst.10": "% of income",
    "si.dst.frst.20": "% of income",
    "si.pov.gini": "index (0 = perfect equality to 100 = perfect inequality)",
    "sl.tlf.totl.in": "number of people", "sm.pop.netm": "number of people", "sm.pop.refg": "number of people",
    "sm.pop.refg.or": "number of people", "sm.pop.totl": "number of people", "sp.pop.totl": "number of people",
    "sp.rur.totl": "number of people", "sp.urb.totl": "number of people",
}

#: A unit wording that the title's words refine: a per-capita series whose bracket gives only the
#: measure ("Renewable internal freshwater resources per capita (cubic meters)").
PER_CAPITA_TITLE = re.compile(r"\bper capita\b", re.I)

#: (regex over the unit wording, case-blind, pint term). The order matters: the first match wins.
#: What is counted per head is left out of a rate's unit (factcheck/units.txt says why).
UNITS: list[tuple[str, str]] = [
    (r"^LCU per US\$", "LCU / USD"),
    (r"^LCU per international \$", "LCU / international_dollar"),
    (r"^MJ/\$2021 PPP GDP$", "megajoule / international_dollar_2021"),
    (r"^constant 2021 PPP \$ per kg of oil equivalent$", "international_dollar_2021 / kilogram_of_oil_equivalent"),
    (r"^constant 2021 PPP \$$", "international_dollar_2021"),
    (r"^2021 PPP \$ per day$", "international_dollar_2021 / day"),
    (r"^current international \$$", "international_dollar"),
    (r"(^|, )current US\$$", "USD"),
    (r"^ratio$|^GPI$", "dimensionless"),
    (r"^%|%$|^annual %", "percent"),
    (r"= ?100$|=low to|=high$|=weak to|=less disclosure|=most |=yes|^Overall average$|^index \(", "index_point"),
    (r"^TEU\b", "TEU"),
    (r"^billion cubic meters$", "cubic kilometer"),
    (r"^cubic meters$", "cubic meter"),
    (r"^micrograms per cubic meter$", "microgram / cubic meter"),
    (r"^kt$|^kt of CO2 equivalent$|^thousand metric tons of CO2 equivalent$", "kilotonne"),
    (r"^metric tons per capita$", "metric_ton / person"),
    (r"^kWh per capita$", "kilowatt_hour / person"),
    (r"^kg of oil equivalent per capita$", "kilogram_of_oil_equivalent / person"),
    (r"^(kg|kilograms) per hectare( of arable land)?$", "kilogram / hectare"),
    (r"^hectares per person$", "hectare / person"),
    (r"^hectares$", "hectare"),
    (r"^sq\. km$", "square kilometer"),
    (r"^people per sq\. km of land area$", "person / square kilometer"),
    (r"^per 100 sq\. km of arable land$", "1 / hundred_square_kilometers"),
    (r"^total route-km$", "kilometer"),
    (r"^days$", "day"),
    (r"^years$", "year"),
    (r"^births per woman$", "1 / woman"),
    (r"^births per 1,000 women\b", "1 / thousand_women"),
    (r"per 1,000 live births$", "1 / thousand_live_births"),
    (r"per 100,000 live births$", "1 / hundred_thousand_live_births"),
    (r"^per 100 people$", "1 / hundred_people"),
    (r"^per 1,000 people$", "1 / thousand_people"),
    (r"^per 100,000 (people|population)$", "1 / hundred_thousand_people"),
    (r"^per (1 )?million people$", "1 / million_people"),
    (r"^per 100,000 adults$", "1 / hundred_thousand_adults"),
    (r"^pupils per teacher$", "pupil / teacher"),
    (r"^number of (people|children)$", "person"),
    (r"^number$", "item"),
]
_UNITS = [(re.compile(p, re.I), u) for p, u in UNITS]

_LAST_BRACKET = re.compile(r"\(([^()]*(?:\([^()]*\)[^()]*)*)\)\s*$")


def clean(text: str) -> str:
    """White space as one space, no spaces at the ends."""
    return " ".join(text.split())


def brackets(title: str) -> list[str]:
    """The bracketed parts at the end of a title, last first ("... (% of GDP) (modeled ILO
    estimate)" -> ["modeled ILO estimate", "% of GDP"])."""
    out = []
    rest = clean(title)
    while (m := _LAST_BRACKET.search(rest)) is not None:
        out.append(m.group(1).strip())
        rest = rest[: m.start()].rstrip()
    return out


def source_unit(code: str, title: str) -> str:
    """The unit in the World Bank's words: the title's last bracket that is a unit."""
    if code in NO_BRACKET:
        return NO_BRACKET[code]
    for b in brackets(title):
        if b not in NOT_A_UNIT:
            # "modeled estimate, per 100,000 live births": the unit is after the comma
            return b.split("modeled estimate, ", 1)[-1]
    raise ValueError(f"{code}: no unit in the title {title!r}; add it to NO_BRACKET")


def pint_unit(code: str, title: str, wording: str) -> str:
    """The pint term for a unit wording (a per-capita title adds "/ person" to a bare measure)."""
    for rx, unit in _UNITS:
        if rx.search(wording):
            if PER_CAPITA_TITLE.search(title) and "/" not in unit and unit not in (
                    "percent", "USD", "international_dollar", "index_point", "person"):
                unit = f"{unit} / person"
            return unit
    raise ValueError(f"{code}: no pint unit for {wording!r}; add a pattern to UNITS")


_OF = re.compile(r"^% (?:of )?(.+)$")


def coverage(title: str, wording: str) -> str:
    """Whom or what the figures cover: the base of a share ("% of female labor force ages 15-24"
    -> "female labor force ages 15-24"), else the group the title names, else the whole country."""
    m = _OF.match(wording)
    if m and not m.group(1).startswith(("GDP", "GNI")):
        base = m.group(1)
        if base not in ("total", "gross", "net"):
            return f"{base} (each country or World Bank aggregate)"
    if re.search(r"\bfemales?\b", title, re.I):
        return "women or girls, as the title says (each country or World Bank aggregate)"
    if re.search(r"\bmales?\b", title, re.I):
        return "men or boys, as the title says (each country or World Bank aggregate)"
    return "whole country (or World Bank aggregate of countries)"

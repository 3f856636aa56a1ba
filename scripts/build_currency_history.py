#!/usr/bin/env python3
"""Build ``reference_data/currency_history/``: which currency was legal tender where and when,
the fixed legal factors between successive currencies, and the unit of the World Bank's
exchange-rate and money series per country and period.

Three tables (a Frictionless data package, like the other folders of reference_data/):

* ``currencies.csv``: one row per country and currency with the dates it was legal tender and the
  generic words a writer uses for it ("franc", "lira", "mark", "crown"). The rows of the
  ``HISTORY`` table below were typed by hand from the legal acts named in ``SOURCES``; every
  other country gets one row for its current currency (the countries package), with no dates.
  Rows with entity ``*`` say what a generic word means where the country has no currency of that
  name ("dollars" in a text about Turkey are US dollars).
* ``links.csv``: fixed legal factors, ``factor`` units of ``old`` per one ``new``: redenominations
  (1,000,000 old lira = 1 new lira; they hold at any date: statisticians back-convert with them)
  and currency unions (the irrevocable euro rates, dollarisations; they hold from their date).
* ``wdi_units.csv``: the currency the WDI values are in, per series, country and run of years,
  DERIVED here from the values themselves (see ``derive_units``) and checked: a change of
  currency inside the data is either back-converted (the series runs on smoothly) or not (the
  series steps by the legal factor); an unexplained fall of more than 50 times in a year, or a
  gap across which the currency changed, makes the earlier years ``unknown``.

Reproducible: the same inputs give byte-identical outputs.

Usage: python scripts/build_currency_history.py [--out DIR]
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

from build_reference_data import read, sha256, write_csv  # the same CSV and hash helpers

ROOT = Path(__file__).resolve().parent.parent
VERSION = "2026.12.02"
CREATED = "2026-12-02"

# --------------------------------------------------------------------------------------------
# sources (short keys used in the tables)
# --------------------------------------------------------------------------------------------

SOURCES = {
    "euro": ("Council Regulation (EC) No 2866/98, as amended", "Council Regulation (EC) No 2866/98 of 31 December 1998 on the conversion rates between the euro "
             "and the currencies of the Member States adopting the euro, as amended on each accession "
             "(Greece 2000, Slovenia 2006, Cyprus and Malta 2007, Slovakia 2008, Estonia 2010, Latvia 2013, "
             "Lithuania 2014, Croatia 2022, Bulgaria 2025)",
             "https://eur-lex.europa.eu/eli/reg/1998/2866/oj", "1998-12-31"),
    "iso4217": ("ISO 4217 List three (historic denominations)", "ISO 4217 Maintenance Agency (SIX), List three: historic denominations of currencies and funds, "
                "with the replacing currency and its date",
                "https://www.six-group.com/en/products-services/financial-information/data-standards.html", ""),
    "ven2021": ("ISO 4217 Maintenance Agency, Venezuela 2021", "ISO 4217 Maintenance Agency statement on the Venezuelan redenomination of 1 October 2021 "
                "(VED = 1,000,000 VES; VES stays in use) and Banco Central de Venezuela communique",
                "https://www.six-group.com/en/products-services/financial-information/data-standards.html",
                "2021-08-05"),
    "slv": ("Ley de Integracion Monetaria (El Salvador)", "Ley de Integracion Monetaria, El Salvador (Decreto Legislativo 201, 2000): 8.75 colones per US dollar "
            "from 1 January 2001", "https://www.bcr.gob.sv/", "2000-11-30"),
    "ecu": ("Ley para la Transformacion Economica del Ecuador", "Ley para la Transformacion Economica del Ecuador (Registro Oficial 34, 13 March 2000): "
            "25,000 sucres per US dollar", "https://www.bce.fin.ec/", "2000-03-13"),
    "countries": ("countries package", "factcheck countries package (current currency per country)", "reference_data/countries", ""),
    "generic": ("English usage", "English usage: a bare currency word means the local currency of that name, else the "
                "international one", "docs/architecture.md", ""),
}

# --------------------------------------------------------------------------------------------
# hand-typed history: (entity, currency, name, generic words, legal tender from, to, source)
# The euro legacy currencies stay legal tender (as denominations of the euro) until the cash
# changeover; the euro is legal tender from its adoption date, so both are in force in between.
# --------------------------------------------------------------------------------------------

E1 = ("1999-01-01", "2001-12-31")  # the first wave: euro from 1999, national cash until 2002


def euro_member(entity: str, code: str, name: str, generic: str, adopted: str, cash_end: str) -> list[tuple]:
    return [(entity, code, name, generic, "", cash_end, "euro"),
            (entity, "EUR", "euro", "euro", adopted, "", "euro")]


HISTORY: list[tuple[str, str, str, str, str, str, str]] = [
    *euro_member("AUT", "ATS", "Austrian schilling", "schilling shilling", *E1),
    *euro_member("BEL", "BEF", "Belgian franc", "franc", *E1),
    *euro_member("LUX", "LUF", "Luxembourg franc", "franc", *E1),
    *euro_member("DEU", "DEM", "Deutsche Mark", "mark", *E1),
    *euro_member("ESP", "ESP", "Spanish peseta", "peseta", *E1),
    *euro_member("FIN", "FIM", "Finnish markka", "markka mark", *E1),
    *euro_member("FRA", "FRF", "French franc", "franc", *E1),
    *euro_member("MCO", "FRF", "French franc", "franc", *E1),
    *euro_member("IRL", "IEP", "Irish pound", "pound punt", *E1),
    *euro_member("ITA", "ITL", "Italian lira", "lira", *E1),
    *euro_member("SMR", "ITL", "Italian lira", "lira", *E1),
    *euro_member("VAT", "ITL", "Italian lira", "lira", *E1),
    *euro_member("NLD", "NLG", "Dutch guilder", "guilder", *E1),
    *euro_member("PRT", "PTE", "Portuguese escudo", "escudo", *E1),
    *euro_member("GRC", "GRD", "Greek drachma", "drachma", "2001-01-01", "2001-12-31"),
    *euro_member("SVN", "SIT", "Slovenian tolar", "tolar", "2007-01-01", "2006-12-31"),
    *euro_member("CYP", "CYP", "Cyprus pound", "pound", "2008-01-01", "2007-12-31"),
    *euro_member("MLT", "MTL", "Maltese lira", "lira", "2008-01-01", "2007-12-31"),
    *euro_member("SVK", "SKK", "Slovak koruna", "koruna crown", "2009-01-01", "2008-12-31"),
    *euro_member("EST", "EEK", "Estonian kroon", "kroon crown", "2011-01-01", "2010-12-31"),
    *euro_member("LVA", "LVL", "Latvian lats", "lats", "2014-01-01", "2013-12-31"),
    *euro_member("LTU", "LTL", "Lithuanian litas", "litas", "2015-01-01", "2014-12-31"),
    *euro_member("HRV", "HRK", "Croatian kuna", "kuna", "2023-01-01", "2022-12-31"),
    ("AND", "FRF", "French franc", "franc", "", "2001-12-31", "euro"),
    ("AND", "ESP", "Spanish peseta", "peseta", "", "2001-12-31", "euro"),
    ("AND", "EUR", "euro", "euro", "2002-01-01", "", "euro"),
    ("BGR", "BGL", "Bulgarian lev (old)", "lev", "", "1999-07-04", "iso4217"),
    ("BGR", "BGN", "Bulgarian lev", "lev", "1999-07-05", "2025-12-31", "iso4217"),
    ("BGR", "EUR", "euro", "euro", "2026-01-01", "", "euro"),
    ("TUR", "TRL", "old Turkish lira", "lira", "", "2004-12-31", "iso4217"),
    ("TUR", "TRY", "Turkish lira", "lira", "2005-01-01", "", "iso4217"),
    ("VEN", "VEB", "old bolivar", "bolivar", "", "2007-12-31", "iso4217"),
    ("VEN", "VEF", "bolivar fuerte", "bolivar", "2008-01-01", "2018-08-19", "iso4217"),
    ("VEN", "VES", "bolivar soberano", "bolivar", "2018-08-20", "2021-09-30", "iso4217"),
    ("VEN", "VED", "bolivar digital", "bolivar", "2021-10-01", "", "ven2021"),
    ("MEX", "MXP", "old Mexican peso", "peso", "", "1992-12-31", "iso4217"),
    ("MEX", "MXN", "Mexican peso", "peso", "1993-01-01", "", "iso4217"),
    ("BRA", "BRZ", "cruzeiro (1942)", "cruzeiro", "", "1967-02-12", "iso4217"),
    ("BRA", "BRB", "cruzeiro (1967)", "cruzeiro", "1967-02-13", "1986-02-27", "iso4217"),
    ("BRA", "BRC", "cruzado", "cruzado", "1986-02-28", "1989-01-15", "iso4217"),
    ("BRA", "BRN", "cruzado novo", "cruzado", "1989-01-16", "1990-03-15", "iso4217"),
    ("BRA", "BRE", "cruzeiro (1990)", "cruzeiro", "1990-03-16", "1993-07-31", "iso4217"),
    ("BRA", "BRR", "cruzeiro real", "cruzeiro", "1993-08-01", "1994-06-30", "iso4217"),
    ("BRA", "BRL", "Brazilian real", "real", "1994-07-01", "", "iso4217"),
    ("ARG", "ARM", "peso moneda nacional", "peso", "", "1969-12-31", "iso4217"),
    ("ARG", "ARL", "peso ley", "peso", "1970-01-01", "1983-05-31", "iso4217"),
    ("ARG", "ARP", "peso argentino", "peso", "1983-06-01", "1985-06-14", "iso4217"),
    ("ARG", "ARA", "austral", "austral", "1985-06-15", "1991-12-31", "iso4217"),
    ("ARG", "ARS", "Argentine peso", "peso", "1992-01-01", "", "iso4217"),
    ("POL", "PLZ", "old zloty", "zloty", "", "1994-12-31", "iso4217"),
    ("POL", "PLN", "zloty", "zloty", "1995-01-01", "", "iso4217"),
    ("RUS", "RUR", "Russian ruble (1992)", "ruble", "", "1997-12-31", "iso4217"),
    ("RUS", "RUB", "Russian ruble", "ruble", "1998-01-01", "", "iso4217"),
    ("ROU", "ROL", "old Romanian leu", "leu", "", "2005-06-30", "iso4217"),
    ("ROU", "RON", "Romanian leu", "leu", "2005-07-01", "", "iso4217"),
    ("GHA", "GHC", "old cedi", "cedi", "", "2007-06-30", "iso4217"),
    ("GHA", "GHS", "Ghana cedi", "cedi", "2007-07-01", "", "iso4217"),
    ("ISR", "ILP", "Israeli lira", "lira", "", "1980-02-23", "iso4217"),
    ("ISR", "ILR", "old shekel", "shekel", "1980-02-24", "1985-09-03", "iso4217"),
    ("ISR", "ILS", "new shekel", "shekel", "1985-09-04", "", "iso4217"),
    ("UKR", "UAK", "karbovanets", "karbovanets", "", "1996-09-01", "iso4217"),
    ("UKR", "UAH", "hryvnia", "hryvnia", "1996-09-02", "", "iso4217"),
    ("BLR", "BYB", "Belarusian ruble (1992)", "ruble", "", "1999-12-31", "iso4217"),
    ("BLR", "BYR", "Belarusian ruble (2000)", "ruble", "2000-01-01", "2016-06-30", "iso4217"),
    ("BLR", "BYN", "Belarusian ruble", "ruble", "2016-07-01", "", "iso4217"),
    ("AZE", "AZM", "old manat", "manat", "", "2005-12-31", "iso4217"),
    ("AZE", "AZN", "Azerbaijani manat", "manat", "2006-01-01", "", "iso4217"),
    ("TKM", "TMM", "old manat", "manat", "", "2008-12-31", "iso4217"),
    ("TKM", "TMT", "Turkmen new manat", "manat", "2009-01-01", "", "iso4217"),
    ("MOZ", "MZM", "old metical", "metical", "", "2006-06-30", "iso4217"),
    ("MOZ", "MZN", "metical", "metical", "2006-07-01", "", "iso4217"),
    ("ZMB", "ZMK", "old kwacha", "kwacha", "", "2012-12-31", "iso4217"),
    ("ZMB", "ZMW", "Zambian kwacha", "kwacha", "2013-01-01", "", "iso4217"),
    ("PER", "PES", "sol (old)", "sol", "", "1985-01-31", "iso4217"),
    ("PER", "PEI", "inti", "inti", "1985-02-01", "1991-06-30", "iso4217"),
    ("PER", "PEN", "sol", "sol", "1991-07-01", "", "iso4217"),
    ("BOL", "BOP", "Bolivian peso", "peso", "", "1986-12-31", "iso4217"),
    ("BOL", "BOB", "boliviano", "boliviano", "1987-01-01", "", "iso4217"),
    ("ECU", "ECS", "sucre", "sucre", "", "2000-09-08", "ecu"),
    ("ECU", "USD", "US dollar", "dollar", "2000-03-13", "", "ecu"),
    ("SLV", "SVC", "Salvadoran colon", "colon", "", "2000-12-31", "slv"),
    ("SLV", "USD", "US dollar", "dollar", "2001-01-01", "", "slv"),
    ("ZWE", "ZWL", "Zimbabwe dollar (2019)", "dollar", "2019-06-24", "2024-04-04", "iso4217"),
    ("ZWE", "ZWG", "Zimbabwe gold", "gold zig", "2024-04-05", "", "iso4217"),
    # what a generic word means where the country has no currency of that name
    ("*", "USD", "US dollar", "dollar", "", "", "generic"),
    ("*", "GBP", "pound sterling", "pound", "", "", "generic"),
    ("*", "EUR", "euro", "euro", "1999-01-01", "", "generic"),
]

# (old, new, old units per new unit, effective date, kind, source)
LINKS: list[tuple[str, str, float, str, str, str]] = [
    ("ATS", "EUR", 13.7603, "1999-01-01", "union", "euro"),
    ("BEF", "EUR", 40.3399, "1999-01-01", "union", "euro"),
    ("LUF", "EUR", 40.3399, "1999-01-01", "union", "euro"),
    ("DEM", "EUR", 1.95583, "1999-01-01", "union", "euro"),
    ("ESP", "EUR", 166.386, "1999-01-01", "union", "euro"),
    ("FIM", "EUR", 5.94573, "1999-01-01", "union", "euro"),
    ("FRF", "EUR", 6.55957, "1999-01-01", "union", "euro"),
    ("IEP", "EUR", 0.787564, "1999-01-01", "union", "euro"),
    ("ITL", "EUR", 1936.27, "1999-01-01", "union", "euro"),
    ("NLG", "EUR", 2.20371, "1999-01-01", "union", "euro"),
    ("PTE", "EUR", 200.482, "1999-01-01", "union", "euro"),
    ("GRD", "EUR", 340.750, "2001-01-01", "union", "euro"),
    ("SIT", "EUR", 239.640, "2007-01-01", "union", "euro"),
    ("CYP", "EUR", 0.585274, "2008-01-01", "union", "euro"),
    ("MTL", "EUR", 0.429300, "2008-01-01", "union", "euro"),
    ("SKK", "EUR", 30.1260, "2009-01-01", "union", "euro"),
    ("EEK", "EUR", 15.6466, "2011-01-01", "union", "euro"),
    ("LVL", "EUR", 0.702804, "2014-01-01", "union", "euro"),
    ("LTL", "EUR", 3.45280, "2015-01-01", "union", "euro"),
    ("HRK", "EUR", 7.53450, "2023-01-01", "union", "euro"),
    ("BGN", "EUR", 1.95583, "2026-01-01", "union", "euro"),
    ("ECS", "USD", 25000, "2000-03-13", "union", "ecu"),
    ("SVC", "USD", 8.75, "2001-01-01", "union", "slv"),
    ("TRL", "TRY", 1_000_000, "2005-01-01", "redenomination", "iso4217"),
    ("VEB", "VEF", 1_000, "2008-01-01", "redenomination", "iso4217"),
    ("VEF", "VES", 100_000, "2018-08-20", "redenomination", "iso4217"),
    ("VES", "VED", 1_000_000, "2021-10-01", "redenomination", "ven2021"),
    ("MXP", "MXN", 1_000, "1993-01-01", "redenomination", "iso4217"),
    ("BRZ", "BRB", 1_000, "1967-02-13", "redenomination", "iso4217"),
    ("BRB", "BRC", 1_000, "1986-02-28", "redenomination", "iso4217"),
    ("BRC", "BRN", 1_000, "1989-01-16", "redenomination", "iso4217"),
    ("BRN", "BRE", 1, "1990-03-16", "redenomination", "iso4217"),
    ("BRE", "BRR", 1_000, "1993-08-01", "redenomination", "iso4217"),
    ("BRR", "BRL", 2_750, "1994-07-01", "redenomination", "iso4217"),
    ("ARM", "ARL", 100, "1970-01-01", "redenomination", "iso4217"),
    ("ARL", "ARP", 10_000, "1983-06-01", "redenomination", "iso4217"),
    ("ARP", "ARA", 1_000, "1985-06-15", "redenomination", "iso4217"),
    ("ARA", "ARS", 10_000, "1992-01-01", "redenomination", "iso4217"),
    ("PLZ", "PLN", 10_000, "1995-01-01", "redenomination", "iso4217"),
    ("RUR", "RUB", 1_000, "1998-01-01", "redenomination", "iso4217"),
    ("ROL", "RON", 10_000, "2005-07-01", "redenomination", "iso4217"),
    ("GHC", "GHS", 10_000, "2007-07-01", "redenomination", "iso4217"),
    ("BGL", "BGN", 1_000, "1999-07-05", "redenomination", "iso4217"),
    ("ILP", "ILR", 10, "1980-02-24", "redenomination", "iso4217"),
    ("ILR", "ILS", 1_000, "1985-09-04", "redenomination", "iso4217"),
    ("UAK", "UAH", 100_000, "1996-09-02", "redenomination", "iso4217"),
    ("BYB", "BYR", 1_000, "2000-01-01", "redenomination", "iso4217"),
    ("BYR", "BYN", 10_000, "2016-07-01", "redenomination", "iso4217"),
    ("AZM", "AZN", 5_000, "2006-01-01", "redenomination", "iso4217"),
    ("TMM", "TMT", 5_000, "2009-01-01", "redenomination", "iso4217"),
    ("MZM", "MZN", 1_000, "2006-07-01", "redenomination", "iso4217"),
    ("ZMK", "ZMW", 1_000, "2013-01-01", "redenomination", "iso4217"),
    ("PES", "PEI", 1_000, "1985-02-01", "redenomination", "iso4217"),
    ("PEI", "PEN", 1_000_000, "1991-07-01", "redenomination", "iso4217"),
    ("BOP", "BOB", 1_000_000, "1987-01-01", "redenomination", "iso4217"),
]

#: Extra generic words by the word found in an ISO currency name.
GENERIC_EXTRA = {"krona": "crown", "krone": "crown", "koruna": "crown", "kroon": "crown", "rial": "riyal",
                 "riyal": "rial", "sheqel": "shekel", "rouble": "ruble"}
#: ISO currency names whose generic word is not their last word.
GENERIC_FIRST = {"GBP": "pound", "CNY": "yuan", "OMR": "rial", "UYU": "peso", "NIO": "cordoba"}

# --------------------------------------------------------------------------------------------
# WDI series the tool reads, and what their values are in
# --------------------------------------------------------------------------------------------

WDI_LCU = ("PA.NUS.FCRF", "pa.nus.fcrf.csv.gz")
WDI_USD = {
    "NY.GDP.MKTP.CD": "GDP, current US$",
    "NY.GDP.PCAP.CD": "GDP per capita, current US$",
}
#: A fall of more than this many times in one year is a change of unit, not a market move.
JUMP = 50.0


def fold(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c)).lower()


def iso_generic(code: str, name: str) -> str:
    words = fold(name.split("(")[0]).replace("’", "").split()
    first = GENERIC_FIRST.get(code) or (words[-1] if words else "")
    out = [first] + ([GENERIC_EXTRA[first]] if first in GENERIC_EXTRA else [])
    return " ".join(dict.fromkeys(w for w in out if w))


def currency_rows(countries: list[dict[str, str]], iso: dict[str, str]) -> list[list[str]]:
    names = {c["iso3"]: c["name"] for c in countries}
    names["*"] = "(anywhere)"
    typed = {(e, c) for e, c, *_ in HISTORY}
    typed_entities = {e for e, *_ in HISTORY}
    rows = [[e, names.get(e, e), c, n, g, a, b, s] for e, c, n, g, a, b, s in HISTORY]
    for c in countries:
        cur = c["currency"]
        if c["kind"] == "aggregate" or not cur or (c["iso3"], cur) in typed or c["iso3"] in typed_entities:
            continue
        # the euro is the currency of record from 1999 only (WDI keeps earlier years in the old currency)
        rows.append([c["iso3"], c["name"], cur, iso.get(cur, cur), iso_generic(cur, iso.get(cur, cur)),
                     "1999-01-01" if cur == "EUR" else "", "", "countries"])
    rows.sort(key=lambda r: (r[0], r[5] or "0000", r[2]))
    return rows


# --------------------------------------------------------------------------------------------
# deriving the unit of the WDI exchange-rate values
# --------------------------------------------------------------------------------------------

class Lineage:
    """One country's currencies by date, and the fixed factors between them."""

    def __init__(self, entity: str, rows: list[list[str]]) -> None:
        self.rows = [r for r in rows if r[0] == entity]
        self.factors: dict[tuple[str, str], float] = {}
        for old, new, f, _, _, _ in LINKS:
            self.factors[(old, new)] = f
            self.factors[(new, old)] = 1 / f
        # closure over chains (old -> new -> newer)
        changed = True
        while changed:
            changed = False
            for (a, b), f in list(self.factors.items()):
                for (c, d), g in list(self.factors.items()):
                    if b == c and a != d and (a, d) not in self.factors:
                        self.factors[(a, d)] = f * g
                        changed = True

    def member(self, day: dt.date) -> str | None:
        """The currency of record that day: the country's own while it lasts (a euro legacy
        currency until its cash changeover), else the euro; None when not known."""
        got = [r for r in self.rows if (not r[5] or r[5] <= day.isoformat()) and (not r[6] or day.isoformat() <= r[6])]
        own = [r for r in got if r[2] != "EUR"]
        if not own:
            return "EUR" if got else None
        dated = [r for r in own if r[5]]
        return (max(dated, key=lambda r: r[5]) if dated else own[0])[2]


def derive_units(series: dict[str, dict[int, float]], rows: list[list[str]]) -> list[list[Any]]:
    """Per country: runs of years with the currency the values are in, and what shows it.

    Walking back from the last year: a year equal to the euro area's value is in euros; else the
    unit is the later year's unless the currency of record changed in between, when the step
    between the two values decides: a step by the legal factor means the earlier values are in
    the old currency, none means the series was back-converted. A fall of more than JUMP times
    with no change of record is explained by a fixed factor of the lineage or makes the earlier
    years unknown, and so does a change of record inside a gap of the series.
    """
    euro = {y: v for y, v in series.get("DEU", {}).items() if y >= 1999}
    out: list[list[Any]] = []
    entities = {r[0] for r in rows}
    for entity in sorted(series):
        if entity not in entities:
            continue  # an aggregate
        s = series[entity]
        lin = Lineage(entity, rows)
        years = sorted(s)
        unit: dict[int, str] = {}
        why: dict[int, str] = {}

        def is_euro(y: int) -> bool:
            return y in euro and math.isclose(s[y], euro[y], rel_tol=1e-9)

        last = years[-1]
        unit[last] = "EUR" if is_euro(last) else (lin.member(dt.date(last, 12, 31)) or "unknown")
        why[last] = "equal to the euro area's values" if unit[last] == "EUR" and is_euro(last) else (
            "the currency of record" if unit[last] != "unknown" else "no currency of record")
        for later, earlier in zip(reversed(years), reversed(years[:-1])):
            u = unit[later]
            m, ml = lin.member(dt.date(earlier, 1, 1)), lin.member(dt.date(later, 1, 1))
            r = s[later] / s[earlier] if s[earlier] else math.nan
            gap = later - earlier > 1
            if is_euro(earlier):
                unit[earlier], why[earlier] = "EUR", "equal to the euro area's values"
            elif u == "unknown" or m is None:
                unit[earlier], why[earlier] = "unknown", "no currency of record"
            elif m == ml and (m == u or (m, u) in lin.factors and u != "EUR"):
                # no change of record between the two years: the same unit, unless the values fall
                # by a legal factor of the lineage ("ZMK" values before a rebased run of "ZMW")
                if r < 1 / JUMP:
                    old = next((a for (a, b), f in lin.factors.items() if b == u and 1 / 3 < r * f < 3), None)
                    unit[earlier] = old or "unknown"
                    why[earlier] = (f"falls {1 / r:,.0f} times into {later}: the {old}->{u} factor" if old
                                    else f"falls {1 / r:,.0f} times into {later} with no change of currency recorded")
                else:
                    unit[earlier], why[earlier] = u, why[later] if u != m else "the currency of record"
            elif gap:
                unit[earlier] = "unknown"
                why[earlier] = f"the currency changed ({m}->{u}) in a gap of the series ({earlier}-{later})"
            elif (m, u) in lin.factors:
                f = lin.factors[(m, u)]
                if abs(math.log(r * f)) < abs(math.log(r)):
                    unit[earlier] = m
                    why[earlier] = f"the series steps by the legal {m}->{u} factor ({earlier} {s[earlier]:.6g}, {later} {s[later]:.6g})"
                else:
                    unit[earlier] = u
                    why[earlier] = (f"no step of {f:,.6g} at the {m}->{u} change ({earlier} {s[earlier]:.6g}, "
                                    f"{later} {s[later]:.6g}): back-converted to {u}")
            else:
                unit[earlier] = m
                why[earlier] = f"the currency of record ({m} and {u} have no fixed factor, so no back-conversion)"
        run_start = years[0]
        for i, y in enumerate(years):
            nxt = years[i + 1] if i + 1 < len(years) else None
            if nxt is None or unit[nxt] != unit[y]:
                checks = list(dict.fromkeys(why[k] for k in years if run_start <= k <= y))
                specific = [c for c in checks if c != "the currency of record"]
                out.append(["PA.NUS.FCRF", entity, run_start, y, unit[y], "; ".join(specific or checks)])
                if nxt is not None:
                    run_start = nxt
    for code, what in WDI_USD.items():
        out.append([code, "*", 1960, 2100, "USD",
                    f"{what}: the World Bank converts every country's figure to US dollars at the year's "
                    "official rate (or its alternative conversion factor), so the unit is the same everywhere"])
    return out


def field(name: str, type_: str, desc: str, **cons: Any) -> dict[str, Any]:
    f: dict[str, Any] = {"name": name, "type": type_, "description": desc}
    if cons:
        f["constraints"] = cons
    return f


def resource(out: Path, name: str, rel: str, fields: list[dict[str, Any]], key: list[str], kind: str,
             description: str) -> dict[str, Any]:
    p = out / rel
    return {"name": name, "path": rel, "profile": "tabular-data-resource", "format": "csv", "mediatype": "text/csv",
            "encoding": "utf-8", "bytes": p.stat().st_size, "hash": sha256(p),
            "schema": {"fields": fields, "primaryKey": key}, "description": description,
            "factcheck": {"kind": kind}}


DATE_OR_EMPTY = r"^(\d{4}-\d{2}-\d{2})?$"
CODE = r"^[A-Z]{3}$"


def build(out: Path, reference: Path) -> None:
    countries = read(reference / "countries" / "data" / "countries.csv")
    iso_rows = read(ROOT.parent / "shared" / "reference" / "countries" / "currencies_iso4217.csv")
    iso = {r["code"]: r["name"] for r in iso_rows}
    rows = currency_rows(countries, iso)
    write_csv(out / "data" / "currencies.csv",
              ["entity", "country", "currency", "name", "generic", "valid_from", "valid_to", "source"], rows)
    links = [[o, n, f"{f:g}" if f < 1e5 else f"{f:.0f}", d, k, SOURCES[s][0], SOURCES[s][2]]
             for o, n, f, d, k, s in LINKS]
    write_csv(out / "data" / "links.csv", ["old", "new", "factor", "effective", "kind", "source", "url"], links)
    series: dict[str, dict[int, float]] = defaultdict(dict)
    for r in read(reference / "wdi" / "data" / WDI_LCU[1]):
        series[r["entity"]][int(r["year"])] = float(r["value"])
    units = derive_units(series, rows)
    write_csv(out / "data" / "wdi_units.csv", ["indicator", "entity", "first_year", "last_year", "unit", "check"],
              units)
    resources = [
        resource(out, "currencies", "data/currencies.csv", [
            field("entity", "string", "ISO3 of the country; * for the meaning of a generic word anywhere else",
                  required=True, pattern=r"^([A-Z][A-Z0-9]{2}|\*)$"),
            field("country", "string", "the country's name (countries package)"),
            field("currency", "string", "ISO 4217 code, historic codes included", required=True, pattern=CODE),
            field("name", "string", "English name", required=True),
            field("generic", "string", "words a writer uses for it, space-separated (franc, lira, mark, crown)",
                  required=True),
            field("valid_from", "string", "first day as legal tender (empty: before the records here)",
                  pattern=DATE_OR_EMPTY),
            field("valid_to", "string", "last day as legal tender (empty: still)", pattern=DATE_OR_EMPTY),
            field("source", "string", "key of the package's sources entry", required=True,
                  enum=sorted(SOURCES)),
        ], ["entity", "currency"], "currency_tenure",
            "Which currency was legal tender in which country when, with the generic words it answers to."),
        resource(out, "links", "data/links.csv", [
            field("old", "string", "the earlier currency", required=True, pattern=CODE),
            field("new", "string", "the currency replacing it", required=True, pattern=CODE),
            field("factor", "number", "units of old per one unit of new, fixed by law", required=True,
                  exclusiveMinimum=0),
            field("effective", "date", "the day the factor took effect", required=True),
            field("kind", "string", "redenomination (holds at any date) or union (from its date on)",
                  required=True, enum=["redenomination", "union"]),
            field("source", "string", "the legal act or registry", required=True),
            field("url", "string", "where to read it", required=True),
        ], ["old", "new"], "currency_links", "Fixed legal conversion factors between successive currencies."),
        resource(out, "wdi_units", "data/wdi_units.csv", [
            field("indicator", "string", "WDI series code", required=True),
            field("entity", "string", "ISO3, or * for every country", required=True,
                  pattern=r"^([A-Z][A-Z0-9]{2}|\*)$"),
            field("first_year", "integer", "first year of the run", required=True),
            field("last_year", "integer", "last year of the run", required=True),
            field("unit", "string", "ISO 4217 code the values are in, or unknown", required=True,
                  pattern=r"^([A-Z]{3}|unknown)$"),
            field("check", "string", "what in the values shows it", required=True),
        ], ["indicator", "entity", "first_year"], "wdi_units",
            "The currency of the WDI exchange-rate (LCU per US$) and money series, per country and run of years, "
            "derived from the values by scripts/build_currency_history.py."),
    ]
    pkg = {
        "profile": "tabular-data-package", "name": "currency_history",
        "title": "Currency histories: legal tender by country and date, fixed conversion factors, WDI units",
        "version": VERSION,
        "description": ("Which currency a writer meant by 'francs', 'lira' or 'marks' depends on the country and the "
                        "date. Legal tender per country and date and the fixed legal factors were typed by hand from "
                        "the legal acts named in sources (the euro's irrevocable rates, ISO 4217 historic "
                        "denominations); the other countries' current currencies come from the countries package. "
                        "The unit of the WDI exchange-rate values per country and period is derived from the values "
                        "(see wdi_units.check); spot checks against rates reported at the time: France 1987 6.01 "
                        "(French francs), Turkey 1987 0.000857 (new lira: 857 old lira), Venezuela 1987 0.0145 "
                        "(bolivares fuertes: 14.5 old bolivars), Mexico 1987 1.378 (new pesos: 1,378 old pesos)."),
        "created": CREATED,
        "sources": [{"name": k, "title": t, "path": u, **({"date": d} if d else {}),
                     "note": "typed by hand from the act as published; not fetched by the build"}
                    for k, (_, t, u, d) in sorted(SOURCES.items()) if k not in ("countries", "generic")]
        + [{"name": "countries", "title": SOURCES["countries"][1], "path": SOURCES["countries"][2]},
           {"name": "generic", "title": SOURCES["generic"][1], "path": SOURCES["generic"][2]},
           {"title": "World Bank WDI PA.NUS.FCRF as in reference_data/wdi (values inspected, not copied)",
            "path": "https://data.worldbank.org/indicator/PA.NUS.FCRF"}],
        "licenses": [{"name": "facts-citation",
                      "title": "Legal conversion factors and dates cited from the named acts"}],
        "resources": resources,
    }
    (out / "datapackage.json").write_text(json.dumps(pkg, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reference", type=Path, default=ROOT / "reference_data",
                    help="the built reference_data (countries, wdi) to read")
    ap.add_argument("--out", type=Path, default=ROOT / "reference_data" / "currency_history")
    args = ap.parse_args(argv)
    build(args.out, args.reference)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Which currency a writer meant, and whether it converts by law to the unit of a reference.

"6.20 francs to the dollar" in a story about France in 1987 is in French francs; "lira" in Turkey
in 1987 is the old lira (TRL), in 2025 the lira of 2005 (TRY); "dollars" in a story about Canada
are Canadian dollars, about Turkey US dollars. The extractor reads a currency word with its
generic name ("franc", "lira", "mark", "dollar"); this module says which currency that was in a
country at a date, from ``reference_data/currency_history`` (legal tender by country and date,
with the words each currency answers to; built by scripts/build_currency_history.py):

    h = history()
    h.meant("lira", "TUR", dt.date(1987, 3, 1)).code        # "TRL"
    h.factor("TRY", "TRL", dt.date(1987, 3, 1))              # (1000000.0, "1,000,000 TRL = 1 TRY (...)")
    h.wdi_unit("PA.NUS.FCRF", "TUR", 1987)                   # "TRY": WDI back-converts

Two currencies are never one: between currencies of one lineage the only conversion is a fixed
legal factor (a redenomination holds at any date, since statisticians back-convert with it; a
currency union such as the euro only from its date), and anything else needs a dated exchange
rate (reference/fx.py). What cannot be told is refused with a reason an editor can act on.

The lookup stage calls ``claim_unit`` and ``claim_currency``; the catalog's exchange rates call
``partners`` (fixed links) and ``wdi_entities`` (which country's WDI values are in a currency).
"""
from __future__ import annotations

import csv
import datetime as dt
import functools
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from factcheck.reference.catalog import default_root

DATASET = "currency_history"
_CODE = re.compile(r"^[A-Z]{3}$")
_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Tender:
    """One currency's time as legal tender in one country."""

    entity: str
    country: str
    code: str
    name: str
    generics: frozenset[str]
    start: dt.date | None
    end: dt.date | None

    def in_force(self, on: dt.date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)

    def distance(self, on: dt.date) -> int:
        """Days from ``on`` to this tenure (0 inside it)."""
        if self.start is not None and on < self.start:
            return (self.start - on).days
        if self.end is not None and on > self.end:
            return (on - self.end).days
        return 0


@dataclass(frozen=True)
class Link:
    """``factor`` units of ``old`` make one ``new``, fixed by law from ``effective``."""

    old: str
    new: str
    factor: float
    effective: dt.date
    kind: str  # redenomination (holds at any date) | union (from its date on)
    source: str
    url: str

    def valid(self, on: dt.date | None) -> bool:
        return self.kind == "redenomination" or on is None or on >= self.effective

    def words(self) -> str:
        """ "1,000,000 TRL = 1 TRY, the redenomination of 1 January 2005"; "6.55957 FRF = 1 EUR, fixed
        by law from 1 January 1999"."""
        if self.kind == "redenomination":
            return f"{_num(self.factor)} {self.old} = 1 {self.new}, the redenomination of {_date(self.effective)}"
        return f"{_num(self.factor)} {self.old} = 1 {self.new}, fixed by law from {_date(self.effective)}"


@dataclass(frozen=True)
class Reading:
    """The currency the writer meant (``code``), or why it cannot be told (``reason``)."""

    code: str | None
    reason: str = ""
    #: How the word was read, when it was not plain ("'lira' in 1987: the old Turkish lira (TRL)").
    note: str = ""


class History:
    """Legal tender by country and date, fixed legal factors, and the currency of WDI values."""

    def __init__(self, tenders: Iterable[Tender], links: Iterable[Link],
                 units: Iterable[tuple[str, str, int, int, str]]) -> None:
        self.tenders: dict[str, list[Tender]] = defaultdict(list)
        self.by_code: dict[str, list[Tender]] = defaultdict(list)
        for t in tenders:
            self.tenders[t.entity].append(t)
            self.by_code[t.code].append(t)
        self.links = tuple(links)
        self._adj: dict[str, list[tuple[str, float, Link]]] = defaultdict(list)
        for k in self.links:
            self._adj[k.old].append((k.new, k.factor, k))        # units of old per one new
            self._adj[k.new].append((k.old, 1.0 / k.factor, k))  # units of new per one old
        self.generics = frozenset(g for ts in self.tenders.values() for t in ts for g in t.generics)
        self._units: dict[tuple[str, str], list[tuple[int, int, str]]] = defaultdict(list)
        for indicator, entity, first, last, unit in units:
            self._units[(indicator, entity)].append((first, last, unit))

    # -- names ---------------------------------------------------------------------------------
    def name(self, code: str) -> str:
        ts = self.by_code.get(code)
        return ts[0].name if ts else code

    def country(self, entity: str | None) -> str:
        ts = self.tenders.get(entity or "")
        return ts[0].country if ts else (entity or "the country")

    def is_currency(self, unit: str | None) -> bool:
        """A currency code or a currency word the extractor writes ("TRY", "lira", "franc")."""
        return bool(unit) and (unit in self.by_code or unit in self._adj or unit in self.generics
                               or bool(_CODE.match(unit or "")))

    # -- which currency ----------------------------------------------------------------------------
    def meant(self, written: str | None, entity: str | None, on: dt.date,
              written_on: dt.date | None = None) -> Reading:
        """The currency meant by ``written`` (a code, a generic word, or None for "the country's
        currency") in a text about ``entity`` for ``on``, written on ``written_on``."""
        if written is None:
            return self._local(entity, on)
        if _CODE.match(written):
            return self._code(written, entity, on, written_on)
        return self._generic(written.lower(), entity, on, written_on)

    def _local(self, entity: str | None, on: dt.date) -> Reading:
        if not entity:
            return Reading(None, "no country named for this currency")
        now = [t for t in self.tenders.get(entity, ()) if t.in_force(on)]
        if not now:
            return Reading(None, f"no currency of record for {self.country(entity)} in {on.year}")
        return self._one(now, entity, on, "")

    def _one(self, now: list[Tender], entity: str, on: dt.date, word: str) -> Reading:
        """One currency among those in force: the incumbent (an old currency stays the one in
        people's hands while a new one is only book money, as the franc in 1999-2001)."""
        codes = list(dict.fromkeys(t.code for t in sorted(now, key=_incumbent_first)))
        first = [t for t in now if t.code == codes[0]][0]
        rivals = [t for t in now if t.code != codes[0] and t.start == first.start]
        if rivals:
            names = " and the ".join(f"{t.name} ({t.code})" for t in [first, *rivals])
            what = f"'{word}'" if word else "the currency"
            return Reading(None, f"{what} is ambiguous: {self.country(entity)} used the {names} in {on.year}; "
                                 "name the currency")
        return Reading(first.code)

    def _code(self, code: str, entity: str | None, on: dt.date, written_on: dt.date | None) -> Reading:
        own = [t for t in self.tenders.get(entity or "", ()) if t.code == code]
        # A code for a currency that did not yet exist when the amount was (nor when the text was
        # written) is the extractor's name for the lineage: "Turkish lira" in 1987 is TRL, not TRY.
        if own and not any(t.in_force(on) for t in own) and all(t.start and on < t.start for t in own) and (
                written_on is None or all(t.start and written_on < t.start for t in own)):
            words = set().union(*(t.generics for t in own))
            now = [t for t in self.tenders[entity or ""] if t.in_force(on) and t.generics & words]
            if now:
                got = self._one(now, entity or "", on, code)
                if got.code:
                    return Reading(got.code, note=f"{code} did not exist in {on.year}: the {self.name(got.code)} "
                                                  f"({got.code})")
        return Reading(code)

    def _generic(self, word: str, entity: str | None, on: dt.date, written_on: dt.date | None) -> Reading:
        if word not in self.generics:
            return Reading(None, f"'{word}' is not a currency known to the reference data")
        if entity and entity in self.tenders:
            named = [t for t in self.tenders[entity] if word in t.generics]
            if named:
                now = [t for t in named if t.in_force(on)]
                if not now:
                    # "francs" in a story about France in 2005: the franc it had, when what it had
                    # then is known (no guess for a year with no currency of record)
                    if not any(t.in_force(on) for t in self.tenders[entity]):
                        return Reading(None, f"no currency of record for {self.country(entity)} in {on.year}")
                    near = min(t.distance(on) for t in named)
                    now = [t for t in named if t.distance(on) == near]
                got = self._one(now, entity, on, word)
                if got.code is None:
                    return got
                if written_on is not None and written_on != on:
                    then = [t for t in named if t.in_force(written_on)]
                    other = {t.code for t in then} - {got.code}
                    if then and other and got.code not in {t.code for t in then}:
                        o = sorted(other)[0]
                        return Reading(None, f"'{word}' for {on.year} in a text of {written_on.year}: the "
                                             f"{self.name(got.code)} ({got.code}) of the time or the "
                                             f"{self.name(o)} ({o}) of the writing; the text does not say which")
                note = "" if got.code in {t.code for t in self.tenders[entity] if t.in_force(on)} and len(named) == 1 \
                    else f"'{word}' in {self.country(entity)} in {on.year}: the {self.name(got.code)} ({got.code})"
                return Reading(got.code, note=note)
            fallback = self._default(word, on)
            if fallback:
                return Reading(fallback, note=f"{self.country(entity)} has no {word} of its own: the "
                                              f"{self.name(fallback)} ({fallback})")
            now = [t for t in self.tenders[entity] if t.in_force(on)]
            had = " and the ".join(f"{t.name} ({t.code})" for t in now) or "another currency"
            return Reading(None, f"the text gives {word}s, but {self.country(entity)} had the {had} in {on.year}; "
                                 f"say which {word}")
        codes = {t.code for e, ts in self.tenders.items() if e != "*" for t in ts if word in t.generics
                 and t.in_force(on)}
        if len(codes) == 1:
            return Reading(codes.pop())
        fallback = self._default(word, on)
        if fallback:
            return Reading(fallback)
        return Reading(None, f"several countries' currencies are called {word}; name the country")

    def _default(self, word: str, on: dt.date) -> str | None:
        got = [t.code for t in self.tenders.get("*", ()) if word in t.generics and t.in_force(on)]
        return got[0] if got else None

    # -- fixed legal factors ---------------------------------------------------------------------
    def factor(self, a: str, b: str, on: dt.date | None = None) -> tuple[float, str] | None:
        """Units of ``b`` per one ``a`` fixed by law (a chain of links valid at ``on``), with
        the legal words; None when the two are not linked (then only an exchange rate converts)."""
        if a == b:
            return 1.0, ""
        for other, per, note in self.partners(b, on):
            if other == a:
                return per, note
        return None

    def partners(self, cur: str, on: dt.date | None = None) -> list[tuple[str, float, str]]:
        """Every currency fixed by law to ``cur`` at ``on``: (other, units of ``cur`` per one
        other, the legal words), nearest first."""
        out: list[tuple[str, float, str]] = []
        seen = {cur}
        frontier: list[tuple[str, float, tuple[str, ...]]] = [(cur, 1.0, ())]
        while frontier:
            nxt = []
            for c, per, notes in frontier:
                for other, f, link in self._adj.get(c, ()):
                    if other in seen or not link.valid(on):
                        continue
                    seen.add(other)
                    item = (other, per * f, notes + (link.words(),))
                    out.append((other, per * f, "; ".join(item[2])))
                    nxt.append(item)
            frontier = nxt
        return out

    # -- the currency of reference values --------------------------------------------------------
    def wdi_unit(self, indicator: str, entity: str, year: int) -> str | None:
        """The currency a WDI value is in (None when unknown: such values are never used)."""
        for key in ((indicator, entity), (indicator, "*")):
            for first, last, unit in self._units.get(key, ()):
                if first <= year <= last:
                    return None if unit == "unknown" else unit
        return None

    def wdi_entities(self, indicator: str, currency: str, year: int) -> list[str]:
        """The countries whose ``indicator`` value for ``year`` is in ``currency``."""
        return sorted(e for (i, e), runs in self._units.items() if i == indicator and e != "*"
                      and any(a <= year <= b and u == currency for a, b, u in runs))


def _incumbent_first(t: Tender) -> tuple[int, str]:
    return ((t.start or dt.date.min).toordinal(), t.code)


def _num(x: float) -> str:
    return f"{x:,.0f}" if x >= 1000 and float(x).is_integer() else f"{x:g}"


def _date(d: dt.date) -> str:
    return f"{d.day} {d.strftime('%B')} {d.year}"


def _day(s: str) -> dt.date | None:
    return dt.date.fromisoformat(s) if s else None


def load(folder: Path | str) -> History:
    """Read the package's three tables (csv; small, so no pandas and no cache)."""
    folder = Path(folder)

    def rows(name: str) -> list[dict[str, str]]:
        with (folder / "data" / name).open(newline="", encoding="utf-8") as fh:
            return list(csv.DictReader(fh))

    tenders = [Tender(r["entity"], r["country"], r["currency"], r["name"], frozenset(r["generic"].split()),
                      _day(r["valid_from"]), _day(r["valid_to"])) for r in rows("currencies.csv")]
    links = [Link(r["old"], r["new"], float(r["factor"]), dt.date.fromisoformat(r["effective"]), r["kind"],
                  r["source"], r["url"]) for r in rows("links.csv")]
    units = [(r["indicator"], r["entity"], int(r["first_year"]), int(r["last_year"]), r["unit"])
             for r in rows("wdi_units.csv")]
    return History(tenders, links, units)


@functools.lru_cache(maxsize=4)
def history(root: str | None = None) -> History:
    """The project's currency history (``reference_data/currency_history``), read once."""
    return load(Path(root) if root else default_root() / DATASET)


# -- the lookup stage's two questions -----------------------------------------------------------

def _dates(claim: Any, obs: Any = None) -> tuple[dt.date, dt.date | None]:
    """The day the amount is for (the claim's period, else the observation's), and the day the
    text was written (the document's date)."""
    as_of = claim.param("as_of") if hasattr(claim, "param") else None
    written = dt.date.fromisoformat(as_of) if as_of else None
    if claim.period is not None:
        return claim.period.end, written
    if obs is not None:
        return obs.period.end, written
    return written or dt.date.today(), written


def claim_unit(claim: Any, unit: str | None, obs: Any = None) -> tuple[str | None, str]:
    """``unit`` with a currency read as the currency the writer meant ("lira" about Turkey in
    1987 -> "TRL"; "franc / month" -> "FRF / month"); other units unchanged. ``(None, reason)``
    when the currency cannot be told."""
    if not unit:
        return unit, ""
    head, sep, tail = unit.partition(" / ")
    h = history()
    if not h.is_currency(head):
        return unit, ""
    on, written = _dates(claim, obs)
    got = h.meant(head, claim.subject, on, written)
    if got.code is None:
        return None, got.reason
    return got.code + sep + tail, ""


def why_not(claim: Any, obs: Any) -> str:
    """Why a reference in one currency cannot be put in the claim's ("" when not a currency
    matter): the currency cannot be told, or no rate links the two for the period."""
    unit, why = claim_unit(claim, claim.quantity.unit, obs)
    if why:
        return why
    h = history()
    head = (unit or "").partition(" / ")[0]
    have = (obs.unit or "").partition(" / ")[0]
    if head and have and head != have and h.is_currency(head) and h.is_currency(have):
        on, _ = _dates(claim, obs)
        return (f"no rate between the {h.name(head)} ({head}) and the {h.name(have)} ({have}) for {on.year} "
                "in the reference data")
    return ""


def claim_currency(claim: Any) -> tuple[str | None, str]:
    """The currency of an exchange-rate figure ("6.20 francs to the dollar", "33 to the dollar"):
    the one written, read in the claim's country and date, else the country's own then."""
    q = claim.quantity
    on, written = _dates(claim)
    h = history()
    word = q.unit if q.kind == "money" and h.is_currency(q.unit) else None
    got = h.meant(word, claim.subject, on, written if word else None)
    if got.code is None:
        return None, got.reason
    if got.code == "USD" and claim.subject != "USA" and word is not None:
        return None, "the figure is in US dollars; a rate against the dollar is in the local currency"
    return got.code, ""

"""Reference data: a catalog of datasets with time-aware lookups, entities and exchange rates.

    cat = Catalog.default()
    cat.latest("TUR", "refugees_from", dt.date(2020, 2, 20), origin="SYR")
    cat.at_period("TUR", "minimum_monthly_pension", Period.month(2024, 7))
    cat.entities.resolve("Türkiye").iso3          # "TUR"
    cat.fx.rate("USD", "TRY", dt.date(2024, 7, 15)).value

A warm start reads one small manifest (no pandas); each dataset's SQLite store is opened on the
first lookup of an indicator it holds, and the entity table and exchange rates when first used
(see ``store.py``). A series held in several vintages is read in the newest one, or with
``Catalog(vintage="2025-07-01")`` the newest published on or before that date.
"""
from __future__ import annotations

import bisect
import datetime as dt
import os
import threading
from pathlib import Path
from typing import Any, Iterable

from factcheck.errors import InputError
from factcheck.model import Observation, Period
from factcheck.reference.catalog import VINTAGE_RE, DatasetInfo, default_root, discover
from factcheck.reference.entities import EntityMatch, EntityResolver, Mention
from factcheck.reference.fx import Fx, FxError, Rate
from factcheck.reference.index import Event, SeriesBlock
from factcheck.reference.store import Store, open_store

__all__ = ["Catalog", "DatasetInfo", "EntityMatch", "EntityResolver", "Event", "Fx", "FxError",
           "Mention", "Rate", "check_vintage", "choose_vintage", "observation"]

_DEFAULT: "Catalog | None" = None
_LOCK = threading.Lock()


def _forget_after_fork() -> None:
    """A forked child (the workers of ``--dask local`` on Linux) opens its own catalog: SQLite
    connections must not be used across a fork."""
    global _DEFAULT, _LOCK
    _DEFAULT = None
    _LOCK = threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_after_fork)


def _extra_key(extra: dict[str, object]) -> tuple[tuple[str, str], ...]:
    out = []
    for k, v in extra.items():
        if v is None or v == "":
            continue
        out.append((k, v.isoformat() if isinstance(v, dt.date) else str(v)))
    return tuple(sorted(out))


def choose_vintage(held: Iterable[str], asked: str | None) -> str | None:
    """The vintage a lookup reads among those ``held``: the newest, or with ``asked`` the newest
    on or before it ("" — none stated — counts as older than any); None when none qualifies."""
    ok = [v for v in held if asked is None or v <= asked]
    return max(ok) if ok else None


def check_vintage(vintage: str | None) -> str | None:
    """``vintage`` when it is a date (YYYY-MM-DD, YYYY-MM or YYYY); else an ``InputError``."""
    if vintage is None:
        return None
    v = str(vintage.isoformat() if isinstance(vintage, dt.date) else vintage).strip()
    if not VINTAGE_RE.fullmatch(v):
        raise InputError(f"vintage {vintage!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")
    return v


def observation(entity: str, block: SeriesBlock, i: int) -> Observation:
    """Row ``i`` of a series block of ``entity`` as an ``Observation``."""
    m = block.meta
    start = dt.date.fromordinal(block.starts[i])
    end = dt.date.fromordinal(block.ends[i])
    vintage = block.vintage  # the release of the row: its vintage column, resource or indicator
    if block.rows is not None:
        r = block.rows[i]
        period = Period(start, end, r[9])
        return Observation(m.dataset, entity, m.indicator, period, block.values[i], m.unit,
                           m.series, r[4] or m.source, r[5] or m.url, r[6] or m.retrieved,
                           r[0], r[3], vintage)
    if m.period_type == "year":
        period = Period.year(start.year)
    elif m.period_type == "year_end":
        period = Period(start, end, f"end-{end.year}")
    elif m.period_type == "month":
        period = Period.month(start.year, start.month)
    else:
        period = Period.day(end) if start == end else Period(start, end, f"{start}/{end}")
    return Observation(m.dataset, entity, m.indicator, period, block.values[i], m.unit,
                       m.series, m.source, m.url, m.retrieved, "",
                       f"{m.dataset}/{entity}/{m.raw_indicator}/{period.label}", vintage)


class Catalog:
    """All reference datasets under one or more roots, indexed for lookup.

    ``vintage``: read each series in the newest vintage published on or before this date
    (default: the newest held)."""

    def __init__(self, roots: Iterable[Path | str] | None = None, *, use_cache: bool = True,
                 extra_roots: Iterable[Path | str] = (), vintage: str | None = None) -> None:
        self.roots = tuple(Path(r) for r in (roots if roots is not None else [default_root()]))
        self.roots += tuple(Path(r) for r in extra_roots)
        self.vintage = check_vintage(vintage)
        self._store: Store = open_store(discover(self.roots), use_cache=use_cache)
        self._obs: dict[tuple[int, int], Observation] = {}
        self._keys: dict[tuple[Any, ...], list[SeriesBlock]] = {}
        self._entities: EntityResolver | None = None
        self._fx: Fx | None = None
        self._events: tuple[Event, ...] | None = None

    @classmethod
    def default(cls) -> "Catalog":
        """The catalog of the project's ``reference_data/`` (built once per process)."""
        global _DEFAULT
        with _LOCK:
            if _DEFAULT is None:
                _DEFAULT = cls()
            return _DEFAULT

    @property
    def entities(self) -> EntityResolver:
        """Names, codes, demonyms and places -> entities (the table read as it is used)."""
        if self._entities is None:
            self._entities = EntityResolver(self._store.entities())
        return self._entities

    @property
    def fx(self) -> Fx:
        """Exchange rates (ECB, World Bank fallback), read on first use."""
        if self._fx is None:
            self._fx = Fx(self._store.fx(), self._lcu_per_usd, self._currency_links)
        return self._fx

    # -- metadata -----------------------------------------------------------------------------
    @property
    def datasets(self) -> dict[str, DatasetInfo]:
        return self._store.datasets()

    def indicators(self) -> frozenset[str]:
        return self._store.indicators()

    def has(self, entity: str, indicator: str, **extra: object) -> bool:
        return bool(self._blocks(entity, indicator, None, extra))

    def vintages(self, indicator: str, *, dataset: str | None = None) -> list[str]:
        """Every vintage of ``indicator`` the datasets hold (of ``dataset``), oldest first."""
        return sorted({v for _, name, held in self._store.holders(indicator)
                       if dataset is None or name == dataset for v in held})

    # -- lookups ------------------------------------------------------------------------------
    def _blocks(self, entity: str, indicator: str, dataset: str | None,
                extra: dict[str, object]) -> list[SeriesBlock]:
        key = (entity, indicator, _extra_key(extra), dataset)
        got = self._keys.get(key)
        if got is None:
            got = []
            for i, name, held in self._store.holders(indicator):
                if dataset is not None and name != dataset:
                    continue
                v = choose_vintage(held, self.vintage)
                if v is not None:
                    got.extend(self._store.blocks(i, indicator, entity, key[2], v))
            self._keys[key] = got
        return got

    def about(self, entity: str, indicator: str, *, dataset: str | None = None, **extra: object) -> dict[str, Any]:
        """What the series' package states of it (periodicity, definition, coverage, vintage,
        revision), or an empty mapping."""
        for b in self._blocks(entity, indicator, dataset, extra):
            if b.meta.about:
                return dict(b.meta.about)
        # What a package states of a series is the same for every entity and key of it.
        return dict(self._store.about(indicator, dataset) or self._store.about(indicator, None))

    def is_step(self, entity: str, indicator: str, *, dataset: str | None = None, **extra: object) -> bool:
        """Whether the series is a level in force until the next one (a pension, a policy rate)."""
        return any(b.meta.step for b in self._blocks(entity, indicator, dataset, extra))

    def _observation(self, entity: str, block: SeriesBlock, i: int) -> Observation:
        memo = (id(block), i)
        got = self._obs.get(memo)
        if got is None:
            got = self._obs[memo] = observation(entity, block, i)
        return got

    def series(self, entity: str, indicator: str, *, dataset: str | None = None,
               include_flagged: bool = False, **extra: object) -> tuple[Observation, ...]:
        """Every observation of a series, sorted by period end (then start, dataset)."""
        out: list[tuple[int, int, str, Observation]] = []
        for b in self._blocks(entity, indicator, dataset, extra):
            for i in range(len(b.ends)):
                if b.rows is not None and b.rows[i][1] and not include_flagged:
                    continue
                out.append((b.ends[i], b.starts[i], b.meta.dataset,
                            self._observation(entity, b, i)))
        out.sort(key=lambda t: t[:3])
        return tuple(t[3] for t in out)

    @staticmethod
    def _pref(b: SeriesBlock, i: int) -> tuple[int, int, int]:
        """Sort key among rows of one date: exact before hedged, primary before secondary."""
        if b.rows is None:
            return (0, 0, 0)
        r = b.rows[i]
        return (1 if r[0] else 0, r[7], 0)

    def _candidates_upto(self, blocks: list[SeriesBlock], at_ord: int,
                         exact_only: bool = False) -> list[tuple[int, tuple[int, int, int],
                                                                 SeriesBlock, int]]:
        """The latest usable row at or before ``at_ord`` of each block."""
        found = []
        for b in blocks:
            if b.meta.step and b.rows is not None:
                got = self._in_force(b, at_ord, exact_only)
                if got is not None:
                    found.append((got[0][0], got[0][2:], b, got[1]))
                continue
            i = bisect.bisect_right(b.ends, at_ord) - 1
            best: tuple[tuple[int, int, int], int] | None = None
            end = None
            while i >= 0:
                if end is not None and b.ends[i] != end:
                    break
                usable = b.rows is None or not b.rows[i][1]
                if usable and exact_only and b.rows is not None and b.rows[i][0]:
                    usable = False
                if usable:
                    end = b.ends[i]
                    p = self._pref(b, i)
                    if best is None or p < best[0]:
                        best = (p, i)
                i -= 1
            if best is not None:
                found.append((b.ends[best[1]], best[0], b, best[1]))
        return found

    def _in_force(self, b: SeriesBlock, at_ord: int, exact_only: bool = False
                  ) -> tuple[tuple[int, ...], int] | None:
        """Step series: the row whose level is in force on ``at_ord`` (latest effective date;
        then the row announcing it; exact; primary) as ((effective, announcing, pref...), i)."""
        assert b.rows is not None
        best: tuple[tuple[int, ...], int] | None = None
        for i, r in enumerate(b.rows):
            if r[1] or not r[8] or r[8] > at_ord or (exact_only and r[0]):
                continue
            k = (r[8], 0 if b.starts[i] == r[8] else 1, *self._pref(b, i))
            if best is None or (-k[0], *k[1:]) < (-best[0][0], *best[0][1:]):
                best = (k, i)
        return best

    def latest(self, entity: str, indicator: str, at: dt.date, *, dataset: str | None = None,
               exact_within_days: int = 0, **extra: object) -> Observation | None:
        """The latest observation whose period ends at or before ``at``.

        For step series (pensions, wages) this is the level in force on ``at``, by effective
        date. Flagged rows (suspect, proposed) are skipped. Among rows of the same date an exact
        figure beats a hedged one ("almost 3.6 million"); with ``exact_within_days`` an exact
        figure up to that many days older also beats a hedged latest one.
        """
        blocks = self._blocks(entity, indicator, dataset, extra)
        found = self._candidates_upto(blocks, at.toordinal())
        if not found:
            return None
        found.sort(key=lambda t: (-t[0], t[1]))
        end, pref, b, i = found[0]
        if pref[0] and exact_within_days > 0:
            exact = self._candidates_upto(blocks, at.toordinal(), exact_only=True)
            exact = [t for t in exact if t[0] >= end - exact_within_days]
            if exact:
                exact.sort(key=lambda t: (-t[0], t[1]))
                _, _, b, i = exact[0]
        return self._observation(entity, b, i)

    def at_period(self, entity: str, indicator: str, period: Period, *,
                  dataset: str | None = None, **extra: object) -> Observation | None:
        """The observation for exactly ``period`` (a row inside it that ends with it), or for
        step series (pensions, wages) the level in force at the start of ``period``."""
        blocks = self._blocks(entity, indicator, dataset, extra)
        lo, hi = period.start.toordinal(), period.end.toordinal()
        best: tuple[tuple[int, ...], SeriesBlock, int] | None = None
        for b in blocks:
            if b.meta.step and b.rows is not None:
                got = self._in_force(b, lo)
                if got is not None:
                    k = (-got[0][0], *got[0][1:])
                    if best is None or k < best[0]:
                        best = (k, b, got[1])
                continue
            j = bisect.bisect_left(b.ends, hi)
            while j < len(b.ends) and b.ends[j] == hi:
                if b.starts[j] >= lo and (b.rows is None or not b.rows[j][1]):
                    k = (0, 0, b.starts[j] - lo, *self._pref(b, j))
                    if best is None or k < best[0]:
                        best = (k, b, j)
                j += 1
        return self._observation(entity, best[1], best[2]) if best else None

    # -- events -------------------------------------------------------------------------------
    def events(self, entity: str | None = None, event_type: str | None = None,
               parties: Iterable[str] | None = None,
               keywords: str | Iterable[str] | None = None) -> list[Event]:
        """Events matching every criterion given (keywords: all must occur in the event's
        keywords or title, case-insensitively)."""
        if isinstance(keywords, str):
            keywords = keywords.split()
        words = [w.lower() for w in keywords or ()]
        want = set(parties or ())
        if self._events is None:
            self._events = self._store.events()
        out = []
        for e in self._events:
            if entity and e.entity != entity:
                continue
            if event_type and e.event_type != event_type:
                continue
            if want and not want <= set(e.parties):
                continue
            hay = " ".join(e.keywords).lower() + " " + e.title.lower()
            if any(w not in hay for w in words):
                continue
            out.append(e)
        return out

    # -- fx fallback --------------------------------------------------------------------------
    def _lcu_per_usd(self, currency: str, year: int) -> tuple[float, str] | None:
        """The WDI rate of a country whose values for ``year`` are in ``currency``: France's 1987
        value is in francs, not euros, and Turkey's in the lira of 2005 (currency_history)."""
        from factcheck.reference.currency_history import history

        for iso3 in history().wdi_entities("PA.NUS.FCRF", currency.upper(), year):
            obs = self.at_period(iso3, "exchange_rate_lcu_per_usd", Period.year(year))
            if obs is not None:
                return obs.value, obs.source
        return None

    @staticmethod
    def _currency_links(currency: str, on: dt.date) -> list[tuple[str, float, str]]:
        """Currencies fixed by law to ``currency`` at ``on`` (currency_history)."""
        from factcheck.reference.currency_history import history

        return history().partners(currency.upper(), on)

    def _currency_countries(self, currency: str) -> list[str]:
        memo = getattr(self, "_ccy_memo", None)
        if memo is None:
            memo = {}
            for iso3, c in self._store.entities().countries.items():
                if c[3] and c[1] == "country":
                    memo.setdefault(c[3], []).append(iso3)
            self._ccy_memo = memo
        return memo.get(currency.upper(), [])

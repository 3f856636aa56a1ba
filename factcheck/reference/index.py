"""Reading a reference package's resources into series blocks (the build side of the store).

A series block holds one dataset's rows for one key (entity, indicator, extra key) and one
vintage, sorted by period end: ``ends``/``starts`` are date ordinals, ``values`` floats; ``rows``
carries per-row details (qualifier, flag, source...) for hand-collected facts, and is None for
bulk series. ``resource_blocks`` builds the blocks of one resource at once with numpy (a period
parsed once per distinct value, rows grouped and sorted by one ``lexsort``), so a package of two
million rows builds in seconds, one resource in memory at a time; ``store.py`` writes them to the
package's SQLite file and reads them back on a lookup.

A row's vintage (the release its value comes from) is, in order: the resource's vintage column
(``"vintage": {"column": "vintage"}``), the resource's ``"vintage": "2026-07-01"``, the
indicator's ``vintage``; else "" (none stated).
"""
from __future__ import annotations

import datetime as dt
from array import array
from dataclasses import dataclass, replace
from typing import Any, Iterable

from factcheck.errors import DatasetError
from factcheck.model import Period
from factcheck.reference.catalog import DatasetInfo

#: (entity, indicator name, extra) where extra is a sorted tuple of (key, value) pairs.
SeriesKey = tuple[str, str, tuple[tuple[str, str], ...]]

#: Keys of an indicator's metadata that describe what the series measures.
ABOUT_KEYS = ("periodicity", "period_basis", "definition", "coverage", "vintage", "revision", "cumulative")


@dataclass(frozen=True)
class Event:
    """A dated event (an agreement, talks, the start of a conflict)."""

    dataset: str
    event_id: str
    #: conflict_start, agreement, ceasefire, talks, meeting, other
    event_type: str
    title: str
    entity: str
    location: str
    #: ISO3 codes of the parties.
    parties: tuple[str, ...]
    #: The start as precisely as known (a day, or a month such as "March 2011").
    start: Period
    #: The end (equal to ``start`` for a one-day event or when no end is given).
    end: Period
    keywords: tuple[str, ...]
    source: str
    url: str
    retrieved: str = ""

    @property
    def date_start(self) -> dt.date:
        """First day of the start (1 March 2011 for "March 2011")."""
        return self.start.start

    @property
    def date_end(self) -> dt.date:
        """Last day of the end."""
        return self.end.end


@dataclass(frozen=True)
class SeriesMeta:
    """What one dataset says about one indicator."""

    dataset: str
    raw_indicator: str
    indicator: str
    unit: str
    series: str
    source: str
    url: str
    retrieved: str
    #: year, year_end, month or date
    period_type: str
    #: A step series (a level in force from ``effective_from`` until the next one).
    step: bool = False
    #: What the package states of the series beyond its name and unit: periodicity,
    #: period_basis, definition, coverage, vintage, revision (see reference_data/README.md).
    about: tuple[tuple[str, Any], ...] = ()


#: Per-row details of fact rows:
#: (qualifier, skip, flag, key, source, url, retrieved, rank, effective_from ordinal or 0, label)
RowMeta = tuple[str, bool, str, str, str, str, str, int, int, str]


@dataclass
class SeriesBlock:
    meta: SeriesMeta
    ends: array
    starts: array
    values: array
    rows: tuple[RowMeta, ...] | None = None
    #: The release these rows come from ("" when the package states none).
    vintage: str = ""


@dataclass
class BuiltBlock:
    """A block as the build hands it to the store: columns as bytes of native int32 / float64."""

    indicator: str
    entity: str
    extra: tuple[tuple[str, str], ...]
    vintage: str
    meta: SeriesMeta
    ends: bytes
    starts: bytes
    values: bytes
    rows: tuple[RowMeta, ...] | None


class Stats:
    """What a package covers, gathered while its resources are read (-> DatasetInfo)."""

    def __init__(self) -> None:
        self.entities: set[str] = set()
        self.indicators: set[str] = set()
        self.lo: int | None = None
        self.hi: int | None = None
        self.rows = 0

    def see(self, lo: int, hi: int) -> None:
        self.lo = lo if self.lo is None else min(self.lo, lo)
        self.hi = hi if self.hi is None else max(self.hi, hi)

    def info(self, name: str, path: str, d: dict[str, Any]) -> DatasetInfo:
        return DatasetInfo(
            name=name, title=d.get("title", ""), path=path,
            version=str(d.get("version", "")), description=d.get("description", ""),
            sources=tuple(d.get("sources") or ()), licenses=tuple(d.get("licenses") or ()),
            entities=len(self.entities),
            period_start=dt.date.fromordinal(self.lo) if self.lo else None,
            period_end=dt.date.fromordinal(self.hi) if self.hi else None,
            rows=self.rows, indicators=tuple(sorted(self.indicators)))


def _ord(s: str) -> int:
    return dt.date.fromisoformat(s).toordinal()


def parse_partial(s: str) -> tuple[dt.date, dt.date, str]:
    """'2020-02-20' -> that day; '2020-02' -> the month; '2020' -> the year."""
    if len(s) == 4:
        p = Period.year(int(s))
    elif len(s) == 7:
        p = Period.month(int(s[:4]), int(s[5:7]))
    else:
        p = Period.day(dt.date.fromisoformat(s))
    return p.start, p.end, p.label


def _period_of(ptype: str, v: str) -> tuple[int, int, str]:
    if ptype == "year":
        p = Period.year(int(v))
    elif ptype == "year_end":
        d = dt.date(int(v), 12, 31)
        p = Period(d, d, f"end-{int(v)}")
    else:
        p = Period(*parse_partial(v))
    return p.start.toordinal(), p.end.toordinal(), p.label


def series_metas(dataset: str, desc: dict[str, Any], fc: dict[str, Any]) -> dict[str, SeriesMeta]:
    """Raw indicator code -> what the package says of it (the resource's ``indicators``)."""
    retrieved_pkg = next((s.get("retrieved", "") for s in desc.get("sources") or []), "")
    ptype = fc["period"]["type"]
    return {raw: SeriesMeta(dataset, raw, m["name"], m["unit"], m.get("series", ""), m.get("source", ""),
                            m.get("url", ""), retrieved_pkg, ptype, bool(m.get("step")),
                            tuple(sorted((k, m[k]) for k in ABOUT_KEYS if k in m)))
            for raw, m in (fc.get("indicators") or {}).items()}


def resource_blocks(dataset: str, desc: dict[str, Any], fc: dict[str, Any], df: Any, stats: Stats,
                    where: str = "", parsed: Any = None) -> list[BuiltBlock]:
    """The series blocks of one ``observations`` resource, in the order their keys first occur
    in the file; each block's rows sorted by period end, then start, then file order.
    ``parsed``: the value column as validation parsed it (float64, NaN where it was no number)."""
    import numpy as np
    import pandas as pd

    n = len(df)
    stats.rows += n
    metas = series_metas(dataset, desc, fc)
    stats.indicators.update(m.indicator for m in metas.values())
    if n == 0:
        return []

    def col(name: Any) -> Any:
        return df[name].to_numpy(dtype=object) if isinstance(name, str) and name else np.full(n, "", dtype=object)

    entity = col(fc["entity"])
    ind_spec = fc["indicator"]
    raw = np.full(n, ind_spec["constant"], dtype=object) if isinstance(ind_spec, dict) else col(ind_spec)
    text = df[fc["value"]].to_numpy(dtype=object)
    if parsed is not None and len(parsed) == n:
        values = np.array(parsed, dtype=np.float64)
    else:
        values = pd.to_numeric(df[fc["value"]], errors="coerce").to_numpy(dtype=np.float64)
    for i in np.flatnonzero(np.isnan(values)):
        try:
            values[i] = float(text[i])  # "NaN" stays NaN; anything else that is not a number is refused
        except ValueError:
            raise DatasetError(f"column {fc['value']!r}: not a number (got {text[i]!r})", path=where,
                               line=int(i) + 2) from None

    period = fc["period"]
    ptype = period["type"]
    codes, uniq = pd.factorize(df[period["column"]], sort=False)
    parsed = []
    for i, v in enumerate(uniq):
        try:
            parsed.append(_period_of(ptype, v))
        except (ValueError, TypeError):
            row = int(np.flatnonzero(codes == i)[0]) + 2
            raise DatasetError(f"column {period['column']!r}: not a {ptype} (got {v!r})", path=where,
                               line=row) from None
    starts = np.array([p[0] for p in parsed], dtype=np.int64)[codes]
    ends = np.array([p[1] for p in parsed], dtype=np.int64)[codes]
    labels = np.array([p[2] for p in parsed], dtype=object)[codes]
    if period.get("start"):
        since = col(period["start"])
        for i in np.flatnonzero(since != ""):
            starts[i] = _ord(since[i])
            a, b = dt.date.fromordinal(int(starts[i])), dt.date.fromordinal(int(ends[i]))
            labels[i] = f"{a:%-d %b %Y} to {b:%-d %b %Y}"

    extra_spec = fc.get("extra") or {}
    extra: list[tuple[tuple[str, str], ...]] | None = None
    if extra_spec:
        names = sorted(extra_spec)
        extra = [tuple((k, v) for k, v in zip(names, vals) if v)
                 for vals in zip(*[col(extra_spec[k]) for k in names])]

    vintage = _vintages(fc, metas, raw, col)

    # group ids in the order the keys first occur; then one sort for every block's rows
    gid = np.zeros(n, dtype=np.int64)
    for part in (entity, raw, [repr(x) for x in extra] if extra is not None else None, vintage):
        if part is None:
            continue
        codes, uniq = pd.factorize(np.asarray(part, dtype=object), sort=False)
        if len(uniq) > 1:
            gid, _ = pd.factorize(gid * len(uniq) + codes, sort=False)
    order = np.lexsort((np.arange(n), starts, ends, gid))
    cuts = np.flatnonzero(np.diff(gid[order])) + 1
    bounds = zip(np.r_[0, cuts], np.r_[cuts, n])

    stats.entities.update(pd.unique(entity))
    stats.see(int(starts.min()), int(ends.max()))
    ends32, starts32 = ends.astype(np.int32), starts.astype(np.int32)

    is_fact = bool(fc.get("key"))
    if is_fact:
        qual, flag, key = col(fc.get("qualifier")), col(fc.get("flag")), col(fc.get("key"))
        src, url, ret = col(fc.get("source")), col(fc.get("url")), col(fc.get("retrieved"))
        eff = col(fc.get("effective_from"))
        skip = set(fc.get("skip_flags") or ())
        rank_spec = fc.get("rank") or {}
        rank_col, rank_order = col(rank_spec.get("column")), list(rank_spec.get("order") or [])
    unit_col = col(fc["unit"]) if isinstance(fc.get("unit"), str) else None
    with_unit: dict[tuple[str, str], SeriesMeta] = {}

    out: list[BuiltBlock] = []
    for a, b in bounds:
        idx = order[a:b]
        first = int(idx[0])
        meta = metas[raw[first]]
        if unit_col is not None and meta.unit == "":
            u = unit_col[first]
            meta = with_unit.get((meta.raw_indicator, u)) or with_unit.setdefault((meta.raw_indicator, u),
                                                                                    replace(meta, unit=u))
        rows = None
        if is_fact:
            rows = tuple(
                (qual[i], flag[i] in skip, flag[i], key[i], src[i], url[i], ret[i] or meta.retrieved,
                 rank_order.index(rank_col[i]) if rank_col[i] in rank_order else len(rank_order),
                 parse_partial(eff[i])[0].toordinal() if eff[i] else 0, labels[i])
                for i in idx.tolist())
        out.append(BuiltBlock(meta.indicator, entity[first], extra[first] if extra is not None else (), vintage[first],
                              meta, ends32[idx].tobytes(), starts32[idx].tobytes(), values[idx].tobytes(), rows))
    return out


def _vintages(fc: dict[str, Any], metas: dict[str, SeriesMeta], raw: Any, col: Any) -> Any:
    """Each row's vintage: its column's, else the resource's, else its indicator's, else ""."""
    import numpy as np

    spec = fc.get("vintage")
    n = len(raw)
    if isinstance(spec, dict):
        got = col(spec.get("column"))
    else:
        got = np.full(n, spec if isinstance(spec, str) else "", dtype=object)
    missing = got == ""
    if missing.any():
        import pandas as pd

        of_ind = {r: str(dict(m.about).get("vintage", "")) for r, m in metas.items()}
        codes, uniq = pd.factorize(raw[missing], sort=False)
        got = got.copy()
        got[missing] = np.array([of_ind.get(r, "") for r in uniq], dtype=object)[codes]
    return got


def events_of(dataset: str, fc: dict[str, Any], df: Any, stats: Stats) -> Iterable[Event]:
    sep = fc.get("list_separator", ";")
    for r in df.to_dict("records"):
        s0, s1, slabel = parse_partial(r[fc["start"]])
        start = Period(s0, s1, slabel)
        end = Period(*parse_partial(r[fc["end"]])) if r.get(fc["end"]) else start
        stats.rows += 1
        stats.entities.add(r[fc["entity"]])
        stats.see(start.start.toordinal(), end.end.toordinal())
        yield Event(dataset, r[fc["key"]], r[fc["event_type"]], r[fc["title"]], r[fc["entity"]],
                    r.get(fc["location"], ""),
                    tuple(p for p in r[fc["parties"]].split(sep) if p),
                    start, end, tuple(r[fc["keywords"]].split()), r[fc["source"]],
                    r[fc["url"]], r.get(fc["retrieved"], ""))

"""The lookup index: (entity, indicator, extra key) -> sorted series, built once and cached.

The index is plain containers (dicts, tuples, ``array`` columns) so that a warm start is one
``pickle.load`` without pandas. It is cached in the folder of ``factcheck/cache.py`` (where
platformdirs says: ``$XDG_CACHE_HOME/factcheck`` or ``~/.cache/factcheck`` on Linux; ``factcheck
cache dir``), keyed by the sha256 of every descriptor and data file plus the code of this package;
when the cache cannot be written, the index is simply rebuilt next time.

A series block holds one dataset's rows for one key, sorted by period end:
``ends``/``starts`` are date ordinals, ``values`` floats; ``rows`` carries per-row details
(qualifier, flag, source...) for hand-collected facts, and is None for bulk series.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import pickle
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from factcheck import cache as store
from factcheck.errors import DatasetError
from factcheck.model import Period
from factcheck.reference.catalog import DatasetInfo, data_files
from factcheck.reference.entities import EntityData, lexicon_files
from factcheck.reference.fx import FxData

#: Bump when the pickled layout changes (the code hash below also invalidates the cache).
INDEX_FORMAT = 3

#: How many cached indexes (different data or code versions) to keep.
KEEP_CACHED = 4

#: (entity, indicator name, extra) where extra is a sorted tuple of (key, value) pairs.
SeriesKey = tuple[str, str, tuple[tuple[str, str], ...]]


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


@dataclass
class IndexData:
    cache_key: str
    datasets: dict[str, DatasetInfo]
    series: dict[SeriesKey, list[SeriesBlock]]
    events: tuple[Event, ...]
    entities: EntityData
    fx: FxData | None


# --------------------------------------------------------------------------------------------
# cache
# --------------------------------------------------------------------------------------------

#: Keys of an indicator's metadata that describe what the series measures.
ABOUT_KEYS = ("periodicity", "period_basis", "definition", "coverage", "vintage", "revision", "cumulative")


def cache_dir() -> Path:
    """The cache folder, shared with the rule caches (factcheck/cache.py)."""
    return store.folder()


def compute_cache_key(descriptors: list[Path]) -> str:
    """sha256 over the code of this package and model.py, the entity lexicons and every descriptor
    and data file (each file's own sha256, remembered while it is unchanged: factcheck/cache.py)."""
    h = hashlib.sha256(f"factcheck-index-{INDEX_FORMAT}".encode())
    here = Path(__file__).resolve().parent
    code = sorted(here.glob("*.py")) + [here.parent / "model.py"]
    # the entity table is built with the words of these lexicons (entities.ENTITY_LEXICONS)
    lexicons = lexicon_files()
    data = [Path(os.path.abspath(f)) for d in descriptors for f in data_files(d)]
    digests = store.file_digests([*code, *lexicons, *data])
    for f, digest in zip([*code, *lexicons], digests):
        h.update(f.name.encode())
        h.update(digest if digest is not None else b"<missing>")
    for f, digest in zip(data, digests[len(code) + len(lexicons):]):
        h.update(str(f).encode())
        h.update(digest if digest is not None else b"<missing>")
    return h.hexdigest()


def load_cached(key: str) -> IndexData | None:
    try:
        data = store.read(store.entry("index", key), pickle.load)
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, ValueError):
        return None
    return data if isinstance(data, IndexData) and data.cache_key == key else None


def save_cached(data: IndexData) -> None:
    """Write the index atomically; stay silent when the cache is not writable.
    NOTE: several checkouts (or test roots) may share the cache: the newest few are kept."""
    store.write(store.entry("index", data.cache_key),
                lambda fh: pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL), KEEP_CACHED)


def load_index(descriptors: list[Path], use_cache: bool = True) -> IndexData:
    """The index of these packages: from the cache when its key matches (unless caches are off:
    ``use_cache=False``, ``--no-cache``, ``FACTCHECK_NO_CACHE=1``), else built (and stored)."""
    use_cache = use_cache and store.enabled()
    key = compute_cache_key(descriptors)
    if use_cache:
        hit = load_cached(key)
        if hit is not None:
            return hit
    data = build_index(descriptors, key)
    if use_cache:
        save_cached(data)
    return data


# --------------------------------------------------------------------------------------------
# build (cold path: pandas is imported here, through catalog.load_package)
# --------------------------------------------------------------------------------------------

def build_index(descriptors: list[Path], key: str) -> IndexData:
    from factcheck.reference.catalog import load_package
    from factcheck.reference.entities import build_entity_data
    from factcheck.reference.fx import build_fx_data

    problems: list[str] = []
    packages = []
    for d in descriptors:
        try:
            packages.append(load_package(d))
        except DatasetError as exc:
            problems.extend(exc.problems or [str(exc)])
    names = [p.name for p in packages]
    for n in sorted({n for n in names if names.count(n) > 1}):
        problems.append(f"dataset name {n!r} is used by more than one package")
    if problems:
        raise DatasetError(f"{len(problems)} reference data problem(s)", problems=problems)

    series: dict[SeriesKey, list[SeriesBlock]] = {}
    events: list[Event] = []
    infos: dict[str, DatasetInfo] = {}
    entity_frames: dict[str, Any] = {}
    fx_frame = None
    for pkg in packages:
        stats = _Stats()
        for res in pkg.descriptor.get("resources", []):
            fc = res.get("factcheck") or {}
            frame = pkg.frames[res.get("name") or res["path"]]
            kind = fc.get("kind")
            if kind == "observations":
                _add_observations(pkg.name, pkg.descriptor, fc, frame, series, stats)
            elif kind == "events":
                events.extend(_events(pkg.name, fc, frame, stats))
            elif kind in ("countries", "aliases", "places"):
                entity_frames[kind] = frame
                stats.rows += len(frame)
                if kind == "countries":
                    stats.entities.update(frame["iso3"])
            elif kind == "fx":
                fx_frame = (fc, frame)
                stats.rows += len(frame)
                stats.entities.update(frame[fc["currency"]])
                stats.see(_ord(frame[fc["date"]].min()), _ord(frame[fc["date"]].max()))
            elif kind:
                stats.rows += len(frame)  # read by its own module (currency_history): counted here
        infos[pkg.name] = stats.info(pkg)
    entities = build_entity_data(entity_frames)
    fx = build_fx_data(*fx_frame) if fx_frame is not None else None
    events.sort(key=lambda e: (e.start.start, e.event_id))
    return IndexData(key, infos, series, tuple(events), entities, fx)


class _Stats:
    def __init__(self) -> None:
        self.entities: set[str] = set()
        self.indicators: set[str] = set()
        self.lo: int | None = None
        self.hi: int | None = None
        self.rows = 0

    def see(self, lo: int, hi: int) -> None:
        self.lo = lo if self.lo is None else min(self.lo, lo)
        self.hi = hi if self.hi is None else max(self.hi, hi)

    def info(self, pkg: Any) -> DatasetInfo:
        d = pkg.descriptor
        return DatasetInfo(
            name=pkg.name, title=d.get("title", ""), path=str(pkg.path),
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


def _period_cols(ptype: str, col: list[str]) -> tuple[list[int], list[int], list[str]]:
    starts, ends, labels = [], [], []
    memo: dict[str, tuple[int, int, str]] = {}
    for v in col:
        got = memo.get(v)
        if got is None:
            if ptype == "year":
                p = Period.year(int(v))
            elif ptype == "year_end":
                d = dt.date(int(v), 12, 31)
                p = Period(d, d, f"end-{int(v)}")
            else:
                p = Period(*parse_partial(v))
            got = memo[v] = (p.start.toordinal(), p.end.toordinal(), p.label)
        starts.append(got[0])
        ends.append(got[1])
        labels.append(got[2])
    return starts, ends, labels


def _add_observations(dataset: str, desc: dict[str, Any], fc: dict[str, Any], df: Any,
                      series: dict[SeriesKey, list[SeriesBlock]], stats: _Stats) -> None:
    n = len(df)
    stats.rows += n
    col = lambda name: list(df[name]) if isinstance(name, str) and name else [""] * n  # noqa: E731
    entity = col(fc["entity"])
    ind_spec = fc["indicator"]
    raw_ind = [ind_spec["constant"]] * n if isinstance(ind_spec, dict) else col(ind_spec)
    values = [float(v) for v in df[fc["value"]]]
    period = fc["period"]
    starts, ends, labels = _period_cols(period["type"], list(df[period["column"]]))
    if period.get("start"):
        for i, s in enumerate(df[period["start"]]):
            if s:
                starts[i] = _ord(s)
                a, b = dt.date.fromordinal(starts[i]), dt.date.fromordinal(ends[i])
                labels[i] = f"{a:%-d %b %Y} to {b:%-d %b %Y}"
    extra_cols = {k: col(c) for k, c in (fc.get("extra") or {}).items()}
    is_fact = bool(fc.get("key"))
    qual, flag, key = col(fc.get("qualifier")), col(fc.get("flag")), col(fc.get("key"))
    src, url, ret = col(fc.get("source")), col(fc.get("url")), col(fc.get("retrieved"))
    unit_col = col(fc["unit"]) if isinstance(fc.get("unit"), str) else None
    eff = col(fc.get("effective_from"))
    skip = set(fc.get("skip_flags") or ())
    rank_spec = fc.get("rank") or {}
    rank_col, order = col(rank_spec.get("column")), list(rank_spec.get("order") or [])
    retrieved_pkg = next((s.get("retrieved", "") for s in desc.get("sources") or []), "")

    metas: dict[str, SeriesMeta] = {}
    for raw, m in (fc.get("indicators") or {}).items():
        metas[raw] = SeriesMeta(dataset, raw, m["name"], m["unit"], m.get("series", ""),
                                m.get("source", ""), m.get("url", ""), retrieved_pkg,
                                period["type"], bool(m.get("step")),
                                tuple(sorted((k, m[k]) for k in ABOUT_KEYS if k in m)))
    groups: dict[tuple[SeriesKey, str], list[int]] = {}
    for i in range(n):
        extra = tuple(sorted((k, v[i]) for k, v in extra_cols.items() if v[i]))
        k = (entity[i], metas[raw_ind[i]].indicator, extra)
        groups.setdefault((k, raw_ind[i]), []).append(i)
        stats.entities.add(entity[i])
    stats.indicators.update(m.indicator for m in metas.values())
    stats.see(min(starts), max(ends))
    for (k, raw), idx in groups.items():
        idx.sort(key=lambda i: (ends[i], starts[i]))
        meta = metas[raw]
        if unit_col is not None and meta.unit == "":
            meta = SeriesMeta(**{**meta.__dict__, "unit": unit_col[idx[0]]})
        rows = None
        if is_fact:
            rows = tuple(
                (qual[i], flag[i] in skip, flag[i], key[i], src[i], url[i], ret[i] or meta.retrieved,
                 order.index(rank_col[i]) if rank_col[i] in order else len(order),
                 parse_partial(eff[i])[0].toordinal() if eff[i] else 0, labels[i])
                for i in idx)
        block = SeriesBlock(meta, array("i", (ends[i] for i in idx)),
                            array("i", (starts[i] for i in idx)),
                            array("d", (values[i] for i in idx)), rows)
        series.setdefault(k, []).append(block)


def _events(dataset: str, fc: dict[str, Any], df: Any, stats: _Stats) -> Iterable[Event]:
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

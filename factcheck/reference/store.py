"""The reference store: one SQLite file per dataset package, opened on the first lookup it serves.

Three kinds of file, in the cache folder (``factcheck/cache.py``, ``factcheck cache dir``):

``dataset-<version>-<key>.sqlite``
    One package: its series blocks (one row per entity, indicator, extra key and vintage: the
    period ends, starts and values as packed int32 / float64 columns, the per-row details of
    hand-collected facts as JSON), what it says of each series, its events and exchange rates.
    The key is a sha256 over the store format, the code that builds it (this module,
    ``index.py``, ``catalog.py``, ``fx.py``), the package's descriptor and each of its data files
    (their digests, remembered by ``cache.file_digests`` while a file is unchanged). Changing one
    package rebuilds that package only; the same package in two checkouts shares one file.
``entities-<version>-<key>.sqlite``
    The entity table (aliases, places, countries) built from the packages that hold it and the
    entity lexicons; looked up a token at a time, so nothing of it is loaded up front.
``index-<version>-<key>.json``
    The manifest: for each package its descriptor and data files with their digests, its store
    file, its ``DatasetInfo`` and which indicators it holds in which vintages. The key covers the
    code and each descriptor's path and digest. A warm start reads this file and checks that no
    data file changed (a ``stat`` each); nothing else is read until a lookup needs it.

SQLite and JSON, never pickle: a cache file that was tampered with is data that fails to
validate (and is rebuilt), never code that runs. A store that cannot be opened or read (removed,
damaged, of another key) is rebuilt from its package when a lookup first needs it. With caches
off (``--no-cache``) or an unwritable cache folder, stores are built in memory for the process.

Old stores are removed when a manifest is written: every store no kept manifest names and that
has not been written for ``ORPHAN_SECONDS`` (a build in flight in another process is younger).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
import threading
import time
from array import array
from pathlib import Path
from typing import Any, Callable

from factcheck import cache
from factcheck.errors import DatasetError
from factcheck.model import Period
from factcheck.reference.catalog import DatasetInfo
from factcheck.reference.index import Event, SeriesBlock, SeriesMeta

#: Bump when the layout of the SQLite files or the manifest changes.
STORE_FORMAT = 1
#: How many manifests (different sets of packages: checkouts, --data folders) to keep.
KEEP_MANIFESTS = 4
#: A store no kept manifest names is removed once it is this old.
ORPHAN_SECONDS = 600

_HERE = Path(__file__).resolve().parent
#: The code a package's store is built with (its key hashes these files).
PACKAGE_CODE = ("store.py", "index.py", "catalog.py", "fx.py")
#: The code the entity table is built with.
ENTITY_CODE = ("store.py", "entities.py")
#: Resource kinds that make the entity table.
ENTITY_KINDS = ("countries", "aliases", "places")

_SCHEMA = """
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID;
CREATE TABLE series_meta (id INTEGER PRIMARY KEY, indicator TEXT NOT NULL, json TEXT NOT NULL);
CREATE TABLE block (seq INTEGER PRIMARY KEY, indicator TEXT NOT NULL, entity TEXT NOT NULL,
                    extra TEXT NOT NULL, vintage TEXT NOT NULL, meta INTEGER NOT NULL,
                    ends BLOB NOT NULL, starts BLOB NOT NULL, vals BLOB NOT NULL, rows TEXT);
CREATE TABLE event (seq INTEGER PRIMARY KEY, json TEXT NOT NULL);
CREATE TABLE fx (currency TEXT PRIMARY KEY, rates BLOB NOT NULL) WITHOUT ROWID;
"""
_INDEXES = "CREATE INDEX block_key ON block (indicator, entity, extra, vintage);"

_ENTITY_SCHEMA = """
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID;
CREATE TABLE rec (id INTEGER PRIMARY KEY, alias TEXT, iso3 TEXT, kind TEXT, population INTEGER, flags INTEGER);
CREATE TABLE alias_key (k TEXT PRIMARY KEY, ids TEXT NOT NULL, fuzzy INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE first_token (tok TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE country (iso3 TEXT PRIMARY KEY, name TEXT, kind TEXT, capital TEXT, currency TEXT) WITHOUT ROWID;
CREATE TABLE word (list TEXT, w TEXT);
"""


# --------------------------------------------------------------------------------------------
# keys
# --------------------------------------------------------------------------------------------

def _hex(d: bytes | None) -> str:
    return d.hex() if d is not None else "-"


def _sha(*parts: str) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(p.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


def _code_digests(names: tuple[str, ...]) -> list[str]:
    return [_hex(d) for d in cache.file_digests([_HERE / n for n in names])]


def _lexicon_digests() -> list[str]:
    from factcheck.reference.entities import lexicon_files

    return [_hex(d) for d in cache.file_digests(lexicon_files())]


def package_key(descriptor_digest: str, files: list[tuple[str, str]]) -> str:
    """The key of one package's store: format, build code, descriptor, data files (relative
    path and digest each)."""
    return _sha("factcheck-dataset", str(STORE_FORMAT), *_code_digests(PACKAGE_CODE), descriptor_digest,
                *(f"{rel}={d}" for rel, d in files))


def entity_key(package_keys: list[str]) -> str:
    return _sha("factcheck-entities", str(STORE_FORMAT), *_code_digests(ENTITY_CODE), *_lexicon_digests(),
                *package_keys)


def manifest_key(descriptors: list[Path], digests: list[str]) -> str:
    return _sha("factcheck-manifest", str(STORE_FORMAT), *_code_digests(PACKAGE_CODE), *_code_digests(ENTITY_CODE),
                *_lexicon_digests(), *(f"{p}={d}" for p, d in zip(descriptors, digests)))


def compute_cache_key(descriptors: list[Path]) -> str:
    """The key of the manifest of these packages (it changes with any descriptor or the code;
    a data file's change is found by its digest, recorded in the manifest)."""
    paths = [Path(os.path.abspath(d)) for d in descriptors]
    return manifest_key(paths, [_hex(d) for d in cache.file_digests(paths)])


def _data_files(descriptor: Path) -> list[Path]:
    from factcheck.reference.catalog import data_files

    return [Path(os.path.abspath(f)) for f in data_files(descriptor)[1:]]


# --------------------------------------------------------------------------------------------
# opening: the manifest, fresh or rebuilt in part
# --------------------------------------------------------------------------------------------

def open_store(descriptors: list[Path], use_cache: bool = True) -> "Store":
    """The store of these packages: the manifest from the cache when it matches (unless caches
    are off: ``use_cache=False``, ``--no-cache``, ``FACTCHECK_NO_CACHE=1``), the stores of
    changed packages rebuilt, any problem of any package raised at once (``DatasetError``)."""
    use_cache = use_cache and cache.enabled()
    paths = [Path(os.path.abspath(d)) for d in descriptors]
    if not use_cache:  # built in memory for this process: no key needed, no file hashed
        builder = _Builder(None)
        return Store(builder.manifest("", paths, ["-"] * len(paths), None), builder.memory, None)
    digests = [_hex(d) for d in cache.file_digests(paths)]
    mkey = manifest_key(paths, digests)
    old = _read_manifest(mkey)
    if old is not None and not _stale(old):
        return Store(old, {}, cache.folder())
    builder = _Builder(cache.folder())
    manifest = builder.manifest(mkey, paths, digests, old)
    _write_manifest(manifest)
    return Store(manifest, builder.memory, builder.folder)


def _manifest_path(mkey: str) -> Path:
    return cache.entry("index", mkey, ".json")


def _read_manifest(mkey: str) -> dict[str, Any] | None:
    try:
        got = cache.read(_manifest_path(mkey), json.load)
    except (OSError, ValueError):
        return None
    ok = isinstance(got, dict) and got.get("key") == mkey and got.get("format") == STORE_FORMAT
    return got if ok else None


def _stale(manifest: dict[str, Any]) -> set[int]:
    """Packages of the manifest whose data files changed since it was written."""
    files = [f for p in manifest["packages"] for f, _ in p["files"]]
    now = iter(_hex(d) for d in cache.file_digests(files))
    stale = set()
    for i, p in enumerate(manifest["packages"]):
        if [d for _, d in p["files"]] != [next(now) for _ in p["files"]]:
            stale.add(i)
    return stale


def _write_manifest(manifest: dict[str, Any]) -> None:
    path = _manifest_path(manifest["key"])
    text = json.dumps(manifest, separators=(",", ":")).encode()
    if cache.write(path, lambda fh: fh.write(text), KEEP_MANIFESTS):
        prune(path.parent)


def prune(folder: Path) -> None:
    """Remove the stores no kept manifest names, once they are ``ORPHAN_SECONDS`` old."""
    keep: set[str] = set()
    prefix = f"-{cache.VERSION}-"
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for n in names:
        if n.startswith("index" + prefix) and n.endswith(".json"):
            try:
                m = json.loads((folder / n).read_text(encoding="utf-8"))
                keep.update(p["store"] for p in m["packages"])
                if m.get("entities"):
                    keep.add(m["entities"]["store"])
            except (OSError, ValueError, KeyError, TypeError):
                continue
    now = time.time()
    for n in names:
        if n.startswith(("dataset" + prefix, "entities" + prefix)) and n not in keep:
            try:
                if now - os.stat(folder / n).st_mtime > ORPHAN_SECONDS:
                    os.unlink(folder / n)
            except OSError:
                continue


class _Builder:
    """Builds what a manifest needs that the cache does not hold (cold path: pandas)."""

    def __init__(self, folder: Path | None) -> None:
        #: The cache folder stores are written to; None: caches are off, stores live in memory.
        self.folder = folder
        self.use_cache = folder is not None
        #: Stores built in memory (caches off, or an unwritable cache folder): name -> connection.
        self.memory: dict[str, sqlite3.Connection] = {}
        #: Entity frames of packages built in this run (so the entity table need not read them again).
        self.entity_frames: dict[str, dict[str, Any]] = {}

    def manifest(self, mkey: str, paths: list[Path], digests: list[str],
                 old: dict[str, Any] | None) -> dict[str, Any]:
        stale = _stale(old) if old is not None else set()
        reuse = {p["descriptor"]: p for i, p in enumerate(old["packages"]) if i not in stale} if old else {}
        problems: list[str] = []
        packages: list[dict[str, Any]] = []
        for path, digest in zip(paths, digests):
            entry = reuse.get(str(path))
            if entry is None or entry["digest"] != digest:
                try:
                    entry = self.package(path, digest)
                except DatasetError as exc:
                    problems.extend(exc.problems or [str(exc)])
                    continue
            packages.append(entry)
        names = [p["name"] for p in packages]
        for n in sorted({n for n in names if names.count(n) > 1}):
            problems.append(f"dataset name {n!r} is used by more than one package")
        if problems:
            raise DatasetError(f"{len(problems)} reference data problem(s)", problems=problems)
        holders = [p for p in packages if p["entity_kinds"]]
        entities = None
        if holders:
            keys = [p["key"] for p in holders]
            ekey = entity_key(keys) if self.use_cache else _sha("factcheck-memory-entities", *keys)
            entities = {"key": ekey, "store": _store_name("entities", ekey)}
            self.entities(entities, holders)
        return {"format": STORE_FORMAT, "key": mkey, "packages": packages, "entities": entities}

    def package(self, path: Path, digest: str) -> dict[str, Any]:
        """The manifest entry of one package: its store found by key, else built."""
        files = _data_files(path)
        if self.use_cache:
            fdigests = [_hex(d) for d in cache.file_digests(files)]
            rel = [os.path.relpath(f, path.parent) for f in files]
            key = package_key(digest, list(zip(rel, fdigests)))
        else:
            fdigests, key = ["-"] * len(files), _sha("factcheck-memory", str(path))
        name = _store_name("dataset", key)
        frag = _fragment_of(self.folder / name, key) if self.folder is not None else None
        if frag is None:
            frag = self.build(path, key, name)
        return {**frag, "descriptor": str(path), "digest": digest, "store": name,
                "files": [[str(f), d] for f, d in zip(files, fdigests)]}

    def build(self, path: Path, key: str, name: str) -> dict[str, Any]:
        frames: dict[str, Any] = {}
        frag = _write_store(name, self.folder, self.memory,
                            lambda conn: build_package(conn, path, key, frames))
        if frames:
            self.entity_frames[key] = frames
        return frag

    def entities(self, entry: dict[str, Any], holders: list[dict[str, Any]]) -> None:
        if self.folder is not None and _fragment_of(self.folder / entry["store"], entry["key"]) is not None:
            return
        frames: dict[str, Any] = {}
        for p in holders:  # in package order: a later package's table of a kind replaces an earlier one's
            got = self.entity_frames.get(p["key"])
            if got is None:
                got = {}
                build_package(None, Path(p["descriptor"]), p["key"], got)
            frames.update(got)
        _write_store(entry["store"], self.folder, self.memory,
                     lambda conn: build_entities(conn, entry["key"], frames))


def _store_name(kind: str, key: str) -> str:
    return cache.entry(kind, key, ".sqlite").name


def _connect(path: Path) -> sqlite3.Connection:
    """A read-only connection to a published store (it never changes once renamed into place);
    a file of another user's, or that others may write to, is refused (and rebuilt)."""
    from urllib.parse import quote

    from factcheck import cachetrust

    try:
        problem = cachetrust.file_problem(os.stat(path))
    except OSError as exc:
        raise sqlite3.OperationalError(f"{path}: {exc}") from None
    if problem is not None:
        raise sqlite3.DatabaseError(f"{path}: {problem}")
    return sqlite3.connect(f"file:{quote(str(path))}?mode=ro&immutable=1", uri=True, check_same_thread=False)


def _fragment_of(path: Path, key: str) -> dict[str, Any] | None:
    """What a published store says of its package, when it is a sound store of ``key``."""
    if not path.is_file():
        return None
    try:
        conn = _connect(path)
        try:
            row = conn.execute("SELECT v FROM meta WHERE k = 'package'").fetchone()
        finally:
            conn.close()
        frag = json.loads(row[0]) if row else None
    except (sqlite3.Error, ValueError, TypeError):
        return None
    return frag if isinstance(frag, dict) and frag.get("key") == key and frag.get("format") == STORE_FORMAT else None


def _write_store(name: str, folder: Path | None, memory: dict[str, sqlite3.Connection],
                 fill: Callable[[sqlite3.Connection], dict[str, Any]]) -> dict[str, Any]:
    """Build a store with ``fill(conn)``: into a temporary file renamed into the cache folder, or
    (caches off, or the folder cannot be written) into memory, kept in ``memory``."""
    import tempfile

    tmp = None
    if folder is not None:
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{name.split('-', 1)[0]}-", suffix=".tmp", dir=folder)
            os.close(fd)
        except OSError:
            tmp = None
    conn = sqlite3.connect(tmp or ":memory:", check_same_thread=False)
    try:
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        frag = fill(conn)
        conn.commit()
        if tmp is None:
            memory[name] = conn
            return frag
        conn.close()
        os.replace(tmp, folder / name)  # type: ignore[operator]
        tmp = None
        return frag
    except BaseException:
        if tmp is not None:
            conn.close()
            try:
                os.unlink(tmp)
            except OSError:
                pass
        raise


# --------------------------------------------------------------------------------------------
# building (cold path: pandas is imported by catalog.py and index.py)
# --------------------------------------------------------------------------------------------

def build_package(conn: sqlite3.Connection | None, path: Path, key: str,
                  entity_frames: dict[str, Any]) -> dict[str, Any]:
    """Read and validate one package a resource at a time into ``conn`` (None: only collect its
    entity frames); raise ``DatasetError`` with every problem of the package."""
    from factcheck.reference.catalog import iter_package, raise_if_problems
    from factcheck.reference.fx import build_fx_data
    from factcheck.reference.index import Stats, events_of, resource_blocks

    pkg, resources, problems = iter_package(path)
    if conn is not None:
        conn.executescript(_SCHEMA)
    stats = Stats()
    held: dict[str, set[str]] = {}
    meta_ids: dict[int, tuple[int, SeriesMeta]] = {}
    seq = 0
    n_events = 0
    has_fx = False
    kinds: list[str] = []
    for res, frame, numbers in resources:
        fc = res.get("factcheck") or {}
        kind = fc.get("kind")
        if problems:  # keep validating, to report every problem of the package at once
            continue
        if kind in ENTITY_KINDS:
            entity_frames[kind] = frame
            kinds.append(kind)
            stats.rows += len(frame)
            if kind == "countries":
                stats.entities.update(frame["iso3"])
            continue
        if conn is None:
            continue
        where = str(pkg.path / res["path"])
        if kind == "observations":
            try:
                blocks = resource_blocks(pkg.name, pkg.descriptor, fc, frame, stats, where,
                                         numbers.get(fc.get("value")))
            except DatasetError as exc:
                problems.append(str(exc))
                continue
            rows = []
            for b in blocks:
                got = meta_ids.get(id(b.meta))
                if got is None:
                    got = meta_ids[id(b.meta)] = (len(meta_ids), b.meta)
                    conn.execute("INSERT INTO series_meta VALUES (?, ?, ?)",
                                 (got[0], b.meta.indicator, json.dumps(_meta_json(b.meta))))
                held.setdefault(b.indicator, set()).add(b.vintage)
                rows.append((seq, b.indicator, b.entity, _extra_text(b.extra), b.vintage, got[0],
                             b.ends, b.starts, b.values, json.dumps(b.rows) if b.rows is not None else None))
                seq += 1
            conn.executemany("INSERT INTO block VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        elif kind == "events":
            for e in events_of(pkg.name, fc, frame, stats):
                conn.execute("INSERT INTO event VALUES (?, ?)", (n_events, json.dumps(_event_json(e))))
                n_events += 1
        elif kind == "fx":
            from factcheck.reference.index import _ord

            fx = build_fx_data(fc, frame)
            conn.execute("DELETE FROM fx")  # the package's last fx resource is the one used
            conn.execute("INSERT INTO fx VALUES ('', ?)", (fx.dates.tobytes(),))
            conn.executemany("INSERT INTO fx VALUES (?, ?)", ((c, a.tobytes()) for c, a in fx.rates.items()))
            conn.execute("INSERT OR REPLACE INTO meta VALUES ('fx', ?)", (json.dumps([fx.source, fx.url]),))
            has_fx = True
            stats.rows += len(frame)
            stats.entities.update(frame[fc["currency"]])
            stats.see(_ord(frame[fc["date"]].min()), _ord(frame[fc["date"]].max()))
        elif kind:
            stats.rows += len(frame)  # read by its own module (currency_history): counted here
    raise_if_problems(pkg, problems)
    info = stats.info(pkg.name, "", pkg.descriptor)
    frag = {"format": STORE_FORMAT, "key": key, "name": pkg.name, "info": _info_json(info),
            "indicators": {k: sorted(v) for k, v in held.items()}, "events": n_events, "fx": has_fx,
            "entity_kinds": kinds}
    if conn is not None:
        conn.execute(_INDEXES)
        conn.execute("INSERT INTO meta VALUES ('package', ?)", (json.dumps(frag),))
    return frag


def build_entities(conn: sqlite3.Connection, key: str, frames: dict[str, Any]) -> dict[str, Any]:
    from factcheck.reference.entities import build_entity_data

    d = build_entity_data(frames)
    conn.executescript(_ENTITY_SCHEMA)
    conn.executemany("INSERT INTO rec VALUES (?, ?, ?, ?, ?, ?)",
                     zip(range(len(d.alias)), d.alias, d.iso3, d.kind, d.population, d.flags))
    fuzzy = set(d.fuzzy_keys())
    conn.executemany("INSERT INTO alias_key VALUES (?, ?, ?)",
                     ((k, ",".join(map(str, ids)), k in fuzzy) for k, ids in d.keys.items()))
    conn.executemany("INSERT INTO first_token VALUES (?, ?)", d.first.items())
    conn.executemany("INSERT INTO country VALUES (?, ?, ?, ?, ?)", ((k, *v) for k, v in d.countries.items()))
    conn.executemany("INSERT INTO word VALUES (?, ?)",
                     [("fuzzy", w) for w in d.fuzzy_words] + [("compass", w) for w in sorted(d.compass)])
    frag = {"format": STORE_FORMAT, "key": key}
    conn.execute("INSERT INTO meta VALUES ('package', ?)", (json.dumps(frag),))
    return frag


def _extra_text(extra: tuple[tuple[str, str], ...]) -> str:
    """An extra key as stored: "" or "origin=SYR" (pairs sorted, joined by \\x1f)."""
    return "\x1f".join(f"{k}={v}" for k, v in extra)


def extra_tuple(text: str) -> tuple[tuple[str, str], ...]:
    return tuple(tuple(p.split("=", 1)) for p in text.split("\x1f")) if text else ()  # type: ignore[misc]


def _meta_json(m: SeriesMeta) -> list[Any]:
    return [m.dataset, m.raw_indicator, m.indicator, m.unit, m.series, m.source, m.url, m.retrieved,
            m.period_type, m.step, [list(kv) for kv in m.about]]


def _meta_of(j: list[Any]) -> SeriesMeta:
    return SeriesMeta(*j[:10], about=tuple((k, v) for k, v in j[10]))


def _period_json(p: Period) -> list[Any]:
    return [p.start.toordinal(), p.end.toordinal(), p.label]


def _period_of(j: list[Any]) -> Period:
    return Period(dt.date.fromordinal(j[0]), dt.date.fromordinal(j[1]), j[2])


def _event_json(e: Event) -> list[Any]:
    return [e.dataset, e.event_id, e.event_type, e.title, e.entity, e.location, list(e.parties),
            _period_json(e.start), _period_json(e.end), list(e.keywords), e.source, e.url, e.retrieved]


def _event_of(j: list[Any]) -> Event:
    return Event(j[0], j[1], j[2], j[3], j[4], j[5], tuple(j[6]), _period_of(j[7]), _period_of(j[8]),
                 tuple(j[9]), j[10], j[11], j[12])


def _info_json(i: DatasetInfo) -> dict[str, Any]:
    return {"title": i.title, "version": i.version, "description": i.description, "sources": list(i.sources),
            "licenses": list(i.licenses), "entities": i.entities,
            "period_start": i.period_start.isoformat() if i.period_start else None,
            "period_end": i.period_end.isoformat() if i.period_end else None,
            "rows": i.rows, "indicators": list(i.indicators)}


def _info_of(name: str, path: str, j: dict[str, Any]) -> DatasetInfo:
    day = lambda s: dt.date.fromisoformat(s) if s else None  # noqa: E731
    return DatasetInfo(name, j["title"], path, j["version"], j["description"], tuple(j["sources"]),
                       tuple(j["licenses"]), j["entities"], day(j["period_start"]), day(j["period_end"]),
                       j["rows"], tuple(j["indicators"]))


# --------------------------------------------------------------------------------------------
# reading
# --------------------------------------------------------------------------------------------

#: Connections a forked process inherited from its parent: kept, so that they are never closed
#: (or used) from here (``Store._after_fork``).
_ACROSS_FORK: list[sqlite3.Connection] = []
_FORK_LOCK = threading.Lock()


class Store:
    """The packages of a manifest; each package's SQLite file opened on its first lookup."""

    def __init__(self, manifest: dict[str, Any], memory: dict[str, sqlite3.Connection],
                 folder: Path | None) -> None:
        self.manifest = manifest
        #: Where the stores are (the cache folder when the manifest was read); None: in memory.
        self.folder = folder
        self.packages: list[dict[str, Any]] = manifest["packages"]
        self._memory = memory
        self._conns: dict[str, sqlite3.Connection] = dict(memory)
        self._lock = threading.RLock()
        self._pid = os.getpid()
        #: indicator -> [(package number, dataset, vintages)], in package order
        self._holders: dict[str, list[tuple[int, str, list[str]]]] = {}
        for i, p in enumerate(self.packages):
            for ind, vintages in p["indicators"].items():
                self._holders.setdefault(ind, []).append((i, p["name"], vintages))
        self._metas: dict[tuple[int, int], SeriesMeta] = {}
        self._blocks: dict[tuple[Any, ...], list[SeriesBlock]] = {}
        self._entities: Any = None
        self._datasets: dict[str, DatasetInfo] | None = None

    # -- what is there ------------------------------------------------------------------------
    def datasets(self) -> dict[str, DatasetInfo]:
        if self._datasets is None:
            self._datasets = {p["name"]: _info_of(p["name"], str(Path(p["descriptor"]).parent), p["info"])
                              for p in self.packages}
        return dict(self._datasets)

    def indicators(self) -> frozenset[str]:
        return frozenset(self._holders)

    def holders(self, indicator: str) -> list[tuple[int, str, list[str]]]:
        """(package number, dataset, vintages held) of every package with rows of ``indicator``."""
        return self._holders.get(indicator, [])

    # -- connections --------------------------------------------------------------------------
    def _conn(self, name: str, key: str, rebuild: Callable[[], None]) -> sqlite3.Connection:
        conn = self._conns.get(name)
        if conn is None:
            if self.folder is None:
                raise DatasetError(f"store {name} is not in memory")
            path = self.folder / name
            try:
                conn = _connect(path)
                row = conn.execute("SELECT v FROM meta WHERE k = 'package'").fetchone()
                frag = json.loads(row[0]) if row else {}
                if frag.get("format") != STORE_FORMAT or frag.get("key") != key:
                    conn.close()
                    raise sqlite3.DatabaseError(f"{path}: not the store of key {key[:12]}")
            except (sqlite3.Error, ValueError, AttributeError):
                rebuild()
                conn = self._conns.get(name) or _connect(path)
            self._conns[name] = conn
        return conn

    def _query(self, name: str, key: str, rebuild: Callable[[], None], sql: str,
               args: tuple[Any, ...] = ()) -> list[Any]:
        """Rows of ``sql`` in store ``name``; a store that fails to read is rebuilt once."""
        if self._pid != os.getpid():
            self._after_fork()
        with self._lock:
            try:
                return self._conn(name, key, rebuild).execute(sql, args).fetchall()
            except sqlite3.DatabaseError:
                if name in self._memory:
                    raise
                self._conns.pop(name, None)
                rebuild()
                return self._conn(name, key, rebuild).execute(sql, args).fetchall()

    def _after_fork(self) -> None:
        """In a process forked from the one that opened this store (a worker of ``--jobs``, which
        inherits the loaded rules and data): the store files are opened again, as SQLite asks
        (a connection must not be used across a fork); the parent's are left alone, never used
        or closed here. Stores in memory (caches off) are this process's own copy. The lock is
        new: the parent ran one thread when it forked, but a lock is not the child's to trust."""
        with _FORK_LOCK:
            if self._pid == os.getpid():  # another thread did it
                return
            _ACROSS_FORK.extend(c for n, c in self._conns.items() if n not in self._memory)
            self._conns = dict(self._memory)
            self._lock = threading.RLock()
            self._pid = os.getpid()

    def _rebuild_package(self, i: int) -> Callable[[], None]:
        def again() -> None:
            p = self.packages[i]
            builder = _Builder(self.folder)
            builder.build(Path(p["descriptor"]), p["key"], p["store"])
            self._conns.update(builder.memory)
        return again

    def _package_query(self, i: int, sql: str, args: tuple[Any, ...] = ()) -> list[Any]:
        p = self.packages[i]
        return self._query(p["store"], p["key"], self._rebuild_package(i), sql, args)

    # -- series -------------------------------------------------------------------------------
    def meta(self, i: int, meta_id: int) -> SeriesMeta:
        got = self._metas.get((i, meta_id))
        if got is None:
            (row,) = self._package_query(i, "SELECT json FROM series_meta WHERE id = ?", (meta_id,))
            got = self._metas[(i, meta_id)] = _meta_of(json.loads(row[0]))
        return got

    def blocks(self, i: int, indicator: str, entity: str, extra: tuple[tuple[str, str], ...],
               vintage: str) -> list[SeriesBlock]:
        """The blocks of package ``i`` for one series key and vintage (the same objects each call)."""
        key = (i, indicator, entity, extra, vintage)
        got = self._blocks.get(key)
        if got is None:
            rows = self._package_query(
                i, "SELECT meta, ends, starts, vals, rows FROM block WHERE indicator = ? AND entity = ? "
                   "AND extra = ? AND vintage = ? ORDER BY seq", (indicator, entity, _extra_text(extra), vintage))
            got = self._blocks[key] = [self._block(i, vintage, *r) for r in rows]
        return got

    def _block(self, i: int, vintage: str, meta_id: int, ends: bytes, starts: bytes, vals: bytes,
               rows: str | None) -> SeriesBlock:
        e, s, v = array("i"), array("i"), array("d")
        e.frombytes(ends)
        s.frombytes(starts)
        v.frombytes(vals)
        fact = tuple(tuple(r) for r in json.loads(rows)) if rows is not None else None
        return SeriesBlock(self.meta(i, meta_id), e, s, v, fact, vintage)  # type: ignore[arg-type]

    def indicator_blocks(self, i: int, indicator: str, vintage: str
                         ) -> list[tuple[str, tuple[tuple[str, str], ...], SeriesBlock]]:
        """Every block of ``indicator`` in package ``i`` and one vintage, as (entity, extra key,
        block), sorted by entity and extra key (not kept: for a pass over a whole dataset)."""
        rows = self._package_query(
            i, "SELECT entity, extra, meta, ends, starts, vals, rows FROM block WHERE indicator = ? "
               "AND vintage = ? ORDER BY entity, extra, seq", (indicator, vintage))
        return [(entity, extra_tuple(extra), self._block(i, vintage, *rest)) for entity, extra, *rest in rows]

    def about(self, indicator: str, dataset: str | None) -> tuple[tuple[str, Any], ...]:
        """What the first package holding ``indicator`` (of ``dataset``) states of it."""
        for i, name, _ in self.holders(indicator):
            if dataset is not None and name != dataset:
                continue
            for (j,) in self._package_query(i, "SELECT json FROM series_meta WHERE indicator = ? ORDER BY id",
                                            (indicator,)):
                m = _meta_of(json.loads(j))
                if m.about:
                    return m.about
        return ()

    # -- events, exchange rates, entities ----------------------------------------------------
    def events(self) -> tuple[Event, ...]:
        out = []
        for i, p in enumerate(self.packages):
            if p["events"]:
                rows = self._package_query(i, "SELECT json FROM event ORDER BY seq")
                out.extend(_event_of(json.loads(j)) for (j,) in rows)
        out.sort(key=lambda e: (e.start.start, e.event_id))
        return tuple(out)

    def fx(self) -> Any:
        """The exchange rates of the last package that has them; a currency's column is read
        when it is first asked for."""
        from factcheck.reference.fx import FxData

        last = [i for i, p in enumerate(self.packages) if p["fx"]]
        if not last:
            return None
        i = last[-1]
        ((src,),) = self._package_query(i, "SELECT v FROM meta WHERE k = 'fx'")
        source, url = json.loads(src)
        dates = array("i")
        ((blob,),) = self._package_query(i, "SELECT rates FROM fx WHERE currency = ''")
        dates.frombytes(blob)
        currencies = [c for (c,) in self._package_query(i, "SELECT currency FROM fx WHERE currency != ''")]

        def column(cur: str) -> array:
            ((blob,),) = self._package_query(i, "SELECT rates FROM fx WHERE currency = ?", (cur,))
            a = array("d")
            a.frombytes(blob)
            return a

        return FxData(dates, _Rates(currencies, column), source, url)

    def entities(self) -> Any:
        """The entity table, read from its store a key at a time (``StoredEntities``)."""
        if self._entities is None:
            from factcheck.reference.entities import EntityData

            e = self.manifest.get("entities")
            self._entities = StoredEntities(self, e["store"], e["key"]) if e else EntityData()
        return self._entities

    def _rebuild_entities(self) -> None:
        e = self.manifest["entities"]
        builder = _Builder(self.folder)
        builder.entities(e, [p for p in self.packages if p["entity_kinds"]])
        self._conns.update(builder.memory)


_MISSING = object()


class _Rates(dict):  # type: ignore[type-arg]
    """currency -> its ECB column, every currency a key from the start, a column read on first use."""

    def __init__(self, currencies: list[str], column: Callable[[str], Any]) -> None:
        super().__init__((c, None) for c in currencies)
        self._column = column

    def __getitem__(self, cur: str) -> Any:
        got = dict.__getitem__(self, cur)
        if got is None:
            got = self._column(cur)
            dict.__setitem__(self, cur, got)
        return got

    def get(self, cur: str, default: Any = None) -> Any:  # type: ignore[override]
        return self[cur] if dict.__contains__(self, cur) else default

    def items(self) -> Any:  # type: ignore[override]
        return [(c, self[c]) for c in self]

    def values(self) -> Any:  # type: ignore[override]
        return [self[c] for c in self]


class _Lazy(dict):  # type: ignore[type-arg]
    """A memo that fills itself from a store: ``get`` answers what the store holds for a key."""

    def __init__(self, fetch: Callable[[Any], Any]) -> None:
        super().__init__()
        self._fetch = fetch

    def get(self, key: Any, default: Any = None) -> Any:  # type: ignore[override]
        got = dict.get(self, key, _MISSING)
        if got is _MISSING:
            got = self._fetch(key)
            dict.__setitem__(self, key, got)
        return default if got is None else got

    def __getitem__(self, key: Any) -> Any:
        got = self.get(key)
        if got is None:
            raise KeyError(key)
        return got


class _Column:
    """One field of the entity records, by record id (records fetched once, all fields at once)."""

    def __init__(self, owner: "StoredEntities", field: int) -> None:
        self._owner, self._field = owner, field

    def __getitem__(self, i: int) -> Any:
        return self._owner.record(i)[self._field]


class StoredEntities:
    """The entity table of ``entities.EntityData`` read from the entity store as it is used:
    ``keys``, ``first``, ``alias``, ``iso3``, ``kind``, ``population``, ``flags``, ``countries``,
    ``fuzzy_words``, ``compass`` (one query per new key; ``prefetch`` asks for many at once)."""

    def __init__(self, store: Store, name: str, key: str) -> None:
        self._store, self._name, self._key_of_store = store, name, key
        self._recs: dict[int, tuple[Any, ...]] = {}
        self.keys = _Lazy(self._key)
        self.first = _Lazy(self._first)
        self.alias, self.iso3, self.kind, self.population, self.flags = (_Column(self, f) for f in range(5))
        self._countries: dict[str, tuple[str, str, str, str]] | None = None
        self._words: dict[str, list[str]] | None = None
        self._compass: frozenset[str] | None = None

    def _q(self, sql: str, args: tuple[Any, ...] = ()) -> list[Any]:
        return self._store._query(self._name, self._key_of_store, self._store._rebuild_entities, sql, args)

    def _key(self, k: str) -> tuple[int, ...] | None:
        rows = self._q("SELECT ids FROM alias_key WHERE k = ?", (k,))
        return tuple(int(x) for x in rows[0][0].split(",")) if rows else None

    def _first(self, tok: str) -> int | None:
        rows = self._q("SELECT n FROM first_token WHERE tok = ?", (tok,))
        return rows[0][0] if rows else None

    def prefetch(self, tokens: list[str]) -> None:
        """Everything ``find_mentions`` may ask of a text's tokens, in three queries: the
        first-token lengths, the aliases those allow, and their records."""
        first = self._many(self.first, "SELECT tok, n FROM first_token WHERE tok IN ({})", tokens)
        grams = [" ".join(tokens[i:i + k]) for i, t in enumerate(tokens) for k in range(1, (first.get(t) or 0) + 1)
                 if i + k <= len(tokens)]
        keys = self._many(self.keys, "SELECT k, ids FROM alias_key WHERE k IN ({})", grams)
        ids = sorted({i for v in keys.values() if v for i in map(int, v.split(",")) if i not in self._recs})
        for a in range(0, len(ids), 500):
            chunk = ids[a:a + 500]
            for i, *rec in self._q("SELECT id, alias, iso3, kind, population, flags FROM rec WHERE id IN "
                                   f"({','.join('?' * len(chunk))})", tuple(chunk)):
                self._recs[i] = tuple(rec)
        for k, v in keys.items():
            dict.__setitem__(self.keys, k, tuple(int(x) for x in v.split(",")) if v else None)

    def _many(self, memo: "_Lazy", sql: str, wanted: list[str]) -> dict[str, Any]:
        """The rows of ``sql`` for the ``wanted`` keys the memo lacks (None for a key with none);
        first-token lengths go straight into the memo, alias ids are returned as text."""
        want = sorted({t for t in wanted if not dict.__contains__(memo, t)})
        out: dict[str, Any] = {}
        for a in range(0, len(want), 500):
            chunk = want[a:a + 500]
            got = dict(self._q(sql.format(",".join("?" * len(chunk))), tuple(chunk)))
            out.update((t, got.get(t)) for t in chunk)
        if memo is self.first:
            for t, n in out.items():
                dict.__setitem__(memo, t, n)
            return {t: dict.__getitem__(memo, t) for t in wanted}
        return out

    def record(self, i: int) -> tuple[Any, ...]:
        got = self._recs.get(i)
        if got is None:
            (got,) = self._q("SELECT alias, iso3, kind, population, flags FROM rec WHERE id = ?", (i,))
            self._recs[i] = got
        return got

    @property
    def countries(self) -> dict[str, tuple[str, str, str, str]]:
        if self._countries is None:
            self._countries = {r[0]: tuple(r[1:]) for r in self._q("SELECT * FROM country")}  # type: ignore[misc]
        return self._countries

    def _word_lists(self) -> dict[str, list[str]]:
        if self._words is None:
            words: dict[str, list[str]] = {"fuzzy": [], "compass": []}
            for lst, w in self._q("SELECT list, w FROM word ORDER BY rowid"):
                words.setdefault(lst, []).append(w)
            self._words = words
        return self._words

    @property
    def fuzzy_words(self) -> list[str]:
        return self._word_lists()["fuzzy"]

    @property
    def compass(self) -> frozenset[str]:
        if self._compass is None:
            self._compass = frozenset(self._word_lists()["compass"])
        return self._compass

    def fuzzy_keys(self) -> list[str]:
        return [k for (k,) in self._q("SELECT k FROM alias_key WHERE fuzzy")]

"""The archive's SQLite file: published documents, their findings, and an index of the series
their claims were judged against.

Tables (format ``FORMAT``):

- ``meta``: ``format``, ``created``, the factcheck version that created it.
- ``document``: one row per path (re-adding a path replaces its row): the content's sha256, the
  format, the ``--encoding`` it was read with, its as_of and where that came from, when it was
  added, the factcheck version and ``--vintage`` it was judged with, the file's bytes
  (zlib-compressed, so it can be read and checked again) and its findings (compressed JSON,
  ``FIELDS`` per finding: verdict, claim, series, reference value and vintage).
- ``claim``: the index, one row per (finding, series) a claim is bound to: dataset, indicator,
  entity and period, keyed on them (``WITHOUT ROWID``, so a lookup of one series is one range of
  the primary key), plus an index on the document for replacing its rows. ``period`` is the
  label the series gives the claim's period (``1986``) when the claim is dated and was judged
  against that period's value; else ``""``, which any change of the series touches (an undated
  claim takes the latest figure, a step series the level in force, a claim with no value yet
  may gain one).

Nothing here prints; errors are ``InputError`` naming the file.
"""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError

FORMAT = 1

#: The stored fields of one finding, in order (a JSON list each; ``None`` where absent).
FIELDS = ("code", "rule", "verdict", "start", "end", "text", "subject", "period", "dataset", "indicator",
          "entity", "ref_period", "ref_value", "ref_unit", "vintage", "value", "unit", "accepted")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS document (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    sha256 TEXT NOT NULL,
    format TEXT NOT NULL,
    encoding TEXT,
    as_of TEXT,
    as_of_source TEXT NOT NULL,
    added TEXT NOT NULL,
    version TEXT NOT NULL,
    vintage TEXT,
    findings INTEGER NOT NULL,
    record BLOB NOT NULL,
    body BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS claim (
    dataset TEXT NOT NULL,
    indicator TEXT NOT NULL,
    entity TEXT NOT NULL,
    period TEXT NOT NULL,
    document INTEGER NOT NULL,
    ord INTEGER NOT NULL,
    PRIMARY KEY (dataset, indicator, entity, period, document, ord)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS claim_document ON claim (document);
"""


@dataclass(frozen=True)
class Entry:
    """One document as the archive records it (``record``: its findings, ``FIELDS`` each)."""

    path: str
    sha256: str
    format: str
    encoding: str | None
    as_of: str | None
    as_of_source: str
    version: str
    vintage: str | None
    record: list[list[Any]]
    #: (dataset, indicator, entity, period, index of the finding in ``record``)
    series: list[tuple[str, str, str, str, int]]
    body: bytes  # the file's bytes, compressed


@dataclass(frozen=True)
class Stored:
    """A document read back: its row id and what ``Entry`` holds, the body decompressed."""

    id: int
    path: str
    sha256: str
    format: str
    encoding: str | None
    as_of: str | None
    as_of_source: str
    vintage: str | None
    record: list[dict[str, Any]]
    body: bytes


def pack(obj: Any) -> bytes:
    return zlib.compress(json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 6)


def unpack(blob: bytes) -> Any:
    return json.loads(zlib.decompress(blob).decode("utf-8"))


class Archive:
    """An archive file, opened for adding (created when missing) or for reading (must exist)."""

    def __init__(self, path: str | Path, *, create: bool = False) -> None:
        self.path = Path(path)
        self.conn = _open(self.path, create)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Archive:  # noqa: PYI034
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ------------------------------------------------------------------------------
    def known(self) -> dict[str, str]:
        """path -> sha256 of every document recorded."""
        return dict(self.conn.execute("SELECT path, sha256 FROM document"))

    def put(self, e: Entry) -> bool:
        """Record a document, replacing the row of its path; True when it replaced one."""
        c = self.conn
        old = c.execute("SELECT id FROM document WHERE path = ?", (e.path,)).fetchone()
        row = (e.sha256, e.format, e.encoding, e.as_of, e.as_of_source,
               dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), e.version, e.vintage,
               len(e.record), pack(e.record), e.body)
        if old is not None:
            doc = old[0]
            c.execute("DELETE FROM claim WHERE document = ?", (doc,))
            c.execute("UPDATE document SET sha256=?, format=?, encoding=?, as_of=?, as_of_source=?, added=?, "
                      "version=?, vintage=?, findings=?, record=?, body=? WHERE id=?", (*row, doc))
        else:
            doc = c.execute("INSERT INTO document (sha256, format, encoding, as_of, as_of_source, added, version, "
                            "vintage, findings, record, body, path) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                            (*row, e.path)).lastrowid
        c.executemany("INSERT OR IGNORE INTO claim VALUES (?,?,?,?,?,?)",
                      [(d, i, ent, p, doc, o) for d, i, ent, p, o in e.series])
        return old is not None

    def begin(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def commit(self) -> None:
        self.conn.commit()

    def rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.rollback()

    # -- reading ------------------------------------------------------------------------------
    def size(self) -> int:
        """How many documents are recorded."""
        return self.conn.execute("SELECT count(*) FROM document").fetchone()[0]

    def counts(self) -> dict[str, int]:
        c = self.conn
        docs, findings = c.execute("SELECT count(*), coalesce(sum(findings), 0) FROM document").fetchone()
        bound = c.execute("SELECT count(*) FROM (SELECT DISTINCT document, ord FROM claim)").fetchone()[0]
        series = c.execute("SELECT count(*) FROM (SELECT DISTINCT dataset, indicator, entity FROM claim)").fetchone()[0]
        return {"documents": docs, "findings": findings, "bound_claims": bound, "series": series}

    def datasets(self) -> set[str]:
        """The datasets any recorded claim is bound to."""
        return {r[0] for r in self.conn.execute("SELECT DISTINCT dataset FROM claim")}

    def bound_to(self, dataset: str, indicator: str | None = None, entity: str | None = None
                 ) -> Iterator[tuple[int, int, str]]:
        """(document, finding index, period) of every claim bound to a series (of a dataset, or
        of one of its indicators): one range of the index."""
        if indicator is None:
            q, args = "SELECT document, ord, period FROM claim WHERE dataset = ?", (dataset,)
        elif entity is None:
            q, args = "SELECT document, ord, period FROM claim WHERE dataset = ? AND indicator = ?", (dataset, indicator)
        else:
            q = "SELECT document, ord, period FROM claim WHERE dataset = ? AND indicator = ? AND entity = ?"
            args = (dataset, indicator, entity)
        yield from self.conn.execute(q, args)

    def documents(self, ids: Iterable[int]) -> Iterator[Stored]:
        """The documents of these row ids, in path order, read one at a time."""
        ids = sorted(set(ids))
        order: list[tuple[str, int]] = []
        for k in range(0, len(ids), 500):
            part = ids[k:k + 500]
            order.extend(self.conn.execute(f"SELECT path, id FROM document WHERE id IN ({','.join('?' * len(part))})",
                                           part))
        for _, i in sorted(order):
            row = self.conn.execute("SELECT id, path, sha256, format, encoding, as_of, as_of_source, vintage, "
                                    "record, body FROM document WHERE id = ?", (i,)).fetchone()
            if row is not None:
                record = [dict(zip(FIELDS, r)) for r in unpack(row[8])]
                yield Stored(*row[:8], record, zlib.decompress(row[9]))  # type: ignore[arg-type]


def _open(path: Path, create: bool) -> sqlite3.Connection:
    where = str(path)
    if path.is_dir():
        raise InputError("is a folder; --store names the archive's file (e.g. factcheck-archive.sqlite)", path=where)
    if not path.exists():
        if not create:
            raise InputError("no archive here: `factcheck archive add PATH... --store FILE` makes one", path=where)
        if not path.parent.is_dir():
            raise InputError("cannot create the archive: no such folder", path=where)
    try:
        conn = sqlite3.connect(where, isolation_level=None)  # transactions are begun and committed here
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as ex:
        raise InputError(f"not a factcheck archive ({_why(ex)})", path=where) from None
    try:
        if not tables:
            if not create:
                conn.close()
                raise InputError("not a factcheck archive (an empty file)", path=where)
            conn.executescript(_SCHEMA)
            from .. import __version__

            conn.executemany("INSERT INTO meta VALUES (?, ?)", [
                ("format", str(FORMAT)), ("created", dt.datetime.now(dt.UTC).isoformat(timespec="seconds")),
                ("factcheck", __version__)])
        elif not {"meta", "document", "claim"} <= tables:
            conn.close()
            raise InputError("not a factcheck archive (an SQLite database of something else)", path=where)
        got = conn.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
        if got is None or got[0] != str(FORMAT):
            conn.close()
            raise InputError(f"an archive of format {got[0] if got else '?'}; this factcheck reads format {FORMAT} "
                             "(add the documents to a new archive)", path=where)
    except sqlite3.DatabaseError as ex:
        conn.close()
        raise InputError(f"not a factcheck archive ({_why(ex)})", path=where) from None
    return conn


def _why(ex: Exception) -> str:
    text = str(ex) or type(ex).__name__
    return text.rstrip(".")

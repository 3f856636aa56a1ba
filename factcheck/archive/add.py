"""``factcheck archive add``: check documents and record them, their findings and the series and
vintages their claims were judged against.

Each document is read once (its bytes kept, compressed, to be checked again on a recheck),
checked as ``factcheck check`` checks it (the configuration's rules, data, tolerances, selection
and the document's suppressions; no baseline, no ``--diff``) and stored in one transaction for the
whole run: an archive is added to whole or not at all. With ``jobs`` > 1 the documents are checked
in worker processes, each loading the rules and reference data once; the archive is written by the
calling process, in input order.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import math
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..config import Config
from ..errors import InputError
from ..model import Document, DocumentReport, Finding
from .store import Archive, Entry

#: Documents handed to a worker at a time.
CHUNK = 8


@dataclass
class Added:
    """What one ``add`` did."""

    documents: int = 0
    new: int = 0
    replaced: int = 0
    skipped: int = 0
    findings: int = 0
    bound: int = 0


# --------------------------------------------------------------------------------------------
# one document -> Entry
# --------------------------------------------------------------------------------------------

def series_of(f: Finding) -> set[tuple[str, str, str, str]]:
    """The series (dataset, indicator, entity, period) a finding's verdict depends on: those of
    the observations it was judged against, or, when no value was found, the series its rule
    names for its subject. ``period`` is the claim's period label when the claim is dated and its
    value is that period's; else "" (any change of the series may change the verdict)."""
    c = f.claim
    if c is None:
        return set()
    out = set()
    if f.evidence is not None:
        for o in (f.evidence.observation, *f.evidence.related):
            p = c.period.label if c.period is not None and o.period.label == c.period.label else ""
            out.add((o.dataset, o.indicator, o.entity, p))
    elif c.reference and c.subject and not c.reason:
        out.add((c.reference[0], c.reference[1], c.subject, ""))
    return out


def row_of(f: Finding, accepted: str | None) -> list[Any]:
    """A finding as the archive stores it (``store.FIELDS``)."""
    c, ev = f.claim, f.evidence
    o = ev.observation if ev is not None else None
    ref = c.reference if c is not None and c.reference else (None, None)
    return [f.code, f.rule, f.verdict.value, f.quantity.span.start, f.quantity.span.end, f.quantity.text,
            c.subject if c else None, c.period.label if c and c.period else None,
            o.dataset if o else ref[0], o.indicator if o else ref[1], o.entity if o else (c.subject if c else None),
            o.period.label if o else None, _num(o.value) if o else None, o.unit if o else None,
            (o.vintage or None) if o else None, _num(ev.value) if ev else None, ev.unit if ev else None, accepted]


def _num(x: float) -> float | None:
    return x if math.isfinite(x) else None


def entry(dr: DocumentReport, data: bytes, sha: str, encoding: str | None, vintage: str | None) -> Entry:
    from .. import __version__

    doc = dr.document
    record, series = [], []
    live = [(f, None) for f in dr.findings] + [(a.finding, a.by) for a in dr.accepted]
    for i, (f, by) in enumerate(live):
        record.append(row_of(f, by))
        if by is None:  # an accepted finding stays accepted whatever the data says
            series.extend((*s, i) for s in sorted(series_of(f)))
    return Entry(doc.path, sha, doc.format, encoding, doc.as_of.isoformat() if doc.as_of else None,
                 doc.as_of_source, __version__, vintage, record, series, zlib.compress(data, 6))


def read_bytes(path: str) -> bytes:
    """A file's bytes; what `check` says of a file it cannot read, as an InputError."""
    from ..documents import MAX_BYTES, read_document

    fp = Path(path)
    try:
        if fp.is_file() and fp.stat().st_size <= MAX_BYTES:
            return fp.read_bytes()
    except OSError:
        pass
    read_document(path)  # raises the error that says why
    raise InputError("cannot read", path=path)  # pragma: no cover - read_document raised


def document(data: bytes, path: str, cfg: Config, as_of: dt.date | str | None, fmt: str | None = None,
             encoding: str | None = None) -> Document:
    """A Document from a file's bytes, its as_of settled as `check` settles it."""
    from ..documents import from_bytes

    doc = from_bytes(data, path, as_of, fmt=fmt, encoding=encoding if encoding is not None else cfg.encoding)
    if doc.as_of is None:
        if cfg.as_of == "require":
            raise InputError("states no date (front matter `date:`, page metadata or a date in the file name) and "
                             "the configuration requires one (as-of = \"require\"); pass --as-of", path=path)
        default = cfg.default_as_of()
        if default is not None:
            doc = replace(doc, as_of=default, as_of_source="today" if cfg.as_of == "today" else "configuration")
    return doc


class Judge:
    """Rules and reference data loaded once; documents checked as `check` checks them (selection,
    suppressions)."""

    def __init__(self, cfg: Config, *, vintage: str | None = None, catalog: Any = None) -> None:
        from ..config import apply_tolerances
        from ..pipeline import Checker
        from ..selection import check_selection
        from ..suppressions import WORKFLOW_RULES

        self.cfg = cfg
        self.checker = Checker(cfg.rules or None, None if catalog is not None else (cfg.data or None),
                               catalog=catalog, vintage=vintage)
        self.checker.ruleset = apply_tolerances(self.checker.ruleset, cfg)
        check_selection(cfg, self.checker.ruleset)
        rules = self.checker.ruleset.rules
        self.known = {r.code for r in rules} | {r.id for r in rules} | set(WORKFLOW_RULES)

    def check(self, doc: Document) -> DocumentReport:
        from ..suppressions import select, suppress

        dr = self.checker.check_document(doc)
        dr = select(dr, self.cfg.selects)
        return suppress(dr, self.known, self.cfg.selects)


# --------------------------------------------------------------------------------------------
# the run, in this process or in workers
# --------------------------------------------------------------------------------------------

_WORKER: dict[str, Any] = {}


def _setup(cfg: Config, as_of: dt.date | str | None, vintage: str | None, skip: dict[str, str] | None,
           worker: bool = False) -> None:
    if worker:  # Ctrl-C and SIGTERM are the calling process's to handle: it stops the pool
        import signal

        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _WORKER.update(judge=Judge(cfg, vintage=vintage), cfg=cfg, as_of=as_of, vintage=vintage, skip=skip or {})


def _one(task: tuple[str, bytes | None, str | None]) -> Entry | None:
    """Check and record one document (None: unchanged since it was recorded, and skipped)."""
    path, data, fmt = task
    cfg: Config = _WORKER["cfg"]
    if data is None:
        data = read_bytes(path)
    sha = hashlib.sha256(data).hexdigest()
    if _WORKER["skip"].get(path) == sha:
        return None
    doc = document(data, path, cfg, _WORKER["as_of"], fmt)
    return entry(_WORKER["judge"].check(doc), data, sha, cfg.encoding, _WORKER["vintage"])


def _entries(tasks: list[tuple[str, bytes | None, str | None]], cfg: Config, as_of: dt.date | str | None,
             vintage: str | None, skip: dict[str, str] | None, jobs: int) -> Iterator[Entry | None]:
    if jobs <= 1 or len(tasks) < 2:
        _setup(cfg, as_of, vintage, skip)
        try:
            yield from map(_one, tasks)
        finally:
            _WORKER.clear()
        return
    import multiprocessing as mp

    with mp.get_context("fork").Pool(min(jobs, len(tasks)), initializer=_setup,
                                      initargs=(cfg, as_of, vintage, skip, True)) as pool:
        yield from pool.imap(_one, tasks, chunksize=CHUNK)


def add(archive: Archive, paths: list[str], cfg: Config, *, as_of: dt.date | str | None = None,
        vintage: str | None = None, stdin_filename: str | None = None, jobs: int = 1, new_only: bool = False,
        on_document: Callable[[str, int], None] | None = None) -> Added:
    """Check the documents of ``paths`` and record them in ``archive`` (whole or not at all).
    ``new_only``: skip a document whose path and content are recorded already; ``on_document(path,
    total)`` is called as each document is recorded (progress)."""
    import sys

    from ..documents import expand_paths, format_of, sniff

    files = expand_paths(paths, cfg.exclude)
    tasks: list[tuple[str, bytes | None, str | None]] = []
    for f in files:
        if f == "-":
            data = sys.stdin.buffer.read()
            name = stdin_filename or "<stdin>"
            tasks.append((name, data, format_of(stdin_filename) if stdin_filename else sniff(data)))
        else:
            tasks.append((f, None, None))
    out = Added()
    skip = archive.known() if new_only else None
    archive.begin()
    try:
        for task, e in zip(tasks, _entries(tasks, cfg, as_of, vintage, skip, jobs)):
            out.documents += 1
            if on_document:
                on_document(task[0], len(tasks))
            if e is None:
                out.skipped += 1
                continue
            if archive.put(e):
                out.replaced += 1
            else:
                out.new += 1
            out.findings += sum(1 for r in e.record if r[-1] is None)
            out.bound += len({s[-1] for s in e.series})
        archive.commit()
    except BaseException:
        archive.rollback()
        raise
    return out

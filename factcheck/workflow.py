"""The run behind `factcheck check`: read every document, check it, keep what counts, write the
reports document by document.

    with prepare(config, formats, jobs=2) as ready:       # rules and data loaded, workers started
        docs = plan_documents(paths, config)              # every file read once: a bad one fails before output
        tally = check_stream(docs, config, outputs, prepared=ready)  # checked, selected, suppressed, written
    report = check_documents(read_documents(...), config, baseline)   # the whole Report, for callers that want one

Selection by code (``select``/``ignore``), suppressions written in the text and the baseline are
applied here (in ``parallel.check_task``, wherever the document is checked), after judging and
before rendering; tolerances from the configuration replace the rules' own before checking.
A streamed run holds no more than a few documents at a time: each is read again when its turn
comes, checked, rendered into each report's part and dropped (``report/stream.py``).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sized
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any

from .config import Config
from .errors import InputError
from .model import Document, Report


def read_documents(paths: list[str], cfg: Config, as_of: dt.date | str | None = None,
                   stdin_filename: str | None = None) -> list[Document]:
    """Every document of ``paths`` (files, folders, patterns, ``-``), with its as_of settled:
    ``as_of`` if given, else the document's own date, else the configuration's default."""
    from .documents import expand_paths

    return [_read(p, cfg, as_of, stdin_filename) for p in expand_paths(paths, cfg.exclude)]


def _read(path: str, cfg: Config, as_of: dt.date | str | None, stdin_filename: str | None) -> Document:
    from .documents import read_document

    return settle_as_of(read_document(path, as_of, encoding=cfg.encoding, name=stdin_filename), cfg)


def settle_as_of(d: Document, cfg: Config) -> Document:
    """A document that states no date, dated as the configuration says (``as-of``): left
    undated, dated today or on the configured date, or an error when one is required."""
    if d.as_of is None:
        if cfg.as_of == "require":
            raise InputError("states no date (front matter `date:`, page metadata or a date in the file "
                             "name) and the configuration requires one (as-of = \"require\"); pass --as-of",
                             path=d.path)
        default = cfg.default_as_of()
        if default is not None:
            d = replace(d, as_of=default, as_of_source="today" if cfg.as_of == "today" else "configuration")
    return d


@dataclass
class Sources:
    """A run's documents, to be read again one at a time: the files, and standard input's
    document (which cannot be read twice) when ``-`` is one of them."""

    files: list[str]
    cfg: Config
    as_of: dt.date | str | None = None
    stdin_filename: str | None = None
    stdin: Document | None = None

    def __len__(self) -> int:
        return len(self.files)

    @property
    def paths(self) -> list[str]:
        """The documents' paths as reports name them."""
        return [self.stdin.path if f == "-" and self.stdin is not None else f for f in self.files]

    def __iter__(self) -> Iterator[Document]:
        for f in self.files:
            yield self.stdin if f == "-" and self.stdin is not None else _read(f, self.cfg, self.as_of,
                                                                                self.stdin_filename)


def plan_documents(paths: list[str], cfg: Config, as_of: dt.date | str | None = None,
                   stdin_filename: str | None = None) -> Sources:
    """Every document read once and dropped: a file that cannot be read, dated or checked (over
    the size limits) is an error before any report is written. Reading is a small part of a
    check (about 50 microseconds an article), so the run reads each again when its turn comes."""
    from .documents import expand_paths
    from .pipeline import _within_limits

    files = expand_paths(paths, cfg.exclude)
    src = Sources(files, cfg, as_of, stdin_filename)
    for f in files:
        d = _read(f, cfg, as_of, stdin_filename)
        _within_limits(d)
        if f == "-":
            src.stdin = d
    return src


@dataclass(frozen=True)
class Output:
    """A report the run writes: its format (or a ``report.STREAMS`` name), its layout, and
    where to (an open text file)."""

    fmt: str
    opts: Any
    out: IO[str]


def load_checker(cfg: Config, vintage: str | None) -> Any:
    """The rules (with the configuration's tolerances) and reference data of ``cfg``, judged
    against ``vintage`` (``pipeline.Checker``); an unknown code in ``select``/``ignore`` is an
    error here, with a suggestion."""
    from .config import apply_tolerances
    from .pipeline import Checker
    from .selection import check_selection

    checker = Checker(cfg.rules or None, cfg.data or None, vintage=vintage)
    checker.ruleset = apply_tolerances(checker.ruleset, cfg)
    check_selection(cfg, checker.ruleset)  # an unknown code in select/ignore: exit 2, with a suggestion
    return checker


def _tasks(docs: Iterable[Document], baseline: Path | None, changes: Any,
           before: Callable[[Document], None] | None = None) -> Iterator[Any]:
    """Each document with what its path means here (``parallel.Facts``)."""
    from .baseline import relative
    from .parallel import Facts, Task
    from .report.common import path_names

    def rel(path: str) -> str | None:
        return relative(path, baseline.parent) if baseline is not None else None

    for n, doc in enumerate(docs, 1):
        if before:
            before(doc)
        changed = (changes.reason, changes.lines(doc.path)) if changes is not None else None
        yield Task(n, doc, Facts(*path_names(doc.path), rel(doc.path), changed))


def _settings(cfg: Config, vintage: str | None, baseline: Path | None, outputs: Iterable[tuple[str, Any]],
              dask: str | None) -> Any:
    from . import __version__
    from .parallel import make_settings
    from .report.stream import Run

    counts = None
    if baseline is not None:
        from .baseline import load

        counts = load(baseline)
    if dask is not None:  # a Dask worker has its own working folder: name extra folders in full
        cfg = replace(cfg, rules=tuple(Path(p).resolve() for p in cfg.rules),
                      data=tuple(Path(p).resolve() for p in cfg.data))
    return make_settings(cfg, vintage=vintage, outputs=outputs, run=Run(cfg.fail_on, __version__, cfg.claimreview),
                         baseline=counts, baseline_name=baseline.name if baseline is not None else "")


@dataclass
class Prepared:
    """What a run loads before it reads its documents (``prepare``): the rules and data, the
    settings every worker is given, and with ``--jobs N`` the worker processes (``parallel.Pool``)
    or with ``--dask`` the cluster's client (``parallel.DaskPool``), started already so that the
    workers warm up while the documents are read. Leaving a ``with`` block stops the workers
    that are left."""

    checker: Any
    settings: Any
    #: ``parallel.Pool`` or ``parallel.DaskPool``; None: this process checks the documents
    pool: Any = None

    def close(self, kill: bool = False) -> None:
        if self.pool is not None:
            self.pool.close(kill=kill)

    def __enter__(self) -> Prepared:
        return self

    def __exit__(self, kind: Any, *_: Any) -> None:
        self.close(kill=kind is not None)


def prepare(cfg: Config, formats: Iterable[tuple[str, Any]], baseline: Path | None = None, *,
            vintage: str | None = None, jobs: int = 1, dask: str | None = None) -> Prepared:
    """Load the rules, the reference data and the baseline for a run writing ``formats``
    ((format, options) pairs) and, with ``jobs`` > 1 or ``dask``, start its workers."""
    from .parallel import DaskPool, Pool

    checker = load_checker(cfg, vintage)
    checker.catalog  # noqa: B018 -- a data problem is an error now, and stores are built once, here
    settings = _settings(cfg, vintage, baseline, formats, dask)
    pool = DaskPool(settings, dask) if dask is not None else Pool(settings, jobs, checker=checker) if jobs > 1 else None
    return Prepared(checker, settings, pool)


def check_stream(docs: Iterable[Document], cfg: Config, outputs: list[Output], baseline: Path | None = None, *,
                 changes: Any = None, vintage: str | None = None, jobs: int = 1, dask: str | None = None,
                 on_done: Callable[[Any], None] | None = None, prepared: Prepared | None = None) -> Any:
    """Check each document and write it into every output as it comes, in input order ->
    the run's ``Tally`` (counts, whether it fails). ``jobs``: worker processes (1: this
    process); ``dask``: a scheduler's address, or ``local`` / ``local:N`` (``parallel.py``).
    ``on_done(result)``: a document is done (progress), in any order. ``prepared``: what
    ``prepare`` loaded and started for these outputs (its workers are used, not ``jobs`` and ``dask``)."""
    with prepared or prepare(cfg, [(o.fmt, o.opts) for o in outputs], baseline, vintage=vintage, jobs=jobs,
                             dask=dask) as ready:
        return _check_stream(docs, outputs, baseline, changes, on_done, ready)


def _check_stream(docs: Iterable[Document], outputs: list[Output], baseline: Path | None, changes: Any,
                  on_done: Callable[[Any], None] | None, ready: Prepared) -> Any:
    from . import parallel
    from .explain import infos
    from .report import writer
    from .report.stream import Tally

    checker, settings = ready.checker, ready.settings
    if [fmt for fmt, _ in settings.outputs] != [o.fmt for o in outputs]:
        raise ValueError("check_stream: prepared for other outputs")
    writers = [writer(o.fmt, o.out, settings.run, o.opts) for o in outputs]
    for w in writers:
        w.begin()
    tally = Tally.of(settings.run)
    total = len(docs) if isinstance(docs, Sized) else None
    for r in parallel.run(settings, _tasks(docs, baseline, changes), on_done=on_done, checker=checker, total=total,
                          pool=ready.pool):
        tally.add(r.tally)
        for w, p in zip(writers, r.parts):
            w.write(p)
    tally.rules = infos(checker.ruleset.rules, tally.codes, checker.catalog) if tally.codes else ()
    for w in writers:
        w.end(tally)
    return tally


def check_documents(docs: Iterable[Document], cfg: Config, baseline: Path | None = None, *,
                    on_document: Callable[[Document, bool], None] | None = None, changes: Any = None,
                    vintage: str | None = None, jobs: int = 1, checker: Any = None) -> Report:
    """Check each document; select, suppress and apply the baseline -> Report (every document's
    report held, for callers that want them all; ``check_stream`` writes reports without).
    ``on_document(doc, done)`` is called before and after each document (progress).
    ``changes`` (``gitdiff.Changes``, from ``--diff REF``): findings on lines it does not list
    are accepted, "unchanged since REF". ``vintage`` (``--vintage``): judge against each series'
    newest release on or before that date. ``checker``: the rules and data loaded already for
    ``cfg`` and ``vintage`` (``load_checker``; a server loads them once), else loaded here."""
    from . import __version__, parallel
    from .explain import infos

    checker = checker if checker is not None else load_checker(cfg, vintage)
    settings = _settings(cfg, vintage, baseline, (), None)
    by_path: dict[str, Document] = {}

    def before(doc: Document) -> None:
        by_path[doc.path] = doc
        if on_document:
            on_document(doc, False)

    def after(r: Any) -> None:
        if on_document:
            on_document(by_path.pop(r.path, r.report.document), True)

    reports = [r.report for r in parallel.run(settings, _tasks(docs, baseline, changes, before), jobs=jobs,
                                              on_done=after, checker=checker, keep=True)]
    codes = {f.code for d in reports for f in d.findings} | {a.finding.code for d in reports for a in d.accepted}
    catalog = checker.catalog if codes else None
    return Report(tuple(reports), fail_on=cfg.fail_on, rules=infos(checker.ruleset.rules, codes, catalog),
                  tool_version=__version__)

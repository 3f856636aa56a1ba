"""Where documents are checked: in this process, in worker processes (``--jobs N``) or on a Dask
cluster (``--dask ADDRESS``, ``--dask local[:N]``). The same function runs in all three.

    results = run(settings, tasks, jobs=1, on_done=None)   # Results, in input order
    results = run(settings, tasks, pool=Pool(settings, 2, checker=checker))   # workers started before
    results = run(settings, tasks, pool=DaskPool(settings, "local:2"))        # on a Dask cluster

``check_task(settings, task) -> Result`` checks one document: the check, then selection,
suppressions, the baseline and ``--diff``, then each output format's part of the report
(``report.part``) and the document's tally. What crosses to a worker is the document (its text and
line maps, as read here) and, once per worker, the ``Settings`` (configuration, vintage, formats,
the baseline's fingerprints); what comes back is the rendered parts and a few counts, never the
rule set or the reference data. A worker process forked from the run (``Pool``, ``--jobs``)
starts with the rules and data the run loaded and opens the store's SQLite files again on its
first read; any other worker loads rules and opens the reference store itself, once
(``_WORKERS``, keyed by the settings), the store's SQLite files lazily, as every process does.
Workers (``Pool``, ``DaskPool``) are started before the run reads its documents and warm up
meanwhile (``_warm_up``). Paths that depend on the working folder (URIs, paths relative to it or
to the baseline, the lines ``--diff`` keeps) are computed here, where the run started
(``Facts``), since a Dask worker runs elsewhere.

A document whose check raises (an internal error) or whose worker process dies (killed, out of
memory) is reported as a notice FC910 ("not checked", an error) for that document; the run goes
on. Worker processes that die are replaced, and the documents they had queued are checked again.
A user error (``FactcheckError``) raised in a worker stops the run with that error, as it would
without workers.
"""
from __future__ import annotations

import collections
import hashlib
import os
import pickle
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from .config import Config
from .errors import FactcheckError, InputError
from .model import Document, DocumentReport, Level, Notice, Span
from .report.stream import NOT_CHECKED, DocTally, Options, Run, tally_of

#: Test-only hook: a document whose text contains this environment variable's value makes the
#: process checking it kill itself (SIGKILL), as the OOM killer would. Never set in use.
KILL_HOOK = "FACTCHECK_TEST_KILL_WORKER_ON"


@dataclass(frozen=True)
class Settings:
    """Everything a worker needs besides the document, shipped once per worker."""

    cfg: Config
    vintage: str | None = None
    #: (format or ``report.STREAMS`` name, layout) of every report the run writes.
    outputs: tuple[tuple[str, Options], ...] = ()
    run: Run = field(default_factory=Run)
    #: The baseline's fingerprints with their counts, and its file name (the reason findings
    #: are accepted); None without --baseline.
    baseline: tuple[tuple[str, int], ...] | None = None
    baseline_name: str = ""
    #: ``--no-cache``: the workers read and write no cache either.
    no_cache: bool = False
    #: Identifies the settings in a worker's cache (``make_settings``).
    key: str = ""


def make_settings(cfg: Config, *, vintage: str | None = None, outputs: Iterable[tuple[str, Options]] = (),
                  run: Run | None = None, baseline: Any = None, baseline_name: str = "") -> Settings:
    from . import cache

    s = Settings(cfg, vintage, tuple(outputs), run or Run(cfg.fail_on),
                 tuple(sorted(baseline.items())) if baseline is not None else None, baseline_name,
                 not cache.enabled())
    return replace(s, key=hashlib.sha256(pickle.dumps(s, protocol=4)).hexdigest())


@dataclass(frozen=True)
class Facts:
    """What a document's path means where the run started: its URI and relative path (reports),
    its path as the baseline records it, and the lines ``--diff`` keeps (None: no --diff)."""

    uri: str
    relative: str
    baseline_rel: str | None = None
    changed: tuple[str, frozenset[int] | None] | None = None  # (reason, lines; None: the whole file)


@dataclass(frozen=True)
class Task:
    n: int  # 1-based, in input order
    document: Document
    facts: Facts


@dataclass(frozen=True)
class Result:
    n: int
    path: str
    parts: tuple[Any, ...] = ()
    tally: DocTally | None = None
    #: The document's report, when the caller asked for it (``keep=True``), not for reports.
    report: DocumentReport | None = None
    #: A user error that stops the run: its lines (``FactcheckError.lines()``).
    error: tuple[str, ...] | None = None


# --- the per-document function --------------------------------------------------------------------

class Worker:
    """The per-document check of a run's ``settings``: rules, reference data and the baseline,
    loaded once per process (or given: ``checker``), then ``check(doc, facts)`` for each document
    (the check, selection, suppressions, the baseline, ``--diff``)."""

    def __init__(self, settings: Settings, checker: Any = None) -> None:
        from .config import apply_tolerances
        from .pipeline import Checker
        from .suppressions import WORKFLOW_RULES

        cfg = settings.cfg
        if checker is None:
            if settings.no_cache:
                from . import cache

                cache.disable()
            checker = Checker(cfg.rules or None, cfg.data or None, vintage=settings.vintage)
            checker.ruleset = apply_tolerances(checker.ruleset, cfg)
        self.checker = checker
        rs = checker.ruleset
        self.known = {r.code for r in rs.rules} | {r.id for r in rs.rules} | set(WORKFLOW_RULES)
        self.settings = settings
        self.baseline = collections.Counter(dict(settings.baseline)) if settings.baseline is not None else None

    def check(self, doc: Document, facts: Facts) -> DocumentReport:
        from .suppressions import select, suppress

        cfg = self.settings.cfg
        dr = self.checker.check_document(doc)
        dr = select(dr, cfg.selects)
        dr = suppress(dr, self.known, cfg.selects)
        if self.baseline is not None:
            from pathlib import Path

            from .baseline import accept

            dr = accept(dr, _Overlay(self.baseline), Path("."), self.settings.baseline_name, rel=facts.baseline_rel)
        if facts.changed is not None:
            from .gitdiff import keep_changed

            dr = keep_changed(dr, _Changed(*facts.changed))
        return dr


class _Overlay(dict):  # type: ignore[type-arg]
    """The baseline's counts as one document uses them up, the baseline itself untouched: its
    fingerprints name the document's file, so no other document's findings could use them, and
    a worker (or a Dask cluster) serves run after run."""

    def __init__(self, base: collections.Counter[str]) -> None:
        super().__init__()
        self.base = base

    def __missing__(self, key: str) -> int:
        return self.base.get(key, 0)

    def get(self, key: str, default: Any = None) -> Any:
        return self[key] if key in self or key in self.base else default


class _Changed:
    """``gitdiff.Changes`` for one document, its lines computed where the run started."""

    def __init__(self, reason: str, lines: frozenset[int] | None) -> None:
        self.reason, self._lines = reason, lines

    def lines(self, path: str) -> frozenset[int] | None:
        return self._lines


_WORKERS: dict[str, Worker] = {}
_LOCK = threading.Lock()


def _forget_after_fork() -> None:  # a forked worker loads its own (see reference._forget_after_fork)
    global _LOCK
    _WORKERS.clear()
    _LOCK = threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_after_fork)


def _worker(settings: Settings) -> Worker:
    w = _WORKERS.get(settings.key)
    if w is None:
        with _LOCK:  # a Dask worker runs tasks in threads: load once
            w = _WORKERS.get(settings.key)
            if w is None:
                w = _WORKERS[settings.key] = Worker(settings)
    return w


def check_task(settings: Settings, task: Task, keep: bool = False, worker: Worker | None = None) -> Result:
    """Check one document and render its parts of every report the run writes. ``worker``: the
    run's own (--jobs 1); else this process's for ``settings``, loaded on first use."""
    from .report import part
    from .report.common import known_paths

    doc = task.document
    try:
        dr = (worker or _worker(settings)).check(doc, task.facts)
        with known_paths({doc.path: (task.facts.uri, task.facts.relative)}):
            return _result(settings, task, dr, part, keep)
    except FactcheckError as err:
        if worker is not None:  # the run's own process: the error as it is
            raise
        return Result(task.n, doc.path, error=tuple(err.lines()))
    except Exception as ex:  # noqa: BLE001 -- an internal error: reported for this document, the run goes on
        return not_checked(settings, task, f"checking it raised an internal error: {_describe(ex)}", keep)


def check_batch(settings: Settings, tasks: list[Task]) -> list[Result]:
    """Check a few documents (a Dask task)."""
    out = []
    for t in tasks:
        _test_hook(t)
        out.append(check_task(settings, t))
    return out


def _test_hook(task: Task) -> None:
    """In a worker only (never the run's own process): ``KILL_HOOK``."""
    hook = os.environ.get(KILL_HOOK)
    if hook and hook in task.document.text:
        os.kill(os.getpid(), signal.SIGKILL)


def _result(settings: Settings, task: Task, dr: DocumentReport, part: Any, keep: bool) -> Result:
    parts = tuple(part(fmt, dr, task.n, settings.run, opts) for fmt, opts in settings.outputs)
    return Result(task.n, task.document.path, parts, tally_of(dr, settings.run), dr if keep else None)


def not_checked(settings: Settings, task: Task, why: str, keep: bool = False) -> Result:
    """The result of a document that could not be checked: a notice FC910 saying why."""
    from .report import part
    from .report.common import known_paths
    from .suppressions import WORKFLOW_RULES

    info = WORKFLOW_RULES[NOT_CHECKED]
    notice = Notice(NOT_CHECKED, info.id, Level.ERROR, f"not checked: {why}; the other files were checked", Span(0, 0))
    dr = DocumentReport(task.document, (), notices=(notice,))
    with known_paths({task.document.path: (task.facts.uri, task.facts.relative)}):
        return _result(settings, task, dr, part, keep)


def _describe(ex: BaseException) -> str:
    """``ValueError: bad thing (pipeline.py:42)``: the exception and where it was raised."""
    tb = traceback.extract_tb(ex.__traceback__)
    where = f" ({os.path.basename(tb[-1].filename)}:{tb[-1].lineno})" if tb else ""
    text = str(ex).splitlines()[0] if str(ex) else ""
    return f"{type(ex).__name__}{': ' + text if text else ''}{where}"


# --- running ----------------------------------------------------------------------------------------

def run(settings: Settings, tasks: Iterable[Task], *, jobs: int = 1,
        on_done: Callable[[Result], None] | None = None, checker: Any = None, keep: bool = False,
        total: int | None = None, pool: Pool | DaskPool | None = None) -> Iterator[Result]:
    """The results of ``tasks``, in their order. ``on_done`` is called as each document is done
    (progress), in any order. ``total``: how many tasks there are, when known (Dask sizes its
    tasks by it). ``pool``: worker processes or a Dask client started already (``Pool``,
    ``DaskPool``), used instead of ``jobs``; closed when the results are done."""
    if isinstance(pool, DaskPool):
        yield from _dask(pool, tasks, on_done, total)
    elif pool is not None or jobs > 1:
        yield from _processes(pool or Pool(settings, jobs, keep), tasks, on_done)
    else:
        own = Worker(settings, checker)
        for t in tasks:
            r = check_task(settings, t, keep, own)
            _raise_error(r)
            if on_done:
                on_done(r)
            yield r


def _raise_error(r: Result) -> None:
    if r.error is not None:
        raise _WorkerError(r.error)


class _WorkerError(FactcheckError):
    """A user error raised while a worker checked a document (its lines as the worker wrote them)."""

    def __init__(self, lines: tuple[str, ...]) -> None:
        super().__init__(lines[0] if lines else "error")
        self._lines = list(lines)

    def lines(self) -> list[str]:
        return self._lines


def jobs_option(value: str) -> int:
    """``--jobs``: a positive number, or ``auto`` (the cores this process may use)."""
    if value == "auto":
        try:
            return max(1, len(os.sched_getaffinity(0)))
        except AttributeError:  # not on Linux
            return os.cpu_count() or 1
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise InputError(f"--jobs {value!r}: give a number of worker processes (1 or more) or auto")
    return n


# --- worker processes (--jobs N) --------------------------------------------------------------------

#: Documents queued per worker process beyond the one it checks (so it never waits for the next).
_QUEUED = 2
#: How far results may run ahead of the oldest unfinished document (bounds memory).
_AHEAD = 16


def _serve(tasks: Any, results: Any, settings: Settings, keep: bool,
           parents: tuple[Any, ...] = (), worker: Worker | None = None) -> None:  # pragma: no cover (a child)
    """A worker process: check each task it is sent, send back each result. A reader thread keeps
    the task pipe drained, so the parent never blocks on it while this process writes a result.
    ``parents``: the parent's ends of the pipes, which a forked worker holds too; closed first, so
    that the task pipe ends (and the worker with it) when the parent dies. ``worker``: the rules
    and data the parent loaded, inherited by a forked worker (else loaded here). Before its first
    task the worker warms up (``_warm_up``), while the parent is still reading the documents."""
    for c in parents:
        c.close()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    if worker is not None:
        _WORKERS[settings.key] = worker
    inbox: collections.deque[Any] = collections.deque()
    ready = threading.Condition()

    def read() -> None:
        while True:
            try:
                t = tasks.recv()
            except (EOFError, OSError):
                t = None
            with ready:
                inbox.append(t)
                ready.notify()
            if t is None:
                return

    threading.Thread(target=read, daemon=True).start()
    _warm_up(settings)
    while True:
        with ready:
            while not inbox:
                ready.wait()
            t = inbox.popleft()
        if t is None:
            return
        _test_hook(t)
        results.send(check_task(settings, t, keep))


#: A short news text checked by each worker process before its first document (``_warm_up``).
_WARM_UP = ("GENEVA, March 3 - Turkey has taken in about 3.7 million Syrian refugees, the United Nations said. "
            "Inflation in France rose to 2.5 pct in January from 1.9 pct in December, and the trade deficit "
            "widened to 1.2 billion dlrs. Brazil's population is 212 million; unemployment fell to 7.1 percent "
            "in 2019, 0.3 points lower than a year earlier.\n")


def _warm_up(settings: Settings) -> None:  # pragma: no cover (a child)
    """Load what a first document would (the rules when not inherited, the extractor's and the
    framing's tables, the entity table, the store files), so that it is done while the run's
    own process reads the documents. What it finds is thrown away; if it fails, the documents
    themselves will say so."""
    from .documents import from_text

    try:
        _worker(settings).checker.check_document(from_text(_WARM_UP, "<warm-up>", "2020-03-03"))
    except Exception:  # noqa: BLE001,S110 -- only a warm-up
        pass


class _Proc:
    def __init__(self, ctx: Any, settings: Settings, keep: bool, others: Iterable[_Proc] = (),
                 worker: Worker | None = None) -> None:
        task_r, self.tasks = ctx.Pipe(duplex=False)
        self.results, result_w = ctx.Pipe(duplex=False)
        forked = ctx.get_start_method() == "fork"
        # a forked worker closes the parent's ends of its own pipes and of the other workers'
        parents = (self.tasks, self.results, *(c for o in others for c in (o.tasks, o.results))) if forked else ()
        self.process = ctx.Process(target=_serve, args=(task_r, result_w, settings, keep, parents,
                                                        worker if forked else None),
                                   daemon=True, name="factcheck-worker")
        self.process.start()
        task_r.close()
        result_w.close()
        self.queued: collections.deque[Task] = collections.deque()

    def stop(self, kill: bool = False) -> None:
        try:
            if kill:
                self.process.kill()
            else:
                self.tasks.send(None)
        except (OSError, ValueError):
            pass
        self.process.join(timeout=None if not kill else 5)
        for c in (self.tasks, self.results):
            c.close()


class Pool:
    """``jobs`` worker processes, started now: forked where they can be (``_start_method``), they
    begin with ``checker`` (the rules and data this process loaded for ``settings``) and warm up
    while this process goes on, e.g. reading the documents. ``run(settings, tasks, pool=...)``
    hands them the documents; ``close()`` (or leaving a ``with`` block) stops them."""

    def __init__(self, settings: Settings, jobs: int, keep: bool = False, checker: Any = None) -> None:
        self.settings, self.jobs, self.keep = settings, jobs, keep
        self.worker = Worker(settings, checker) if checker is not None else None
        self.procs: list[_Proc] = []
        try:
            for _ in range(jobs):
                self.procs.append(self.start(self.procs))
        except BaseException:
            self.close(kill=True)
            raise

    def start(self, others: Iterable[_Proc]) -> _Proc:
        """One worker. Before a fork, the objects this process holds are moved out of the garbage
        collector's reach (``gc.freeze``, as the standard library advises for fork without exec):
        the child's collections then never write to the pages it shares with this process, so
        they stay shared instead of being copied one by one."""
        import gc
        import multiprocessing as mp

        ctx = _start_method(mp)
        if ctx.get_start_method() != "fork":
            return _Proc(ctx, self.settings, self.keep, others, self.worker)
        gc.freeze()
        try:
            return _Proc(ctx, self.settings, self.keep, others, self.worker)
        finally:
            gc.unfreeze()

    def close(self, kill: bool = False) -> None:
        """Stop the workers: told to end when done (killed if ``kill``, or holding documents)."""
        procs, self.procs = self.procs, []
        for p in procs:
            p.stop(kill=kill or bool(p.queued))

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, kind: Any, *_: Any) -> None:
        self.close(kill=kind is not None)


def _processes(pool: Pool, tasks: Iterable[Task], on_done: Callable[[Result], None] | None) -> Iterator[Result]:
    from multiprocessing.connection import wait

    settings, keep, jobs, procs = pool.settings, pool.keep, pool.jobs, pool.procs
    source = iter(tasks)
    retry: collections.deque[Task] = collections.deque()  # queued on a worker that died
    done: dict[int, Result] = {}
    waiting: collections.deque[int] = collections.deque()  # handed out, in input order, not yet yielded
    exhausted = False
    deaths = 0

    def finished(r: Result) -> None:
        done[r.n] = r
        if on_done:
            on_done(r)

    try:
        while True:
            # hand out work: each worker holds up to _QUEUED documents, none too far ahead of the
            # oldest one not yet handed back
            for p in procs:
                while len(p.queued) < _QUEUED:
                    if retry:
                        t = retry.popleft()
                    elif exhausted or (waiting and waiting[-1] - waiting[0] >= _AHEAD * jobs):
                        break
                    else:
                        t = next(source, None)
                        if t is None:
                            exhausted = True
                            break
                        waiting.append(t.n)
                    p.queued.append(t)
                    p.tasks.send(t)
            # hand back, in order, what is done
            while waiting and waiting[0] in done:
                r = done.pop(waiting.popleft())
                _raise_error(r)
                yield r
            if exhausted and not waiting:
                return
            ready = set(wait([p.results for p in procs] + [p.process.sentinel for p in procs]))
            for i, p in enumerate(procs):
                dead = p.process.sentinel in ready
                if p.results in ready or dead:
                    try:
                        while p.results.poll():
                            r = p.results.recv()
                            p.queued.popleft()
                            finished(r)
                            deaths = 0
                    except (EOFError, OSError, pickle.UnpicklingError):
                        dead = True  # it died mid-write
                if not dead:
                    continue
                p.process.join()
                why = _death(p.process.exitcode)
                if p.queued:  # the first it was sent and did not answer is the one it died on
                    finished(not_checked(settings, p.queued.popleft(), why, keep))
                    retry.extend(p.queued)
                    p.queued.clear()
                deaths += 1
                if deaths > 2 * jobs + 2:  # dying before doing anything: not a document's fault
                    raise InputError(f"worker processes keep stopping ({why.replace('the worker process checking it ', '')}); "
                                     "try --jobs 1")
                p.stop(kill=True)
                procs[i] = pool.start(procs[:i] + procs[i + 1:])
    finally:
        pool.close()


def _start_method(mp: Any) -> Any:
    """How a worker process starts: forked from this process where it can be (Linux) and this
    process runs one thread, so that it starts with the modules imported and nothing to read
    again (0.5 s of CPU less per worker than a fresh interpreter); a fresh interpreter
    ("spawn") when another thread runs (the progress bar's), whose locks a fork would copy held.
    A forked worker loads its own rules and opens its own reference store (``_forget_after_fork``
    here and in ``reference``): no SQLite connection crosses the fork."""
    if "fork" in mp.get_all_start_methods() and threading.active_count() == 1:
        return mp.get_context("fork")
    return mp.get_context("spawn")


def _death(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        return f"the worker process checking it was stopped by {name}" + (
            " (killed: out of memory?)" if exitcode == -signal.SIGKILL else "")
    return f"the worker process checking it stopped (exit code {exitcode})"


# --- Dask (--dask ADDRESS, --dask local[:N]) --------------------------------------------------------

class DaskPool:
    """A Dask client, started now: to the scheduler at ``address``, or to a ``LocalCluster`` of
    its own (``local``, ``local:N``). The settings are scattered to every worker once and each
    worker is sent a warm-up (``_warm_up``) at once, so that the cluster starts, and its workers
    load the rules and data, while this process goes on reading the documents. ``close()`` (or
    leaving a ``with`` block) closes the client and the cluster it started."""

    def __init__(self, settings: Settings, address: str) -> None:
        try:
            import distributed
        except ImportError:
            raise InputError("--dask needs the distributed package: pip install 'factcheck[dask]'") from None
        self.settings = settings
        self.cluster: Any = None
        self.client: Any = None
        try:
            if address == "local" or address.startswith("local:"):
                n = jobs_option(address.partition(":")[2] or "auto")
                with _local_start():
                    self.cluster = distributed.LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                                            dashboard_address=None, silence_logs=40)
                self.client = distributed.Client(self.cluster)
            else:
                try:
                    self.client = distributed.Client(address, timeout="20s")
                except (OSError, TimeoutError, ValueError) as ex:
                    raise InputError(f"--dask {address}: cannot reach the Dask scheduler ({ex})") from None
            self.shared = self.client.scatter(settings, broadcast=True, hash=False)  # once per worker, not per task
            # kept, so that they are not cancelled; nobody waits for them
            self.warming = [self.client.submit(_warm_up, self.shared, workers=[w], allow_other_workers=False,
                                               pure=False) for w in self.client.scheduler_info()["workers"]]
        except BaseException:
            self.close()
            raise

    def close(self, kill: bool = False) -> None:
        client, cluster, self.client, self.cluster = self.client, self.cluster, None, None
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()

    def __enter__(self) -> DaskPool:
        return self

    def __exit__(self, *_: Any) -> None:
        self.close()


def _dask(pool: DaskPool, tasks: Iterable[Task], on_done: Callable[[Result], None] | None,
          total: int | None = None) -> Iterator[Result]:
    try:
        yield from _on_client(pool.client, pool.shared, pool.settings, tasks, on_done, total)
    finally:
        pool.close()


def _local_start() -> Any:
    """How a LocalCluster's workers start: on Linux, forked from this process (about 0.2 s for
    two workers, against 1.1-1.3 s when each is spawned as a new interpreter that imports
    distributed again: most of what --dask local:2 cost over --jobs 2 on 2,000 articles). This
    process holds no open reference store or worker when the cluster starts, so nothing that
    must not cross a fork does. Elsewhere, and when the user's Dask configuration names a method,
    Dask's own choice. The workers' statistical profiler is off: it is for the dashboard, which a
    local cluster of ours does not serve."""
    import dask

    quiet = {"distributed.worker.profile.enabled": False}  # its sampling thread wakes every 10 ms
    if sys.platform.startswith("linux") and dask.config.get("distributed.worker.multiprocessing-method",
                                                            "spawn") == "spawn":
        quiet["distributed.worker.multiprocessing-method"] = "fork"
    return dask.config.set(quiet)


#: Documents per Dask task, at most (a task costs the scheduler and the worker a few
#: milliseconds), and tasks in flight per worker thread. A run of known size is cut into at least
#: 8 tasks per worker thread, so that every worker has its share.
_BATCH = 32
_FLIGHT = 4


def _on_client(client: Any, shared: Any, settings: Settings, tasks: Iterable[Task],
               on_done: Callable[[Result], None] | None, total: int | None = None) -> Iterator[Result]:
    import distributed

    threads = max(1, sum(client.nthreads().values()))
    size = _BATCH if total is None else max(1, min(_BATCH, total // (8 * threads)))
    flight: collections.deque[tuple[Any, list[Task]]] = collections.deque()
    batches = _batches(tasks, size)
    exhausted = False
    while True:
        while not exhausted and len(flight) < threads * _FLIGHT:
            b = next(batches, None)
            if b is None:
                exhausted = True
                break
            flight.append((client.submit(check_batch, shared, b, pure=False), b))
        if not flight:
            return
        fut, batch = flight.popleft()
        try:
            results = fut.result()
        except distributed.KilledWorker:
            results = _isolate(client, shared, settings, batch)
        for r in results:
            _raise_error(r)
            if on_done:
                on_done(r)
            yield r


def _isolate(client: Any, shared: Any, settings: Settings, batch: list[Task]) -> list[Result]:
    """A batch whose workers kept dying: each document on its own, the one that kills is reported."""
    import distributed

    out = []
    for t in batch:
        try:
            out.extend(client.submit(check_batch, shared, [t], pure=False).result())
        except distributed.KilledWorker:
            out.append(not_checked(settings, t, "the Dask workers checking it kept stopping (killed: out of memory?)"))
    return out


def _batches(tasks: Iterable[Task], size: int) -> Iterator[list[Task]]:
    batch: list[Task] = []
    for t in tasks:
        batch.append(t)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch

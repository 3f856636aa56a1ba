"""--jobs N and --dask: the same report as --jobs 1, byte for byte and in input order; a document
whose worker fails or is killed is reported (FC910) and the run goes on."""
from __future__ import annotations

import itertools
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "idlib_joint_patrols_2020-02-20.txt"

ARTICLES = {
    "a_refugees.txt": "Turkey has taken in about 3.7 million Syrian refugees since the war started.\n",
    "b_change.md": "---\ndate: 2020-02-20\n---\n\nExports rose from 200 million euros in 2018 to 300 million euros "
                   "in 2019, an increase of 20 percent.\n\nThe ministry said 12 schools were closed.\n",
    "c_suppressed.md": "---\ndate: 2020-02-20\n---\n\n<!-- factcheck: ignore FC100 -->\nThe governor said 7 bridges "
                       "were shut.\n",
    "d_growth.txt": "ANKARA, 14 February 2020 (Reuters) - Turkey's economy grew 0.9% in 2019, and inflation was 11.8% "
                    "in January, the statistics office said. Some 120 men and 80 women, 250 in all, were detained.\n",
    "e_plain.txt": "Officials met on Tuesday. Nothing was decided, a spokesman said.\n",
}
#: Words only this document has: the test hook kills the worker that checks it.
KILL_MARK = "zebra-crossing-of-doom"


def run(*args, cwd=ROOT, env=None):
    return subprocess.run([sys.executable, "-m", "factcheck", *args], capture_output=True, text=True, cwd=cwd, check=False,
                          env={**os.environ, "NO_COLOR": "1", "COLUMNS": "100", **(env or {})})


@pytest.fixture(scope="module")
def drafts(tmp_path_factory):
    folder = tmp_path_factory.mktemp("drafts")
    shutil.copy(SEED, folder / "f_seed_2020-02-20.txt")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def serial(drafts):
    """--jobs 1 in each format the tests compare, and its exit code."""
    out = {}
    for fmt in ("json", "sarif", "terminal", "junit", "html"):
        p = run("check", str(drafts), "-f", fmt, "--as-of", "2020-02-20")
        assert p.returncode in (0, 1), p.stderr
        out[fmt] = (p.returncode, p.stdout)
    return out


@pytest.mark.parametrize("fmt", ["json", "sarif", "terminal"])
def test_jobs_2_writes_the_bytes_of_jobs_1(drafts, serial, fmt):
    p = run("check", str(drafts), "-f", fmt, "--as-of", "2020-02-20", "--jobs", "2")
    assert (p.returncode, p.stdout) == serial[fmt], p.stderr
    assert p.stderr == ""


def test_jobs_2_to_output_files_and_reports(drafts, serial, tmp_path):
    out, extra = tmp_path / "fc.json", tmp_path / "fc.xml"
    p = run("check", str(drafts), "-f", "json", "-o", str(out), "--report", f"junit:{extra}", "--as-of", "2020-02-20",
            "-j", "2")
    assert p.returncode == serial["json"][0], p.stderr
    assert out.read_text(encoding="utf-8") == serial["json"][1]
    assert extra.read_text(encoding="utf-8") == serial["junit"][1]
    assert sorted(x.name for x in tmp_path.iterdir()) == ["fc.json", "fc.xml"]  # no temporary file left


def test_results_come_in_input_order(drafts, serial):
    docs = json.loads(serial["json"][1])["documents"]
    assert [Path(d["path"]).name for d in docs] == sorted(x.name for x in drafts.iterdir())


def test_a_killed_worker_is_reported_and_the_run_goes_on(drafts, serial, tmp_path):
    folder = tmp_path / "drafts"
    shutil.copytree(drafts, folder)
    (folder / "c_victim.txt").write_text(f"The {KILL_MARK} cost 5 million dollars in 2019.\n", encoding="utf-8")
    p = run("check", str(folder), "-f", "json", "--as-of", "2020-02-20", "-j", "2",
            env={"FACTCHECK_TEST_KILL_WORKER_ON": KILL_MARK})
    assert p.returncode == 1, p.stderr  # FC910 is an error
    assert "Traceback" not in p.stderr
    report = json.loads(p.stdout)
    by_name = {Path(d["path"]).name: d for d in report["documents"]}
    assert list(by_name) == sorted(x.name for x in folder.iterdir())
    victim = by_name.pop("c_victim.txt")
    assert victim["findings"] == []
    [notice] = victim["notices"]
    assert notice["code"] == "FC910" and notice["level"] == "error"
    assert "SIGKILL" in notice["message"]
    # every other document was checked, as --jobs 1 checks it
    want = {Path(d["path"]).name: d for d in json.loads(serial["json"][1])["documents"]}
    for name, doc in by_name.items():
        assert doc["findings"] == want[name]["findings"], name
    assert report["failed"] is True


def test_a_killed_worker_in_the_terminal_report(drafts, tmp_path):
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLES["a_refugees.txt"], encoding="utf-8")
    (folder / "b.txt").write_text(f"The {KILL_MARK} was 12 km long.\n", encoding="utf-8")
    p = run("check", str(folder), "--as-of", "2020-02-20", "-j", "2", env={"FACTCHECK_TEST_KILL_WORKER_ON": KILL_MARK})
    assert p.returncode == 1, p.stderr
    assert "FC910 workflow.not_checked" in p.stdout
    assert "1 file not checked" in p.stdout.splitlines()[-1]
    assert "APPROXIMATE" in p.stdout  # a.txt was checked


def test_an_internal_error_is_reported_for_that_document(drafts, monkeypatch):
    """--jobs 1: an exception while checking one document is a finding of that document."""
    from factcheck.config import Config
    from factcheck.pipeline import Checker
    from factcheck.workflow import check_documents, read_documents

    real = Checker.check_document

    def flaky(self, doc):
        if doc.path.endswith("b_change.md"):
            raise ZeroDivisionError("division by zero")
        return real(self, doc)

    monkeypatch.setattr(Checker, "check_document", flaky)
    report = check_documents(read_documents([str(drafts)], Config()), Config())
    by_name = {Path(d.document.path).name: d for d in report.documents}
    [notice] = by_name["b_change.md"].notices
    assert notice.code == "FC910"
    assert "ZeroDivisionError: division by zero" in notice.message
    assert by_name["a_refugees.txt"].findings  # the others were checked
    assert report.failing()


def test_reports_are_written_as_documents_are_done(drafts):
    """The report of a document is written before the next document is read."""
    from factcheck.config import Config
    from factcheck.report.stream import Options
    from factcheck.workflow import Output, check_stream, plan_documents

    events = []

    class Out:
        def write(self, text):
            if text:
                events.append("write")

        def flush(self):
            pass

    src = plan_documents([str(drafts)], Config())

    def docs():
        for d in src:
            events.append(f"read {Path(d.path).name}")
            yield d

    tally = check_stream(docs(), Config(), [Output("json", Options(), Out())])
    assert tally.files == len(src)
    reads = [i for i, e in enumerate(events) if e.startswith("read")]
    assert all("write" in events[a:b] for a, b in itertools.pairwise(reads)), events


def test_jobs_is_a_number_or_auto(drafts):
    for bad in ("0", "two"):
        p = run("check", str(drafts), "--jobs", bad)
        assert p.returncode == 2 and "Traceback" not in p.stderr
        assert len(p.stderr.strip().splitlines()) == 1 and "--jobs" in p.stderr
    assert run("check", str(drafts / "a_refugees.txt"), "--jobs", "auto", "-f", "concise").returncode in (0, 1)


def test_explain_not_checked():
    p = run("explain", "FC910")
    assert p.returncode == 0
    assert "workflow.not_checked" in p.stdout and "killed" in p.stdout


# --- Dask ---------------------------------------------------------------------------------------

def test_dask_local_cluster_writes_the_report_of_jobs_1(drafts, serial):
    p = run("check", str(drafts), "-f", "json", "--as-of", "2020-02-20", "--dask", "local:2")
    assert (p.returncode, p.stdout) == serial["json"], p.stderr


def test_dask_local_cluster_in_process_gives_the_report_of_jobs_1(drafts, serial):
    """A LocalCluster of 2 worker processes, the client in this process (how a cluster is used)."""
    import io

    import distributed  # factcheck[dask], part of the test extra

    from factcheck import parallel
    from factcheck.config import Config
    from factcheck.report.stream import Options
    from factcheck.workflow import Output, check_stream, plan_documents

    cfg = Config()
    src = plan_documents([str(drafts)], cfg, "2020-02-20")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=40) as cluster:
        address = cluster.scheduler_address
        buf = io.StringIO()
        tally = check_stream(src, cfg, [Output("terminal", Options(), buf)], dask=address)
        with distributed.Client(address) as client:  # each worker loaded the rules once, for this run
            loaded = client.run(lambda: len(parallel._WORKERS))
    assert buf.getvalue() == serial["terminal"][1]
    assert tally.failing() == (serial["terminal"][0] == 1)
    assert max(loaded.values()) == 1


def test_dask_without_distributed_says_so(drafts, tmp_path):
    """Without the package: one line, exit 2 (a site folder that hides it)."""
    hide = tmp_path / "hide"
    hide.mkdir()
    (hide / "sitecustomize.py").write_text(
        "import importlib.abc, sys\n"
        "class Hide(importlib.abc.MetaPathFinder):\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'distributed' or name.startswith('distributed.'):\n"
        "            raise ModuleNotFoundError(name)\n"
        "sys.meta_path.insert(0, Hide())\n", encoding="utf-8")
    p = run("check", str(drafts / "a_refugees.txt"), "--dask", "local:2",
            env={"PYTHONPATH": f"{hide}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"})
    assert p.returncode == 2, p.stderr
    assert p.stderr.strip() == "factcheck: error: --dask needs the distributed package: pip install 'factcheck[dask]'"
    assert p.stdout == ""


def test_jobs_and_dask_together_is_a_usage_error(drafts):
    p = run("check", str(drafts), "-j", "2", "--dask", "local:2")
    assert p.returncode == 2 and "--dask" in p.stderr and "Traceback" not in p.stderr


def test_a_forked_worker_opens_its_own_reference_store():
    """--dask local forks its workers on Linux: a child never reads through the parent's SQLite
    connections (the catalog and the loaded workers are forgotten in the child)."""
    from factcheck import parallel, reference
    from factcheck.reference import Catalog

    if not hasattr(os, "fork"):
        pytest.fail("this test needs os.fork (POSIX)")
    parent = Catalog.default()
    assert parent.entities.resolve("Turkey") is not None  # the parent has read its store
    pid = os.fork()
    if pid == 0:  # pragma: no cover (the child)
        ok = reference._DEFAULT is None and not parallel._WORKERS
        ok = ok and Catalog.default() is not parent and Catalog.default().entities.resolve("Turkey") is not None
        os._exit(0 if ok else 3)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert reference._DEFAULT is parent


def _children(pid: int) -> list[int]:
    """The processes ``pid`` started, from any of its threads (Dask starts its workers from one
    of its own)."""
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(x) for x in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError):
            pass
    return found


def _alive(pid: int) -> bool:
    """A process that runs (a zombie waiting for init to reap it has ended)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return False


@pytest.mark.parametrize("workers", [("-j", "2"), ("--dask", "local:2")], ids=["jobs", "dask-local"])
def test_workers_end_when_the_run_is_killed(tmp_path, workers):
    """SIGKILL to the run (no chance to stop its workers): each worker, forked or not, sees its
    task pipe close (a Dask worker: its nanny gone) and ends, instead of waiting for work forever."""
    import signal
    import time

    if not Path("/proc/self/task").is_dir():
        pytest.fail("this test reads /proc (Linux)")
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(300):
        shutil.copy(SEED, folder / f"seed_{i:03}_2020-02-20.txt")
    p = subprocess.Popen([sys.executable, "-m", "factcheck", "check", str(folder), *workers, "-f", "json",
                          "-o", str(tmp_path / "out.json")], cwd=ROOT, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    workers: list[int] = []
    deadline = time.monotonic() + 60
    while len(workers) < 2 and time.monotonic() < deadline and p.poll() is None:
        time.sleep(0.05)
        workers = _children(p.pid)
    assert len(workers) >= 2, "the run never started its two workers"
    time.sleep(0.5)  # both at work
    p.send_signal(signal.SIGKILL)
    p.wait()
    deadline = time.monotonic() + 20
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [w for w in workers if _alive(w)]
    for w in left:
        os.kill(w, signal.SIGKILL)
    assert not left, "workers outlived the run"
    assert not (tmp_path / "out.json").exists()  # and the killed run wrote no half report


def test_workers_are_forked_only_while_this_process_runs_one_thread(monkeypatch):
    """A fork copies the locks other threads hold (the progress bar's): with another thread
    running, workers start as fresh interpreters."""
    import multiprocessing as mp
    import threading

    from factcheck.parallel import _start_method

    if "fork" not in mp.get_all_start_methods():
        pytest.fail("this test needs fork (POSIX)")
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    assert _start_method(mp).get_start_method() == "fork"
    monkeypatch.setattr(threading, "active_count", lambda: 2)
    assert _start_method(mp).get_start_method() == "spawn"


#: Checks ``drafts`` with --jobs 2 through ``workflow.prepare``; between loading and checking, a
#: broken rule file is written into the run's rules folder.
_RULES_CHANGE_MIDRUN = r"""
import io, sys
from pathlib import Path
from factcheck.config import load_config
from factcheck.report.stream import Options
from factcheck.workflow import Output, check_stream, plan_documents, prepare

drafts, rules = sys.argv[1], Path(sys.argv[2])
cfg = load_config(None, isolated=True).merged(rules=(rules,))
out = io.StringIO()
with prepare(cfg, [("json", Options())], jobs=2) as ready:
    assert ready.pool is not None and len(ready.pool.procs) == 2
    (rules / "metrics").mkdir()
    (rules / "metrics" / "bad.yaml").write_text("id: metrics.bad\ncode: FC999\nkind: metric\n", encoding="utf-8")
    docs = plan_documents([drafts], cfg, "2020-02-20")
    check_stream(docs, cfg, [Output("json", Options(), out)], prepared=ready)
sys.stdout.write(out.getvalue())
"""


def test_forked_workers_judge_with_the_rules_the_run_loaded(drafts, serial, tmp_path):
    """Workers forked from the run start with the rules and data it loaded (each does not load
    them again): a rule file broken after the run loaded its rules changes nothing in that run,
    and the report is that of --jobs 1 with the rules as they were."""
    rules = tmp_path / "rules"
    rules.mkdir()
    p = subprocess.run([sys.executable, "-c", _RULES_CHANGE_MIDRUN, str(drafts), str(rules)], capture_output=True,
                       text=True, cwd=ROOT, check=False)
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["documents"] == json.loads(serial["json"][1])["documents"]
    assert run("check", str(drafts), "--rules", str(rules)).returncode == 2  # a new run reads the broken file


def test_workers_started_before_the_files_are_read_are_stopped_when_a_file_is_bad(tmp_path):
    """--jobs starts its workers before reading the documents (they warm up meanwhile); a file
    that cannot be read still stops the run before any output, and leaves no worker behind."""
    from factcheck.config import load_config
    from factcheck.errors import InputError
    from factcheck.report.stream import Options
    from factcheck.workflow import plan_documents, prepare

    cfg = load_config(None, isolated=True)
    with pytest.raises(InputError, match="missing.txt"):
        with prepare(cfg, [("json", Options())], jobs=2) as ready:
            procs = [p.process for p in ready.pool.procs]
            assert all(p.is_alive() for p in procs)
            plan_documents([str(tmp_path / "missing.txt")], cfg)
    assert not any(p.is_alive() for p in procs)
    p = run("check", str(tmp_path / "missing.txt"), "-j", "2", "-f", "json")
    assert p.returncode == 2 and p.stdout == "" and "missing.txt" in p.stderr and "Traceback" not in p.stderr


def test_a_store_inherited_across_a_fork_opens_its_files_again():
    """A --jobs worker forked from the run keeps the run's catalog: its first read opens the store
    files anew (SQLite connections must not cross a fork), reads the same rows, and leaves the
    parent's connections open and working."""
    from factcheck.reference import Catalog

    if not hasattr(os, "fork"):
        pytest.fail("this test needs os.fork (POSIX)")
    catalog = Catalog.default()
    store = catalog._store
    events = store.events()  # read through the parent's connections
    assert events and catalog.entities.resolve("Turkey") is not None
    before = {id(c) for c in store._conns.values()}
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover (the child)
        try:
            os.close(read)
            same = store.events() == events and catalog.entities.resolve("Germany") is not None
            fresh = {id(c) for c in store._conns.values()}
            os.write(write, f"{same} {bool(fresh) and not (fresh & before)}".encode())
        finally:
            os._exit(0)
    os.close(write)
    _, status = os.waitpid(pid, 0)
    said = os.read(read, 100).decode()
    os.close(read)
    assert os.waitstatus_to_exitcode(status) == 0
    assert said == "True True", said
    assert {id(c) for c in store._conns.values()} == before
    assert store.events() == events and catalog.entities.resolve("Germany") is not None

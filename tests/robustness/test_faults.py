"""Faults while a report is written (issue 15, part 4): ``-o`` onto a device or a FIFO writes to it
and never replaces it; a run killed outright (SIGKILL, with and without worker processes) leaves
the previous report byte for byte and no temporary file; a full disk and a read-only folder are one
line and exit 2, the previous report untouched; two runs writing the same ``-o`` leave one whole
report.

The full disk and the read-only folder are small tmpfs mounts, which need root (CI runs as root:
under CI=true a test that cannot mount fails instead of skipping).
"""
from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from factcheck import atomic

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "idlib_joint_patrols_2020-02-20.txt"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def factcheck(*args: str, cwd: Path = ROOT, **kw) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "factcheck", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=300, check=False, **kw)


def one_line_error(proc: subprocess.CompletedProcess[str], *words: str) -> str:
    assert proc.returncode == 2, (proc.returncode, proc.stderr[-2000:])
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert proc.stdout == ""
    for w in words:
        assert w in lines[0], lines[0]
    return lines[0]


@pytest.fixture(scope="module")
def expected(tmp_path_factory) -> str:
    """The seed's JSON report, as written to a regular file."""
    out = tmp_path_factory.mktemp("expected") / "seed.json"
    proc = factcheck("check", str(SEED), "-f", "json", "-o", str(out), "--isolated")
    assert proc.returncode in (0, 1), proc.stderr
    return out.read_text(encoding="utf-8")


# --- targets that are not regular files ----------------------------------------------------------

def test_dev_null_stays_a_device(expected):
    before = os.stat("/dev/null")
    assert stat.S_ISCHR(before.st_mode)
    proc = factcheck("check", str(SEED), "-f", "json", "-o", "/dev/null", "--report", "sarif:/dev/null", "--isolated")
    assert proc.returncode in (0, 1), proc.stderr
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev and after.st_ino == before.st_ino
    assert not [n for n in os.listdir("/dev") if n.startswith(".null.")]  # no temporary file beside it


def test_a_fifo_is_written_to_and_stays_a_fifo(tmp_path, expected):
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    proc = factcheck("check", str(SEED), "-f", "json", "-o", str(fifo), "--isolated")
    reader.join(timeout=60)
    assert proc.returncode in (0, 1), proc.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert got and json.loads(got[0]) == json.loads(expected)
    assert sorted(os.listdir(tmp_path)) == ["report.fifo"]


# --- killed outright -------------------------------------------------------------------------------

def _big_folder(path: Path, n: int) -> Path:
    path.mkdir()
    text = SEED.read_text(encoding="utf-8")
    for i in range(n):
        (path / f"article_{i:04d}_2020-02-20.txt").write_text(text, encoding="utf-8")
    return path


def _written(pid: int, folder: Path) -> bool:
    """Has process ``pid`` written into a file in ``folder`` (seen in /proc: its open files and
    their positions)?"""
    fds = Path(f"/proc/{pid}/fd")
    try:
        for fd in fds.iterdir():
            try:
                where = os.readlink(fd)
            except OSError:
                continue
            if where.startswith(str(folder) + "/"):
                pos = int((Path(f"/proc/{pid}/fdinfo") / fd.name).read_text().split()[1])
                if pos > 0:
                    return True
    except OSError:
        return False
    return False


def _session(sid: int) -> list[int]:
    """The processes still alive in session ``sid`` (zombies count as gone)."""
    out = []
    for p in Path("/proc").iterdir():
        if not p.name.isdigit():
            continue
        try:
            fields = (p / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == sid and fields[0] != "Z":
            out.append(int(p.name))
    return out


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_sigkill_mid_run_leaves_the_previous_report_and_no_temporary_file(tmp_path, jobs):
    drafts = _big_folder(tmp_path / "drafts", 400)
    out = tmp_path / "out"
    out.mkdir()
    report = out / "report.json"
    previous = b'{"previous": "report", "kept": true}\n'
    report.write_bytes(previous)
    proc = subprocess.Popen([sys.executable, "-m", "factcheck", "check", str(drafts), "-f", "json", "-o", str(report),
                             "--isolated", "--jobs", jobs], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 240
        while not _written(proc.pid, out):
            assert proc.poll() is None, f"the run ended before it was killed: {proc.stderr.read()[-2000:]!r}"
            assert time.monotonic() < deadline, "the run never wrote its report"
            time.sleep(0.02)
        os.kill(proc.pid, signal.SIGKILL)  # the parent only: its workers must not outlive it
        assert proc.wait(timeout=30) == -signal.SIGKILL
        assert report.read_bytes() == previous
        assert os.listdir(out) == ["report.json"]
        deadline = time.monotonic() + 60
        while _session(proc.pid):
            assert time.monotonic() < deadline, f"worker processes outlived the run: {_session(proc.pid)}"
            time.sleep(0.1)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.stderr.close()


def test_a_killed_run_named_temporary_file_is_removed_by_the_next_write(tmp_path):
    """Where the system cannot write a file with no name (no O_TMPFILE), the temporary file is a
    hidden named one: the next write of the same report removes those whose writer is dead (lock
    free, untouched for a while) and keeps a live one."""
    report = tmp_path / "report.json"
    dead, live, fresh = (tmp_path / f".report.json.{x}.tmp" for x in ("dead0001", "live0001", "fresh001"))
    for f in (dead, live, fresh):
        f.write_text("half a rep", encoding="utf-8")
    old = time.time() - 3600
    os.utime(dead, (old, old))
    os.utime(live, (old, old))
    with open(live, "rb") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # a run still writing it
        atomic.write_atomic(report, "{}\n")
    assert report.read_text() == "{}\n"
    assert sorted(os.listdir(tmp_path)) == sorted(["report.json", live.name, fresh.name])


# --- two runs, one target --------------------------------------------------------------------------

def test_two_runs_writing_the_same_output_leave_one_whole_report(tmp_path):
    drafts = _big_folder(tmp_path / "drafts", 30)
    report = tmp_path / "report.json"
    runs = [subprocess.Popen([sys.executable, "-m", "factcheck", "check", str(drafts), "-f", "json", "-o", str(report),
                              "--isolated", "--as-of", as_of], cwd=ROOT, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True)
            for as_of in ("2020-02-20", "2020-03-01")]
    for r in runs:
        _, err = r.communicate(timeout=300)
        assert r.returncode in (0, 1), err
    got = json.loads(report.read_text(encoding="utf-8"))  # whole: it parses
    assert len(got["documents"]) == 30
    assert len({d["as_of"] for d in got["documents"]}) == 1  # one run's report, not a mix
    assert sorted(os.listdir(tmp_path)) == ["drafts", "report.json"]


# --- a full disk, a read-only folder (tmpfs mounts, as root) -------------------------------------

@contextlib.contextmanager
def tmpfs(path: Path, size: str):
    path.mkdir()
    why = "mounting a tmpfs needs root" if os.geteuid() != 0 else ""
    if not why:
        proc = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                              capture_output=True, text=True, check=False)
        why = proc.returncode and f"mount -t tmpfs failed: {proc.stderr.strip()}"
    if why:
        if IN_CI:
            pytest.fail(f"CI must run the fault tests (as root, able to mount a tmpfs): {why}")
        pytest.skip(why)
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], capture_output=True, check=False)


def test_a_full_disk_is_one_line_and_keeps_the_previous_report(tmp_path, expected):
    with tmpfs(tmp_path / "small", "64k") as folder:
        report = folder / "report.json"
        previous = b'{"previous": "report"}\n'
        report.write_bytes(previous)
        with open(folder / "filler", "wb") as f, contextlib.suppress(OSError):  # less room than the report needs
            f.write(b"\0" * (64 * 1024 - len(expected) // 2))
        one_line_error(factcheck("check", str(SEED), "-f", "json", "-o", str(report), "--isolated"),
                       str(report), "No space left on device")
        assert report.read_bytes() == previous
        assert sorted(os.listdir(folder)) == ["filler", "report.json"]
        # and through --report too, with the run's own report on stdout
        proc = factcheck("check", str(SEED), "-f", "concise", "--report", f"html:{folder / 'r.html'}", "--isolated")
        assert proc.returncode == 2 and "Traceback" not in proc.stderr
        assert [x for x in proc.stderr.splitlines() if x.startswith("factcheck:")] == \
            [f"factcheck: error: {folder / 'r.html'}: cannot write the report: No space left on device"]
        assert sorted(os.listdir(folder)) == ["filler", "report.json"]


def test_a_read_only_folder_is_one_line(tmp_path):
    with tmpfs(tmp_path / "ro", "64k") as folder:
        report = folder / "report.json"
        report.write_text("previous\n", encoding="utf-8")
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        one_line_error(factcheck("check", str(SEED), "-f", "json", "-o", str(report), "--isolated"),
                       str(report), "Read-only file system")
        one_line_error(factcheck("check", str(SEED), "-f", "json", "-o", str(folder / "new.json"), "--isolated"),
                       str(folder / "new.json"), "Read-only file system")
        assert report.read_text(encoding="utf-8") == "previous\n"
        assert sorted(os.listdir(folder)) == ["report.json"]


def test_no_temporary_file_is_left_by_a_failed_or_finished_write(tmp_path):
    report = tmp_path / "r.txt"
    with pytest.raises(RuntimeError), atomic.open_atomic(report) as fh:
        fh.write("half")
        raise RuntimeError("the run failed")
    assert os.listdir(tmp_path) == []
    atomic.write_atomic(report, "whole\n")
    assert os.listdir(tmp_path) == ["r.txt"] and report.read_text() == "whole\n"
    shutil.rmtree(tmp_path)

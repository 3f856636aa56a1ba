"""`-o` onto something that is not a regular file writes straight to it and never replaces it:
/dev/null stays the null device, a FIFO and a terminal receive the report; a symbolic link stays
a link (the file it points to gets the report, whole)."""
from __future__ import annotations

import json
import os
import select
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "idlib_joint_patrols_2020-02-20.txt"


def run(*args, **kw):
    return subprocess.run([sys.executable, "-m", "factcheck", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=300, **kw)


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="no /dev/null")
def test_output_to_dev_null_leaves_it_a_character_device():
    before = os.stat("/dev/null")
    proc = run("check", str(SEED), "--isolated", "-f", "json", "-o", "/dev/null")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "" and proc.stderr == ""
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode)
    assert (after.st_rdev, after.st_ino) == (before.st_rdev, before.st_ino)
    assert not list(Path("/dev").glob(".null.*.tmp"))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_output_to_a_fifo_is_read_by_its_reader(tmp_path):
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    proc = run("check", str(SEED), "--isolated", "-f", "json", "-o", str(fifo))
    reader.join(timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(got[0].decode("utf-8"))["documents"][0]["path"].endswith(SEED.name)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == [fifo.name]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX terminals")
def test_output_to_a_terminal_is_written_on_it(tmp_path):
    pty = pytest.importorskip("pty")
    master, slave = pty.openpty()
    name = os.ttyname(slave)
    chunks: list[bytes] = []
    done = threading.Event()

    def drain() -> None:
        while True:
            if select.select([master], [], [], 0.2)[0]:
                try:
                    data = os.read(master, 65536)
                except OSError:
                    return
                if not data:
                    return
                chunks.append(data)
            elif done.is_set():
                return

    t = threading.Thread(target=drain, daemon=True)
    t.start()
    try:
        proc = run("check", str(SEED), "--isolated", "-f", "markdown", "-o", name)
        assert stat.S_ISCHR(os.stat(name).st_mode)
    finally:
        done.set()
        t.join(timeout=10)
        os.close(slave)
        os.close(master)
    assert proc.returncode == 0, proc.stderr
    text = b"".join(chunks).decode("utf-8").replace("\r\n", "\n")
    assert "10 claims in 1 file" in text and "| " in text


def test_output_through_a_symbolic_link_keeps_the_link(tmp_path):
    real = tmp_path / "reports" / "fc.json"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "latest.json"
    link.symlink_to(real)
    proc = run("check", str(SEED), "--isolated", "-f", "json", "-o", str(link))
    assert proc.returncode == 0, proc.stderr
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert json.loads(real.read_text(encoding="utf-8"))["schema_version"] == 1
    assert sorted(p.name for p in real.parent.iterdir()) == ["fc.json"]


def test_output_help_says_where_reports_go():
    out = run("check", "--help").stdout
    assert "/dev/null, a FIFO or a terminal" in " ".join(out.split())

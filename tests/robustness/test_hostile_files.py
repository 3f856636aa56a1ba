"""Hostile files: each gets a report, or exit 2 with one line naming the file and the problem;
never a traceback, never a hang, memory bounded."""
from __future__ import annotations

import io
import os
import random
import resource
import socket
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(*args, timeout=300):
    return subprocess.run([sys.executable, "-m", "factcheck", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=timeout)


def report_or_one_line_error(proc, path):
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    if proc.returncode == 2:
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1, lines
        assert str(path) in lines[0]
        assert proc.stdout == ""
        return "error"
    assert proc.returncode in (0, 1), proc.stderr
    return "report"


def test_random_bytes(tmp_path):
    f = tmp_path / "random.txt"
    f.write_bytes(random.Random(7).randbytes(200_000))
    assert report_or_one_line_error(run("check", str(f), "--format", "json"), f) == "error"


def test_invalid_utf8_is_detected_or_refused(tmp_path):
    f = tmp_path / "latin1.txt"
    f.write_bytes("Turkey hosts 3.6 million Syrian refugees, the ministry said in Ankara. Ça va.\n".encode("latin-1")
                  + "Les réfugiés syriens sont 3,6 millions.\n".encode("latin-1"))
    report_or_one_line_error(run("check", str(f), "--format", "json"), f)


def test_nul_bytes(tmp_path):
    f = tmp_path / "nul.txt"
    f.write_bytes(b"Turkey hosts 3.6 million\x00\x00 refugees.\n" * 10)
    report_or_one_line_error(run("check", str(f), "--format", "json"), f)


def test_empty_file(tmp_path):
    f = tmp_path / "empty.txt"
    f.write_bytes(b"")
    proc = run("check", str(f), "--format", "json")
    assert report_or_one_line_error(proc, f) == "report"
    assert proc.returncode == 0


RSS_PROBE = """
import resource, sys
out, args = sys.argv[1], sys.argv[2:]
sys.argv = ["factcheck", *args]
try:
    from factcheck.cli import main
    main()
finally:
    with open(out, "w") as f:
        f.write(str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))
"""


def _maxrss_mb_of(args, tmp_path):
    """Run the CLI in a child that records its own peak memory (MB) on the way out."""
    out = tmp_path / "rss.txt"
    proc = subprocess.run([sys.executable, "-c", RSS_PROBE, str(out), *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=300)
    return proc, int(out.read_text()) / 1024


def test_fifty_megabytes_is_refused_in_bounded_memory(tmp_path):
    f = tmp_path / "big.txt"
    line = "Turkey has taken in about 3.7 million Syrian refugees since the war started.\n"
    with f.open("w", encoding="utf-8") as out:
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            out.write(line)
    proc, rss = _maxrss_mb_of(("check", str(f), "--format", "json"), tmp_path)
    assert report_or_one_line_error(proc, f) == "error"
    assert "at most" in proc.stderr
    assert rss < 1500


def test_one_line_of_ten_megabytes(tmp_path):
    f = tmp_path / "line.txt"
    f.write_text("word 12 " * (10 * 1024 * 1024 // 8), encoding="utf-8")
    proc = run("check", str(f), "--format", "json")
    assert report_or_one_line_error(proc, f) == "error"


def test_a_million_numbers(tmp_path):
    f = tmp_path / "numbers.txt"
    f.write_text("1 " * 1_000_000, encoding="utf-8")
    proc = run("check", str(f), "--format", "json")
    assert report_or_one_line_error(proc, f) == "error"
    assert "numbers" in proc.stderr


def test_tens_of_thousands_of_numbers_are_checked(tmp_path):
    f = tmp_path / "numbers.txt"
    f.write_text(" ".join(str(i) for i in range(20_000)), encoding="utf-8")
    proc, rss = _maxrss_mb_of(("check", str(f), "--format", "json"), tmp_path)
    assert report_or_one_line_error(proc, f) == "report"
    assert rss < 1500


def test_deeply_nested_html(tmp_path):
    f = tmp_path / "deep.html"
    f.write_text("<html><body>" + "<div>" * 100_000 + "Turkey hosts 3.6 million Syrian refugees."
                 + "</div>" * 100_000 + "</body></html>", encoding="utf-8")
    report_or_one_line_error(run("check", str(f), "--format", "json"), f)


def test_docx_that_is_not_a_zip(tmp_path):
    f = tmp_path / "fake.docx"
    f.write_bytes(b"this is not a zip file at all")
    assert report_or_one_line_error(run("check", str(f), "--format", "json"), f) == "error"


def test_docx_zip_bomb(tmp_path):
    f = tmp_path / "bomb.docx"
    with zipfile.ZipFile(f, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as w:
            w.write(b"<w:document>")
            block = b" " * (1024 * 1024)
            for _ in range(1024):
                w.write(block)
            w.write(b"</w:document>")
    proc, rss = _maxrss_mb_of(("check", str(f), "--format", "json"), tmp_path)
    assert report_or_one_line_error(proc, f) == "error"
    assert rss < 1500


def test_path_is_a_directory_of_nothing(tmp_path):
    d = tmp_path / "empty_dir"
    d.mkdir()
    assert report_or_one_line_error(run("check", str(d)), d) == "error"


def test_path_is_a_socket(tmp_path):
    path = tmp_path / "s.sock"
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.bind(str(path))
    try:
        assert report_or_one_line_error(run("check", str(path)), path) == "error"
    finally:
        s.close()


def test_missing_path(tmp_path):
    assert report_or_one_line_error(run("check", str(tmp_path / "nope.md")), tmp_path / "nope.md") == "error"


def test_no_read_permission(tmp_path, monkeypatch):
    """As root a mode-000 file is still readable, so the refusal is simulated where the file is opened."""
    from factcheck.documents import read_document
    from factcheck.errors import InputError

    f = tmp_path / "secret.txt"
    f.write_text("Turkey hosts 3.6 million Syrian refugees.\n", encoding="utf-8")
    real_open = io.open

    def deny(file, *a, **k):
        if str(file) == str(f):
            raise PermissionError(13, "Permission denied", str(f))
        return real_open(file, *a, **k)

    monkeypatch.setattr(Path, "read_bytes", lambda self: deny(self).read() if str(self) == str(f) else real_open(self, "rb").read())
    monkeypatch.setattr("builtins.open", deny)
    with pytest.raises(InputError) as ex:
        read_document(str(f))
    assert str(f) in str(ex.value) and "ermission" in str(ex.value)
    if os.geteuid() != 0:
        f.chmod(0)
        assert report_or_one_line_error(run("check", str(f)), f) == "error"

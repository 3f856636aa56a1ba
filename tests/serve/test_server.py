"""`factcheck serve` as a program: nothing of a request left on disk (its TMPDIR and working
folder stay empty, whatever the size of the upload), 413 over a real socket, a clean stop on
SIGTERM, and one line (exit 2) for what stops it from starting."""
from __future__ import annotations

import io
import socket
import sys

import httpx2
from click.testing import CliRunner

from factcheck.cli import main

from .conftest import SEED, start_server, stop_server


def _docx(text: str) -> bytes:
    import docx

    d = docx.Document()
    for para in text.split("\n\n"):
        d.add_paragraph(para)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_nothing_of_a_request_is_kept_on_disk(server):
    seed = SEED.read_text(encoding="utf-8")
    # 1.5 MB, past the 1 MiB a form parser keeps in memory by default; quick to check (a script is not copy)
    big = ("<!DOCTYPE html><html><body><article><p>Turkey has taken in about 3.7 million Syrian refugees.</p>"
           "</article><script>/*" + "The desk read the copy again. " * 50_000 + "*/</script></body></html>").encode()
    assert 1024 ** 2 < len(big) < 3 * 1024 ** 2
    with httpx2.Client(base_url=server.url, timeout=120) as c:
        answers = [
            c.post("check", data={"draft": seed, "as_of": "2020-02-20"}),
            c.post("check", data={"format": "json"}, files={"file": (SEED.name, SEED.read_bytes(), "text/plain")}),
            c.post("check", data={"format": "markdown"},
                   files={"file": ("seed_2020-02-20.docx", _docx(seed), "application/octet-stream")}),
            c.post("check", data={"format": "json"}, files={"file": ("long_2020-02-20.html", big, "text/html")}),
        ]
        assert [r.status_code for r in answers] == [200, 200, 200, 200], [r.text[:200] for r in answers]
        assert "Turkey has taken in" in answers[2].text
        assert [f["verdict"] for f in answers[3].json()["documents"][0]["findings"]] == ["approximate"]
        too_big = c.post("check", files={"file": ("huge.html", big * 3, "text/html")})
        assert too_big.status_code == 413
        assert too_big.text == "the request is larger than this server takes (3 MB; factcheck serve --max-bytes sets it)\n"
    assert list(server.tmpdir.iterdir()) == []  # no temporary file, not even a spooled upload
    assert list(server.cwd.iterdir()) == []
    assert "Traceback" not in server.log.read_text()


def test_sigterm_stops_it_cleanly(tmp_path):
    s = start_server(tmp_path)
    assert httpx2.get(s.url, timeout=30).status_code == 200
    assert stop_server(s) == 0
    log = s.log.read_text()
    assert log.splitlines()[0] == f"factcheck: the desk page is at {s.url} (Ctrl-C stops it)"
    assert log.splitlines()[-1] == "factcheck: stopped"
    assert "Traceback" not in log


def _serve(*args: str):
    return CliRunner().invoke(main, ["serve", *args])


def test_without_the_extra_it_says_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "uvicorn", None)  # as if not installed: importing it fails
    r = _serve()
    assert r.exit_code == 2
    assert r.stderr == "factcheck: error: factcheck serve needs uvicorn: pip install 'factcheck[serve]'\n"


def test_what_stops_it_from_starting_is_one_line():
    r = _serve("--max-bytes", "ten")
    assert (r.exit_code, r.stderr) == (2, "factcheck: error: --max-bytes 'ten': give a size in bytes, KB or MB (10MB)\n")
    r = _serve("--max-bytes", "80MB")
    assert (r.exit_code, r.stderr) == (2, "factcheck: error: --max-bytes '80MB': give a size from 1KB to 50MB\n")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        r = _serve("--port", str(port))
    assert r.exit_code == 2
    assert r.stderr == f"factcheck: error: cannot listen on 127.0.0.1:{port}: Address already in use\n"

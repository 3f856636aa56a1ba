"""The desk page's fixtures: a Desk over rules and data loaded once for the session, a client
that speaks to the app in this process, a real ``factcheck serve`` in a child process (with
TMPDIR and its working folder pointed at empty folders), and the headless Chromium of
tests/report/browser.py."""
from __future__ import annotations

import importlib.util
import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from factcheck.config import Config

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "idlib_joint_patrols_2020-02-20.txt"
HOST = "http://127.0.0.1:8000"  # the TestClient's base: a name a loopback server answers to


@pytest.fixture(scope="session")
def serve_checker():
    from factcheck.workflow import load_checker

    return load_checker(Config(), None)


@pytest.fixture(scope="session")
def make_desk(serve_checker):
    from factcheck.serve.app import Desk

    def make(max_bytes: int = 10 * 1024 * 1024, **cfg: object) -> Desk:
        return Desk(Config(**cfg), max_bytes=max_bytes, checker=serve_checker)

    return make


@pytest.fixture(scope="session")
def client(make_desk):
    from starlette.testclient import TestClient

    from factcheck.serve.app import make_app

    with TestClient(make_app(make_desk(max_bytes=256 * 1024)), base_url=HOST) as c:
        yield c


def _load_browser():
    spec = importlib.util.spec_from_file_location("fc_browser", ROOT / "tests" / "report" / "browser.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def browser():
    """A headless Chromium; skipped where there is none, failed under CI (.ci/run installs it)."""
    mod = _load_browser()
    with mod.Browser(mod.browser_or_skip()) as b:
        yield b


@dataclass
class Server:
    url: str
    proc: subprocess.Popen
    tmpdir: Path  # the server's TMPDIR
    cwd: Path  # the server's working folder
    log: Path  # its standard error


def start_server(root: Path, *args: str, timeout: float = 120.0) -> Server:
    """``factcheck serve --port 0 ARGS`` in a child process whose TMPDIR and working folder are
    new empty folders under ``root``; returns once it prints its address."""
    tmpdir, cwd, log = root / "server-tmp", root / "server-cwd", root / "server.log"
    tmpdir.mkdir()
    cwd.mkdir()
    env = {**os.environ, "TMPDIR": str(tmpdir), "PYTHONDONTWRITEBYTECODE": "1"}
    with open(log, "wb") as err:
        proc = subprocess.Popen([sys.executable, "-m", "factcheck", "serve", "--port", "0", *args], cwd=cwd,
                                env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = re.search(r"http://127\.0\.0\.1:\d+/", log.read_text(errors="replace"))
        if found:
            return Server(found.group(0), proc, tmpdir, cwd, log)
        if proc.poll() is not None:
            raise RuntimeError(f"factcheck serve exited with {proc.returncode}: {log.read_text()}")
        time.sleep(0.1)
    proc.kill()
    proc.wait()
    raise TimeoutError(f"factcheck serve printed no address in {timeout:.0f} s: {log.read_text()}")


def stop_server(server: Server) -> int:
    """SIGTERM, as a service manager stops it -> its exit code."""
    if server.proc.poll() is None:
        server.proc.send_signal(signal.SIGTERM)
        try:
            server.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.proc.kill()
            server.proc.wait()
    return server.proc.returncode


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """One real server for the session (its limit 3 MB)."""
    s = start_server(tmp_path_factory.mktemp("serve"), "--max-bytes", "3MB")
    try:
        yield s
    finally:
        stop_server(s)


@pytest.fixture(scope="session")
def artefacts(tmp_path_factory) -> Path:
    """Where tests keep what a person may want to look at (FACTCHECK_ARTEFACTS, else a folder
    under pytest's temporary folder)."""
    given = os.environ.get("FACTCHECK_ARTEFACTS")
    if given:
        path = Path(given)
        path.mkdir(parents=True, exist_ok=True)
        return path
    return tmp_path_factory.mktemp("artefacts")

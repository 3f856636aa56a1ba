"""The command line in a child process whose networking is refused: any connection, name lookup
or URL fetch raises OSError, so a check that reaches for the network fails loudly."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

#: Run as ``python -c PRELUDE ARGS...``: the network refused, then ``factcheck ARGS...``.
PRELUDE = """
import socket, sys
def refuse(*a, **k):
    raise OSError("network disabled for this test")
socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
import urllib.request
urllib.request.urlopen = refuse
sys.argv = ["factcheck", *sys.argv[1:]]
from factcheck.cli import main
main()
"""


def run_offline(*args: str, cwd: Path = ROOT, timeout: float = 300) -> subprocess.CompletedProcess:
    """``factcheck ARGS...`` with networking refused (text output captured)."""
    return subprocess.run([sys.executable, "-c", PRELUDE, *args], capture_output=True, text=True, cwd=cwd,
                          timeout=timeout, check=False)

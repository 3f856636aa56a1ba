"""A check runs with networking disabled for the process: nothing is fetched at run time."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

GUARD = """
import socket, sys
def refuse(*a, **k):
    raise OSError("network disabled for this test")
socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
sys.argv = ["factcheck", "check", "seeds/idlib_joint_patrols_2020-02-20.txt", "--format", "json"]
from factcheck.cli import main
main()
"""


def test_check_runs_without_network():
    proc = subprocess.run([sys.executable, "-c", GUARD], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode in (0, 1), proc.stderr
    assert '"schema_version": 1' in proc.stdout

"""A check runs with networking disabled for the process: nothing is fetched at run time."""
from __future__ import annotations

from offline import run_offline  # tests/robustness (pytest's pythonpath)


def test_check_runs_without_network():
    proc = run_offline("check", "seeds/idlib_joint_patrols_2020-02-20.txt", "--format", "json")
    assert proc.returncode in (0, 1), proc.stderr
    assert '"schema_version": 1' in proc.stdout

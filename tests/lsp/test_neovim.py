"""The README's Neovim set-up, followed by a real Neovim (``nvim --headless``, its built-in LSP
client, 0.7 or later): the Lua block of README "In your editor" is read at test time and used as
init.lua, the seed article is opened, and the diagnostics factcheck publishes and the evidence on
hover are read back from Neovim itself (``nvim_harness.lua``).

Without nvim the test is skipped on a developer's machine and fails under CI (``CI=true``),
where .ci/run installs Debian's neovim.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, SEED

HERE = Path(__file__).resolve().parent
#: The first line of the README's Neovim block.
MARKER = "-- factcheck in Neovim 0.7 or later"


def readme_setup() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```lua\n(.*?)```", readme, re.DOTALL)
    found = [b for b in blocks if b.startswith(MARKER)]
    assert len(found) == 1, f"README.md: one ```lua block starting {MARKER!r} (Neovim set-up), found {len(found)}"
    return found[0]


def find_nvim() -> str:
    nvim = shutil.which("nvim")
    if nvim is None:
        why = "no nvim on this machine (apt-get install -y neovim; .ci/run installs it in CI)"
        if os.environ.get("CI") == "true":
            pytest.fail(why)
        pytest.skip(why)
    return nvim


def test_the_readme_neovim_setup_shows_diagnostics_and_evidence(tmp_path: Path):
    nvim = find_nvim()
    init = tmp_path / "init.lua"
    init.write_text(readme_setup(), encoding="utf-8")
    out = tmp_path / "out.json"
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
           "FACTCHECK_NVIM_OUT": str(out), "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_STATE_HOME": str(tmp_path / "state")}
    proc = subprocess.run([nvim, "--headless", "-n", "-i", "NONE", "-u", str(init), str(SEED.relative_to(ROOT)),
                           "-c", f"luafile {HERE / 'nvim_harness.lua'}"],
                          cwd=ROOT, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=300,
                          check=False)
    assert out.exists(), f"nvim wrote nothing (exit {proc.returncode}): {proc.stdout[-2000:]} {proc.stderr[-2000:]}"
    got = json.loads(out.read_text(encoding="utf-8"))
    assert got["error"] is None, got["error"]
    assert got["waited"] is True and got["clients"] == ["factcheck"]
    approx = [d for d in got["diagnostics"] if d["code"] == "FC110"]
    assert len(approx) == 1
    # README's terminal report: 15:21 APPROXIMATE FC110; Neovim counts lines and columns from 0
    assert (approx[0]["lnum"], approx[0]["col"]) == (14, 20)
    assert approx[0]["message"].startswith("APPROXIMATE: ") and approx[0]["severity"] == 2  # WARN
    assert {d["code"] for d in got["diagnostics"]} >= {"FC100", "FC110", "FC120", "FC130"}
    [hover] = got["hover"]
    assert "- **reference:** 3.58 million" in hover and "- **period:** 2020-01-20" in hover
    assert "](<https://reliefweb.int/report/turkey/mpm-turkey-migrants-presence-monitoring-quarterly-report" in hover
    assert proc.returncode == 0

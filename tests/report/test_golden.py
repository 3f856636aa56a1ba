"""Golden files: every format over the seed article, compared byte for byte.

The files are in tests/golden/. When a change to the output is intended, write them again with

    FACTCHECK_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/report/test_golden.py

and read the diff before committing it.
"""
from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest

from factcheck.config import Config
from factcheck.documents import read_document
from factcheck.report import FORMATS, render
from factcheck.workflow import check_documents

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden"
SEED = "seeds/idlib_joint_patrols_2020-02-20.txt"
NAMES = {"terminal": "seed.terminal.txt", "json": "seed.json", "sarif": "seed.sarif.json",
         "github": "seed.github.txt", "junit": "seed.junit.xml", "markdown": "seed.md", "html": "seed.html",
         "concise": "seed.concise.txt", "gitlab": "seed.gitlab.json", "rdjson": "seed.rdjson.json",
         "claimreview": "seed.claimreview.json"}
UPDATE = os.environ.get("FACTCHECK_UPDATE_GOLDEN", "") not in ("", "0")


@pytest.fixture(scope="module")
def report():
    here = os.getcwd()
    os.chdir(ROOT)  # paths in the output are relative to the working folder
    try:
        r = check_documents([read_document(SEED, "2020-02-20")], Config())
        # NOTE: the version is pinned so a release does not rewrite every golden file.
        yield replace(r, tool_version="0.0.0")
    finally:
        os.chdir(here)


def test_every_format_has_a_golden_file():
    assert set(NAMES) == set(FORMATS)


@pytest.mark.parametrize("fmt", FORMATS)
def test_golden(fmt, report, monkeypatch, claimreview):
    monkeypatch.chdir(ROOT)
    got = render(report, fmt, width=100, color=False, claimreview=claimreview)
    path = GOLDEN / NAMES[fmt]
    if UPDATE:
        path.write_text(got, encoding="utf-8", newline="")
        return
    assert path.exists(), f"no golden file {path}; write it with FACTCHECK_UPDATE_GOLDEN=1"
    want = path.read_text(encoding="utf-8")
    if got != want:
        import difflib

        diff = "".join(difflib.unified_diff(want.splitlines(True), got.splitlines(True), str(path), "now", n=2))
        pytest.fail(f"{fmt} output differs from {path.name} (FACTCHECK_UPDATE_GOLDEN=1 to accept):\n{diff[:4000]}")

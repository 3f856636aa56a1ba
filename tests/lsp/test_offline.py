"""`factcheck lsp` without its extra, and the pieces of the server that need no client:
positions in each encoding, and the tests' own reading of positions."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from lsprotocol import types as t

from factcheck.lsp.positions import LineIndex

from .conftest import utf16_offset


def test_without_pygls_one_line_says_how_to_install_it(tmp_path: Path):
    blocker = tmp_path / "pygls"
    blocker.mkdir()
    (blocker / "__init__.py").write_text("raise ImportError('no pygls here')\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "factcheck", "lsp"], check=False, capture_output=True, text=True, timeout=120,
                          env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(tmp_path)}, stdin=subprocess.DEVNULL)
    assert proc.returncode == 2
    assert proc.stderr == "factcheck: error: factcheck lsp needs pygls: pip install 'factcheck[lsp]'\n"
    assert proc.stdout == ""


def test_offsets_in_the_tests_own_reading():
    assert utf16_offset("a🙂b\nxy", t.Position(0, 3)) == 2 and utf16_offset("a🙂b\nxy", t.Position(1, 1)) == 5


def test_positions_count_code_units_of_the_negotiated_encoding():
    text = "İ🙂 3 million\r\nnext 4\rthird 5\nlast"
    u16, u8, u32 = LineIndex(text), LineIndex(text, "utf-8"), LineIndex(text, "utf-32")
    three = text.index("3")
    assert u16.position(three) == (0, 4)  # İ is one unit, the emoji two, then a space
    assert u8.position(three) == (0, 7)  # İ two bytes, the emoji four
    assert u32.position(three) == (0, 3)
    # lines end at \r\n, \r and \n, as LSP says
    assert u16.position(text.index("4")) == (1, 5) and u16.position(text.index("5")) == (2, 6)
    assert u16.position(text.index("last")) == (3, 0)
    for index in (u16, u8, u32):
        for off in range(len(text) + 1):
            if text[off - 1:off + 1] == "\r\n" or (off and 0xD800 <= ord(text[off - 1]) < 0xDC00):
                continue
            assert index.offset(*index.position(off)) == off
    # past the end of a line: its end; past the last line: the end of the text
    assert u16.offset(0, 99) == text.index("\r") and u16.offset(9, 0) == len(text)
    assert u16.line_end(1) == text.index("\rthird")


def test_rules_and_the_reference_store_are_loaded_once_per_server(tmp_path: Path):
    """Folders with the same configuration share one checker; a folder with its own shares the
    reference store (the shipped data's catalog, one per process); a document is checked as
    `factcheck check` run in its folder would check it."""
    from factcheck.lsp.session import Session
    from factcheck.reference import Catalog

    a, b, desk = tmp_path / "a", tmp_path / "b", tmp_path / "desk"
    for f in (a, b, desk):
        f.mkdir()
    (desk / "factcheck.toml").write_text('select = ["FC110"]\n', encoding="utf-8")
    session = Session(folders=lambda: [a, b, desk])
    text = "date: 2020-02-20\n\nTurkey has taken in about 3.7 million Syrian refugees.\n\nThe ministry said 12 schools were closed.\n"
    got = {f.name: session.check(f"file://{f}/x.txt", 1, text, str(f / "sub" / "x.txt")) for f in (a, b, desk)}
    assert {x.code for x in got["a"].report.findings} == {"FC100", "FC110"}
    assert {x.code for x in got["desk"].report.findings} == {"FC110"}
    checkers = {id(session.setup(f).worker.checker) for f in (a, b, desk)}
    assert len(checkers) == 2
    assert all(session.setup(f).worker.checker.catalog is Catalog.default() for f in (a, b, desk))
    # a document in no workspace folder: its own folder's configuration
    assert session.folder_of(tmp_path / "elsewhere" / "x.md") == tmp_path / "elsewhere"
    assert session.folder_of(desk / "deep" / "x.md") == desk

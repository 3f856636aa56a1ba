"""docs/api.md's examples run: every ```python block, in order, in one namespace, in an empty
folder. A block that fails names its first line in docs/api.md."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

DOC = Path(__file__).resolve().parents[1] / "docs" / "api.md"
_BLOCK = re.compile(r"^```python\n(.*?)^```", re.M | re.S)


def blocks() -> list[tuple[int, str]]:
    text = DOC.read_text(encoding="utf-8")
    return [(text.count("\n", 0, m.start(1)) + 1, m.group(1)) for m in _BLOCK.finditer(text)]


def test_the_doc_has_examples_of_each_call_and_object():
    code = "\n".join(b for _, b in blocks())
    for name in ("check_text(", "check_file(", "extract(", ".concept", ".reason", ".frame", ".evidence",
                 ".observation", ".accepted", ".related_span", "Report(", "render("):
        assert name in code, name
    assert all("assert" in b for _, b in blocks()), "every example asserts what it shows"


def test_examples_run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": "api_md"}
    for line, code in blocks():
        try:
            exec(compile(code, f"{DOC}:{line}", "exec"), namespace)  # noqa: S102 - the doc's own examples
        except Exception as ex:  # pragma: no cover - the message is the point
            pytest.fail(f"docs/api.md, the example at line {line}: {type(ex).__name__}: {ex}")


def test_examples_run_as_a_user_runs_them(tmp_path):
    """The same examples as one script, in a fresh interpreter (no state from other tests)."""
    script = tmp_path / "api_examples.py"
    script.write_text("\n".join(code for _, code in blocks()), encoding="utf-8")
    work = tmp_path / "work"
    work.mkdir()
    proc = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, cwd=work)
    assert proc.returncode == 0, proc.stderr[-2000:]

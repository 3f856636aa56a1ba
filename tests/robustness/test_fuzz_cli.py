"""A fuzz run through the CLI (issue 15): random byte strings and random newsy sentences, from a
fixed seed. Any traceback (or an internal error the run caught and reported as FC910), an exit
code other than 0, 1 or 2, or a hang fails, and the input is saved to a file to reproduce it.

CI: 2,000 byte strings and 2,000 sentences, each checked by `factcheck check` run in the process
(click's runner: the CLI's own error handling, formats and exit codes), a few formats in turn, and
a few real processes (a folder of sentence files, bytes on standard input). The deeper profile,
FACTCHECK_FUZZ=deep (``make fuzz``), runs ten times as many, with FACTCHECK_FUZZ_SEED to vary
the seed (SECURITY.md, "Deeper fuzzing").
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import fuzz_inputs as fuzz  # tests/robustness (pytest's pythonpath)
import pytest
from click.testing import CliRunner

from factcheck.cli import main as fuzz_main

ROOT = Path(__file__).resolve().parents[2]
DEEP = os.environ.get("FACTCHECK_FUZZ") == "deep"
SEED = int(os.environ.get("FACTCHECK_FUZZ_SEED", "20260315"))
N = 20_000 if DEEP else 2_000
#: Seconds one input may take in the process (a short sentence takes milliseconds).
BOUND = 20
FORMATS = ("json", "concise", "sarif", "terminal", "markdown")




class Hang(BaseException):
    """Raised by the alarm (a BaseException, so the CLI's runner does not take it for a crash)."""


def _alarm(*_):
    raise Hang()


def _save(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    return path


def _run_all(items: list[tuple[str, bytes]], tmp_path: Path) -> list[str]:
    """Check each (file name, bytes) through the CLI; the problems found, each with the saved input."""
    runner = CliRunner()
    work = tmp_path / "inputs"
    work.mkdir()
    failures: list[str] = []
    previous = signal.signal(signal.SIGALRM, _alarm)
    try:
        for i, (name, data) in enumerate(items):
            path = work / name
            path.write_bytes(data)
            fmt = FORMATS[i % len(FORMATS)]
            signal.setitimer(signal.ITIMER_REAL, BOUND)
            try:
                res = runner.invoke(fuzz_main, ["check", str(path), "-f", fmt, "--as-of", "2020-02-20", "--isolated"])
                problem = None
                if res.exception is not None and not isinstance(res.exception, SystemExit):
                    problem = f"traceback: {type(res.exception).__name__}: {res.exception}"
                elif res.exit_code not in (0, 1, 2):
                    problem = f"exit code {res.exit_code}"
                elif "Traceback" in res.output:
                    problem = "a traceback in the output"
                elif "internal error" in res.output:  # FC910: the run caught a crash checking it
                    problem = "an internal error (FC910): " + " ".join(res.output[res.output.find("internal error"):].split())[:200]
            except Hang:
                problem = f"no answer in {BOUND} s"
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            if problem:
                saved = _save(tmp_path / "fuzz-failures", f"{i:05d}-{name}", data)
                failures.append(f"{problem} (-f {fmt}); input saved to {saved}: {data[:120]!r}")
            path.unlink()
    finally:
        signal.signal(signal.SIGALRM, previous)
    return failures


def _suffix(rng_value: int, choices: tuple[str, ...]) -> str:
    return choices[rng_value % len(choices)]


def test_random_bytes_through_the_cli(tmp_path):
    blobs, _ = fuzz.inputs(SEED, N, 0)
    items = [(f"b{i}{_suffix(i, ('.txt', '.md', '.html', '.docx', '.txt'))}", b) for i, b in enumerate(blobs)]
    failures = _run_all(items, tmp_path)
    assert not failures, f"{len(failures)} of {len(items)} inputs failed:\n" + "\n".join(failures[:20])


def test_random_newsy_sentences_through_the_cli(tmp_path):
    _, sentences = fuzz.inputs(SEED + 1, 0, N)
    items = []
    for i, s in enumerate(sentences):
        suffix = _suffix(i, (".txt", ".md", ".html"))
        body = f"<p>{s}</p>" if suffix == ".html" else s + "\n"
        items.append((f"s{i}{suffix}", body.encode("utf-8")))
    failures = _run_all(items, tmp_path)
    assert not failures, f"{len(failures)} of {len(items)} inputs failed:\n" + "\n".join(failures[:20])


def _process(args: list[str], stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "factcheck", *args], input=stdin, capture_output=True, cwd=ROOT,
                          timeout=300, check=False)


def test_fuzz_in_real_processes(tmp_path):
    """The same inputs in real processes: a folder of sentence files in one run, and byte
    strings on standard input."""
    blobs, sentences = fuzz.inputs(SEED + 2, 5, 300)
    folder = tmp_path / "drafts"
    folder.mkdir()
    for i in range(0, len(sentences), 3):
        (folder / f"d{i}.txt").write_text(" ".join(sentences[i:i + 3]) + "\n", encoding="utf-8")
    proc = _process(["check", str(folder), "-f", "json", "--as-of", "2020-02-20", "--isolated"])
    assert b"Traceback" not in proc.stderr, proc.stderr[-3000:]
    assert b"internal error" not in proc.stdout + proc.stderr
    assert proc.returncode in (0, 1, 2), proc.stderr[-2000:]
    if proc.returncode == 2:  # a refusal is one line naming the file
        assert len(proc.stderr.strip().splitlines()) == 1 and str(folder).encode() in proc.stderr, proc.stderr
    for b in blobs:
        proc = _process(["check", "-", "-f", "concise", "--as-of", "2020-02-20", "--isolated"], stdin=b)
        assert b"Traceback" not in proc.stderr, (b, proc.stderr[-3000:])
        assert b"internal error" not in proc.stdout + proc.stderr, b
        assert proc.returncode in (0, 1, 2), (b, proc.stderr[-2000:])


@pytest.mark.parametrize("seed", [SEED])
def test_the_inputs_are_the_same_for_a_seed(seed):
    assert fuzz.inputs(seed, 50, 50) == fuzz.inputs(seed, 50, 50)
    assert fuzz.inputs(seed, 50, 50) != fuzz.inputs(seed + 1, 50, 50)

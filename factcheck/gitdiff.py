"""Only what a change touched: ``factcheck check --diff REF``.

    changes = changed_lines(["drafts/a.md", "drafts/b.md"], "origin/main")   # asks git
    dr = keep_changed(dr, changes)        # findings on other lines -> accepted, not counted

The lines are those ``git diff --unified=0 REF`` gives for the working tree against REF, in the
repository of the current folder: a desk's CI then fails on the figures a pull request wrote, not
on the ones already published. A file that is new since REF (added, untracked, or a binary file
such as a ``.docx`` that differs at all) counts as changed whole; a file git sees as moved keeps
only its edited lines. A finding counts when the line of its figure (or of the other figure, for a
consistency finding) is a changed line; the others are listed as accepted, "unchanged since REF".

Errors are one line each (exit 2): git missing, not in a repository, an unknown ref (with a hint
when the clone is shallow), a file outside the repository, standard input.
"""
from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass, replace
from pathlib import Path

from .errors import InputError
from .model import Accepted, DocumentReport, Span, Verdict

#: Paths given to one git command (command lines have a length limit).
_CHUNK = 200
_HUNK = re.compile(rb"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")
_ESCAPES = {"a": 7, "b": 8, "t": 9, "n": 10, "v": 11, "f": 12, "r": 13, '"': 34, "\\": 92}


@dataclass(frozen=True)
class Changes:
    """What changed in the working tree since ``ref``, for the files asked about."""

    #: The ref as the user wrote it ("origin/main", "HEAD~1").
    ref: str
    #: The repository's top folder (real path).
    root: Path
    #: Path relative to ``root`` (forward slashes) -> its changed lines (1-based, in the working
    #: tree's file); None: the whole file is new. A file not listed did not change.
    files: dict[str, frozenset[int] | None]

    def lines(self, path: str) -> frozenset[int] | None:
        """The changed lines of a document's file (None: all of them)."""
        return self.files.get(_relative(path, self.root), frozenset())

    @property
    def reason(self) -> str:
        return f"unchanged since {self.ref}"


def changed_lines(paths: list[str], ref: str, cwd: str | os.PathLike[str] | None = None, *,
                  stdin: bool = False) -> Changes:
    """The lines of ``paths`` (files of one git repository) changed since ``ref``. ``stdin``: one of
    them was read from standard input (refused: its lines are not the working tree's)."""
    if stdin:
        raise InputError("--diff compares files in the working tree; it cannot check standard input (-)")
    where = Path(cwd or Path.cwd())
    root = _toplevel(where)
    commit = _resolve(root, ref)
    rels: dict[str, str] = {}
    for p in paths:
        if p == "-" or p.startswith("<"):
            raise InputError("--diff compares files in the working tree; it cannot check standard input (-)")
        rel = _relative(p, root)
        if rel == ".." or rel.startswith("../"):
            raise InputError(f"outside the git repository at {root}; --diff compares the files of one repository",
                             path=p)
        rels[rel] = p
    files: dict[str, frozenset[int] | None] = {}
    if not rels:
        return Changes(ref, root, files)
    # Which files differ (renames followed across the whole tree, binary files told apart).
    stat = _git(root, "-c", "core.quotePath=false", "diff", "--numstat", "-z", "-M", "--no-ext-diff", "--no-textconv",
                commit, "--", what="--diff")
    text_changed: dict[str, str] = {}  # new path -> old path, for files that have lines to read
    for added, new, old in _numstat(stat):
        if new not in rels:
            continue
        if added == "-":  # binary: no lines to tell apart
            files[new] = None
        elif added != "0":
            text_changed[new] = old
        else:  # lines only taken out (or the mode changed): nothing new to read
            files[new] = frozenset()
    # Lines of the text files that changed.
    wanted = sorted(text_changed)
    for i in range(0, len(wanted), _CHUNK):
        chunk = wanted[i:i + _CHUNK]
        specs = [f":(top,literal){p}" for p in sorted({*chunk, *(text_changed[p] for p in chunk)})]
        out = _git(root, "-c", "core.quotePath=false", "diff", "--unified=0", "-M", "--no-color", "--no-ext-diff",
                   "--no-textconv", "--src-prefix=a/", "--dst-prefix=b/", commit, "--", *specs, what="--diff")
        for path, lines in _hunks(out).items():
            if path in text_changed:
                files[path] = lines
    # Files git does not list: unchanged if REF has them, else new (untracked, never committed).
    rest = [p for p in rels if p not in files and p not in text_changed]
    known: set[str] = set()
    if rest:
        query = "".join(f"{commit}:{p}\n" for p in rest).encode("utf-8", "surrogateescape")
        out = _git(root, "cat-file", "--batch-check=%(objecttype)", what="--diff", stdin=query)
        known = {p for p, kind in zip(rest, out.decode().split("\n")) if kind == "blob"}
    for p in rest:
        if p not in known:
            files[p] = None
    return Changes(ref, root, files)


def keep_changed(dr: DocumentReport, changes: Changes) -> DocumentReport:
    """A document's report with only what is on changed lines: other findings become accepted
    ("unchanged since REF"; supported ones are dropped), notices on other lines are dropped."""
    lines = changes.lines(dr.document.path)
    if lines is None:
        return dr
    doc = dr.document

    def touched(span: Span, in_file: bool = False) -> bool:
        s = span if in_file else doc.source_span(span)
        first = doc.source_position(s.start)[0]
        last = doc.source_position(max(s.start, s.end - 1))[0]
        return any(n in lines for n in range(first, last + 1))

    kept, accepted = [], list(dr.accepted)
    for f in dr.findings:
        if touched(f.quantity.span) or (f.related_span is not None and touched(f.related_span)):
            kept.append(f)
        elif f.verdict is not Verdict.SUPPORTED:
            accepted.append(Accepted(f, "diff", changes.reason))
    notices = tuple(n for n in dr.notices if touched(n.span, in_file=True))
    return replace(dr, findings=tuple(kept), accepted=tuple(accepted), notices=notices)


# --- git ------------------------------------------------------------------------------------------

def _run(cwd: Path, args: list[str], stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    """A git command, its output captured (C locale, no optional locks taken)."""
    try:
        return subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True, check=False,
                              env={**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"})
    except FileNotFoundError:
        raise InputError("--diff needs git, which is not installed (or not on PATH)") from None
    except OSError as ex:
        raise InputError(f"--diff: cannot run git: {ex}") from None


def _last_line(proc: subprocess.CompletedProcess[bytes]) -> str:
    lines = proc.stderr.decode("utf-8", "replace").strip().splitlines()
    return lines[-1] if lines else f"exit {proc.returncode}"


def _toplevel(where: Path) -> Path:
    """The top folder of the repository holding ``where``, or an error saying why there is none."""
    proc = _run(where, ["rev-parse", "--show-toplevel"])
    if proc.returncode != 0:
        why = _last_line(proc)
        if "not a git repository" in why.lower() or not proc.stderr.strip():
            raise InputError("--diff: not in a git repository (run factcheck inside the repository that holds "
                             "the drafts)")
        raise InputError(f"--diff: git cannot read the repository here: {why}")
    return Path(os.path.realpath(proc.stdout.decode("utf-8", "surrogateescape").strip()))


def _git(cwd: Path, *args: str, what: str, stdin: bytes = b"") -> bytes:
    """Standard output of a git command, or an error with git's own last line."""
    proc = _run(cwd, list(args), stdin)
    if proc.returncode != 0:
        command = next(a for a in args if not a.startswith("-") and "=" not in a)
        raise InputError(f"{what}: git {command} failed: {_last_line(proc)}")
    return proc.stdout


def _resolve(root: Path, ref: str) -> str:
    """The commit a ref names, or an error saying it is unknown."""
    if ref and not ref.startswith("-"):
        proc = _run(root, ["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"])
        if proc.returncode == 0:
            return proc.stdout.decode().strip()
    hint = ""
    if _run(root, ["rev-parse", "--is-shallow-repository"]).stdout.strip() == b"true":
        hint = " (this clone is shallow: fetch the history, e.g. actions/checkout with fetch-depth: 0)"
    raise InputError(f"--diff: unknown git ref {ref!r} in {root}{hint}")


def _relative(path: str, root: Path) -> str:
    return Path(os.path.relpath(os.path.realpath(path), root)).as_posix()


def _numstat(data: bytes) -> list[tuple[str, str, str]]:
    """``git diff --numstat -z`` -> (lines added or "-", new path, old path) per file."""
    out: list[tuple[str, str, str]] = []
    parts = data.split(b"\0")
    i = 0
    while i < len(parts):
        head = parts[i]
        i += 1
        if not head:
            continue
        added, _deleted, path = head.split(b"\t", 2)
        if path:  # not a rename
            new = old = path
        else:  # a rename: old and new paths follow
            old, new = parts[i], parts[i + 1]
            i += 2
        out.append(tuple(b.decode("utf-8", "surrogateescape") for b in (added, new, old)))  # type: ignore[arg-type]
    return out


def _hunks(patch: bytes) -> dict[str, frozenset[int]]:
    """``git diff --unified=0`` -> new path -> the lines added or changed in it."""
    out: dict[str, set[int]] = {}
    current: set[int] | None = None
    for line in patch.split(b"\n"):
        if line.startswith(b"diff --git "):
            current = None
        elif line.startswith(b"+++ ") and current is None:
            name = line[4:].rstrip(b"\t")
            if name != b"/dev/null":
                path = _unquote(name)
                current = out.setdefault(path.removeprefix("b/"), set())
        elif line.startswith(b"@@") and current is not None:
            m = _HUNK.match(line)
            if m:
                start, count = int(m.group(1)), int(m.group(2) or 1)
                current.update(range(start, start + count))
    return {k: frozenset(v) for k, v in out.items()}


def _unquote(name: bytes) -> str:
    """A path as git prints it: C-quoted ("a\\tb", octal bytes) when it holds special characters."""
    if not (name.startswith(b'"') and name.endswith(b'"') and len(name) >= 2):
        return name.decode("utf-8", "surrogateescape")
    s, out, i = name[1:-1].decode("latin-1"), bytearray(), 0
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s):
            nxt = s[i + 1]
            octal = s[i + 1:i + 4]
            if len(octal) == 3 and all(ch in "01234567" for ch in octal):
                out.append(int(octal, 8))
                i += 4
                continue
            out.append(_ESCAPES.get(nxt, ord(nxt)))
            i += 2
            continue
        out.append(ord(c))
        i += 1
    return out.decode("utf-8", "surrogateescape")

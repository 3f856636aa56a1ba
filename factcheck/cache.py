"""Where factcheck keeps its caches, and keeping them small.

One folder, where ``platformdirs`` puts a user's cache: on Linux ``$XDG_CACHE_HOME/factcheck``,
else ``~/.cache/factcheck``; on macOS ``~/Library/Caches/factcheck``; on Windows
``%LOCALAPPDATA%\\factcheck\\Cache``. Each file is named ``<kind>-<version>-<key>.<suffix>``, the key
a hash of the files it was built from and the code that built it. Pickles of what is slow to
build and needs Python objects: the validated rule set (``rules``), the extractor's compiled
tables (``extract``), the framing cues (``frames``) (``ruleset/cache.py``). The reference store
(``reference/store.py``) is SQLite and JSON, never pickle: a store per dataset package
(``dataset``, ``.sqlite``), the entity table (``entities``, ``.sqlite``) and the manifest that
names them (``index``, ``.json``).

Each write is atomic (a temporary file renamed into place) and then evicts what is stale: every
cache file of another factcheck version (or of the naming before versions were in it), the oldest
files of the same kind beyond a few (several checkouts, ``--rules`` folders or data sets share the
folder), and temporary files an interrupted write left behind. A hit marks its file as used. The
reference store removes the stores its kept manifests no longer name (``store.prune``).

Keys hash file contents. ``file_digests`` remembers each file's sha256 with its size, times and
inode (``stamps``, a JSON file), so a warm start does not read the reference data to see that
nothing changed; as git's index does, a remembered digest is trusted only for a file last changed
well before it was recorded (a write in the same clock tick can leave the times as they were).

``--no-cache`` (``disable()``) or ``FACTCHECK_NO_CACHE=1`` turn every cache off: nothing is read or
written. So does a folder that belongs to another user or that others may write to (with one
warning line); a file of another user's, or that others may write to, is never read; and a
pickle is read only when its signature matches (``cachetrust.py``). ``factcheck cache dir`` prints the folder, ``factcheck cache clean`` empties it.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import time
from pathlib import Path
from typing import IO, Any, Callable, Iterable

from . import __version__, cachetrust

#: The version in cache file names: files of any other version are evicted.
VERSION = re.sub(r"[^0-9A-Za-z.+!_]", "_", __version__)
#: How old a leftover temporary file must be before it is removed (a write in flight is younger).
STALE_TEMP_SECONDS = 3600

_NAME = re.compile(r"(?P<kind>[a-z]+)-(?P<version>[^-]+)-(?P<key>[0-9a-f]{40})(?P<suffix>\.(?:pickle|json|sqlite))")
#: Cache files named before the version was part of the name (always evicted).
_UNVERSIONED = re.compile(r"[a-z]+-[0-9a-f]{40}\.pickle")
#: The suffix of each kind that is not a pickle.
SUFFIX = {"stamps": ".json", "index": ".json", "dataset": ".sqlite", "entities": ".sqlite"}
_TEMP = re.compile(r"\.[a-z]+-.*")
#: A remembered digest is trusted for a file whose last change is at least this much older.
RACY_NS = 2_000_000_000
#: Files remembered at most (files that are gone are forgotten first, then the oldest records):
#: the reference data (one file per WDI series), rules, code and the newsroom's own folders.
STAMPS_KEPT = 16384
_STAMPS_KEY = hashlib.sha1(b"factcheck-stamps-2").hexdigest()

_disabled = False


def disable() -> None:
    """Turn every cache off for the rest of the process (``--no-cache``)."""
    global _disabled
    _disabled = True


def enabled() -> bool:
    """Caches on: not turned off, and the folder may be trusted (``cachetrust.folder_problem``)."""
    return not _disabled and os.environ.get("FACTCHECK_NO_CACHE", "") in ("", "0") and _trusted()


_warned: set[str] = set()


def _trusted() -> bool:
    """False (with one warning line per folder and process) when the folder may not be used."""
    root = folder()
    problem = cachetrust.folder_problem(root)
    if problem is None:
        return True
    if str(root) not in _warned:
        import sys

        _warned.add(str(root))
        sys.stderr.write(f"factcheck: warning: not using the cache folder {root}: {problem}; make it yours "
                         f"and private (chmod 700), remove it, or set XDG_CACHE_HOME\n")
    return False


def folder() -> Path:
    """The cache folder (it may not exist yet)."""
    import platformdirs

    return Path(platformdirs.user_cache_dir("factcheck", appauthor=False))


def entry(kind: str, key: str, suffix: str | None = None) -> Path:
    """The file that holds the ``kind`` built under ``key`` (a hex digest)."""
    return folder() / f"{kind}-{VERSION}-{key[:40]}{suffix or SUFFIX.get(kind, '.pickle')}"


def read(path: Path, load: Callable[[IO[bytes]], Any]) -> Any:
    """``load(file)`` of a cache file, marking it used; raises OSError when there is none or it
    may not be trusted (another user's, or others may write to it)."""
    with path.open("rb") as fh:
        problem = cachetrust.file_problem(os.fstat(fh.fileno()))
        if problem is not None:
            raise PermissionError(f"{path}: {problem}")
        value = load(fh)
    try:
        os.utime(path)
    except OSError:
        pass
    return value


def write(path: Path, dump: Callable[[IO[bytes]], None], keep: int) -> bool:
    """Write a cache file atomically with ``dump(file)``, then evict stale files (keeping ``keep``
    of this kind). False when it could not be written (a cache that cannot be written is simply
    not used); an exception of ``dump`` other than OSError propagates, with nothing left behind."""
    import tempfile

    kind = path.name.split("-", 1)[0]
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{kind}-", suffix=".tmp", dir=path.parent)
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as fh:
            dump(fh)
        os.replace(tmp, path)
    except BaseException as ex:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(ex, OSError):
            return False
        raise
    evict(path, keep)
    return True


def read_signed(path: Path) -> bytes:
    """The bytes signed into a cache file (``write_signed``); raises OSError when there is none,
    it may not be trusted, or its signature does not match (it is then never used)."""
    blob = read(path, lambda fh: fh.read())
    payload = cachetrust.unseal(cachetrust.signing_key(path.parent), path.name, blob)
    if payload is None:
        raise PermissionError(f"{path}: not signed with this cache's key")
    return payload


def write_signed(path: Path, dump: Callable[[IO[bytes]], None], keep: int) -> bool:
    """``write`` of what ``dump(file)`` writes, signed with this cache's key (made if need be)."""
    import io

    buf = io.BytesIO()
    dump(buf)
    key = cachetrust.signing_key(path.parent, create=True)
    if key is None:
        return False
    blob = cachetrust.seal(key, path.name, buf.getvalue())
    return write(path, lambda fh: fh.write(blob), keep)


def evict(current: Path, keep: int) -> None:
    """Remove, beside ``current``: files of other versions or unversioned names, the oldest files
    of its kind beyond ``keep`` (``current`` included), and stale temporary files."""
    m = _NAME.fullmatch(current.name)
    kind = m["kind"] if m else ""
    now = time.time()
    same: list[tuple[float, Path]] = []
    try:
        entries = list(os.scandir(current.parent))
    except OSError:
        return
    for e in entries:
        try:
            if not e.is_file(follow_symlinks=False):
                continue
            name = e.name
            if _TEMP.fullmatch(name):
                if now - e.stat(follow_symlinks=False).st_mtime > STALE_TEMP_SECONDS:
                    os.unlink(e.path)
                continue
            if _UNVERSIONED.fullmatch(name):
                os.unlink(e.path)
                continue
            got = _NAME.fullmatch(name)
            if got is None:
                continue  # not a cache file of ours: left alone
            if got["version"] != VERSION:
                os.unlink(e.path)
            elif got["kind"] == kind and name != current.name:
                same.append((e.stat(follow_symlinks=False).st_mtime, Path(e.path)))
        except OSError:
            continue
    same.sort(reverse=True)
    for _, old in same[max(keep - 1, 0):]:
        try:
            old.unlink()
        except OSError:
            pass


def file_digests(paths: Iterable[str | Path]) -> list[bytes | None]:
    """The sha256 of each file's bytes (None for a file that cannot be read), from the remembered
    stamps when a file is unchanged since it was recorded well after its last change."""
    memo = _stamps()
    out: list[bytes | None] = []
    changed = False
    for p in paths:
        name = str(p)
        try:
            st = os.stat(name)
        except OSError:
            out.append(None)
            continue
        sig = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
        known = memo.get(name)
        if known is not None and known[0] == sig and known[2] - max(st.st_mtime_ns, st.st_ctime_ns) >= RACY_NS:
            out.append(known[1])
            _seen.add(name)
            continue
        try:
            with open(name, "rb") as fh:
                digest = hashlib.sha256(fh.read()).digest()
        except OSError:
            out.append(None)
            continue
        memo[name] = (sig, digest, time.time_ns())
        _seen.add(name)
        changed = True
        out.append(digest)
    if changed and enabled():
        _save_stamps(memo)
    return out


_stamps_memo: dict[str, tuple[tuple[int, int, int, int], bytes, int]] | None = None
_seen: set[str] = set()


def _stamps() -> dict[str, tuple[tuple[int, int, int, int], bytes, int]]:
    """The remembered stamps (read once per process)."""
    global _stamps_memo
    if _stamps_memo is None:
        _stamps_memo = {}
        if enabled():
            import json

            try:
                got = read(entry("stamps", _STAMPS_KEY), json.load)
                _stamps_memo = {name: ((r[0], r[1], r[2], r[3]), bytes.fromhex(r[4]), r[5]) for name, r in got.items()}
            except Exception:  # noqa: BLE001 - a missing or foreign stamps file: every file is read
                _stamps_memo = {}
    return _stamps_memo


def _save_stamps(memo: dict[str, Any]) -> None:
    import json

    if len(memo) > STAMPS_KEPT:  # forget files that are gone (test folders), then the oldest
        for name in [n for n in memo if n not in _seen and not os.path.exists(n)]:
            del memo[name]
        for name, _ in sorted(memo.items(), key=lambda kv: kv[1][2])[: max(len(memo) - STAMPS_KEPT, 0)]:
            del memo[name]
    text = json.dumps({name: [*sig, digest.hex(), when] for name, (sig, digest, when) in memo.items()},
                      separators=(",", ":")).encode()
    write(entry("stamps", _STAMPS_KEY), lambda fh: fh.write(text), keep=1)


def clean() -> tuple[int, int]:
    """Empty the cache folder; (files removed, their bytes)."""
    root = folder()
    files = size = 0
    try:
        entries = list(os.scandir(root))
    except OSError:
        return 0, 0
    for e in entries:
        try:
            if e.is_dir(follow_symlinks=False):
                for sub, _, names in os.walk(e.path):
                    for n in names:
                        files += 1
                        size += os.lstat(os.path.join(sub, n)).st_size
                shutil.rmtree(e.path)
            else:
                size += e.stat(follow_symlinks=False).st_size
                os.unlink(e.path)
                files += 1
        except OSError:
            continue
    return files, size

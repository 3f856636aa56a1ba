"""The validated rule set (and what is compiled from rules), cached on disk next to the
reference store (the folder of ``factcheck/cache.py``: ``factcheck cache dir``); ``--no-cache`` or
``FACTCHECK_NO_CACHE=1`` turns it off.

Parsing and validating every YAML rule file takes most of a cold start; a rule set that loaded
without error is pickled under a key made of the rule files' paths and contents, the rule schema
and the loader's own code, so any change to any of them is a miss and a fresh, validated load.
A cache that cannot be read or written is simply not used.

A pickle runs code when it is loaded, so each is signed (``factcheck/cachetrust.py``): one is
unpickled only from a folder and a file of the user's own that no one else may write, and only
when its HMAC, keyed by the user's secret in the cache folder, matches its name and bytes; any
other is a miss, rebuilt and written again, never unpickled.
"""
from __future__ import annotations

import hashlib
import pickle
import re
import sys
from pathlib import Path
from typing import Any, Callable, Iterable

import _sre  # type: ignore[import-not-found]

from .. import cache as store

#: Bump when the pickled layout changes (the code hash below also invalidates the cache).
FORMAT = 1
#: How many cached rule sets (different rules or code versions) to keep.
KEEP = 6


def cache_dir() -> Path:
    """The cache folder, shared with the reference store (factcheck/cache.py)."""
    return store.folder()


def enabled() -> bool:
    return store.enabled()


def rule_files(root: Path) -> list[Path]:
    """The files the loader reads under ``root`` (links out of it are the loader's errors)."""
    from .loader import rule_paths

    return rule_paths(root)[0] if root.is_dir() else []


def _digests(files: list[Path]) -> list[bytes]:
    """Each file's sha256 (remembered while unchanged: factcheck/cache.py); OSError if one is unreadable."""
    got = store.file_digests(files)
    if any(d is None for d in got):
        raise OSError("a file of the cache key cannot be read")
    return got  # type: ignore[return-value]


def key(roots: tuple[str, ...]) -> str:
    here = Path(__file__).resolve().parent
    h = hashlib.sha256(f"factcheck-rules-{FORMAT}-{sys.version_info[:2]}".encode())
    code = sorted(here.glob("*.py")) + sorted(here.glob("*.json")) + [here.parent / "model.py"]
    for f, digest in zip(code, _digests(code)):
        h.update(f.name.encode())
        h.update(digest)
    for root in roots:
        h.update(b"\0root\0" + root.encode())
        files = rule_files(Path(root))
        for f, digest in zip(files, _digests(files)):
            h.update(str(f).encode())
            h.update(digest)
    return h.hexdigest()


def _load(path: Path, k: str) -> tuple[bool, Any]:
    """(True, value) when ``path`` holds a value stored under key ``k``; else (False, None)."""
    try:
        got = pickle.loads(store.read_signed(path))  # raises before unpickling unless signed by us
        if isinstance(got, tuple) and len(got) == 2 and got[0] == k:
            return True, got[1]
    except Exception:  # noqa: BLE001 - a stale or foreign cache file is a miss, whatever is wrong with it
        pass
    return False, None


def cached(roots: tuple[str, ...], build: Callable[[], Any]) -> Any:
    """The rule set for ``roots``: from the cache when its key matches, else built and stored."""
    if not enabled():
        return build()
    try:
        k = key(roots)
    except OSError:
        return build()
    # A rule error raises in build(): nothing is cached then.
    return _through(store.entry("rules", k), k, build)


def compiled(name: str, files: Iterable[str | Path], code: Iterable[str | Path], build: Callable[[], Any]) -> Any:
    """Something built from ``files`` by ``code`` (e.g. the extractor's compiled tables), from the
    cache when neither changed. Regular expressions in it are stored compiled (see ``_Pickler``),
    so a hit costs no regex compilation."""
    if not enabled():
        return build()
    try:
        h = hashlib.sha256(f"factcheck-{name}-{FORMAT}-{sys.version}".encode())
        paths = [Path(f) for f in [*code, *files]]
        for f, digest in zip(paths, _digests(paths)):
            h.update(str(f).encode())
            h.update(digest)
        k = h.hexdigest()
    except OSError:
        return build()
    return _through(store.entry(name, k), k, build, compiled_regexes=True)


def compiled_value(name: str, content: str, code: Iterable[str | Path], build: Callable[[], Any]) -> Any:
    """Like ``compiled``, keyed by ``content`` (e.g. the entries of lexicon rules already in
    memory) instead of files."""
    if not enabled():
        return build()
    try:
        h = hashlib.sha256(f"factcheck-{name}-{FORMAT}-{sys.version}".encode())
        paths = [Path(f) for f in code]
        for f, digest in zip(paths, _digests(paths)):
            h.update(str(f).encode())
            h.update(digest)
        h.update(content.encode("utf-8", "surrogatepass"))
        k = h.hexdigest()
    except OSError:
        return build()
    return _through(store.entry(name, k), k, build, compiled_regexes=True)


def _through(path: Path, k: str, build: Callable[[], Any], compiled_regexes: bool = False) -> Any:
    """The value stored at ``path`` under key ``k``; else built, stored and returned."""
    hit, got = _load(path, k)
    if hit:
        return got
    value = build()
    _save(path, (k, value), compiled_regexes=compiled_regexes)
    return value


def _rebuild_pattern(pattern: Any, flags: int, code: list[int], groups: int, groupindex: dict[str, int],
                     indexgroup: tuple[Any, ...]) -> re.Pattern[Any]:
    try:
        return _sre.compile(pattern, flags, code, groups, groupindex, indexgroup)  # type: ignore[no-any-return]
    except Exception:  # noqa: BLE001 - another Python's code: compile from the source instead
        return re.compile(pattern, flags)


class _Pickler(pickle.Pickler):
    """Stores a compiled ``re`` pattern as its compiled program, not its source.

    NOTE: pickle recompiles patterns from source on load, which is most of the extractor's start-up.
    The program is what ``re`` itself hands to ``_sre.compile``; the cache key holds the exact
    Python version, and a pattern that does not rebuild is compiled from its source instead.
    """

    def reducer_override(self, obj: Any) -> Any:
        if type(obj) is re.Pattern:
            from re import _compiler, _parser  # type: ignore[attr-defined]

            parsed = _parser.parse(obj.pattern, obj.flags)
            code = [int(x) for x in _compiler._code(parsed, obj.flags)]
            indexgroup: list[Any] = [None] * parsed.state.groups
            for k, i in parsed.state.groupdict.items():
                indexgroup[i] = k
            return _rebuild_pattern, (obj.pattern, obj.flags | parsed.state.flags, code, parsed.state.groups - 1,
                                      dict(parsed.state.groupdict), tuple(indexgroup))
        return NotImplemented


def _save(path: Path, value: Any, compiled_regexes: bool = False) -> None:
    """Store ``value`` atomically (factcheck/cache.py evicts stale files after the write)."""

    def dump(fh: Any) -> None:
        if compiled_regexes:
            _Pickler(fh, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
        else:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)

    try:
        store.write_signed(path, dump, KEEP)
    except Exception:  # noqa: BLE001 - an unpicklable value is simply not cached
        return

"""Whether the cache may be trusted: who owns the folder and its files, and the signature that
binds each pickle to this user's cache.

Three of the caches are pickles (``ruleset/cache.py``: the rule set, the extractor's tables, the
framing cues), and unpickling runs code named in the file. So nothing is unpickled unless

- the cache folder belongs to the user running factcheck and no one else may write to it (group
  and others have no write bit). A folder that fails this is not used at all, for any cache (the
  reference store's SQLite and JSON too): the run builds what it needs in memory, and one warning
  line says why and how to fix it (``cache.enabled``). The folder is created ``0700``;
- the file itself (read through the open file, so it cannot be swapped between the check and the
  read) belongs to the user and is writable by no one else;
- its HMAC-SHA256 matches: each pickle is written as ``MAGIC``, the MAC and the pickled bytes,
  the MAC keyed by a per-user secret (``KEY_NAME`` in the cache folder: 32 random bytes, mode
  ``0600``, made when the first pickle is written) over the file's name and its bytes. A pickle
  that fails (written by someone else, copied from another cache, renamed from another entry,
  damaged, or of the format before signatures) is a cache miss: it is rebuilt, never unpickled.

On systems without POSIX owners (Windows) the ownership checks are skipped (the cache folder is
under the user's own profile) and the signature still holds.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import stat
import tempfile
from pathlib import Path

#: The per-user secret that signs pickles (in the cache folder; ``cache clean`` removes it).
KEY_NAME = "signing.key"
#: The first bytes of a signed cache file.
MAGIC = b"factcheck-signed-1\n"
_KEY_BYTES = 32
_MAC_BYTES = hashlib.sha256().digest_size


def _uid() -> int | None:
    getuid = getattr(os, "getuid", None)
    return getuid() if getuid is not None else None


def folder_problem(folder: Path) -> str | None:
    """Why the cache folder must not be used, or None when it may (or does not exist yet: it is
    then created ``0700``)."""
    uid = _uid()
    if uid is None:
        return None
    try:
        st = os.stat(folder)
    except OSError:
        return None  # not there yet (made 0700 when written), or not usable: writes fail, nothing is read
    return _owner_problem(st, uid, "it")


def file_problem(st: os.stat_result, secret: bool = False) -> str | None:
    """Why a cache file (``st``: the stat of the open file) must not be read, or None. A secret
    may not be readable by others either."""
    uid = _uid()
    if uid is None:
        return None
    if not stat.S_ISREG(st.st_mode):
        return "not a regular file"
    problem = _owner_problem(st, uid, "the file")
    if problem is None and secret and st.st_mode & 0o077:
        return f"others can read the file (mode {stat.S_IMODE(st.st_mode):04o})"
    return problem


def _owner_problem(st: os.stat_result, uid: int, what: str) -> str | None:
    if st.st_uid != uid:
        return f"{what} belongs to another user (uid {st.st_uid}; you are uid {uid})"
    if st.st_mode & 0o022:
        return f"others can write to {what} (mode {stat.S_IMODE(st.st_mode):04o})"
    return None


def _read_key(path: Path) -> bytes | None:
    """The key at ``path`` when it is sound: a regular file of the user, readable by no one else
    (not a symbolic link), of the right length."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        if file_problem(os.fstat(fd), secret=True) is not None:
            return None
        data = os.read(fd, _KEY_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    return data if len(data) == _KEY_BYTES else None


def signing_key(folder: Path, create: bool = False) -> bytes | None:
    """This cache's signing key; with ``create``, a new one when there is none or the one there
    is not sound (then every pickle signed with the old one is rebuilt). None when there is none
    and it cannot be made."""
    path = folder / KEY_NAME
    key = _read_key(path)
    if key is not None or not create:
        return key
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".key-", suffix=".tmp", dir=folder)  # mode 0600
    except OSError:
        return None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(secrets.token_bytes(_KEY_BYTES))
        try:
            os.link(tmp, path)  # never over a key another process just made
        except FileExistsError:
            if _read_key(path) is None:  # a key that is not sound is replaced
                os.replace(tmp, path)
        except OSError:  # no hard links on this file system
            os.replace(tmp, path)
    except OSError:
        return None
    finally:
        try:
            os.unlink(tmp)
        except OSError:
            pass
    return _read_key(path)


def _mac(key: bytes, name: str, payload: bytes) -> bytes:
    h = hmac.new(key, MAGIC, hashlib.sha256)
    h.update(name.encode("utf-8", "surrogatepass") + b"\0")
    h.update(payload)
    return h.digest()


def seal(key: bytes, name: str, payload: bytes) -> bytes:
    """The bytes of the cache file ``name`` holding ``payload``, signed."""
    return MAGIC + _mac(key, name, payload) + payload


def unseal(key: bytes | None, name: str, blob: bytes) -> bytes | None:
    """The payload of the cache file ``name`` whose bytes are ``blob``, or None when it is not
    signed with ``key`` under that name."""
    if key is None or not blob.startswith(MAGIC):
        return None
    start = len(MAGIC) + _MAC_BYTES
    mac, payload = blob[len(MAGIC):start], blob[start:]
    return payload if hmac.compare_digest(mac, _mac(key, name, payload)) else None

"""Write a file whole or not at all: a temporary file in the same folder, flushed to disk, then
renamed over the target (atomic on POSIX and Windows). An interrupted or failed write leaves the
old file (or none) and no temporary file behind.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import InputError


def write_atomic(path: str | os.PathLike[str], text: str) -> None:
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise InputError("cannot write the report: no such folder", path=str(folder))
    if target.is_dir():
        raise InputError("cannot write the report: is a folder", path=str(target))
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            mode = os.stat(target).st_mode & 0o777 if target.exists() else 0o666 & ~_umask()
            os.chmod(tmp, mode)
        except OSError:
            pass
        os.replace(tmp, target)
        tmp = None
    except OSError as ex:
        raise InputError(f"cannot write the report: {ex.strerror or ex}", path=str(target)) from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask

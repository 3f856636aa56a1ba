"""Write a file whole or not at all: a temporary file in the same folder, flushed to disk, then
renamed over the target (atomic on POSIX and Windows). An interrupted or failed write leaves the
old file (or none) and no temporary file behind.

A target that exists and is not a regular file (``/dev/null``, ``/dev/stdout``, a FIFO, a
terminal) is written to directly, as the shell's ``>`` does, and never replaced: a rename would
put a regular file in its place. A symbolic link stays a link: the file it points to is written.
"""
from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from .errors import InputError


def write_atomic(path: str | os.PathLike[str], text: str) -> None:
    with open_atomic(path) as fh:
        try:
            fh.write(text)
        except OSError as ex:
            raise InputError(f"cannot write the report: {ex.strerror or ex}", path=str(path)) from None


@contextmanager
def open_atomic(path: str | os.PathLike[str]) -> Iterator[IO[str]]:
    """A text file to write a report into as it comes; it replaces ``path`` when the block ends
    without an exception, and is removed when it raises (or the run is interrupted)."""
    target = Path(path)
    try:
        mode = os.stat(target).st_mode  # through symbolic links
    except FileNotFoundError:
        mode = None
    except OSError as ex:
        raise InputError(f"cannot write the report: {ex.strerror or ex}", path=str(target)) from None
    if mode is not None and stat.S_ISDIR(mode):
        raise InputError("cannot write the report: is a folder", path=str(target))
    if mode is not None and not stat.S_ISREG(mode):
        with _write_through(target) as fh:
            yield fh
        return
    if target.is_symlink():
        target = Path(os.path.realpath(target))
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise InputError("cannot write the report: no such folder", path=str(folder))
    if target.is_dir():
        raise InputError("cannot write the report: is a folder", path=str(target))
    tmp = None
    try:
        try:
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
            fh = os.fdopen(fd, "w", encoding="utf-8", newline="")
        except OSError as ex:
            raise InputError(f"cannot write the report: {ex.strerror or ex}", path=str(target)) from None
        with fh:
            yield fh
            try:
                fh.flush()
                os.fsync(fh.fileno())
            except OSError as ex:
                raise InputError(f"cannot write the report: {ex.strerror or ex}", path=str(target)) from None
        try:
            mode = os.stat(target).st_mode & 0o777 if target.exists() else 0o666 & ~_umask()
            os.chmod(tmp, mode)
        except OSError:
            pass
        try:
            os.replace(tmp, target)
        except OSError as ex:
            raise InputError(f"cannot write the report: {ex.strerror or ex}", path=str(target)) from None
        tmp = None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


@contextmanager
def _write_through(target: Path) -> Iterator[IO[str]]:
    """Write to a device, FIFO or terminal as it is (opening a FIFO waits for its reader)."""
    try:
        fd = os.open(target, os.O_WRONLY)
        fh = os.fdopen(fd, "w", encoding="utf-8", newline="")
    except OSError as ex:
        raise InputError(f"cannot write the report: {ex.strerror or ex}", path=str(target)) from None
    try:
        with fh:
            yield fh
    except OSError as ex:
        raise InputError(f"cannot write the report: {ex.strerror or ex}", path=str(target)) from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask

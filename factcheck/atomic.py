"""Write a file whole or not at all: the report goes to a temporary file in the target's folder,
flushed to disk, then renamed over the target (atomic on POSIX and Windows). An interrupted or
failed write (SIGINT, SIGTERM, a full disk, a read-only folder) leaves the old file (or none), no
temporary file, and one error line (``InputError``: exit 2).

The temporary file has no name while it is written where the system allows (Linux,
``O_TMPFILE``): a run killed outright (SIGKILL, the OOM killer, a power cut) leaves nothing in the
folder; the file is given a name only for the instant of the rename. Elsewhere it is a hidden file
``.NAME.XXXXXXXX.tmp`` held under an advisory lock (``flock``) while it is written; the next write
of the same target removes such files whose writer is gone (their lock free, untouched for
``STALE_SECONDS``).

Two runs writing the same target each write their own temporary file; the last rename wins and
the target is always one whole report.

A target that exists and is not a regular file (``/dev/null``, ``/dev/stdout``, a FIFO, a
terminal) is written to directly, as the shell's ``>`` does, and never replaced: a rename would
put a regular file in its place. A symbolic link stays a link: the file it points to is written.
"""
from __future__ import annotations

import os
import secrets
import stat
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from .errors import InputError

#: A named temporary file whose lock is free and which was last written this long ago is a dead run's.
STALE_SECONDS = 10.0


def write_atomic(path: str | os.PathLike[str], text: str) -> None:
    with open_atomic(path) as fh:
        fh.write(text)


@contextmanager
def open_atomic(path: str | os.PathLike[str]) -> Iterator[IO[str]]:
    """A text file to write a report into as it comes; it replaces ``path`` when the block ends
    without an exception, and is removed when it raises (or the run is interrupted). A write that
    fails (no space left) raises ``InputError`` naming ``path``."""
    target = Path(path)
    try:
        mode = os.stat(target).st_mode  # through symbolic links
    except FileNotFoundError:
        mode = None
    except OSError as ex:
        raise _error(ex, target) from None
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
    sweep(folder, target.name)
    tmp = _Temp(folder, target)
    try:
        out = _Checked(os.fdopen(tmp.fd, "w", encoding="utf-8", newline="", closefd=False), target)
        yield out
        out.flush()
        try:
            os.fsync(tmp.fd)
        except OSError as ex:
            raise _error(ex, target) from None
        tmp.commit(mode & 0o777 if mode is not None else 0o666 & ~_umask())
    finally:
        tmp.discard()


class _Checked:
    """A text file whose write errors are one line naming the report (``InputError``)."""

    def __init__(self, fh: IO[str], target: Path) -> None:
        self._fh, self._target = fh, target

    def write(self, text: str) -> int:
        try:
            return self._fh.write(text)
        except OSError as ex:
            raise _error(ex, self._target) from None

    def flush(self) -> None:
        try:
            self._fh.flush()
        except OSError as ex:
            raise _error(ex, self._target) from None

    def close(self) -> None:
        try:
            self._fh.close()
        except OSError:  # what could not be written is not wanted any more
            pass

    def isatty(self) -> bool:
        return False


class _Temp:
    """The temporary file of one write: unnamed (``O_TMPFILE``) where the folder allows, else a
    named hidden file; locked (``flock``) while it is written, so that ``sweep`` knows it is live."""

    def __init__(self, folder: Path, target: Path) -> None:
        import fcntl

        self.folder, self.target = folder, target
        self.name: str | None = None
        self.fd = -1
        if hasattr(os, "O_TMPFILE") and os.path.isdir("/proc/self/fd"):
            try:
                self.fd = os.open(folder, os.O_TMPFILE | os.O_WRONLY | os.O_CLOEXEC, 0o600)
            except OSError:  # a file system without it; a real problem shows again just below
                self.fd = -1
        if self.fd < 0:
            try:
                self.fd, self.name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
            except OSError as ex:
                raise _error(ex, target) from None
        fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def commit(self, mode: int) -> None:
        """Give the file the target's permissions and put it in the target's place."""
        try:
            os.fchmod(self.fd, mode)
        except OSError:
            pass
        try:
            if self.name is None:  # named only now, for the rename
                self.name = self._link()
            os.replace(self.name, self.target)
            self.name = None
        except OSError as ex:
            raise _error(ex, self.target) from None

    def _link(self) -> str:
        """A name in the folder for the unnamed file: linkat(AT_SYMLINK_FOLLOW) of its /proc link
        (CPython calls linkat only when given a directory fd; plain link() would not follow)."""
        folder = os.open(self.folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        try:
            while True:
                base = f".{self.target.name}.{secrets.token_hex(4)}.tmp"
                try:
                    os.link(f"/proc/self/fd/{self.fd}", base, dst_dir_fd=folder, follow_symlinks=True)
                    return str(self.folder / base)
                except FileExistsError:
                    continue
        finally:
            os.close(folder)

    def discard(self) -> None:
        if self.name is not None:
            try:
                os.unlink(self.name)
            except OSError:
                pass
            self.name = None
        if self.fd >= 0:
            try:
                os.close(self.fd)
            except OSError:
                pass
            self.fd = -1


def sweep(folder: Path, name: str) -> list[str]:
    """Remove the temporary files that runs writing ``name`` in ``folder`` left when they were
    killed: their lock is free and they were last written ``STALE_SECONDS`` ago or more. -> the
    names removed."""
    import fcntl

    prefix, removed = f".{name}.", []
    try:
        entries = [e for e in os.scandir(folder) if e.name.startswith(prefix) and e.name.endswith(".tmp")
                   and len(e.name) == len(prefix) + 12]  # mkstemp's 8 characters, ".tmp"
    except OSError:
        return removed
    for e in entries:
        try:
            fd = os.open(e.path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK)
        except OSError:
            continue
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode) or time.time() - st.st_mtime < STALE_SECONDS:
                continue
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                continue  # a live run's
            os.unlink(e.path)
            removed.append(e.name)
        except OSError:
            continue
        finally:
            os.close(fd)
    return removed


@contextmanager
def _write_through(target: Path) -> Iterator[IO[str]]:
    """Write to a device, FIFO or terminal as it is (opening a FIFO waits for its reader)."""
    try:
        fd = os.open(target, os.O_WRONLY)
    except OSError as ex:
        raise _error(ex, target) from None
    out = _Checked(os.fdopen(fd, "w", encoding="utf-8", newline=""), target)
    try:
        yield out
        out.flush()
    finally:
        out.close()


def _error(ex: OSError, target: Path) -> InputError:
    return InputError(f"cannot write the report: {ex.strerror or ex}", path=str(target))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask

"""Symbolic links and paths in folders of rules and datasets from others.

A rule folder (``--rules``), a data folder (``--data``) or a dataset's ``datapackage.json`` may
come from outside the newsroom. What factcheck reads from them stays inside them:

- a symbolic link is followed only when its target is inside the folder given (a link to a rule
  file within the folder is read; a link to a folder within it is not descended, as its files
  are read where they are). A link whose target is outside the folder, a link that loops, and a
  dangling link where factcheck would read a file are each a problem: one line naming the link,
  so the run stops (exit 2) instead of reading ``/etc`` or hanging;
- a resource ``path`` of a data package must be a relative path inside the package's folder: not
  a URL (nothing is downloaded), not absolute, without ``..``, and not a link out of the folder.
"""
from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path, PurePosixPath, PureWindowsPath

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:(//|[^\\/])|^//")


def _resolve(path: Path) -> tuple[Path | None, str | None]:
    """(the path a link leads to, None), or (None, why it leads nowhere)."""
    try:
        return path.resolve(strict=True), None
    except FileNotFoundError:
        return None, f"symbolic link to {os.readlink(path) if path.is_symlink() else path}, which does not exist"
    except (RuntimeError, OSError):  # RuntimeError: "Symlink loop" (Python < 3.13); OSError: ELOOP
        return None, "symbolic link loop"


def link_problem(link: Path, root: Path, what: str) -> str | None:
    """Why the symbolic link ``link`` under ``root`` (resolved) may not be followed, or None when
    its target is inside ``root``. ``what`` names the folder in the message ("rule folder")."""
    target, why = _resolve(link)
    if target is None:
        return f"{link}: {why}"
    if not target.is_relative_to(root):
        return f"{link}: symbolic link to {target}, outside the {what} {root}; factcheck follows links only within it"
    return None


def walk_files(root: Path, wanted: Callable[[str], bool], what: str) -> tuple[list[Path], list[str]]:
    """The files under ``root`` whose names ``wanted`` accepts, sorted, and the problems of the
    symbolic links met (see the module's docstring). Never follows a link out of ``root``, never
    loops."""
    top = root.resolve()
    found: list[Path] = []
    problems: list[str] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(dirpath)
        for name in dirnames:  # links to folders are listed here and never descended
            p = here / name
            if p.is_symlink():
                problem = link_problem(p, top, what)
                if problem:
                    problems.append(problem)
        for name in filenames:
            p = here / name
            if not p.is_symlink():
                if wanted(name):
                    found.append(p)
                continue
            target, why = _resolve(p)
            if target is None:  # a loop is a problem whatever its name; a dangling link if it would be read
                if why == "symbolic link loop" or wanted(name):
                    problems.append(f"{p}: {why}")
                continue
            if wanted(name):
                problem = link_problem(p, top, what)
                if problem:
                    problems.append(problem)
                else:
                    found.append(p)
    return sorted(found), problems


def resource_path_problem(base: Path, rel: str) -> str | None:
    """Why a data package's resource ``path`` ``rel`` (relative to the package folder ``base``)
    may not be read, or None."""
    if _URL.match(rel):
        return f"path {rel!r} is a URL; factcheck reads only files inside the dataset folder (nothing is downloaded)"
    if PurePosixPath(rel).is_absolute() or PureWindowsPath(rel).anchor:
        return f"path {rel!r} is absolute; a resource's path is relative to its datapackage.json"
    if ".." in PurePosixPath(rel.replace("\\", "/")).parts:
        return f"path {rel!r} leaves the dataset folder ('..')"
    path = base / rel
    if not os.path.lexists(path):
        return None  # reported as a missing file where it is read
    top = base.resolve()
    target, why = _resolve(path)
    if target is None:
        return f"path {rel!r}: {why}"
    if not target.is_relative_to(top):
        return f"path {rel!r} is a symbolic link to {target}, outside the dataset folder {top}"
    return None

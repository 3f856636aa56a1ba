"""``factcheck data validate [PATH]``: every problem of every dataset, at once.

PATH may be a ``datapackage.json``, a dataset folder, or a root holding dataset folders
(default: the project's ``reference_data/``). Nothing here prints; the CLI does.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from factcheck.errors import DatasetError
from factcheck.reference.catalog import default_root, find, validate_package


@dataclass(frozen=True)
class ValidationReport:
    """Problems per dataset folder (an empty tuple means valid)."""

    results: tuple[tuple[str, tuple[str, ...]], ...]

    @property
    def ok(self) -> bool:
        return all(not p for _, p in self.results)

    @property
    def problems(self) -> list[str]:
        return [p for _, ps in self.results for p in ps]


def validate(path: Path | str | None = None) -> ValidationReport:
    """Validate every package under ``path``; never raises for data problems."""
    root = Path(path) if path is not None else default_root()
    links: list[str] = []
    if root.is_file() and root.name == "datapackage.json":
        descriptors, links = find([root.parent])
    else:
        descriptors, links = find([root])
    if links:  # symbolic links out of the folder, loops (factcheck/safepaths.py)
        return ValidationReport(((str(root), tuple(links)),))
    if not descriptors:
        return ValidationReport(((str(root), (f"{root}: no datapackage.json found",)),))
    results = []
    for d in descriptors:
        results.append((str(d.parent), tuple(validate_package(d))))
    return ValidationReport(tuple(results))


def check(path: Path | str | None = None) -> None:
    """Raise ``DatasetError`` listing every problem when anything under ``path`` is invalid."""
    report = validate(path)
    if not report.ok:
        n = len(report.problems)
        raise DatasetError(f"{n} reference data problem{'s' if n != 1 else ''}",
                           path=str(path or default_root()), problems=report.problems)


def validate_paths(paths: list[Path] | None = None) -> list[str]:
    """Every problem of every package under ``paths`` (default: the shipped data), as lines."""
    out: list[str] = []
    for p in paths or [default_root()]:
        out.extend(validate(p).problems)
    return out

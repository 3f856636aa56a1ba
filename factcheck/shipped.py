"""Where the files factcheck ships are found: the one place that knows.

The rule files (``rules/`` at the top of the repository) and the reference datasets
(``reference_data/``) are the packages ``factcheck.rules`` and ``factcheck.reference_data``:
``pyproject.toml`` maps the two folders into the package (setuptools ``package-dir``), so the
wheel and the sdist carry them, and an editable install (``make``) finds them where they are in
the checkout. Every shipped file, those two folders and the package's own data (the JSON Schemas,
the unit definitions), is found here with ``importlib.resources``, never relative to a checkout.

Installs unpack to the file system (pip, pipx), so each folder is a real ``Path``; a package that
cannot be found (an editable install made before this layout: run ``make install`` again) gives
a path that does not exist, and the rule loader and the catalog say so.
"""
from __future__ import annotations

import functools
from pathlib import Path

#: The packages that hold the shipped rules and reference data.
RULES_PACKAGE = "factcheck.rules"
REFERENCE_DATA_PACKAGE = "factcheck.reference_data"


@functools.cache
def package_dir(package: str) -> Path:
    """The folder of ``package`` (``factcheck``, ``factcheck.rules``, ``factcheck.schema``...)."""
    from importlib.resources import files

    try:
        root = files(package)
    except ModuleNotFoundError:
        return Path(__file__).resolve().parent.joinpath(*package.split(".")[1:])
    if isinstance(root, Path):
        return root
    # NOTE: not a plain folder (a zip import): the loader's own path, for the file system calls
    # (glob, stat) that the rule loader and the catalog make.
    return Path(str(root))


def rules_dir() -> Path:
    """The shipped rule folder (``rules/``): extract/, lexicon/, metrics/, checks/, consistency/."""
    return package_dir(RULES_PACKAGE)


def lexicon_dir() -> Path:
    """The shipped lexicons (``rules/lexicon/``)."""
    return rules_dir() / "lexicon"


def reference_data_dir() -> Path:
    """The shipped datasets (``reference_data/``), one data package per folder."""
    return package_dir(REFERENCE_DATA_PACKAGE)


def package_file(package: str, name: str) -> Path:
    """A data file of one of factcheck's own packages (``factcheck.schema``, ``report.schema.json``)."""
    return package_dir(package) / name

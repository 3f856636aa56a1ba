"""factcheck: find every numeric claim in news copy and check it against reference data.

Public API (docs/api.md, whose examples run as tests)::

    factcheck.extract(text, include_all=False) -> list[Quantity]
    factcheck.check_text(text, as_of="2020-02-20", path="<text>", format=None) -> DocumentReport
    factcheck.check_file(path, as_of=None, encoding=None) -> DocumentReport

and the objects they return: ``Quantity``, ``Claim``, ``Finding``, ``Evidence``,
``Observation``, ``DocumentReport``, ``Document``, ``Report``, ``Verdict``, ``Qualifier``,
``Level``, ``Span``, ``Period``, ``Accepted``, ``Notice``.

Heavy dependencies (pandas, pint) load only when a stage needs them.
"""
from __future__ import annotations

import datetime as dt
import functools
import os
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .model import Document, DocumentReport, Quantity
    from .pipeline import Checker


# NOTE: the submodule ``factcheck.extract`` shares its name with the public function; importing
# it here, once, and binding the name afterwards keeps ``factcheck.extract`` the function.
from . import extract as _extract_module  # noqa: E402

extract = _extract_module.extract


@functools.lru_cache(maxsize=1)
def default_checker() -> "Checker":
    from .pipeline import Checker

    return Checker()


def check_text(text: str, as_of: dt.date | str | None = None, path: str = "<text>", *,
               format: str | None = None) -> "DocumentReport":
    """Check the numeric claims of a text -> ``DocumentReport``.

    ``as_of``: the date the text speaks as of (a ``datetime.date``, ``"YYYY-MM-DD"`` or
    ``"today"``); None: the text's own date (front matter, a ``date:`` line, a date in ``path``,
    a wire dateline), else undated. ``path``: the name to report (and to take a date from);
    ``format``: ``text``, ``markdown`` or ``html`` (default: by the suffix of ``path``, else text).
    Suppression notes in the text are applied (``accepted``, ``notices``); no configuration file
    is read. ``InputError`` for a date that is not one."""
    from .documents import format_of, from_text

    fmt = format or (format_of(path) if path != "<text>" else "text")
    if fmt == "docx":
        raise ValueError("check_text reads text, Markdown or HTML; use check_file for a .docx")
    return _checked(from_text(text, path, as_of, fmt))


def check_file(path: "str | os.PathLike[str]", as_of: dt.date | str | None = None, *,
               encoding: str | None = None) -> "DocumentReport":
    """Check a draft file (``.txt``, ``.md``, ``.html``, ``.docx``; ``-`` for standard input), read as
    ``factcheck check`` reads it -> ``DocumentReport``. ``as_of`` as for ``check_text``;
    ``encoding`` for a file that is not UTF-8 and declares none. ``InputError`` for a file that
    cannot be read (it names the file and line)."""
    from .documents import read_document

    return _checked(read_document(path, as_of, encoding=encoding))


def _checked(doc: "Document") -> "DocumentReport":
    """A document checked by the shipped rules and data, with the suppressions written in it."""
    from .suppressions import WORKFLOW_RULES, suppress

    checker = default_checker()
    known = {r.code for r in checker.ruleset.rules} | {r.id for r in checker.ruleset.rules} | set(WORKFLOW_RULES)
    return suppress(checker.check_document(doc), known)


__all__ = ["extract", "check_text", "check_file", "default_checker", "__version__", "Accepted", "Claim",
           "Document", "DocumentReport", "Evidence", "Finding", "Level", "Notice", "Observation", "Period",
           "Quantity", "Qualifier", "Report", "Span", "Verdict", "InputError"]

#: The objects the API returns, importable from ``factcheck`` (``factcheck.Finding``).
_MODEL_NAMES = frozenset({"Accepted", "Claim", "Document", "DocumentReport", "Evidence", "Finding", "Level",
                          "Notice", "Observation", "Period", "Quantity", "Qualifier", "Report", "Span", "Verdict"})


def __getattr__(name: str) -> Any:  # pragma: no cover - convenience re-exports
    if name in _MODEL_NAMES:
        from . import model

        return getattr(model, name)
    if name == "InputError":
        from .errors import InputError

        return InputError
    raise AttributeError(name)

"""factcheck: find every numeric claim in news copy and check it against reference data.

Public API::

    factcheck.extract(text, include_all=False) -> list[Quantity]
    factcheck.check_text(text, as_of="2020-02-20") -> DocumentReport
    factcheck.check_file(path, as_of=None) -> DocumentReport

Heavy dependencies (pandas, pint) load only when a stage needs them.
"""
from __future__ import annotations

import datetime as dt
import functools
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .model import DocumentReport, Quantity
    from .pipeline import Checker


# NOTE: the submodule ``factcheck.extract`` shares its name with the public function; importing
# it here, once, and binding the name afterwards keeps ``factcheck.extract`` the function.
from . import extract as _extract_module  # noqa: E402

extract = _extract_module.extract


@functools.lru_cache(maxsize=1)
def default_checker() -> "Checker":
    from .pipeline import Checker

    return Checker()


def check_text(text: str, as_of: dt.date | str | None = None, path: str = "<text>") -> "DocumentReport":
    """Check a text as of a date (ISO string or date)."""
    return default_checker().check_text(text, as_of=as_of, path=path)


def check_file(path: str, as_of: dt.date | str | None = None) -> "DocumentReport":
    from .documents import read_document

    return default_checker().check_document(read_document(path, as_of))


__all__ = ["extract", "check_text", "check_file", "default_checker", "__version__"]


def __getattr__(name: str) -> Any:  # pragma: no cover - convenience re-exports
    if name in ("Report", "DocumentReport", "Finding", "Quantity", "Verdict", "Qualifier"):
        from . import model

        return getattr(model, name)
    raise AttributeError(name)

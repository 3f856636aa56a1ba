"""One exception base for user-facing errors (exit code 2); each names the file and place.

Findings about the text are never exceptions: they are ``Finding`` objects (exit code 1).
"""
from __future__ import annotations


class FactcheckError(Exception):
    """An error the user can fix: bad input, a broken rule, a broken dataset."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None,
                 column: int | None = None, key: str | None = None,
                 problems: "list[FactcheckError] | list[str] | None" = None) -> None:
        super().__init__(message)
        #: Every individual failure behind this error, so all can be reported at once.
        self.problems = list(problems or [])
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        self.key = key

    def __str__(self) -> str:
        where = self.path or ""
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        if self.key:
            where += f" [{self.key}]" if where else f"[{self.key}]"
        return f"{where}: {self.message}" if where else self.message

    def lines(self) -> list[str]:
        """One line per problem (or this error's own line when it has none)."""
        return [str(p) for p in self.problems] or [str(self)]


class InputError(FactcheckError):
    """A document that cannot be read, or a bad option value."""


class RuleError(FactcheckError):
    """A rule file that does not load or does not validate."""


class DatasetError(FactcheckError):
    """A reference dataset that does not load or does not validate (``problems`` lists all)."""

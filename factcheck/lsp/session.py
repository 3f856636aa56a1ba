"""The checks behind the language server, without the protocol: each open document is checked
as `factcheck check` would check the file, with the configuration `factcheck check` would find
when run in the document's workspace folder.

    session = Session(folders=lambda: [Path("/home/me/drafts")])
    checked = session.check("/home/me/drafts/a.md", text, language_id="markdown")   # -> Checked

Rules are loaded once per configuration and the reference store is opened once per server (the
shipped data's catalog is one per process; a configuration with extra data folders has its
own), so a keystroke costs the check of the changed document only. Configurations are found
once per folder and kept until a configuration or baseline file is saved (``forget``).

Everything here runs in the server's one checking thread (the reference store's SQLite
connections belong to the thread that opened them).
"""
from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..config import CONFIG_NAMES, Config, find_config, read_config
from ..errors import FactcheckError
from ..model import DocumentReport

#: Files whose saving changes how documents are checked.
CONFIG_FILES = (*CONFIG_NAMES, "pyproject.toml")

#: languageId -> the format read, for documents whose path has no suffix factcheck knows.
LANGUAGES = {"markdown": "markdown", "html": "html", "plaintext": "text", "text": "text"}


@dataclass(frozen=True)
class Checked:
    """One version of a document and what checking it gave: its report, or the error that
    stopped the check (a bad configuration, front matter with an impossible date)."""

    uri: str
    version: int | None
    text: str
    path: str
    report: DocumentReport | None = None
    error: FactcheckError | None = None
    #: An internal error (a bug): what it was and where, said instead of the findings.
    crash: str | None = None


class _Setup:
    """A folder's configuration, loaded once: its checker (rules, tolerances, selection) and
    the settings `factcheck check` would run with (baseline included); or the error in it."""

    def __init__(self, cfg: Config | None = None, worker: Any = None, error: FactcheckError | None = None) -> None:
        self.cfg, self.worker, self.error = cfg, worker, error


class Session:
    """Configurations by folder and checkers by configuration, for the life of the server."""

    def __init__(self, folders: Callable[[], list[Path]] = list, isolated: bool = False) -> None:
        #: The workspace folders (asked at each check: the client may add and remove them).
        self.folders = folders
        self.isolated = isolated
        self._setups: dict[Path, _Setup] = {}
        #: Checkers (rules as configured, and their reference data) by what they depend on.
        self._checkers: dict[str, Any] = {}

    def folder_of(self, path: Path | None) -> Path:
        """The workspace folder a document belongs to (the innermost that holds it), else the
        document's own folder, else the working folder: where `factcheck check` would be run."""
        if path is not None:
            inside = [f for f in self.folders() if path == f or f in path.parents]
            if inside:
                return max(inside, key=lambda f: len(f.parts))
            return path.parent
        folders = self.folders()
        return folders[0] if folders else Path.cwd()

    def setup(self, folder: Path) -> _Setup:
        got = self._setups.get(folder)
        if got is None:
            got = self._setups[folder] = self._load(folder)
        return got

    def _load(self, folder: Path) -> _Setup:
        from ..baseline import load as load_baseline
        from ..parallel import Worker, make_settings
        from ..workflow import load_checker

        try:
            found = None if self.isolated else find_config(folder)
            cfg = read_config(found) if found else Config()
            counts = load_baseline(cfg.baseline) if cfg.baseline is not None else None
            settings = make_settings(cfg, baseline=counts,
                                     baseline_name=cfg.baseline.name if cfg.baseline is not None else "")
            key = repr((cfg.rules, cfg.data, sorted(cfg.tolerance.items()), cfg.select, cfg.ignore))
            checker = self._checkers.get(key)
            if checker is None:
                checker = self._checkers[key] = load_checker(cfg, None)
            return _Setup(cfg, Worker(settings, checker))
        except FactcheckError as err:
            return _Setup(error=err)

    def forget(self) -> None:
        """Read the configurations again at the next check (a configuration or baseline file was
        saved). Checkers of configurations that did not change are kept."""
        self._setups.clear()

    def is_config_file(self, path: Path) -> bool:
        """Whether saving ``path`` changes how documents are checked."""
        if path.name in CONFIG_FILES:
            return True
        return any(s.cfg is not None and s.cfg.baseline is not None and _same(s.cfg.baseline, path)
                   for s in self._setups.values())

    def check(self, uri: str, version: int | None, text: str, path: str | None,
              language_id: str | None = None) -> Checked:
        """Check ``text`` (the editor's copy of the document at ``path``; None for a document
        with no file yet)."""
        from ..documents import FORMATS, format_of, from_text
        from ..parallel import Facts
        from ..report.common import path_names
        from ..workflow import settle_as_of

        shown = path or uri
        fs = Path(path) if path else None
        try:
            setup = self.setup(self.folder_of(fs))
            if setup.error is not None:
                raise setup.error
            cfg = setup.cfg
            assert cfg is not None
            suffix = os.path.splitext(shown)[1].lower()
            fmt = format_of(shown) if suffix in FORMATS else LANGUAGES.get(language_id or "", "text")
            doc = settle_as_of(from_text(text, shown, None, fmt=fmt), cfg)
            rel = None
            if cfg.baseline is not None:
                from ..baseline import relative

                rel = relative(shown, cfg.baseline.parent)
            report = setup.worker.check(doc, Facts(*path_names(shown), rel, None))
            return Checked(uri, version, text, shown, report=report)
        except FactcheckError as err:
            return Checked(uri, version, text, shown, error=err)
        except Exception as ex:  # noqa: BLE001 -- a bug: said in the editor, the server goes on
            import traceback

            tb = traceback.extract_tb(ex.__traceback__)
            where = f" ({os.path.basename(tb[-1].filename)}:{tb[-1].lineno})" if tb else ""
            return Checked(uri, version, text, shown, crash=f"{type(ex).__name__}: {ex}{where}")

    def warm(self) -> None:
        """Load the rules and open the reference store of each workspace folder's configuration
        now, and check a sentence, so that the first document opened is checked at once."""
        for folder in self.folders() or [Path.cwd()]:
            setup = self.setup(folder)
            if setup.worker is not None:
                self.check("warm:", None, "Turkey hosts 3.6 million Syrian refugees.", str(folder / "warm-up.txt"))


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False

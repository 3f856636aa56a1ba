"""The run behind `factcheck check`: read every document, check it, keep what counts.

    docs = read_documents(paths, config)          # every file first: a bad one fails before output
    report = check_documents(docs, config, baseline)

Selection by code (``select``/``ignore``), suppressions written in the text and the baseline are
applied here, after judging and before rendering; tolerances from the configuration replace the
rules' own before checking.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable

from .config import Config
from .errors import InputError
from .model import Document, Report


def read_documents(paths: list[str], cfg: Config, as_of: dt.date | None = None,
                   stdin_filename: str | None = None) -> list[Document]:
    """Every document of ``paths`` (files, folders, patterns, ``-``), with its as_of settled:
    ``as_of`` if given, else the document's own date, else the configuration's default."""
    from .documents import expand_paths, read_document

    files = expand_paths(paths, cfg.exclude)
    docs = [read_document(p, as_of, encoding=cfg.encoding, name=stdin_filename) for p in files]
    default = cfg.default_as_of()
    out = []
    for d in docs:
        if d.as_of is None:
            if cfg.as_of == "require":
                raise InputError("states no date (front matter `date:`, page metadata or a date in the file "
                                 "name) and the configuration requires one (as-of = \"require\"); pass --as-of",
                                 path=d.path)
            if default is not None:
                d = replace(d, as_of=default, as_of_source="today" if cfg.as_of == "today" else "configuration")
        out.append(d)
    return out


def check_documents(docs: list[Document], cfg: Config, baseline: Path | None = None, *,
                    on_document: Callable[[Document, bool], None] | None = None, changes: Any = None,
                    vintage: str | None = None) -> Report:
    """Check each document; select, suppress and apply the baseline -> Report.
    ``on_document(doc, done)`` is called before and after each document (progress).
    ``changes`` (``gitdiff.Changes``, from ``--diff REF``): findings on lines it does not list
    are accepted, "unchanged since REF". ``vintage`` (``--vintage``): judge against each series'
    newest release on or before that date."""
    from . import __version__
    from .config import apply_tolerances
    from .explain import infos
    from .pipeline import Checker
    from .suppressions import WORKFLOW_RULES, select, suppress

    checker = Checker(cfg.rules or None, cfg.data or None, vintage=vintage)
    checker.ruleset = apply_tolerances(checker.ruleset, cfg)
    from .selection import check_selection

    check_selection(cfg, checker.ruleset)  # an unknown code in select/ignore: exit 2, with a suggestion
    known = {r.code for r in checker.ruleset.rules} | {r.id for r in checker.ruleset.rules} | set(WORKFLOW_RULES)
    accepted: Any = None
    if baseline is not None:
        from .baseline import load

        accepted = load(baseline)
    reports = []
    for doc in docs:
        if on_document:
            on_document(doc, False)
        dr = checker.check_document(doc)
        dr = select(dr, cfg.selects)
        dr = suppress(dr, known, cfg.selects)
        if accepted is not None and baseline is not None:
            from .baseline import accept

            dr = accept(dr, accepted, baseline.parent, baseline.name)
        if changes is not None:
            from .gitdiff import keep_changed

            dr = keep_changed(dr, changes)
        reports.append(dr)
        if on_document:
            on_document(doc, True)
    codes = {f.code for d in reports for f in d.findings} | {a.finding.code for d in reports for a in d.accepted}
    catalog = checker.catalog if codes else None
    return Report(tuple(reports), fail_on=cfg.fail_on, rules=infos(checker.ruleset.rules, codes, catalog),
                  tool_version=__version__)

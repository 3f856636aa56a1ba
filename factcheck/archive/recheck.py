"""``factcheck archive recheck``: when reference data is revised, judge again only the archived
claims bound to a series whose values changed, and report the documents whose verdict changed.

    recheck(archive, cfg, from_vintage="2025-07-01", to_vintage="2026-07-01")   # two vintages held
    recheck(archive, cfg, revised=[Path("new-data")])                          # a revised data folder

1. What changed: ``reference/diff.py`` (the engine of ``factcheck data diff``), one dataset at a
   time: between two vintages of each dataset whose indicators are read in another vintage at
   ``to`` than at ``from``; or between each package of the revised folder and the package of the
   same name it replaces (a package of a new name: every claim bound to that dataset).
2. Which claims: for each changed series (dataset, indicator, entity) one range of the archive's
   index, keeping the claims of a changed period and those bound to the series as a whole
   (``store.py``). Nothing else of the archive is read.
3. Judge again: each document holding such a claim is rebuilt from its stored bytes (its as_of as
   recorded) and checked against the new data; its affected claims are matched to the new
   findings by code, rule and offsets, and those whose verdict changed make the report: a Report
   of the changed findings, each message saying what the verdict was and against which value.

The cost is that of the diff (the size of the revised datasets) plus the affected documents; the
archive's other documents are never read.
"""
from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..config import Config
from ..errors import InputError
from ..model import DocumentReport, Finding, Report
from .add import Judge, entry
from .store import Archive, Stored


@dataclass
class Rechecked:
    """What a recheck found and did."""

    report: Report
    #: What was compared ("wdi@2025-07-01 -> wdi@2026-07-01").
    against: str = ""
    #: Observations added, removed or changed, and the series they belong to.
    changes: int = 0
    series: int = 0
    archived: int = 0
    #: Documents read and checked again, and their claims judged again.
    documents: int = 0
    claims: int = 0
    #: Claims whose verdict changed.
    changed: int = 0
    #: Affected claims the check no longer finds (the rules now read the sentence otherwise).
    gone: int = 0
    paths: list[str] = field(default_factory=list)

    def summary(self) -> str:
        docs = len(self.report.documents)
        return (f"{self.changes:,} changed value{'s' * (self.changes != 1)} in {self.series:,} series ({self.against}); "
                f"{self.claims:,} claim{'s' * (self.claims != 1)} in {self.documents:,} of {self.archived:,} archived "
                f"documents judged again; {self.changed:,} verdict{'s' * (self.changed != 1)} changed in {docs:,} "
                f"document{'s' * (docs != 1)}" + (f"; {self.gone:,} no longer found" if self.gone else ""))


# --------------------------------------------------------------------------------------------
# 1. what changed
# --------------------------------------------------------------------------------------------

def _vintage_changes(cat: Any, names: Iterable[str], v_from: str, v_to: str | None) -> list[Any]:
    from ..reference import choose_vintage
    from ..reference.diff import diff_vintages

    out = []
    for name in names:
        info = cat.datasets[name]
        moved = any(choose_vintage(held, v_from) != choose_vintage(held, v_to)
                    for held in (cat.vintages(ind, dataset=name) for ind in info.indicators))
        if moved:  # a dataset read in the same vintage at both dates has not changed
            out.extend(diff_vintages(cat, name, v_from, v_to).changes)
    return out


def _package_name(descriptor: Path) -> str:
    try:
        name = json.loads(descriptor.read_text(encoding="utf-8")).get("name")
    except (OSError, ValueError, AttributeError) as ex:
        raise InputError(f"cannot read the package's descriptor ({ex})", path=str(descriptor)) from None
    if not isinstance(name, str) or not name:
        raise InputError("the package has no name", path=str(descriptor))
    return name


def _revised(base: Any, folders: list[Path], bound: set[str]) -> tuple[list[Any], list[str], list[Path], str]:
    """(changes, datasets new to the data, the roots to judge with, what was compared)."""
    from ..reference.catalog import discover
    from ..reference.diff import diff_folders

    found: dict[str, Path] = {}
    for folder in folders:
        if not folder.exists():
            raise InputError("no such folder", path=str(folder))
        descriptors = discover([folder])
        if not descriptors:
            raise InputError("no datapackage.json found (a package folder, or a folder of package folders)",
                             path=str(folder))
        for d in descriptors:
            found[_package_name(d)] = d.parent
    old = base.datasets
    changes: list[Any] = []
    whole: list[str] = []
    for name, path in sorted(found.items()):
        if name not in bound:
            continue  # no archived claim is bound to it: nothing to compare
        if name in old:
            changes.extend(diff_folders(old[name].path, path).changes)
        else:
            whole.append(name)
    roots = [Path(info.path) for name, info in old.items() if name not in found] + list(found.values())
    return changes, whole, roots, ", ".join(f"{n}: {p}" for n, p in sorted(found.items()))


# --------------------------------------------------------------------------------------------
# 2. which claims
# --------------------------------------------------------------------------------------------

def affected(archive: Archive, changes: Iterable[Any], whole: Iterable[str] = ()) -> tuple[dict[int, set[int]], int]:
    """{document id: indexes of its affected findings}, and how many series changed."""
    periods: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for c in changes:
        periods[(c.dataset, c.indicator, c.entity)].add(c.period)
    hits: dict[int, set[int]] = defaultdict(set)
    for (dataset, indicator, entity), changed in periods.items():
        for doc, i, period in archive.bound_to(dataset, indicator, entity):
            if not period or period in changed:
                hits[doc].add(i)
    for dataset in whole:
        for doc, i, _ in archive.bound_to(dataset):
            hits[doc].add(i)
    return hits, len(periods)


# --------------------------------------------------------------------------------------------
# 3. judge again
# --------------------------------------------------------------------------------------------

def rebuild(s: Stored) -> Any:
    """The archived document as it was checked: its bytes, format, encoding and as_of."""
    from ..documents import from_bytes

    as_of = dt.date.fromisoformat(s.as_of) if s.as_of else None
    doc = from_bytes(s.body, s.path, as_of, fmt=s.format, encoding=s.encoding)
    return replace(doc, as_of_source=s.as_of_source)


def _was(old: dict[str, Any]) -> str:
    from ..fmt import number

    verdict = str(old["verdict"]).upper()
    if old.get("ref_value") is None:
        return f"was {verdict} (no reference value)"
    where = " ".join(str(old[k]) for k in ("dataset", "indicator", "entity", "ref_period") if old.get(k))
    value = old["value"] if old.get("value") is not None else old["ref_value"]
    unit = old["unit"] if old.get("value") is not None else old.get("ref_unit")
    vintage = f", vintage {old['vintage']}" if old.get("vintage") else ""
    return f"was {verdict} against {number(value, unit)} ({where}{vintage})"


def _changed(new: Finding, old: dict[str, Any]) -> Finding:
    """The new finding, its message saying what the verdict was and against which value."""
    return replace(new, message=f"{_was(old)}; now {new.verdict.value.upper()}: {new.message}")


def _compare(dr: DocumentReport, s: Stored, indexes: set[int], out: Rechecked) -> list[Finding]:
    """The affected findings of ``s`` whose verdict ``dr`` changes, as new findings (counted in
    ``out``); matched by code, rule and offsets."""
    def key(f: Finding) -> tuple[str, str, int, int]:
        return (f.code, f.rule, f.quantity.span.start, f.quantity.span.end)

    live = {key(f): f for f in dr.findings}
    accepted = {key(a.finding) for a in dr.accepted}
    changed = []
    for i in sorted(indexes):
        old = s.record[i]
        k = (old["code"], old["rule"], old["start"], old["end"])
        new = live.get(k)
        if new is None:  # accepted now (an editor's note covers it), or no longer found
            out.claims += k in accepted
            out.gone += k not in accepted
            continue
        out.claims += 1
        if new.verdict.value != old["verdict"]:
            changed.append(_changed(new, old))
    return changed


def recheck(archive: Archive, cfg: Config, *, from_vintage: str | None = None, to_vintage: str | None = None,
            datasets: Iterable[str] = (), revised: Iterable[Path] = (), update: bool = False) -> Rechecked:
    """Judge again the archived claims that revised data touches (see the module's docstring).
    ``from_vintage`` (and ``to_vintage``, default the newest): compare two vintages of the data
    (``datasets``: only these; default every dataset); else ``revised``: folders of revised
    packages, each replacing the package of its name. ``update``: record the new verdicts."""
    from .. import __version__
    from ..explain import infos
    from ..reference import Catalog, check_vintage

    revised = [Path(p) for p in revised]
    v_to = None
    if from_vintage is not None:
        v_from, v_to = check_vintage(from_vintage), check_vintage(to_vintage)
        assert v_from is not None
        base = Catalog(extra_roots=[*cfg.data, *revised])
        names = list(datasets) or sorted(base.datasets)
        for n in names:
            if n not in base.datasets:
                raise InputError(f"no dataset {n!r}; `factcheck data list` shows them")
        bound = archive.datasets()  # a dataset no archived claim is bound to need not be compared
        names = [n for n in names if n in bound]
        changes, whole = _vintage_changes(base, names, v_from, v_to), []
        judge_catalog = Catalog(extra_roots=[*cfg.data, *revised], vintage=v_to)
        against = f"{', '.join(names) or 'no dataset an archived claim is bound to'} {v_from} -> {v_to or 'newest'}"
    else:
        if not revised:
            raise InputError("say what was revised: --from VINTAGE [--to VINTAGE], or --data NEWDIR")
        base = Catalog(extra_roots=list(cfg.data))
        changes, whole, roots, against = _revised(base, revised, archive.datasets())
        judge_catalog = Catalog(roots)
    hits, series = affected(archive, changes, whole)
    out = Rechecked(Report(()), against=against, changes=len(changes), series=series + len(whole),
                    archived=archive.size())
    if not hits:
        out.report = Report((), fail_on=cfg.fail_on, tool_version=__version__)
        return out
    judge = Judge(cfg, catalog=judge_catalog)
    reports: list[DocumentReport] = []
    if update:
        archive.begin()
    try:
        for s in archive.documents(hits):
            doc = rebuild(s)
            dr = judge.check(doc)
            changed = _compare(dr, s, hits[s.id], out)
            out.documents += 1
            out.paths.append(s.path)
            if changed:
                out.changed += len(changed)
                reports.append(DocumentReport(doc, tuple(changed)))
            if update:
                archive.put(entry(dr, s.body, s.sha256, s.encoding, v_to if from_vintage is not None else s.vintage))
        if update:
            archive.commit()
    except BaseException:
        archive.rollback()
        raise
    codes = {f.code for d in reports for f in d.findings}
    out.report = Report(tuple(reports), fail_on=cfg.fail_on, tool_version=__version__,
                        rules=infos(judge.checker.ruleset.rules, codes, judge.checker.catalog) if codes else ())
    return out

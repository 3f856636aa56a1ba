"""``factcheck data diff``: the observations that changed between two releases of reference data.

Two forms:

    factcheck data diff OLD NEW                                # two package folders (or roots)
    factcheck data diff --dataset wdi --from 2025-07-01 --to 2026-07-01   # two vintages of one dataset

An observation is one value of one series: dataset, indicator, entity, extra key (``origin=SYR``),
period, and for hand-collected facts the row's key. Each is **added** (only in the new data),
**removed** (only in the old) or **changed** (old -> new value); the rest are unchanged. Datasets
are matched by name, indicators by the names the packages map them to. Of a series held in
several vintages the newest is compared (in the second form: the newest on or before ``--from``
and ``--to``, as ``check --vintage`` reads). The work is done one indicator at a time, so memory
stays that of one indicator's rows however large the datasets. Nothing here prints; the CLI does.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from factcheck.errors import InputError
from factcheck.reference import Catalog, check_vintage, choose_vintage, observation
from factcheck.reference.catalog import discover


@dataclass(frozen=True)
class Change:
    """One observation added, removed or changed (``old`` / ``new`` None where it is absent)."""

    kind: str  # added, removed, changed
    dataset: str
    indicator: str
    entity: str
    extra: tuple[tuple[str, str], ...]
    period: str
    key: str
    old: float | None
    new: float | None
    unit: str
    vintage_old: str
    vintage_new: str

    def as_json(self) -> dict[str, Any]:
        return {"change": self.kind, "dataset": self.dataset, "indicator": self.indicator,
                "entity": self.entity, "extra": dict(self.extra), "period": self.period,
                "key": self.key or None, "old": _num(self.old), "new": _num(self.new), "unit": self.unit,
                "vintage_old": self.vintage_old or None, "vintage_new": self.vintage_new or None}


@dataclass
class DataDiff:
    old: str
    new: str
    changes: list[Change] = field(default_factory=list)
    unchanged: int = 0

    def count(self, kind: str) -> int:
        return sum(1 for c in self.changes if c.kind == kind)

    def summary(self) -> str:
        return (f"{self.count('added'):,} added, {self.count('removed'):,} removed, {self.count('changed'):,} changed, "
                f"{self.unchanged:,} unchanged ({self.old} -> {self.new})")

    def render(self, fmt: str = "text") -> str:
        if fmt == "json":
            return json.dumps({"old": self.old, "new": self.new,
                               "added": [c.as_json() for c in self.changes if c.kind == "added"],
                               "removed": [c.as_json() for c in self.changes if c.kind == "removed"],
                               "changed": [c.as_json() for c in self.changes if c.kind == "changed"],
                               "summary": {k: self.count(k) for k in ("added", "removed", "changed")}
                               | {"unchanged": self.unchanged}}, indent=2, ensure_ascii=False) + "\n"
        lines = []
        for c in self.changes:
            where = " ".join(p for p in (c.dataset, c.indicator, c.entity, _extra(c.extra), c.period, c.key) if p)
            if c.kind == "changed":
                what = f"{_fmt(c.old)} -> {_fmt(c.new)}"
            else:
                what = _fmt(c.new if c.kind == "added" else c.old)
            lines.append(f"{c.kind:<8} {where}: {what}{' ' + c.unit if c.unit else ''}")
        lines.append(self.summary())
        return "\n".join(lines) + "\n"


def _num(v: float | None) -> float | None:
    return None if v is None or math.isnan(v) else v


def _extra(extra: tuple[tuple[str, str], ...]) -> str:
    return ",".join(f"{k}={v}" for k, v in extra)


def _fmt(v: float | None) -> str:
    if v is None:
        return "-"
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return str(v)
    return f"{v:,.0f}" if v == int(v) or abs(v) >= 1e6 else f"{v:,.6g}"


def _same(a: float, b: float) -> bool:
    return a == b or (math.isnan(a) and math.isnan(b))


# --------------------------------------------------------------------------------------------
# the two forms
# --------------------------------------------------------------------------------------------

def diff_folders(old: Path | str, new: Path | str) -> DataDiff:
    """What changed from the packages under ``old`` to those under ``new`` (a ``datapackage.json``,
    a package folder or a folder of packages each)."""
    cats = []
    for path in (Path(old), Path(new)):
        if not path.exists():
            raise InputError("no such file or folder", path=str(path))
        root = path.parent if path.is_file() and path.name == "datapackage.json" else path
        if not discover([root]):
            raise InputError("no datapackage.json found (a package folder, or a folder of package folders)",
                             path=str(path))
        cats.append(Catalog([root]))
    a, b = cats
    out = DataDiff(str(old), str(new))
    for name in sorted(set(a.datasets) | set(b.datasets)):
        _compare(out, a, name, None, b, name, None)
    return out


def diff_vintages(catalog: Catalog, dataset: str, old: str, new: str | None = None) -> DataDiff:
    """What changed in ``dataset`` from its vintage ``old`` to ``new`` (default: the newest); each
    indicator is read in its newest vintage on or before each date."""
    if dataset not in catalog.datasets:
        raise InputError(f"no dataset {dataset!r}; `factcheck data list` shows them")
    v_old, v_new = check_vintage(old), check_vintage(new)
    assert v_old is not None
    out = DataDiff(f"{dataset}@{v_old}", f"{dataset}@{v_new or 'newest'}")
    _compare(out, catalog, dataset, v_old, catalog, dataset, v_new)
    return out


def _package(cat: Catalog, dataset: str) -> int | None:
    for i, p in enumerate(cat._store.packages):
        if p["name"] == dataset:
            return i
    return None


def _blocks(cat: Catalog, i: int | None, indicator: str, vintage: str | None, latest: bool
            ) -> tuple[str, dict[tuple[Any, ...], list[Any]]]:
    """(vintage read, {(entity, extra key): [blocks]}) of one indicator of package ``i``."""
    if i is None:
        return "", {}
    held = cat._store.packages[i]["indicators"].get(indicator)
    v = choose_vintage(held or (), None if latest else vintage)
    if v is None:
        return "", {}
    out: dict[tuple[Any, ...], list[Any]] = {}
    for entity, extra, block in cat._store.indicator_blocks(i, indicator, v):
        out.setdefault((entity, extra), []).append(block)
    return v, out


def _same_blocks(a: list[Any], b: list[Any]) -> bool:
    return len(a) == len(b) and all(
        x.ends == y.ends and x.starts == y.starts and x.values.tobytes() == y.values.tobytes() and x.rows == y.rows
        and x.meta.unit == y.meta.unit for x, y in zip(a, b))


def _rows(entity: str, blocks: list[Any]) -> dict[tuple[Any, ...], tuple[Any, int]]:
    """{(period end, start, fact key): (block, row)} of one series."""
    out = {}
    for b in blocks:
        for j in range(len(b.values)):
            out[(b.ends[j], b.starts[j], b.rows[j][3] if b.rows is not None else "")] = (b, j)
    return out


def _compare(out: DataDiff, a: Catalog, da: str, va: str | None, b: Catalog, db: str, vb: str | None) -> None:
    ia, ib = _package(a, da), _package(b, db)
    names: Iterable[str] = sorted(set(a._store.packages[ia]["indicators"] if ia is not None else ())
                                  | set(b._store.packages[ib]["indicators"] if ib is not None else ()))
    dataset = db if ib is not None else da
    for ind in names:
        v_old, old = _blocks(a, ia, ind, va, va is None)
        v_new, new = _blocks(b, ib, ind, vb, vb is None)
        for series in sorted(set(old) | set(new)):
            entity, extra = series
            before, after = old.get(series, []), new.get(series, [])
            if _same_blocks(before, after):  # the usual case, a whole series at once
                out.unchanged += sum(len(x.values) for x in after)
                continue
            rows_old, rows_new = _rows(entity, before), _rows(entity, after)
            for k in sorted(set(rows_old) | set(rows_new)):
                ro, rn = rows_old.get(k), rows_new.get(k)
                vo = ro[0].values[ro[1]] if ro else None
                vn = rn[0].values[rn[1]] if rn else None
                if ro and rn and _same(vo, vn) and ro[0].meta.unit == rn[0].meta.unit:  # type: ignore[arg-type]
                    out.unchanged += 1
                    continue
                kind = "removed" if rn is None else "added" if ro is None else "changed"
                ref = observation(entity, *(rn or ro))  # type: ignore[misc]
                out.changes.append(Change(kind, dataset, ind, entity, extra, ref.period.label, k[2], vo, vn,
                                          ref.unit, v_old, v_new))

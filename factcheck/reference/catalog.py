"""Discover, load and validate reference datasets (Frictionless data packages).

A dataset is a folder with a ``datapackage.json`` and its ``data/*.csv`` (or ``.csv.gz``).
Loading validates every resource in full and reports *all* failures of a dataset at once (file,
row, column), so no lookup ever runs on half-loaded data. ``iter_package`` reads and validates one
resource at a time, for the build of a package's store (``store.py``), which is the only time
pandas is imported; checks on a value's text run once per distinct value.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from factcheck.errors import DatasetError

#: How many offending rows to name per (column, check) before summarising the rest.
MAX_ROWS_NAMED = 10


@dataclass(frozen=True)
class DatasetInfo:
    """What a dataset is, where it came from and what it covers."""

    name: str
    title: str
    path: str
    version: str = ""
    description: str = ""
    #: The package's ``sources`` entries (title, path, commit, retrieved).
    sources: tuple[dict[str, Any], ...] = ()
    licenses: tuple[dict[str, Any], ...] = ()
    #: Number of distinct entities, first and last period covered, number of rows.
    entities: int = 0
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    rows: int = 0
    #: Indicator names (after mapping) that the dataset provides.
    indicators: tuple[str, ...] = ()

    def coverage(self) -> str:
        span = ""
        if self.period_start and self.period_end:
            span = f", {self.period_start.isoformat()}..{self.period_end.isoformat()}"
        return f"{self.rows:,} rows, {self.entities} entities{span}"

    def summary(self) -> str:
        """One line: name, title, coverage, license."""
        lic = ", ".join(str(x.get("name", "")) for x in self.licenses)
        return f"{self.name}: {self.title} ({self.coverage()}; {lic})"

    def describe(self) -> str:
        """Several lines: title, version, coverage, indicators, sources, licenses."""
        lines = [f"{self.name}: {self.title}", f"  version: {self.version}",
                 f"  path: {self.path}", f"  coverage: {self.coverage()}"]
        if self.indicators:
            lines.append(f"  indicators: {', '.join(self.indicators)}")
        for s in self.sources:
            extra = "".join(f", {k} {s[k]}" for k in ("commit", "retrieved") if s.get(k))
            lines.append(f"  source: {s.get('title', '')} <{s.get('path', '')}>{extra}")
        for x in self.licenses:
            lines.append(f"  license: {x.get('name', '')} {x.get('title', '')}".rstrip())
        return "\n".join(lines)


@dataclass
class LoadedPackage:
    """A validated package: its descriptor and one DataFrame (all strings) per resource."""

    name: str
    path: Path
    descriptor: dict[str, Any]
    frames: dict[str, Any] = field(default_factory=dict)


def default_root() -> Path:
    """The shipped datasets (``reference_data/`` in the repository, ``factcheck/reference_data``
    when installed; found by factcheck/shipped.py)."""
    from factcheck import shipped

    return shipped.reference_data_dir()


def discover(roots: Iterable[Path | str]) -> list[Path]:
    """Every ``<root>/<name>/datapackage.json`` (or a root that is itself a package)."""
    found: list[Path] = []
    for root in roots:
        root = Path(root)
        if (root / "datapackage.json").is_file():
            found.append(root / "datapackage.json")
        elif root.is_dir():
            found.extend(sorted(root.glob("*/datapackage.json")))
    return found


def data_files(descriptor_path: Path) -> list[Path]:
    """The descriptor and the data files it names (for the cache key)."""
    try:
        desc = json.loads(descriptor_path.read_text(encoding="utf-8"))
        paths = [descriptor_path.parent / r["path"] for r in desc.get("resources", [])
                 if isinstance(r.get("path"), str)]
    except (OSError, ValueError, AttributeError, TypeError):
        paths = []
    return [descriptor_path] + paths


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --------------------------------------------------------------------------------------------
# loading + validation
# --------------------------------------------------------------------------------------------

def load_package(descriptor_path: Path) -> LoadedPackage:
    """Load and validate one package; raise ``DatasetError`` listing every problem. Every
    resource's frame is kept: the index builds from ``iter_package`` instead, one at a time."""
    problems: list[str] = []
    pkg = read_descriptor(descriptor_path, problems)
    if pkg is not None:
        for res, frame, _ in iter_resources(pkg, problems):
            pkg.frames[res.get("name") or res["path"]] = frame
    _raise_problems(pkg, descriptor_path, problems)
    assert pkg is not None
    return pkg


def validate_package(descriptor_path: Path) -> list[str]:
    """All problems of one package (empty when valid); one resource in memory at a time."""
    problems: list[str] = []
    pkg = read_descriptor(descriptor_path, problems)
    if pkg is not None:
        for _ in iter_resources(pkg, problems):
            pass
    return problems


def _raise_problems(pkg: LoadedPackage | None, descriptor_path: Path, problems: list[str]) -> None:
    if problems:
        name = pkg.name if pkg else descriptor_path.parent.name
        raise DatasetError(f"dataset {name!r} is invalid ({len(problems)} problem"
                           f"{'s' if len(problems) != 1 else ''})",
                           path=str(descriptor_path), problems=problems)


def read_descriptor(descriptor_path: Path, problems: list[str]) -> LoadedPackage | None:
    """The package's descriptor, checked (no data read): None when it cannot be read."""
    where = str(descriptor_path)
    try:
        desc = json.loads(descriptor_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        problems.append(f"{where}: cannot read descriptor: {exc}")
        return None
    if not isinstance(desc, dict):
        problems.append(f"{where}: descriptor is not a JSON object")
        return None
    for key in ("name", "title", "resources", "sources", "licenses"):
        if key not in desc:
            problems.append(f"{where}: missing {key!r}")
    name = str(desc.get("name") or descriptor_path.parent.name)
    return LoadedPackage(name, descriptor_path.parent, desc)


def iter_resources(pkg: LoadedPackage, problems: list[str]
                   ) -> Iterator[tuple[dict[str, Any], Any, dict[str, Any]]]:
    """Each resource of ``pkg`` read and validated, one at a time, as (resource, frame of strings,
    {column: float64 array} of its ``number`` columns as validation parsed them); a resource with
    problems adds them to ``problems`` (every one, file, row and column) and is still yielded when
    it could be read, so a caller sees every problem before it gives up."""
    where = str(pkg.path / "datapackage.json")
    for i, res in enumerate(pkg.descriptor.get("resources") or []):
        rwhere = f"{where} [resources/{i}]"
        if not isinstance(res, dict) or not isinstance(res.get("path"), str):
            problems.append(f"{rwhere}: resource needs a 'path'")
            continue
        numbers: dict[str, Any] = {}
        frame = _load_resource(pkg.path, res, problems, numbers)
        if frame is not None:
            yield res, frame, numbers


def iter_package(descriptor_path: Path
                 ) -> tuple[LoadedPackage, Iterator[tuple[dict[str, Any], Any, dict[str, Any]]], list[str]]:
    """(package, its resources one at a time, the problems list they fill): for a build that
    keeps one resource in memory at a time and raises when ``problems`` is not empty after it."""
    problems: list[str] = []
    pkg = read_descriptor(descriptor_path, problems)
    if pkg is None:
        _raise_problems(None, descriptor_path, problems)
    assert pkg is not None
    return pkg, iter_resources(pkg, problems), problems


def raise_if_problems(pkg: LoadedPackage, problems: list[str]) -> None:
    """``DatasetError`` listing every problem of ``pkg`` (after ``iter_package``), if any."""
    _raise_problems(pkg, pkg.path / "datapackage.json", problems)


def _load_resource(base: Path, res: dict[str, Any], problems: list[str],
                   numbers: dict[str, Any] | None = None) -> Any:
    import pandas as pd

    path = base / res["path"]
    where = str(path)
    if not path.is_file():
        problems.append(f"{where}: file not found")
        return None
    raw = path.read_bytes()
    declared = str(res.get("hash") or "")
    if declared:
        algo, _, digest = declared.rpartition(":")
        if (algo or "md5") != "sha256":
            problems.append(f"{where}: unsupported hash algorithm {algo or 'md5'!r}")
        elif hashlib.sha256(raw).hexdigest() != digest:
            problems.append(f"{where}: hash mismatch (file changed since the descriptor was "
                            f"written; rebuild or update 'hash')")
    import io

    try:
        # NOTE: object dtype (plain Python strings): iterating Arrow-backed strings is slow.
        # A gzip-compressed resource ("data/x.csv.gz", or Frictionless "compression": "gz").
        gz = str(res.get("compression") or "").lower() in ("gz", "gzip") or path.name.endswith(".gz")
        df = pd.read_csv(io.BytesIO(raw), dtype=object, keep_default_na=False,
                         encoding="utf-8", compression="gzip" if gz else None)
    except Exception as exc:  # noqa: BLE001 - any parse failure is a dataset problem
        problems.append(f"{where}: cannot parse CSV: {exc}")
        return None
    schema = res.get("schema") or {}
    fields = schema.get("fields") or []
    names = [f.get("name") for f in fields]
    missing = [n for n in names if n not in df.columns]
    extra = [c for c in df.columns if c not in names]
    for n in missing:
        problems.append(f"{where}:1: missing column {n!r}")
    for c in extra:
        problems.append(f"{where}:1: column {c!r} not in the schema")
    for f in fields:
        if f.get("name") in df.columns:
            _check_field(where, df, f, problems, numbers)
    pk = schema.get("primaryKey") or []
    if isinstance(pk, str):
        pk = [pk]
    if pk and all(k in df.columns for k in pk):
        dup = df.duplicated(subset=pk, keep="first")
        if dup.any():
            rows = [int(i) + 2 for i in df.index[dup]]
            for line in rows[:MAX_ROWS_NAMED]:
                vals = ", ".join(f"{k}={df.at[line - 2, k]!r}" for k in pk)
                problems.append(f"{where}:{line}: duplicate key ({vals}) [{'+'.join(pk)}]")
            if len(rows) > MAX_ROWS_NAMED:
                problems.append(f"{where}: ... and {len(rows) - MAX_ROWS_NAMED} more duplicate "
                                f"keys [{'+'.join(pk)}]")
    _check_factcheck(where, df, res.get("factcheck"), problems)
    return df


_TYPE_RE = {
    "date": re.compile(r"^\d{4}-\d{2}-\d{2}$"),
    "yearmonth": re.compile(r"^\d{4}-(0[1-9]|1[0-2])$"),
    "year": re.compile(r"^-?\d{1,4}$"),
    "integer": re.compile(r"^[+-]?\d+$"),
    "boolean": re.compile(r"^(true|false|True|False)$"),
}


def _report(where: str, col: str, lines: list[int], what: str, values: list[str],
            problems: list[str]) -> None:
    for line, v in list(zip(lines, values))[:MAX_ROWS_NAMED]:
        problems.append(f"{where}:{line}: column {col!r}: {what} (got {v!r})")
    if len(lines) > MAX_ROWS_NAMED:
        problems.append(f"{where}: column {col!r}: ... and {len(lines) - MAX_ROWS_NAMED} more "
                        f"rows: {what}")


def _check_field(where: str, df: Any, f: dict[str, Any], problems: list[str],
                 numbers: dict[str, Any] | None = None) -> None:
    """One column against its schema field. Checks on the text of a value (patterns, enums,
    dates, years) run once per distinct value and are mapped back to the rows (a WDI column of
    6,000 rows holds about 60 years and 260 entity codes). The numbers of a ``number`` column
    are put in ``numbers`` (float64, NaN where empty or not a number), for the index to reuse."""
    import numpy as np
    import pandas as pd

    col = f["name"]
    s = df[col]
    cons = f.get("constraints") or {}
    typ = f.get("type", "string")
    empty = (s.to_numpy(dtype=object) == "")
    if cons.get("required") and empty.any():
        idx = df.index[empty]
        _report(where, col, [int(i) + 2 for i in idx], "missing value", ["" for _ in idx],
                problems)
    present = s[~empty] if empty.any() else s
    distinct: list[Any] = []

    def uniq() -> Any:
        """The distinct values of ``present`` and each row's code, computed once, when needed."""
        if not distinct:
            codes, u = pd.factorize(present, sort=False)
            distinct.extend([codes, pd.Series(u, dtype=object)])
        return distinct[1]

    def rows(bad_u: Any) -> Any:
        """Rows of ``present`` whose distinct value is flagged in ``bad_u``."""
        return np.asarray(bad_u, dtype=bool)[distinct[0]]

    bad = np.zeros(len(present), dtype=bool)
    if typ in ("number", "integer", "year"):
        if typ == "number":
            nums = pd.to_numeric(present, errors="coerce")
            if numbers is not None:
                full = np.full(len(s), np.nan)
                full[~empty] = nums.to_numpy(dtype=np.float64)
                numbers[col] = full
        else:  # integers and years: few distinct values
            u = uniq()
            nums = pd.Series(pd.to_numeric(u, errors="coerce").to_numpy()[distinct[0]], index=present.index)
        bad = nums.isna().to_numpy().copy()
        if typ in _TYPE_RE:
            bad |= rows(~uniq().str.match(_TYPE_RE[typ]).to_numpy(dtype=bool))
        ok = nums[~bad]
        for key, op, text in (("minimum", "lt", ">="), ("maximum", "gt", "<="),
                              ("exclusiveMinimum", "le", ">")):
            if key in cons:
                out = getattr(ok, op)(cons[key])
                if out.any():
                    idx = ok.index[out]
                    _report(where, col, [int(i) + 2 for i in idx],
                            f"must be {text} {cons[key]}", list(present[idx]), problems)
    elif typ == "date":
        u = uniq()
        parsed = pd.to_datetime(u, format="%Y-%m-%d", errors="coerce")
        bad = rows(parsed.isna().to_numpy() | ~u.str.match(_TYPE_RE["date"]).to_numpy(dtype=bool))
    elif typ in _TYPE_RE:
        bad = rows(~uniq().str.match(_TYPE_RE[typ]).to_numpy(dtype=bool))
    if bad.any():
        idx = present.index[bad]
        _report(where, col, [int(i) + 2 for i in idx], f"not a valid {typ}",
                list(present[idx]), problems)
    good = present[~bad]
    if "enum" in cons:
        allowed = {str(v) for v in cons["enum"]}
        out = ~rows(uniq().isin(allowed).to_numpy())[~bad]
        if out.any():
            idx = good.index[out]
            _report(where, col, [int(i) + 2 for i in idx], "not one of the allowed values",
                    list(good[idx]), problems)
    if "pattern" in cons:
        out = ~rows(uniq().str.fullmatch(cons["pattern"]).to_numpy(dtype=bool))[~bad]
        if out.any():
            idx = good.index[out]
            _report(where, col, [int(i) + 2 for i in idx],
                    f"does not match {cons['pattern']!r}", list(good[idx]), problems)
    if cons.get("unique"):
        dup = good.duplicated(keep="first")
        if dup.any():
            idx = good.index[dup]
            _report(where, col, [int(i) + 2 for i in idx], "duplicate value (must be unique)",
                    list(good[idx]), problems)


#: How often a series is observed (an indicator's ``periodicity``).
PERIODICITIES = ("annual", "quarterly", "monthly", "daily", "irregular", "point")


#: A vintage: the date of a release, as precisely as known (ISO order sorts them by date).
VINTAGE_RE = re.compile(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?")


def _check_vintage(where: str, df: Any, spec: Any, problems: list[str]) -> None:
    """A resource's ``vintage``: one date for every row, or ``{"column": name}`` for a vintage
    per row (an empty cell takes the indicator's ``vintage``)."""
    if spec is None:
        return
    if isinstance(spec, str):
        if not VINTAGE_RE.fullmatch(spec):
            problems.append(f"{where}: factcheck.vintage {spec!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")
        return
    if not isinstance(spec, dict) or set(spec) != {"column"} or not isinstance(spec["column"], str):
        problems.append(f"{where}: factcheck.vintage must be a date or {{\"column\": name}}")
        return
    col = spec["column"]
    if col not in df.columns:
        problems.append(f"{where}: factcheck block names column {col!r}, not in the file")
        return
    s = df[col]
    bad = (s != "") & ~s.str.fullmatch(VINTAGE_RE.pattern).astype(bool)
    if bad.any():
        idx = df.index[bad]
        _report(where, col, [int(i) + 2 for i in idx], "not a vintage date (YYYY-MM-DD, YYYY-MM or YYYY)",
                list(s[idx]), problems)


def _check_factcheck(where: str, df: Any, fc: Any, problems: list[str]) -> None:
    """The ``factcheck`` block must name existing columns and describe every indicator."""
    if fc is None:
        return
    if not isinstance(fc, dict) or "kind" not in fc:
        problems.append(f"{where}: 'factcheck' block needs a 'kind'")
        return
    cols = set(df.columns)
    if fc["kind"] != "observations":
        return
    refs: list[str] = []
    for key in ("entity", "value", "qualifier", "flag", "key", "source", "url", "retrieved",
                "effective_from"):
        if isinstance(fc.get(key), str):
            refs.append(fc[key])
    if isinstance(fc.get("unit"), str):
        refs.append(fc["unit"])
    if isinstance(fc.get("indicator"), str):
        refs.append(fc["indicator"])
    period = fc.get("period") or {}
    for key in ("column", "start"):
        if isinstance(period.get(key), str):
            refs.append(period[key])
    refs.extend((fc.get("extra") or {}).values())
    if isinstance(fc.get("rank"), dict):
        refs.append(fc["rank"].get("column", ""))
    for r in refs:
        if r not in cols:
            problems.append(f"{where}: factcheck block names column {r!r}, not in the file")
    _check_vintage(where, df, fc.get("vintage"), problems)
    meta = fc.get("indicators") or {}
    if isinstance(fc.get("indicator"), str) and fc["indicator"] in cols:
        for raw in sorted(set(df[fc["indicator"]]) - set(meta)):
            problems.append(f"{where}: indicator {raw!r} has no entry in factcheck.indicators")
    elif isinstance(fc.get("indicator"), dict):
        const = fc["indicator"].get("constant")
        if const not in meta:
            problems.append(f"{where}: indicator {const!r} has no entry in factcheck.indicators")
    for raw, m in meta.items():
        if not isinstance(m, dict) or not m.get("name") or not m.get("unit"):
            problems.append(f"{where}: factcheck.indicators[{raw!r}] needs 'name' and 'unit'")
            continue
        if "vintage" in m and not (isinstance(m["vintage"], str) and VINTAGE_RE.fullmatch(m["vintage"])):
            problems.append(f"{where}: factcheck.indicators[{raw!r}].vintage {m['vintage']!r} is not a date "
                            "(YYYY-MM-DD, YYYY-MM or YYYY)")
        if "periodicity" in m and m["periodicity"] not in PERIODICITIES:
            problems.append(f"{where}: factcheck.indicators[{raw!r}].periodicity {m['periodicity']!r} is not one of "
                            f"{', '.join(PERIODICITIES)}")
        rev = m.get("revision")
        if rev is not None and (not isinstance(rev, dict) or not rev.get("source")
                                or not any(isinstance(rev.get(k), (int, float)) for k in ("absolute", "relative"))):
            problems.append(f"{where}: factcheck.indicators[{raw!r}].revision needs 'absolute' or 'relative' and "
                            "its 'source'")

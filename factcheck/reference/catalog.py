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
#: Bytes of one data file, after decompression (checked before reading, and while inflating a
#: ``.csv.gz``: a gzip bomb is refused before it is inflated). The largest shipped file: 4.4 MB.
MAX_RESOURCE_BYTES = 200_000_000
#: Data rows of one data file (the largest shipped: 199,808). A million rows validate in about
#: 1.6 s and 330 MB on the 2-core machine of README's measurements.
MAX_RESOURCE_ROWS = 2_000_000
#: Time one schema ``pattern`` constraint may take on one value (a pattern that backtracks
#: catastrophically is refused instead of hanging the check).
PATTERN_SECONDS = 0.25


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
    """Every ``<root>/<name>/datapackage.json`` (or a root that is itself a package); raises
    ``DatasetError`` naming every symbolic link that leaves its root or loops (``find``)."""
    found, problems = find(roots)
    if problems:
        raise DatasetError(f"{len(problems)} symbolic link problem{'s' * (len(problems) != 1)} in data folders",
                           path=str(problems[0]).split(": ", 1)[0], problems=problems)
    return found


def find(roots: Iterable[Path | str]) -> tuple[list[Path], list[str]]:
    """``discover``'s descriptors, and a problem for each symbolic link in a data folder that
    leaves the folder, loops or dangles (a link to a dataset folder within the root is not
    followed: that folder is read under its own name). See factcheck/safepaths.py."""
    from factcheck.safepaths import link_problem

    found: list[Path] = []
    problems: list[str] = []
    for root in roots:
        root = Path(root)
        top = root.resolve()
        own = root / "datapackage.json"
        if own.is_file() or own.is_symlink():
            problem = link_problem(own, top, "dataset folder") if own.is_symlink() else None
            if problem:
                problems.append(problem)
            else:
                found.append(own)
            continue
        if not root.is_dir():
            continue
        for sub in sorted(root.iterdir()):
            desc = sub / "datapackage.json"
            if sub.is_symlink():
                problem = link_problem(sub, top, "data folder")
                if problem:
                    problems.append(problem)
                continue
            if desc.is_symlink():
                problem = link_problem(desc, top, "data folder")
                if problem:
                    problems.append(problem)
                    continue
            if desc.is_file():
                found.append(desc)
    return found, problems


def data_files(descriptor_path: Path) -> list[Path]:
    """The descriptor and the data files it names (for the cache key)."""
    from factcheck.safepaths import resource_path_problem

    try:
        desc = json.loads(descriptor_path.read_text(encoding="utf-8"))
        paths = [descriptor_path.parent / r["path"] for r in desc.get("resources", [])
                 if isinstance(r.get("path"), str)
                 and resource_path_problem(descriptor_path.parent, r["path"]) is None]
    except (OSError, ValueError, AttributeError, TypeError, RecursionError):
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
        desc = json.loads(descriptor_path.read_text(encoding="utf-8"), object_pairs_hook=_unique_keys)
    except (OSError, ValueError) as exc:
        problems.append(f"{where}: cannot read descriptor: {exc}")
        return None
    except RecursionError:
        problems.append(f"{where}: cannot read descriptor: nested too deeply")
        return None
    if not isinstance(desc, dict):
        problems.append(f"{where}: descriptor is not a JSON object")
        return None
    for key in ("name", "title", "resources", "sources", "licenses"):
        if key not in desc:
            problems.append(f"{where}: missing {key!r}")
    name = str(desc.get("name") or descriptor_path.parent.name)
    return LoadedPackage(name, descriptor_path.parent, desc)


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object that names each key once (else ValueError: JSON keeps the last silently)."""
    out: dict[str, Any] = {}
    for k, v in pairs:
        if k in out:
            raise ValueError(f"duplicate key {k!r} in one object")
        out[k] = v
    return out


def iter_resources(pkg: LoadedPackage, problems: list[str]
                   ) -> Iterator[tuple[dict[str, Any], Any, dict[str, Any]]]:
    """Each resource of ``pkg`` read and validated, one at a time, as (resource, frame of strings,
    {column: float64 array} of its ``number`` columns as validation parsed them); a resource with
    problems adds them to ``problems`` (every one, file, row and column) and is still yielded when
    it could be read, so a caller sees every problem before it gives up."""
    from factcheck.safepaths import resource_path_problem

    where = str(pkg.path / "datapackage.json")
    for i, res in enumerate(pkg.descriptor.get("resources") or []):
        rwhere = f"{where} [resources/{i}]"
        if not isinstance(res, dict) or not isinstance(res.get("path"), str):
            problems.append(f"{rwhere}: resource needs a 'path'")
            continue
        outside = resource_path_problem(pkg.path, res["path"])
        if outside is not None:
            problems.append(f"{rwhere}: {outside}")
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
    if path.stat().st_size > MAX_RESOURCE_BYTES:
        problems.append(f"{where}: {_size(path.stat().st_size)}; factcheck reads data files of at most "
                        f"{_size(MAX_RESOURCE_BYTES)}")
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
        text = _gunzip(raw) if gz else raw
        if text is None:
            problems.append(f"{where}: more than {_size(MAX_RESOURCE_BYTES)} once decompressed; factcheck "
                            f"reads data files of at most {_size(MAX_RESOURCE_BYTES)}")
            return None
        df = pd.read_csv(io.BytesIO(text), dtype=object, keep_default_na=False, encoding="utf-8",
                         nrows=MAX_RESOURCE_ROWS + 1)
    except Exception as exc:  # noqa: BLE001 - any parse failure is a dataset problem
        problems.append(f"{where}: cannot parse CSV: {exc}")
        return None
    if len(df) > MAX_RESOURCE_ROWS:
        problems.append(f"{where}: more than {MAX_RESOURCE_ROWS:,} rows; factcheck reads data files of at most "
                        f"{MAX_RESOURCE_ROWS:,} rows (split the series over several resources)")
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
            firsts = _first_lines(df, pk, rows[:MAX_ROWS_NAMED])
            for line in rows[:MAX_ROWS_NAMED]:
                vals = ", ".join(f"{k}={df.at[line - 2, k]!r}" for k in pk)
                problems.append(f"{where}:{line}: duplicate key ({vals}) [{'+'.join(pk)}], "
                                f"first on line {firsts[line]}")
            if len(rows) > MAX_ROWS_NAMED:
                problems.append(f"{where}: ... and {len(rows) - MAX_ROWS_NAMED} more duplicate "
                                f"keys [{'+'.join(pk)}]")
    _check_factcheck(where, df, res.get("factcheck"), problems)
    return df


def _size(n: int) -> str:
    """``200 MB``, ``2.5 MB``, ``10,000 bytes``."""
    if n < 1_000_000:
        return f"{n:,} bytes"
    return f"{n / 1e6:.1f}".removesuffix(".0") + " MB"


def _gunzip(raw: bytes) -> bytes | None:
    """The bytes of a gzip file (every member), or None when they pass ``MAX_RESOURCE_BYTES``
    (inflated a bounded piece at a time: a gzip bomb is never inflated whole)."""
    import zlib

    out: list[bytes] = []
    size = 0
    rest = raw
    while rest:
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        chunk = d.decompress(rest, MAX_RESOURCE_BYTES + 1 - size)
        while True:
            size += len(chunk)
            if size > MAX_RESOURCE_BYTES:
                return None
            out.append(chunk)
            if not d.unconsumed_tail:
                break
            chunk = d.decompress(d.unconsumed_tail, MAX_RESOURCE_BYTES + 1 - size)
        if not d.eof:
            raise zlib.error("truncated gzip data")
        rest = d.unused_data
    return b"".join(out)


def _first_lines(df: Any, cols: list[str], lines: list[int]) -> dict[int, int]:
    """For each of ``lines`` (a duplicate row's line), the line of the first row with its values
    in ``cols``."""
    wanted = {tuple(df.loc[line - 2, c] for c in cols): line for line in lines}
    first: dict[tuple[Any, ...], int] = {}
    for i, values in enumerate(zip(*(df[c].tolist() for c in cols))):
        if values in wanted and values not in first:
            first[values] = i + 2
            if len(first) == len(wanted):
                break
    return {line: first[tuple(df.loc[line - 2, c] for c in cols)] for line in lines}


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
    reported = bad  # values already reported (infinities), left out of "not a valid ..."
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
        infinite = np.isinf(nums.to_numpy(dtype=np.float64))
        if infinite.any():  # 'inf', 'Infinity', '1e999': never a figure to check a claim against
            idx = present.index[infinite]
            _report(where, col, [int(i) + 2 for i in idx], "not a finite number", list(present[idx]), problems)
            bad |= infinite
            reported = infinite
            if numbers is not None and col in numbers:
                numbers[col][np.isinf(numbers[col])] = np.nan
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
    if (bad & ~reported).any():
        idx = present.index[bad & ~reported]
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
        matched = _pattern_matches(where, col, str(cons["pattern"]), uniq(), problems) if len(present) else []
        if matched is not None and len(present):
            out = ~rows(matched)[~bad]
            if out.any():
                idx = good.index[out]
                _report(where, col, [int(i) + 2 for i in idx],
                        f"does not match {cons['pattern']!r}", list(good[idx]), problems)
    if cons.get("unique"):
        dup = good.duplicated(keep="first")
        if dup.any():
            idx = good.index[dup]
            lines = [int(i) + 2 for i in idx]
            firsts = _first_value_lines(good, lines[:MAX_ROWS_NAMED])
            for line in lines[:MAX_ROWS_NAMED]:
                problems.append(f"{where}:{line}: column {col!r}: duplicate value (must be unique; first on line "
                                f"{firsts[line]}) (got {good[line - 2]!r})")
            if len(lines) > MAX_ROWS_NAMED:
                problems.append(f"{where}: column {col!r}: ... and {len(lines) - MAX_ROWS_NAMED} more "
                                f"rows: duplicate value (must be unique)")


def _first_value_lines(s: Any, lines: list[int]) -> dict[int, int]:
    """For each of ``lines`` (a row repeating a value of the column ``s``), the line of the first
    row with that value."""
    wanted = {s[line - 2] for line in lines}
    first: dict[Any, int] = {}
    for i, v in s.items():
        if v in wanted and v not in first:
            first[v] = int(i) + 2
            if len(first) == len(wanted):
                break
    return {line: first[s[line - 2]] for line in lines}


def _pattern_matches(where: str, col: str, pattern: str, values: Any, problems: list[str]) -> Any:
    """Whether each of ``values`` matches the schema constraint ``pattern`` whole (the ``regex``
    engine, ``PATTERN_SECONDS`` per value); None, with the problem noted, when the pattern does
    not compile or takes too long (a pattern that backtracks catastrophically)."""
    import numpy as np
    import regex

    try:
        rx = regex.compile(pattern, regex.V0)
    except (regex.error, RecursionError) as exc:
        problems.append(f"{where}:1: column {col!r}: constraint pattern {pattern!r} does not compile: {exc}")
        return None
    out = np.zeros(len(values), dtype=bool)
    for i, v in enumerate(values):
        try:
            out[i] = rx.fullmatch(str(v), timeout=PATTERN_SECONDS) is not None
        except TimeoutError:
            problems.append(f"{where}: column {col!r}: constraint pattern {pattern!r} took more than "
                            f"{PATTERN_SECONDS} s on {str(v)[:80]!r}; refused (a pattern that backtracks "
                            "catastrophically)")
            return None
    return out


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

"""Observations -> a Frictionless data package with factcheck's mapping, written whole or not at all.

The package is a folder: ``datapackage.json`` and one CSV per kind of period (``data/<name>.csv``
when there is one kind). Its descriptor carries provenance (sources with title, path and
retrieved date; licenses; each indicator's vintage), the factcheck block the catalog reads
(reference_data/README.md) and each file's ``bytes`` and sha256 ``hash``. It is written into a
temporary folder beside the target, validated there as ``factcheck data validate`` does, and
renamed into place; an existing package is replaced only with ``force``.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any, Callable

from ..errors import InputError
from .common import (NAME_RE, PERIODICITY, Entities, ImportOptions, ImportResult, Obs, Parsed, check_unit, nearest,
                     slug)

#: Frictionless: names of packages and resources.
PACKAGE_NAME_RE = re.compile(r"^[a-z0-9][-a-z0-9._]*$")
ENTITY_RE = re.compile(r"^[A-Z][A-Z0-9]{2}$")

#: Licenses newsrooms meet, by their SPDX id.
LICENSES = {
    "CC-BY-4.0": ("Creative Commons Attribution 4.0", "https://creativecommons.org/licenses/by/4.0/"),
    "CC-BY-3.0-IGO": ("Creative Commons Attribution 3.0 IGO", "https://creativecommons.org/licenses/by/3.0/igo/"),
    "CC-BY-SA-4.0": ("Creative Commons Attribution-ShareAlike 4.0", "https://creativecommons.org/licenses/by-sa/4.0/"),
    "CC0-1.0": ("Creative Commons Zero 1.0 (public domain)", "https://creativecommons.org/publicdomain/zero/1.0/"),
    "ODC-BY-1.0": ("Open Data Commons Attribution 1.0", "https://opendatacommons.org/licenses/by/1-0/"),
    "OGL-UK-3.0": ("Open Government Licence v3.0", "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"),
}

#: Columns of a resource by kind of period, and how the factcheck block reads its period.
_LAYOUT = {
    "year": (("year", "year"), {"type": "year", "column": "year"}),
    "month": (("month", "yearmonth"), {"type": "month", "column": "month"}),
    "day": (("date", "date"), {"type": "date", "column": "date"}),
}
_WORD = {"year": "annual", "half": "half_yearly", "quarter": "quarterly", "month": "monthly", "week": "weekly",
         "day": "daily"}


def _readers() -> dict[str, Callable[[list[Path], ImportOptions, Entities], Parsed]]:
    from . import owid, sdmx, table, worldbank

    return {"worldbank-csv": worldbank.read_csv, "worldbank-json": worldbank.read_json, "owid": owid.read,
            "sdmx-csv": sdmx.read, "csv": table.read}


def import_data(fmt: str, sources: list[Path], out_dir: Path, opts: ImportOptions | None = None) -> ImportResult:
    """Read ``sources`` in format ``fmt`` and write the package to the folder ``out_dir``."""
    opts = opts or ImportOptions()
    readers = _readers()
    if fmt not in readers:
        raise InputError(f"unknown format {fmt!r}{nearest(fmt, readers)}; formats: {', '.join(readers)}")
    out_dir = Path(out_dir)
    name = opts.name or slug(out_dir.resolve().name)
    if not PACKAGE_NAME_RE.match(name):
        raise InputError(f"--name: {name!r} is not a dataset name (lower-case letters, digits, '_', '-', '.')")
    retrieved = _date_option(opts.retrieved, "--retrieved") or dt.date.today().isoformat()
    vintage_opt = _date_option(opts.vintage, "--vintage")
    for raw, mapped in opts.indicator_map.items():
        if not NAME_RE.match(mapped):
            raise InputError(f"--indicator-map {raw}={mapped}: {mapped!r} is not a name rules can use "
                             "(lower-case letters, digits and '_', starting with a letter)")
    _check_target(out_dir, opts.force)
    for src in sources:
        if not Path(src).is_file():
            raise InputError("no such file", path=str(src))

    entities = Entities()
    if name in entities.catalog.datasets:
        raise InputError(f"--name: {name!r} is the name of a shipped dataset; choose another (--name)")
    for other in sorted(out_dir.resolve().parent.glob("*/datapackage.json")):
        if other.parent != out_dir.resolve() and _package_name(other) == name:
            raise InputError(f"--name: {name!r} is the name of the dataset in {other.parent}; the catalog needs "
                             "one name per dataset (--name)")
    parsed = readers[fmt]([Path(s) for s in sources], opts, entities)
    rows, names = _finish(parsed, opts, entities)
    desc, files = _package(parsed, rows, names, name, opts, retrieved, vintage_opt or parsed.vintage)
    _write(out_dir, desc, files)
    return ImportResult(out_dir, name, len(rows), names, len({o.entity for o in rows}), tuple(parsed.notices))


def _package_name(descriptor: Path) -> str:
    try:
        return str(json.loads(descriptor.read_text(encoding="utf-8")).get("name") or descriptor.parent.name)
    except (OSError, ValueError, AttributeError):
        return descriptor.parent.name


def _date_option(value: str | None, what: str) -> str | None:
    if value is None:
        return None
    if value == "today":
        return dt.date.today().isoformat()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return dt.date.fromisoformat(value).isoformat()
        if re.fullmatch(r"\d{4}(-\d{2})?", value):
            dt.date.fromisoformat(value + "-01-01"[len(value) - 4:])
            return value
    except ValueError:
        pass
    raise InputError(f"{what}: {value!r} is not a date (YYYY-MM-DD)")


def _check_target(out_dir: Path, force: bool) -> None:
    if out_dir.is_file():
        raise InputError("the output is a file; give a folder (-o data/NAME)", path=str(out_dir))
    if out_dir.is_dir() and any(out_dir.iterdir()):
        if not (out_dir / "datapackage.json").is_file():
            raise InputError("the output folder is not empty and holds no data package; give a new folder",
                             path=str(out_dir))
        if not force:
            raise InputError("a data package is already there; --force replaces it", path=str(out_dir))
    for parent in out_dir.resolve().parents:
        if parent.exists():
            if not parent.is_dir():
                raise InputError("not a folder", path=str(parent))
            break


# --------------------------------------------------------------------------------------------
# checking what the readers found
# --------------------------------------------------------------------------------------------

def _finish(parsed: Parsed, opts: ImportOptions, entities: Entities) -> tuple[list[Obs], dict[str, str]]:
    """Names, units and values of every series; one value per entity, series and period."""
    if not parsed.obs:
        where = ", ".join(str(f) for f in parsed.files)
        extra = f" ({'; '.join(parsed.notices)})" if parsed.notices else ""
        raise InputError(f"no values to import{extra}", path=where)
    used = {o.raw for o in parsed.obs}
    series = {raw: s for raw, s in parsed.series.items() if raw in used}
    names: dict[str, str] = {}
    for raw in sorted(series):
        names[raw] = opts.indicator_map.get(raw) or slug(raw)
    for opt, keys in (("--indicator-map", list(opts.indicator_map)), ("--unit", list(opts.units))):
        known = sorted(series) + sorted(names.values()) if opt == "--unit" else sorted(series)
        for key in keys:
            if key not in known:
                raise InputError(f"{opt}: no indicator {key!r} in the data{nearest(key, known)}")
    by_name: dict[str, str] = {}
    for raw, n in names.items():
        if n in by_name:
            raise InputError(f"indicators {by_name[n]!r} and {raw!r} would both be named {n!r}; name them apart "
                             f"with --indicator-map {raw}=NAME")
        by_name[n] = raw
    for raw, s in series.items():
        given = opts.units.get(raw) or opts.units.get(names[raw])
        if given:
            s.unit, s.scale = check_unit(given, f"--unit {raw}={given}"), 1.0
        if not s.unit:
            title = f" ({s.title})" if s.title and s.title != raw else ""
            raise InputError(f"no unit is known for indicator {raw!r}{title}: give it with --unit {raw}=UNIT "
                             "(a pint term: percent, person, USD, EUR...)")
    rows: list[Obs] = []
    seen: dict[tuple[str, str, str], str] = {}
    skipped_aggregates: set[str] = set()
    for o in parsed.obs:
        if not ENTITY_RE.match(o.entity):
            raise InputError(f"{o.entity!r} is not an ISO3 country code", path=o.where)
        if opts.countries_only and entities.kind(o.entity) == "aggregate":
            skipped_aggregates.add(o.entity)
            continue
        key = (o.entity, o.raw, o.period.label)
        if key in seen:
            raise InputError(f"a second value for {o.entity} {o.raw} {o.period.label} (the first is at {seen[key]})",
                             path=o.where)
        seen[key] = o.where
        s = series[o.raw]
        rows.append(Obs(o.entity, o.raw, o.period, o.value * s.scale if s.scale != 1 else o.value, o.where))
    if skipped_aggregates:
        parsed.notices.append(f"left out {len(skipped_aggregates)} groups of countries (--countries-only): "
                              + ", ".join(sorted(skipped_aggregates)[:12])
                              + (" ..." if len(skipped_aggregates) > 12 else ""))
    if not rows:
        raise InputError(f"no values to import ({'; '.join(parsed.notices)})", path=str(parsed.files[0]))
    return rows, names


# --------------------------------------------------------------------------------------------
# the package
# --------------------------------------------------------------------------------------------

def _fmt_value(v: float) -> str:
    if v == int(v) and abs(v) < 1e15:
        return str(int(v))
    return repr(v)


def _package(parsed: Parsed, rows: list[Obs], names: dict[str, str], name: str, opts: ImportOptions,
             retrieved: str, vintage: str) -> tuple[dict[str, Any], dict[str, bytes]]:
    kinds = sorted({o.period.kind for o in rows}, key=list(_WORD).index)
    resources, files = [], {}
    for kind in kinds:
        mine = sorted((o for o in rows if o.period.kind == kind),
                      key=lambda o: (o.raw, o.entity, o.period.start, o.period.end))
        rname = name if len(kinds) == 1 else f"{name}_{_WORD[kind]}"
        rname = re.sub(r"[^-a-z0-9._]", "_", rname)
        path = f"data/{rname}.csv"
        data, fields, period_spec = _table(kind, mine)
        files[path] = data
        raws = sorted({o.raw for o in mine})
        indicators = {raw: _indicator(parsed.series[raw], names[raw], kind, vintage) for raw in raws}
        pk = [f["name"] for f in fields if f["name"] not in ("value", "start", "end")]
        fields[1]["constraints"]["enum"] = raws
        fc: dict[str, Any] = {"kind": "observations", "entity": "entity", "indicator": "indicator",
                              "value": "value", "period": period_spec, "indicators": indicators}
        resources.append({
            "name": rname, "path": path, "profile": "tabular-data-resource", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8", "bytes": len(data),
            "hash": "sha256:" + hashlib.sha256(data).hexdigest(),
            "schema": {"fields": fields, "primaryKey": pk},
            "description": "; ".join(sorted({parsed.series[r].title or r for r in raws}))[:500],
            "factcheck": fc,
        })
    files_meta = []
    for f in parsed.files:
        raw = f.read_bytes()
        files_meta.append({"name": f.name, "bytes": len(raw), "sha256": hashlib.sha256(raw).hexdigest()})
    source_url = opts.source_url or parsed.source_url
    source: dict[str, Any] = {"title": parsed.source_title or parsed.title or name, "retrieved": retrieved}
    if source_url:
        source["path"] = source_url
    description = (f"Imported with `factcheck data import {parsed.fmt}` from "
                   f"{', '.join(f.name for f in parsed.files)} on {dt.date.today().isoformat()}.")
    if parsed.notices:
        description += " " + " ".join(n[0].upper() + n[1:] + "." for n in parsed.notices)
    desc: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": name,
        "title": opts.title or parsed.title or name,
        "version": retrieved.replace("-", "."),
        "description": description,
        "created": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        "sources": [source],
        "licenses": [_license(opts.license or parsed.license)],
        "factcheck_import": {"format": parsed.fmt, "files": files_meta},
        "resources": resources,
    }
    return desc, files


def _table(kind: str, rows: list[Obs]) -> tuple[bytes, list[dict[str, Any]], dict[str, Any]]:
    fields: list[dict[str, Any]] = [
        {"name": "entity", "type": "string", "description": "ISO3 code (or World Bank aggregate code)",
         "constraints": {"required": True, "pattern": "^[A-Z][A-Z0-9]{2}$"}},
        {"name": "indicator", "type": "string", "description": "The source's code of the series",
         "constraints": {"required": True}},
    ]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    if kind in _LAYOUT:
        (col, typ), spec = _LAYOUT[kind]
        fields.append({"name": col, "type": typ, "constraints": {"required": True}})
        w.writerow(["entity", "indicator", col, "value"])
        for o in rows:
            w.writerow([o.entity, o.raw, o.period.label, _fmt_value(o.value)])
    else:
        # quarters, half-years, weeks: the period as the source writes it, and its first and last day
        fields += [{"name": "period", "type": "string", "description": "The period as the source writes it",
                    "constraints": {"required": True}},
                   {"name": "start", "type": "date", "constraints": {"required": True}},
                   {"name": "end", "type": "date", "constraints": {"required": True}}]
        spec = {"type": "date", "column": "end", "start": "start"}
        w.writerow(["entity", "indicator", "period", "start", "end", "value"])
        for o in rows:
            w.writerow([o.entity, o.raw, o.period.label, o.period.start.isoformat(), o.period.end.isoformat(),
                        _fmt_value(o.value)])
    fields.append({"name": "value", "type": "number", "constraints": {"required": True}})
    return buf.getvalue().encode("utf-8"), fields, spec


def _indicator(s: Any, name: str, kind: str, vintage: str) -> dict[str, Any]:
    out: dict[str, Any] = {"name": name, "series": s.title or s.raw, "unit": s.unit}
    if s.source_unit:
        out["source_unit"] = s.source_unit
    if s.source:
        out["source"] = s.source
    if s.url:
        out["url"] = s.url
    if kind in PERIODICITY:
        out["periodicity"] = PERIODICITY[kind]
    if s.definition:
        out["definition"] = s.definition
    for k, v in s.more.items():
        if v:
            out[k] = v
    if vintage:
        out["vintage"] = vintage
    return out


def _license(value: str) -> dict[str, str]:
    if not value:
        return {"name": "unspecified", "title": "Not stated at import: check the source's terms before republishing"}
    if value.upper() in {k.upper() for k in LICENSES}:
        key = next(k for k in LICENSES if k.upper() == value.upper())
        title, path = LICENSES[key]
        return {"name": key, "title": title, "path": path}
    if re.match(r"^https?://", value):
        return {"name": "other", "title": value, "path": value}
    return {"name": value, "title": value}


# --------------------------------------------------------------------------------------------
# writing: whole or not at all
# --------------------------------------------------------------------------------------------

def _write(out_dir: Path, desc: dict[str, Any], files: dict[str, bytes]) -> None:
    from ..errors import DatasetError
    from ..reference.catalog import validate_package

    target = Path(os.path.abspath(out_dir))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    except OSError as ex:
        raise InputError(f"cannot write the package: {ex.strerror or ex}", path=str(out_dir)) from None
    old: Path | None = None
    try:
        for rel, data in files.items():
            p = tmp / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            _write_file(p, data)
        _write_file(tmp / "datapackage.json", (json.dumps(desc, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
        problems = validate_package(tmp / "datapackage.json")
        if problems:  # NOTE: a reader's slip, not the user's: said plainly, nothing written
            raise DatasetError("the package written does not validate", path=str(out_dir),
                               problems=[p.replace(str(tmp), str(out_dir)) for p in problems])
        os.chmod(tmp, 0o777 & ~_umask())
        if target.exists():
            if any(target.iterdir()):
                old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent))
                os.replace(target, old / target.name)
            else:
                target.rmdir()
        try:
            os.replace(tmp, target)
        except OSError:
            if old is not None and not target.exists():
                os.replace(old / target.name, target)  # the old package back in place
            raise
        tmp = None  # type: ignore[assignment]
    except OSError as ex:
        raise InputError(f"cannot write the package: {ex.strerror or ex}", path=str(out_dir)) from None
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)


def _write_file(path: Path, data: bytes) -> None:
    with open(path, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask

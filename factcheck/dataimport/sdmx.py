"""SDMX-CSV (Eurostat, OECD, IMF), versions 1 and 2.

v1: ``DATAFLOW, <dimensions>..., TIME_PERIOD, OBS_VALUE, [OBS_STATUS, <attributes>...]``;
v2: ``STRUCTURE, STRUCTURE_ID, [ACTION,] <dimensions>..., TIME_PERIOD, OBS_VALUE, ...``
(rows with ACTION ``D`` delete, and are skipped). Headers and codes may carry labels
(``geo: Geopolitical entity``, ``DE: Germany``). Periods as the standard writes them: ``2023``,
``2023-Q1``, ``2023-05``, ``2023-S1``, ``2023-W05``, ``2023-05-04``.

The reference area (``geo``, ``REF_AREA``, ``LOCATION``, ``COUNTRY``) becomes the entity: ISO3
codes as they are, two-letter codes through the countries package (Eurostat's EL and UK too);
groups (EU27_2020, EA20, OECD) are skipped and named. Every other dimension is part of the series
key (``NAMA_10_GDP:A.CP_MEUR.B1GQ``), unless ``--filter dim=VALUE`` fixes it. A unit dimension
(``unit``, ``UNIT_MEASURE``) gives the unit (factcheck/dataimport/units.yaml), and ``UNIT_MULT``
the power of ten the values are written in.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .common import (Entities, ImportOptions, Obs, Parsed, Series, cell_error, csv_rows, file_error, iso_date,
                     nearest, number, period, unit_from_code)

AREA = ("geo", "ref_area", "location", "country", "reporting_country")
UNIT = ("unit", "unit_measure")
#: Columns that are attributes, not dimensions, wherever they stand.
ATTRIBUTES = {"last update", "last_update", "unit_mult", "decimals", "obs_status", "obs_flag", "conf_status",
              "obs_conf", "obs_comment", "comment_obs", "base_per", "time_format", "unit_measure_type"}
STRUCTURE = {"dataflow", "structure", "structure_id", "action"}
MISSING = {"", "NaN", "nan"}


def _code(text: str, labelled: bool) -> tuple[str, str]:
    """``DE: Germany`` -> (DE, Germany) when the file carries labels; else (text, "")."""
    if labelled and ":" in text:
        code, _, label = text.partition(":")
        return code.strip(), label.strip()
    return text.strip(), ""


def read(files: list[Path], opts: ImportOptions, entities: Entities) -> Parsed:
    parsed = Parsed("sdmx-csv", files)
    flows: set[str] = set()
    groups: set[str] = set()
    updates: set[str] = set()
    filters_seen: dict[str, set[str]] = {k: set() for k in opts.filters}
    pending: list[tuple[Any, ...]] = []
    dim_names: list[str] = []
    for f in files:
        rows = iter(csv_rows(f))
        _, header = next(rows, (1, []))
        labelled = any(":" in h for h in header)
        names = [_code(h, labelled)[0] for h in header]
        low = [n.lower() for n in names]
        if low[0] not in ("dataflow", "structure"):
            raise file_error(f, "not SDMX-CSV: the first column is not DATAFLOW (v1) or STRUCTURE (v2)", 1)
        for need in ("TIME_PERIOD", "OBS_VALUE"):
            if need.lower() not in low:
                raise file_error(f, f"not SDMX-CSV: no {need!r} column", 1)
        t_i, v_i = low.index("time_period"), low.index("obs_value")
        dims = [i for i in range(min(t_i, v_i)) if low[i] not in STRUCTURE and low[i] not in ATTRIBUTES]
        area = next((i for i in dims if low[i] in AREA), None)
        if area is None:
            raise file_error(f, "no reference area column (geo, REF_AREA or LOCATION): nothing says which country", 1)
        for k in opts.filters:
            if k.lower() not in low:
                raise file_error(f, f"--filter: no dimension {k!r}{nearest(k, [names[i] for i in dims])}", 1)
        fcol = {k: low.index(k.lower()) for k in opts.filters}
        unit_i = next((i for i in dims if low[i] in UNIT), None)
        mult_i = low.index("unit_mult") if "unit_mult" in low else None
        upd_i = low.index("last update") if "last update" in low else None
        action_i = low.index("action") if "action" in low else None
        key_dims = [i for i in dims if i != area]
        if not dim_names:
            dim_names = [names[i] for i in key_dims]
        elif dim_names != [names[i] for i in key_dims]:
            raise file_error(f, f"its dimensions ({', '.join(names[i] for i in key_dims)}) are not those of "
                                f"{files[0]} ({', '.join(dim_names)}); import them apart", 1)
        for line, cells in rows:
            cells = cells + [""] * (len(header) - len(cells))
            if action_i is not None and cells[action_i].strip().upper() == "D":
                continue
            if any(_code(cells[i], labelled)[0] not in opts.filters[k] for k, i in fcol.items()):
                for k, i in fcol.items():
                    filters_seen[k].add(_code(cells[i], labelled)[0])
                continue
            for k, i in fcol.items():
                filters_seen[k].add(_code(cells[i], labelled)[0])
            v = cells[v_i].strip()
            if v in MISSING:
                continue
            x = number(v)
            if x is None:
                raise cell_error(f, line, header[v_i], v, "is not a number")
            if mult_i is not None and cells[mult_i].strip():
                m = cells[mult_i].strip()
                if not re.fullmatch(r"-?\d{1,2}", m):
                    raise cell_error(f, line, header[mult_i], m, "is not a power of ten")
                x *= 10 ** int(m)
            t = cells[t_i].strip()
            per = period(t)
            if per is None:
                raise cell_error(f, line, header[t_i], t, "is not an SDMX period (2023, 2023-Q1, 2023-05, 2023-S1, "
                                                          "2023-W05, 2023-05-04)")
            geo, geo_label = _code(cells[area], labelled)
            iso3 = geo if re.fullmatch(r"[A-Z]{3}", geo) and entities.known(geo) else entities.from_iso2(geo) \
                if re.fullmatch(r"[A-Z]{2}", geo) else None
            if iso3 is None:
                groups.add(geo + (f" ({geo_label})" if geo_label else ""))
                continue
            flow = _flow(cells[1] if low[0] == "structure" and len(cells) > 1 else cells[0])
            flows.add(flow)
            key = [(names[i], cells[i], labelled) for i in key_dims]
            unit_code = _code(cells[unit_i], labelled)[0] if unit_i is not None else ""
            pending.append((iso3, flow, key, unit_code, per, x, f"{f}:{line}"))
            if upd_i is not None:
                updates.add(iso_date(cells[upd_i]) or "")
    for k, want in opts.filters.items():
        absent = [w for w in want if w not in filters_seen[k]]
        if absent:
            seen = sorted(filters_seen[k])
            raise file_error(files[0], f"--filter {k}={','.join(want)}: no row has {k} {absent[0]!r}"
                                       f"{nearest(absent[0], seen)}; its values: {', '.join(seen[:12])}")
    # A dimension that a --filter fixes to one value is not part of the key; the others are.
    fixed = {k.lower() for k, want in opts.filters.items() if len(want) == 1}
    for iso3, flow, key, unit_code, per, x, where in pending:
        parts = [(n, *_code(v, lab)) for n, v, lab in key if n.lower() not in fixed]
        raw = flow + (":" + ".".join(c for _, c, _ in parts) if parts else "")
        if raw not in parsed.series:
            parsed.series[raw] = _series(raw, flow, [(n, *_code(v, lab)) for n, v, lab in key], unit_code)
        parsed.obs.append(Obs(iso3, raw, per, x, where))
    if groups:
        parsed.notices.append(f"skipped {len(groups)} reference areas that are not countries: "
                              + ", ".join(sorted(groups)[:8]) + (" ..." if len(groups) > 8 else ""))
    fl = sorted(flows)
    parsed.title = f"SDMX: {', '.join(fl)}"
    parsed.source_title = ", ".join(fl) or "SDMX data"
    updates.discard("")
    if updates:
        parsed.vintage = max(updates)
    return parsed


def _flow(text: str) -> str:
    """``ESTAT:NAMA_10_GDP(1.0)`` -> ``NAMA_10_GDP``."""
    t = text.strip()
    t = t.split(":", 1)[1] if ":" in t else t
    return re.sub(r"\(.*\)$", "", t).strip() or "SDMX"


def _series(raw: str, flow: str, dims: list[tuple[str, str, str]], unit_code: str) -> Series:
    """What the key says: every dimension's code (with its label when the file has labels)."""
    title = ", ".join(label or f"{name}={code}" for name, code, label in dims)
    unit = unit_from_code(unit_code) if unit_code else None
    more = {"coverage": "; ".join(f"{name}={code}" for name, code, _ in dims)}
    return Series(raw, f"{flow}: {title}" if title else flow, unit[0] if unit else None, unit_code,
                  unit[1] if unit else 1.0, flow, "", "", more)

"""Our World in Data grapher CSV: ``Entity, Code, Year, <indicator columns>...`` (``Day`` instead
of ``Year`` for daily series).

Rows whose Code is empty are regions and groups OWID builds itself ("Africa", "High-income
countries"): they are skipped, and the command says which. ``OWID_WRL`` is the world (WLD) and
``OWID_KOS`` Kosovo (XKX); other ``OWID_`` codes are groups and skipped the same way.
"""
from __future__ import annotations

import re
from pathlib import Path

from .common import Entities, ImportOptions, Obs, Parsed, Series, cell_error, cell_number, csv_rows, file_error, period, \
    unit_from_name

OWID_CODES = {"OWID_WRL": "WLD", "OWID_KOS": "XKX"}
OWID_URL = "https://ourworldindata.org"


def read(files: list[Path], opts: ImportOptions, entities: Entities) -> Parsed:
    parsed = Parsed("owid", files, license="CC-BY-4.0", source_url=OWID_URL)
    skipped: set[str] = set()
    mapped: set[str] = set()
    early = 0
    for f in files:
        rows = iter(csv_rows(f, delimiter=","))
        _, header = next(rows, (1, []))
        header = [h.strip() for h in header]
        col = {c: i for i, c in enumerate(header)}
        time_col = "Year" if "Year" in col else "Day" if "Day" in col else None
        for c in ("Entity", "Code"):
            if c not in col:
                raise file_error(f, f"not an Our World in Data CSV: no {c!r} column (Entity, Code, Year, ...)", 1)
        if time_col is None:
            raise file_error(f, "not an Our World in Data CSV: no 'Year' or 'Day' column", 1)
        keys = {col["Entity"], col["Code"], col[time_col]}
        values = [(i, c) for i, c in enumerate(header) if i not in keys and c]
        if not values:
            raise file_error(f, "no indicator column after Entity, Code and Year", 1)
        for _, c in values:
            if c not in parsed.series:
                parsed.series[c] = Series(c, c, unit_from_name(c), source="Our World in Data", url=OWID_URL)
        for line, cells in rows:
            cells = cells + [""] * (len(header) - len(cells))
            name, code = cells[col["Entity"]].strip(), cells[col["Code"]].strip()
            if code in OWID_CODES:
                mapped.add(f"{code} ({name}) as {OWID_CODES[code]}")
                code = OWID_CODES[code]
            if not code or code.startswith("OWID_"):
                skipped.add(name)
                continue
            t = cells[col[time_col]].strip()
            if time_col == "Year" and re.fullmatch(r"-\d+|0+", t):
                early += 1  # OWID's long-run series start before year 1, which a date cannot hold
                continue
            per = period(t)
            if per is None or per.kind != ("year" if time_col == "Year" else "day"):
                raise cell_error(f, line, time_col, t, "is not a year" if time_col == "Year" else "is not a date")
            for i, c in values:
                x = cell_number(f, line, c, cells[i])
                if x is None:
                    continue
                parsed.obs.append(Obs(code, c, per, x, f"{f}:{line}"))
    if skipped:
        parsed.notices.append(f"skipped the rows of {len(skipped)} regions and groups without a country code: "
                              + ", ".join(sorted(skipped)[:8]) + (" ..." if len(skipped) > 8 else ""))
    if early:
        parsed.notices.append(f"skipped {early} rows of years before 1 CE")
    if mapped:
        parsed.notices.append(f"read {', '.join(sorted(mapped))}")
    cols = sorted(parsed.series)
    parsed.title = f"Our World in Data: {', '.join(cols[:3])}{' ...' if len(cols) > 3 else ''}"
    parsed.source_title = "Our World in Data"
    return parsed

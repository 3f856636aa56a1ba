"""World Bank downloads: the bulk CSV of a series (with its metadata files) and the API v2 JSON.

Bulk CSV (``API_<CODE>_DS2_en_csv_v2_<n>.csv``): a few preamble lines ("Data Source", "Last
Updated Date"), then ``Country Name, Country Code, Indicator Name, Indicator Code, 1960, ...``
with the years as columns. Beside it ``Metadata_Indicator_...csv`` (INDICATOR_CODE,
INDICATOR_NAME, SOURCE_NOTE, SOURCE_ORGANIZATION) and ``Metadata_Country_...csv`` (Country Code,
Region...: a group of countries has no Region). Files are told apart by their columns, in any
order.

API v2 JSON: ``[{page, pages, per_page, total, sourceid, lastupdated}, [{indicator: {id, value},
country: {id, value}, countryiso3code, date, value, unit, obs_status, decimal}, ...]]``, one file
a page; every page of a download must be given.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from .common import (Entities, ImportOptions, Obs, Parsed, Series, cell_error, cell_number, csv_rows, file_error, iso_date,
                     number, period, read_text, unit_from_name)

WB_SOURCE = "World Bank World Development Indicators"
WB_URL = "https://data.worldbank.org/indicator/{code}"
WB_LICENSE = "CC-BY-4.0"
_DATA_COLUMNS = ("Country Name", "Country Code", "Indicator Name", "Indicator Code")


def _series(code: str, name: str, source: str) -> Series:
    m = re.search(r"\(([^()]*)\)\s*(?:\([^()]*\)\s*)?$", name)
    return Series(code, name, unit_from_name(name), m.group(1) if m else "", 1.0, source,
                  WB_URL.format(code=code))


def read_csv(files: list[Path], opts: ImportOptions, entities: Entities) -> Parsed:
    parsed = Parsed("worldbank-csv", files, license=WB_LICENSE)
    data, meta_ind, meta_cty = [], [], []
    for f in files:
        text = read_text(f)
        head = text[:4000]
        if "INDICATOR_CODE" in head:
            meta_ind.append((f, text))
        elif re.search(r'"?Country Code"?\s*,\s*"?Region"?', head):
            meta_cty.append((f, text))
        elif "Country Code" in head and "Indicator Code" in head:
            data.append((f, text))
        else:
            raise file_error(f, "not a World Bank bulk CSV: no 'Country Code' and 'Indicator Code' columns, and "
                                "not its indicator or country metadata file", 1)
    if not data:
        raise file_error(files[0], "no World Bank data file among the files given (API_<CODE>_DS2_...csv)")
    notes: dict[str, dict[str, str]] = {}
    for f, text in meta_ind:
        rows = iter(csv_rows(f, text, ","))
        _, header = next(rows, (1, []))
        col = {c.strip(): i for i, c in enumerate(header)}
        if "INDICATOR_CODE" not in col:
            raise file_error(f, "no 'INDICATOR_CODE' column", 1)
        for _, cells in rows:
            get = lambda k: cells[col[k]].strip() if k in col and col[k] < len(cells) else ""  # noqa: E731
            notes[get("INDICATOR_CODE")] = {"name": get("INDICATOR_NAME"), "note": get("SOURCE_NOTE"),
                                            "org": get("SOURCE_ORGANIZATION")}
    aggregates: set[str] = set()
    for f, text in meta_cty:
        rows = iter(csv_rows(f, text, ","))
        _, header = next(rows, (1, []))
        col = {c.strip(): i for i, c in enumerate(header)}
        for _, cells in rows:
            code = cells[col["Country Code"]].strip()
            if col["Region"] < len(cells) and not cells[col["Region"]].strip():
                aggregates.add(code)
    sources, updated = set(), set()
    for f, text in data:
        rows = iter(csv_rows(f, text, ","))
        header: list[str] = []
        for line, cells in rows:
            first = cells[0].strip()
            if first == "Country Name":
                header = [c.strip() for c in cells]
                break
            if first == "Data Source" and len(cells) > 1:
                sources.add(cells[1].strip())
            elif first == "Last Updated Date" and len(cells) > 1 and iso_date(cells[1]):
                updated.add(iso_date(cells[1]))
        if not header:
            raise file_error(f, "not a World Bank bulk CSV: no 'Country Name, Country Code, Indicator Name, "
                                "Indicator Code' header line")
        col = {c: i for i, c in enumerate(header)}
        for c in _DATA_COLUMNS:
            if c not in col:
                raise file_error(f, f"no {c!r} column in the header line", line)
        years = [(i, c, period(c)) for i, c in enumerate(header) if re.fullmatch(r"\d{4}", c)]
        for line, cells in rows:
            code = cells[col["Country Code"]].strip()
            ind = cells[col["Indicator Code"]].strip()
            if not code or not ind:
                raise cell_error(f, line, "Country Code" if not code else "Indicator Code", "", "is empty")
            if ind not in parsed.series:
                name = notes.get(ind, {}).get("name") or cells[col["Indicator Name"]].strip()
                s = _series(ind, name, f"World Bank, {sorted(sources)[0]}" if sources else WB_SOURCE)
                if ind in notes:
                    s.definition = notes[ind]["note"]
                    s.more["source_organization"] = notes[ind]["org"]
                parsed.series[ind] = s
            if opts.countries_only and code in aggregates:
                continue
            for i, c, per in years:
                x = cell_number(f, line, c, cells[i] if i < len(cells) else "")
                if x is None:
                    continue
                assert per is not None
                parsed.obs.append(Obs(code, ind, per, x, f"{f}:{line}"))
    if aggregates and opts.countries_only:
        parsed.notices.append(f"left out the {len(aggregates)} groups of countries the country metadata names "
                              "(no Region)")
    _describe(parsed, sorted(sources)[0] if sources else WB_SOURCE, updated)
    return parsed


def _describe(parsed: Parsed, source: str, updated: set[str]) -> None:
    codes = sorted(parsed.series)
    parsed.source_title = f"World Bank: {source}"
    if len(codes) == 1:
        s = parsed.series[codes[0]]
        parsed.title = f"{s.title} (World Bank, {codes[0]})"
        parsed.source_url = s.url
    else:
        parsed.title = f"World Bank: {len(codes)} series of {source}"
        parsed.source_url = "https://data.worldbank.org"
    if updated:
        parsed.vintage = max(updated)


def read_json(files: list[Path], opts: ImportOptions, entities: Entities) -> Parsed:
    parsed = Parsed("worldbank-json", files, license=WB_LICENSE)
    pages: dict[tuple[Any, ...], dict[int, Path]] = {}
    updated: set[str] = set()
    no_code: set[str] = set()
    for f in files:
        try:
            doc = json.loads(read_text(f))
        except json.JSONDecodeError as ex:
            raise file_error(f, f"not valid JSON: {ex.msg} (column {ex.colno})", ex.lineno) from None
        if (isinstance(doc, list) and doc and isinstance(doc[0], dict) and "message" in doc[0]):
            msgs = doc[0]["message"] if isinstance(doc[0]["message"], list) else [doc[0]["message"]]
            text = "; ".join(f"{m.get('key', '')}: {m.get('value', '')}" if isinstance(m, dict) else str(m)
                             for m in msgs)
            raise file_error(f, f"the World Bank API answered with an error, not data: {text}")
        if not (isinstance(doc, list) and len(doc) == 2 and isinstance(doc[0], dict)
                and isinstance(doc[1], (list, type(None)))):
            raise file_error(f, "not a World Bank API v2 answer ([{page, pages, ...}, [records]])")
        head = doc[0]
        try:
            page, npages = int(head.get("page", 1)), int(head.get("pages", 1))
        except (TypeError, ValueError):
            raise file_error(f, f"page {head.get('page')!r} of {head.get('pages')!r} is not a page number") from None
        sig = (head.get("total"), head.get("per_page"), npages, head.get("sourceid"), head.get("lastupdated"))
        got = pages.setdefault(sig, {})
        if page in got:
            raise file_error(f, f"page {page} is given twice (also {got[page]})")
        got[page] = f
        if head.get("lastupdated") and iso_date(str(head["lastupdated"])):
            updated.add(iso_date(str(head["lastupdated"])))
        for i, rec in enumerate(doc[1] or [], start=1):
            where = f"{f}: record {i}"
            if not isinstance(rec, dict) or not isinstance(rec.get("indicator"), dict):
                raise file_error(where, "not an observation (no 'indicator')")
            ind = str(rec["indicator"].get("id") or "")
            if not ind:
                raise file_error(where, "'indicator.id' is empty")
            if ind not in parsed.series:
                parsed.series[ind] = _series(ind, str(rec["indicator"].get("value") or ind), WB_SOURCE)
            v = rec.get("value")
            if v is None or v == "":
                continue
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                x = number(str(v))
                if x is None:
                    raise file_error(where, f"'value': {v!r} is not a number")
                v = x
            date = str(rec.get("date") or "")
            per = period(date)
            if per is None:
                raise file_error(where, f"'date': {date!r} is not a year, quarter (2023Q1) or month (2023M05)")
            code = str(rec.get("countryiso3code") or "").strip()
            if not code:
                cty = rec.get("country") if isinstance(rec.get("country"), dict) else {}
                code = entities.from_iso2(str(cty.get("id") or "")) or ""
                if not code:
                    no_code.add(str(cty.get("value") or cty.get("id") or "?"))
                    continue
            parsed.obs.append(Obs(code, ind, per, float(v), where))
    for (_, _, npages, *_), got in pages.items():
        missing = [p for p in range(1, npages + 1) if p not in got]
        if missing:
            f = got[min(got)]
            raise file_error(f, f"page {min(got)} of {npages}: page{'s' * (len(missing) > 1)} "
                                f"{', '.join(map(str, missing))} missing (give the file of every page)")
    if no_code:
        parsed.notices.append(f"left out {len(no_code)} entities without an ISO3 code: "
                              + ", ".join(sorted(no_code)[:8]) + (" ..." if len(no_code) > 8 else ""))
    _describe(parsed, WB_SOURCE, updated)
    return parsed

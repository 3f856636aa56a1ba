"""Any CSV a newsroom keeps, long or wide, with its columns named on the command line.

Long: ``--entity COL --period COL --value COL`` and ``--indicator COL`` (a column of series codes)
or ``--indicator-name NAME`` (one series; default: the value column's name). Wide: ``--wide
--entity COL``, every column whose name is a period (``2019``, ``2023-Q1``, ``2023-05``) is a
value. Entities are ISO3 codes or country names, resolved by the catalog's entity resolver
(``Catalog.default().entities.resolve``); a name it cannot place is an error naming the row.
``--filter COL=VALUE`` keeps only the rows with that value. The delimiter (comma, semicolon or
tab) is read from the header line.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from .common import (Entities, ImportOptions, Obs, Parsed, Series, cell_error, cell_number, csv_rows, file_error, nearest,
                     period)


def read(files: list[Path], opts: ImportOptions, entities: Entities) -> Parsed:
    if not opts.entity:
        raise InputError("--entity COL is needed: the column of country names or ISO3 codes")
    if not opts.wide and not (opts.period and opts.value):
        raise InputError("--period COL and --value COL are needed (or --wide, with periods as columns)")
    if opts.indicator and opts.indicator_name:
        raise InputError("--indicator and --indicator-name: give one (a column of series codes, or one series' name)")
    parsed = Parsed("csv", files)
    for f in files:
        rows = iter(csv_rows(f))
        _, header = next(rows, (1, []))
        header = [h.strip() for h in header]
        col = {c: i for i, c in enumerate(header)}
        wanted = [opts.entity] + ([] if opts.wide else [opts.period, opts.value])
        wanted += [opts.indicator] if opts.indicator else []
        wanted += list(opts.filters)
        for c in wanted:
            if c not in col:
                raise file_error(f, f"no column {c!r}{nearest(str(c), header)}; its columns: {', '.join(header[:12])}",
                                 1)
        if opts.wide:
            values = [(i, c, period(c)) for i, c in enumerate(header) if period(c) is not None]
            if not values:
                raise file_error(f, "--wide: no column is a period (2019, 2023-Q1, 2023-05...)", 1)
        fixed = opts.indicator_name or (opts.value if not opts.wide else None) or f.stem
        for line, cells in rows:
            cells = cells + [""] * (len(header) - len(cells))
            if any(cells[col[k]].strip() not in want for k, want in opts.filters.items()):
                continue
            name = cells[col[opts.entity]].strip()
            if not name:
                raise cell_error(f, line, opts.entity, name, "is empty: which country?")
            iso3, why = entities.resolve(name)
            if iso3 is None:
                raise cell_error(f, line, opts.entity, name, why)
            raw = cells[col[opts.indicator]].strip() if opts.indicator else fixed
            if not raw:
                raise cell_error(f, line, str(opts.indicator), raw, "is empty: which series?")
            if raw not in parsed.series:
                parsed.series[raw] = Series(raw, raw)
            if opts.wide:
                cols = [(i, c, per) for i, c, per in values]
            else:
                t = cells[col[str(opts.period)]].strip()
                per = period(t)
                if per is None:
                    raise cell_error(f, line, str(opts.period), t, "is not a period (2019, 2023-Q1, 2023-05, "
                                                                   "2023-05-04)")
                cols = [(col[str(opts.value)], str(opts.value), per)]
            for i, c, per in cols:
                x = cell_number(f, line, c, cells[i])
                if x is None:
                    continue
                assert per is not None
                parsed.obs.append(Obs(iso3, raw, per, x, f"{f}:{line}"))
    if not opts.indicator and not opts.wide and opts.value in opts.units and str(fixed) not in opts.units:
        opts.units[str(fixed)] = opts.units.pop(str(opts.value))  # --unit rate=percent: the one series' unit
    parsed.title = ", ".join(f.stem for f in files)
    parsed.source_title = parsed.title
    return parsed

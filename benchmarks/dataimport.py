#!/usr/bin/env python3
"""Import benchmark: wall time and peak memory of `factcheck data import` on downloads of real size.

Generates (never downloads) a World Bank bulk CSV of a whole series (266 countries and groups x
65 years, as the real file has) and an SDMX-CSV of a Eurostat-like table (up to ``--sdmx-rows``
rows: 5 units x 40 areas x 320 quarters), imports each in this process, and prints per format the
wall time of one import (validation of the written package included) and, from a second run, the
peak of Python allocations (tracemalloc, which slows a run, so it is not timed).

    python benchmarks/dataimport.py [--sdmx-rows 64000]
"""
from __future__ import annotations

import argparse
import random
import tempfile
import time
import tracemalloc
from pathlib import Path

from factcheck.dataimport import ImportOptions, import_data
from factcheck.reference import Catalog


def worldbank_csv(folder: Path, iso3: list[str]) -> Path:
    years = list(range(1960, 2025))
    rnd = random.Random(1)
    lines = ['"Data Source","World Development Indicators",', "", '"Last Updated Date","2024-06-28",', "",
             ",".join(f'"{c}"' for c in ["Country Name", "Country Code", "Indicator Name", "Indicator Code",
                                          *map(str, years)]) + ","]
    for code in iso3:
        vals = [f'"{rnd.uniform(1, 1e12):.1f}"' if rnd.random() > 0.15 else '""' for _ in years]
        lines.append(f'"{code}","{code}","GDP (current US$)","NY.GDP.MKTP.CD",' + ",".join(vals) + ",")
    p = folder / "API_NY.GDP.MKTP.CD_DS2_en_csv_v2_1.csv"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


def sdmx_csv(folder: Path, iso2: list[str], rows: int) -> Path:
    rnd = random.Random(2)
    units = ["PC_GDP", "MIO_EUR", "PC_ACT", "THS_PER", "PC"]
    quarters = [f"{y}-Q{q}" for y in range(1950, 2030) for q in range(1, 5)]
    out = ["DATAFLOW,LAST UPDATE,freq,unit,na_item,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG"]
    n = 0
    for unit in units:
        for geo in iso2:
            for t in quarters:
                if n >= rows:
                    break
                out.append(f"ESTAT:TEST(1.0),22/04/24 23:00:00,Q,{unit},GD,{geo},{t},{rnd.uniform(0, 200):.1f},")
                n += 1
    p = folder / "estat_test.csv"
    p.write_text("\n".join(out) + "\n", encoding="utf-8")
    return p


def measure(label: str, fn) -> None:
    t = time.perf_counter()
    result = fn(False)
    wall = time.perf_counter() - t
    tracemalloc.start()
    fn(True)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    size = sum(p.stat().st_size for p in result.path.rglob("*") if p.is_file())
    print(f"{label:<15} {result.rows:>8,} values  {wall:6.2f} s  peak {peak / 1e6:6.1f} MB  package {size / 1e6:5.2f} MB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sdmx-rows", type=int, default=64_000)
    args = ap.parse_args()
    cat = Catalog.default()  # loaded once, as the command does (not measured)
    countries = sorted(cat.entities._d.countries)  # noqa: SLF001 - every code the catalog knows
    iso3 = [c for c in countries if len(c) == 3][:266]
    from factcheck.dataimport.common import ISO2_EXTRA, Entities

    ent = Entities()
    iso2 = [c for c in ("AT BE BG CY CZ DE DK EE EL ES FI FR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK "
                        "UK NO CH IS TR RS ME MK AL BA XK UA MD").split() if c in ISO2_EXTRA or ent.from_iso2(c)]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        wb = worldbank_csv(folder, iso3)
        measure("worldbank-csv", lambda again: import_data("worldbank-csv", [wb], folder / "out" / "gdp",
                                                           ImportOptions(force=again)))
        sd = sdmx_csv(folder, iso2, args.sdmx_rows)
        measure("sdmx-csv", lambda again: import_data("sdmx-csv", [sd], folder / "out" / "estat",
                                                      ImportOptions(force=again)))


if __name__ == "__main__":
    main()

"""``factcheck data import``: what newsrooms download, as a data package the catalog reads at once.

    from factcheck.dataimport import ImportOptions, import_data
    result = import_data("worldbank-csv", [Path("API_NY.GDP.MKTP.CD_DS2_en_csv_v2_1.csv")],
                         Path("data/gdp"), ImportOptions())

Formats (one reader module each): ``worldbank-csv`` and ``worldbank-json`` (worldbank.py),
``owid`` (owid.py), ``sdmx-csv`` (sdmx.py), ``csv`` (table.py). Every reader returns observations
with the file and line each came from (common.Parsed); common.py checks them (numbers, periods,
units, duplicates) and writes the package whole or not at all (package.py). Bad input is an
``InputError`` naming file, row and column; nothing is written then.
"""
from __future__ import annotations

from .common import FORMATS, ImportOptions, ImportResult
from .package import import_data

__all__ = ["FORMATS", "ImportOptions", "ImportResult", "import_data"]

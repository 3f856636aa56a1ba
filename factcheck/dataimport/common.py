"""What every importer shares: options, observations with their place in the file, periods,
numbers, units and entity codes. Nothing here writes (package.py does) or prints (cli.py does).
"""
from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from ..errors import InputError

#: The formats ``factcheck data import`` reads.
FORMATS = ("worldbank-csv", "worldbank-json", "owid", "sdmx-csv", "csv")

#: How often a series of each kind of period is observed (an indicator's ``periodicity``).
PERIODICITY = {"year": "annual", "quarter": "quarterly", "month": "monthly", "day": "daily"}

#: A name the rules can use for an indicator (a metric rule's ``metric`` has this form).
NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")

#: Eurostat's own two-letter codes for Greece and the United Kingdom, and Kosovo's user code.
ISO2_EXTRA = {"EL": "GRC", "UK": "GBR", "XK": "XKX"}


@dataclass
class ImportOptions:
    """What the command line says about an import (every field optional)."""

    name: str | None = None
    title: str | None = None
    source_url: str | None = None
    #: YYYY-MM-DD; default today.
    retrieved: str | None = None
    license: str | None = None
    vintage: str | None = None
    #: RAW or NAME -> pint unit of its values.
    units: dict[str, str] = field(default_factory=dict)
    #: RAW -> the name rules use.
    indicator_map: dict[str, str] = field(default_factory=dict)
    #: SDMX dimension (or CSV column) -> the values kept.
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: csv: the columns that hold each part.
    entity: str | None = None
    period: str | None = None
    value: str | None = None
    indicator: str | None = None
    indicator_name: str | None = None
    wide: bool = False
    #: Leave out groups of countries (World Bank aggregates).
    countries_only: bool = False
    #: Replace an existing package at the output folder.
    force: bool = False


@dataclass(frozen=True)
class Per:
    """A period as a source writes it: ``kind`` year, half, quarter, month, week or day."""

    kind: str
    label: str
    start: dt.date
    end: dt.date


@dataclass
class Series:
    """What a source says of one raw indicator."""

    raw: str
    title: str = ""
    unit: str | None = None
    #: The unit as the source writes it (``CP_MEUR``, ``current US$``), kept for provenance.
    source_unit: str = ""
    #: Factor turning the source's values into ``unit`` (values in million euro -> euro).
    scale: float = 1.0
    source: str = ""
    url: str = ""
    definition: str = ""
    #: Further keys of the indicator's entry (coverage, source_organization...).
    more: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Obs:
    entity: str
    raw: str
    period: Per
    value: float
    #: "file:line" (or "file: record N") where the value was read.
    where: str


@dataclass
class Parsed:
    """What a reader found: observations, what the source says of each series and of itself."""

    fmt: str
    files: list[Path]
    obs: list[Obs] = field(default_factory=list)
    series: dict[str, Series] = field(default_factory=dict)
    title: str = ""
    source_title: str = ""
    source_url: str = ""
    license: str = ""
    vintage: str = ""
    #: Things the user should know (rows skipped and why), said by the command and kept in the
    #: package's description.
    notices: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ImportResult:
    path: Path
    name: str
    rows: int
    #: raw code -> indicator name
    indicators: dict[str, str]
    entities: int
    notices: tuple[str, ...]


# --------------------------------------------------------------------------------------------
# errors
# --------------------------------------------------------------------------------------------

def cell_error(path: Path | str, line: int | None, column: str, value: Any, what: str) -> InputError:
    """``x.csv:17: column 'OBS_VALUE': 'n/a' is not a number``."""
    return InputError(f"column {column!r}: {value!r} {what}", path=str(path), line=line)


def cell_number(f: Any, line: int, column: str, text: str) -> float | None:
    """A cell's value: None when it is empty; a number; else the one-line error naming the place."""
    v = text.strip()
    if not v:
        return None
    x = number(v)
    if x is None:
        raise cell_error(f, line, column, v, "is not a number")
    return x


def file_error(path: Path | str, what: str, line: int | None = None) -> InputError:
    return InputError(what, path=str(path), line=line)


def nearest(word: str, choices: Any) -> str:
    """`` (did you mean 'x'?)`` or ``""`` (rapidfuzz)."""
    from rapidfuzz import fuzz, process

    choices = [str(c) for c in choices]
    hit = process.extractOne(word, choices, scorer=fuzz.ratio, score_cutoff=60) if choices else None
    return f" (did you mean {hit[0]!r}?)" if hit else ""


# --------------------------------------------------------------------------------------------
# reading CSV with line numbers
# --------------------------------------------------------------------------------------------

def read_text(path: Path) -> str:
    """The file as text (UTF-8, a BOM allowed); else one line naming the line of the bad byte."""
    try:
        raw = path.read_bytes()
    except OSError as ex:
        raise file_error(path, f"cannot read: {ex.strerror or ex}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as ex:
        line = raw[:ex.start].count(b"\n") + 1
        raise file_error(path, "not UTF-8 (save it as UTF-8 and import again)", line) from None


def csv_rows(path: Path, text: str | None = None, delimiter: str | None = None) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) of every non-empty row; the delimiter is sniffed when not given."""
    text = read_text(path) if text is None else text
    if delimiter is None:
        first = text.split("\n", 1)[0]
        counts = {d: first.count(d) for d in (",", ";", "\t")}
        delimiter = max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    line = 1
    try:
        for cells in reader:
            if any(c.strip() for c in cells):
                yield line, cells
            line = reader.line_num + 1
    except csv.Error as ex:
        raise file_error(path, f"not valid CSV: {ex}", reader.line_num) from None


# --------------------------------------------------------------------------------------------
# numbers and periods
# --------------------------------------------------------------------------------------------

_NUMBER = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$")


def number(text: str) -> float | None:
    """A plain decimal number; None when it is not one."""
    t = text.strip()
    return float(t) if _NUMBER.match(t) else None


_PERIODS = (
    (re.compile(r"^(\d{4})(?:-A1)?$"), "year"),
    (re.compile(r"^(\d{4})-?Q([1-4])$"), "quarter"),
    (re.compile(r"^(\d{4})-?[SH]([12])$"), "half"),
    (re.compile(r"^(\d{4})(?:-M?|M)(\d{2})$"), "month"),
    (re.compile(r"^(\d{4})-?W(\d{2})$"), "week"),
    (re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"), "day"),
)


@functools.lru_cache(maxsize=4096)
def period(text: str) -> Per | None:
    """``2023``, ``2023-Q1``, ``2023-05``, ``2023-S1``, ``2023-W05`` (SDMX), ``2023M05``,
    ``2023Q1`` (World Bank), ``2023-05-04`` -> Per; None when not a period or not a real one."""
    t = text.strip()
    for rx, kind in _PERIODS:
        m = rx.match(t)
        if not m:
            continue
        y = int(m.group(1))
        try:
            if kind == "year":
                return Per(kind, str(y), dt.date(y, 1, 1), dt.date(y, 12, 31))
            n = int(m.group(2))
            if kind == "quarter":
                s = dt.date(y, 3 * n - 2, 1)
                return Per(kind, f"{y}-Q{n}", s, _month_end(y, 3 * n))
            if kind == "half":
                return Per(kind, f"{y}-S{n}", dt.date(y, 6 * n - 5, 1), _month_end(y, 6 * n))
            if kind == "month":
                return Per(kind, f"{y}-{n:02d}", dt.date(y, n, 1), _month_end(y, n))
            if kind == "week":
                s = dt.date.fromisocalendar(y, n, 1)
                return Per(kind, f"{y}-W{n:02d}", s, s + dt.timedelta(days=6))
            d = dt.date(y, n, int(m.group(3)))
            return Per(kind, d.isoformat(), d, d)
        except ValueError:
            return None
    return None


def _month_end(y: int, m: int) -> dt.date:
    return dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)


@functools.lru_cache(maxsize=1024)
def iso_date(text: str) -> str | None:
    """A date as ISO, from ISO (``2024-06-28``, a timestamp) or Eurostat's ``07/05/24 23:00:00``."""
    t = text.strip()
    m = re.match(r"^(\d{4}-\d{2}-\d{2})", t)
    if m:
        try:
            return dt.date.fromisoformat(m.group(1)).isoformat()
        except ValueError:
            return None
    for fmt in ("%d/%m/%y %H:%M:%S", "%d/%m/%Y %H:%M:%S", "%d/%m/%y", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(t, fmt).date().isoformat()
        except ValueError:
            continue
    return None


# --------------------------------------------------------------------------------------------
# names, units, entities
# --------------------------------------------------------------------------------------------

def slug(text: str, limit: int = 60) -> str:
    """``NY.GDP.MKTP.CD`` -> ``ny_gdp_mktp_cd``; always a name of the form rules use."""
    from ..reference.entities import fold

    s = re.sub(r"[^a-z0-9]+", "_", fold(text).lower()).strip("_")[:limit].strip("_")
    if not s:
        return "series"
    return s if s[0].isalpha() else "x_" + s


@functools.lru_cache(maxsize=1)
def unit_table() -> dict[str, Any]:
    """factcheck/dataimport/units.yaml: units read from series names and SDMX unit codes."""
    import yaml

    from .. import shipped

    return yaml.safe_load(shipped.package_file("factcheck.dataimport", "units.yaml").read_text(encoding="utf-8"))


def unit_from_name(name: str) -> str | None:
    """The unit a series' name states ("GDP (current US$)" -> USD), or None."""
    for entry in unit_table().get("names") or []:
        if re.search(entry["pattern"], name.strip(), re.I):
            return entry["unit"]
    return None


def unit_from_code(code: str) -> tuple[str, float] | None:
    """An SDMX unit code -> (unit, factor to the unit), or None."""
    got = (unit_table().get("codes") or {}).get(code.strip().upper())
    if not got or not got.get("unit"):
        return None
    return got["unit"], float(got.get("scale", 1))


def check_unit(unit: str, what: str) -> str:
    """A pint term of factcheck.units.registry(), else an error naming the option."""
    from ..units import registry

    try:
        registry().Unit(unit)
    except Exception:  # noqa: BLE001 - pint raises several kinds for an unknown term
        raise InputError(f"{what}: {unit!r} is not a unit factcheck knows (pint terms: percent, person, USD, EUR, "
                         "kilogram...)") from None
    return unit


class Entities:
    """Country codes and names -> ISO3 through the shipped catalog (the countries package)."""

    def __init__(self) -> None:
        from ..reference import Catalog

        self.catalog = Catalog.default()
        self._iso2: dict[str, str] | None = None
        self._kinds: dict[str, str] | None = None

    def _countries(self) -> None:
        info = self.catalog.datasets.get("countries")
        self._iso2, self._kinds = dict(ISO2_EXTRA), {}
        if info is None:
            return
        import json

        root = Path(info.path)
        desc = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
        for res in desc.get("resources", []):
            if (res.get("factcheck") or {}).get("kind") != "countries":
                continue
            with open(root / res["path"], encoding="utf-8", newline="") as fh:
                for row in csv.DictReader(fh):
                    if row.get("iso2"):
                        self._iso2.setdefault(row["iso2"], row["iso3"])
                    self._kinds[row["iso3"]] = row.get("kind", "")

    def from_iso2(self, code: str) -> str | None:
        if self._iso2 is None:
            self._countries()
        assert self._iso2 is not None
        return self._iso2.get(code.strip().upper())

    def kind(self, iso3: str) -> str:
        """country, territory, aggregate, or "" when the countries package does not know it."""
        if self._kinds is None:
            self._countries()
        assert self._kinds is not None
        return self._kinds.get(iso3, "")

    def known(self, iso3: str) -> bool:
        return iso3 in self.catalog.entities

    @functools.lru_cache(maxsize=8192)  # noqa: B019 - one resolver per import
    def resolve(self, value: str) -> tuple[str | None, str]:
        """(ISO3, "") for an ISO3 code or a country's name; else (None, why not)."""
        v = value.strip()
        if re.fullmatch(r"[A-Z]{3}", v) and self.known(v):
            return v, ""
        m = self.catalog.entities.resolve(v)
        if m.ambiguous:
            return None, f"names more than one country ({', '.join(m.candidates[:4])})"
        if not m.found:
            return None, "is not a country name or ISO3 code factcheck knows"
        if m.alias_type in ("place", "capital"):
            return None, f"is a city ({m.name}), not a country"
        return m.iso3, ""

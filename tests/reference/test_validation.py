"""A broken package reports every problem at once, naming file, row and column."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from factcheck.errors import DatasetError
from factcheck.reference import Catalog
from factcheck.reference.validate import check, validate

GOOD = "entity,year,value\nTUR,2019,100\nTUR,2020,200\nSYR,2019,5\n"
BROKEN = ("entity,year,value\n"
          "TUR,2019,100\n"
          "TUR,20x0,200\n"      # line 3: year is not a year
          "SYR,2019,\n"         # line 4: missing value
          "TUR,2019,300\n")     # line 5: duplicate key (TUR, 2019)


def write_package(root: Path, csv_text: str, hash_of: str | None = None) -> Path:
    pkg = root / "toy"
    (pkg / "data").mkdir(parents=True)
    (pkg / "data" / "toy.csv").write_text(csv_text, encoding="utf-8")
    digest = hashlib.sha256((hash_of if hash_of is not None else csv_text).encode()).hexdigest()
    desc = {
        "name": "toy", "title": "Toy", "version": "1", "sources": [{"title": "test"}],
        "licenses": [{"name": "CC0-1.0"}],
        "resources": [{
            "name": "toy", "path": "data/toy.csv", "hash": f"sha256:{digest}",
            "schema": {"fields": [
                {"name": "entity", "type": "string", "constraints": {"required": True}},
                {"name": "year", "type": "year", "constraints": {"required": True}},
                {"name": "value", "type": "number", "constraints": {"required": True}}],
                "primaryKey": ["entity", "year"]},
            "factcheck": {"kind": "observations", "entity": "entity",
                          "indicator": {"constant": "X"}, "value": "value",
                          "period": {"type": "year", "column": "year"},
                          "indicators": {"X": {"name": "toy_indicator", "unit": "person"}}}}],
    }
    (pkg / "datapackage.json").write_text(json.dumps(desc), encoding="utf-8")
    return pkg


def test_valid_package_loads(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    write_package(tmp_path / "root", GOOD)
    assert validate(tmp_path / "root").ok
    cat = Catalog([tmp_path / "root"])
    assert [o.value for o in cat.series("TUR", "toy_indicator")] == [100, 200]


def test_all_problems_reported_at_once(tmp_path):
    write_package(tmp_path, BROKEN, hash_of=GOOD)
    problems = validate(tmp_path).problems
    text = "\n".join(problems)
    csv_path = str(tmp_path / "toy" / "data" / "toy.csv")
    assert all(p.startswith(csv_path) for p in problems)
    assert "hash mismatch" in text
    assert f"{csv_path}:3: column 'year': not a valid year" in text
    assert f"{csv_path}:4: column 'value': missing value" in text
    assert f"{csv_path}:5: duplicate key" in text and "[entity+year]" in text
    assert len(problems) == 4


def test_catalog_refuses_broken_data(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    write_package(tmp_path / "root", BROKEN, hash_of=GOOD)
    with pytest.raises(DatasetError) as err:
        Catalog([tmp_path / "root"])
    assert len(err.value.problems) == 4
    with pytest.raises(DatasetError):
        check(tmp_path / "root")


def test_missing_column_and_unknown_indicator(tmp_path):
    pkg = write_package(tmp_path, GOOD)
    (pkg / "data" / "toy.csv").write_text("entity,value\nTUR,1\n", encoding="utf-8")
    problems = validate(tmp_path).problems
    assert any("missing column 'year'" in p for p in problems)
    assert any("factcheck block names column 'year'" in p for p in problems)


def test_shipped_reference_data_is_valid():
    report = validate()
    assert report.ok, "\n".join(report.problems)
    assert len(report.results) >= 9

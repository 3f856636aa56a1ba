from __future__ import annotations

import json
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def catalog():
    from factcheck.reference import Catalog

    return Catalog.default()


@pytest.fixture
def own_cache(tmp_path, monkeypatch):
    """A cache folder of the test's own (nothing shared with other tests or runs)."""
    import factcheck.cache as store

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("FACTCHECK_NO_CACHE", raising=False)
    monkeypatch.setattr(store, "_stamps_memo", None)
    monkeypatch.setattr(store, "_seen", set())
    return tmp_path / "xdg" / "factcheck"


def write_package(folder: Path, name: str, resources: list[dict], *, indicator_vintage: str | None = None) -> Path:
    """A small observations package: ``resources`` are dicts with ``csv`` (text, columns entity,
    year, value and optionally vintage), ``indicator`` (the name it maps to) and optionally
    ``vintage`` (the resource's: a date or {"column": ...}) and ``path``."""
    pkg = folder / name
    (pkg / "data").mkdir(parents=True, exist_ok=True)
    res_out = []
    for i, r in enumerate(resources):
        path = r.get("path", f"data/r{i}.csv")
        (pkg / path).write_text(r["csv"], encoding="utf-8")
        cols = r["csv"].splitlines()[0].split(",")
        fields = [{"name": c, "type": {"year": "year", "value": "number"}.get(c, "string")} for c in cols]
        meta = {"name": r["indicator"], "unit": r.get("unit", "person"), "series": r["indicator"].title()}
        if indicator_vintage:
            meta["vintage"] = indicator_vintage
        fc = {"kind": "observations", "entity": "entity", "indicator": {"constant": r["indicator"].upper()},
              "value": "value", "period": {"type": "year", "column": "year"},
              "indicators": {r["indicator"].upper(): meta}}
        if "vintage" in r:
            fc["vintage"] = r["vintage"]
        res_out.append({"name": f"r{i}", "path": path, "schema": {"fields": fields}, "factcheck": fc})
    desc = {"name": name, "title": name.title(), "version": "1", "sources": [{"title": "test", "retrieved": "2026-01-01"}],
            "licenses": [{"name": "CC0-1.0"}], "resources": res_out}
    (pkg / "datapackage.json").write_text(json.dumps(desc), encoding="utf-8")
    return pkg


@pytest.fixture
def make_package():
    return write_package

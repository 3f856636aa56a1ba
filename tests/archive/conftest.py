"""A newsroom's small archive: a rule and a dataset of its own with two vintages, and a few
published articles, one of whose figures the second vintage revises."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

RULE = """\
id: metrics.widget_tax
code: FC199
kind: metric
description: A country's tax on widgets in a year ("the widget tax was 7% in 2019").
metric: widget_tax
quantity: {kinds: [percent]}
triggers: ["widget tax"]
window: 60
subject: {types: [name, code, demonym], fallback: document}
reference: {dataset: widgets, indicator: widget_tax}
tolerance: {absolute: 0.5}
examples:
  as_of: 2021-06-01
  match:
    - text: "Germany's widget tax was 7% in 2019."
      expect: {subject: DEU, verdict: supported}
  no_match:
    - "Germany's inflation reached 5% in May."
"""

#: The first release, and the second, which revises Turkey's 2019 figure (12 -> 15).
FIRST = "entity,year,value\nTUR,2018,11\nTUR,2019,12\nDEU,2019,7\nFRA,2019,20\n"
SECOND = "entity,year,value\nTUR,2018,11\nTUR,2019,15\nDEU,2019,7\nFRA,2019,20\n"

ARTICLES = {
    "turkey_2021-06-01.txt": "Turkey's widget tax was 12% in 2019, officials said.\n",
    "germany_2021-06-01.txt": "Germany's widget tax was 7% in 2019, officials said.\n",
    "france_2021-06-01.txt": "France's widget tax was 20% in 2019, the ministry said.\n",
    "turkey_earlier_2021-06-01.txt": "Turkey's widget tax was 11% in 2018, officials said.\n",
    "bridge_2021-06-01.txt": "The mayor opened the new bridge on Tuesday.\n",
}


def write_widgets(folder: Path, releases: list[tuple[str, str]]) -> Path:
    """The ``widgets`` package under ``folder``: one resource per (vintage, csv)."""
    pkg = folder / "widgets"
    (pkg / "data").mkdir(parents=True, exist_ok=True)
    fields = [{"name": "entity", "type": "string"}, {"name": "year", "type": "year"},
              {"name": "value", "type": "number"}]
    resources = []
    for i, (vintage, csv) in enumerate(releases):
        (pkg / "data" / f"v{i}.csv").write_text(csv, encoding="utf-8")
        resources.append({
            "name": f"v{i}", "path": f"data/v{i}.csv", "schema": {"fields": fields},
            "factcheck": {"kind": "observations", "entity": "entity", "indicator": {"constant": "WIDGET_TAX"},
                          "value": "value", "period": {"type": "year", "column": "year"}, "vintage": vintage,
                          "indicators": {"WIDGET_TAX": {"name": "widget_tax", "unit": "percent",
                                                        "series": "Widget tax", "source": "Widget office",
                                                        "url": "https://example.org/widgets"}}}})
    desc = {"name": "widgets", "title": "Widget taxes", "version": "1",
            "sources": [{"title": "Widget office", "retrieved": "2026-07-02"}],
            "licenses": [{"name": "CC0-1.0"}], "resources": resources}
    (pkg / "datapackage.json").write_text(json.dumps(desc), encoding="utf-8")
    return pkg


@pytest.fixture
def newsroom(tmp_path):
    """tmp_path with rules/, data/ (widgets in two vintages), published/ (the articles) and a
    factcheck.toml that reads the rules and data, as a newsroom's checkout has."""
    (tmp_path / "rules" / "metrics").mkdir(parents=True)
    (tmp_path / "rules" / "metrics" / "widget_tax.yaml").write_text(RULE, encoding="utf-8")
    write_widgets(tmp_path / "data", [("2025-07-01", FIRST), ("2026-07-01", SECOND)])
    pub = tmp_path / "published"
    pub.mkdir()
    for name, text in ARTICLES.items():
        (pub / name).write_text(text, encoding="utf-8")
    (tmp_path / "factcheck.toml").write_text('rules = ["rules"]\ndata = ["data"]\n', encoding="utf-8")
    return tmp_path


def run(cwd: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "factcheck", *args], capture_output=True, text=True, cwd=cwd,
                          input=stdin, check=False)


@pytest.fixture
def fc():
    """Run ``python -m factcheck ARGS...`` in a folder: fc(cwd, *args)."""
    return run


@pytest.fixture
def widgets():
    """write_widgets(folder, [(vintage, csv), ...]): the widgets package in a folder."""
    return write_widgets

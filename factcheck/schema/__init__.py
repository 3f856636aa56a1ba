"""The JSON Schemas of factcheck's machine output, shipped with the package.

``report.schema.json``: ``factcheck check --format json``; ``extract.schema.json``:
``factcheck extract --format json``. ``factcheck schema NAME`` prints one.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .. import shipped

HERE = shipped.package_dir("factcheck.schema")
NAMES = ("report", "extract")


def path(name: str) -> Path:
    return HERE / f"{name}.schema.json"


def load(name: str) -> dict[str, Any]:
    return json.loads(path(name).read_text(encoding="utf-8"))

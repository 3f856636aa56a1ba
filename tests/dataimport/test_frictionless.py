"""`factcheck data validate` and the Frictionless reference library agree on every shipped package.

Two things in the shipped descriptors are outside the Frictionless v1 profile that the library
checks by default, and are reported to whoever builds reference_data/ (scripts/): ``created`` is a
date where the profile wants a datetime, and a field constraint ``exclusiveMinimum`` is Table
Schema v2 (the package does not declare v2). Every other problem, in descriptors or data, fails
here; and with those two read as the profile wants, every package validates in full: each row
against its schema, each file against its ``bytes`` and ``hash``.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from factcheck.reference.catalog import default_root, discover

from .conftest import frictionless_errors

#: What the Frictionless v1 profile says of the shipped descriptors that factcheck accepts.
KNOWN = {
    ("package-error", 'property "created" is not valid "datetime"'),
    ("field-error", 'constraint "exclusiveMinimum" requires datapackage v2'),
}

SHIPPED = discover([default_root()])


def test_every_shipped_dataset_is_found():
    assert {p.parent.name for p in SHIPPED} >= {"wdi", "countries", "unhcr_refugees", "ecb_fx"}


@pytest.mark.parametrize("descriptor", SHIPPED, ids=[p.parent.name for p in SHIPPED])
def test_shipped_package_validates_with_frictionless(descriptor: Path, tmp_path: Path) -> None:
    from factcheck.reference.catalog import validate_package

    assert validate_package(descriptor) == []
    found = {tuple(e) for e in frictionless_errors(descriptor)}
    assert found <= KNOWN, found - KNOWN
    desc = json.loads(descriptor.read_text(encoding="utf-8"))
    if len(str(desc.get("created", ""))) == 10:
        desc["created"] += "T00:00:00Z"
    if "exclusiveMinimum" in json.dumps(desc):
        desc["$schema"] = "https://datapackage.org/profiles/2.0/datapackage.json"
    copy = tmp_path / descriptor.parent.name
    copy.mkdir()
    for res in desc["resources"]:  # the data files where the descriptor says, read in place
        top = Path(res["path"]).parts[0]
        if not (copy / top).exists():
            os.symlink(descriptor.parent / top, copy / top)
    (copy / "datapackage.json").write_text(json.dumps(desc), encoding="utf-8")
    assert frictionless_errors(copy / "datapackage.json") == []

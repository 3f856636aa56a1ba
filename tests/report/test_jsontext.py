"""report/jsontext writes what json.dumps(value, ensure_ascii=False, indent=1) writes, byte for
byte: every JSON report (json, sarif, gitlab, rdjson, extract) relies on it."""
from __future__ import annotations

import enum
import json
import math

import pytest

from factcheck.config import Config
from factcheck.report.json_report import report_dict
from factcheck.report.jsontext import dumps
from factcheck.workflow import check_documents, read_documents


def stdlib(value, level=0):
    text = json.dumps(value, ensure_ascii=False, indent=1)
    return text.replace("\n", "\n" + " " * level)


class Kind(enum.IntEnum):
    A = 1


class Name(str, enum.Enum):
    B = "b"


VALUES = [
    {}, [], (), "", 0, -1, 10**30, 1.5, -0.0, 1e300, 5e-324, 0.1 + 0.2, None, True, False,
    {"a": {}}, {"a": []}, [[], {}, [[]]], {"a": (1, (2, 3))},
    {"nan": math.nan, "inf": math.inf, "-inf": -math.inf},
    "é ü ı ş ⟦0⟧ \u2028 \u2029 \x00 \x1f \" \\ / \n\t 🎉",
    {"é\n\"key\"": ["\u2028", None, True, 2, 2.5, {"x": [{"y": []}]}]},
    {"kind": Kind.A, "name": Name.B},  # subclasses: json.dumps decides
    {1: "int key", None: "none key", 2.5: "float key", False: "bool key"},  # keys json.dumps converts
]


@pytest.mark.parametrize("value", VALUES, ids=range(len(VALUES)))
@pytest.mark.parametrize("level", [0, 1, 2, 4])
def test_same_text_as_json_dumps(value, level):
    assert dumps(value, level) == stdlib(value, level)


def test_what_json_cannot_write_fails_as_json_dumps_does():
    with pytest.raises(TypeError, match="not JSON serializable"):
        dumps({"a": {1, 2}})
    with pytest.raises(TypeError):
        dumps([object()])


def test_a_whole_report_of_the_seed():
    cfg = Config()
    report = check_documents(read_documents(["seeds/idlib_joint_patrols_2020-02-20.txt"], cfg), cfg)
    value = report_dict(report)
    assert value["documents"][0]["findings"], "the seed has findings to write"
    assert dumps(value) == stdlib(value)

"""Rule files and datasets from others (SECURITY.md, "Rule files and datasets from others"): YAML
alias bombs, nesting and repeated keys, symbolic links out of rule and data folders and loops,
resource paths that leave their package or are URLs, a million rows, files past the limits, a gzip
bomb, NaN and infinities, duplicate keys and a catastrophic schema pattern. Each is refused with one
line naming the file and place (exit 2 from the command line), or, for a million rows, handled."""
from __future__ import annotations

import gzip
import hashlib
import json
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from factcheck.errors import DatasetError, RuleError
from factcheck.reference import catalog
from factcheck.reference.validate import validate
from factcheck.ruleset import guard
from factcheck.ruleset.loader import DEFAULT_RULES_DIR, _Loader, load_file, load_rules

ROOT = Path(__file__).resolve().parents[2]

RULE = """id: metrics.{name}
code: FC990
kind: metric
description: A rule from outside the newsroom.
metric: hostile
quantity: {{kinds: [count]}}
reference: {{dataset: wdi, indicator: population}}
examples:
  as_of: 2020-01-01
  match:
    - text: "x"
      expect: {{verdict: supported}}
  no_match: ["y"]
"""


def run(*args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "factcheck", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=timeout, check=False)


def errors_of(proc: subprocess.CompletedProcess) -> list[str]:
    """The error lines of a run that must have failed with exit 2 and no traceback."""
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    return [line for line in proc.stderr.splitlines() if line.startswith("factcheck: error: ")]


def rule_file(folder: Path, name: str, tail: str = "") -> Path:
    path = folder / "metrics" / f"{name}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(RULE.format(name=name) + (tail or 'triggers: ["hostile"]\n'), encoding="utf-8")
    return path


def laughs(levels: int) -> str:
    """A "billion laughs": 9**levels values written in a few hundred bytes."""
    lines = ["lols:", '  - &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"  - &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, levels)]
    return "\n".join(lines) + f"\ntriggers: *a{levels - 1}\n"


# --- YAML ----------------------------------------------------------------------------------------

def test_a_yaml_alias_bomb_is_refused_with_file_and_line(tmp_path):
    path = rule_file(tmp_path / "rules", "bomb", laughs(10))  # 3.5 billion values once expanded
    proc = run("rules", "list", "--rules", str(tmp_path / "rules"), timeout=120)
    (line,) = errors_of(proc)
    assert line.startswith(f"factcheck: error: {path}:20:")
    assert "alias *a4 expands the file past 100,000 values" in line


def test_aliases_within_the_bound_still_load(tmp_path):
    path = rule_file(tmp_path, "shared", 'triggers: &t ["rose", "fell"]\nexclude: *t\n')
    (rule,), errors = load_file(path, tmp_path)
    assert not errors
    assert rule.get("exclude") == rule.get("triggers") == ["rose", "fell"]


def test_an_alias_inside_what_it_names_is_refused(tmp_path):
    path = rule_file(tmp_path, "loop", "triggers: &t [a, *t]\n")
    rules, (err,) = load_file(path, tmp_path)
    assert not rules and err.line == 14
    assert "alias *t is inside the collection it names" in str(err)


def test_nesting_a_hundred_thousand_deep_is_refused_not_a_recursion_error(tmp_path):
    path = rule_file(tmp_path, "deep", "triggers: " + "[" * 100_000 + "]" * 100_000 + "\n")
    rules, (err,) = load_file(path, tmp_path)
    assert not rules and isinstance(err, RuleError)
    # the rule is one level, so the 64th bracket (column 10 + 64) is the 65th level
    assert str(err) == f"{path}:14:{10 + guard.MAX_DEPTH}: collections nested more than 64 deep"


def test_a_repeated_key_names_both_lines(tmp_path):
    path = rule_file(tmp_path, "twice", 'triggers: ["first"]\nwindow: 40\ntriggers: ["second"]\n')
    rules, (err,) = load_file(path, tmp_path)
    assert not rules
    assert str(err) == f"{path}:16:1: duplicate key 'triggers' (also on line 14); a mapping names each key once"


def test_a_rule_file_past_the_size_limit_is_refused_before_it_is_read(tmp_path):
    path = rule_file(tmp_path, "huge", "# " + "x" * guard.MAX_BYTES + "\n")
    rules, (err,) = load_file(path, tmp_path)
    assert not rules
    assert str(err) == f"{path}: rule file of 2.0 MB; factcheck reads rule files of at most 2 MB"


def test_the_shipped_rules_are_well_inside_the_bounds():
    for path in sorted(Path(DEFAULT_RULES_DIR).rglob("*.y*ml")):
        assert guard.check_size(path) is None
        text = path.read_text(encoding="utf-8")
        assert guard.check_text(text, path, _Loader) is None, path
        assert len(text) < guard.MAX_BYTES / 10


# --- symbolic links in rule folders ----------------------------------------------------------------

def test_rule_links_out_of_the_folder_and_loops_are_refused_one_line_each(tmp_path):
    rules = tmp_path / "rules"
    rule_file(rules, "fine")
    outside = tmp_path / "elsewhere"
    rule_file(outside, "stolen")
    (rules / "metrics" / "stolen.yaml").symlink_to(outside / "metrics" / "stolen.yaml")
    (rules / "more").symlink_to(outside / "metrics", target_is_directory=True)
    (rules / "metrics" / "a.yaml").symlink_to(rules / "metrics" / "b.yaml")
    (rules / "metrics" / "b.yaml").symlink_to(rules / "metrics" / "a.yaml")
    (rules / "metrics" / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")
    (rules / "metrics" / "same.yaml").symlink_to(rules / "metrics" / "fine.yaml")  # within: read
    proc = run("rules", "list", "--rules", str(rules), timeout=120)
    lines = errors_of(proc)
    top = rules.resolve()
    assert f"factcheck: error: {rules}/metrics/stolen.yaml: symbolic link to {outside.resolve()}/metrics/stolen.yaml, " \
           f"outside the rule folder {top}; factcheck follows links only within it" in lines
    assert f"factcheck: error: {rules}/more: symbolic link to {outside.resolve()}/metrics, outside the rule folder " \
           f"{top}; factcheck follows links only within it" in lines
    assert f"factcheck: error: {rules}/metrics/a.yaml: symbolic link loop" in lines
    assert f"factcheck: error: {rules}/metrics/b.yaml: symbolic link loop" in lines
    assert f"factcheck: error: {rules}/metrics/gone.yaml: symbolic link to {tmp_path}/nowhere.yaml, which does not " \
           "exist" in lines
    # the link within the folder was read (its id does not mirror its name); nothing else went wrong
    assert any("same.yaml" in x and "does not mirror its path" in x for x in lines)
    assert len(lines) == 6, lines


def test_a_folder_link_that_loops_back_is_not_descended(tmp_path):
    rules = tmp_path / "rules"
    rule_file(rules, "fine")
    (rules / "metrics" / "again").symlink_to(rules, target_is_directory=True)  # within the folder: skipped
    (rules / "self").symlink_to(rules / "self")
    with pytest.raises(RuleError) as err:
        load_rules([rules])
    assert err.value.lines() == [f"{rules}/self: symbolic link loop"]


# --- datasets ----------------------------------------------------------------------------------------

FIELDS = [{"name": "entity", "type": "string", "constraints": {"required": True}},
          {"name": "year", "type": "year", "constraints": {"required": True}},
          {"name": "value", "type": "number", "constraints": {"required": True}}]


def package(root: Path, csv: bytes | str = "entity,year,value\nTUR,2019,1\n", *, path: str = "data/toy.csv",
            fields: list | None = None, name: str = "toy", write: bool = True) -> Path:
    """A dataset folder ``root/name`` with one resource at ``path`` (written unless ``write`` is
    False); returns its descriptor."""
    pkg = root / name
    (pkg / "data").mkdir(parents=True, exist_ok=True)
    data = csv.encode() if isinstance(csv, str) else csv
    if write:
        (pkg / path).write_bytes(data)
    desc = {"name": name, "title": "Toy", "version": "1", "sources": [{"title": "test"}],
            "licenses": [{"name": "CC0-1.0"}],
            "resources": [{"name": "toy", "path": path, "hash": f"sha256:{hashlib.sha256(data).hexdigest()}",
                           "schema": {"fields": fields or FIELDS, "primaryKey": ["entity", "year"]},
                           "factcheck": {"kind": "observations", "entity": "entity", "indicator": {"constant": "X"},
                                         "value": "value", "period": {"type": "year", "column": "year"},
                                         "indicators": {"X": {"name": "toy_indicator", "unit": "person"}}}}]}
    (pkg / "datapackage.json").write_text(json.dumps(desc), encoding="utf-8")
    return pkg / "datapackage.json"


@pytest.mark.parametrize("path, says", [
    ("../../../../../../etc/passwd", "leaves the dataset folder ('..')"),
    ("data/../../outside.csv", "leaves the dataset folder ('..')"),
    ("/etc/passwd", "is absolute; a resource's path is relative to its datapackage.json"),
    ("http://example.org/data.csv", ("is a URL; factcheck reads only files inside the dataset folder (nothing is "
                                    "downloaded)")),
    ("file:///etc/passwd", "is a URL; factcheck reads only files inside the dataset folder (nothing is downloaded)"),
])
def test_a_resource_path_out_of_its_folder_is_refused_naming_descriptor_and_resource(tmp_path, path, says):
    desc = package(tmp_path / "data", path=path, write=False)
    lines = errors_of(run("data", "validate", str(tmp_path / "data")))
    assert lines == [f"factcheck: error: {desc} [resources/0]: path {path!r} {says}"]
    assert catalog.data_files(desc) == [desc]  # nothing outside is even hashed for a cache key


def test_check_with_such_a_dataset_stops_before_reading_anything(tmp_path):
    package(tmp_path / "data", path="/etc/passwd", write=False)
    article = tmp_path / "a_2020-02-20.txt"
    article.write_text("Turkey hosts 3.6 million Syrian refugees.\n", encoding="utf-8")
    proc = run("check", str(article), "--data", str(tmp_path / "data"), "-f", "json")
    lines = errors_of(proc)
    assert proc.stdout == ""
    assert any("[resources/0]: path '/etc/passwd' is absolute" in x for x in lines)


def test_data_links_out_of_the_folder_and_loops_are_refused(tmp_path):
    data = tmp_path / "data"
    outside = tmp_path / "elsewhere"
    package(outside, name="stolen")
    desc = package(data, name="toy")
    secret = tmp_path / "secret.csv"
    secret.write_text("entity,year,value\nTUR,2019,1\n", encoding="utf-8")
    (data / "stolen").symlink_to(outside / "stolen", target_is_directory=True)
    (data / "loop").symlink_to(data / "loop")
    (data / "toy" / "data" / "toy.csv").unlink()
    (data / "toy" / "data" / "toy.csv").symlink_to(secret)
    lines = errors_of(run("data", "validate", str(data)))
    assert sorted(lines) == sorted([
        f"factcheck: error: {data}/loop: symbolic link loop",
        (f"factcheck: error: {data}/stolen: symbolic link to {outside.resolve()}/stolen, outside the data folder "
        f"{data.resolve()}; factcheck follows links only within it")])
    (data / "loop").unlink()
    (data / "stolen").unlink()
    lines = errors_of(run("data", "validate", str(data)))
    assert lines == [(f"factcheck: error: {desc} [resources/0]: path 'data/toy.csv' is a symbolic link to "
                     f"{secret.resolve()}, outside the dataset folder {desc.parent.resolve()}")]
    with pytest.raises(DatasetError):
        catalog.load_package(desc)


def test_a_link_within_the_dataset_folder_is_read(tmp_path):
    desc = package(tmp_path / "data", path="data/toy.csv")
    real = desc.parent / "data" / "real.csv"
    (desc.parent / "data" / "toy.csv").rename(real)
    (desc.parent / "data" / "toy.csv").symlink_to(real)
    assert validate(tmp_path / "data").ok


def test_a_million_rows_are_validated_in_bounded_memory(tmp_path):
    """A million rows (21 MB) are within the limits: handled, not refused (1.6 s and 330 MB
    measured; the limits are what bound a larger file)."""
    ents = [f"E{i:05d}" for i in range(20_000)]
    body = "\n".join(f"{ents[i // 50]},{1970 + i % 50},{i * 1.5}" for i in range(1_000_000))
    package(tmp_path / "data", "entity,year,value\n" + body + "\n")
    assert validate(tmp_path / "data").ok


def test_more_rows_than_the_limit_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(catalog, "MAX_RESOURCE_ROWS", 1000)
    desc = package(tmp_path / "data", "entity,year,value\n" + "".join(f"E{i},2019,{i}\n" for i in range(1001)))
    assert validate(tmp_path / "data").problems == [
        (f"{desc.parent}/data/toy.csv: more than 1,000 rows; factcheck reads data files of at most 1,000 rows "
        "(split the series over several resources)")]


def test_a_file_past_the_byte_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(catalog, "MAX_RESOURCE_BYTES", 10_000)
    desc = package(tmp_path / "data", "entity,year,value\n" + "".join(f"E{i},2019,{i}\n" for i in range(2000)))
    size = (desc.parent / "data" / "toy.csv").stat().st_size
    assert validate(tmp_path / "data").problems == [
        f"{desc.parent}/data/toy.csv: {size:,} bytes; factcheck reads data files of at most 10,000 bytes"]


def bomb(size: int) -> bytes:
    """A gzip member of ``size`` zero bytes (about a thousandth of that compressed)."""
    c = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = b"0" * (1 << 20)
    parts = [c.compress(block) for _ in range(size >> 20)]
    return b"".join(parts) + c.flush()


def test_a_gzip_bomb_is_refused_before_it_is_inflated(tmp_path, monkeypatch):
    monkeypatch.setattr(catalog, "MAX_RESOURCE_BYTES", 1_000_000)
    payload = gzip.compress(b"entity,year,value\n") + bomb(256 << 20)  # a second member: 256 MB of zeros
    assert len(payload) < 1_000_000
    desc = package(tmp_path / "data", payload, path="data/toy.csv.gz")
    assert validate(tmp_path / "data").problems == [
        f"{desc.parent}/data/toy.csv.gz: more than 1 MB once decompressed; factcheck reads data files of at most 1 MB"]


def test_a_gzip_file_of_several_members_within_the_limit_is_read_whole(tmp_path):
    payload = gzip.compress(b"entity,year,value\nTUR,2019,1\n") + gzip.compress(b"SYR,2019,2\n")
    package(tmp_path / "data", payload, path="data/toy.csv.gz")
    pkg = catalog.load_package(tmp_path / "data" / "toy" / "datapackage.json")
    assert list(pkg.frames["toy"]["entity"]) == ["TUR", "SYR"]


def test_nan_and_infinities_are_refused_naming_file_line_and_column(tmp_path):
    desc = package(tmp_path / "data", "entity,year,value\nA,2019,NaN\nB,2019,inf\nC,2019,-Infinity\nD,2019,1e999\n"
                                      "E,2019,nan\nF,2019,2.5\n")
    csv = f"{desc.parent}/data/toy.csv"
    assert validate(tmp_path / "data").problems == [
        f"{csv}:3: column 'value': not a finite number (got 'inf')",
        f"{csv}:4: column 'value': not a finite number (got '-Infinity')",
        f"{csv}:5: column 'value': not a finite number (got '1e999')",
        f"{csv}:2: column 'value': not a valid number (got 'NaN')",
        f"{csv}:6: column 'value': not a valid number (got 'nan')"]


def test_duplicate_keys_name_both_rows(tmp_path):
    desc = package(tmp_path / "data", "entity,year,value\nTUR,2019,1\nSYR,2019,2\nTUR,2019,3\nSYR,2019,4\n")
    csv = f"{desc.parent}/data/toy.csv"
    assert validate(tmp_path / "data").problems == [
        f"{csv}:4: duplicate key (entity='TUR', year='2019') [entity+year], first on line 2",
        f"{csv}:5: duplicate key (entity='SYR', year='2019') [entity+year], first on line 3"]


def test_a_unique_column_names_both_rows(tmp_path):
    fields = [*FIELDS[:2], {"name": "value", "type": "number", "constraints": {"unique": True}}]
    desc = package(tmp_path / "data", "entity,year,value\nTUR,2019,7\nSYR,2019,8\nIRQ,2019,7\n", fields=fields)
    assert validate(tmp_path / "data").problems == [
        f"{desc.parent}/data/toy.csv:4: column 'value': duplicate value (must be unique; first on line 2) (got '7')"]


def test_duplicate_keys_in_the_descriptor_are_refused(tmp_path):
    desc = package(tmp_path / "data")
    text = desc.read_text(encoding="utf-8")
    desc.write_text(text[:-1] + ', "name": "other"}', encoding="utf-8")
    assert validate(tmp_path / "data").problems == [
        f"{desc}: cannot read descriptor: duplicate key 'name' in one object"]


def test_a_descriptor_nested_a_million_deep_is_refused(tmp_path):
    desc = package(tmp_path / "data")
    desc.write_text('{"name": "toy", "x": ' + "[" * 1_000_000 + "]" * 1_000_000 + "}", encoding="utf-8")
    lines = errors_of(run("data", "validate", str(tmp_path / "data")))
    assert lines == [f"factcheck: error: {desc}: cannot read descriptor: nested too deeply"]


def test_a_catastrophic_schema_pattern_is_refused_not_run_forever(tmp_path):
    fields = [{"name": "entity", "type": "string", "constraints": {"pattern": "(a|aa)+$"}}, *FIELDS[1:]]
    desc = package(tmp_path / "data", "entity,year,value\n" + "a" * 60 + "b,2019,1\n", fields=fields)
    proc = run("data", "validate", str(tmp_path / "data"), timeout=120)
    assert errors_of(proc) == [
        (f"factcheck: error: {desc.parent}/data/toy.csv: column 'entity': constraint pattern '(a|aa)+$' took more "
        f"than 0.25 s on {'a' * 60 + 'b'!r}; refused (a pattern that backtracks catastrophically)")]


def test_a_schema_pattern_that_does_not_compile_is_named(tmp_path):
    fields = [{"name": "entity", "type": "string", "constraints": {"pattern": "(unclosed"}}, *FIELDS[1:]]
    desc = package(tmp_path / "data", fields=fields)
    (problem,) = validate(tmp_path / "data").problems
    assert problem.startswith(f"{desc.parent}/data/toy.csv:1: column 'entity': constraint pattern '(unclosed' does "
                              "not compile: ")


def test_nothing_outside_is_opened(tmp_path, monkeypatch):
    """The descriptor's paths are refused before anything is opened: /etc/passwd is never read."""
    desc = package(tmp_path / "data", path="../../../../../../../etc/passwd", write=False)
    opened: list[str] = []
    real = Path.read_bytes

    def spy(self):
        opened.append(str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", spy)
    assert not validate(tmp_path / "data").ok
    assert not any("passwd" in p for p in opened)
    assert catalog.data_files(desc) == [desc]

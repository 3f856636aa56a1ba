"""The formats linters' users expect (issue 11, item 4), each run through the CLI as a CI job runs
it and checked against its published schema or spec:

- concise: ``path:line:col: CODE VERDICT message``, one line a finding (grep, problem matchers);
- gitlab: GitLab Code Quality JSON (tests/report/schemas/gitlab-codequality.schema.json, from
  GitLab's documented fields);
- rdjson: reviewdog's DiagnosticResult (tests/report/schemas/reviewdog-rdjson.schema.json, from
  reviewdog.proto), columns in UTF-8 bytes, a contradicted figure's correction as a suggestion;
- SARIF ``fixes`` for the same corrections, against the official SARIF 2.1.0 schema.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = Path(__file__).with_name("schemas")
SARIF_SCHEMA = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"

#: A contradicted bound (which the text also contradicts itself on); a contradicted figure after a
#: non-ASCII letter, in a hard-wrapped sentence; an approximate and a supported figure.
DRAFT = ("Turkey is home to more than 5 million Syrian refugees.\n"
         "\n"
         "Türkiye's population reached 90 million in 2019, the\n"
         "ministry said in a statement.\n"
         "\n"
         "Turkey has taken in about 3.7 million Syrian refugees since the war started.\n"
         "\n"
         "Turkey's population was 83 million in 2019.\n")
CONCISE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<code>FC\d{3}) (?P<verdict>[A-Z]+) (?P<msg>.+)$")


def run(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "factcheck", *args], capture_output=True, text=True, cwd=cwd, env=env)


@pytest.fixture(scope="module")
def draft(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("drafts")
    (d / "draft.txt").write_text(DRAFT, encoding="utf-8")
    return d


def check(draft: Path, fmt: str, *more: str) -> subprocess.CompletedProcess[str]:
    proc = run("check", "draft.txt", "--as-of", "2020-02-20", "--isolated", "-f", fmt, *more, cwd=draft)
    assert proc.returncode in (0, 1), proc.stderr
    assert "Traceback" not in proc.stderr
    return proc


def validator(name: str):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def errors(v, doc) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in v.iter_errors(doc)]


# --- concise ---------------------------------------------------------------------------------

def test_concise_is_one_line_a_finding_in_the_documented_shape(draft):
    proc = check(draft, "concise")
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    found = [CONCISE.match(x) for x in lines[:-1]]
    assert all(found), [x for x, m in zip(lines, found) if not m]
    assert lines[-1].startswith("5 claims in 1 file: ")  # the count, in no finding's shape
    rows = [(m["path"], int(m["line"]), int(m["col"]), m["code"], m["verdict"]) for m in found]
    assert ("draft.txt", 3, 30, "FC150", "CONTRADICTED") in rows  # columns in characters, as an editor counts
    assert ("draft.txt", 8, 25, "FC150", "SUPPORTED") in rows
    bound = next(m for m in found if m["line"] == "1" and m["code"] == "FC110")
    assert bound["msg"].endswith("Suggested: about 3.6 million (MPM Turkey Migrants' Presence Monitoring Quarterly "
                                 "Report October-December 2019, 2020-01-20).")


def test_concise_quiet_and_sorted_by_severity(draft):
    lines = check(draft, "concise", "-q", "--sort", "severity").stdout.splitlines()
    verdicts = [CONCISE.match(x)["verdict"] for x in lines]
    assert "SUPPORTED" not in verdicts and len(lines) == 4  # -q: no supported claim, no count line
    order = ["CONTRADICTED", "INCONSISTENT", "APPROXIMATE", "UNVERIFIABLE"]
    assert verdicts == sorted(verdicts, key=order.index)


# --- gitlab ----------------------------------------------------------------------------------

def test_gitlab_code_quality_is_valid_against_the_documented_format(draft):
    issues = json.loads(check(draft, "gitlab").stdout)
    assert not errors(validator("gitlab-codequality.schema.json"), issues)
    assert len(issues) == 4  # contradicted x2, inconsistent, approximate; the supported claim is no issue
    assert len({i["fingerprint"] for i in issues}) == len(issues)  # GitLab keeps one issue per fingerprint
    pop = next(i for i in issues if i["check_name"] == "FC150")
    assert pop["severity"] == "major" and pop["location"] == {"path": "draft.txt", "lines": {"begin": 3, "end": 3}}
    assert "Suggested: 83 million (World Bank World Development Indicators, 2019)." in pop["description"]


def test_gitlab_fingerprints_do_not_move_with_lines(draft, tmp_path):
    before = {i["check_name"] + i["location"]["path"]: i["fingerprint"] for i in json.loads(check(draft, "gitlab").stdout)
              if i["check_name"] == "FC150"}
    (tmp_path / "draft.txt").write_text("A new first paragraph.\n\n" + DRAFT, encoding="utf-8")
    after = {i["check_name"] + i["location"]["path"]: i["fingerprint"] for i in json.loads(check(tmp_path, "gitlab").stdout)
             if i["check_name"] == "FC150"}
    assert before == after


def test_the_schemas_reject_what_their_tools_would(draft):
    issues = json.loads(check(draft, "gitlab").stdout)
    issues[0]["severity"] = "error"
    issues[1]["location"]["path"] = "./draft.txt"
    del issues[2]["fingerprint"]
    assert len(errors(validator("gitlab-codequality.schema.json"), issues)) == 3
    rd = json.loads(check(draft, "rdjson").stdout)
    rd["diagnostics"][0]["severity"] = "FATAL"
    rd["diagnostics"][1]["location"]["range"]["start"]["column"] = 0
    assert len(errors(validator("reviewdog-rdjson.schema.json"), rd)) == 2


# --- rdjson ----------------------------------------------------------------------------------

def _utf8_slice(text: str, line: int, start: int, end: int) -> str:
    raw = text.splitlines()[line - 1].encode("utf-8")
    return raw[start - 1:end - 1].decode("utf-8")


def test_rdjson_is_valid_and_counts_columns_in_utf8_bytes(draft):
    out = json.loads(check(draft, "rdjson").stdout)
    assert not errors(validator("reviewdog-rdjson.schema.json"), out)
    assert out["source"]["name"] == "factcheck"
    diags = out["diagnostics"]
    assert sorted(d["severity"] for d in diags) == ["ERROR", "ERROR", "ERROR", "WARNING"]
    pop = next(d for d in diags if d["code"]["value"] == "FC150")
    r = pop["location"]["range"]
    assert r["start"] == {"line": 3, "column": 31}  # "Türkiye's population reached 90": ü is two bytes
    assert _utf8_slice(DRAFT, 3, r["start"]["column"], r["end"]["column"]) == "90 million"


def test_rdjson_suggestions_write_the_sourced_figure_in_place(draft):
    diags = json.loads(check(draft, "rdjson").stdout)["diagnostics"]
    lines = DRAFT.splitlines()
    for d in diags:
        for s in d.get("suggestions", []):
            a, b = s["range"]["start"], s["range"]["end"]
            assert a["line"] == b["line"]
            raw = lines[a["line"] - 1].encode("utf-8")
            lines[a["line"] - 1] = (raw[:a["column"] - 1] + s["text"].encode("utf-8") + raw[b["column"] - 1:]).decode("utf-8")
    fixed = "\n".join(lines)
    assert "Turkey is home to about 3.6 million Syrian refugees." in fixed
    assert "Türkiye's population reached 83 million in 2019, the" in fixed
    assert not any("suggestions" in d for d in diags if d["code"]["value"] == "FC230")  # nothing to write for those


# --- SARIF fixes -----------------------------------------------------------------------------

def test_sarif_fixes_are_valid_and_replace_the_claim(draft):
    jsonschema = pytest.importorskip("jsonschema")
    if not SARIF_SCHEMA.exists():
        pytest.skip(f"the official SARIF 2.1.0 schema is not at {SARIF_SCHEMA}")
    sarif = json.loads(check(draft, "sarif").stdout)
    official = jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))
    assert not errors(official, sarif)
    results = sarif["runs"][0]["results"]
    fixed = [r for r in results if r.get("fixes")]
    assert {r["ruleId"] for r in fixed} == {"FC110", "FC150"}
    text = DRAFT
    for r in sorted(fixed, key=lambda r: -r["fixes"][0]["artifactChanges"][0]["replacements"][0]["deletedRegion"]["charOffset"]):
        rep = r["fixes"][0]["artifactChanges"][0]["replacements"][0]
        region = rep["deletedRegion"]
        text = text[:region["charOffset"]] + rep["insertedContent"]["text"] + text[region["charOffset"] + region["charLength"]:]
        assert r["properties"]["correction"]["sourced"] in r["fixes"][0]["description"]["text"]
    assert text.startswith("Turkey is home to about 3.6 million Syrian refugees.\n\nTürkiye's population reached 83 million")


# --- the other reports carry the correction too ---------------------------------------------

@pytest.mark.parametrize("fmt", ["terminal", "markdown", "html", "github", "junit", "json"])
def test_every_report_carries_the_suggested_correction(draft, fmt):
    out = check(draft, fmt).stdout
    assert "83 million (World Bank World Development Indicators, 2019)" in out, fmt

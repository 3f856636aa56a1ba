"""Every format over real reports: valid against its schema, both places of a consistency
finding shown, accepted findings and suppression problems shown, article text escaped."""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from factcheck.report import FORMATS, render

SARIF_SCHEMA = Path(__file__).resolve().parents[3] / "shared" / "schemas" / "sarif-schema-2.1.0.json"


def _doc(report, suffix):
    return next(d for d in report.documents if d.document.path.endswith(suffix))


def _consistency(report):
    d = _doc(report, ".md")
    f = next(f for f in d.findings if f.related_span is not None)
    return d, f, d.document.position(f.quantity.span.start), d.document.position(f.related_span.start)


def test_the_workflow_article_has_what_the_renderers_must_show(workflow_report):
    d, f, here, there = _consistency(workflow_report)
    assert f.verdict.value == "inconsistent" and here != there
    assert [a.by for a in d.accepted] == ["suppression"]
    assert [n.code for n in d.notices] == ["FC901"]


# --- json ------------------------------------------------------------------------------------

def test_json_is_valid_against_the_shipped_schema(seed_report, workflow_report):
    jsonschema = pytest.importorskip("jsonschema")
    from factcheck.schema import load

    validator = jsonschema.Draft202012Validator(load("report"), format_checker=jsonschema.FormatChecker())
    for report in (seed_report, workflow_report):
        out = json.loads(render(report, "json"))
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(out)]
        assert not errors, errors


def test_the_schema_rejects_what_breaks_the_contract(seed_report):
    jsonschema = pytest.importorskip("jsonschema")
    from factcheck.schema import load

    out = json.loads(render(seed_report, "json"))
    out["documents"][0]["findings"][0]["verdict"] = "plausible"
    del out["summary"]["supported"]
    assert len(list(jsonschema.Draft202012Validator(load("report")).iter_errors(out))) == 2


def test_extract_json_is_valid_against_its_schema():
    jsonschema = pytest.importorskip("jsonschema")
    from referencing import Registry, Resource

    from factcheck.documents import read_document
    from factcheck.extract import extract
    from factcheck.model import DocumentReport
    from factcheck.report.json_report import render_extract
    from factcheck.schema import load

    doc = read_document(Path(__file__).resolve().parents[2] / "seeds" / "idlib_joint_patrols_2020-02-20.txt")
    out = json.loads(render_extract([DocumentReport(doc, (), tuple(extract(doc.text, include_all=True)))]))
    report = load("report")
    registry = Registry().with_resource(report["$id"], Resource.from_contents(report))
    errors = list(jsonschema.Draft202012Validator(load("extract"), registry=registry).iter_errors(out))
    assert not errors, [e.message for e in errors[:5]]


def test_json_offsets_point_into_the_original_file(workflow_report, workflow_source):
    d, f, (line, col), (rline, rcol) = _consistency(workflow_report)
    out = json.loads(render(workflow_report, "json"))
    doc = next(x for x in out["documents"] if x["path"].endswith(".md"))
    item = next(x for x in doc["findings"] if x["code"] == f.code)
    text = workflow_source
    assert text[item["claim"]["start"]:item["claim"]["end"]] == "20 percent"
    assert (item["claim"]["line"], item["claim"]["column"]) == (line, col)
    assert (item["related"]["line"], item["related"]["column"]) == (rline, rcol)
    assert text.splitlines()[rline - 1][rcol - 1:].startswith("200 million")
    assert doc["accepted"][0]["accepted_by"] == "suppression" and "ministry" in doc["accepted"][0]["reason"]
    assert doc["notices"][0]["code"] == "FC901" and doc["notices"][0]["line"] == 15
    assert out["failed"] is True  # inconsistent >= contradicted, and a suppression without a reason


# --- sarif -----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sarif_validator():
    jsonschema = pytest.importorskip("jsonschema")
    if not SARIF_SCHEMA.exists():
        pytest.skip(f"the official SARIF 2.1.0 schema is not at {SARIF_SCHEMA} (shared/schemas)")
    return jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))


def test_sarif_is_valid_against_the_official_schema(sarif_validator, seed_report, workflow_report):
    for report in (seed_report, workflow_report):
        out = json.loads(render(report, "sarif"))
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in sarif_validator.iter_errors(out)]
        assert not errors, errors[:5]


def test_sarif_has_rules_levels_locations_related_locations_and_evidence(workflow_report):
    d, f, (line, col), (rline, rcol) = _consistency(workflow_report)
    run = json.loads(render(workflow_report, "sarif"))["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert {"FC110", "FC200", "FC100", "FC901"} <= set(rules)
    assert rules["FC110"]["name"] == "metrics.refugees_from" and rules["FC110"]["shortDescription"]["text"]
    res = next(r for r in run["results"] if r["ruleId"] == "FC200")
    assert run["tool"]["driver"]["rules"][res["ruleIndex"]]["id"] == "FC200"
    assert res["level"] == "error"
    region = res["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (line, col)
    assert res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "drafts/turkey_2020-02-20.md"
    rel = res["relatedLocations"][0]["physicalLocation"]["region"]
    assert (rel["startLine"], rel["startColumn"]) == (rline, rcol)
    approx = next(r for r in run["results"] if r["ruleId"] == "FC110" and r["properties"]["verdict"] == "approximate")
    assert approx["level"] == "warning"
    assert approx["properties"]["evidence"]["dataset"] and approx["properties"]["evidence"]["url"].startswith("http")
    assert approx["partialFingerprints"]
    suppressed = [r for r in run["results"] if r.get("suppressions")]
    assert suppressed and suppressed[0]["suppressions"][0]["kind"] == "inSource"
    assert "ministry" in suppressed[0]["suppressions"][0]["justification"]
    notice = next(r for r in run["results"] if r["ruleId"] == "FC901")
    assert notice["level"] == "error" and notice["locations"][0]["physicalLocation"]["region"]["startLine"] == 15


def test_sarif_leaves_out_supported_claims(seed_report):
    run = json.loads(render(seed_report, "sarif"))["runs"][0]
    assert all(r["properties"]["verdict"] != "supported" for r in run["results"])
    assert len(run["results"]) == sum(1 for _, f in _all(seed_report) if f.verdict.value != "supported")


def _all(report):
    return [(d, f) for d in report.documents for f in d.findings]


# --- github ----------------------------------------------------------------------------------

_COMMAND = re.compile(r"^::(error|warning|notice) file=([^,]+),line=(\d+),endLine=(\d+),col=(\d+),endColumn=(\d+),"
                      r"title=([^:]+)::(.*)$")


def test_github_workflow_commands(workflow_report):
    d, f, (line, col), (rline, rcol) = _consistency(workflow_report)
    lines = render(workflow_report, "github").splitlines()
    commands = [m for m in map(_COMMAND.match, lines) if m]
    assert len(commands) == len(lines) - 1 and lines[-1].startswith("factcheck: ")
    for m in commands:
        assert "\n" not in m.group(8) and "\r" not in m.group(8)
    fc200 = next(m for m in commands if m.group(7) == "FC200")
    assert fc200.group(1) == "error" and fc200.group(2) == "drafts/turkey_2020-02-20.md"
    assert (int(fc200.group(3)), int(fc200.group(5))) == (line, col)
    assert f"{rline}:{rcol}" in fc200.group(8)  # the other figure's place, in the message
    fc110 = next(m for m in commands if m.group(7) == "FC110" and "drafts/turkey" in m.group(2))
    assert fc110.group(1) == "warning" and "%0AReference: " in fc110.group(8) and "%25" in fc110.group(8)
    assert any(m.group(7) == "FC901" and m.group(1) == "error" for m in commands)


def test_github_escapes_properties():
    from factcheck.report.github import _prop

    assert _prop("a,b:c%d\ne") == "a%2Cb%3Ac%25d%0Ae"


# --- junit -----------------------------------------------------------------------------------

def test_junit_one_case_per_claim_failures_at_or_above_fail_on(workflow_report):
    root = ET.fromstring(render(workflow_report, "junit"))
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["drafts/turkey_2020-02-20.md", "drafts/hostile.txt"]
    md = suites[0]
    d = _doc(workflow_report, ".md")
    cases = md.findall("testcase")
    assert len(cases) == len(d.findings) + len(d.accepted) + len(d.notices)
    failed = {c.get("name").split()[1] for c in cases if c.find("failure") is not None}
    assert failed == {"FC200", "FC901"}  # inconsistent, and the suppression without a reason
    assert any(c.find("skipped") is not None for c in cases)
    fc200 = next(c for c in cases if " FC200 " in c.get("name"))
    assert "The other figure is at" in fc200.find("failure").text
    assert int(root.get("tests")) == sum(int(s.get("tests")) for s in suites)
    assert int(root.get("failures")) == sum(int(s.get("failures")) for s in suites)


def test_junit_follows_fail_on(workflow_report):
    from dataclasses import replace

    strict = ET.fromstring(render(replace(workflow_report, fail_on="unverifiable"), "junit"))
    lenient = ET.fromstring(render(replace(workflow_report, fail_on="never"), "junit"))
    assert int(strict.get("failures")) > 2 and int(lenient.get("failures")) == 0


# --- markdown --------------------------------------------------------------------------------

def test_markdown_sign_off_table(workflow_report):
    out = render(workflow_report, "markdown")
    assert "| # | Line | Claim | Verdict | Reference | Source |" in out
    rows = [r for r in out.splitlines() if r.startswith("| ") and r[2].isdigit()]
    assert len(rows) == sum(len(d.findings) for d in workflow_report.documents)
    for r in rows:  # every row keeps its 6 cells: pipes in the text are escaped
        assert len(re.split(r"(?<!\\)\|", r)) == 8, r
    # the boxes to tick are a GitHub task list, one per claim (boxes in table cells cannot be ticked)
    boxes = [r for r in out.splitlines() if r.startswith("- [ ] ")]
    assert len(boxes) == len(rows) and "☐" not in out
    assert "3.58 million (2020-01-20)" in out
    assert "<script" not in out and "<img" not in out and "<a " not in out and "&lt;script&gt;" in out
    assert "the other figure is at 10:" in out  # both places of the consistency finding


# --- terminal --------------------------------------------------------------------------------

def test_terminal_shows_both_places_accepted_and_notices(workflow_report):
    out = render(workflow_report, "terminal", width=100)
    d, f, (line, col), (rline, rcol) = _consistency(workflow_report)
    assert f"{line}:{col}  INCONSISTENT" in out
    assert f"the other figure is at {rline}:{rcol}" in out
    assert "ACCEPTED" in out and "desk checked with the ministry" in out
    assert "FC901" in out and "suppression without a reason" in out
    assert "\x1b[" not in out  # no colour when asked for none


# --- html ------------------------------------------------------------------------------------

def test_html_escapes_every_piece_of_article_text(workflow_report):
    out = render(workflow_report, "html")
    assert "<script" not in out.lower() and "<img" not in out and "javascript:" not in out.replace("javascript:alert", "")
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in out
    assert 'href="javascript' not in out
    assert "Content-Security-Policy" in out


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_renders_every_report(fmt, seed_report, workflow_report, claimreview):
    for report in (seed_report, workflow_report):
        assert render(report, fmt, claimreview=claimreview).strip()

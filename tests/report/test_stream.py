"""Reports written document by document (report/stream.py): the same bytes as a whole render,
whatever is spooled to disk on the way; the run's totals at the top of the formats that need
them."""
from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest

from factcheck.report import FORMATS, STREAMS, part, render, stream, writer
from factcheck.report.json_report import report_dict
from factcheck.report.stream import Options, Run, Tally


@pytest.fixture(scope="module")
def several(seed_report, workflow_report):
    """Three documents: the seed, and one with every kind of thing a renderer shows."""
    return replace(workflow_report, documents=seed_report.documents + workflow_report.documents,
                   rules=tuple({r.code: r for r in seed_report.rules + workflow_report.rules}.values()))


def test_json_is_the_whole_report_as_json_writes_it(several):
    for report in (several, replace(several, documents=())):
        assert render(report, "json") == json.dumps(report_dict(report), ensure_ascii=False, indent=1) + "\n"


@pytest.mark.parametrize("fmt", FORMATS)
def test_spooled_to_disk_the_bytes_are_the_same(several, fmt, monkeypatch, claimreview):
    whole = render(several, fmt, sort="severity", claimreview=claimreview)
    monkeypatch.setattr(stream, "SPOOL_BYTES", 64)  # every spool goes to a temporary file
    assert render(several, fmt, sort="severity", claimreview=claimreview) == whole


@pytest.mark.parametrize("fmt", [*FORMATS, "statistics", "statistics-json"])
def test_writer_fed_one_document_at_a_time(several, fmt, claimreview):
    """What a run does: a part per document (anywhere), the writer in order, the totals last."""
    run = Run(several.fail_on, several.tool_version, claimreview)
    opts = Options(width=90, color=True)
    buf = io.StringIO()
    w = writer(fmt, buf, run, opts)
    w.begin()
    tally = Tally.of(run)
    for n, d in enumerate(several.documents, 1):
        w.write(part(fmt, d, n, run, opts))
        tally.add(stream.tally_of(d, run))
    tally.rules = several.rules
    w.end(tally)
    if fmt.startswith("statistics"):
        from factcheck.report.statistics import render as statistics

        assert buf.getvalue() == statistics(several, "json" if fmt.endswith("json") else "text")
    else:
        assert buf.getvalue() == render(several, fmt, width=90, color=True, claimreview=claimreview)
    assert set(STREAMS) >= {fmt}


def test_sarif_rules_are_listed_before_the_results_that_cite_them(several):
    run = json.loads(render(several, "sarif"))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert len({r["id"] for r in rules}) == len(rules)
    assert run["results"]
    for r in run["results"]:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
    assert run["properties"]["summary"] == several.summary()


def test_junit_totals_are_the_sum_of_its_suites(several):
    root = ET.fromstring(render(several, "junit").encode("utf-8"))
    suites = root.findall("testsuite")
    assert len(suites) == len(several.documents)
    for k in ("tests", "failures", "skipped"):
        assert int(root.get(k)) == sum(int(s.get(k)) for s in suites)
    assert int(root.get("failures")) > 0


def test_markdown_and_html_summaries_come_first(several):
    md = render(several, "markdown")
    assert md.startswith("# factcheck sign-off\n\n")
    assert f"in {len(several.documents)} files" in md.splitlines()[2]
    page = render(several, "html")
    assert page.index('<p class="summary">') < page.index('<nav class="index top"') < page.index('<section class="doc"')

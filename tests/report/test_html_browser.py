"""The HTML report in a real headless Chromium: every claim highlighted in its verdict's colour,
its evidence beside it, both places of a consistency finding marked, and nothing from the
article run or turned into markup."""
from __future__ import annotations

import json

import pytest

from factcheck.report import render
from factcheck.report.html import COLOURS

MARKS = """[...document.querySelectorAll('.article mark.fc')].map(m => {
  const r = m.getBoundingClientRect();
  return {text: m.textContent, verdict: m.dataset.verdict, notes: m.dataset.notes.split(' '),
          bg: getComputedStyle(m).backgroundColor, left: r.left, right: r.right, top: r.top,
          section: m.closest('section').id};
})"""
NOTES = """[...document.querySelectorAll('.note')].map(n => {
  const r = n.getBoundingClientRect();
  return {id: n.id, verdict: n.dataset.verdict, code: n.dataset.code, left: r.left, top: r.top, bottom: r.bottom,
          text: n.textContent, section: n.closest('section').id};
})"""


def rgb(hex_colour: str) -> str:
    h = hex_colour.lstrip("#")
    return "rgb({}, {}, {})".format(*(int(h[i:i + 2], 16) for i in (0, 2, 4)))


@pytest.fixture(scope="module")
def page(browser, tmp_path_factory, seed_report, workflow_report):
    def load(report, name):
        path = tmp_path_factory.mktemp("html") / name
        path.write_text(render(report, "html"), encoding="utf-8")
        session = browser.open(path.as_uri())
        browser.send("Emulation.setDeviceMetricsOverride",
                     {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False}, session=session)
        return session

    return {"seed": load(seed_report, "seed.html"), "workflow": load(workflow_report, "workflow.html")}


def test_every_claim_is_highlighted_in_its_verdicts_colour(browser, page, seed_report):
    marks = browser.evaluate(page["seed"], MARKS)
    findings = seed_report.documents[0].findings
    assert [(m["text"], m["verdict"]) for m in marks] == [(f.quantity.text, f.verdict.value) for f in findings]
    for m in marks:
        assert m["bg"] == rgb(COLOURS[m["verdict"]][0]), m


def test_the_evidence_is_beside_its_claim(browser, page, seed_report):
    marks = browser.evaluate(page["seed"], MARKS)
    notes = {n["id"]: n for n in browser.evaluate(page["seed"], NOTES)}
    assert len(notes) == len(seed_report.documents[0].findings)
    for m in marks:
        note = notes[f"note-1-{m['notes'][0]}"]
        assert note["verdict"] == m["verdict"]
        assert note["left"] > m["right"]  # in the column to the right of the text
        assert note["top"] <= m["top"] + 40 or any(  # level with its paragraph, below the notes before it
            n["bottom"] <= note["top"] + 1 for n in notes.values() if n is not note)
    approx = next(n for n in notes.values() if n["code"] == "FC110")
    assert "3.58 million" in approx["text"] and "MPM Turkey" in approx["text"]


def test_consistency_findings_mark_both_figures(browser, page, workflow_report):
    marks = browser.evaluate(page["workflow"], MARKS)
    inconsistent = next(m for m in marks if m["verdict"] == "inconsistent")
    related = [m for m in marks if m["verdict"] == "related" and m["section"] == inconsistent["section"]]
    assert related and set(inconsistent["notes"]) & set(related[0]["notes"])
    assert inconsistent["bg"] == rgb(COLOURS["inconsistent"][0])


def test_accepted_findings_and_notices_are_shown(browser, page):
    marks = browser.evaluate(page["workflow"], MARKS)
    assert any(m["verdict"] == "accepted" for m in marks)
    notices = browser.evaluate(page["workflow"], "[...document.querySelectorAll('.notice')].map(n => n.dataset.code)")
    assert notices == ["FC901"]


def test_nothing_from_the_article_runs_or_becomes_markup(browser, page):
    got = browser.evaluate(page["workflow"], """({
      scripts: document.scripts.length,
      images: document.images.length,
      links: [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))
             .filter(h => !h.startsWith('#')),
      text: [...document.querySelectorAll('#doc-2 .para')].map(p => {
              const c = p.cloneNode(true); c.querySelectorAll('sup, .ln').forEach(x => x.remove());
              return c.textContent; }).join(' '),
      alerted: typeof window.__alerted
    })""")
    assert got["scripts"] == 0 and got["images"] == 0
    assert all(h.startswith(("https://", "http://")) for h in got["links"]), got["links"]
    assert "<script>alert('x')</script>" in got["text"]
    assert '<a href="javascript:alert(2)">' in got["text"]
    assert json.dumps(got["alerted"]) == '"undefined"'

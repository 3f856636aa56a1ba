"""Reports a desk reads fast (issue 11, item 5), each driven through the CLI as a user runs it.

Terminal: --sort severity; a supported claim on one line; the gap said once; no trailing spaces
when piped; URLs never cut; NO_COLOR means no styles at all; sentences without the file's line
breaks. Markdown: GitHub task-list boxes. HTML: an index of the problems with links, headings
that are headings, the title once, each dataset's vintage beside its evidence. Every contradicted
finding carries the sourced figure as a suggested correction (JSON here; SARIF, rdjson and the
other reports in test_linter_formats.py).
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "idlib_joint_patrols_2020-02-20.txt"
LONG_URL = ("https://reliefweb.int/report/turkey/mpm-turkey-migrants-presence-monitoring-quarterly-report-"
            "october-december-2019")

#: A Markdown draft: its title in front matter and again as the first heading, a hard-wrapped
#: contradicted sentence, an approximate and a supported figure.
DRAFT_MD = """\
---
title: Turkey and its refugees
date: 2020-02-20
---

# Turkey and its refugees

Turkey is home to more than 5 million Syrian
refugees, the minister said.

Turkey has taken in about 3.7 million Syrian refugees since the war started.

Turkey's population was 83 million in 2019.

Türkiye's population reached 90 million in 2019.
"""


def run(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([sys.executable, "-m", "factcheck", *args], capture_output=True, text=True, cwd=cwd, env=env)
    assert proc.returncode in (0, 1), proc.stderr
    return proc


def piped(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "TERM")}
    env.update(extra)
    return env


@pytest.fixture(scope="module")
def drafts(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("desk")
    (d / "turkey.md").write_text(DRAFT_MD, encoding="utf-8")
    return d


def terminal(drafts: Path, *more: str, **env: str) -> str:
    return run("check", "turkey.md", "--isolated", *more, cwd=drafts, env=piped(**env)).stdout


# --- terminal --------------------------------------------------------------------------------

HEAD = re.compile(r"^(\d+:\d+)\s+(SUPPORTED|APPROXIMATE|CONTRADICTED|INCONSISTENT|UNVERIFIABLE)\s+(FC\d{3})")


def heads(out: str) -> list[str]:
    return [m.group(2) for m in map(HEAD.match, out.splitlines()) if m]


def test_sort_severity_puts_the_worst_first(drafts):
    by_place = heads(terminal(drafts))
    by_severity = heads(terminal(drafts, "--sort", "severity"))
    order = ["CONTRADICTED", "INCONSISTENT", "APPROXIMATE", "UNVERIFIABLE", "SUPPORTED"]
    assert by_severity == sorted(by_place, key=order.index) and by_severity != by_place
    assert by_severity[0] == "CONTRADICTED" and by_severity[-1] == "SUPPORTED"


def test_a_supported_claim_takes_one_line(drafts):
    lines = terminal(drafts, COLUMNS="70").splitlines()
    i = next(k for k, x in enumerate(lines) if HEAD.match(x) and "SUPPORTED" in x)
    assert "»83 million«: 82.6 million (2019; World" in lines[i]
    assert len(lines[i]) <= 70 and lines[i].endswith("…")  # cut at the terminal's width, not wrapped
    assert not lines[i + 1].startswith(" ")  # nothing indented under it


def test_the_gap_is_said_once(drafts):
    out = terminal(drafts)
    block = out[out.index("APPROXIMATE"):]
    block = block[:block.index("\n\n")]
    assert block.count("3.5%") == 1 and "\n    gap " not in block  # the message says "3.5% high"


def test_no_trailing_spaces_and_urls_whole_when_piped(drafts):
    out = terminal(drafts, COLUMNS="60")
    assert not [x for x in out.splitlines() if x != x.rstrip()]
    assert f"    {LONG_URL}" in out.splitlines()  # one line, longer than the 60 columns, never cut


def test_sentences_are_shown_without_the_files_line_breaks(drafts):
    out = terminal(drafts, COLUMNS="200")
    assert "Turkey is home to »more than 5 million« Syrian refugees, the minister said." in out


def test_no_color_means_no_styles_at_all(drafts):
    coloured = terminal(drafts, FORCE_COLOR="1", TERM="xterm-256color")
    assert "\x1b[" in coloured  # a terminal that takes colour gets it
    plain = terminal(drafts, FORCE_COLOR="1", TERM="xterm-256color", NO_COLOR="1")
    assert "\x1b[" not in plain  # not even bold, underline or reverse
    assert "»more than 5 million«" in plain  # the claim is marked in the text instead


def test_the_contradicted_figure_carries_its_correction(drafts):
    out = terminal(drafts, COLUMNS="200")
    assert ("suggested about 3.6 million (MPM Turkey Migrants' Presence Monitoring Quarterly Report "
            "October-December 2019, 2020-01-20)") in out
    assert "suggested 83 million (World Bank World Development Indicators, 2019)" in out


# --- markdown --------------------------------------------------------------------------------

def test_markdown_boxes_are_a_github_task_list(drafts):
    out = run("check", "turkey.md", "--isolated", "-f", "markdown", cwd=drafts).stdout
    claims = json.loads(run("check", "turkey.md", "--isolated", "-f", "json", cwd=drafts).stdout)["documents"][0]["findings"]
    boxes = [x for x in out.splitlines() if x.startswith("- [ ] ")]
    assert len(boxes) == len(claims)
    assert not any("[ ]" in x or "☐" in x for x in out.splitlines() if x.startswith("|"))  # none in the table
    contradicted = next(b for b in boxes if "contradicted" in b and "FC150" in b)
    assert "**Suggested:** 83 million (World Bank World Development Indicators, 2019)." in contradicted


# --- html ------------------------------------------------------------------------------------

class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: dict[str, list[str]] = {}
        self._open: list[str] = []

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        a = {k: v or "" for k, v in attrs}
        self.tags.append((tag, a))
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and a.get("href", "").startswith("#"):
            self.links.append(a["href"][1:])
        self._open.append(tag)

    def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        for t in self._open:
            self.text.setdefault(t, []).append(data)


@pytest.fixture(scope="module")
def html_report(drafts) -> str:
    return run("check", "turkey.md", "--isolated", "-f", "html", cwd=drafts).stdout


def test_html_index_of_problems_links_to_each(html_report):
    page = _Page()
    page.feed(html_report)
    nav = html_report[html_report.index('<nav class="index'):html_report.index("</nav>")]
    assert html_report.index("<nav") < html_report.index('<section class="doc"')  # at the top
    targets = re.findall(r'href="#([^"]+)"', nav)
    assert len(targets) == 3  # contradicted x2, approximate: the supported claim is no problem
    assert all(t in page.ids for t in targets)
    assert nav.index("contradicted") < nav.index("approximate")  # most severe first
    assert "suggested: 83 million (World Bank World Development Indicators, 2019)" in nav


def test_html_headings_and_the_title_once(html_report):
    page = _Page()
    page.feed(html_report)
    headlines = [a for t, a in page.tags if t == "h3" and "headline" in a.get("class", "")]
    assert len(headlines) == 1
    article = html_report[html_report.index('<div class="article">'):]
    assert article.count("Turkey and its refugees") == 1  # front matter title and "# ..." heading: once


def test_html_shows_each_datasets_vintage_beside_its_evidence(html_report):
    notes = re.findall(r'<div class="note [^"]*" id="note-[^"]+".*?</div></div>|<div class="note [^"]*" id="note-[^"]+".*?</dl></div>',
                       html_report)
    wdi = [n for n in notes if "World Bank World Development Indicators" in n]
    assert wdi and all('<dt>vintage</dt><dd class="vintage">2026-07-01</dd>' in n for n in wdi)
    mpm = [n for n in notes if "MPM Turkey" in n]
    assert mpm and all('<dt>retrieved</dt><dd class="vintage">' in n for n in mpm)  # no stated vintage: when taken


def test_html_headings_look_like_headings(browser, html_report, tmp_path):
    page = tmp_path / "report.html"
    page.write_text(html_report, encoding="utf-8")
    session = browser.open(page.as_uri())
    got = browser.evaluate(session, """({
      h3: parseFloat(getComputedStyle(document.querySelector('.article h3.headline')).fontSize),
      h2: parseFloat(getComputedStyle(document.querySelector('section.doc h2')).fontSize),
      p: parseFloat(getComputedStyle(document.querySelector('.article p.para')).fontSize),
      bold: getComputedStyle(document.querySelector('.article h3.headline')).fontWeight,
      broken: [...document.querySelectorAll('nav.index a')].filter(a => !document.getElementById(a.hash.slice(1))).length
    })""")
    assert got["h3"] >= 1.4 * got["p"] and got["h2"] > got["p"] and int(got["bold"]) >= 600, got
    assert got["broken"] == 0


# --- json: the correction and the vintage ---------------------------------------------------

def test_json_carries_the_correction_and_the_vintage(drafts):
    jsonschema = pytest.importorskip("jsonschema")
    from factcheck.schema import load

    out = json.loads(run("check", "turkey.md", "--isolated", "-f", "json", cwd=drafts).stdout)
    assert not list(jsonschema.Draft202012Validator(load("report")).iter_errors(out))
    findings = out["documents"][0]["findings"]
    bound = next(f for f in findings if f["claim"]["text"] == "more than 5 million" and f["verdict"] == "contradicted")
    assert bound["correction"] == {
        "text": "about 3.6 million", "value": 3600000, "unit": "person",
        "source": "MPM Turkey Migrants' Presence Monitoring Quarterly Report October-December 2019",
        "date": "2020-01-20",
        "sourced": "about 3.6 million (MPM Turkey Migrants' Presence Monitoring Quarterly Report October-December 2019, "
                   "2020-01-20)",
        "in_place": True}
    assert all(f["correction"] is None for f in findings if f["verdict"] != "contradicted")
    pop = next(f for f in findings if f["claim"]["text"] == "90 million")
    assert pop["evidence"]["vintage"] == "2026-07-01" and bound["evidence"]["vintage"] is None

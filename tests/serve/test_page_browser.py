"""The desk page in a real headless Chromium, against a real `factcheck serve`: paste the seed
article, check it, find every claim highlighted with its evidence beside it, download the same
check as JSON; upload a file; and a draft full of markup runs nothing. A screenshot of the
checked seed article is kept (FACTCHECK_ARTEFACTS, else a folder under pytest's temporary one)."""
from __future__ import annotations

import datetime as dt
import json
import time

import pytest

from factcheck.config import Config
from factcheck.documents import from_text, read_document
from factcheck.report.common import source
from factcheck.report.html import COLOURS
from factcheck.workflow import check_documents

from .conftest import SEED

MARKS = """[...document.querySelectorAll('.article mark.fc:not(.fc-related)')].map(m => ({
  text: m.textContent, verdict: m.dataset.verdict, note: 'note-1-' + m.dataset.notes.split(' ')[0],
  bg: getComputedStyle(m).backgroundColor}))"""
NOTE = """(id => { const n = document.getElementById(id); if (!n) return null;
  const dd = [...n.querySelectorAll('dt')].find(t => t.textContent === 'source');
  return {verdict: n.dataset.verdict, msg: n.querySelector('.msg').textContent,
          source: dd ? dd.nextElementSibling.textContent : '', inAside: !!n.closest('aside.notes')}; })"""
HOSTILE = ("<script>document.title='pwned'</script> Turkey has taken in about 3.7 million Syrian refugees "
           "<img src=x onerror=\"window.pwned=true\">.\n\n"
           "</textarea><script>window.pwned=true</script><svg onload=\"window.pwned=true\"></svg> "
           "<iframe src=\"javascript:parent.pwned=true\"></iframe>\n")
HOSTILE_HTML = """<!DOCTYPE html><html><head><title>x</title><script>window.pwned=true</script></head><body><article>
<p>Turkey has taken in about 3.7 million Syrian refugees &lt;img src=x onerror="window.pwned=true"&gt;.</p>
<p onclick="window.pwned=true">The governor said 12 schools were shut <img src=x onerror="window.pwned=true"></p>
</article></body></html>
"""
NOTHING_RAN = """({title: document.title, pwned: typeof window.pwned,
  elements: document.querySelectorAll('script, img, svg, iframe, object, embed, [onclick], [onerror]').length})"""


def rgb(hex_colour: str) -> str:
    h = hex_colour.lstrip("#")
    return "rgb({}, {}, {})".format(*(int(h[i:i + 2], 16) for i in (0, 2, 4)))


def _paste(browser, session, text: str, as_of: str = "") -> None:
    browser.evaluate(session, f"document.getElementById('draft').value = {json.dumps(text)};"
                              f"document.getElementById('as_of').value = {json.dumps(as_of)}; true")


def _expected(doc):
    return check_documents([doc], Config()).documents[0].findings


def _shows_every_finding(browser, session, findings) -> None:
    """Each finding highlighted in its verdict's colour, in order, with its note beside it: the
    verdict, the message and the source of its evidence."""
    marks = browser.evaluate(session, MARKS)
    assert [(m["text"], m["verdict"]) for m in marks] == [(f.quantity.text, f.verdict.value) for f in findings]
    for m, f in zip(marks, findings):
        assert m["bg"] == rgb(COLOURS[m["verdict"]][0]), m  # the report's style applies (its hash is allowed)
        note = browser.evaluate(session, f"{NOTE}({json.dumps(m['note'])})")
        assert note == {"verdict": f.verdict.value, "msg": f.message, "source": source(f), "inAside": True}


def test_the_seed_article_pasted_checked_and_downloaded(browser, server, artefacts, tmp_path):
    text = SEED.read_text(encoding="utf-8")
    session = browser.open(server.url)
    assert browser.evaluate(session, "getComputedStyle(document.getElementById('desk')).backgroundColor") == \
        "rgb(247, 247, 245)"  # the page's own style applies
    _paste(browser, session, text, "2020-02-20")
    browser.submit(session, "#check")
    assert browser.evaluate(session, "location.pathname") == "/check"
    findings = _expected(from_text(text, "draft.txt", dt.date(2020, 2, 20)))
    assert len(findings) > 5 and {f.verdict.value for f in findings} >= {"supported", "approximate"}
    _shows_every_finding(browser, session, findings)
    assert browser.evaluate(session, "document.querySelector('section.doc h2').textContent") == "draft.txt"
    assert browser.evaluate(session, "document.getElementById('draft').value") == text  # ready to check again
    shot = artefacts / "desk-seed-checked.png"
    browser.screenshot(session, str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 50_000

    browser.download_to(str(tmp_path))  # Download JSON on the report's page: the same draft, checked again
    browser.evaluate(session, "document.getElementById('download-json').click(); true")
    target = tmp_path / "factcheck-draft.json"
    deadline = time.monotonic() + 60
    while not target.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    got = json.loads(target.read_text(encoding="utf-8"))["documents"][0]
    assert [(f["claim"]["text"], f["verdict"]) for f in got["findings"]] == \
        [(f.quantity.text, f.verdict.value) for f in findings]


def test_an_uploaded_file(browser, server):
    session = browser.open(server.url)
    browser.set_files(session, "#file", [str(SEED)])
    browser.submit(session, "#check")
    findings = _expected(read_document(str(SEED)))
    _shows_every_finding(browser, session, findings)
    assert browser.evaluate(session, "document.querySelector('section.doc h2').textContent") == SEED.name
    assert "as of 2020-02-20 (file name)" in browser.evaluate(session, "document.querySelector('.meta').textContent")
    assert browser.evaluate(session, "document.getElementById('draft').value") == ""  # the file is not kept


@pytest.mark.parametrize("how", ["pasted", "uploaded html"])
def test_the_articles_markup_never_runs(browser, server, tmp_path, how):
    session = browser.open(server.url)
    if how == "pasted":
        _paste(browser, session, HOSTILE, "2020-02-20")
    else:
        page = tmp_path / "hostile_2020-02-20.html"
        page.write_text(HOSTILE_HTML, encoding="utf-8")
        browser.set_files(session, "#file", [str(page)])
    browser.submit(session, "#check")
    time.sleep(0.3)  # time for anything that would run on load to run
    assert browser.evaluate(session, NOTHING_RAN) == {"title": "factcheck report", "pwned": "undefined", "elements": 0}
    article = browser.evaluate(session, "document.querySelector('.article').textContent")
    if how == "pasted":
        assert "<img src=x onerror=\"window.pwned=true\">" in article  # shown as the text it is
        assert browser.evaluate(session, "document.getElementById('draft').value") == HOSTILE
    else:
        assert '<img src=x onerror="window.pwned=true">' in article
    assert browser.evaluate(session, "document.querySelector('.article mark.fc-approximate').textContent") == "about 3.7 million"
    # and were the escaping ever to fail, the page's policy stops inline script and handlers
    browser.evaluate(session, """(() => { const s = document.createElement('script'); s.textContent = 'window.pwned = true';
        document.body.appendChild(s); const d = document.createElement('div');
        d.innerHTML = '<img src="data:," onerror="window.pwned = true">'; document.body.appendChild(d); return true; })()""")
    time.sleep(0.3)
    assert browser.evaluate(session, "typeof window.pwned") == "undefined"

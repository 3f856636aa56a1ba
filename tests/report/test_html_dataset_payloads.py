"""Hostile text in a dataset (a source title with <script>, an onerror= attribute, a javascript:
URL) shows as text in the HTML report; nothing from it runs or becomes a link (issue 7, item 5)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from factcheck.model import Report
from factcheck.pipeline import Checker
from factcheck.report import render

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "newsroom"
PAYLOAD = "<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\">"


def hostile_catalog(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(EXAMPLE / "data", data)
    pkg = data / "policy_rates" / "datapackage.json"
    desc = json.loads(pkg.read_text(encoding="utf-8"))
    meta = desc["resources"][0]["factcheck"]["indicators"]["policy_rate"]
    meta["series"] = "Repo rate " + PAYLOAD
    meta["source"] = "CBRT " + PAYLOAD
    meta["url"] = "javascript:window.__pwned=3"
    desc["sources"][0]["title"] = PAYLOAD
    pkg.write_text(json.dumps(desc), encoding="utf-8")
    return data


def test_dataset_payloads_do_not_run(browser, tmp_path):
    checker = Checker(rules_dirs=[EXAMPLE / "rules"], data_dirs=[hostile_catalog(tmp_path)])
    doc = checker.check_text("Turkey's central bank kept its key rate at 45% this month. "
                             "<script>window.__pwned=4</script>\n", as_of="2024-06-01", path="hostile.txt")
    (finding,) = [f for f in doc.findings if f.code == "FC190"]
    assert finding.evidence is not None and PAYLOAD in finding.evidence.observation.source
    page = tmp_path / "report.html"
    page.write_text(render(Report((doc,)), "html"), encoding="utf-8")
    session = browser.open(page.as_uri())
    got = browser.evaluate(session, """({
      scripts: document.scripts.length,
      images: document.images.length,
      js_links: [...document.querySelectorAll('[href],[src]')]
                 .map(a => a.getAttribute('href') || a.getAttribute('src'))
                 .filter(h => /^\\s*javascript:/i.test(h)),
      handlers: [...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => /^on/i.test(a.name))).length,
      pwned: typeof window.__pwned,
      text: document.body.textContent
    })""")
    assert got["scripts"] == 0 and got["images"] == 0 and got["handlers"] == 0, got
    assert got["js_links"] == [], got["js_links"]
    assert got["pwned"] == "undefined"
    assert "<script>window.__pwned=1</script>" in got["text"]

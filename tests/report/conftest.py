"""Reports to render: the seed article, and a small article with every kind of thing a renderer
must show (a consistency finding with its other figure, an accepted finding, a suppression
problem, text that must be escaped)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from factcheck.config import Config
from factcheck.documents import from_text, read_document
from factcheck.workflow import check_documents

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "idlib_joint_patrols_2020-02-20.txt"

#: Markdown with: an approximate claim, a self-contradiction (FC200 with a related figure), a
#: suppressed unverifiable figure, a suppression without a reason, and markup that must be escaped.
WORKFLOW_MD = """\
---
title: Turkey and its refugees
date: 2020-02-20
---

# Turkey and its refugees

Turkey has taken in about 3.7 million Syrian refugees since the war started.

Exports rose from 200 million euros in 2018 to 300 million euros in 2019, an increase of 20 percent.

<!-- factcheck: ignore FC100 reason="desk checked with the ministry, 3 March" -->
The ministry said 12 schools were closed.

<!-- factcheck: ignore FC100 -->
The governor said 7 bridges <b>&amp;</b> "roads" were shut | closed.
"""

#: Plain text full of things that must not become markup anywhere.
HOSTILE_TXT = """\
<script>alert('x')</script> Turkey has taken in about 3.7 million <img src=x onerror=alert(1)> Syrian refugees.

A page said 12 <a href="javascript:alert(2)">people</a> & "others" | left `now` *here* [link](javascript:alert(3)).
"""


def _report(docs, **cfg):
    return check_documents(docs, Config(**cfg))


@pytest.fixture(scope="session")
def seed_report():
    return _report([read_document(str(SEED.relative_to(ROOT)) if Path.cwd() == ROOT else str(SEED), "2020-02-20")])


@pytest.fixture(scope="session")
def workflow_source():
    return WORKFLOW_MD


@pytest.fixture(scope="session")
def workflow_report():
    return _report([from_text(WORKFLOW_MD, "drafts/turkey_2020-02-20.md", None, "markdown"),
                    from_text(HOSTILE_TXT, "drafts/hostile.txt", "2020-02-20")])


def _load_browser():
    spec = importlib.util.spec_from_file_location("fc_browser", Path(__file__).with_name("browser.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def browser():
    """A headless Chromium; skipped (with the reason) where there is none, failed under CI."""
    mod = _load_browser()
    with mod.Browser(mod.browser_or_skip()) as b:
        yield b

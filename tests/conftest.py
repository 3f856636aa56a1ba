from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def checker():
    from factcheck.pipeline import Checker

    return Checker()


@pytest.fixture(scope="session")
def claimreview():
    """The configuration ``-f claimreview`` needs (a newsroom's ``[claimreview]`` table); the
    other formats take it and ignore it: ``render(report, fmt, claimreview=claimreview)``."""
    from factcheck.report.claimreview import Settings

    return Settings(author="Example Desk", author_url="https://news.example/",
                    url="https://news.example/checks/{stem}#claim-{line}-{column}",
                    article_url="https://news.example/{stem}/", path="factcheck.toml")

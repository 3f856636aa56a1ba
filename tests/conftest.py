from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def checker():
    from factcheck.pipeline import Checker

    return Checker()

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def catalog():
    from factcheck.reference import Catalog

    return Catalog.default()

from __future__ import annotations


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "packaging: builds the sdist and wheel and installs the wheel into a new venv "
                   "(about a minute; deselect with -m 'not packaging' while working on something else)")

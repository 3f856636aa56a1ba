"""The archive of published documents, re-checked when reference data is revised.

    factcheck archive add published/ --store factcheck-archive.sqlite
    factcheck archive recheck --from 2025-07-01 --to 2026-07-01 -f markdown
    factcheck archive recheck --data revised-data/ -f json

``store.py``: the SQLite file (documents, their findings, an index of the series their claims are
bound to); ``add.py``: check and record; ``recheck.py``: what revised data changes; ``cli.py``: the
``archive`` commands (nothing is imported until a command runs). See docs/architecture.md, "The archive".
"""
from __future__ import annotations

#: The archive's file when --store does not name one (in the current folder).
DEFAULT_STORE = "factcheck-archive.sqlite"

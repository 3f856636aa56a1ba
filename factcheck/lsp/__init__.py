"""`factcheck lsp`: a language server for editors (diagnostics, the evidence on hover, code
actions), built on pygls (``pip install 'factcheck[lsp]'``).

    positions.py   offsets <-> LSP positions (UTF-16 by default, as negotiated)
    session.py     configuration per workspace folder, rules and reference data loaded once, the check
    features.py    diagnostics, hover, code actions from a checked document
    server.py      the protocol: scheduling (debounce, stale runs cancelled), handlers
"""
from __future__ import annotations

from ..errors import InputError


def serve() -> None:
    """Run the language server on standard input and output; without pygls, an InputError
    saying how to install it."""
    try:
        import lsprotocol  # noqa: F401
        import pygls  # noqa: F401
    except ImportError:
        raise InputError("factcheck lsp needs pygls: pip install 'factcheck[lsp]'") from None
    from .server import serve as run

    run()

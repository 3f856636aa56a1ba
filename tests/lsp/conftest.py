"""A real LSP client (pytest-lsp's, on pygls) talking to `python -m factcheck lsp` over stdio.

The client records every publishDiagnostics it receives (``client.published``), so a test can
tell which versions of a document were published, not only the last diagnostics.
"""
from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Any

from lsprotocol import types as t
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "idlib_joint_patrols_2020-02-20.txt"
SERVER = [sys.executable, "-m", "factcheck", "lsp"]
#: The first check may build the reference store in a cold cache (tens of seconds on a busy machine).
FIRST = 180.0
WAIT = 30.0


def make_client() -> LanguageClient:
    client = LanguageClient(converter_factory=default_converter)
    client.published = []  # type: ignore[attr-defined]

    def publish(client: LanguageClient, params: t.PublishDiagnosticsParams) -> None:
        client.published.append(params)  # type: ignore[attr-defined]
        client.diagnostics[params.uri] = params.diagnostics

    register_lsp_features(client, {**DEFAULT_CLIENT_FEATURES, t.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: publish})
    return client


def config() -> ClientServerConfig:
    return ClientServerConfig(server_command=SERVER, client_factory=make_client)


async def published(client: LanguageClient, uri: str, version: int | None = None,
                    timeout: float = WAIT) -> t.PublishDiagnosticsParams:
    """The first diagnostics published for ``uri`` (at ``version``, when given), waited for."""
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while True:
        for p in client.published:  # type: ignore[attr-defined]
            if p.uri == uri and (version is None or p.version == version):
                return p
        if loop.time() > end:
            got = [(p.uri, p.version) for p in client.published]  # type: ignore[attr-defined]
            raise AssertionError(f"no diagnostics for {uri} version {version} in {timeout} s; got {got}")
        await asyncio.sleep(0.02)


def open_doc(client: LanguageClient, path: Path, text: str, language: str = "plaintext", version: int = 1) -> str:
    uri = path.as_uri()
    client.text_document_did_open(t.DidOpenTextDocumentParams(t.TextDocumentItem(uri, language, version, text)))
    return uri


def change(client: LanguageClient, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(t.DidChangeTextDocumentParams(
        t.VersionedTextDocumentIdentifier(uri=uri, version=version), [t.TextDocumentContentChangeWholeDocument(text)]))


def utf16_offset(text: str, pos: t.Position) -> int:
    """An LSP position (UTF-16 units) as an offset into ``text``: the test's own reading, kept
    apart from the server's (lines end at \\n here)."""
    lines = text.split("\n")
    before = sum(len(x) + 1 for x in lines[:pos.line])
    units = lines[pos.line].encode("utf-16-le")[:pos.character * 2].decode("utf-16-le")
    return before + len(units)


def apply(text: str, edits: list[t.TextEdit]) -> str:
    """``text`` with LSP text edits applied, as an editor would (UTF-16 positions)."""
    spans = sorted(((utf16_offset(text, e.range.start), utf16_offset(text, e.range.end), e.new_text) for e in edits),
                   reverse=True)
    for a, b, new in spans:
        text = text[:a] + new + text[b:]
    return text


def by_code(p: t.PublishDiagnosticsParams, code: str) -> list[t.Diagnostic]:
    return [d for d in p.diagnostics if d.code == code]


def text_at(text: str, r: t.Range) -> str:
    return text[utf16_offset(text, r.start):utf16_offset(text, r.end)]


def edits_of(action: Any, uri: str) -> list[t.TextEdit]:
    return list(action.edit.changes[uri])

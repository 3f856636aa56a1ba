#!/usr/bin/env python3
"""The language server's latency: from a didChange sent to the publishDiagnostics of that
version received, for a 1,000-word article, as an editor sees it (`factcheck lsp` over stdio,
driven by pygls's client).

The article is the seed (705 words) followed by its own paragraphs again, up to 1,000 words or
more. Each edit changes one figure ("about 3.7 million" -> "about 3.2 million", ...), so every
check has a finding to change. Measured twice, each with a server of its own:

- ``debounce 0``: the check and the publishing alone (what a keystroke costs the server);
- ``debounce 0.3`` (the default): what a writer waits after the last keystroke.

The first check (rules and reference store loaded, at didOpen) is reported apart. Prints each
edit, the median, and the server's own check time (from its log), for each.

    python benchmarks/lsp_latency.py [--edits 15]
"""
from __future__ import annotations

import argparse
import asyncio
import re
import statistics
import sys
import time
from pathlib import Path

from lsprotocol import types as t
from pygls.lsp.client import LanguageClient

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "idlib_joint_patrols_2020-02-20.txt"
WORDS = 1000


def article() -> str:
    text = SEED.read_text(encoding="utf-8").rstrip("\n")
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    out = text
    i = 0
    while len(out.split()) < WORDS:
        out += "\n\n" + paragraphs[i % len(paragraphs)]
        i += 1
    return out + "\n"


async def measure(debounce: float, edits: int) -> tuple[float, list[float], list[float]]:
    """(first check s, didChange -> publish s per edit, the server's check s per edit)."""
    client = LanguageClient("lsp-latency", "1")
    got: dict[int | None, float] = {}
    logged: list[float] = []

    @client.feature(t.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def _published(params: t.PublishDiagnosticsParams) -> None:
        got[params.version] = time.perf_counter()

    @client.feature(t.WINDOW_LOG_MESSAGE)
    def _log(params: t.LogMessageParams) -> None:
        m = re.search(r"version (\d+) in (\d+) ms", params.message)
        if m and int(m.group(1)) > 1:
            logged.append(int(m.group(2)) / 1000)

    await client.start_io(sys.executable, "-m", "factcheck", "lsp")
    await client.initialize_async(t.InitializeParams(
        capabilities=t.ClientCapabilities(), root_uri=ROOT.as_uri(),
        workspace_folders=[t.WorkspaceFolder(ROOT.as_uri(), "factcheck")],
        initialization_options={"debounce": debounce}))
    client.initialized(t.InitializedParams())
    text = article()
    uri = (ROOT / "benchmarks" / "lsp-latency-article_2020-02-20.txt").as_uri()

    async def until(version: int, since: float, timeout: float = 300.0) -> float:
        while version not in got:
            if time.perf_counter() - since > timeout:
                raise SystemExit(f"no diagnostics for version {version} in {timeout:.0f} s")
            await asyncio.sleep(0.001)
        return got[version] - since

    start = time.perf_counter()
    client.text_document_did_open(t.DidOpenTextDocumentParams(t.TextDocumentItem(uri, "plaintext", 1, text)))
    first = await until(1, start)
    times = []
    for k in range(edits):
        version = k + 2
        new = text.replace("about 3.7 million", f"about 3.{k % 9 + 1} million", 1)
        await asyncio.sleep(0.2)  # a pause, as between two edits
        sent = time.perf_counter()
        client.text_document_did_change(t.DidChangeTextDocumentParams(
            t.VersionedTextDocumentIdentifier(uri=uri, version=version), [t.TextDocumentContentChangeWholeDocument(new)]))
        times.append(await until(version, sent))
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return first, times, logged


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--edits", type=int, default=15)
    args = ap.parse_args()
    text = article()
    print(f"article: {len(text.split()):,} words, {len(text):,} characters")
    for debounce in (0.0, 0.3):
        first, times, checks = asyncio.run(measure(debounce, args.edits))
        ms = [x * 1000 for x in times]
        print(f"\ndebounce {debounce:g} s: first check at didOpen {first * 1000:.0f} ms (rules and reference store loaded)")
        print("  didChange -> publishDiagnostics, ms: " + " ".join(f"{x:.0f}" for x in ms))
        print(f"  median {statistics.median(ms):.0f} ms (min {min(ms):.0f}, max {max(ms):.0f})"
              + (f"; the server's check: median {statistics.median(checks) * 1000:.0f} ms" if checks else "")
              + (f"; less the debounce: {statistics.median(ms) - debounce * 1000:.0f} ms" if debounce else ""))


if __name__ == "__main__":
    main()

"""`factcheck lsp`: the language server (pygls), over standard input and output.

    didOpen, didSave          -> the document checked at once, its diagnostics published
    didChange                 -> checked after a pause in typing (debounce, 0.3 s by default);
                                 a newer version cancels the run waiting for it, and a result
                                 for a version that is no longer current is never published
    hover                     -> the evidence of the claim under the cursor
    codeAction                -> write the sourced figure; accept the finding with a suppression
    didSave of a configuration or baseline file -> configurations read again, open documents rechecked

initializationOptions (all optional): ``{"debounce": 0.3, "showSupported": true}``: the pause
in seconds after a change before checking, and whether supported claims are published as hints.

Checks run one at a time on one thread of their own (``Session`` and the reference store's
SQLite connections belong to it), so the server keeps answering while a document is checked;
hover and code actions wait for the check of the document's current version, if one is due.
"""
from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import time
from pathlib import Path
from typing import Any

from lsprotocol import types as t
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from .. import __version__
from . import features
from .positions import LineIndex
from .session import Checked, Session

DEBOUNCE = 0.3
#: How long hover and code actions wait for the check of the current version.
FRESH_WAIT = 5.0
LANGUAGES = ("markdown", "html", "plaintext", "text")

log = logging.getLogger("factcheck.lsp")


class _Doc:
    """What the server knows of an open document: the run due for it, and its last result."""

    def __init__(self) -> None:
        self.task: asyncio.Task[None] | None = None
        self.checked: Checked | None = None
        self.index: LineIndex | None = None


class FactcheckServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("factcheck", __version__, text_document_sync_kind=t.TextDocumentSyncKind.Full)
        self.debounce = DEBOUNCE
        self.show_supported = True
        self.docs: dict[str, _Doc] = {}
        self.session = Session(folders=self._folders)
        #: One thread for every check (and the loading behind it).
        self.checks = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="factcheck-check")

    def _folders(self) -> list[Path]:
        out = []
        try:
            folders = list(self.workspace.folders.values())
            root = self.workspace.root_path
        except RuntimeError:  # not initialized yet
            return []
        for f in folders:
            p = to_fs_path(f.uri)
            if p:
                out.append(Path(p))
        if not out and root:
            out.append(Path(root))
        return out

    def encoding(self) -> str:
        enc = self.workspace.position_encoding
        return str(getattr(enc, "value", enc) or "utf-16")

    # --- scheduling ---------------------------------------------------------------------------

    def schedule(self, uri: str, delay: float) -> None:
        """Check the document after ``delay`` seconds, cancelling the run it replaces."""
        d = self.docs.setdefault(uri, _Doc())
        if d.task is not None and not d.task.done():
            d.task.cancel()
        d.task = asyncio.get_running_loop().create_task(self._run(uri, delay))

    async def _run(self, uri: str, delay: float) -> None:
        if delay > 0:
            await asyncio.sleep(delay)
        try:
            td = self.workspace.get_text_document(uri)
        except Exception:  # noqa: BLE001 -- closed meanwhile
            return
        version, text = td.version, td.source
        path = to_fs_path(uri)
        loop = asyncio.get_running_loop()
        # A cancelled wait cancels the run too while it is queued; one already running finishes
        # (tens of milliseconds for a 1,000-word article) and its result is dropped below.
        checked, seconds = await loop.run_in_executor(self.checks, self._check, uri, version, text, path,
                                                      td.language_id)
        d = self.docs.get(uri)
        stale = d is None or self._version(uri) != version
        self.window_log_message(t.LogMessageParams(t.MessageType.Log, (
            f"factcheck: checked {checked.path} version {version} in {seconds * 1000:.0f} ms"
            + ("; not published: a newer version came" if stale else ""))))
        if stale:
            return  # closed, or a newer version is on its way
        d.checked, d.index = checked, LineIndex(text, self.encoding())
        self.text_document_publish_diagnostics(t.PublishDiagnosticsParams(
            uri, features.diagnostics(checked, d.index, self.show_supported), version=version))

    def _check(self, *args: Any) -> tuple[Checked, float]:
        start = time.perf_counter()
        checked = self.session.check(*args)
        return checked, time.perf_counter() - start

    def _version(self, uri: str) -> int | None:
        try:
            return self.workspace.get_text_document(uri).version
        except Exception:  # noqa: BLE001
            return None

    async def fresh(self, uri: str) -> _Doc | None:
        """The document's state once the check of its current version is done (or after
        ``FRESH_WAIT``: then the last result)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + FRESH_WAIT
        while (d := self.docs.get(uri)) is not None and d.task is not None and not d.task.done():
            try:  # the run due may be replaced by a newer one meanwhile: then wait for that
                await asyncio.wait_for(asyncio.shield(d.task), max(0.0, deadline - loop.time()))
            except TimeoutError:
                break
            except asyncio.CancelledError:
                task = asyncio.current_task()
                if task is not None and task.cancelling():
                    raise  # this request itself was cancelled
        return self.docs.get(uri)

    def recheck_all(self) -> None:
        for uri in list(self.docs):
            self.schedule(uri, 0)


server = FactcheckServer()


def _options(ls: FactcheckServer, options: Any) -> None:
    """initializationOptions: debounce (seconds, 0 to 10) and showSupported (true/false); a
    value of the wrong kind is said in the client's log and the default kept."""
    if not isinstance(options, dict):
        return
    for key, value in options.items():
        if key == "debounce" and isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 10:
            ls.debounce = float(value)
        elif key == "showSupported" and isinstance(value, bool):
            ls.show_supported = value
        else:
            ls.window_log_message(t.LogMessageParams(
                t.MessageType.Warning, f"factcheck: initializationOptions: ignored {key!r} = {value!r} (debounce: "
                                       "seconds from 0 to 10; showSupported: true or false)"))


@server.feature(t.INITIALIZE)
def _initialize(ls: FactcheckServer, params: t.InitializeParams) -> None:
    _options(ls, params.initialization_options)


@server.feature(t.INITIALIZED)
def _initialized(ls: FactcheckServer, params: t.InitializedParams) -> None:
    ls.checks.submit(ls.session.warm)


@server.feature(t.TEXT_DOCUMENT_DID_OPEN)
def _did_open(ls: FactcheckServer, params: t.DidOpenTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri, 0)


@server.feature(t.TEXT_DOCUMENT_DID_CHANGE)
def _did_change(ls: FactcheckServer, params: t.DidChangeTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri, ls.debounce)


@server.feature(t.TEXT_DOCUMENT_DID_SAVE, t.SaveOptions(include_text=False))
async def _did_save(ls: FactcheckServer, params: t.DidSaveTextDocumentParams) -> None:
    uri = params.text_document.uri
    path = to_fs_path(uri)
    loop = asyncio.get_running_loop()
    if path and await loop.run_in_executor(ls.checks, ls.session.is_config_file, Path(path)):
        await loop.run_in_executor(ls.checks, ls.session.forget)
        ls.recheck_all()
    elif uri in ls.docs:
        ls.schedule(uri, 0)


@server.feature(t.TEXT_DOCUMENT_DID_CLOSE)
def _did_close(ls: FactcheckServer, params: t.DidCloseTextDocumentParams) -> None:
    d = ls.docs.pop(params.text_document.uri, None)
    if d is not None and d.task is not None:
        d.task.cancel()
    ls.text_document_publish_diagnostics(t.PublishDiagnosticsParams(params.text_document.uri, []))


@server.feature(t.TEXT_DOCUMENT_HOVER)
async def _hover(ls: FactcheckServer, params: t.HoverParams) -> t.Hover | None:
    d = await ls.fresh(params.text_document.uri)
    if d is None or d.checked is None or d.index is None:
        return None
    offset = d.index.offset(params.position.line, params.position.character)
    return features.hover(d.checked, d.index, offset, markdown=_markdown_hover(ls))


def _markdown_hover(ls: FactcheckServer) -> bool:
    caps = ls.client_capabilities.text_document
    formats = caps.hover.content_format if caps is not None and caps.hover is not None else None
    return formats is None or t.MarkupKind.Markdown in formats


@server.feature(t.TEXT_DOCUMENT_CODE_ACTION,
                t.CodeActionOptions(code_action_kinds=[t.CodeActionKind.QuickFix]))
async def _code_action(ls: FactcheckServer, params: t.CodeActionParams) -> list[t.CodeAction] | None:
    d = await ls.fresh(params.text_document.uri)
    if d is None or d.checked is None or d.index is None:
        return None
    if d.checked.version != ls._version(params.text_document.uri):
        return None  # the text changed since its last check: no edit computed on an old text
    r = params.range
    start = d.index.offset(r.start.line, r.start.character)
    end = d.index.offset(r.end.line, r.end.character)
    return features.code_actions(d.checked, d.index, start, end, list(params.context.diagnostics)) or None


@server.feature(t.SHUTDOWN)
def _shutdown(ls: FactcheckServer, params: Any) -> None:
    for d in ls.docs.values():
        if d.task is not None:
            d.task.cancel()
    ls.checks.shutdown(wait=False, cancel_futures=True)


def serve() -> None:
    """Run the server on standard input and output until the client says exit."""
    logging.basicConfig(level=logging.WARNING, format="factcheck lsp: %(levelname)s %(message)s")
    server.start_io()

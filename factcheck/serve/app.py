"""The server behind ``factcheck serve``: a Starlette app over one ``Desk``.

    desk = Desk(cfg)                  # the rules loaded and the reference data opened, once
    app = make_app(desk)              # GET / the form; POST /check a check

``POST /check`` takes a form (``multipart/form-data`` or ``application/x-www-form-urlencoded``):
``draft`` (pasted text), ``file`` (an upload; checked instead of the draft when chosen),
``as_of`` (YYYY-MM-DD or today; empty: the draft's own date) and ``format`` (``html``: the report
below the form; ``json`` or ``markdown``: the same check as a download). The body is read into
memory up to the desk's limit (413 past it, before the rest is read); the form is parsed there
(python-multipart, told to keep files in memory), the document read from those bytes and checked
in one worker thread, one request at a time, against the rules and data loaded at start. Nothing
is written to disk. Answers: 400 for a form or draft that cannot be read (the one line
``factcheck check`` would print), 403 for a form posted from another site, 413, and 415 for a
request that is not a form or a file of another type (the types accepted named).

Every response says: no script, no framing, no sniffing, no referrer, no caching
(``SecurityHeaders``); pages carry ``page.policy``.
"""
from __future__ import annotations

import contextlib
import logging
import re
import urllib.parse
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import anyio
from python_multipart import FormParser
from python_multipart.exceptions import FormParserError
from python_multipart.multipart import parse_options_header
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..config import Config
from ..errors import FactcheckError
from ..model import Document, Report
from . import ACCEPTED, DEFAULT_MAX_BYTES, accepted_types, page

log = logging.getLogger("factcheck.serve")

FORMS = ("multipart/form-data", "application/x-www-form-urlencoded")
DOWNLOADS = {"json": ("json", "application/json"), "markdown": ("md", "text/markdown; charset=utf-8")}
#: Names a loopback server answers to (a check against DNS rebinding).
LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")

HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cache-control": "no-store",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}


class Refused(Exception):
    """A request answered with a status and one plain line."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


@dataclass
class Submission:
    """What a form asked for: a draft's text or a file's name and bytes, its date, the format."""

    draft: str
    file_name: str
    file_data: bytes | None
    as_of: str
    fmt: str


class Desk:
    """The configuration, the rules and reference data (loaded once, here) and the size limit;
    ``check`` reads and checks one submission."""

    def __init__(self, cfg: Config | None = None, *, vintage: str | None = None,
                 max_bytes: int = DEFAULT_MAX_BYTES, checker: Any = None) -> None:
        from ..documents import from_text
        from ..workflow import load_checker

        self.cfg = cfg or Config()
        self.vintage = vintage
        self.max_bytes = max_bytes
        self.checker = checker if checker is not None else load_checker(self.cfg, vintage)
        # Opened now: a data problem is an error before the server starts, and the first
        # request does not wait for the stores.
        self.check_document(from_text("Turkey has taken in 3.6 million refugees.", "start.txt", "2020-02-20"))

    def check_document(self, doc: Document) -> Report:
        from ..workflow import check_documents

        return check_documents([doc], self.cfg, vintage=self.vintage, checker=self.checker)

    def document(self, sub: Submission) -> Document:
        """The submission's document, dated as ``factcheck check`` dates a file (InputError)."""
        from ..documents import as_of_option, from_bytes, from_text, sniff
        from ..workflow import settle_as_of

        as_of = as_of_option(sub.as_of.strip() or None, what="as of")
        if sub.file_data is not None:
            doc = from_bytes(sub.file_data, sub.file_name, as_of, encoding=self.cfg.encoding)
        else:
            text = sub.draft.replace("\r\n", "\n")  # a browser sends a textarea's lines with CRLF
            if not text.strip():
                raise Refused(400, "paste a draft or choose a file to check")
            fmt = sniff(text.encode("utf-8"))
            name = "draft." + {"markdown": "md", "html": "html"}.get(fmt, "txt")
            doc = from_text(text, name, as_of, fmt)
        return settle_as_of(doc, self.cfg)

    def answer(self, sub: Submission) -> Response:
        """Check the submission and render it (in the worker thread)."""
        from ..report import render

        doc = self.document(sub)
        report = self.check_document(doc)
        if sub.fmt in DOWNLOADS:
            suffix, media = DOWNLOADS[sub.fmt]
            stem = re.sub(r"[^A-Za-z0-9._-]+", "_", doc.path.rsplit(".", 1)[0])[:80].strip("._") or "draft"
            return Response(render(report, sub.fmt), media_type=media,
                            headers={"content-disposition": f'attachment; filename="factcheck-{stem}.{suffix}"'})
        checked = (f"Checked {doc.path}, as of {doc.as_of or 'the latest data'} ({doc.as_of_source})."
                   + (" The file is not kept: choose it again to download its check." if sub.file_data is not None
                      else ""))
        form = page.form(sub.draft if sub.file_data is None else "", sub.as_of, checked, self.max_bytes)
        body = page.with_report(render(report, "html"), form)
        return HTMLResponse(body, headers={"content-security-policy": page.policy(body)})


# --- the request -------------------------------------------------------------------------------

async def _body(request: Request, limit: int) -> bytes:
    """The body, at most ``limit`` bytes (Refused 413 as soon as it is known to be larger)."""
    too_big = Refused(413, f"the request is larger than this server takes ({_mb(limit)}; "
                           "factcheck serve --max-bytes sets it)")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_big
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_big
        chunks.append(chunk)
    return b"".join(chunks)


def _mb(n: int) -> str:
    return f"{n / 1024 ** 2:.3g} MB" if n >= 1024 ** 2 else f"{n / 1024:.3g} KB"


def parse_form(content_type: str, body: bytes) -> Submission:
    """The form in ``body`` (every part kept in memory) -> Submission; Refused for anything else."""
    mime, params = parse_options_header(content_type)
    kind = mime.decode("latin-1").lower()
    if kind not in FORMS:
        raise Refused(415, f"send a form ({' or '.join(FORMS)}) with a draft, or a file ({accepted_types()})")
    fields: dict[str, bytes] = {}
    files: list[tuple[str, str, bytes]] = []

    def on_field(field: Any) -> None:
        fields.setdefault((field.field_name or b"").decode("latin-1"), field.value or b"")

    def on_file(f: Any) -> None:
        obj = f.file_object
        obj.seek(0)
        files.append(((f.field_name or b"").decode("latin-1"), _text(f.file_name or b"", "file name"), obj.read()))
        f.close()

    if kind == FORMS[1]:  # name=value&...: percent-decoded as UTF-8 by the standard library
        try:
            pairs = urllib.parse.parse_qsl(body.decode("ascii"), keep_blank_values=True, encoding="utf-8",
                                           errors="strict")
        except (UnicodeDecodeError, ValueError):
            raise Refused(400, "the form cannot be read: not URL-encoded UTF-8") from None
        for name, value in pairs:
            fields.setdefault(name, value.encode("utf-8"))
    else:
        boundary = params.get(b"boundary")
        if not boundary:
            raise Refused(400, "the form has no multipart boundary")
        # Files in memory whatever their size (the body is bounded already); never to a temporary file.
        parser = FormParser(kind, on_field, on_file, boundary=boundary,
                            config={"MAX_MEMORY_FILE_SIZE": float("inf"), "UPLOAD_DIR": None})
        try:
            parser.write(body)
            parser.finalize()
        except FormParserError as ex:
            raise Refused(400, f"the form cannot be read: {ex}") from None
    fmt = _text(fields.get("format", b"html"), "format") or "html"
    if fmt not in ("html", *DOWNLOADS):
        raise Refused(400, f"format {fmt!r}: give html, json or markdown")
    chosen = [(name, data) for field, name, data in files if field == "file" and (name or data)]
    file_name, file_data = chosen[0] if chosen else ("", None)
    if file_data is not None:
        file_name = re.split(r"[/\\]", file_name)[-1].strip() or "upload"
        suffix = ("." + file_name.rsplit(".", 1)[1].lower()) if "." in file_name else ""
        if suffix not in ACCEPTED:
            raise Refused(415, f"{file_name}: factcheck reads {accepted_types()} files")
    return Submission(_text(fields.get("draft", b""), "draft"), file_name, file_data,
                      _text(fields.get("as_of", b""), "as of"), fmt)


def _text(value: bytes, what: str) -> str:
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        raise Refused(400, f"the form's {what} is not UTF-8") from None


async def index(request: Request) -> Response:
    desk: Desk = request.app.state.desk
    body = page.index(desk.max_bytes)
    return HTMLResponse(body, headers={"content-security-policy": page.policy(body)})


async def check(request: Request) -> Response:
    desk: Desk = request.app.state.desk
    try:
        if request.headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
            raise Refused(403, "forms posted from another site are refused")
        body = await _body(request, desk.max_bytes)
        sub = parse_form(request.headers.get("content-type", ""), body)
        del body
        return await anyio.to_thread.run_sync(desk.answer, sub, limiter=request.app.state.one_at_a_time)
    except Refused as ex:
        return PlainTextResponse(ex.message + "\n", status_code=ex.status)
    except FactcheckError as err:
        return PlainTextResponse("".join(line + "\n" for line in err.lines()), status_code=400)
    except Exception:  # an internal error: logged here, never shown with a traceback
        log.exception("checking a request failed")
        return PlainTextResponse("factcheck: internal error while checking this draft; the server's log has the "
                                 "details\n", status_code=500)


# --- every response ------------------------------------------------------------------------------

class SecurityHeaders:
    """Adds ``HEADERS`` to every response, and a Content-Security-Policy that allows nothing
    where the response has none of its own (plain text, downloads, errors)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                have = {k.lower() for k, _ in headers}
                headers += [(k.encode(), v.encode()) for k, v in HEADERS.items() if k.encode() not in have]
                if b"content-security-policy" not in have:
                    headers.append((b"content-security-policy", page.NOTHING.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with)


def make_app(desk: Desk, host: str = "127.0.0.1") -> Starlette:
    """The app; bound to a loopback ``host``, it answers only requests naming a loopback host."""

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        app.state.one_at_a_time = anyio.CapacityLimiter(1)
        yield

    middleware = [Middleware(SecurityHeaders)]
    if host in LOOPBACK:
        middleware.append(Middleware(TrustedHostMiddleware, allowed_hosts=[h for h in LOOPBACK if ":" not in h]))
    app = Starlette(routes=[Route("/", index, methods=["GET"]), Route("/check", check, methods=["POST"])],
                    middleware=middleware, lifespan=lifespan)
    app.state.desk = desk
    return app


"""The ``factcheck serve`` command. ``install(main)`` adds it to the main command (factcheck/cli.py
calls it); Starlette and uvicorn are imported only when it runs, and their absence is one line
saying how to install them (exit 2)."""
from __future__ import annotations

import socket
import sys
from pathlib import Path

import click

from . import DEFAULT_HOST, DEFAULT_MAX_BYTES, DEFAULT_PORT

#: Connections and requests at once before uvicorn answers 503 (each body may hold --max-bytes).
LIMIT_CONCURRENCY = 32


def listen(host: str, port: int) -> socket.socket:
    """A socket bound to ``host``:``port`` (0: any free port), or an InputError saying why not."""
    from ..errors import InputError

    try:
        family, kind, proto, _, addr = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM,
                                                          flags=socket.AI_PASSIVE)[0]
        sock = socket.socket(family, kind, proto)
    except (OSError, UnicodeError) as ex:
        raise InputError(f"--host {host!r}: {getattr(ex, 'strerror', None) or ex}") from None
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(addr)
        sock.listen(128)  # connections wait from now on, while the data loads and uvicorn starts
    except OSError as ex:
        sock.close()
        raise InputError(f"cannot listen on {host}:{port}: {ex.strerror or ex}") from None
    return sock


def _url(host: str, sock: socket.socket) -> str:
    port = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def install(main: click.Group) -> None:
    from .. import cli as base
    from ..config import FAIL_ON

    @main.command("serve")
    @click.option("--host", default=DEFAULT_HOST, show_default=True,
                  help="The address to listen on (0.0.0.0: every network this machine is on; see SECURITY.md).")
    @click.option("--port", type=click.IntRange(0, 65535), default=DEFAULT_PORT, show_default=True,
                  help="The port (0: any free one; the address is printed).")
    @click.option("--max-bytes", default=f"{DEFAULT_MAX_BYTES // 1024 ** 2}MB", show_default=True, metavar="SIZE",
                  help="The largest request (a pasted draft or an uploaded file): bytes, KB or MB, at most 50MB; "
                       "larger ones get 413.")
    @click.option("--fail-on", type=click.Choice(FAIL_ON), default=None,
                  help="The verdict at which the report says the check fails (default: contradicted).")
    @click.option("--vintage", metavar="DATE", help="Judge against each series as released by DATE (as check does).")
    @base.setting_options("rules", "data", "select", "ignore", "config", "isolated")
    @click.option("--encoding", metavar="NAME", help="Encoding of uploads that are not UTF-8 and declare none.")
    @base.guarded
    def serve(host: str, port: int, max_bytes: str, fail_on: str | None, vintage: str | None,
              rules_dirs: tuple[Path, ...], data_dirs: tuple[Path, ...], select: tuple[str, ...],
              ignore: tuple[str, ...], config_path: Path | None, isolated: bool, encoding: str | None) -> None:
        """A page for the desk: paste a draft or upload .md, .html, .txt or .docx, see the HTML
        report, download the check as JSON or Markdown.

        \b
        factcheck serve                        # http://127.0.0.1:8000/, this machine only
        factcheck serve --port 0               # any free port
        factcheck serve --max-bytes 5MB        # refuse larger requests (413)

        The rules and reference data are loaded once; each request is checked in memory and
        nothing of it is kept. Needs the serve extra: pip install 'factcheck[serve]'.
        """
        from . import parse_size, require

        require()
        limit = parse_size(max_bytes)
        cfg = base._settings(config_path, isolated, fail_on=fail_on, rules=rules_dirs, data=data_dirs,
                             select=base._codes(select), ignore=base._codes(ignore), encoding=encoding)
        if vintage is not None:
            from ..reference import check_vintage

            vintage = check_vintage(vintage)
        sock = listen(host, port)  # before the data is loaded: a port in use is said at once
        server = None
        try:
            import uvicorn

            from .app import Desk, make_app

            app = make_app(Desk(cfg, vintage=vintage, max_bytes=limit), host)
            server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on", server_header=False,
                                                   limit_concurrency=LIMIT_CONCURRENCY, timeout_graceful_shutdown=5))
            click.echo(f"factcheck: the desk page is at {_url(host, sock)} (Ctrl-C stops it)", err=True)
            server.run(sockets=[sock])
        except (KeyboardInterrupt, base.Terminated):
            pass
        finally:
            sock.close()
        click.echo("factcheck: stopped", err=True)
        # uvicorn logs a failure to start and returns: exit 2 then
        sys.exit(base.EXIT_OK if server is not None and server.started else base.EXIT_ERROR)

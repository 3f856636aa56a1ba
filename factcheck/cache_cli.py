"""The command line of the caches: ``factcheck cache dir|clean`` and ``--no-cache`` on every command.

``install(main)`` adds the ``cache`` group and gives the main group and every command under it a
``--no-cache`` option (an eager flag whose value no command sees: it turns the caches off for the
process, as ``FACTCHECK_NO_CACHE=1`` does), so a command added later takes it too.
"""
from __future__ import annotations

from typing import Any

import click

NO_CACHE_HELP = "Read and write no cache in this run (as FACTCHECK_NO_CACHE=1 does); see `factcheck cache`."


def _turn_off(ctx: click.Context, param: click.Parameter, value: bool) -> bool:
    if value:
        from .cache import disable

        disable()
    return value


def no_cache_option() -> click.Option:
    return click.Option(["--no-cache"], is_flag=True, expose_value=False, is_eager=True, callback=_turn_off,
                        help=NO_CACHE_HELP)


@click.group("cache")
def cache_group() -> None:
    """Where factcheck keeps what it builds once (the validated rules, the extractor's tables, the
    reference store: a SQLite file per dataset): print the folder, or empty it.

    The folder is where platformdirs puts a user's cache (on Linux $XDG_CACHE_HOME/factcheck, else
    ~/.cache/factcheck). Stale files (other factcheck versions, older keys beyond a few) are
    removed whenever a cache file is written.
    """


@cache_group.command("dir")
def cache_dir() -> None:
    """Print the cache folder."""
    from .cache import folder

    click.echo(str(folder()))


@cache_group.command("clean")
def cache_clean() -> None:
    """Empty the cache folder (the next run builds what it needs again)."""
    from .cache import clean, folder

    files, size = clean()
    click.echo(f"removed {files} file{'s' * (files != 1)} ({size / 1e6:.1f} MB) from {folder()}")


def install(main: click.Group) -> None:
    """Add the ``cache`` commands to ``main``, and ``--no-cache`` to it and every other command."""
    main.add_command(cache_group)

    def add(cmd: Any) -> None:
        if cmd is cache_group:
            return
        if not any("--no-cache" in getattr(p, "opts", ()) for p in cmd.params):
            cmd.params.append(no_cache_option())
        for sub in getattr(cmd, "commands", {}).values():
            add(sub)

    add(main)

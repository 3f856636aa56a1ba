"""The ``factcheck archive`` commands: ``add``, ``recheck``, ``info``.

``install(main)`` adds the group to the main command (factcheck/cli.py calls it); the commands are
built there, with the main module's error handling (one line per problem, exit 2), report writing
and options, and import nothing heavy until they run.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from . import DEFAULT_STORE

_STORE_HELP = f"The archive's SQLite file (default: {DEFAULT_STORE} in the current folder)."


def _jobs(ctx: Any, param: Any, value: str) -> int:
    """--jobs N or auto (the cores this process may use)."""
    if value == "auto":
        try:
            return len(os.sched_getaffinity(0))
        except AttributeError:  # pragma: no cover - not Linux
            return os.cpu_count() or 1
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise click.BadParameter(f"{value!r} is not a number of processes (1, 2, ... or auto)")
    return n


def _group(base: Any) -> click.Group:
    from ..config import FAIL_ON, FORMATS
    from ..outputs import parse_reports, write_reports

    @click.group("archive")
    def archive() -> None:
        """Record published documents with their findings and the data vintages they were judged
        against; when the data is revised, judge again only the claims it touches.

        \b
        factcheck archive add published/                          # check and record (factcheck-archive.sqlite)
        factcheck archive recheck --from 2025-07-01 --to 2026-07-01    # two vintages the data holds
        factcheck archive recheck --data revised/ -f markdown     # a revised copy of a dataset
        """

    @archive.command("add")
    @click.argument("paths", nargs=-1, required=True)
    @click.option("--store", type=click.Path(path_type=Path), default=DEFAULT_STORE, show_default=True,
                  metavar="FILE", help=_STORE_HELP)
    @click.option("--jobs", "-j", default="1", callback=_jobs, metavar="N",
                  help="Check in N worker processes, each loading the rules and data once (auto: one per core).")
    @click.option("--new-only", is_flag=True,
                  help="Skip documents recorded already with the same path and content (otherwise re-adding a "
                       "document checks it again and replaces its rows).")
    @click.option("--vintage", metavar="DATE",
                  help="Judge against each series' newest release on or before DATE (as check --vintage).")
    @click.option("-q", "--quiet", is_flag=True, help="No summary line, no progress bar.")
    @base.check_options
    @base.guarded
    def archive_add(paths: tuple[str, ...], store: Path, jobs: int, new_only: bool, vintage: str | None, quiet: bool,
                    as_of: str | None, rules_dirs: tuple[Path, ...], data_dirs: tuple[Path, ...],
                    select: tuple[str, ...], ignore: tuple[str, ...], config_path: Path | None, isolated: bool,
                    encoding: str | None, stdin_filename: str | None) -> None:
        """Check PATHS (files, folders, glob patterns, - for standard input) and record each document
        in the archive: its text (compressed), its findings, and for each claim the series, value and
        vintage it was judged against. A document already recorded (same path) is replaced. Written
        whole or not at all; a file that cannot be read: one line, exit 2, the archive unchanged."""
        from ..reference import check_vintage
        from .add import add
        from .store import Archive

        cfg = base._settings(config_path, isolated, rules=rules_dirs, data=data_dirs, select=base._codes(select),
                             ignore=base._codes(ignore), encoding=encoding)
        vintage = check_vintage(vintage)
        as_of_value = base._as_of(as_of)
        new_file = not store.exists()
        with Archive(store, create=True) as arc:
            bar: dict[str, Any] = {}

            def step(path: str, total: int) -> None:
                if quiet:
                    return
                if "progress" not in bar:
                    bar["progress"] = base._progress(total)
                    if bar["progress"] is not None:
                        bar["task"] = bar["progress"].add_task("archiving", total=total)
                if bar["progress"] is not None:
                    bar["progress"].update(bar["task"], advance=1, description=base._short(path))

            try:
                done = add(arc, list(paths), cfg, as_of=as_of_value, vintage=vintage, stdin_filename=stdin_filename,
                           jobs=jobs, new_only=new_only, on_document=step)
            except BaseException:
                if new_file:  # nothing was recorded: leave no empty archive behind
                    arc.close()
                    store.unlink(missing_ok=True)
                raise
            finally:
                if bar.get("progress") is not None:
                    bar["progress"].stop()
            total = arc.counts()
        if not quiet:
            skipped = f", {done.skipped:,} unchanged and skipped" if done.skipped else ""
            click.echo(f"factcheck: archived {done.documents - done.skipped:,} document"
                       f"{'s' * (done.documents - done.skipped != 1)} ({done.new:,} new, {done.replaced:,} replaced"
                       f"{skipped}): {done.findings:,} findings, {done.bound:,} bound to reference series; {store} "
                       f"holds {total['documents']:,} document{'s' * (total['documents'] != 1)}", err=True)

    @archive.command("recheck")
    @click.option("--store", type=click.Path(path_type=Path), default=DEFAULT_STORE, show_default=True,
                  metavar="FILE", help=_STORE_HELP)
    @click.option("--from", "from_vintage", metavar="DATE",
                  help="The vintage the archive was judged against: each series' newest on or before DATE.")
    @click.option("--to", "to_vintage", metavar="DATE", help="The revised vintage (default: the newest held).")
    @click.option("--dataset", "datasets", multiple=True, metavar="NAME",
                  help="With --from: compare only this dataset's vintages (repeatable; default: every dataset).")
    @click.option("--data", "data_dirs", multiple=True, type=click.Path(path_type=Path), metavar="DIR",
                  help="Without --from: the revised data, a package folder or a folder of packages, each replacing "
                       "the package of its name. With --from: extra data folders, as in check (repeatable).")
    @click.option("--format", "-f", "fmt", type=click.Choice(FORMATS), default=None,
                  help="Report format, as check's: " + ", ".join(FORMATS) + ".")
    @click.option("--output", "-o", type=click.Path(path_type=Path), metavar="FILE",
                  help="Write the report to FILE (whole or not at all) instead of standard output.")
    @click.option("--report", "reports", multiple=True, metavar="FORMAT:FILE", callback=parse_reports,
                  help="Also write the report in FORMAT to FILE (repeatable).")
    @click.option("--fail-on", type=click.Choice(FAIL_ON), default=None,
                  help="Exit 1 when a changed verdict is at or above this one (default: contradicted).")
    @click.option("--exit-zero", is_flag=True, help="Exit 0 whatever the verdicts (errors still exit 2).")
    @click.option("--update", is_flag=True, help="Record the new verdicts in the archive.")
    @click.option("-q", "--quiet", is_flag=True, help="No summary line on standard error.")
    @base.setting_options("rules", "select", "ignore", "config", "isolated")
    @base.guarded
    def archive_recheck(store: Path, from_vintage: str | None, to_vintage: str | None, datasets: tuple[str, ...],
                        data_dirs: tuple[Path, ...], fmt: str | None, output: Path | None,
                        reports: tuple[tuple[str, Path], ...], fail_on: str | None, exit_zero: bool, update: bool,
                        quiet: bool, rules_dirs: tuple[Path, ...], select: tuple[str, ...], ignore: tuple[str, ...],
                        config_path: Path | None, isolated: bool) -> None:
        """Judge again the archived claims bound to a series whose values changed, between two
        vintages of the data (--from, --to) or against a revised copy of it (--data NEWDIR), and
        report the documents whose verdict changed: each finding says what it was (verdict,
        reference value, vintage) and what it is now. Any format check writes; exit 1 when a
        changed verdict is at or above --fail-on. A summary line on standard error counts the
        changed values, the claims and documents judged again, and the verdicts changed."""
        from ..reference import check_vintage
        from .recheck import recheck
        from .store import Archive

        if from_vintage is None and to_vintage is not None:
            raise click.UsageError("--to needs --from (the vintage the archive was judged against)")
        if from_vintage is None and datasets:
            raise click.UsageError("--dataset needs --from (it names the datasets whose vintages to compare)")
        if from_vintage is None and not data_dirs:
            raise click.UsageError("say what was revised: --from VINTAGE [--to VINTAGE], or --data NEWDIR")
        check_vintage(from_vintage), check_vintage(to_vintage)  # a bad date: exit 2 before anything is read
        cfg = base._settings(config_path, isolated, format=fmt, fail_on=fail_on, rules=rules_dirs,
                             select=base._codes(select), ignore=base._codes(ignore))
        if "claimreview" in (cfg.format, *(f for f, _ in reports)):  # its configuration: before anything is done
            from ..report.claimreview import require

            require(cfg.claimreview)
        with Archive(store) as arc:
            result = recheck(arc, cfg, from_vintage=from_vintage, to_vintage=to_vintage, datasets=datasets,
                             revised=list(data_dirs), update=update)
        from ..report import render

        width, color = 100, False
        if cfg.format == "terminal" and output is None:
            from ..report.terminal import make_console

            console = make_console()
            width, color = console.width, console.color_system is not None
        text = render(result.report, cfg.format, width=width, color=color, claimreview=cfg.claimreview)
        if reports:
            write_reports(result.report, reports, cfg.claimreview)
        if output is not None and str(output) != "-":
            from ..atomic import write_atomic

            write_atomic(output, text)  # whole or not at all, as check's --output
        else:
            sys.stdout.write(text)
            sys.stdout.flush()
        if not quiet:
            click.echo(f"factcheck: {result.summary()}", err=True)
        sys.exit(base.EXIT_FINDINGS if result.report.failing() and not exit_zero else base.EXIT_OK)

    @archive.command("info")
    @click.option("--store", type=click.Path(path_type=Path), default=DEFAULT_STORE, show_default=True,
                  metavar="FILE", help=_STORE_HELP)
    @base.guarded
    def archive_info(store: Path) -> None:
        """How many documents and findings the archive holds, and how many claims are bound to
        reference series (and to how many series)."""
        from .store import Archive

        with Archive(store) as arc:
            n = arc.counts()
        size = store.stat().st_size
        click.echo(f"{store}: {n['documents']:,} document{'s' * (n['documents'] != 1)}, {n['findings']:,} findings, "
                   f"{n['bound_claims']:,} claims bound to {n['series']:,} reference series; {size / 1e6:.1f} MB")

    return archive


def install(main: click.Group) -> None:
    """Add the ``archive`` group to ``main`` (the main module is complete by then)."""
    from .. import cli as base

    main.add_command(_group(base))

"""Command line: the only module that prints. Maps errors to exit codes.

Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it (or a suppression without
a reason); 2 usage, rule, dataset, configuration or input error (one line per problem, naming
the file and place; never a traceback); 130 interrupted (SIGINT), 143 terminated (SIGTERM) --
in both cases no report, or the old one, is left: reports are written whole or not at all.
"""
from __future__ import annotations

import datetime as dt
import functools
import os
import signal
import sys
from pathlib import Path
from typing import Any, Callable

import click

from .config import FAIL_ON, FORMATS
from .errors import FactcheckError, InputError
from .outputs import parse_reports

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2
EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143
DEFAULT_BASELINE = "factcheck-baseline.json"


class Terminated(BaseException):
    """SIGTERM, raised where the program stands so that cleanup runs."""


def _on_sigterm(signum: int, frame: Any) -> None:
    raise Terminated()


def _as_of(value: str | None) -> dt.date | str | None:
    """--as-of checked before any file is read: a date, or ``today`` (kept as the word, so each
    document reports "today" as where its date came from)."""
    from .documents import as_of_option

    return as_of_option(value, what="--as-of")


def _fail(err: FactcheckError) -> None:
    from .visible import commands_stopped, visible

    with commands_stopped(sys.stderr):
        for line in err.lines():  # one line each, whatever a file name or a dataset holds
            click.echo(f"factcheck: error: {visible(line)}", err=True)
    sys.exit(EXIT_ERROR)


def guarded(fn: Callable[..., Any]) -> Callable[..., Any]:
    """User errors -> one line each and exit 2; SIGINT -> 130, SIGTERM -> 143, quietly."""

    @functools.wraps(fn)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            previous = signal.signal(signal.SIGTERM, _on_sigterm)
        except ValueError:  # not the main thread (tests calling main() in a thread)
            previous = None
        try:
            return fn(*args, **kwargs)
        except FactcheckError as err:
            _fail(err)
        except KeyboardInterrupt:
            click.echo("factcheck: interrupted; no report written", err=True)
            sys.exit(EXIT_INTERRUPTED)
        except Terminated:
            click.echo("factcheck: terminated; no report written", err=True)
            sys.exit(EXIT_TERMINATED)
        except BrokenPipeError:  # the reader of our output went away (| head)
            try:
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            except OSError:
                pass
            sys.exit(EXIT_FINDINGS)
        finally:
            if previous is not None:
                signal.signal(signal.SIGTERM, previous)

    return run


def _codes(values: tuple[str, ...]) -> tuple[str, ...] | None:
    """--select FC1,FC2 --select FC3 -> ("FC1", "FC2", "FC3"); None when not given."""
    out = tuple(c.strip() for v in values for c in v.split(",") if c.strip())
    return out or None


#: The options that say where settings come from, by name, shared by the commands that check.
SETTING_OPTIONS = {
    "as_of": click.option("--as-of", "as_of", metavar="DATE",
                          help="The date the text speaks as of: YYYY-MM-DD or today (default: the file's own date: "
                               "front matter, page metadata, file name, else a wire dateline; then the "
                               "configuration's as-of)."),
    "rules": click.option("--rules", "rules_dirs", multiple=True, type=click.Path(path_type=Path),
                          help="Extra rule folder, read after the shipped rules (repeatable)."),
    "data": click.option("--data", "data_dirs", multiple=True, type=click.Path(path_type=Path),
                         help="Extra reference data folder, read after the shipped data (repeatable)."),
    "select": click.option("--select", "select", multiple=True, metavar="CODES",
                           help="Report only these codes, code prefixes or rule ids (FC1,FC260; repeatable); an "
                                "unknown one is an error that suggests the nearest."),
    "ignore": click.option("--ignore", "ignore", multiple=True, metavar="CODES",
                           help="Leave out these codes, prefixes or rule ids (unknown ones are an error)."),
    "config": click.option("--config", "config_path", type=click.Path(path_type=Path), metavar="FILE",
                           help="Configuration file (default: the nearest factcheck.toml or pyproject.toml "
                                "[tool.factcheck])."),
    "isolated": click.option("--isolated", is_flag=True, help="Read no configuration file."),
    "encoding": click.option("--encoding", metavar="NAME",
                             help="Encoding of files that are not UTF-8 and declare none (e.g. cp1254)."),
    "stdin_filename": click.option("--stdin-filename", metavar="NAME",
                                   help="The path to report for - (its suffix gives the format)."),
}


def setting_options(*names: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """A decorator adding the ``SETTING_OPTIONS`` named, in that order (all of them by default)."""

    def add(fn: Callable[..., Any]) -> Callable[..., Any]:
        for name in reversed(names or tuple(SETTING_OPTIONS)):
            fn = SETTING_OPTIONS[name](fn)
        return fn

    return add


#: Options shared by `check` and `baseline write`.
check_options = setting_options()


class _Group(click.Group):
    """Usage errors as one line naming the problem (exit 2), like every other user error."""

    def main(self, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        kwargs["standalone_mode"] = False
        try:
            rv = super().main(*args, **kwargs)
        except click.UsageError as err:
            where = err.ctx.command_path if err.ctx else "factcheck"
            click.echo(f"factcheck: error: {err.format_message()} (see `{where} --help`)", err=True)
            sys.exit(EXIT_ERROR)
        except click.Abort:
            click.echo("factcheck: interrupted", err=True)
            sys.exit(130)
        except click.exceptions.Exit as ex:
            sys.exit(ex.exit_code)
        sys.exit(rv if isinstance(rv, int) else 0)


_EPILOG = """\b
Shell completion (bash, zsh, fish):
  eval "$(factcheck completion bash)"     # in ~/.bashrc
  eval "$(factcheck completion zsh)"      # in ~/.zshrc
  factcheck completion fish > ~/.config/fish/completions/factcheck.fish
"""


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]}, epilog=_EPILOG)
@click.version_option(None, "-V", "--version", package_name="factcheck")
def main() -> None:
    """Find every numeric claim in news copy and check it against reference data."""


def _settings(config_path: Path | None, isolated: bool, **flags: Any) -> Any:
    from .config import load_config

    return load_config(config_path, isolated=isolated).merged(**flags)


def _read_all(paths: tuple[str, ...], cfg: Any, as_of: str | None, stdin_filename: str | None) -> list[Any]:
    from .workflow import read_documents

    return read_documents(list(paths), cfg, _as_of(as_of), stdin_filename)


def _run(docs: list[Any], cfg: Any, baseline: Path | None, changes: Any = None, quiet: bool = False,
         vintage: str | None = None) -> Any:
    """Check every document (with a progress bar at a terminal, unless quiet) -> Report."""
    from .workflow import check_documents

    progress = None if quiet else _progress(len(docs))
    if progress is None:
        return check_documents(docs, cfg, baseline, changes=changes, vintage=vintage)
    task = progress.add_task("checking", total=len(docs))

    def step(doc: Any, done: bool) -> None:
        if done:
            progress.advance(task)
        else:
            progress.update(task, description=_short(doc.path))

    try:
        return check_documents(docs, cfg, baseline, on_document=step, changes=changes, vintage=vintage)
    finally:
        progress.stop()


def _stream(docs: Any, cfg: Any, outputs: list[tuple[str, Any, Path | None]], baseline: Path | None, changes: Any,
            quiet: bool, ready: Any) -> Any:
    """Check every document and write each report as it comes (``--output`` and ``--report``
    files whole or not at all; standard output at once), with a progress bar of the documents
    done at a terminal, unless quiet -> the run's Tally."""
    import contextlib

    from .atomic import open_atomic
    from .workflow import Output, check_stream

    progress = None if quiet else _progress(len(docs), redirect_stdout=any(t is None for _, _, t in outputs))
    on_done = None
    if progress is not None:
        task = progress.add_task("checking", total=len(docs))

        def on_done(r: Any) -> None:
            progress.update(task, advance=1, description=_short(r.path))

    from .visible import commands_stopped

    try:
        with contextlib.ExitStack() as files:
            if any(t is None and fmt != "github" for fmt, _, t in outputs):
                files.enter_context(commands_stopped())  # text on stdout that a GitHub runner must not obey
            opened = [Output(fmt, opts, _Stdout() if target is None else files.enter_context(open_atomic(target)))
                      for fmt, opts, target in outputs]
            return check_stream(docs, cfg, opened, baseline, changes=changes, on_done=on_done, prepared=ready)
    finally:
        if progress is not None:
            progress.stop()


class _Stdout:
    """Standard output as it is when written to (a progress bar at the same terminal puts its
    own in place, to print above the bar)."""

    def write(self, text: str) -> int:
        return sys.stdout.write(text)

    def flush(self) -> None:
        sys.stdout.flush()


def _progress(total: int, redirect_stdout: bool = False) -> Any:
    """A progress bar on standard error, shown only when checking several files at a terminal.
    ``redirect_stdout``: the report is written to standard output meanwhile; when that is the
    same terminal, it is printed above the bar, as it is (no wrapping)."""
    if total < 2 or not sys.stderr.isatty() or os.environ.get("CI"):
        return None
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    p = Progress(TextColumn("{task.description:<40}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                 console=Console(stderr=True, color_system=None if os.environ.get("NO_COLOR") else "auto",
                                 soft_wrap=True),
                 transient=True,  # NO_COLOR: no styles at all, here too
                 redirect_stdout=redirect_stdout and sys.stdout.isatty(), redirect_stderr=False)
    p.start()
    return p


def _short(path: str, width: int = 40) -> str:
    return path if len(path) <= width else "…" + path[-(width - 1):]


def _emit(text: str, output: Path | None) -> None:
    """The whole report at once: atomically to ``output``, else to standard output."""
    if output is not None and str(output) != "-":
        from .atomic import write_atomic

        write_atomic(output, text)
        return
    sys.stdout.write(text)
    sys.stdout.flush()


def lint_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """The habits CI users bring from ruff and Vale (`check` only)."""
    opts = [
        click.option("--sort", type=click.Choice(("position", "severity")), default="position", show_default=True,
                     help="Order of findings in the terminal and concise reports: file order, or most severe first."),
        click.option("-q", "--quiet", is_flag=True,
                     help="Only what needs a look: no supported claims, tables, summary line or progress bar."),
        click.option("--statistics", is_flag=True,
                     help="Instead of the report, how many findings of each code and verdict (JSON with -f json)."),
        click.option("--exit-zero", is_flag=True,
                     help="Exit 0 even when findings are at or above --fail-on (errors still exit 2)."),
        click.option("--show-settings", is_flag=True,
                     help="Print the configuration in force and where each value came from, then exit."),
    ]
    for opt in reversed(opts):
        fn = opt(fn)
    return fn


@main.command()
@click.argument("paths", nargs=-1, required=False)
@click.option("--format", "-f", "fmt", type=click.Choice(FORMATS), default=None,
              help="Report format: " + ", ".join(FORMATS) + " (default: terminal; see README, 'Reports').")
@click.option("--output", "-o", type=click.Path(path_type=Path), metavar="FILE",
              help="Write the report to FILE instead of standard output: a file is replaced whole or not at all; "
                   "/dev/null, a FIFO or a terminal is written to directly, never replaced.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default=None,
              help="Exit 1 when a finding is at or above this verdict (default: contradicted).")
@click.option("--baseline", type=click.Path(path_type=Path), metavar="FILE",
              help="Accept the findings recorded in FILE (see `factcheck baseline write`).")
@click.option("--hide-unverifiable", is_flag=True, help="Terminal report: leave out unverifiable figures.")
@click.option("--diff", "--changed-since", "diff_ref", metavar="REF",
              help="Only findings on lines changed since the git ref REF (git diff REF; new files count whole); "
                   "the others are accepted, 'unchanged since REF'.")
@click.option("--report", "reports", multiple=True, metavar="FORMAT:FILE", callback=parse_reports,
              help="Also write the report in FORMAT to FILE, from the same run (repeatable): "
                   "--report sarif:factcheck.sarif --report markdown:summary.md.")
@click.option("--vintage", metavar="DATE",
              help="Judge against each series' newest release (vintage) on or before DATE (YYYY-MM-DD, YYYY-MM or "
                   "YYYY), as the data stood then (default: the newest each dataset holds).")
@click.option("--jobs", "-j", "jobs", default="1", show_default=True, metavar="N",
              help="Check with N worker processes (auto: one per core); the report is the same, in input order.")
@click.option("--dask", "dask", metavar="ADDRESS",
              help="Check on a Dask cluster: a scheduler's address (tcp://host:8786), or local[:N] for N local "
                   "workers (needs factcheck[dask]; README, 'Past one machine').")
@check_options
@lint_options
@guarded
def check(paths: tuple[str, ...], fmt: str | None, output: Path | None, fail_on: str | None, baseline: Path | None,
          hide_unverifiable: bool, diff_ref: str | None, reports: tuple[tuple[str, Path], ...], vintage: str | None,
          jobs: str, dask: str | None, as_of: str | None, rules_dirs: tuple[Path, ...], data_dirs: tuple[Path, ...],
          select: tuple[str, ...], ignore: tuple[str, ...], config_path: Path | None, isolated: bool,
          encoding: str | None, stdin_filename: str | None, **lint: Any) -> None:
    """Check the numeric claims in PATHS (files, folders, glob patterns, or - for standard input).

    Reports (-f): terminal (a supported claim on one line; any other finding with its sentence on
    one line, the message, the reference and its URL whole; no styles when piped or NO_COLOR is
    set), json, sarif, github, junit, markdown (a task list to tick in a pull request), html (an
    index of the problems, then the article with each claim's evidence and the data's vintage),
    concise (path:line:col: CODE VERDICT message), gitlab (Code Quality), rdjson (reviewdog),
    claimreview (schema.org ClaimReview JSON-LD; needs the configuration's [claimreview] table).
    A contradicted figure comes with a suggested correction in every format: the sourced figure
    rounded as the text rounds, 'about 3.6 million (UNHCR, 2020-01-20)' (a SARIF fix, a reviewdog
    suggestion).
    """
    cfg = _settings(config_path, isolated, format=fmt, fail_on=fail_on, rules=rules_dirs, data=data_dirs,
                    select=_codes(select), ignore=_codes(ignore), encoding=encoding, baseline=baseline)
    if vintage is not None:
        from .reference import check_vintage

        vintage = check_vintage(vintage)  # a bad date: exit 2 before any file is read
    if lint["show_settings"]:
        from .settings import render as render_settings

        click.echo(render_settings(cfg), nl=False)
        sys.exit(EXIT_OK)
    if not paths:
        raise click.UsageError("Missing argument 'PATHS...'.", ctx=click.get_current_context())
    from .parallel import jobs_option

    n_jobs = jobs_option(jobs)
    if dask is not None and n_jobs != 1:
        raise click.UsageError("--jobs and --dask: give one (--dask local:N runs N local workers)",
                               ctx=click.get_current_context())
    if dask is not None:
        try:
            import distributed  # noqa: F401
        except ImportError:
            raise InputError("--dask needs the distributed package: pip install 'factcheck[dask]'") from None
    from .report.stream import Options
    from .workflow import plan_documents, prepare

    width, color = 100, False
    if cfg.format == "terminal" and output is None:
        from .report.terminal import make_console

        console = make_console()
        width, color = console.width, console.color_system is not None
    target = output if output is not None and str(output) != "-" else None
    if lint["statistics"]:
        outputs = [("statistics-json" if cfg.format == "json" else "statistics", Options(), target)]
    else:
        outputs = [(cfg.format, Options(width, color, not hide_unverifiable, lint["sort"], lint["quiet"]), target)]
    outputs += [(fmt, Options(), path) for fmt, path in reports]
    # rules and data loaded, and --jobs workers started (they warm up while the files are read)
    with prepare(cfg, [(fmt, opts) for fmt, opts, _ in outputs], cfg.baseline, vintage=vintage, jobs=n_jobs,
                 dask=dask) as ready:
        docs = plan_documents(list(paths), cfg, _as_of(as_of), stdin_filename)  # every file read: errors before output
        changes = None
        if diff_ref is not None:
            from .gitdiff import changed_lines

            changes = changed_lines(docs.paths, diff_ref, stdin="-" in paths)
        tally = _stream(docs, cfg, outputs, cfg.baseline, changes, lint["quiet"], ready)
    sys.exit(EXIT_FINDINGS if tally.failing() and not lint["exit_zero"] else EXIT_OK)


@main.group()
def baseline() -> None:
    """Accept today's findings so CI fails only on new ones."""


@baseline.command("write")
@click.argument("paths", nargs=-1, required=True)
@click.option("--baseline", "baseline_path", type=click.Path(path_type=Path), metavar="FILE",
              help=f"The baseline file to write (default: the configuration's, else {DEFAULT_BASELINE}).")
@check_options
@guarded
def baseline_write(paths: tuple[str, ...], baseline_path: Path | None, as_of: str | None,
                   rules_dirs: tuple[Path, ...], data_dirs: tuple[Path, ...], select: tuple[str, ...],
                   ignore: tuple[str, ...], config_path: Path | None, isolated: bool, encoding: str | None,
                   stdin_filename: str | None) -> None:
    """Record every finding in PATHS that is not supported, in a baseline file."""
    from .atomic import write_atomic
    from .baseline import render as render_baseline

    cfg = _settings(config_path, isolated, rules=rules_dirs, data=data_dirs, select=_codes(select),
                    ignore=_codes(ignore), encoding=encoding)
    target = baseline_path or cfg.baseline or Path(DEFAULT_BASELINE)
    docs = _read_all(paths, cfg, as_of, stdin_filename)
    report = _run(docs, cfg, None)
    text = render_baseline(report, target.parent)
    write_atomic(target, text)
    n = text.count('"fingerprint"')
    click.echo(f"factcheck: wrote {n} finding{'s' * (n != 1)} to {target}", err=True)


@main.command()
@click.argument("code")
@click.option("--rules", "rules_dirs", multiple=True, type=click.Path(path_type=Path))
@click.option("--data", "data_dirs", multiple=True, type=click.Path(path_type=Path))
@guarded
def explain(code: str, rules_dirs: tuple[Path, ...], data_dirs: tuple[Path, ...]) -> None:
    """What a rule checks, why, its examples and its source (CODE: FC110 or a rule id)."""
    from .suppressions import WORKFLOW_EXAMPLES, WORKFLOW_RULES

    key = code.strip()
    if key.upper() in WORKFLOW_RULES:
        from .explain import explain_workflow

        click.echo(explain_workflow(WORKFLOW_RULES[key.upper()], WORKFLOW_EXAMPLES[key.upper()]), nl=False)
        return
    from .explain import explain as explain_rule
    from .ruleset.loader import DEFAULT_RULES_DIR, load_rules

    rs = load_rules([DEFAULT_RULES_DIR, *rules_dirs])
    chosen = rs.by_code(key) if key.upper().startswith("FC") else [r for r in rs.rules if r.id == key]
    if not chosen:
        raise InputError(f"no rule {key!r}; `factcheck rules list` shows them")
    catalog = None
    if any(r.get("reference") for r in chosen):
        from .reference import Catalog

        catalog = Catalog(extra_roots=list(data_dirs)) if data_dirs else Catalog.default()
    click.echo("\n".join(explain_rule(r, catalog) for r in chosen), nl=False)


@main.command()
@click.argument("name", type=click.Choice(["report", "extract"]), default="report")
def schema(name: str) -> None:
    """Print the JSON Schema of `check --format json` (report) or `extract --format json`."""
    from .schema import path

    click.echo(path(name).read_text(encoding="utf-8"), nl=False)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "-f", "fmt", type=click.Choice(["json", "terminal"]), default="json", show_default=True,
              help="json (the contract of `factcheck schema extract`) or terminal (one line a quantity).")
@click.option("--all", "include_all", is_flag=True, help="Also numbers that are not statistics (dates, years, codes).")
@click.option("--output", "-o", type=click.Path(path_type=Path), metavar="FILE",
              help="Write to FILE (a file whole or not at all; /dev/null, a FIFO or a terminal directly).")
@click.option("--encoding", metavar="NAME", help="Encoding of files that are not UTF-8 and declare none.")
@click.option("--stdin-filename", metavar="NAME", help="The path to report for - (its suffix gives the format).")
@guarded
def extract(paths: tuple[str, ...], fmt: str, include_all: bool, output: Path | None, encoding: str | None,
            stdin_filename: str | None) -> None:
    """List the quantities found in PATHS (or - for standard input)."""
    from .documents import expand_paths, read_document
    from .extract import extract as run_extract
    from .model import DocumentReport

    docs = [read_document(p, encoding=encoding, name=stdin_filename) for p in expand_paths(list(paths))]
    reports = [DocumentReport(d, (), tuple(run_extract(d.text, include_all=include_all))) for d in docs]
    if fmt == "json":
        from .report.json_report import render_extract

        _emit(render_extract(reports), output)
        return
    lines = []
    for r in reports:
        for q in r.quantities:
            line, col = r.document.position(q.span.start)
            lines.append(f"{r.document.path}:{line}:{col}: {q.text!r} = {q.value:g} {q.unit or ''} "
                         f"[{q.kind}, {q.qualifier.value}]")
    _emit("".join(x + "\n" for x in lines), output)


@main.group()
def rules() -> None:
    """List and test the rules."""


@rules.command("list")
@click.option("--rules", "rules_dirs", multiple=True, type=click.Path(path_type=Path))
@guarded
def rules_list(rules_dirs: tuple[Path, ...]) -> None:
    """Every rule with its code, kind and description."""
    from .ruleset.loader import DEFAULT_RULES_DIR, load_rules
    from .suppressions import WORKFLOW_RULES
    from .visible import commands_stopped, visible

    rs = load_rules([DEFAULT_RULES_DIR, *rules_dirs])
    with commands_stopped():  # a rule file's words are shown, never obeyed (visible.py)
        for r in sorted(rs.rules, key=lambda r: (r.code, r.id)):
            click.echo(visible(f"{r.code}  {r.kind:<11} {r.id:<34} {r.description}"))
        for info in WORKFLOW_RULES.values():
            click.echo(f"{info.code}  {info.kind:<11} {info.id:<34} {info.description}")
    click.echo(f"{len(rs.rules) + len(WORKFLOW_RULES)} rules", err=True)


@rules.command("test")
@click.argument("rule_ids", nargs=-1)
@click.option("--rules", "rules_dirs", multiple=True, type=click.Path(path_type=Path))
@click.option("--data", "data_dirs", multiple=True, type=click.Path(path_type=Path))
@guarded
def rules_test(rule_ids: tuple[str, ...], rules_dirs: tuple[Path, ...], data_dirs: tuple[Path, ...]) -> None:
    """Run every rule's examples (or those of RULE_IDS)."""
    from .pipeline import Checker
    from .ruleset.examples import examples_of, run_example

    checker = Checker(rules_dirs or None, data_dirs or None)
    chosen = [r for r in checker.ruleset.rules if not rule_ids or r.id in rule_ids or r.code in rule_ids]
    if rule_ids and not chosen:
        raise InputError(f"no rule matches {', '.join(rule_ids)}")
    from .dataimport.rulegen import unfilled

    passed = failed = 0
    for rule in chosen:
        stub = unfilled(rule)
        if stub:  # a scaffold of `rules new`: its examples are still to write
            failed += 1
            click.echo(f"FAIL {rule.id} ({rule.path}): {stub}")
            continue
        for ex in examples_of(rule):
            out = run_example(ex, checker)
            if out.ok:
                passed += 1
            else:
                failed += 1
                click.echo(f"FAIL {ex.name} ({rule.path}): {ex.text!r}\n     {out.detail}")
    click.echo(f"{passed} passed, {failed} failed")
    sys.exit(EXIT_FINDINGS if failed else EXIT_OK)


@rules.command("new")
@click.option("--dataset", required=True, metavar="NAME", help="The dataset (`factcheck data list`; yours with --data).")
@click.option("--series", required=True, metavar="NAME", help="Its series: the indicator's name or the source's code.")
@click.option("--output", "-o", type=click.Path(path_type=Path), metavar="FILE",
              help="Write the rule to FILE (rules/metrics/NAME.yaml: the id mirrors the path); never over an "
                   "existing file. Default: standard output.")
@click.option("--rules", "rules_dirs", multiple=True, type=click.Path(path_type=Path),
              help="Rule folders whose codes the new rule must not take (repeatable).")
@click.option("--data", "data_dirs", multiple=True, type=click.Path(path_type=Path),
              help="Extra reference data folder (repeatable).")
@guarded
def rules_new(dataset: str, series: str, output: Path | None, rules_dirs: tuple[Path, ...],
              data_dirs: tuple[Path, ...]) -> None:
    """Scaffold a metric rule for a series of a dataset; its examples are left to fill in
    (`factcheck rules test` fails until they are)."""
    from .dataimport.rulegen import codes_in, new_rule
    from .reference import Catalog
    from .ruleset.loader import DEFAULT_RULES_DIR, load_rules

    if output is not None and str(output) != "-" and (output.exists() or output.is_symlink()):
        raise InputError("the file exists; factcheck never writes a new rule over it", path=str(output))
    target = None if output is None or str(output) == "-" else output
    # the codes of the rule folder the new file goes to are taken too (read as text)
    taken = codes_in(target.parent) if target is not None and target.parent.is_dir() else set()
    catalog = Catalog(extra_roots=list(data_dirs)) if data_dirs else Catalog.default()
    text, rule_id = new_rule(dataset, series, catalog, load_rules([DEFAULT_RULES_DIR, *rules_dirs]), target, taken)
    if target is None:
        click.echo(text, nl=False)
        return
    if not target.parent.is_dir():
        target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(target, "x", encoding="utf-8") as fh:  # never over a file written meanwhile
            fh.write(text)
    except FileExistsError:
        raise InputError("the file exists; factcheck never writes a new rule over it", path=str(target)) from None
    except OSError as ex:
        raise InputError(f"cannot write the rule: {ex.strerror or ex}", path=str(target)) from None
    click.echo(f"factcheck: wrote {rule_id} to {target}; fill in its examples, then: factcheck rules test {rule_id} "
               f"--rules {target.parent.parent}" + "".join(f" --data {d}" for d in data_dirs), err=True)


@main.group()
def data() -> None:
    """List, show, validate and import reference datasets."""


@data.command("list")
@click.option("--data", "data_dirs", multiple=True, type=click.Path(path_type=Path))
@guarded
def data_list(data_dirs: tuple[Path, ...]) -> None:
    """Every dataset with its source, license and coverage."""
    from rich.table import Table
    from rich.text import Text

    from .reference import Catalog
    from .report.terminal import make_console
    from .visible import commands_stopped, visible

    cat = Catalog(extra_roots=list(data_dirs)) if data_dirs else Catalog.default()
    table = Table("dataset", "title", "source", "license", "coverage", box=None, show_lines=False)
    for name, info in sorted(cat.datasets.items()):
        sources = "; ".join(str(s.get("title", "")) for s in info.sources[:2]) + (" …" if len(info.sources) > 2 else "")
        lic = ", ".join(str(x.get("name", "")) for x in info.licenses)
        # a dataset's words as text: shown, never read as markup or obeyed as control characters
        table.add_row(*(Text(visible(str(cell))) for cell in (name, info.title, sources, lic, info.coverage())))
    with commands_stopped():
        make_console().print(table)


@data.command("show")
@click.argument("dataset")
@click.option("--data", "data_dirs", multiple=True, type=click.Path(path_type=Path))
@guarded
def data_show(dataset: str, data_dirs: tuple[Path, ...]) -> None:
    """One dataset: title, sources, licenses, indicators and coverage."""
    from .reference import Catalog
    from .visible import commands_stopped, visible_lines

    cat = Catalog(extra_roots=list(data_dirs)) if data_dirs else Catalog.default()
    info = cat.datasets.get(dataset)
    if info is None:
        raise InputError(f"no dataset {dataset!r}; `factcheck data list` shows them")
    with commands_stopped():
        click.echo(visible_lines(info.describe() if hasattr(info, "describe") else str(info)))


@data.command("validate")
@click.argument("paths", nargs=-1)
@guarded
def data_validate(paths: tuple[str, ...]) -> None:
    """Validate dataset packages (default: all shipped ones); every failure is listed."""
    from .reference.validate import validate_paths

    problems = validate_paths([Path(p) for p in paths] or None)
    for p in problems:
        click.echo(f"factcheck: error: {p}", err=True)
    if problems:
        sys.exit(EXIT_ERROR)
    click.echo("all datasets valid")


@data.command("diff")
@click.argument("old", required=False, type=click.Path(path_type=Path))
@click.argument("new", required=False, type=click.Path(path_type=Path))
@click.option("--dataset", metavar="NAME", help="Compare two vintages of this dataset (with --from, --to).")
@click.option("--from", "from_vintage", metavar="DATE", help="The old vintage: each series' newest on or before DATE.")
@click.option("--to", "to_vintage", metavar="DATE", help="The new vintage (default: the newest held).")
@click.option("--data", "data_dirs", multiple=True, type=click.Path(path_type=Path),
              help="Extra reference data folder, for --dataset (repeatable).")
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@guarded
def data_diff(old: Path | None, new: Path | None, dataset: str | None, from_vintage: str | None,
              to_vintage: str | None, data_dirs: tuple[Path, ...], fmt: str) -> None:
    """The observations added, removed and changed (old -> new value) between two package folders
    (OLD NEW), or between two vintages of one dataset (--dataset wdi --from 2025-07-01 --to 2026-07-01);
    a summary line last."""
    from .reference import diff

    if dataset is not None:
        if old is not None or from_vintage is None:
            raise click.UsageError("--dataset takes --from (and --to), not folders")
        from .reference import Catalog, check_vintage

        check_vintage(from_vintage), check_vintage(to_vintage)  # a bad date: exit 2 before any data is read
        cat = Catalog(extra_roots=list(data_dirs)) if data_dirs else Catalog.default()
        result = diff.diff_vintages(cat, dataset, from_vintage, to_vintage)
    else:
        if old is None or new is None or from_vintage or to_vintage:
            raise click.UsageError("give two package folders (OLD NEW), or --dataset NAME --from DATE [--to DATE]")
        result = diff.diff_folders(old, new)
    from .visible import commands_stopped, visible_lines

    with commands_stopped():  # series names and keys are a dataset's words: shown, never obeyed
        click.echo(result.render(fmt) if fmt == "json" else visible_lines(result.render(fmt)), nl=False)


def _pairs(values: tuple[str, ...], option: str) -> dict[str, str]:
    """KEY=VALUE options (--unit NY.GDP.MKTP.CD=USD) -> {KEY: VALUE}; a malformed one is a usage error."""
    out: dict[str, str] = {}
    for v in values:
        key, sep, val = v.partition("=")
        if not sep or not key.strip() or not val.strip():
            raise InputError(f"{option} {v!r}: write it as KEY=VALUE")
        out[key.strip()] = val.strip()
    return out


@data.command("import")
@click.argument("fmt", metavar="FORMAT", type=click.Choice(["worldbank-csv", "worldbank-json", "owid", "sdmx-csv", "csv"]))
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--output", "-o", "out_dir", required=True, type=click.Path(path_type=Path), metavar="OUT_DIR",
              help="The package folder to write (data/NAME); then: factcheck check --data data ...")
@click.option("--name", help="Dataset name (default: the output folder's name).")
@click.option("--title", help="Dataset title (default: from the source).")
@click.option("--source-url", metavar="URL", help="Where the data was downloaded from.")
@click.option("--retrieved", metavar="DATE", help="When it was downloaded (YYYY-MM-DD; default today).")
@click.option("--license", "license_", metavar="ID", help="Its license (CC-BY-4.0, a URL...; World Bank and OWID: CC-BY-4.0).")
@click.option("--vintage", metavar="DATE", help="The release the values come from (default: the source's last update).")
@click.option("--unit", "units", multiple=True, metavar="INDICATOR=UNIT",
              help="The unit of an indicator's values, a pint term: percent, person, USD, EUR (repeatable).")
@click.option("--indicator-map", "indicator_map", multiple=True, metavar="RAW=NAME",
              help="The name rules use for a source's series code (default: the code in lower case, e.g. ny_gdp_mktp_cd).")
@click.option("--filter", "filters", multiple=True, metavar="DIM=VALUE[,VALUE]",
              help="sdmx-csv, csv: keep only rows with these values (fixing a dimension: --filter unit=PC_GDP).")
@click.option("--entity", metavar="COL", help="csv: the column of countries (ISO3 codes or names).")
@click.option("--period", metavar="COL", help="csv: the column of periods (2019, 2023-Q1, 2023-05, 2023-05-04).")
@click.option("--value", metavar="COL", help="csv: the column of values.")
@click.option("--indicator", metavar="COL", help="csv: the column of series codes.")
@click.option("--indicator-name", metavar="NAME", help="csv: the code of the one series in the file.")
@click.option("--wide", is_flag=True, help="csv: periods are columns (2019, 2020, ...).")
@click.option("--countries-only", is_flag=True, help="Leave out groups of countries (World Bank aggregates).")
@click.option("--force", is_flag=True, help="Replace a data package already at OUT_DIR.")
@guarded
def data_import(fmt: str, sources: tuple[Path, ...], out_dir: Path, name: str | None, title: str | None,
                source_url: str | None, retrieved: str | None, license_: str | None, vintage: str | None,
                units: tuple[str, ...], indicator_map: tuple[str, ...], filters: tuple[str, ...], entity: str | None,
                period: str | None, value: str | None, indicator: str | None, indicator_name: str | None, wide: bool,
                countries_only: bool, force: bool) -> None:
    """Import a download (FORMAT: worldbank-csv, worldbank-json, owid, sdmx-csv, csv) as a data package.

    \b
    factcheck data import worldbank-csv API_NY.GDP.MKTP.CD_DS2_en_csv_v2_*.csv Metadata_*.csv -o data/gdp
    factcheck data import sdmx-csv estat_une_rt_a.csv --filter unit=PC_ACT -o data/unemployment
    factcheck data import csv rates.csv --entity country --period date --value rate --unit rate=percent -o data/rates

    The package is written whole or not at all, validates (factcheck data validate), and is read
    at once by factcheck check --data (the folder above OUT_DIR). Bad input: one line naming the
    file, row and column, exit 2, nothing written.
    """
    from .dataimport import ImportOptions, import_data

    opts = ImportOptions(name=name, title=title, source_url=source_url, retrieved=retrieved, license=license_,
                         vintage=vintage, units=_pairs(units, "--unit"),
                         indicator_map=_pairs(indicator_map, "--indicator-map"),
                         filters={k: tuple(x.strip() for x in v.split(",") if x.strip())
                                  for k, v in _pairs(filters, "--filter").items()},
                         entity=entity, period=period, value=value, indicator=indicator,
                         indicator_name=indicator_name, wide=wide, countries_only=countries_only, force=force)
    result = import_data(fmt, list(sources), out_dir, opts)
    for note in result.notices:
        click.echo(f"factcheck: note: {note}", err=True)
    shown = ", ".join(f"{raw} as {n}" if raw != n else n for raw, n in list(result.indicators.items())[:6])
    more = " ..." if len(result.indicators) > 6 else ""
    click.echo(f"factcheck: wrote {result.name} to {result.path}: {result.rows:,} values of {result.entities} "
               f"entities; indicators {shown}{more}", err=True)


@main.command()
@click.option("--stdio", is_flag=True, help="Talk LSP over standard input and output (the default; editors may pass it).")
@guarded
def lsp(stdio: bool) -> None:
    """Run the language server for editors: diagnostics as you type, the evidence on hover, code
    actions (write the sourced figure; accept a finding with a suppression). Needs
    factcheck[lsp]; README, 'In your editor'."""
    from .lsp import serve

    serve()


@main.command()
@click.argument("shell", type=click.Choice(["bash", "zsh", "fish"]))
def completion(shell: str) -> None:
    """Print the shell completion script for SHELL (commands, options, formats, verdicts).

    \b
    bash: eval "$(factcheck completion bash)"   (in ~/.bashrc)
    zsh:  eval "$(factcheck completion zsh)"    (in ~/.zshrc)
    fish: factcheck completion fish > ~/.config/fish/completions/factcheck.fish
    """
    from click.shell_completion import get_completion_class

    cls = get_completion_class(shell)
    assert cls is not None
    click.echo(cls(main, {}, "factcheck", "_FACTCHECK_COMPLETE").source())


from .archive.cli import install as _install_archive_commands  # noqa: E402

_install_archive_commands(main)  # `factcheck archive add|recheck|info`

from .serve.cli import install as _install_serve_command  # noqa: E402

_install_serve_command(main)  # `factcheck serve`: a page for the desk

from .cache_cli import install as _install_cache_commands  # noqa: E402

_install_cache_commands(main)  # `factcheck cache dir|clean`, and --no-cache on every command

if __name__ == "__main__":  # pragma: no cover
    main()

"""Command line: the only module that prints. Maps errors to exit codes.

Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 usage, rule, dataset
or input error (one line per problem, naming the file and place; never a traceback).
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any, Callable

import click

from .errors import FactcheckError, InputError

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2
FAIL_ON = ("supported", "unverifiable", "approximate", "contradicted", "inconsistent", "never")
FORMATS = ("terminal", "json")


def _as_of(value: str | None) -> dt.date | None:
    if value is None:
        return None
    from .documents import parse_date

    return parse_date(value, what="--as-of")


def _fail(err: FactcheckError) -> None:
    for line in err.lines():
        click.echo(f"factcheck: error: {line}", err=True)
    sys.exit(EXIT_ERROR)


def guarded(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Turn user errors into one line each and exit code 2."""
    import functools

    @functools.wraps(fn)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except FactcheckError as err:
            _fail(err)
        except KeyboardInterrupt:
            click.echo("factcheck: interrupted", err=True)
            sys.exit(130)

    return run


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="factcheck")
def main() -> None:
    """Find every numeric claim in news copy and check it against reference data."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--as-of", "as_of", metavar="YYYY-MM-DD", help="The date the text speaks as of (default: the file's date).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="terminal", show_default=True)
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="contradicted", show_default=True,
              help="Exit 1 when a finding is at or above this verdict.")
@click.option("--rules", "rules_dirs", multiple=True, type=click.Path(path_type=Path), help="Extra rule folder, read after the shipped rules (repeatable).")
@click.option("--data", "data_dirs", multiple=True, type=click.Path(path_type=Path), help="Extra reference data folder, read after the shipped data (repeatable).")
@click.option("--hide-unverifiable", is_flag=True, help="Terminal report: leave out unverifiable figures.")
@guarded
def check(paths: tuple[str, ...], as_of: str | None, fmt: str, fail_on: str, rules_dirs: tuple[Path, ...],
          data_dirs: tuple[Path, ...], hide_unverifiable: bool) -> None:
    """Check the numeric claims in PATHS (files, folders, or - for standard input)."""
    from .documents import expand_paths, read_document
    from .model import Report, Verdict
    from .pipeline import Checker

    date = _as_of(as_of)
    files = expand_paths(list(paths))
    docs = [read_document(p, date) for p in files]  # read all first: a bad file fails before any output
    checker = Checker(rules_dirs or None, data_dirs or None)
    report = Report(tuple(checker.check_document(d) for d in docs))
    if fmt == "json":
        from .report import json_report

        sys.stdout.write(json_report.render(report))
    else:
        from .report import terminal

        terminal.render(report, terminal.make_console(), show_unverifiable=not hide_unverifiable)
    if fail_on != "never":
        threshold = Verdict(fail_on).severity
        if any(f.verdict.severity >= threshold for d in report.documents for f in d.findings):
            sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_OK)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "terminal"]), default="json", show_default=True)
@click.option("--all", "include_all", is_flag=True, help="Also numbers that are not statistics (dates, years, codes).")
@guarded
def extract(paths: tuple[str, ...], fmt: str, include_all: bool) -> None:
    """List the quantities found in PATHS (or - for standard input)."""
    from .documents import expand_paths, read_document
    from .extract import extract as run_extract
    from .model import DocumentReport

    docs = [read_document(p) for p in expand_paths(list(paths))]
    reports = [DocumentReport(d, (), tuple(run_extract(d.text, include_all=include_all))) for d in docs]
    if fmt == "json":
        from .report.json_report import render_extract

        sys.stdout.write(render_extract(reports))
        return
    for r in reports:
        for q in r.quantities:
            line, col = r.document.position(q.span.start)
            click.echo(f"{r.document.path}:{line}:{col}: {q.text!r} = {q.value:g} {q.unit or ''} "
                       f"[{q.kind}, {q.qualifier.value}]")


@main.group()
def rules() -> None:
    """List and test the rules."""


@rules.command("list")
@click.option("--rules", "rules_dirs", multiple=True, type=click.Path(path_type=Path))
@guarded
def rules_list(rules_dirs: tuple[Path, ...]) -> None:
    """Every rule with its code, kind and description."""
    from .ruleset.loader import load_rules

    from .ruleset.loader import DEFAULT_RULES_DIR

    rs = load_rules([DEFAULT_RULES_DIR, *rules_dirs])
    for r in sorted(rs.rules, key=lambda r: (r.code, r.id)):
        click.echo(f"{r.code}  {r.kind:<11} {r.id:<34} {r.description}")
    click.echo(f"{len(rs.rules)} rules", err=True)


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
    passed = failed = 0
    for rule in chosen:
        for ex in examples_of(rule):
            out = run_example(ex, checker)
            if out.ok:
                passed += 1
            else:
                failed += 1
                click.echo(f"FAIL {ex.name} ({rule.path}): {ex.text!r}\n     {out.detail}")
    click.echo(f"{passed} passed, {failed} failed")
    sys.exit(EXIT_FINDINGS if failed else EXIT_OK)


@main.group()
def data() -> None:
    """List, show and validate reference datasets."""


@data.command("list")
@click.option("--data", "data_dirs", multiple=True, type=click.Path(path_type=Path))
@guarded
def data_list(data_dirs: tuple[Path, ...]) -> None:
    """Every dataset with its source, license and coverage."""
    from .reference import Catalog

    from rich.table import Table

    from .report.terminal import make_console

    cat = Catalog(extra_roots=list(data_dirs)) if data_dirs else Catalog.default()
    table = Table("dataset", "title", "source", "license", "coverage", box=None, show_lines=False)
    for name, info in sorted(cat.datasets.items()):
        sources = "; ".join(str(s.get("title", "")) for s in info.sources[:2]) + (" …" if len(info.sources) > 2 else "")
        lic = ", ".join(str(x.get("name", "")) for x in info.licenses)
        table.add_row(name, info.title, sources, lic, info.coverage())
    make_console().print(table)


@data.command("show")
@click.argument("dataset")
@click.option("--data", "data_dirs", multiple=True, type=click.Path(path_type=Path))
@guarded
def data_show(dataset: str, data_dirs: tuple[Path, ...]) -> None:
    """One dataset: title, sources, licenses, indicators and coverage."""
    from .reference import Catalog

    cat = Catalog(extra_roots=list(data_dirs)) if data_dirs else Catalog.default()
    info = cat.datasets.get(dataset)
    if info is None:
        raise InputError(f"no dataset {dataset!r}; `factcheck data list` shows them")
    click.echo(info.describe() if hasattr(info, "describe") else str(info))


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


if __name__ == "__main__":  # pragma: no cover
    main()

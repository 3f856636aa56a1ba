"""Reports written document by document: the renderer interface every format implements.

A format module has two halves:

- ``part(dr, n, run, opts)``: one document's share of the report (text, or a few pieces of text
  and counts), from that ``DocumentReport`` alone. It is pure and picklable both ways, so it runs
  wherever the document was checked: in the same process, a worker process (``--jobs``) or a Dask
  worker (``--dask``). ``n`` is the document's 1-based number in the run.
- ``Writer(out, run, opts)``: ``begin()``, ``write(part)`` for each document in input order,
  ``end(tally)`` with the run's totals. A writer keeps no document: what a format must put before
  its documents but can only know after them (SARIF's rule list, JUnit's totals, the summary at the
  top of Markdown and HTML, HTML's index of problems) is written at the end from a spool (a
  temporary file once it passes a few MB), so memory stays flat however many documents a run has.

``render(report, fmt)`` (``report/__init__.py``) is the same writer fed from a whole Report: the
bytes are those of a streamed run.

``Run`` is what is known before the first document (``fail_on``, the version); ``Tally`` the run's
totals, added to one ``DocTally`` (a document's counts) at a time: what the summary lines, the
exit code and ``--fail-on`` need, and nothing of the documents themselves.
"""
from __future__ import annotations

import io
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import IO, Any

from ..model import DocumentReport, Finding, Level, Report, RuleInfo, Verdict

#: The code of the notice that stands for a document that could not be checked (a worker that
#: failed or was killed on it): ``factcheck explain FC910``.
NOT_CHECKED = "FC910"
#: Spools stay in memory up to this size, then move to a temporary file.
SPOOL_BYTES = 4 * 1024 * 1024


@dataclass(frozen=True)
class Options:
    """How a report is laid out: ``width``/``color``/``show_unverifiable`` for the terminal;
    ``sort`` ("position" or "severity") and ``quiet`` for the terminal and concise reports."""

    width: int = 100
    color: bool = False
    show_unverifiable: bool = True
    sort: str = "position"
    quiet: bool = False


@dataclass(frozen=True)
class Run:
    """What a run knows before its first document."""

    fail_on: str = "contradicted"
    tool_version: str = ""
    #: The configuration's ``[claimreview]`` table (``claimreview.Settings``), for ``-f claimreview``.
    claimreview: Any = None

    def fails(self, f: Finding) -> bool:
        """Whether a finding is at or above ``fail_on`` (as ``Report.fails``)."""
        return self.fail_on != "never" and f.verdict.severity >= Verdict(self.fail_on).severity


@dataclass(frozen=True)
class DocTally:
    """A document's share of the run's totals."""

    counts: tuple[int, ...]  # findings per verdict, in the order of ``Verdict``
    failing: bool
    codes: frozenset[str]  # of findings and accepted findings (the rules the report describes)
    accepted: int = 0
    accepted_by: frozenset[str] = frozenset()
    notices: int = 0
    not_checked: int = 0


def tally_of(dr: DocumentReport, run: Run) -> DocTally:
    counts = dict.fromkeys(Verdict, 0)
    for f in dr.findings:
        counts[f.verdict] += 1
    failing = run.fail_on != "never" and (any(run.fails(f) for f in dr.findings)
                                          or any(n.level is Level.ERROR for n in dr.notices))
    codes = frozenset(f.code for f in dr.findings) | frozenset(a.finding.code for a in dr.accepted)
    return DocTally(tuple(counts.values()), failing, codes, len(dr.accepted), frozenset(a.by for a in dr.accepted),
                    sum(1 for n in dr.notices if n.code != NOT_CHECKED),
                    sum(1 for n in dr.notices if n.code == NOT_CHECKED))


@dataclass
class Tally:
    """The run's totals, document by document: the parts of ``Report`` a summary reads
    (``summary()``, ``failing()``, ``fail_on``, ``rule(code)``, ``tool_version``)."""

    fail_on: str = "contradicted"
    tool_version: str = ""
    files: int = 0
    counts: dict[str, int] = field(default_factory=lambda: {v.value: 0 for v in Verdict})
    is_failing: bool = False
    codes: set[str] = field(default_factory=set)
    accepted: int = 0
    accepted_by: set[str] = field(default_factory=set)
    notices: int = 0
    not_checked: int = 0
    #: Metadata of the rules the findings cite (set once the run is done).
    rules: tuple[RuleInfo, ...] = ()

    @classmethod
    def of(cls, run: Run) -> Tally:
        return cls(fail_on=run.fail_on, tool_version=run.tool_version)

    @classmethod
    def from_report(cls, report: Report) -> Tally:
        run = Run(report.fail_on, report.tool_version)
        t = cls.of(run)
        for d in report.documents:
            t.add(tally_of(d, run))
        t.rules = report.rules
        return t

    def add(self, d: DocTally) -> None:
        self.files += 1
        for v, n in zip(Verdict, d.counts):
            self.counts[v.value] += n
        self.is_failing = self.is_failing or d.failing
        self.codes |= d.codes
        self.accepted += d.accepted
        self.accepted_by |= d.accepted_by
        self.notices += d.notices
        self.not_checked += d.not_checked

    def summary(self) -> dict[str, int]:
        return dict(self.counts)

    def failing(self) -> bool:
        return self.fail_on != "never" and self.is_failing

    def rule(self, code: str) -> RuleInfo | None:
        return next((r for r in self.rules if r.code == code), None)


class Spool:
    """Text written now, read back once at the end: in memory up to ``SPOOL_BYTES``, then in a
    temporary file (removed when closed)."""

    def __init__(self) -> None:
        self._file: IO[str] = tempfile.SpooledTemporaryFile(  # noqa: SIM115 -- closed by copy_to
            max_size=SPOOL_BYTES, mode="w+", encoding="utf-8", newline="")
        self.empty = True

    def write(self, text: str) -> None:
        if text:
            self._file.write(text)
            self.empty = False

    def copy_to(self, out: IO[str]) -> None:
        self._file.seek(0)
        shutil.copyfileobj(self._file, out, 1 << 20)
        self._file.close()


class Writer:
    """The writer interface (a format's writer need not subclass it)."""

    def __init__(self, out: IO[str], run: Run, opts: Options) -> None:
        self.out, self.run, self.opts = out, run, opts

    def begin(self) -> None:
        pass

    def write(self, part: Any) -> None:
        self.out.write(part)

    def end(self, tally: Tally) -> None:
        pass


class ArrayWriter(Writer):
    """A JSON array whose items (JSON texts, one per line) the parts bring, written as they come.
    ``prefix`` and ``suffix``: what the array sits in, for a format whose array is a member of an
    object; ``spaces``: the indent of its closing bracket."""

    prefix, suffix, spaces = "", "", ""

    def begin(self) -> None:
        self.out.write(self.prefix + "[")
        self.first = True

    def write(self, part: list[str]) -> None:
        for item in part:
            self.out.write(("\n" if self.first else ",\n") + item)
            self.first = False

    def end(self, tally: Tally) -> None:
        self.out.write(("]" if self.first else f"\n{self.spaces}]") + self.suffix + "\n")


def indent(text: str, spaces: int) -> str:
    """JSON text (one value, ``indent=1``) moved right by ``spaces``: a value written whole
    inside a larger document, as ``json.dumps`` of the whole would lay it out. JSON strings hold
    no raw line breaks, so every line break is a line of layout."""
    pad = " " * spaces
    return pad + text.replace("\n", "\n" + pad)


def write_all(writer: Any, parts: Iterable[Any], tally: Tally) -> None:
    writer.begin()
    for p in parts:
        writer.write(p)
    writer.end(tally)


def render_whole(module: Any, report: Report, opts: Options, writer: str = "Writer") -> str:
    """A whole Report through a format's streaming writer (``module.part``, ``module.<writer>``)
    -> its text."""
    run = Run(report.fail_on, report.tool_version)
    buf = io.StringIO()
    parts = (module.part(d, n, run, opts) for n, d in enumerate(report.documents, 1))
    write_all(getattr(module, writer)(buf, run, opts), parts, Tally.from_report(report))
    return buf.getvalue()

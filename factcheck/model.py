"""The objects that pass between pipeline stages: frozen dataclasses, each carrying its span.

Stages: Document -> Segment[] -> Quantity[] -> Claim[] -> Evidence -> Finding[] -> Report.
Nothing here imports a stage; every stage imports this module.
"""
from __future__ import annotations

import datetime as dt
import enum
import math
from dataclasses import dataclass, field
from typing import Any


class Verdict(str, enum.Enum):
    """What the check concluded about one claim (ARCHITECTURE section 5)."""

    SUPPORTED = "supported"
    APPROXIMATE = "approximate"
    CONTRADICTED = "contradicted"
    UNVERIFIABLE = "unverifiable"
    INCONSISTENT = "inconsistent"

    @property
    def severity(self) -> int:
        """Order used by ``--fail-on``: a finding fails at or above the chosen verdict."""
        return _SEVERITY[self]


_SEVERITY = {
    Verdict.SUPPORTED: 0,
    Verdict.UNVERIFIABLE: 1,
    Verdict.APPROXIMATE: 2,
    Verdict.CONTRADICTED: 3,
    Verdict.INCONSISTENT: 3,
}


class Qualifier(str, enum.Enum):
    """How the writer hedged or bounded a figure."""

    EXACT = "exact"
    ABOUT = "about"  # around, roughly, some, an estimated
    MORE_THAN = "more_than"  # over, above
    AT_LEAST = "at_least"  # no fewer than
    LESS_THAN = "less_than"  # under, below, fewer than
    AT_MOST = "at_most"  # up to, no more than
    NEARLY = "nearly"  # almost, close to, just under
    RANGE = "range"  # between A and B, A-B


class Level(str, enum.Enum):
    """Severity shown to editors and CI (SARIF-style)."""

    NOTE = "note"
    WARNING = "warning"
    ERROR = "error"


#: Kinds of quantity that are not statistics: kept out of ``extract()`` unless asked for.
NON_STATISTIC_KINDS = frozenset(
    {"year", "date", "time", "phone", "code", "version", "list_number", "page", "street_number", "vague",
     "test_statistic", "score"}
)


@dataclass(frozen=True)
class Span:
    """Character offsets ``[start, end)`` into a document's text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad span {self.start}..{self.end}")

    def contains(self, other: "Span") -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: "Span") -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True)
class Period:
    """A stretch of time a figure speaks of; a point in time has ``start == end``."""

    start: dt.date
    end: dt.date
    #: How a person would name it: "2019", "July 2024", "2020-02-17".
    label: str

    @classmethod
    def year(cls, year: int) -> "Period":
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31), str(year))

    @classmethod
    def month(cls, year: int, month: int) -> "Period":
        nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
        return cls(dt.date(year, month, 1), nxt - dt.timedelta(days=1), dt.date(year, month, 1).strftime("%B %Y"))

    @classmethod
    def day(cls, day: dt.date) -> "Period":
        return cls(day, day, day.isoformat())

    def __str__(self) -> str:
        return self.label


@dataclass(frozen=True)
class Quantity:
    """A number as written in the text, normalised.

    ``low``/``high`` are the interval the written precision implies ("3.7 million" ->
    [3.65 M, 3.75 M]); for a range they are the two endpoints as written. Qualifiers do not
    widen them: the verdict stage does that.
    """

    #: The surface text, qualifier included ("about 3.7 million").
    text: str
    span: Span
    #: Normalised value in ``unit`` (3.7 million -> 3700000.0).
    value: float
    low: float
    high: float
    #: pint-parseable unit name, ISO 4217 code for money, "percent", "percentage_point", or None.
    unit: str | None
    qualifier: Qualifier = Qualifier.EXACT
    #: count, money, percent, percentage_point, measure, age, duration, ordinal, fraction,
    #: factor, year, date, time, phone, code, version, list_number, page, street_number, vague
    kind: str = "count"
    #: The unit of the last significant digit written (u in ARCHITECTURE section 5).
    precision: float | None = None
    #: "up" or "down" when the text states a change ("rose", "fell"); else None.
    direction: str | None = None
    #: "to" (a level after a change) or "by" (the size of the change); else None.
    change: str | None = None
    #: The span of the number itself, without qualifier words.
    number_span: Span | None = None
    #: What the figure measures, or a pending binding resolved on first read (see ``concept``).
    _concept: Any = field(default=None, compare=False, repr=False)

    @property
    def concept(self) -> Any:
        """What the figure measures (``framing.Concept``: the noun phrase it counts or qualifies,
        or the subject of the verb that moves it), its span in document offsets; None when
        unbound. ``extract()`` binds the figures of a text together the first time one is read."""
        c = self._concept
        if c is not None and hasattr(c, "resolve"):
            c = c.resolve()
            object.__setattr__(self, "_concept", c)
        return c

    @property
    def is_statistic(self) -> bool:
        return self.kind not in NON_STATISTIC_KINDS

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.span.start,
            "end": self.span.end,
            "value": _num(self.value),
            "low": _num(self.low),
            "high": _num(self.high),
            "unit": self.unit,
            "qualifier": self.qualifier.value,
            "kind": self.kind,
            "precision": _num(self.precision),
            "direction": self.direction,
            "change": self.change,
            "concept": self.concept.to_dict() if self.concept is not None else None,
        }


def _num(x: float | None) -> float | int | None:
    """JSON-friendly number: integers stay integers, infinities become null."""
    if x is None or (isinstance(x, float) and (math.isinf(x) or math.isnan(x))):
        return None
    if isinstance(x, float) and x.is_integer() and abs(x) < 2**53:
        return int(x)
    return x


@dataclass(frozen=True)
class Segment:
    """A sentence of the document, with what kind of text it is."""

    text: str
    span: Span
    #: body, headline, credit, related (a related-article headline), sidebar, boilerplate
    kind: str
    #: Index of the paragraph (block of lines) it came from.
    paragraph: int
    #: False when the text does not speak as of the document's date (sidebars of other articles).
    dated: bool = True


@dataclass(frozen=True)
class Observation:
    """One value of one reference series."""

    dataset: str
    entity: str
    indicator: str
    period: Period
    value: float
    unit: str
    #: Human name of the series ("Population, total").
    series: str = ""
    source: str = ""
    url: str = ""
    retrieved: str = ""
    #: The source's own hedge ("almost", "more than"), if it gave one.
    qualifier: str = ""
    #: The row's id in its dataset, for tracing.
    key: str = ""
    #: The release this value comes from: its row's vintage as the dataset package states it (a
    #: vintage column, the resource's or the indicator's ``vintage``: "2026-07-01"); "" when none.
    vintage: str = ""


@dataclass(frozen=True)
class Claim:
    """A quantity framed as a statement about the world: subject, metric, period."""

    quantity: Quantity
    #: The rule that framed it (id and code).
    rule: str
    code: str
    metric: str
    #: ISO3 code (or dataset entity key) of what the figure is about; None if unknown.
    subject: str | None
    #: The text that named the subject ("Turkey", "Syrian").
    subject_text: str | None
    #: The period the claim speaks of; None when undated (to be searched for).
    period: Period | None
    #: "explicit" (the text names it), "as_of" (the document's date), or "undated".
    period_source: str
    segment: Segment
    #: Extra keys the lookup needs (origin country, since-date...).
    params: tuple[tuple[str, str], ...] = ()
    #: What the text around the figure says of it (``framing.Frame``): concept, period,
    #: periodicity, modality, scope; None for rules that do not read frames.
    frame: Any = field(default=None, compare=False)
    #: Why the claim cannot be judged, in an editor's words ("a quarterly figure; the reference
    #: is for calendar years"); None when every part of it is settled.
    reason: str | None = None
    #: The reference series the rule judges the claim against: (dataset, indicator), or None.
    reference: tuple[str, str] | None = None

    @property
    def span(self) -> Span:
        return self.quantity.span

    def param(self, key: str, default: str | None = None) -> str | None:
        return dict(self.params).get(key, default)


@dataclass(frozen=True)
class Evidence:
    """What the reference data says for a claim."""

    observation: Observation
    #: The reference value in the claim's unit (after conversion), and how it was converted.
    value: float
    unit: str
    conversion: str = ""
    #: Any other observations combined into ``value`` (a difference of two series).
    related: tuple[Observation, ...] = ()
    #: The values ``value`` could take within its period (daily exchange rates over a month).
    value_range: tuple[float, float] | None = None
    #: Said with the evidence: when the figure was published, if after the text's date.
    note: str = ""

    @property
    def vintage(self) -> str:
        """The release of the series the value comes from ("2026-07-01"), or ""."""
        return self.observation.vintage

    def to_dict(self) -> dict[str, Any]:
        o = self.observation
        return {
            "dataset": o.dataset,
            "series": o.series,
            "indicator": o.indicator,
            "entity": o.entity,
            "period": o.period.label,
            "date": o.period.end.isoformat(),
            "value": _num(self.value),
            "unit": self.unit,
            "reference_value": _num(o.value),
            "reference_unit": o.unit,
            "conversion": self.conversion or None,
            "source": o.source,
            "url": o.url,
            "retrieved": o.retrieved,
            "vintage": self.vintage or None,
        }


@dataclass(frozen=True)
class Finding:
    """The verdict on one claim, with its message and evidence."""

    code: str
    rule: str
    verdict: Verdict
    level: Level
    message: str
    #: The claim judged; consistency findings carry the first figure here.
    claim: Claim | None
    quantity: Quantity
    segment: Segment
    evidence: Evidence | None = None
    #: Signed relative gap (claimed - reference) / reference; None when not computed.
    gap: float | None = None
    #: For consistency findings: the span of the contradicting figure.
    related_span: Span | None = None


@dataclass(frozen=True)
class Suppression:
    """An editor's note that a figure was checked by hand, written in the document:
    ``<!-- factcheck: ignore FC110 reason="figure from the ministry, 3 March" -->``."""

    #: Codes or rule ids it silences ("FC110", "metrics.refugees_from"); empty: every finding.
    codes: tuple[str, ...]
    #: Why the finding is accepted; None when the editor gave no reason (then it does not count).
    reason: str | None
    #: Where the note is written: offsets into the original file.
    span: Span
    #: What it covers, in offsets into the original file: its paragraph, the next one, or the file.
    scope: Span
    #: "paragraph" (written inside one), "next" (alone: the paragraph after it) or "file".
    kind: str = "next"


@dataclass(frozen=True)
class Document:
    """A text to check, with a map from character offsets to lines and columns.

    ``text`` is the copy the stages read. For plain text it is the file's text; for Markdown,
    HTML and DOCX it is the article text taken out of the markup, and ``source_map`` maps its
    offsets back to offsets into the original file, so findings point where the writer edits.
    """

    path: str
    text: str
    as_of: dt.date | None
    #: Where ``as_of`` came from: "option", "front matter", "file name", "default".
    as_of_source: str = "default"
    format: str = "text"
    #: Offsets at which each line of the original file starts (line 1 at index 0).
    line_starts: tuple[int, ...] = field(default=(0,))
    #: (text offset, file offset) pairs, sorted: from each text offset on, characters map one to
    #: one onto the file from that file offset. Empty: the text is the file's text.
    source_map: tuple[tuple[int, int], ...] = ()
    #: The encoding the file was read with.
    encoding: str = "utf-8"
    #: The suppressions written in the file (comments are not part of ``text``).
    suppressions: tuple[Suppression, ...] = ()
    #: What the file says about itself besides its date (``documents/meta.py``): ("url", ...),
    #: ("author", ...), ("title", ...) from front matter or the page's metadata.
    meta: tuple[tuple[str, str], ...] = ()

    def meta_value(self, key: str) -> str | None:
        """A metadata value ("url", "author", "title"), or None."""
        return next((v for k, v in self.meta if k == key), None)

    def source_offset(self, offset: int) -> int:
        """The offset into the original file of a text offset."""
        if not self.source_map:
            return offset
        import bisect

        i = bisect.bisect_right(self.source_map, (offset, float("inf"))) - 1
        if i < 0:
            return offset
        t, s = self.source_map[i]
        return s + (offset - t)

    def source_span(self, span: Span) -> Span:
        """A text span as offsets into the original file (its end after its last character)."""
        start = self.source_offset(span.start)
        end = self.source_offset(span.end - 1) + 1 if span.end > span.start else start
        return Span(start, max(start, end))

    def source_position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of an offset into the original file."""
        import bisect

        i = bisect.bisect_right(self.line_starts, offset) - 1
        return i + 1, offset - self.line_starts[i] + 1

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) in the original file of a text offset."""
        return self.source_position(self.source_offset(offset))


@dataclass(frozen=True)
class Notice:
    """A problem with how a document asks to be checked rather than with its figures: a
    suppression with no reason, one that silenced nothing. Its span is in file offsets."""

    code: str
    rule: str
    level: Level
    message: str
    #: Offsets into the original file (suppressions live in comments, outside ``text``).
    span: Span


@dataclass(frozen=True)
class Accepted:
    """A finding that does not count: silenced by a suppression or accepted by the baseline."""

    finding: Finding
    #: "suppression", "baseline" or "diff" (on a line unchanged since `--diff REF`).
    by: str
    #: The editor's reason, or the baseline file's name.
    reason: str


@dataclass(frozen=True)
class RuleInfo:
    """What a report says about a rule it cites (SARIF rule metadata, `explain`)."""

    code: str
    id: str
    kind: str
    description: str
    rationale: str = ""
    #: The rule file and line ("rules/metrics/refugees_from.yaml:1").
    path: str = ""
    #: The datasets' sources the rule checks against.
    source: str = ""


@dataclass(frozen=True)
class DocumentReport:
    document: Document
    findings: tuple[Finding, ...]
    quantities: tuple[Quantity, ...] = ()
    #: Findings silenced by a suppression or accepted by the baseline (not in ``findings``).
    accepted: tuple[Accepted, ...] = ()
    notices: tuple[Notice, ...] = ()


@dataclass(frozen=True)
class Report:
    documents: tuple[DocumentReport, ...]
    #: The verdict at or above which a finding fails the run ("never": none does).
    fail_on: str = "contradicted"
    #: Metadata of the rules the findings cite, by code.
    rules: tuple[RuleInfo, ...] = ()
    tool_version: str = ""

    def summary(self) -> dict[str, int]:
        counts = {v.value: 0 for v in Verdict}
        for d in self.documents:
            for f in d.findings:
                counts[f.verdict.value] += 1
        return counts

    def fails(self, f: Finding) -> bool:
        """Whether a finding is at or above ``fail_on``."""
        return self.fail_on != "never" and f.verdict.severity >= Verdict(self.fail_on).severity

    def failing(self) -> bool:
        """Whether the run fails: a finding at or above ``fail_on``, or a notice at level error."""
        if self.fail_on == "never":
            return False
        return any(self.fails(f) for d in self.documents for f in d.findings) or any(
            n.level is Level.ERROR for d in self.documents for n in d.notices)

    def rule(self, code: str) -> RuleInfo | None:
        return next((r for r in self.rules if r.code == code), None)

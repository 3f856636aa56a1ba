"""The one place where stages meet: Document -> segments -> quantities -> claims -> findings."""
from __future__ import annotations

import bisect
import datetime as dt
import itertools
import re
from pathlib import Path
from typing import Any, Iterable

from .assess import assess, holding_periods, unframed
from .claims import frame
from .documents import from_text, read_document
from .errors import InputError
from .lookup import gather
from .model import Claim, Document, DocumentReport, Finding, Quantity, Report, Segment
from .ruleset.loader import DEFAULT_RULES_DIR, RuleSet, load_rules
from .segment import segment

#: The check rule that lists figures no metric rule recognises.
UNFRAMED_RULE = "checks.no_reference"
#: Documented limits per document (SECURITY.md): a long feature is about 50,000 characters.
#: Larger inputs, or copy made mostly of numbers, are data, not copy; they are refused rather
#: than checked in unbounded time and memory.
MAX_CHARS = 2_000_000
MAX_FIGURES = 50_000
_DIGIT_RUNS = re.compile(r"\d+")


class Checker:
    """Rules and reference data loaded once, then any number of documents checked."""

    def __init__(self, rules_dirs: Iterable[Path] | None = None, data_dirs: Iterable[Path] | None = None,
                 catalog: Any = None, vintage: str | None = None) -> None:
        """``rules_dirs`` and ``data_dirs`` are read in addition to the shipped rules and data;
        ``vintage``: judge against each series' newest release on or before that date."""
        self.ruleset: RuleSet = load_rules([DEFAULT_RULES_DIR, *(rules_dirs or [])])
        self._data_dirs = list(data_dirs or [])
        self._catalog = catalog
        self._vintage = vintage

    @property
    def catalog(self) -> Any:
        if self._catalog is None:
            from .reference import Catalog

            if self._data_dirs or self._vintage:
                self._catalog = Catalog(extra_roots=self._data_dirs, vintage=self._vintage)
            else:
                self._catalog = Catalog.default()
        return self._catalog

    def check_document(self, doc: Document) -> DocumentReport:
        from .extract import extract

        _within_limits(doc)
        segments = segment(doc.text)
        quantities = extract(doc.text, include_all=True)
        placed = place(segments, quantities)
        mentions = _memo(self.catalog.entities.find_mentions)
        claims, loose = frame(doc, segments, placed, self.ruleset, mentions)
        findings = self._assess(claims)
        fallback = self.ruleset.by_id(UNFRAMED_RULE)
        if fallback is not None:
            findings.extend(unframed(seg, q, fallback) for seg, q in loose)
        if self.ruleset.of_kind("consistency"):
            from .consistency import check_consistency

            found = check_consistency(doc, segments, placed, self.ruleset, catalog=self.catalog)
            # A figure the text's own arithmetic already judged needs no "check it by hand" note.
            judged = [f.quantity.span for f in found] + [f.related_span for f in found if f.related_span]
            findings = [f for f in findings if f.rule != UNFRAMED_RULE or not any(f.quantity.span.overlaps(s) for s in judged)]
            findings.extend(found)
        findings.sort(key=lambda f: (f.quantity.span.start, f.code))
        return DocumentReport(doc, tuple(findings), tuple(q for _, q in placed))

    def _assess(self, claims: list[Claim]) -> list[Finding]:
        """Judge each claim. Undated claims of one headline are read together: where they all
        hold in one period, that period is preferred for each."""
        rules = {c.rule: self.ruleset.by_id(c.rule) for c in claims}
        found = {id(c): gather(c, rules[c.rule], self.catalog) for c in claims if not c.reason}
        shared: dict[int, frozenset[str]] = {}
        by_segment: dict[int, list[Claim]] = {}
        for c in claims:
            if c.period is None and not c.reason:
                by_segment.setdefault(c.segment.span.start, []).append(c)
        for group in by_segment.values():
            if len(group) > 1:
                sets = [holding_periods(c, rules[c.rule], found[id(c)]) for c in group]
                common = frozenset(set.intersection(*sets))
                for c in group:
                    shared[id(c)] = common
        return [assess(c, rules[c.rule], self.catalog, self._name, shared.get(id(c), frozenset()), found.get(id(c)))
                for c in claims]

    def check_text(self, text: str, as_of: dt.date | str | None = None, path: str = "<text>") -> DocumentReport:
        return self.check_document(from_text(text, path, as_of))

    def check_paths(self, paths: Iterable[str], as_of: dt.date | str | None = None) -> Report:
        return Report(tuple(self.check_document(read_document(p, as_of)) for p in paths))

    def _name(self, iso3: str) -> str:
        namer = getattr(self.catalog.entities, "name", None)
        return (namer(iso3) if namer else None) or iso3


def _within_limits(doc: Document) -> None:
    if len(doc.text) > MAX_CHARS:
        raise InputError(f"{len(doc.text):,} characters of text; factcheck checks at most {MAX_CHARS:,} per "
                         "document (split the file)", path=doc.path)
    figures = sum(1 for _ in itertools.islice(_DIGIT_RUNS.finditer(doc.text), MAX_FIGURES + 1))
    if figures > MAX_FIGURES:
        raise InputError(f"more than {MAX_FIGURES:,} numbers in one document: this is a table of data, not copy "
                         "to check", path=doc.path)


def place(segments: list[Segment], quantities: list[Quantity]) -> list[tuple[Segment, Quantity]]:
    """Each quantity with the segment that holds it (quantities across a boundary are dropped)."""
    starts = [s.span.start for s in segments]
    out = []
    for q in quantities:
        i = bisect.bisect_right(starts, q.span.start) - 1
        if i >= 0 and segments[i].span.contains(q.span):
            out.append((segments[i], q))
    return out


def _memo(fn: Any) -> Any:
    cache: dict[str, Any] = {}

    def call(text: str) -> Any:
        if text not in cache:
            cache[text] = fn(text)
        return cache[text]

    return call

"""Run a rule's own examples: shared by the test suite and ``factcheck rules test``."""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Iterator

from .loader import Rule

QUANTITY_KINDS = ("extract", "lexicon")
#: Lexicons of claim framing: their examples expect keys of a figure's frame (``figure``,
#: ``concept``, ``role``, ``via``, ``period``, ``periodicity``, ``modality``, ``scope``, ``subject_kind``).
FRAME_LEXICONS = ("frame_words", "modality", "scope", "aggregates", "period_words")
#: Lexicons of the claim and lookup stages: their examples run ``check_text`` and expect keys of a
#: finding of any rule (``finding_view``: ``metric``, ``subject``, ``period``, ``verdict``, ``reason``...).
FINDING_LEXICONS = ("indicators", "news_agencies", "anaphora", "origin_words", "subject_prepositions", "clause_openers",
                    "event_words")
#: Lexicons of the entity table: their examples expect keys of a mention (``text``, ``iso3``,
#: ``alias_type``) that ``find_mentions`` returns.
MENTION_LEXICONS = ("compass_words", "place_stopwords")
#: Lexicons of the readers: their examples read the text as a draft with no other date (Markdown
#: when it opens on front matter) and expect ``as_of``, ``as_of_source``, ``format`` or ``error``.
DOCUMENT_LEXICONS = ("date_forms",)


@dataclass(frozen=True)
class Example:
    rule: Rule
    index: int
    text: str
    expect: dict[str, Any] | None
    positive: bool

    @property
    def name(self) -> str:
        return f"{self.rule.id}:{'match' if self.positive else 'no_match'}[{self.index}]"


@dataclass(frozen=True)
class Outcome:
    example: Example
    ok: bool
    detail: str = ""


def examples_of(rule: Rule) -> Iterator[Example]:
    ex = rule.get("examples", {})
    for i, item in enumerate(ex.get("match", [])):
        yield Example(rule, i, item["text"], item["expect"], True)
    for i, item in enumerate(ex.get("no_match", [])):
        if isinstance(item, str):
            yield Example(rule, i, item, None, False)
        else:
            yield Example(rule, i, item["text"], item.get("expect"), False)


def _same(want: Any, got: Any) -> bool:
    if isinstance(want, bool) or isinstance(got, bool):
        return want == got
    if isinstance(want, (int, float)) and isinstance(got, (int, float)):
        return math.isclose(float(want), float(got), rel_tol=1e-9, abs_tol=1e-12)
    if isinstance(want, str) and isinstance(got, str):
        return want == got or want.lower() == got.lower()
    return want == got


def _matches(expect: dict[str, Any], got: dict[str, Any]) -> bool:
    return all(_same(v, got.get(k)) for k, v in expect.items())


def finding_view(f: Any) -> dict[str, Any]:
    """The keys a metric example may expect of a finding."""
    c = f.claim
    return {
        "verdict": f.verdict.value,
        "code": f.code,
        "subject": c.subject if c else None,
        "metric": c.metric if c else None,
        "value": f.quantity.value,
        "unit": f.quantity.unit,
        "qualifier": f.quantity.qualifier.value,
        "period": c.period.label if c and c.period else None,
        "reference": f.evidence.value if f.evidence else None,
        "text": f.quantity.text,
        "reason": c.reason if c else None,
    }


def run_example(ex: Example, checker: Any) -> Outcome:
    rule = ex.rule
    if rule.kind == "lexicon" and rule.get("lexicon") == "periods":
        return _run_periods(ex)
    if rule.kind == "lexicon" and rule.get("lexicon") == "time_expressions":
        return _run_times(ex)
    if rule.kind == "lexicon" and rule.get("lexicon") in FRAME_LEXICONS:
        return _run_frames(ex, checker)
    if rule.kind == "lexicon" and rule.get("lexicon") in FINDING_LEXICONS:
        return _run_findings(ex, checker)
    if rule.kind == "lexicon" and rule.get("lexicon") in MENTION_LEXICONS:
        return _run_mentions(ex, checker)
    if rule.kind == "lexicon" and rule.get("lexicon") in DOCUMENT_LEXICONS:
        return _run_documents(ex)
    if rule.kind == "metric_family":  # the mechanism: findings of any of the rules it makes
        return _run_findings(ex, checker)
    if rule.kind in QUANTITY_KINDS:
        from ..extract import extract

        if ex.positive:
            got = [q.to_dict() for q in extract(ex.text, include_all=True)]
            ok = any(_matches(ex.expect or {}, g) for g in got)
            return Outcome(ex, ok, "" if ok else f"want {ex.expect}, got {got}")
        if ex.expect is None:
            got = [q.to_dict() for q in extract(ex.text)]
            return Outcome(ex, not got, "" if not got else f"want no statistic, got {got}")
        got = [q.to_dict() for q in extract(ex.text, include_all=True)]
        bad = [g for g in got if _matches(ex.expect, g)]
        return Outcome(ex, not bad, "" if not bad else f"want nothing like {ex.expect}, got {bad}")
    as_of = rule.get("examples", {}).get("as_of")
    report = checker.check_text(ex.text, as_of=as_of)
    mine = [finding_view(f) for f in report.findings if f.rule == rule.id]
    if ex.positive:
        ok = any(_matches(ex.expect or {}, g) for g in mine)
        others = [(f.rule, f.verdict.value, f.quantity.text) for f in report.findings]
        return Outcome(ex, ok, "" if ok else f"want {ex.expect}; this rule gave {mine}; all findings {others}")
    bad = [g for g in mine if ex.expect is None or _matches(ex.expect, g)]
    return Outcome(ex, not bad, "" if not bad else f"want no finding, got {bad}")


def _run_periods(ex: Example) -> Outcome:
    """A ``periods`` lexicon example: the phrase resolves to the expected period label."""
    import datetime as dt

    from ..timeexpr import find_times, named_periods

    as_of = ex.rule.get("examples", {}).get("as_of")
    named = named_periods(ex.rule.get("entries", {}))
    got = [{"label": t.period.label} for t in find_times(ex.text, dt.date.fromisoformat(as_of) if as_of else None, named)
           if t.kind == "named" and t.period]
    if ex.positive:
        ok = any(_matches(ex.expect or {}, g) for g in got)
        return Outcome(ex, ok, "" if ok else f"want {ex.expect}, got {got}")
    return Outcome(ex, not got, "" if not got else f"want no named period, got {got}")


def _run_frames(ex: Example, checker: Any) -> Outcome:
    """A framing lexicon example: some figure's frame has every expected key (``match``), or no
    figure's does (``no_match``; a plain string expects no figure to be framed at all)."""
    from ..framing import describe

    lex = None
    if checker is not None and getattr(checker, "ruleset", None) is not None:
        lex = {r.get("lexicon"): r.get("entries") or {} for r in checker.ruleset.of_kind("lexicon")}
    got = describe(ex.text, ex.rule.get("examples", {}).get("as_of"), lex)
    if ex.positive:
        ok = any(_matches(ex.expect or {}, g) for g in got)
        return Outcome(ex, ok, "" if ok else f"want {ex.expect}, got {got}")
    bad = [g for g in got if (g.get("concept") is not None if ex.expect is None else _matches(ex.expect, g))]
    return Outcome(ex, not bad, "" if not bad else f"want nothing like {ex.expect}, got {bad}")


def _run_times(ex: Example) -> Outcome:
    """A ``time_expressions`` example: some phrase resolves to the expected period label
    (``match``), or no phrase is found (``no_match``)."""
    import datetime as dt

    from ..timeexpr import find_times, time_grammar

    as_of = ex.rule.get("examples", {}).get("as_of")
    grammar = time_grammar(ex.rule.get("entries", {}))
    refs = find_times(ex.text, dt.date.fromisoformat(as_of) if as_of else None, grammar=grammar)
    got = [{"label": t.period.label, "kind": t.kind} for t in refs if t.period]
    if ex.positive:
        ok = any(_matches(ex.expect or {}, g) for g in got)
        return Outcome(ex, ok, "" if ok else f"want {ex.expect}, got {got}")
    bad = [g for g in got if ex.expect is None or _matches(ex.expect, g)]
    return Outcome(ex, not bad, "" if not bad else f"want no time phrase, got {bad}")


def _expected(ex: Example, got: list[dict[str, Any]], what: str) -> Outcome:
    """``match``: some result has every expected key; ``no_match``: none has them (a plain
    string: there is no result at all)."""
    if ex.positive:
        ok = any(_matches(ex.expect or {}, g) for g in got)
        return Outcome(ex, ok, "" if ok else f"want {ex.expect}, got {got}")
    bad = [g for g in got if ex.expect is None or _matches(ex.expect, g)]
    return Outcome(ex, not bad, "" if not bad else f"want no {what} like {ex.expect}, got {bad}")


def _run_findings(ex: Example, checker: Any) -> Outcome:
    """A claim-stage lexicon example: the findings of every rule on the text (as of ``examples.as_of``)."""
    if checker is None:
        from ..pipeline import Checker

        checker = Checker()
    report = checker.check_text(ex.text, as_of=ex.rule.get("examples", {}).get("as_of"))
    return _expected(ex, [finding_view(f) for f in report.findings], "finding")


def _run_mentions(ex: Example, checker: Any) -> Outcome:
    """An entity lexicon example: the places and peoples ``find_mentions`` finds in the text."""
    if checker is not None:
        entities = checker.catalog.entities
    else:
        from ..reference import Catalog

        entities = Catalog.default().entities
    got = [{"text": m.text, "iso3": m.iso3, "alias_type": m.alias_type} for m in entities.find_mentions(ex.text)]
    return _expected(ex, got, "mention")


def _run_documents(ex: Example) -> Outcome:
    """A reader lexicon example: the date the text, read as a draft named ``<text>``, speaks as
    of, where it came from, its format, or the error reading it. A ``no_match`` string: no date."""
    from ..documents import from_text, sniff
    from ..errors import InputError

    try:
        doc = from_text(ex.text, "<text>", None, sniff(ex.text.encode("utf-8")))
    except InputError as err:
        got = [{"error": str(err)}]
    else:
        got = [{"as_of": doc.as_of.isoformat() if doc.as_of else None, "as_of_source": doc.as_of_source,
                "format": doc.format}]
    if not ex.positive and ex.expect is None:
        bad = [g for g in got if g.get("as_of") or g.get("error")]
        return Outcome(ex, not bad, "" if not bad else f"want no date, got {bad}")
    return _expected(ex, got, "date")

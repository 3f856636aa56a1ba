"""Judging: a Claim and its evidence -> Finding, with a message in the house voice.

"Türkiye: Syrian refugees (under temporary protection) in Türkiye 2020-01-20: 3.58 million, not
about 3.7 million (3.5% high; MPM Turkey ... Quarterly Report)." Undated claims are matched to the period in which they hold ("true in July
2024") and are never contradicted by another period's figures.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any

from . import fmt
from .lookup import Lookup, gather
from .model import Claim, Evidence, Finding, Level, Quantity, Segment, Verdict
from .ruleset.loader import Rule
from .verdict import Judgement, claim_interval, describe_gap, judge

LEVELS = {Verdict.SUPPORTED: Level.NOTE, Verdict.UNVERIFIABLE: Level.NOTE, Verdict.APPROXIMATE: Level.WARNING,
          Verdict.CONTRADICTED: Level.ERROR, Verdict.INCONSISTENT: Level.ERROR}


def assess(claim: Claim, rule: Rule, catalog: Any, subject_name: Any, prefer: frozenset[str] = frozenset(),
           found: Lookup | None = None) -> Finding:
    """The finding for one claim. ``prefer``: periods to choose first when an undated claim holds
    in several (the periods its sibling claims in the same headline hold in)."""
    if claim.reason:
        # A part of the claim is not what the reference measures: say which, judge nothing.
        return _finding(claim, rule, Verdict.UNVERIFIABLE, f"{_claim_words(claim)}: {claim.reason}.", None, None)
    found = found if found is not None else gather(claim, rule, catalog)
    tol = rule.get("tolerance", {})
    if not found.evidence:
        return _finding(claim, rule, Verdict.UNVERIFIABLE, f"{_claim_words(claim)}: {found.reason}.", None, None)
    judged = [(ev, _judge(claim, ev, tol)) for ev in found.evidence]
    if claim.period is None:
        return _undated(claim, rule, judged, subject_name, prefer)
    ev, j = judged[0]
    if len(judged) > 1:
        # No year given, early in a year: the latest published year, or the year just ended
        # whose first figures were news; the better fit decides, the first unless the second is better.
        order = {Verdict.SUPPORTED: 0, Verdict.APPROXIMATE: 1, Verdict.CONTRADICTED: 2}
        best = min(judged, key=lambda x: (order[x[1].verdict], abs(x[1].gap)))
        if best[0] is not ev:
            ev, j = best
        else:
            ev = replace(ev, note="")
    other = _other_definition(claim, rule, ev, j)
    if other is not None:
        return _finding(claim, rule, Verdict.UNVERIFIABLE, other, ev, j.gap)
    verdict, message = j.verdict, _message(claim, ev, j, subject_name, rule)
    revised = _since_revised(claim, ev, j, catalog) or _still_growing(claim, ev, j, catalog)
    if revised:
        verdict, message = Verdict.APPROXIMATE, f"{message[:-1]}; {revised}."
    if ev.note:
        message = f"{message[:-1]}; {ev.note}."
    return _finding(claim, rule, verdict, message, ev, j.gap)


def _still_growing(claim: Claim, ev: Evidence, j: Judgement, catalog: Any) -> str | None:
    """A count that only grows (people displaced since a date), counted before the text's date:
    a higher figure in the text may be a later count, so the gap is not a contradiction."""
    if j.verdict is not Verdict.CONTRADICTED or j.diff <= 0 or claim.period is None:
        return None
    o = ev.observation
    about = catalog.about(o.entity, o.indicator, dataset=o.dataset) if hasattr(catalog, "about") else {}
    if not about.get("cumulative") or o.period.end >= claim.period.end:
        return None
    days = (claim.period.end - o.period.end).days
    return (f"the count only grows, and this one is {days} day{'s' * (days != 1)} older than the text, "
            "so a later count may be as high")


def _since_revised(claim: Claim, ev: Evidence, j: Judgement, catalog: Any) -> str | None:
    """A gap within the series' usual revision, on a text older than the data's vintage by more
    than a year, is the figure of its day since revised: approximate, not contradicted."""
    if j.verdict is not Verdict.CONTRADICTED or not claim.param("as_of"):
        return None
    o = ev.observation
    about = catalog.about(o.entity, o.indicator, dataset=o.dataset) if hasattr(catalog, "about") else {}
    rev, vintage = about.get("revision"), about.get("vintage")
    if not rev or not vintage:
        return None
    import datetime as dt

    as_of = dt.date.fromisoformat(str(claim.param("as_of")))
    if (dt.date.fromisoformat(str(vintage)) - as_of).days <= 365:
        return None
    if "absolute" in rev:
        within, band = abs(j.diff) <= float(rev["absolute"]), fmt.number(float(rev["absolute"]), rev.get("unit", ev.unit))
    else:
        within, band = abs(j.gap) <= float(rev["relative"]), f"{float(rev['relative']) * 100:g}%"
    if not within:
        return None
    return (f"the gap is within the usual revision of this series (up to about {band}), so the text likely "
            f"quotes an earlier estimate, since revised (the reference is the {vintage[:7]} vintage)")


def _other_definition(claim: Claim, rule: Rule, ev: Evidence, j: Judgement) -> str | None:
    """When the reference measures one definition (an annual average) and the text may quote
    another (a year-end or a monthly rate), a figure within the rule's band of the reference is
    unverifiable, not wrong, unless the sentence names the reference's definition (its cue)."""
    d = rule.get("definition")
    if not d or j.verdict is Verdict.SUPPORTED or not ev.value:
        return None
    from .claims import PATTERN_TIMEOUT, compile_trigger

    if d.get("cue") and compile_trigger(d["cue"]).near.search(claim.segment.text, timeout=PATTERN_TIMEOUT):
        return None
    if d.get("beyond"):
        # the reference measures one definition; a figure far from it more likely quotes another
        # (all levels of government, total rather than internal resources) than a wrong value
        lo, hi = sorted(d["band"])
        if lo <= j.claimed / ev.value <= hi:
            return None
    elif d.get("always"):
        # the reference is an average over the period the text names; a rate at one moment in it
        # is another figure, whatever the gap
        p = claim.period
        if p is None or claim.period_source != "explicit" or (p.end - p.start).days < 27:
            return None
    else:
        lo, hi = sorted(d["band"])
        ratio = j.claimed / ev.value
        if not lo <= ratio <= hi:
            return None
    o = ev.observation
    return (f"{claim.quantity.text}: {d['note']}; the reference ({o.series or o.indicator}, {o.period.label}) "
            f"is {fmt.number(ev.value, ev.unit)}, {describe_gap(j)} ({o.source or o.dataset}).")


def _judge(claim: Claim, ev: Evidence, tol: dict[str, float]) -> Judgement:
    """Judge against the reference value; a value that moved within its period (a monthly
    figure converted at daily rates) supports the claim if any value in that range does."""
    kw = {"tolerance": tol.get("approximate"), "absolute": tol.get("absolute")}
    j = judge(claim.quantity, ev.value, **kw)
    if j.verdict is not Verdict.SUPPORTED and ev.value_range is not None:
        lo, hi = ev.value_range
        nearest = min(max(claim.quantity.value, lo), hi)
        jr = judge(claim.quantity, nearest, **kw)
        if jr.verdict is Verdict.SUPPORTED or abs(jr.gap) < abs(j.gap):
            return jr
    return j


def _closeness(claim: Claim, ev: Evidence) -> float:
    return abs(claim.quantity.value - ev.value) / abs(ev.value) if ev.value else float("inf")


def holding_periods(claim: Claim, rule: Rule, found: Lookup) -> set[str]:
    """Labels of the periods in which an undated claim is supported."""
    tol = rule.get("tolerance", {})
    return {ev.observation.period.label for ev in found.evidence
            if _judge(claim, ev, tol).verdict is Verdict.SUPPORTED}


def _undated(claim: Claim, rule: Rule, judged: list[tuple[Evidence, Judgement]], subject_name: Any,
             prefer: frozenset[str] = frozenset()) -> Finding:
    """An undated claim holds in the period that fits it best; it is never contradicted."""
    order = {Verdict.SUPPORTED: 0, Verdict.APPROXIMATE: 1, Verdict.CONTRADICTED: 2}
    ev, j = min(judged, key=lambda x: (order[x[1].verdict], x[0].observation.period.label not in prefer,
                                       _closeness(claim, x[0]),
                                       -x[0].observation.period.end.toordinal()))
    if j.verdict is Verdict.CONTRADICTED:
        span = f"{judged[0][0].observation.period.label} to {judged[-1][0].observation.period.label}"
        return _finding(claim, rule, Verdict.UNVERIFIABLE,
                        f"{_claim_words(claim)}: the text gives no date, and no period in the data ({span}) "
                        f"matches it; the closest is {fmt.number(ev.value, ev.unit)} in {ev.observation.period.label}.",
                        ev, j.gap)
    when = ev.observation.period.label
    msg = f"Undated; true in {when}: " if j.verdict is Verdict.SUPPORTED else f"Undated; closest in {when}: "
    return _finding(claim, rule, j.verdict, msg + _message(claim, ev, j, subject_name, rule), ev, j.gap)


#: Message templates over named fields, one voice: the fact, the gap, the source. A rule may
#: give its own ``message`` (used for every verdict) with the same fields.
TEMPLATES = {
    Verdict.SUPPORTED: "{head}, as the text says ({claim}){conversion}; {source}.",
    None: "{head}, not {claim} ({gap}{conversion}; {source}).",
}


def _message(claim: Claim, ev: Evidence, j: Judgement, subject_name: Any, rule: Rule | None = None) -> str:
    o = ev.observation
    who = subject_name(claim.subject) if claim.subject else ""
    series = o.series or claim.metric.replace("_", " ")
    ref = fmt.number(ev.value, ev.unit)
    when = o.period.label if o.period.start != o.period.end else o.period.end.isoformat()
    if ev.value_range is not None and ev.value not in claim_interval(claim.quantity):
        lo, hi = ev.value_range
        ref = f"{fmt.number(lo, ev.unit)} to {fmt.number(hi, ev.unit)} at the day's rate ({fmt.number(ev.value, ev.unit)} on average)"
    if ev.related:
        ref = f"{ref} ({fmt.number(o.value, o.unit)} minus {ev.related[0].series or ev.related[0].indicator} " \
              f"{fmt.number(ev.related[0].value, ev.related[0].unit)})"
    fields = {
        "detail": ev.conversion,
        "subject": who, "series": series, "period": when, "reference": ref, "claim": _as_claimed(claim),
        "gap": describe_gap(j), "source": o.source or o.dataset, "url": o.url,
        "conversion": f"; {ev.conversion}" if ev.conversion else "",
        "head": f"{who}: {series} {when}: {ref}" if who else f"{series} {when}: {ref}",
    }
    template = (rule.get("message") if rule else None) or TEMPLATES.get(j.verdict) or TEMPLATES[None]
    try:
        return template.format(**fields)
    except (KeyError, IndexError, ValueError):
        return TEMPLATES.get(j.verdict, TEMPLATES[None]).format(**fields)


def _as_claimed(claim: Claim) -> str:
    """The figure as the text wrote it; a fall read as a negative rate says so ("-1.8 (shrank 1.8
    pct)")."""
    q = claim.quantity
    text = q.text
    if q.value < 0 and not any(w in text.lower() for w in ("-", "−", "minus", "negative")):
        return f"{fmt.number(q.value, q.unit)} (a fall of {text})"
    return text


def _claim_words(claim: Claim) -> str:
    return f"{claim.quantity.text} ({claim.metric.replace('_', ' ')})"


def _finding(claim: Claim, rule: Rule, verdict: Verdict, message: str, ev: Evidence | None,
             gap: float | None) -> Finding:
    return Finding(rule.code, rule.id, verdict, LEVELS[verdict], message, claim, claim.quantity, claim.segment,
                   ev, gap)


def unframed(seg: Segment, q: Quantity, rule: Rule) -> Finding:
    """A statistic no metric rule recognises: listed as unverifiable for the editor to check."""
    reason = "no reference data covers this figure" if seg.dated else "no reference data covers this undated figure"
    what = f" (it measures {q.concept.text})" if q.concept is not None else ""
    return Finding(rule.code, rule.id, Verdict.UNVERIFIABLE, Level.NOTE, f"{q.text}{what}: {reason}; check it by hand.",
                   None, q, seg)

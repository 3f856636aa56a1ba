"""Reference lookup: a Claim -> the Evidence that decides it (or why there is none).

Dated claims get one piece of evidence: the observation for the claim's period, or the latest
at or before the document's date. Undated claims get every observation of the series, so the
verdict stage can say in which period the claim holds.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, replace
from typing import Any

from . import fmt, units
from .model import Claim, Evidence, Observation, Period
from .reference import currency_history
from .ruleset.loader import Rule

#: The lexicon of words every event description shares; they do not identify an event.
EVENT_WORDS = "event_words"
_STRONG_MATCH = 3
CURRENCY = re.compile(r"^[A-Z]{3}$")
_SAME_UNITS = {("person", "persons"), ("percent", "%"), ("percent", "percent")}


@dataclass(frozen=True)
class Lookup:
    evidence: tuple[Evidence, ...]
    #: Why there is no evidence ("no UNHCR data for Syria in 2031").
    reason: str = ""


def gather(claim: Claim, rule: Rule, catalog: Any) -> Lookup:
    ref = rule.get("reference", {})
    measure = ref.get("measure", "value")
    if claim.subject is None and measure == "value":
        if claim.param("ambiguous"):
            name, _, codes = (claim.param("ambiguous") or "").partition(": ")
            return Lookup((), f"{name!r} could mean more than one country ({codes}); name the country")
        return Lookup((), "no country or place named for this figure")
    if measure == "value":
        return _values(claim, ref, catalog)
    if measure == "fx_rate":
        return _fx_rate(claim, catalog)
    return _events(claim, ref, catalog, measure)


#: A rate quoted for a day ("traded at 32.2 to the dollar on Friday") may be any of the last few
#: business days' rates: news is written before, and published after, the day's fixing.
FX_DAYS = 4


def _fx_rate(claim: Claim, catalog: Any) -> Lookup:
    """Units of the subject's currency per US dollar: the day's ECB cross rate (any of the last
    few days), or the average over the month or year the text names."""
    if claim.subject is None or claim.period is None:
        return Lookup((), "no country or date for this exchange rate")
    ccy, why = currency_history.claim_currency(claim)  # "francs" in France in 1987: FRF, not EUR
    if not ccy or ccy == "USD":
        return Lookup((), why or f"no currency known for {claim.subject}")
    fx = catalog.fx
    p = claim.period
    try:
        if claim.period_source == "explicit" and p.start != p.end:
            month = p.start.day == 1 and (p.end - p.start).days < 31
            r = fx.monthly_average("USD", ccy, p.start.year, p.start.month) if month else fx.annual_average("USD", ccy, p.start.year)
            spread = None
            how = f"{r.source}, {p.label} average"
        else:
            r = fx.rate("USD", ccy, p.end)
            if not r.method.startswith("ecb"):
                return Lookup((), f"no daily {ccy} per US dollar rate in the reference data")
            rng = fx.daily_range("USD", ccy, p.end - dt.timedelta(days=FX_DAYS), p.end)
            spread = (rng[0].value, rng[1].value) if rng else None
            how = f"{r.source}, {r.date_used.isoformat()}"
    except Exception:  # noqa: BLE001 - FxError: no rate that day is "no evidence", not a crash
        return Lookup((), f"no {ccy} per US dollar rate for {p.label}")
    obs = Observation(dataset="ecb_fx", entity=claim.subject, indicator="exchange_rate_lcu_per_usd", period=p,
                      value=r.value, unit=f"{ccy}/USD", series=f"{ccy} per US dollar", source=r.source or "ECB",
                      url=getattr(getattr(fx, "_d", None), "url", "") or "", key=r.method)
    return Lookup((Evidence(obs, r.value, f"{ccy}/USD", how, value_range=spread),))


def _sources(ref: dict[str, Any]) -> list[tuple[str, str, int]]:
    """(dataset, indicator, publication lag in days) for the main source and its alternatives."""
    return [(s["dataset"], s["indicator"], int(s.get("lag_days", 0))) for s in [ref, *ref.get("alternatives", [])]]


def _series(catalog: Any, claim: Claim, dataset: str, indicator: str, keys: tuple[str, ...] = ()) -> tuple[Observation, ...]:
    """The series for the claim's subject; ``keys`` are the claim parameters the series is keyed by too."""
    extra = {k: v for k, v in claim.params if k in keys}
    obs = catalog.series(claim.subject, indicator, dataset=dataset, **extra)
    return tuple(o for o in obs if o.dataset == dataset) if obs else ()


def _values(claim: Claim, ref: dict[str, Any], catalog: Any) -> Lookup:
    scale = float(ref.get("scale", 1.0))
    found: list[Observation] = []
    as_of = claim.param("as_of")
    explicit = claim.period is not None and _how_dated(claim) == "explicit"
    late: dict[int, str] = {}
    keys = tuple(ref.get("params", ()))
    for dataset, indicator, lag_days in _sources(ref):
        series = _series(catalog, claim, dataset, indicator, keys)
        known_by = dt.date.fromisoformat(as_of) - dt.timedelta(days=lag_days) if as_of and lag_days else None
        just_ended: Observation | None = None
        if known_by is not None and not explicit:
            # NOTE: a figure with no period of its own is the latest one known on the text's
            # date; later years are not held against it. A figure for a period the text names is
            # judged against the data for that period, published then or later (the message says).
            # In the months after a year ends, its first figures are news before they reach this
            # data: the year just ended is a second candidate (never the only one).
            ended = dt.date.fromisoformat(as_of).replace(month=1, day=1) - dt.timedelta(days=1)
            just_ended = next((o for o in series if o.period.end == ended and o.period.end > known_by
                               and (o.period.end - o.period.start).days >= 360), None)
            series = tuple(o for o in series if o.period.end <= known_by)
        if not series:
            continue
        if claim.period is None:
            found.extend(series)
        else:
            extra = {k: v for k, v in claim.params if k in keys}
            if catalog.is_step(claim.subject, indicator, dataset=dataset, **extra):
                # A level in force (a pension, a wage, a policy rate): by its effective date.
                obs = catalog.latest(claim.subject, indicator, claim.period.end, dataset=dataset, **extra)
                obs = obs if obs is not None and (not as_of or lag_days == 0 or obs in series) else None
            else:
                obs = _pick(series, claim.period, _how_dated(claim))
            if obs is not None and just_ended is not None and claim.period is not None and not explicit \
                    and not catalog.is_step(claim.subject, indicator, dataset=dataset):
                found.append(just_ended)
                late[id(just_ended)] = (f"the text gives no year; the {just_ended.period.label} figure, first "
                                        f"published around {just_ended.period.end + dt.timedelta(days=lag_days):%B %Y}, "
                                        f"fits it better than the {obs.period.label} one known on the text's date")
            if obs is not None:
                found.append(obs)
                if known_by is not None and obs.period.end > known_by:
                    published = obs.period.end + dt.timedelta(days=lag_days)
                    late[id(obs)] = (f"the {obs.period.label} figure was first published around "
                                     f"{published:%B %Y}, after the text's date")
    after = claim.param("after")
    if found and claim.period is not None and not explicit and after:
        # "8%, up from 5.1% in 1985": the figure speaks of a later period than 1985
        if max(o.period.end for o in found) <= dt.date.fromisoformat(after):
            return Lookup((), f"the text compares it with {claim.param('after_label')}, so it speaks of a later "
                              f"period, for which no figure was published by {as_of}")
    if not found:
        what = ", ".join(f"{d}/{i}" for d, i, _ in _sources(ref))
        known = catalog.indicators() if hasattr(catalog, "indicators") else None
        if known is not None and not any(i in known for _, i, _ in _sources(ref)):
            # framed right, but no series to judge it: say what would be needed
            return Lookup((), f"the reference data has no series for this ({what}); add one with "
                              "'factcheck data import' to check such figures")
        when = f" for {claim.period.label}" if claim.period and claim.period_source == "explicit" else (
            f" at or before {claim.period.end.isoformat()}" if claim.period else "")
        return Lookup((), f"no {what} data for {claim.subject}{when}")
    if claim.period is not None:
        # Several sources: the most recent observation decides; exact figures before hedged ones.
        # (The year just ended stays beside the latest known one: the verdict takes the better.)
        second = [o for o in found if id(o) in late and not explicit]
        found = [max([o for o in found if o not in second] or found, key=lambda o: (o.period.end, not o.qualifier))]
        found += [o for o in second if o is not found[0]]
    minus = ref.get("minus")
    evidence = []
    for obs in found:
        related: tuple[Observation, ...] = ()
        value = obs.value
        if minus:
            # The other series' level in force then (a pension set in July holds until changed).
            extra = {k: v for k, v in claim.params if k in keys}
            other = catalog.latest(claim.subject, minus, obs.period.end, dataset=obs.dataset, **extra)
            if other is None:
                continue
            value, related = obs.value - other.value, (other,)
        ev = _convert(claim, obs, value * scale, catalog, related, any_day=ref.get("convert") == "any_day")
        if ev is not None:
            evidence.append(replace(ev, note=late[id(obs)]) if id(obs) in late else ev)
    if not evidence:
        return Lookup((), currency_history.why_not(claim, found[0]) or _unit_reason(claim, found[0])
                      or f"cannot put the reference for {claim.subject} in {claim.quantity.unit}")
    return Lookup(tuple(evidence))


def _how_dated(claim: Claim) -> str:
    """A day named in the text ("on Friday") dates a yearly figure as the article's date does:
    the latest figure known then. Only a month or longer names the period a figure is for."""
    p = claim.period
    if claim.period_source == "explicit" and p is not None and (p.end - p.start).days < 27:
        return "as_of"
    return claim.period_source


def _pick(series: tuple[Observation, ...], period: Period, source: str) -> Observation | None:
    """The observation for a claim's period (levels in force are the catalog's: ``latest``).

    Explicit period: an observation inside it. As of a date: the latest figure known by then.
    Either way exact figures come before hedged ones such as "almost 3.6 million".
    """
    if source == "explicit":
        # Inside the period: figures for a longer stretch (a year, for a claim about a month) or
        # reported after it (a later count, for "since December" as of 20 February) do not count.
        pool = [o for o in series if period.start <= o.period.start and o.period.end <= period.end]
    else:
        pool = [o for o in series if o.period.end <= period.end]
    return max(pool, key=lambda o: (not o.qualifier, o.period.end)) if pool else None


def _convert(claim: Claim, obs: Observation, value: float, catalog: Any,
             related: tuple[Observation, ...], any_day: bool = False) -> Evidence | None:
    """The observation in the claim's unit. Money converts at the period's average rate; with
    ``any_day`` (a level the writer may have converted on any day of its period) the range of
    daily rates is kept too."""
    have = obs.unit
    want, why = _wanted(claim, obs)
    if why:
        return None
    if want is None or have is None or want == have or (want, have) in _SAME_UNITS:
        return Evidence(obs, value, want or have or "", related=related)
    if CURRENCY.match(want) and CURRENCY.match(have):
        # Money converts at the claim's date (the article's, or the period it names); an
        # undated claim at the observation's own period.
        when = obs.period if claim.period is None else claim.period
        if claim.period is not None and claim.period_source == "as_of" and obs.period.start != obs.period.end \
                and not (obs.period.start <= claim.period.end <= obs.period.end) and not _level(obs, catalog):
            when = obs.period  # a yearly figure quoted as of a later day: that year's average rate
        rate = _rate(catalog, have, want, when)
        if rate is None:
            return None
        per, label = rate
        spread = None
        if any_day:
            lo = when.start if when.start != when.end else when.end - dt.timedelta(days=FX_DAYS)
            rng = catalog.fx.daily_range(have, want, lo, when.end)
            if rng is not None:
                spread = tuple(sorted((value * rng[0].value, value * rng[1].value)))
        shown = f"{fmt.number(per)} {want} per {have}" if per >= 1 else f"{fmt.number(1 / per)} {have} per {want}"
        return Evidence(obs, value * per, want, f"{fmt.number(value, have)} at {shown} ({label})",
                        related=related, value_range=spread)  # type: ignore[arg-type]
    # Any other pair through the one unit registry: converted when their dimensionalities agree
    # (kilotonnes and tonnes, km² and hectares, per capita and per 1,000 people), never judged
    # when they do not (_unit_reason says why).
    if units.why_not(want, have):
        return None
    per = units.ratio(have, want)
    converted = value * per if per is not None else units.convert(value, have, want)
    if per == 1.0:
        return Evidence(obs, value, want, related=related)  # one unit, two spellings ("%" and percent)
    return Evidence(obs, converted, want, f"{fmt.number(value, have)} is {fmt.number(converted, want)}",
                    related=related)


def _wanted(claim: Claim, obs: Observation) -> tuple[str | None, str]:
    """The unit to put the observation in: the claim's, its currency read as the writer meant it
    ("lira" in Turkey in 1987: TRL, not TRY); ``(None, reason)`` when that cannot be told."""
    want = claim.quantity.unit
    if want and want.endswith(" / month") and obs.period.start != obs.period.end:
        want = want[: -len(" / month")]  # "12,000 lira a month" against a monthly series
    return currency_history.claim_unit(claim, want, obs)


def _unit_reason(claim: Claim, obs: Observation) -> str:
    """Why the reference cannot be put in the claim's unit ("the text gives tonnes per person;
    the reference is in kilotonnes"), or ""."""
    want, why = _wanted(claim, obs)
    if why or not want or not obs.unit or want == obs.unit or CURRENCY.match(want) and CURRENCY.match(obs.unit):
        return ""
    return units.why_not(want, obs.unit)


def _level(obs: Observation, catalog: Any) -> bool:
    """Whether the observation is a level in force (a pension), not a flow over its period."""
    return bool(catalog.is_step(obs.entity, obs.indicator, dataset=obs.dataset))


def _rate(catalog: Any, base: str, quote: str, period: Period) -> tuple[float, str] | None:
    """Units of ``quote`` per unit of ``base`` for a period: monthly or yearly average, or the day's rate."""
    fx = catalog.fx
    try:
        if period.start == period.end:
            r = fx.rate(base, quote, period.end)
            return r.value, f"{r.source}, {r.date_used}"
        if period.start.day == 1 and (period.end - period.start).days < 31:
            r = fx.monthly_average(base, quote, period.start.year, period.start.month)
            return r.value, f"{r.source}, {period.label} average"
        r = fx.annual_average(base, quote, period.start.year)
        return r.value, f"{r.source}, {period.start.year} average"
    except Exception:  # noqa: BLE001 - no rate for that day is "no evidence", not a crash
        return None


def _events(claim: Claim, ref: dict[str, Any], catalog: Any, measure: str) -> Lookup:
    events = catalog.events(event_type=ref.get("event_type"))
    if not events:
        return Lookup((), f"no {ref.get('event_type')} events in the reference data")
    seg_text = claim.segment.text.lower()
    if measure == "age_years":
        ev = _in_context(events, claim)
        if ev is None:
            return Lookup((), "no start date known for a conflict in the countries the text names")
        on = claim.period.end if claim.period is not None else None
        if on is None:
            return Lookup((), "the document has no date to measure the age at")
        age = (on - ev.date_start).days / 365.2425
        return Lookup((Evidence(_event_obs(ev, age, "year", on), age, "year",
                                f"from {ev.date_start.isoformat()} to {on.isoformat()}"),))
    if measure == "year":
        generic = _generic_words()
        scored = sorted(((len((_keywords(e) & _words(seg_text)) - generic), e) for e in events),
                        key=lambda x: x[0], reverse=True)
        if not scored or scored[0][0] == 0:
            return Lookup((), "no event in the reference data matches this description")
        score, ev = scored[0]
        # NOTE: a different year is only judged when the description matches the event well
        # (several distinctive words); a loose match says nothing about another agreement.
        if ev.date_start.year != claim.quantity.value and score < _STRONG_MATCH:
            return Lookup((), f"the closest known event ({ev.title}) matches too loosely to judge")
        return Lookup((Evidence(_event_obs(ev, ev.date_start.year, "year", ev.date_start), float(ev.date_start.year), "year"),))
    if measure == "count":
        if claim.period is None or claim.period_source != "explicit":
            return Lookup((), "no period stated to count events in")
        parties = set(filter(None, (claim.param("countries") or "").split(","))) or {m for m in (claim.subject,) if m}
        inside = [e for e in events if claim.period.start <= e.date_start <= claim.period.end
                  and parties <= set(e.parties) | {e.entity}]
        if not inside:
            return Lookup((), "no matching events in the reference data for that period")
        last = max(inside, key=lambda e: e.date_start)
        return Lookup((Evidence(_event_obs(last, len(inside), "count", claim.period.end, claim.period), float(len(inside)),
                                "count", "; ".join(f"{e.title} ({e.date_start.isoformat()})" for e in inside)),))
    return Lookup((), f"unknown measure {measure}")


def _in_context(events: list[Any], claim: Claim) -> Any:
    """The event about the first country of the claim's context (its sentence, then the document)."""
    for iso3 in filter(None, (claim.param("context") or "").split(",")):
        hits = [e for e in events if e.entity == iso3]
        if hits:
            return min(hits, key=lambda e: e.date_start)
    return events[0] if len(events) == 1 else None


@functools.lru_cache(maxsize=1)
def _generic_words() -> frozenset[str]:
    """Words every event description shares (lexicon.event_words, the shipped file)."""
    from .ruleset.lexicons import shipped_lexicon, words

    return frozenset(w.lower() for w in words(shipped_lexicon(EVENT_WORDS).get("words")))


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z][a-z-]{3,}", text.lower()))


def _keywords(event: Any) -> set[str]:
    kws = event.keywords if isinstance(event.keywords, (tuple, list, set, frozenset)) else str(event.keywords).split()
    return {k.lower() for k in kws if len(k) > 3}


def _event_obs(ev: Any, value: float, unit: str, day: dt.date, period: Period | None = None) -> Observation:
    return Observation(dataset=ev.dataset, entity=ev.entity, indicator=ev.event_type,
                       period=period or Period.day(day), value=value, unit=unit, series=ev.title,
                       source=ev.source, url=ev.url, retrieved=getattr(ev, "retrieved", ""), key=ev.event_id)

"""Currency conversion at a date: ECB reference rates, with World Bank annual rates as fallback.

``rate("USD", "TRY", on)`` is how many TRY one USD buys: ECB quotes units per EUR, so the cross
rate is ``TRY_per_EUR / USD_per_EUR`` on the same ECB business day (the latest at or before
``on``). Where the ECB has no quote (the Syrian pound, the rouble after March 2022...), the
World Bank's official annual average (PA.NUS.FCRF, local currency units per US$) is used.

Currencies fixed to one another by law (``links``, from reference/currency_history.py) convert
at that factor and nothing else: TRY -> TRL is 1,000,000, FRF -> EUR 1/6.55957 from 1999; a
currency no source quotes (the French franc in 2000, the old lira in 1987) is quoted through the
one it is fixed to, and the rate's ``source`` says so.
"""
from __future__ import annotations

import bisect
import datetime as dt
import math
from array import array
from dataclasses import dataclass, field
from typing import Any, Callable

from factcheck.model import Period

#: Do not reach back further than this many days for an ECB quote.
MAX_STALE_DAYS = 10


@dataclass(frozen=True)
class Rate:
    """``value`` units of ``quote`` per one unit of ``base``."""

    base: str
    quote: str
    value: float
    #: The day (or the last day of the month/year) whose rates were used.
    date_used: dt.date
    source: str
    #: "ecb daily", "ecb monthly average (21 days)", "wdi annual average 2019", "identity"...
    method: str


@dataclass
class FxData:
    """ECB rates in columns: one date axis, one array of units-per-EUR per currency (NaN gaps)."""

    dates: array = field(default_factory=lambda: array("i"))
    rates: dict[str, array] = field(default_factory=dict)
    source: str = ""
    url: str = ""


def build_fx_data(fc: dict[str, Any], df: Any) -> FxData:
    dates = sorted(set(df[fc["date"]]))
    pos = {d: i for i, d in enumerate(dates)}
    rates: dict[str, array] = {}
    for d, cur, v in zip(df[fc["date"]], df[fc["currency"]], df[fc["value"]]):
        col = rates.get(cur)
        if col is None:
            col = rates[cur] = array("d", [math.nan]) * len(dates)
        col[pos[d]] = float(v)
    return FxData(array("i", (dt.date.fromisoformat(d).toordinal() for d in dates)), rates,
                  fc.get("source", "ECB"), fc.get("url", ""))


class FxError(LookupError):
    """No rate for this pair and date."""


class Fx:
    """Exchange rates. ``lcu_per_usd(currency, year)`` supplies the annual fallback."""

    def __init__(self, data: FxData | None,
                 lcu_per_usd: Callable[[str, int], tuple[float, str] | None],
                 links: Callable[[str, dt.date], list[tuple[str, float, str]]] | None = None) -> None:
        self._d = data or FxData()
        self._wdi = lcu_per_usd
        #: links(cur, on) -> [(other, units of cur per one other, legal words)]: fixed by law.
        self._links = links

    @property
    def currencies(self) -> frozenset[str]:
        return frozenset(self._d.rates) | {"EUR"}

    # -- ECB --------------------------------------------------------------------------------
    def _per_eur(self, cur: str, i: int) -> float:
        if cur == "EUR":
            return 1.0
        col = self._d.rates.get(cur)
        return col[i] if col is not None else math.nan

    def _ecb_day(self, base: str, quote: str, on: dt.date) -> Rate | None:
        d = self._d
        if (base != "EUR" and base not in d.rates) or (quote != "EUR" and quote not in d.rates):
            return None
        i = bisect.bisect_right(d.dates, on.toordinal()) - 1
        limit = on.toordinal() - MAX_STALE_DAYS
        while i >= 0 and d.dates[i] >= limit:
            b, q = self._per_eur(base, i), self._per_eur(quote, i)
            if not (math.isnan(b) or math.isnan(q)):
                return Rate(base, quote, q / b, dt.date.fromordinal(d.dates[i]), d.source,
                            "ecb daily")
            i -= 1
        return None

    def _ecb_days(self, base: str, quote: str, lo: dt.date, hi: dt.date) -> list[tuple[float, int]] | None:
        """(cross rate, day index) for every ECB day in ``[lo, hi]`` quoting both; None when ECB
        has no series for the pair."""
        d = self._d
        if (base != "EUR" and base not in d.rates) or (quote != "EUR" and quote not in d.rates):
            return None
        a = bisect.bisect_left(d.dates, lo.toordinal())
        b = bisect.bisect_right(d.dates, hi.toordinal())
        days = []
        for i in range(a, b):
            x, y = self._per_eur(base, i), self._per_eur(quote, i)
            if not (math.isnan(x) or math.isnan(y)):
                days.append((y / x, i))
        return days

    def _ecb_average(self, base: str, quote: str, lo: dt.date, hi: dt.date,
                     what: str) -> Rate | None:
        days = self._ecb_days(base, quote, lo, hi)
        if not days:
            return None
        return Rate(base, quote, sum(v for v, _ in days) / len(days), hi, self._d.source,
                    f"ecb {what} average ({len(days)} days)")

    # -- World Bank fallback -----------------------------------------------------------------
    def _wdi_year(self, base: str, quote: str, year: int) -> Rate | None:
        def per_usd(cur: str) -> tuple[float, str] | None:
            return (1.0, "") if cur == "USD" else self._wdi(cur, year)

        b, q = per_usd(base), per_usd(quote)
        if b is None or q is None:
            return None
        src = q[1] or b[1]
        return Rate(base, quote, q[0] / b[0], dt.date(year, 12, 31), src,
                    f"wdi annual average {year}")

    # -- fixed legal factors -----------------------------------------------------------------
    def _fixed(self, base: str, quote: str, on: dt.date) -> Rate | None:
        """``quote`` per ``base`` when the law fixes it (a redenomination, the euro's rates)."""
        for other, per, words in self._links(quote, on) if self._links else ():
            if other == base:
                return Rate(base, quote, per, on, f"fixed by law: {words}", "fixed")
        return None

    def _linked(self, find: Callable[..., Rate | None], base: str, quote: str, on: dt.date,
                *args: Any) -> Rate | None:
        """``find`` for a currency fixed by law to ``base`` or ``quote`` when nobody quotes the
        one asked for (the French franc in 2000 through the euro), times the fixed factor."""
        if self._links is None:
            return None
        for b, fb, wb in [(base, 1.0, ""), *self._links(base, on)]:
            for q, fq, wq in [(quote, 1.0, ""), *self._links(quote, on)]:
                if (b, q) == (base, quote) or b == q:
                    continue
                r = find(b, q, *args)
                if r is not None:
                    words = "; ".join(w for w in (wb, wq) if w)
                    return Rate(base, quote, r.value * fq / fb, r.date_used,
                                f"{r.source} (through {q if b == base else b}: {words})" if r.source else words, r.method)
        return None

    # -- public -----------------------------------------------------------------------------
    def rate(self, base: str, quote: str, on: dt.date) -> Rate:
        """The rate on ``on`` (ECB, latest business day at or before); else WDI for the year."""
        base, quote = base.upper(), quote.upper()
        if base == quote:
            return Rate(base, quote, 1.0, on, "", "identity")
        got = (self._fixed(base, quote, on) or self._ecb_day(base, quote, on)
               or self._linked(self._ecb_day, base, quote, on, on)
               or self._wdi_year(base, quote, on.year) or self._linked(self._wdi_year, base, quote, on, on.year))
        if got is None:
            raise FxError(f"no {base}->{quote} rate on {on.isoformat()}")
        return got

    def daily_range(self, base: str, quote: str, lo: dt.date, hi: dt.date) -> tuple[Rate, Rate] | None:
        """The lowest and highest ECB daily rate in ``[lo, hi]`` (None when ECB has no quotes)."""
        base, quote = base.upper(), quote.upper()
        if base == quote or self._fixed(base, quote, lo):
            return None  # a fixed factor has no range
        for b, fb, wb in [(base, 1.0, ""), *(self._links(base, lo) if self._links else ())]:
            for q, fq, wq in [(quote, 1.0, ""), *(self._links(quote, lo) if self._links else ())]:
                days = None if b == q else self._ecb_days(b, q, lo, hi)
                if not days:
                    continue
                (vmin, imin), (vmax, imax) = min(days), max(days)
                d = self._d
                words = "; ".join(w for w in (wb, wq) if w)
                src = f"{d.source} (through {q if b == base else b}: {words})" if words else d.source
                return (Rate(base, quote, vmin * fq / fb, dt.date.fromordinal(d.dates[imin]), src, "ecb daily"),
                        Rate(base, quote, vmax * fq / fb, dt.date.fromordinal(d.dates[imax]), src, "ecb daily"))
        return None

    def monthly_average(self, base: str, quote: str, year: int, month: int) -> Rate:
        base, quote = base.upper(), quote.upper()
        p = Period.month(year, month)
        if base == quote:
            return Rate(base, quote, 1.0, p.end, "", "identity")
        got = (self._fixed(base, quote, p.start) or self._ecb_average(base, quote, p.start, p.end, "monthly")
               or self._linked(self._ecb_average, base, quote, p.start, p.start, p.end, "monthly")
               or self._wdi_year(base, quote, year) or self._linked(self._wdi_year, base, quote, p.start, year))
        if got is None:
            raise FxError(f"no {base}->{quote} rate for {p.label}")
        return got

    def annual_average(self, base: str, quote: str, year: int) -> Rate:
        """Mean of the ECB daily cross rates over the year; else the WDI official annual average."""
        base, quote = base.upper(), quote.upper()
        if base == quote:
            return Rate(base, quote, 1.0, dt.date(year, 12, 31), "", "identity")
        lo, hi = dt.date(year, 1, 1), dt.date(year, 12, 31)
        got = (self._fixed(base, quote, lo) or self._ecb_average(base, quote, lo, hi, "annual")
               or self._linked(self._ecb_average, base, quote, lo, lo, hi, "annual")
               or self._wdi_year(base, quote, year) or self._linked(self._wdi_year, base, quote, lo, year))
        if got is None:
            raise FxError(f"no {base}->{quote} rate for {year}")
        return got

    def convert(self, amount: float, from_ccy: str, to_ccy: str,
                on: dt.date | Period) -> tuple[float, Rate]:
        """Convert at a day's rate, or at the average over a month or year ``Period``."""
        if isinstance(on, Period):
            s, e = on.start, on.end
            if s.day == 1 and s.month == 1 and e == dt.date(s.year, 12, 31):
                r = self.annual_average(from_ccy, to_ccy, s.year)
            elif s.day == 1 and e == Period.month(s.year, s.month).end:
                r = self.monthly_average(from_ccy, to_ccy, s.year, s.month)
            elif s == e:
                r = self.rate(from_ccy, to_ccy, s)
            else:
                r = self._span_average(from_ccy, to_ccy, s, e)
        else:
            r = self.rate(from_ccy, to_ccy, on)
        return amount * r.value, r

    def _span_average(self, base: str, quote: str, lo: dt.date, hi: dt.date) -> Rate:
        base, quote = base.upper(), quote.upper()
        if base == quote:
            return Rate(base, quote, 1.0, hi, "", "identity")
        got = (self._fixed(base, quote, lo) or self._ecb_average(base, quote, lo, hi, "period")
               or self._linked(self._ecb_average, base, quote, lo, lo, hi, "period")
               or self._wdi_year(base, quote, hi.year) or self._linked(self._wdi_year, base, quote, lo, hi.year))
        if got is None:
            raise FxError(f"no {base}->{quote} rate for {lo}..{hi}")
        return got

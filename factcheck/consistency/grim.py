"""GRIM: a mean of whole-number answers that no sample of the stated size can produce.

"A mean of 5.27 from 43 participants on a 1-7 scale": 43 whole-number answers sum to a whole
number, so their mean is k/43, and no k/43 rounds to 5.27 (226/43 = 5.26, 227/43 = 5.28). The
test applies only when the text says the answers are whole numbers on a scale (a "1-7 scale",
or a number of items), and only when the sample is smaller than the granularity of the written
mean (two decimals: fewer than 100 answers). A mean outside the stated scale is reported too.

Brown & Heathers (2017), "The GRIM test", Social Psychological and Personality Science 8(4).
"""
from __future__ import annotations

import math

from dataclasses import dataclass

from ..model import Finding, Span
from ..ruleset.loader import Rule
from .common import Context, decimals, finding, message, patterns, statistic


@dataclass(frozen=True)
class Grim:
    consistent: bool
    below: float | None  # the nearest means the sample can produce
    above: float | None
    k_below: int
    k_above: int


def grim(mean: float, n: int, digits: int, items: int = 1) -> Grim | None:
    """Can ``n`` answers (each the sum of ``items`` whole numbers) average ``mean`` to ``digits``
    decimals? None when the test cannot tell (the sample is too large for the precision)."""
    g = n * items
    if g <= 0 or g >= 10 ** digits:
        return None
    half = 0.5 * 10.0 ** -digits
    k0 = math.floor(mean * g)
    for k in (k0 - 1, k0, k0 + 1, k0 + 2):
        if abs(k / g - mean) <= half + 1e-9:
            return Grim(True, None, None, k, k)
    lo = math.floor((mean - half) * g)
    hi = math.ceil((mean + half) * g)
    return Grim(False, lo / g, hi / g, lo, hi)


def check(ctx: Context, rule: Rule) -> list[Finding]:
    out: list[Finding] = []
    means = patterns(rule, "mean")
    sizes = patterns(rule, "n")
    scales = patterns(rule, "scale")
    items_p = patterns(rule, "items")
    for seg in ctx.body():
        text = seg.text
        found_means = [(m, p) for p in means for m in p.finditer(text)]
        if not found_means:
            continue
        para = " ".join(s.text for s in ctx.segments if s.paragraph == seg.paragraph)
        scale = next((m for p in scales for m in p.finditer(para)), None)
        if scale is None:
            continue  # no sign that the answers are whole numbers
        item_m = next((m for p in items_p for m in p.finditer(para)), None)
        items = int(item_m.group("items")) if item_m else 1
        ns = [m for p in sizes for m in p.finditer(text)]
        for m, _ in found_means:
            if not ns:
                continue
            nm = min(ns, key=lambda x: abs(x.start() - m.start()))
            n = int(nm.group("n").replace(",", ""))
            mean_text = m.group("mean")
            mean = float(mean_text)
            digits = decimals(mean_text)
            span = Span(seg.span.start + m.start("mean"), seg.span.start + m.end("mean"))
            n_span = Span(seg.span.start + nm.start("n"), seg.span.start + nm.end("n"))
            q = statistic(mean_text, span, mean, digits, kind="mean")
            lo, hi = (int(scale.group("lo")), int(scale.group("hi"))) if scale.groupdict().get("lo") else (None, None)
            if lo is not None and hi is not None and lo < hi and not lo <= mean <= hi:
                msg = message(rule, "range", "a mean of {mean} is outside the {lo}-{hi} scale the answers were given on.",
                              mean=mean_text, lo=lo, hi=hi)
                out.append(finding(rule, msg, q, seg, n_span))
                continue
            res = grim(mean, n, digits, items)
            if res is None or res.consistent:
                continue
            unit = "answers" if items == 1 else f"answers of {items} items"
            msg = message(rule, "grim", "a mean of {mean} from {n} whole-number {unit} is impossible: {n} {unit} can "
                          "average {below} ({k_below}/{g}) or {above} ({k_above}/{g}), not {mean}.",
                          mean=mean_text, n=n, unit=unit, below=f"{res.below:.{digits}f}", above=f"{res.above:.{digits}f}",
                          k_below=res.k_below, k_above=res.k_above, g=n * items)
            out.append(finding(rule, msg, q, seg, n_span))
    return out



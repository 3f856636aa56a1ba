"""Reported test statistics whose p-value does not follow from the statistic and its degrees of
freedom (statcheck's method, for science copy).

"t(28) = 2.20, p = .036": the p-value is recomputed from t and df, for every value the written
statistic may stand for (2.20 is anything in [2.195, 2.205]), and the reported p is checked
against that range as rounded to the decimals it was written with. A result that is inconsistent
and flips significance at alpha is a decision error. A result that only fits a one-tailed test
is not an error when the text says the tests were one-tailed, and is a warning when it does not.

The agreement of this module with statcheck's own coding is measured in
tests/consistency/test_statcheck_agreement.py.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from ..model import Finding, Level, Segment, Span
from ..ruleset.loader import Rule
from .common import Context, cue, decimals, finding, message, patterns, setting, statistic

_MINUS = "-−–—"


@dataclass(frozen=True)
class Result:
    """One reported test: "t(28) = 2.20, p = .036"."""

    test: str  # t, F, r, z, chi2, Q
    df1: float | None
    df2: float | None
    comparison: str  # of the statistic: "=", "<", ">"
    value: float
    value_text: str
    p_comparison: str  # "=", "<", ">" ("ns" is read as "> alpha")
    p: float
    p_text: str
    span: Span
    p_span: Span
    text: str

    @property
    def value_decimals(self) -> int:
        return decimals(self.value_text)

    @property
    def p_decimals(self) -> int:
        return decimals(self.p_text)

    @property
    def label(self) -> str:
        if self.test in ("t", "r", "Q", "chi2"):
            name = {"chi2": "χ2"}.get(self.test, self.test)
            df = self.df2 if self.test in ("t", "r") else self.df1
            return f"{name}({_num(df)}) {self.comparison} {self.value_text}"
        if self.test == "F":
            return f"F({_num(self.df1)}, {_num(self.df2)}) {self.comparison} {self.value_text}"
        return f"z {self.comparison} {self.value_text}"


@dataclass(frozen=True)
class Check:
    """The outcome of recomputing one result."""

    result: Result
    computed: float  # p from the statistic as written
    low: float  # the smallest p the written statistic allows
    high: float  # the largest
    error: bool
    decision_error: bool
    one_tailed_fits: bool = False


def _num(x: float | None) -> str:
    return "?" if x is None else (str(int(x)) if float(x).is_integer() else str(x))


def _cmp(s: str) -> str:
    return {"≤": "<", "≥": ">", "<=": "<", ">=": ">"}.get(s, s)


def _float(s: str) -> float:
    s = s.strip().replace(" ", "")
    neg = s[:1] in _MINUS
    s = s.lstrip(_MINUS).replace(",", "")
    v = float(s)
    return -v if neg else v


def parse(text: str, rule: Rule, offset: int = 0) -> list[Result]:
    """Every reported test result in ``text`` (offsets shifted by ``offset``)."""
    alpha = float(setting(rule, "alpha", 0.05))
    out: list[Result] = []
    taken: list[tuple[int, int]] = []
    for pat in patterns(rule, "result"):
        test = pat.data.get("test", pat.name)
        for m in pat.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            g = m.groupdict()
            df1 = _df(g.get("df1"))
            df2 = _df(g.get("df2"))
            value_text = g["value"]
            try:
                value = _float(value_text)
            except ValueError:
                continue
            if g.get("ns"):
                pcmp, p, p_text, ps = ">", alpha, str(alpha), m.span("ns")
            else:
                pcmp, p_text, ps = _cmp(g["pcmp"]), g["p"], m.span("p")
                p = float(p_text)
            if test == "r" and abs(value) > 1:
                continue  # not a correlation
            out.append(Result(test, df1, df2, _cmp(g.get("cmp") or "="), value, value_text.strip(), pcmp, p, p_text,
                              Span(offset + m.start("stat"), offset + m.end()), Span(offset + ps[0], offset + ps[1]),
                              text[m.start("stat"):m.end()]))
            taken.append(m.span())
    out.sort(key=lambda r: r.span.start)
    return out


def _df(s: str | None) -> float | None:
    if s is None:
        return None
    s = s.strip()
    if s in ("I", "l"):  # typeset 1
        return 1.0
    return float(s)


def compute_p(test: str, value: float, df1: float | None, df2: float | None, two_tailed: bool = True) -> float:
    """The p-value of a test statistic (two-tailed for t, r and z unless told otherwise)."""
    from scipy import stats  # NOTE: heavy import, only when a result is found

    x = abs(value)
    if test == "t":
        p = stats.t.sf(x, df2)
    elif test == "r":
        if x >= 1:
            return 0.0
        p = stats.t.sf(x / math.sqrt((1 - x * x) / df2), df2)
    elif test == "z":
        p = stats.norm.sf(x)
    elif test == "F":
        return float(stats.f.sf(value, df1, df2))
    else:  # chi2 and Q tests
        return float(stats.chi2.sf(value, df1))
    return float(2 * p if two_tailed else p)


def evaluate(r: Result, *, two_tailed: bool = True, alpha: float = 0.05, p_equal_alpha_significant: bool = True,
             p_zero_error: bool = True) -> Check:
    """statcheck's error and decision-error tests for one result."""
    step = 10.0 ** -r.value_decimals
    half = step / 2
    if r.value >= 0:
        small, large = r.value - half, r.value + half
    else:
        small, large = r.value + half, r.value - half
    if r.test == "r":
        large = math.copysign(min(abs(large), 1 - 1e-12), large)
    computed = compute_p(r.test, r.value, r.df1, r.df2, two_tailed)
    up = compute_p(r.test, small, r.df1, r.df2, two_tailed)  # a smaller statistic: a larger p
    low = compute_p(r.test, large, r.df1, r.df2, two_tailed)
    rep, pc, tc, dec = r.p, r.p_comparison, r.comparison, r.p_decimals
    if p_zero_error and rep <= 0:
        error = True
    elif tc == "=":
        error = {"=": rep > round(up, dec) or rep < round(low, dec), "<": rep < low, ">": rep > up}[pc]
    elif tc == "<":
        error = {"=": rep < round(up, dec), "<": rep < up, ">": False}[pc]
    else:
        error = {"=": rep > round(low, dec), "<": False, ">": rep > low}[pc]
    decision = bool(error) and _decision_error(rep, computed, tc, pc, alpha, p_equal_alpha_significant)
    return Check(r, computed, low, up, bool(error), decision)


def _decision_error(rep: float, comp: float, tc: str, pc: str, alpha: float, eq_sig: bool) -> bool:
    if eq_sig:
        sig_rep = rep <= alpha
        table = {
            ("=", "="): (rep <= alpha and comp > alpha) or (rep > alpha and comp <= alpha),
            ("=", "<"): sig_rep and comp > alpha,
            ("=", ">"): rep >= alpha and comp <= alpha,
            ("<", "="): sig_rep and comp >= alpha,
            ("<", "<"): sig_rep and comp >= alpha,
            (">", "="): rep > alpha and comp <= alpha,
            (">", ">"): rep >= alpha and comp <= alpha,
        }
    else:
        table = {
            ("=", "="): (rep < alpha and comp >= alpha) or (rep >= alpha and comp < alpha),
            ("=", "<"): rep <= alpha and comp >= alpha,
            ("=", ">"): rep >= alpha and comp < alpha,
            ("<", "="): rep < alpha and comp >= alpha,
            ("<", "<"): rep <= alpha and comp >= alpha,
            (">", "="): rep >= alpha and comp <= alpha,
            (">", ">"): rep >= alpha and comp <= alpha,
        }
    return bool(table.get((tc, pc), False))


def judge(r: Result, rule: Rule, one_tailed_in_text: bool) -> Check:
    """Evaluate a result two-tailed; a t, r or z result that only fits one-tailed is marked so."""
    kw: dict[str, Any] = {
        "alpha": float(setting(rule, "alpha", 0.05)),
        "p_equal_alpha_significant": bool(setting(rule, "p_equal_alpha_significant", True)),
        "p_zero_error": bool(setting(rule, "p_zero_error", True)),
    }
    two = evaluate(r, **kw)
    if two.error and r.test in ("t", "r", "z") and r.p > 0:
        one = evaluate(r, two_tailed=False, **kw)
        if not one.error:
            if one_tailed_in_text:
                return one
            return Check(r, two.computed, two.low, two.high, True, two.decision_error, one_tailed_fits=True)
    return two


def _p(x: float) -> str:
    """A p-value as papers write it: .036, .0004, < .001."""
    if x < 0.001:
        return f"{x:.2g}".replace("0.", ".") if x >= 1e-4 else f"{x:.1e}"
    return f"{x:.3f}".lstrip("0")


def describe(c: Check, rule: Rule) -> str:
    r = c.result
    alpha = float(setting(rule, "alpha", 0.05))
    reported = f"p {r.p_comparison} {r.p_text}"
    if r.p <= 0:
        return message(rule, "zero", "{result}: {reported} is impossible; a p-value is never zero "
                       "(write p < {smallest}).", result=r.label, reported=reported,
                       smallest="." + "0" * (max(r.p_decimals, 3) - 1) + "1")
    spread = "" if _p(c.low) == _p(c.high) else f" (from {_p(c.low)} to {_p(c.high)} given the rounding of {r.value_text})"
    fields = dict(result=r.label, computed=_p(c.computed), spread=spread, reported=reported,
                  alpha=f"{alpha:g}".lstrip("0"),
                  one_tailed=_p(c.computed / 2))
    if c.one_tailed_fits:
        return message(rule, "one_tailed", "{result} gives two-tailed p = {computed}{spread}, not {reported}; "
                       "{reported} fits only a one-tailed test (p = {one_tailed}), which the text does not state.",
                       **fields)
    if c.decision_error:
        sig = c.computed <= alpha
        fields["flip"] = "significant" if sig else "not significant"
        return message(rule, "decision", "{result} gives p = {computed}{spread}, not {reported}: "
                       "the result is {flip} at {alpha}.", **fields)
    return message(rule, "error", "{result} gives p = {computed}{spread}, not {reported}.", **fields)


def check(ctx: Context, rule: Rule) -> list[Finding]:
    text = ctx.doc.text
    one_tailed = bool(cue(rule, "one_tailed").search(text))
    out: list[Finding] = []
    for r in parse(text, rule):
        seg = _segment_at(ctx, r.span)
        if seg is None:
            continue
        c = judge(r, rule, one_tailed)
        if not c.error:
            continue
        q = statistic(r.text, r.span, r.value, r.value_decimals)
        level = Level.WARNING if c.one_tailed_fits else None
        out.append(finding(rule, describe(c, rule), q, seg, r.p_span, level))
    return out


def _segment_at(ctx: Context, span: Span) -> Segment | None:
    for s in ctx.segments:
        if s.span.start <= span.start < s.span.end:
            return s
    return None


def results_in(text: str, rule: Rule) -> list[tuple[Result, Check]]:
    """Every result in a text with its check (for the agreement test and ``factcheck explain``)."""
    one_tailed = bool(cue(rule, "one_tailed").search(text))
    return [(r, judge(r, rule, one_tailed)) for r in parse(text, rule)]


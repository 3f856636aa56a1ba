"""Numbers as written -> value and precision: "3.7 million", "nine", "a third", "1,200", "2 1/2", "2-1/2".

Two entry points, both pure and cheap (no pint, no I/O):

* ``parse_digits("1,234.5")`` -> ``(1234.5, 0.1)``: one token of digits, with thousands
  separators (``,`` ``.`` thin and no-break spaces), a decimal comma where the grouping proves
  it, scientific notation and slash fractions; a mixed number ("2 1/2", "2-1/2", "2½") has the
  precision of its fraction (a half).
* ``NumberGrammar.parse(tokens)``: a run of number tokens ("two hundred and forty-five
  thousand", "4 thousand 3 hundred and 21", "five and a half million") -> the numbers it holds;
  a run that holds two numbers ("45 and 50", "423 0000") is split where English grammar says so.

Precision is ``u`` of ARCHITECTURE section 5: the unit of the last significant digit written.
Trailing zeros of a whole number of 100 or more are not significant ("600,000" -> 100,000).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Sequence

_SPACES = str.maketrans("", "", " \u00a0\u202f\u2009\u2007")
_SCI = re.compile(r"^(?P<m>[+-]?[\d.,]*\d)(?:[eE](?P<e1>[+-]?\d+)|\s?[x×*]\s?10\^?(?P<e2>[-+−]?\d+))$")
_POW = re.compile(r"^(?P<b>[+-]?[\d.,]*\d)\^(?P<e>[-+−]{0,2}\d+)$")
#: Vulgar fraction characters: (numerator, denominator).
_UNICODE_FRACTION_PARTS = {
    "½": (1, 2), "⅓": (1, 3), "⅔": (2, 3), "¼": (1, 4), "¾": (3, 4), "⅕": (1, 5), "⅖": (2, 5), "⅗": (3, 5),
    "⅘": (4, 5), "⅙": (1, 6), "⅚": (5, 6), "⅛": (1, 8), "⅜": (3, 8), "⅝": (5, 8), "⅞": (7, 8),
    "⅐": (1, 7), "⅑": (1, 9), "⅒": (1, 10),
}
_UNICODE_FRACTIONS = {ch: n / d for ch, (n, d) in _UNICODE_FRACTION_PARTS.items()}
#: A mixed number's whole part and numerator: "2 1/2", "2-1/2" (the slash and denominator follow).
_MIXED = re.compile(r"^(\d+)(?:\s+|[-‐])(\d+)$")
UNICODE_FRACTION_CHARS = "".join(_UNICODE_FRACTIONS)


def integer_precision(value: float) -> float:
    """u of a whole number written in full: 1 below 100, else the last non-zero digit's place."""
    if not math.isfinite(value):
        return 1.0
    v = abs(round(value))
    if v < 100:
        return 1.0
    u = 1
    while v % 10 == 0 and v:
        v //= 10
        u *= 10
    return float(u)


def _plain_precision(s: str) -> float:
    """u of a plain decimal string without separators ("3.70" -> 0.01, "600000" -> 100000)."""
    if "." in s:
        return 10.0 ** -len(s.split(".", 1)[1])
    return integer_precision(float(s)) if s.strip("+-") else 1.0


def _normalise_separators(s: str) -> str:
    """Remove thousands separators and make the decimal mark a point."""
    s = s.translate(_SPACES)
    if "," in s and "." in s:
        if s.rfind(",") > s.rfind("."):  # European 1.234.567,5
            return s.replace(".", "").replace(",", ".")
        return s.replace(",", "")
    if "," in s:
        parts = s.split(",")
        if len(parts) == 2 and len(parts[1]) in (1, 2):  # decimal comma: "1,3", "5,00"
            return parts[0] + "." + parts[1]
        return s.replace(",", "")
    if s.count(".") >= 2:  # European thousands without decimals: 1.234.567
        return s.replace(".", "")
    return s


def parse_digits(token: str) -> tuple[float, float | None] | None:
    """Value and precision of one digit token; None when it is not a (finite) number."""
    try:
        got = _parse_digits(token)
    except (OverflowError, ValueError, ZeroDivisionError):
        return None
    if got is None or not math.isfinite(got[0]) or (got[1] is not None and not math.isfinite(got[1])):
        return None
    return got


def _parse_digits(token: str) -> tuple[float, float | None] | None:
    """Value and precision of one digit token; None when it is not a number.

    >>> parse_digits("900,000")
    (900000.0, 100000.0)
    >>> parse_digits("3/4")
    (0.75, None)
    >>> parse_digits("2-1/2")
    (2.5, 0.5)
    """
    t = token.strip()
    if not t:
        return None
    whole = 0.0
    if t[-1] in _UNICODE_FRACTIONS:
        frac = _UNICODE_FRACTIONS[t[-1]]
        head = t[:-1].strip()
        if head:
            got = parse_digits(head)
            if got is None:
                return None
            # a mixed number is written to the fraction's denominator: "2½" is 2.5 to a half
            return (got[0] + frac, 1.0 / _UNICODE_FRACTION_PARTS[t[-1]][1])
        return (frac, None)
    if "/" in t:
        head, _, tail = t.rpartition("/")
        head = head.strip()
        mixed = _MIXED.match(head)
        try:
            if mixed:
                whole, num = float(mixed.group(1)), float(mixed.group(2))
            else:
                num = float(head)
            den = float(tail.strip())
        except ValueError:
            return None
        if den == 0:
            return None
        # "2-1/2", "7 3/8": the whole and the fraction are one number, written to 1/den
        return (whole + num / den, 1.0 / den if mixed else None)
    pw = _POW.match(t)
    if pw:
        base = parse_digits(pw.group("b"))
        exp = pw.group("e").replace("−", "-")
        sign = -1 if exp.count("-") % 2 else 1
        if base is None:
            return None
        try:
            value = base[0] ** (sign * int(exp.lstrip("+-")))
        except (OverflowError, ZeroDivisionError):
            return None
        return (value, None)
    m = _SCI.match(t)
    if m:
        mant = _normalise_separators(m.group("m"))
        exp = int((m.group("e1") or m.group("e2")).replace("−", "-"))
        try:
            value = float(mant) * 10.0 ** exp
        except ValueError:
            return None
        dec = len(mant.split(".", 1)[1]) if "." in mant else 0
        return (value, 10.0 ** (exp - dec))
    s = _normalise_separators(t)
    try:
        value = float(s)
    except ValueError:
        return None
    return (value, _plain_precision(s.lstrip("+-")))


# ---------------------------------------------------------------------------------------------
# Spelled-out numbers


@dataclass(frozen=True)
class Token:
    """One token of a number run: its text (lower case), kind and offsets in the run."""

    text: str
    kind: str  # digit | card | scale | frac | a | and | point | couple | ord
    start: int
    end: int
    value: float = 0.0
    precision: float | None = None


@dataclass
class ParsedNumber:
    """A number found in a run: value, precision and the span of its tokens in the run."""

    value: float
    precision: float | None
    start: int
    end: int
    kind: str = "count"  # count | fraction
    words: bool = False
    #: The scale multiplier written after a single digit token ("3.7 million" -> 1e6), else 1.
    scale: float = 1.0
    #: True when the number is one bare digit token (no words, no scale).
    plain_digits: bool = False


@dataclass
class NumberGrammar:
    """English number grammar over lexicons (rules/lexicon/number_words, scales, fractions)."""

    cardinals: dict[str, float]
    scales: dict[str, float]
    fractions: dict[str, float]
    ordinals: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.tens = {w: v for w, v in self.cardinals.items() if v >= 20 and v % 10 == 0}
        self._tens_values = frozenset(self.tens.values())

    # -- tokens ------------------------------------------------------------------------------
    def classify(self, word: str) -> tuple[str, float]:
        w = word.lower()
        if w in self.cardinals:
            return "card", self.cardinals[w]
        if w in self.scales:
            return "scale", self.scales[w]
        if w in self.fractions:
            return "frac", self.fractions[w]
        if w in ("a", "an"):
            return "a", 1.0
        if w in ("and", "&"):
            return "and", 0.0
        if w == "point":
            return "point", 0.0
        if w in ("couple", "pair"):
            return "couple", 2.0
        if w in ("of",):
            return "of", 0.0
        if "-" in w:  # compound ordinal "twenty-first" used as a denominator
            head, _, tail = w.partition("-")
            if head in self.tens and tail in self.ordinals:
                return "frac", self.tens[head] + self.ordinals[tail]
            if head in self.tens and tail.endswith("s") and tail[:-1] in self.ordinals:
                return "frac", self.tens[head] + self.ordinals[tail[:-1]]
        return "other", 0.0

    # -- parse -------------------------------------------------------------------------------
    def parse(self, tokens: Sequence[Token]) -> list[ParsedNumber]:
        """Split a run of tokens into numbers (greedy, left to right)."""
        out: list[ParsedNumber] = []
        i = 0
        n = len(tokens)
        while i < n:
            got, j = self._number(tokens, i)
            if got is None:
                i += 1
                continue
            out.append(got)
            i = max(j, i + 1)
        return out

    def _whole(self, toks: Sequence[Token], i: int) -> tuple[_Whole | None, int]:
        """A whole number: cardinals, digits, hundred, big scales, dozen ("4 thousand 3 hundred and 21")."""
        n = len(toks)
        w = _Whole(end=i)
        j = i
        last = ""
        while j < n:
            t = toks[j]
            k = t.kind
            nxt = toks[j + 1] if j + 1 < n else None
            if k == "and":
                # "and" joins a smaller part after hundred or a big scale ("one hundred and six")
                if last in ("hundred", "scale") and nxt is not None and nxt.kind in ("card", "digit"):
                    sub, sub_end = self._whole(toks, j + 1)
                    limit = 100.0 if last == "hundred" else w.last_scale
                    if sub is None or sub.lead() >= limit or sub.value() % 1 or (
                            sub_end < n and toks[sub_end].kind == "frac" and sub.value() < toks[sub_end].value):
                        # a proper fraction after "and" completes a mixed number ("one hundred and
                        # three quarters"); an improper one continues the numerator ("... and thirty fifths")
                        break
                    if nxt.kind == "card" and last == "hundred" and w.group % 100:
                        break
                    j += 1
                    last = "and"
                    continue
                break
            if k == "digit":
                v = t.value
                if last == "":
                    w.group = w.piece = v
                    w.digit_tokens = 1
                    w.digit_prec = t.precision
                    w.digit_text = t.text
                elif last in ("scale", "and") and v < w.last_scale and v % 1 == 0 and v < 1000 and w.group == 0:
                    w.group = w.piece = v
                    w.digit_tokens += 1
                elif last in ("hundred", "and") and v < 100 and v % 1 == 0 and w.group % 100 == 0 and w.group:
                    w.group += v
                    w.piece = v
                    w.digit_tokens += 1
                else:
                    break
                last = "digit"
                j += 1
                w.end = j
                continue
            if k == "card":
                v = t.value
                if last == "":
                    w.group = w.piece = v
                elif last == "card" and w.piece in self._tens_values and v < 10 and v > 0 and toks[j - 1].kind == "card" and toks[j - 1].value == w.piece:
                    w.group += v
                    w.piece += v
                elif last in ("hundred", "and") and v < 100 and w.group % 100 == 0 and w.group:
                    w.group += v
                    w.piece = v
                elif last in ("scale", "and") and w.group == 0 and v < w.last_scale:
                    w.group = w.piece = v
                else:
                    break
                w.words = True
                last = "card"
                j += 1
                w.end = j
                continue
            if k == "scale":
                s = t.value
                if s == 12:  # dozen multiplies the last part
                    if last == "":
                        w.group = w.piece = 12.0
                    elif last in ("card", "digit", "hundred"):
                        w.group = w.group - w.piece + w.piece * 12
                        w.piece = w.group
                    else:
                        break
                    if w.digit_tokens == 1:
                        w.mult *= 12
                    w.words = True
                    last = "dozen"
                    j += 1
                    w.end = j
                    continue
                if s == 100:
                    if last == "":
                        w.group = w.piece = 100.0
                    elif last in ("card", "digit") and w.group < 100:
                        w.group *= 100
                        w.piece = w.group
                        if w.digit_tokens == 1:
                            w.mult *= 100
                    elif last in ("card", "digit") and w.group % 100 and w.piece < 100 and w.group > 100 and False:
                        break
                    elif last == "digit" and w.digit_tokens == 1 and not w.words:
                        w.group *= 100
                        w.piece = w.group
                        w.mult *= 100
                    else:
                        break
                    w.words = True
                    last = "hundred"
                    j += 1
                    w.end = j
                    continue
                # a big scale: thousand, million, lakh, crore...
                if w.first_group is None:
                    w.first_group = w.group if last != "" else 1.0
                if last == "":
                    w.total += s
                    w.group = w.piece = 0.0
                elif last in ("card", "digit", "hundred", "dozen") and s < w.last_scale:
                    w.total += w.group * s
                    w.group = w.piece = 0.0
                    if w.digit_tokens == 1:
                        w.mult *= s
                elif last == "scale" and s > w.last_scale and w.group == 0:
                    w.total *= s  # "three lakh crore", "three thousand millions"
                    if w.digit_tokens == 1:
                        w.mult *= s
                else:
                    break
                w.last_scale = min(w.last_scale, s) if last != "scale" else s
                w.words = True
                last = "scale"
                j += 1
                w.end = j
                continue
            break
        if w.end == i:
            return None, i
        w.last = last if last != "and" else "scale"
        return w, w.end

    def _number(self, toks: Sequence[Token], i: int) -> tuple[ParsedNumber | None, int]:
        n = len(toks)
        t0 = toks[i]
        a_start = False
        j = i
        if t0.kind == "a":
            if i + 1 >= n or toks[i + 1].kind not in ("scale", "frac", "couple"):
                return None, i + 1
            a_start = True
            j = i + 1
        if j < n and toks[j].kind == "couple":
            if not a_start:
                return None, j + 1
            end = j + 1
            if end < n and toks[end].kind == "of":
                pass
            return ParsedNumber(2.0, 1.0, t0.start, toks[j].end, "count", True), end
        whole, j2 = self._whole(toks, j) if j < n else (None, j)
        value: float
        prec: float | None
        kind = "count"
        end = j2 if whole is not None else j
        if whole is not None:
            value = whole.value()
            prec = whole.precision()
            # decimals in words: "two point five", "1 point 1", "two hundred point zero three"
            if end + 1 < n and toks[end].kind == "point" and whole.last in ("card", "digit", "hundred"):
                dec, k = self._decimals(toks, end + 1)
                if dec:
                    value = whole.value() + float("0." + dec)
                    prec = 10.0 ** -len(dec)
                    end = k
                    if end < n and toks[end].kind == "scale" and toks[end].value >= 1000:
                        value *= toks[end].value
                        prec *= toks[end].value
                        end += 1
                    return ParsedNumber(value, prec, t0.start, toks[end - 1].end, "count", True), end
        elif toks[j].kind == "point" and j + 1 < n:
            dec, k = self._decimals(toks, j + 1)
            if not dec:
                return None, j + 1
            return ParsedNumber(float("0." + dec), 10.0 ** -len(dec), t0.start, toks[k - 1].end, "count", True), k
        elif toks[j].kind != "frac" or not (a_start or toks[j].text.rstrip("s") in ("half", "quarter")):
            return None, j + 1
        # fractions: "two thirds", "and a half", "a quarter of a million"
        frac_start = end
        f = self._fraction(toks, frac_start, whole, a_start)
        if f is not None:
            fval, fend, mixed = f
            base = whole.value() if (whole is not None and mixed) else 0.0
            scale_after = 0.0
            k = fend
            if k < n and toks[k].kind == "of":
                k += 1
            if k < n and toks[k].kind == "a":
                k += 1
            if k < n and toks[k].kind == "scale" and toks[k].value >= 12:
                scale_after = toks[k].value
                fend = k + 1
            if scale_after:
                if whole is not None and mixed and whole.last_scale != math.inf and whole.last_scale > scale_after:
                    value = base + fval * scale_after
                else:
                    value = (base + fval) * scale_after
                prec = None
                kind = "count"
            elif whole is not None and mixed and whole.last == "scale" and whole.last_scale != math.inf:
                value = base + fval * whole.last_scale  # "three million and a half"
                prec = None
                kind = "count"
            else:
                value = base + fval
                prec = None
                kind = "fraction" if base == 0 else "count"
            return ParsedNumber(value, prec, t0.start, toks[fend - 1].end, kind, True), fend
        if whole is None:
            return None, j + 1
        value = float(f"{value:.15g}")
        prec = None if prec is None else float(f"{prec:.15g}")
        return ParsedNumber(value, prec, t0.start, toks[end - 1].end, "count", whole.words or a_start,
                            whole.mult if whole.digit_tokens == 1 else 1.0,
                            whole.digit_tokens == 1 and not whole.words and end - i == 1), end

    def _fraction(self, toks: Sequence[Token], j: int, whole: "_Whole | None", a_start: bool
                  ) -> tuple[float, int, bool] | None:
        """A fraction at token j: (value, end, mixed) where mixed means it adds to the whole."""
        n = len(toks)
        if j >= n:
            return None
        t = toks[j]
        if t.kind == "and" and whole is not None:
            k = j + 1
            if k < n and toks[k].kind == "a" and k + 1 < n and toks[k + 1].kind == "frac":
                return 1.0 / toks[k + 1].value, k + 2, True
            num = self._whole(toks, k)[0] if k < n else None
            if num is not None and num.end < n and toks[num.end].kind == "frac" and num.value() < 1000:
                return num.value() / toks[num.end].value, num.end + 1, True
            return None
        if t.kind == "frac":
            if whole is not None:
                if whole.total:
                    return None
                return whole.value() / t.value, j + 1, False
            if a_start or t.text.rstrip("s") in ("half", "quarter"):
                return 1.0 / t.value, j + 1, False
        return None

    def _decimals(self, toks: Sequence[Token], j: int) -> tuple[str, int]:
        n = len(toks)
        if j >= n:
            return "", j
        t = toks[j]
        if t.kind == "digit" and t.text.isdigit():
            return t.text, j + 1
        out = ""
        k = j
        while k < n and toks[k].kind == "card" and toks[k].value < 10:
            out += str(int(toks[k].value))
            k += 1
        if out:
            return out, k
        if t.kind == "card":
            v = t.value
            k = j + 1
            if v in self._tens_values and k < n and toks[k].kind == "card" and 0 < toks[k].value < 10:
                v += toks[k].value
                k += 1
            return str(int(v)), k
        return "", j


@dataclass
class _Whole:
    """The state of a whole number being read."""

    total: float = 0.0
    group: float = 0.0
    piece: float = 0.0
    last_scale: float = math.inf
    mult: float = 1.0
    digit_tokens: int = 0
    digit_prec: float | None = None
    digit_text: str = ""
    words: bool = False
    end: int = 0
    last: str = ""

    #: The first group, before any big scale ("forty-five" in "forty-five thousand").
    first_group: float | None = None

    def value(self) -> float:
        return self.total + self.group

    def lead(self) -> float:
        return self.first_group if self.first_group is not None else self.group

    def precision(self) -> float | None:
        v = self.value()
        if self.digit_tokens == 1 and self.digit_prec is not None and (not self.words or self.mult != 1) and self.group == 0 or (
                self.digit_tokens == 1 and not self.words):
            return None if self.digit_prec is None else self.digit_prec * self.mult
        if v % 1 == 0:
            return integer_precision(v)
        return None

"""Reading right of a number, first part: an ordinal suffix, a stated uncertainty, a scale suffix
("4.7bn"), a currency or its minor unit, then a percent sign or unit (with "squared", "on the
Celsius scale", "below zero"); the unit checks, rates and counted nouns are in context_units.py."""
from __future__ import annotations

import re

from ..numbers import parse_digits
from .cand import _FRACTION_OF, Cand, _word_after
from .context_units import _STOP_NOUN, UnitReader

_PLUSMINUS = re.compile(r"\s?(?:±|\+/-|\+-)\s?(\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)")
_OF = re.compile(r"\s+of\b")
_HYPHEN_POUND = re.compile(r"\s*-\s*pound\b", re.I)
_LETTERS = re.compile(r"[a-z]+")
_NEXT_AMOUNT = re.compile(r"([ \t]?)\d[\d,.]*")
_POWER_WORD = re.compile(r"\s+(squared|cubed)\b", re.I)
_ON_SCALE = re.compile(r"\s+on\s+the\s+(celsius|centigrade|fahrenheit|kelvin)\s+scale\b", re.I)
_SCALE_UNITS = {"celsius": "degree_Celsius", "centigrade": "degree_Celsius", "fahrenheit": "degree_Fahrenheit",
                "kelvin": "kelvin"}
_FACTOR_AFTER = re.compile(r"\s+(?:more|less|fewer|as|higher|lower|larger|smaller|bigger|greater|faster|slower|the)\b", re.I)
_LENGTHS = frozenset({"meter", "kilometer", "centimeter", "millimeter", "mile", "foot", "yard", "inch"})
_BELOW_ZERO = re.compile(r"\s+below\s+zero\b", re.I)


class RightReader(UnitReader):
    def _right(self, cand: Cand, nxt: int | None) -> None:
        text = self.text
        c = self.c
        e = cand.num_end
        # ordinal suffix on digits
        if cand.plain and text[e:e + 2].lower() in ("st", "nd", "rd", "th") and not text[e + 2:e + 3].isalpha():
            cand.kind = "ordinal"
            cand.end = e + 2
            cand.precision = 1.0
            return
        if nxt is not None and nxt <= e:
            return
        # an explicit uncertainty: "2,000.45±0.01", "9.83e-3 +/- 1e-5"
        um = _PLUSMINUS.match(text, e) if ("±" in text[e:e + 2] or "+" in text[e:e + 2]) else None
        if um:
            got = parse_digits(um.group(1))
            if got is not None:
                cand.flags.add("pm:%r" % got[0])
                e = um.end()
                cand.end = e
        # scale suffix ("4.7bn", "3.7m", "10k")
        if not cand.words and cand.scale == 1.0:
            m = c.scale_suffix.match(text, e)
            if m:
                key = m.group("s") or m.group("g")
                mult, ctx = c.scale_suffix_map[key]
                ok = True
                if ctx:
                    # the lexicon says where an ambiguous letter is a scale: with money, with a count of
                    # people, with a decimal figure ("1.2b"), or unless the figure is finely written
                    # ("573.15K" is kelvin)
                    money = cand.kind == "money" or bool(c.currency_after.match(text, m.end()))
                    decimals = len(cand.raw.rpartition(".")[2]) if "." in cand.raw else 0
                    count = False
                    if "count" in ctx and not money:
                        count = _word_after(text, m.end()) in c.person_nouns
                    if ctx == "not_fine":
                        ok = money or decimals < 2
                    else:
                        ok = money or count or ("decimal" in ctx and decimals > 0)
                if ok:
                    self._scale(cand, mult)
                    e = m.end()
                    cand.end = e
        # currency after the number
        if cand.kind != "money":
            m = c.currency_after.match(text, e)
            if m:
                key = m.group("sym") or m.group("code") or (m.group("name") or "").lower()
                if m.group("name"):
                    key = " ".join(key.split())
                code = c.currency_after_map.get(key) or c.currency_after_map.get(key.replace(" ", ""))
                if code and m.group("name") and key in c.unit_words and self._weight(cand, m.end()):
                    code = None  # "pounds" of meat: a currency name that is also a unit of weight
                if code and (m.group("sym") or m.group("code")) and self._prefix_of_next(m.end()):
                    code = None  # "1 $10 dollars bill", "3 USD50 cards": the symbol belongs to the next amount
                if code:
                    if code.startswith("M") and len(code) == 4:
                        self._scale(cand, 1e6)
                        code = code[1:]
                    cand.unit = code
                    cand.kind = "money"
                    e = m.end()
                    cand.end = e
                    sm = c.big_scale_after.match(text, e)
                    if sm and cand.scale == 1.0:
                        self._scale(cand, c.scale_words[sm.group("w").lower()])
                        e = sm.end()
                        cand.end = e
        elif cand.currency_left:
            # "$4.7 billion dollars" rarely; "US$ 1MM" handled by the scale suffix
            pass
        if cand.kind != "money":
            m = c.subunit.match(text, e)
            if m:
                key = m.group("g") or m.group("cs") or (m.group("w") or "").lower()
                code, f = c.subunit_map.get(key, ("USD", 0.01))
                cand.unit = code
                cand.kind = "money"
                cand.value *= f
                if cand.precision is not None:
                    cand.precision *= f
                cand.subunit = True
                e = m.end()
                cand.end = e
        if cand.kind == "money":
            self._per(cand, e, money=True)
            return
        # percent and units ("half a liter", "tenth of a gallon": a fraction of a unit)
        m = c.unit.match(text, e)
        if cand.kind == "fraction" and not (m and (m.group("w") or m.group("s"))):
            fm = _FRACTION_OF.match(text, e)
            if fm:
                m2 = c.unit.match(text, fm.end())
                if m2 and m2.group("w"):
                    m = m2
        if m and (m.group("w") or m.group("s") or m.group("g")):
            info, ok = self._unit_ok(cand, m)
            if ok and info is not None:
                if m.group("open") and not m.group("close"):
                    pass
                cand.unit = info.unit
                cand.kind = info.kind
                e = m.end() if (m.group("close") or not m.group("open")) else m.end()
                cand.end = e
                if info.kind == "measure" and info.unit:
                    pm = _POWER_WORD.match(text, e)
                    if pm and info.unit in _LENGTHS:
                        cand.unit = ("square " if pm.group(1).lower() == "squared" else "cubic ") + info.unit
                        cand.end = e = pm.end()
                    sm = _ON_SCALE.match(text, e)
                    if sm and info.unit == "degree":
                        cand.unit = _SCALE_UNITS[sm.group(1).lower()]
                        cand.end = e = sm.end()
                if info.kind == "frequency":
                    self._per(cand, e, money=False)
                    if "/" not in (cand.unit or ""):
                        fm = _FACTOR_AFTER.match(text, cand.end)
                        cand.kind = "factor" if fm else "count"
                        cand.unit = None
                    return
                if info.kind in ("measure",):
                    bz = _BELOW_ZERO.match(text, e)
                    if bz and cand.value > 0:
                        cand.value = -cand.value
                        cand.end = e = bz.end()
                    self._per(cand, e, money=False)
                    e = cand.end
                elif info.kind == "duration" and "age" in cand.flags:
                    cand.kind = "age"
                return
        bz = _BELOW_ZERO.match(text, e)
        if bz and cand.kind == "count" and cand.value > 0:
            cand.value = -cand.value
            cand.unit, cand.kind = "degree", "measure"
            cand.end = bz.end()
            return
        if "age" in cand.flags and cand.kind == "count":
            cand.kind = "age"
            cand.unit = "year"
            return
        if cand.kind in ("count",):
            self._noun(cand, e)

    def _change_after(self, cand: Cand) -> None:
        """A change stated after the figure ("a 31% fall", "a 0.5 pct rate cut"), and a negative
        rate ("a negative 1.4 pct", "minus 3%"): a change down."""
        if cand.direction is not None or cand.kind in ("ordinal", "factor"):
            return
        m = self.c.noun_after.match(self.text, cand.end) if self.c.noun_after is not None else None
        if m and (m.group("w") is None or m.group("w").lower() not in _STOP_NOUN):
            cand.direction = self.c.direction_noun_map.get(m.group("n").lower())
            cand.change = "by"
        elif "neg" in cand.flags and cand.value < 0 and cand.kind in ("percent", "percentage_point"):
            cand.direction = "down"

    def _prefix_of_next(self, pos: int) -> bool:
        """Does a currency symbol or code ending at ``pos`` open the next amount instead?"""
        text = self.text
        nm = _NEXT_AMOUNT.match(text, pos)
        if nm is None:
            return False
        if nm.group(1) == "":
            return True  # glued: "USD50"
        after = self.c.currency_after.match(text, nm.end())
        return bool(after and after.group("name"))

    def _weight(self, cand: Cand, after: int) -> bool:
        """Is "pound(s)" here a weight? (lexicon weight_cues; money otherwise)."""
        text = self.text
        if cand.scale >= 1e6:
            return False
        if _OF.match(text, after):
            return True
        if text[cand.num_end:cand.num_end + 1] == "-" or _HYPHEN_POUND.match(text, cand.num_end):
            return True
        lo = max(0, cand.num_start - 80)
        around = text[lo:after + 60].lower()
        return any(w in self.c.weight_words for w in _LETTERS.findall(around))

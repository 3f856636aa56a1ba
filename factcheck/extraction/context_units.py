"""Reading right of a number, second part: whether a unit word or symbol is one here ("2 in thick"
but not "2 in the"), rates ("per year", "/km", "a day"), and the noun a count counts."""
from __future__ import annotations

import re

from .cand import Cand, PassState
from .tables import UnitInfo

_TIME_UNITS = frozenset({"year", "month", "week", "day", "hour", "minute", "second", "millisecond",
                         "fortnight", "decade", "century", "millennium"})
_STOP_NOUN = frozenset("""the a an of in on at to for from and or but with by as is are was were be been have has had
will would that which who whom since than per into over under about after before during this these those its their
his her our your my new more most less least other such said says say than""".split())
_LOOSE_HYPHEN = re.compile(r"\s*-\s*")
_INCH_AFTER = re.compile(r"^(?:\s*[.,;)]|\s*$|\s+(?:thick|long|wide|tall|deep|high|across|diameter|of (?:rain|snow))\b)")
_FEET_BEFORE = re.compile(r"(?:ft|feet|foot|')\s*$")
_NOT_RATE = re.compile(r"\s+(?:earlier|ago|before|later|after|prior|on|from|in)\b")


class UnitReader(PassState):
    def _unit_ok(self, cand: Cand, m: re.Match[str]) -> tuple[UnitInfo | None, bool]:
        text = self.text
        c = self.c
        if m.group("w"):
            w = " ".join(m.group("w").lower().replace("‐", "-").split())
            w = _LOOSE_HYPHEN.sub("-", w)
            info = c.unit_words.get(w)
            if info is None:
                info = c.unit_words.get(w.replace("-", " "))
            if info is None:
                return None, False
            if info.not_before is not None and info.not_before.match(text, m.end()):
                return None, False
            sep = m.group("sep")
            if "-" in sep and info.kind in ("percent", "percentage_point"):
                return None, False
            if info.unit == "second" and cand.kind == "ordinal":
                return None, False
            return info, True
        key = m.group("s") or m.group("g")
        info = c.unit_symbols.get(key)
        if info is None:
            return None, False
        if info.not_before is not None and info.not_before.match(text, m.end()):
            return None, False  # "3 Mt Everest expeditions"
        sep = m.group("sep")
        if key == "in":
            # "in" is an inch only where nothing else can follow ("2 in thick", "5 in.", "ft 2 in")
            after = text[m.end():m.end() + 12]
            if not (_INCH_AFTER.match(after) or _FEET_BEFORE.search(text, max(0, cand.num_start - 12), cand.num_start)):
                return None, False
        if key in ("'", "′", '"', "''", "″") and (sep or text[m.end():m.end() + 1].isalpha()):
            return None, False
        nxt_ch = text[m.end():m.end() + 1]
        if key in ("C",) and (abs(cand.value) >= 1000 or (nxt_ch and nxt_ch in "/") or (nxt_ch == "." and text[m.end() + 1:m.end() + 2].isalnum())):
            return None, False
        if nxt_ch == "-" and len(key) == 1 and text[m.end() + 1:m.end() + 2].isdigit():
            return None, False  # "24703 L-202": a code
        if key in ('"', "''", "″"):
            line_start = text.rfind("\n", 0, cand.num_start) + 1
            if text.count('"', line_start, cand.num_start) % 2 == 1:
                return None, False  # the closing quote of a quotation
        if key in ("A", "V", "W", "J", "b", "t", "h", "L", "l", "g", "am", "pm") and "-" in sep:
            return None, False
        if key in ("am", "pm") and (cand.words or cand.precision is None or cand.precision in (1.0, 0.01)):
            return None, False
        return info, True

    def _per(self, cand: Cand, e: int, *, money: bool) -> None:
        text = self.text
        m = self.c.per.match(text, e)
        if not m:
            return
        sep = m.group("sep")
        indefinite = "/" not in sep and "per" not in sep.lower()
        if indefinite and _NOT_RATE.match(text, m.end()):
            return  # "$1.17 billion a year earlier"
        if m.group("w"):
            w = " ".join(m.group("w").lower().split())
            den: str | None = self.c.rate_bases.get(w)
            if den is None:
                info = self.c.unit_words.get(w)
                den = info.unit if info else None
        else:
            info = self.c.unit_symbols.get(m.group("s"))
            den = info.unit if info else None
        if not den or den in ("percent", "percentage_point"):
            return
        base = cand.unit or ""
        if indefinite:
            if den not in _TIME_UNITS:
                if money and cand.unit is not None:
                    # "$80 a barrel", "50 cents a litre": a price; the unit priced is read with it
                    # (no stray "a barrel" of 1 barrel) and the figure stays money, as news
                    # annotation has it.
                    cand.end = m.end()
                return
            if not money and base not in ("mile", "kilometer", "meter", "foot", "nautical_mile", "count"):
                return
        if cand.unit is None:
            return
        cand.unit = f"{cand.unit} / {den}"
        if money:
            cand.kind = "rate"
        cand.end = m.end()
        if not indefinite and cand.unit.count("/") == 1:
            self._per(cand, cand.end, money=money)  # "20 J/m^2 per year"

    def _noun(self, cand: Cand, e: int) -> None:
        """A count: find the counted noun (person nouns give unit person), and the base it is
        counted per ("7 doctors per 1,000 people": a rate, unit 1 / thousand_people)."""
        text = self.text
        c = self.c
        pos = e
        for _ in range(3):
            if self._rate_base(cand, pos):
                return
            m = c.noun_words.match(text, pos)
            if not m:
                return
            w = m.group(1).lower().rstrip("'’")
            if w in c.person_nouns:
                cand.unit = "person"
                cand.noun = w
                self._rate_base(cand, m.end())
                return
            if w in _STOP_NOUN or w in c.unit_words:
                return
            if cand.noun is None:
                cand.noun = w
            pos = m.end()
        self._rate_base(cand, pos)

    def _rate_base(self, cand: Cand, pos: int) -> bool:
        """A count per a base of population (lexicon rate_bases) at ``pos``: its unit is one per
        the base, what is counted left out ("12 homicides per 100,000 people": 1 /
        hundred_thousand_people), as the reference series state it. The span stays the figure's,
        so the words it counts still say what it measures."""
        rb = self.c.rate_base
        ch = self.text[pos:pos + 1]
        if rb is None or not ch or ch not in " \t\u00a0\u202f":
            return False
        m = rb.match(self.text, pos)
        if m is None:
            return False
        cand.unit = "1 / " + self.c.rate_bases[" ".join(m.group("b").lower().split())]
        return True

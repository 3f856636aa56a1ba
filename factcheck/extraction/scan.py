"""The token scan: find every place the master regex matches (numbers, number words, the extract
patterns, factors, "a <unit>") and read each number with what is written before and after it."""
from __future__ import annotations

import re

from ..model import Quantity, Span
from ..numbers import NumberGrammar, ParsedNumber, Token, parse_digits
from .cand import _FRACTION_OF, Cand, _word_before
from .context_left import LeftReader
from .context_right import RightReader
from .tables import PatternInfo


def _tokens(run: str, grammar: NumberGrammar, token: re.Pattern[str]) -> list[Token]:
    """The tokens of a run of number words and digits ("two hundred and 5", "3.7 million")."""
    out: list[Token] = []
    for m in token.finditer(run):
        if m.group("dig") is not None or (m.groupdict().get("uni") is not None):
            d = m.group("dig") if m.group("dig") is not None else m.group("uni")
            got = parse_digits(d)
            if got is None:
                continue
            out.append(Token(d, "digit", m.start(), m.end(), got[0], got[1]))
        elif m.group("amp") is not None:
            out.append(Token("&", "and", m.start(), m.end()))
        else:
            w = m.group("word").lower()
            if "-" in w and grammar.classify(w)[0] == "other":
                a, _, b = w.partition("-")
                k1, v1 = grammar.classify(a)
                k2, v2 = grammar.classify(b)
                out.append(Token(a, k1, m.start(), m.start() + len(a), v1))
                out.append(Token(b, k2, m.start() + len(a) + 1, m.end(), v2))
                continue
            k, v = grammar.classify(w)
            out.append(Token(w, k, m.start(), m.end(), v))
    return out


class Scanner(LeftReader, RightReader):
    """The scan over the text, reading each number it finds (context_left.py, context_right.py)."""

    # -- scan -----------------------------------------------------------------------------------
    def run(self) -> None:
        text = self.text
        c = self.c
        pos = 0
        n = len(text)
        find = c.anchor.search
        match = c.master.match
        while pos < n:
            a = find(text, pos)
            if a is None:
                break
            m = match(text, a.start())
            if m is None:
                pos = a.start() + 1
                continue
            g = m.lastgroup
            if g == "run":
                pos = self._run(m)
                self.floor = pos
                continue
            if g == "aunit":
                self._a_unit(m)
                pos = self.floor = max(self.floor, m.end(), self.cands[-1].end if self.cands else 0)
                continue
            if g == "factor":
                word = m.group("factor").lower()
                v = c.factors.get(word, 2.0)
                self.cands.append(Cand(m.start(), m.end(), m.start(), m.end(), v, None, "factor",
                                       direction="up" if v > 1 else "down", words=True))
                pos = self.floor = m.end()
                continue
            info = c.patterns.get(g or "")
            if info is None:  # a group inside a pattern: find the pattern's own group
                pos = m.end()
                continue
            self._pattern(m, g or "", info)
            pos = max(m.end(), pos + 1)
            self.floor = pos

    def _a_unit(self, m: re.Match[str]) -> None:
        """ "a kilogram", "a dollar", "an ml": one of a unit."""
        start, e = m.span()
        cand = Cand(start, e, start, e, 1.0, 1.0, "count", words=True, raw=m.group().strip())
        self._left(cand, max(self.floor, start - 64))
        if cand.dead:
            return
        cand.num_end = e
        self._right(cand, None)
        if cand.kind in ("money", "measure", "rate"):
            cand.num_end = start + (2 if self.text[start:start + 2].lower() == "an" else 1)
            cand.num_start = start
            self.cands.append(cand)

    def _pattern(self, m: re.Match[str], g: str, info: PatternInfo) -> None:
        if info.kind == "skip":
            return
        start, end = m.span()
        numtxt = None
        ns, ne = start, end
        try:
            numtxt = m.group(f"{g}_num")
            if numtxt is not None:
                ns, ne = m.span(f"{g}_num")
        except IndexError:
            numtxt = None
        value: float | None = None
        if info.value is not None:
            value = float(info.value)
        elif numtxt:
            got = parse_digits(numtxt)
            if got is not None:
                value = got[0]
            else:
                w = numtxt.lower()
                g = self.c.grammar
                value = self.c.scale_words.get(w) or g.cardinals.get(w) or g.fractions.get(w) or g.ordinals.get(w)
        if value is None:
            value = 0.0
        if info.span_num and numtxt is not None:
            start, end = ns, ne
        q = Quantity(text=self.text[start:end], span=Span(start, end), value=value, low=value, high=value,
                     unit=info.unit, kind=info.kind, precision=None, number_span=Span(ns, ne))
        if q.is_statistic:
            self.cands.append(Cand(start, end, ns, ne, value, None, info.kind, unit=info.unit, raw=q.text))
        else:
            self.others.append(q)

    def _run(self, m: re.Match[str]) -> int:
        """Read the numbers of one run; return where the pass goes on."""
        base = m.start()
        run = m.group("run")
        if self.c.digits_only.fullmatch(run):
            got = parse_digits(run)
            if got is None:
                return m.end()
            fraction = got[1] is None and abs(got[0]) < 1  # "3/4", "½"
            pn = ParsedNumber(got[0], got[1], 0, len(run), "fraction" if fraction else "count", False, 1.0,
                              got[1] is not None)
            cand = self._read(pn, base, m.end(), self.floor, None)
            if cand is None:
                return m.end()
            self.cands.append(cand)
            return max(m.end(), cand.end)
        toks = _tokens(run, self.c.grammar, self.c.token)
        nums = self.c.grammar.parse(toks)
        if not nums:
            if len(toks) == 1 and toks[0].kind == "frac":
                return self._lone_fraction_word(toks[0], base, m.end())
            return m.end()
        end = m.end()
        last_end = base
        for k, pn in enumerate(nums):
            ns, ne = base + pn.start, base + pn.end
            if ns < last_end:
                continue
            nxt_start = base + nums[k + 1].start if k + 1 < len(nums) else None
            cand = self._read(pn, ns, ne, max(self.floor, last_end if k else self.floor), nxt_start)
            if cand is None:
                last_end = ne
                continue
            self.cands.append(cand)
            last_end = cand.end
        return max(end, last_end)

    def _lone_fraction_word(self, tok: Token, base: int, end: int) -> int:
        """ "tenth of a gallon" (a fraction of a unit) or "the tenth" (a rank)."""
        text = self.text
        s, e = base + tok.start, base + tok.end
        word = tok.text.lower()
        fm = _FRACTION_OF.match(text, e)
        if fm and "of" in fm.group().lower():
            um = self.c.unit.match(text, fm.end())
            if um and um.group("w"):
                info = self.c.unit_words.get(" ".join(um.group("w").lower().split()))
                if info and info.kind == "measure":
                    self.cands.append(Cand(s, um.end(), s, e, 1.0 / tok.value, None, "fraction", unit=info.unit,
                                           words=True, raw=word))
                    return um.end()
        if _word_before(text, s) == "the" and not word.endswith("s") and word not in ("half", "quarter"):
            self.cands.append(Cand(s, e, s, e, tok.value, 1.0, "ordinal", words=True, raw=word))
        return end

    # -- one number ---------------------------------------------------------------------------
    def _read(self, pn: ParsedNumber, ns: int, ne: int, floor: int, nxt: int | None) -> Cand | None:
        """One number with what is written before and after it; None when it is no quantity."""
        cand = Cand(ns, ne, ns, ne, pn.value, pn.precision, "fraction" if pn.kind == "fraction" else "count",
                    scale=pn.scale, words=pn.words, plain=pn.plain_digits, raw=self.text[ns:ne])
        self._left(cand, max(floor, ns - 64))
        if cand.dead:
            return None
        self._right(cand, nxt)
        if cand.dead:
            return None
        self._change_after(cand)
        return cand

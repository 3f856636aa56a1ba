"""Reading left of a number: qualifier, currency, sign, range opener, age prefix and direction of
change ("about", "US$", "-", "between", "aged", "rose by"), with one anchored regex over the
reversed text before it."""
from __future__ import annotations

from .cand import Cand, PassState


class LeftReader(PassState):
    def _left(self, cand: Cand, floor: int) -> None:
        """Read qualifier, currency, sign, range opener and direction of change before the number."""
        text = self.text
        c = self.c
        ns = cand.num_start
        window = text[floor:ns][::-1]
        m = c.left.match(window)
        glued_letter = ns > 0 and text[ns - 1].isalpha() and not cand.words
        if m is None or m.lastgroup in (None, "ws0"):  # nothing but spaces before the number
            if glued_letter:
                cand.dead = True
            return
        cur = m.group("sym") or m.group("code") or (m.group("name") if cand.raw[:1].isdigit() else None)
        if glued_letter and not (m.group("sym") or m.group("code")):
            cand.dead = True  # "MH370", "i7": a code (the codes rule keeps it when asked)
            return
        consumed = 0
        if cur:
            grp = "sym" if m.group("sym") else ("code" if m.group("code") else "name")
            code = self._currency_code(cur[::-1])
            if code:
                if code.startswith("M") and len(code) == 4:
                    code = code[1:]
                    self._scale(cand, 1e6)
                cand.unit = code
                cand.kind = "money"
                cand.currency_left = True
                consumed = m.end(grp)
        for grp in ("sign", "sign2"):
            sign = m.group(grp)
            if not sign:
                continue
            spos = ns - m.end(grp)  # where the sign is in the text
            before = text[spos - 1] if spos > 0 else " "
            after_ws = grp == "sign" and m.end("ws0") > 0
            if self.cands and self.cands[-1].end == spos and not self.cands[-1].dead:
                continue  # "5k-20k": a dash after the previous quantity, not a sign
            if before.isalpha() and not after_ws:
                cand.dead = True  # "fb−1", "COVID-19": part of a name or a unit exponent
                return
            ok = not (before.isalnum() or before in ".,%-−")
            if ok and after_ws and text[:spos].strip() and before not in "\n(":
                ok = False  # "- 5" is a dash unless it opens the text or a line
            if ok and sign in "-−":
                cand.value = -cand.value
                cand.flags.add("neg")
            if ok:
                consumed = max(consumed, m.end(grp))
        if m.group("neg"):
            cand.value = -cand.value
            cand.flags.add("neg")
            consumed = m.end("neg")
        if m.group("qual"):
            q = " ".join(m.group("qual")[::-1].lower().split())
            qual = c.qualifier_map.get(q)
            if qual is not None:
                cand.qualifier = qual
                consumed = m.end("qual")
        if m.group("rng"):
            cand.rng = m.group("rng")[::-1].lower()
            cand.flags.add("rng_at:%d" % (ns - m.end("rng")))
        if m.group("age"):
            cand.flags.add("age")
        if m.group("dirn"):  # "a decline of 31%", "a rise to 5%"
            cand.direction = c.direction_noun_map.get(" ".join(m.group("dirn")[::-1].lower().split()))
            cand.change = "to" if m.group("ofn").lower() == "ot" else "by"
        dir_word = m.group("dir") or (m.group("dir2") if not m.group("chg") else None)
        if dir_word:
            d = c.direction_map.get(" ".join(dir_word[::-1].lower().split()))
            if d:
                cand.direction = d
                cand.change = m.group("chg")[::-1].lower() if m.group("chg") else (None if m.group("rng") else "by")
        if m.group("brack") or m.group("brack2"):
            cand.flags.add("paren")
        if consumed:
            start = ns - consumed
            while start < ns and text[start].isspace():
                start += 1
            cand.start = start

    def _currency_code(self, s: str) -> str | None:
        c = self.c
        key = " ".join(s.split())
        return (c.currency_prefix.get(key) or c.currency_prefix.get(key.replace(" ", ""))
                or c.currency_prefix.get(key.lower()) or c.currency_prefix.get(key.replace(" ", "").lower()))

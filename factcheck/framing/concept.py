"""What a figure measures: the noun phrase it counts or qualifies, or the subject of the verb
that states or moves it.

"factory output rose 4%" -> factory output (a change); "12% mortgage rates" -> mortgage rates;
"30 million shares" -> shares; "a growth rate of 3%" -> growth rate; "inflation eased from 6% to
4%" -> inflation (both figures, levels); "the economy, which shrank 2%" -> the economy; "grew 3%
after shrinking 2%" -> the subject of "grew" carried to the 2%.

A shallow grammar over the words of ``lexicon.frame_words`` (which words are verbs of level or
change, auxiliaries, reporting verbs, clause openers, comparison words) and the change words of
``lexicon.directions``. It binds what it can read with confidence and leaves the rest unbound:
an unbound figure is never judged against a metric.
"""
from __future__ import annotations

import copy
import functools
import re
from dataclasses import dataclass, replace
from typing import Any, Mapping, Sequence

from ..model import Span
from ..ruleset.lexicons import words


@dataclass(frozen=True)
class Concept:
    """The measured thing a figure is bound to."""

    #: The noun phrase as written ("Japan's consumer price index").
    text: str
    #: Offsets of the phrase in the text the figure was read from.
    span: Span
    #: "level" (the figure is its value: "inflation was 4%") or "change" (a change of it:
    #: "output rose 4%", "a 4% rise in output").
    role: str
    #: How it was bound: counted (the noun after the figure), of ("a rate of 3%"), subject (of
    #: the verb), object ("cut inflation to 6%"), relative ("which shrank 2%"), label ("Gold
    #: 4.71 billion", "inflation at 4%"), carried (from the figure or clause it continues).
    via: str
    #: The verb or change noun that ties the figure to it ("rose", "rise"), if any.
    verb: str | None = None
    #: "up" or "down" when the verb or noun states a direction.
    direction: str | None = None
    #: The link word between verb and figure: "to", "at", "by", "of", or None.
    link: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.span.start, "end": self.span.end, "role": self.role,
                "via": self.via}

    def shifted(self, offset: int) -> "Concept":
        """The same concept with its span moved by ``offset`` (sentence -> document offsets)."""
        return replace(self, span=Span(self.span.start + offset, self.span.end + offset)) if offset else self


_WORD = re.compile(r"[^\W_]+(?:[-'’./][^\W_]+)*(?:['’](?!\w))?|[^\w\s]")


_POSSESSIVE = ("'s", "’s", "'", "’")
_NO_CLASS: frozenset[str] = frozenset()
#: Where a sentence may end with more text after it (else a text is one sentence).
_SENTENCE_BREAK = re.compile(r"[.!?…][\"'”’)\]]*\s+\S")


class Tok:
    """A word, a punctuation mark or a figure of one sentence."""

    __slots__ = ("text", "start", "end", "low", "fig", "np_fig", "word", "bare", "possessive", "cls")

    def __init__(self, text: str, start: int, end: int, low: str, fig: int = -1, np_fig: bool = False):
        self.text, self.start, self.end, self.low, self.fig, self.np_fig = text, start, end, low, fig, np_fig
        #: a word (not a figure, not punctuation)
        self.word = fig < 0 and text[:1].isalnum()
        bare = low
        possessive = False
        if "'" in low or "’" in low:  # most words have no apostrophe: skip the suffix tests
            for suffix in _POSSESSIVE:
                if low.endswith(suffix) and len(low) > len(suffix):
                    bare = low[: -len(suffix)]
                    break
            possessive = low.endswith(("'s", "’s", "s'", "s’"))
        #: the word without a possessive ending
        self.bare = bare
        self.possessive = possessive
        #: the grammar's classes of the word (set by ``Grammar.classify``)
        self.cls: frozenset[str] = _NO_CLASS


class Grammar:
    """The word classes of ``lexicon.frame_words`` and ``lexicon.directions``, ready to look up."""

    def __init__(self, frame_words: Mapping[str, Any], directions: Mapping[str, Any]):
        fw = dict(frame_words or {})
        self.classes: dict[str, frozenset[tuple[str, ...]]] = {}
        for name, value in fw.items():
            if name in ("link", "change_noun", "counted_noun_words"):
                continue
            if name == "change_verb" and isinstance(value, Mapping):
                value = list(value)
            self.classes[name] = frozenset(tuple(w.lower().split()) for w in words(value))
        self.link: dict[str, str] = {str(k).lower(): str(v) for k, v in (fw.get("link") or {}).items()}
        self.change_noun: dict[str, str | None] = {str(k).lower(): (None if v is None else str(v))
                                                   for k, v in (fw.get("change_noun") or {}).items()}
        self.direction: dict[str, str] = {str(k).lower(): str(v) for k, v in (directions or {}).items()}
        cv = fw.get("change_verb")
        if isinstance(cv, Mapping):
            self.direction.update({str(k).lower(): str(v) for k, v in cv.items() if v is not None})
        self.max_counted = int(fw.get("counted_noun_words", 4) or 4)
        single: dict[str, set[str]] = {}
        for name, entries in self.classes.items():
            for e in entries:
                if len(e) == 1:
                    single.setdefault(e[0], set()).add(name)
        self.single = {k: frozenset(v) for k, v in single.items()}
        self.longest = {name: max((len(e) for e in es), default=1) for name, es in self.classes.items()}
        #: the one-word entries of each class, for looking a word up as written
        self.words: dict[str, frozenset[str]] = {name: frozenset(e[0] for e in es if len(e) == 1)
                                                 for name, es in self.classes.items()}
        #: the words an entry of each class ends with, and starts with: most tokens are neither,
        #: and are answered without building a word sequence (``ending``, ``starting``)
        self._last = {name: frozenset(e[-1] for e in es if e) for name, es in self.classes.items()}
        self._first = {name: frozenset(e[0] for e in es if e) for name, es in self.classes.items()}
        self._memo: dict[tuple[str, str], frozenset[str]] = {}
        self._closed: dict[str, bool] = {}

    def is_(self, tok: Tok | None, name: str) -> bool:
        return tok is not None and name in tok.cls

    def has(self, low: str, name: str) -> bool:
        """Whether the lower-case word ``low`` itself (not its bare form) is in class ``name``."""
        return low in self.words.get(name, ())

    def classify(self, toks: Sequence[Tok]) -> None:
        """Set each word token's classes (its own and those of its bare form)."""
        memo = self._memo
        for t in toks:
            if t.fig >= 0 or t.fig == -2:
                continue
            key = (t.low, t.bare)
            got = memo.get(key)
            if got is None:
                got = self.single.get(t.low, frozenset()) | self.single.get(t.bare, frozenset())
                memo[key] = got
            t.cls = got

    def ending(self, toks: Sequence[Tok], i: int, name: str) -> int:
        """Length of the longest entry of class ``name`` that ends at token ``i`` (0: none)."""
        if not 0 <= i < len(toks) or toks[i].low not in self._last.get(name, ()):
            return 0
        for n in range(min(self.longest.get(name, 1), i + 1), 0, -1):
            seq = toks[i - n + 1: i + 1]
            if any(t.fig >= 0 for t in seq):
                continue
            if tuple(t.low for t in seq) in self.classes.get(name, ()):
                return n
        return 0

    def starting(self, toks: Sequence[Tok], i: int, name: str) -> int:
        """Length of the longest entry of class ``name`` that starts at token ``i`` (0: none)."""
        if not 0 <= i < len(toks) or toks[i].low not in self._first.get(name, ()):
            return 0
        for n in range(min(self.longest.get(name, 1), len(toks) - i), 0, -1):
            seq = toks[i: i + n]
            if any(t.fig >= 0 for t in seq):
                continue
            if tuple(t.low for t in seq) in self.classes.get(name, ()):
                return n
        return 0

    def verb(self, tok: Tok | None) -> str | None:
        """"level", "change" or "transitive" when the token is such a verb."""
        if tok is None or tok.fig >= 0 or not tok.word:
            return None
        if self.is_(tok, "level_verb"):
            return "level"
        if self.is_(tok, "transitive_verb"):
            return "transitive"
        if tok.low in self.direction and tok.low not in self.change_noun or self.is_(tok, "change_verb"):
            return "change"
        if tok.low in self.direction:  # "rise", "fall": a verb after a subject, a noun after a determiner
            return "change"
        return None

    _CLOSED = frozenset(("auxiliary", "report_verb", "relative", "clause_word", "determiner", "preposition",
                         "pronoun", "adverb"))

    def closed(self, tok: Tok) -> bool:
        """A function word: never part of the noun a figure measures."""
        if not tok.cls.isdisjoint(self._CLOSED):
            return True
        return self.verb(tok) is not None

    def adjective(self, tok: Tok) -> bool:
        return self.is_(tok, "adjective") or (tok.low.endswith("ly") and len(tok.low) > 4 and tok.text.islower()
                                               and not self.is_(tok, "time_noun"))


def tokens(text: str, figures: Sequence[tuple[int, int]], np_figures: Sequence[tuple[int, int]] = (),
           grammar: "Grammar | None" = None) -> list[Tok]:
    """Words and punctuation of ``text``; each figure is one token (its index in ``figures``);
    ``np_figures`` (years, dates) are single tokens that may sit inside a noun phrase."""
    marks = sorted([(s, e, i, False) for i, (s, e) in enumerate(figures)] +
                   [(s, e, -1, True) for s, e in np_figures], key=lambda x: x[0])
    out: list[Tok] = []
    pos = 0
    for s, e, i, np_ in marks:
        if s < pos:
            continue
        out.extend(_plain(text, pos, s))
        out.append(Tok(text[s:e], s, e, text[s:e].lower(), i if i >= 0 else -2, np_))
        pos = e
    out.extend(_plain(text, pos, len(text)))
    (grammar or default_grammar()).classify(out)
    return out


def _plain(text: str, a: int, b: int) -> list[Tok]:
    out = []
    for m in _WORD.finditer(text, a, b):
        w = m.group(0)
        out.append(Tok(w, m.start(), m.end(), w.lower()))
    return out


class Binder:
    """Binds each figure of one sentence to its concept."""

    def __init__(self, g: Grammar, text: str, toks: list[Tok], n_figures: int):
        self.g, self.text, self.toks = g, text, toks
        self.pos = {t.fig: k for k, t in enumerate(toks) if t.fig >= 0}
        self.out: list[Concept | None] = [None] * n_figures
        #: concept of each verb token bound so far (for carrying a subject to a later clause)
        self.subjects: list[tuple[int, Concept]] = []

    # -- helpers -------------------------------------------------------------------------
    def tok(self, k: int) -> Tok | None:
        return self.toks[k] if 0 <= k < len(self.toks) else None

    def span_text(self, a: int, b: int) -> tuple[str, Span]:
        s, e = self.toks[a].start, self.toks[b].end
        return self.text[s:e], Span(s, e)

    def concept(self, a: int, b: int, role: str, via: str, verb: Tok | None = None, direction: str | None = None,
                link: str | None = None) -> Concept | None:
        """The phrase of tokens a..b (inclusive), trimmed of leading function words."""
        while a <= b and self.toks[a].word and (self.g.is_(self.toks[a], "determiner") and not self.toks[a].possessive
                                                 or self.g.is_(self.toks[a], "adverb")):
            if a == b:
                break
            a += 1
        if a > b or all(not t.word for t in self.toks[a:b + 1]):
            return None
        if b == a and self.g.is_(self.toks[a], "pronoun"):
            return None
        text, span = self.span_text(a, b)
        return Concept(text, span, role, via, verb.text if verb is not None else None, direction, link)

    def np_left(self, end: int, limit: int = 10) -> int | None:
        """Start of the noun phrase that ends at token ``end`` (None when ``end`` is no noun)."""
        g = self.g
        t = self.tok(end)
        if t is not None and t.word and t.bare in g.change_noun and self.tok(end - 1) is not None and (
                g.is_(self.toks[end - 1], "determiner") or g.adjective(self.toks[end - 1])
                or self.toks[end - 1].word and not g.closed(self.toks[end - 1]) or self.toks[end - 1].possessive):
            k = end - 1
            while k >= 0 and end - k < limit and self.toks[k].word and not g.is_(self.toks[k], "determiner") and (
                    not g.closed(self.toks[k]) or g.adjective(self.toks[k])) or k >= 0 and self.toks[k].possessive:
                k -= 1
            if k >= 0 and self.toks[k].word and g.is_(self.toks[k], "determiner"):
                return k
            return k + 1
        if t is None or t.fig >= 0 and not t.np_fig or not (t.word or t.np_fig) or (g.closed(t) and not t.possessive):
            if not (t is not None and t.text in ")" and self._paren_start(end) is not None):
                return None
        k = end
        start = end
        while k >= 0 and end - k < limit:
            t = self.toks[k]
            if t.text == ")":
                p = self._paren_start(k)
                if p is None:
                    break
                k = p - 1
                continue
            if g.ending(self.toks, k, "adverb") > 1:
                break  # "in 2008 as a whole inflation averaged": the adverb ends the phrase
            if t.np_fig or (t.word and not g.closed(t)) or t.possessive or (
                    t.word and g.is_(t, "time_noun") and t.text[:1].isupper()):  # "DANISH MAY CONSUMER PRICES"
                start = k
                k -= 1
                continue
            if t.word and k < end and g.is_(t, "adjective") and self.toks[k + 1].word and not g.closed(self.toks[k + 1]):
                start = k  # "put average unemployment at 7.8%": an adjective before the noun
                k -= 1
                continue
            if t.word and g.is_(t, "determiner"):
                start = k
                p1, p2 = self.tok(k - 1), self.tok(k - 2)
                if p1 is not None and g.is_(p1, "np_preposition") and p2 is not None and p2.word and not g.closed(p2) \
                        and not (p2.low.endswith("ed") and len(p2.low) > 4):
                    k -= 2  # "the cost of the living", "the rate for the year"
                    continue
                break
            if t.word and k < end and t.bare in g.change_noun and g.is_(self.toks[k + 1], "np_preposition"):
                start = k  # "the January rise in consumer prices"
                k -= 1
                continue
            if t.word and k < end and k - 1 >= 0 and g.is_(t, "compound_noun") \
                    and self.toks[k + 1].word and not g.closed(self.toks[k + 1]) \
                    and (self.toks[k - 1].word and not g.closed(self.toks[k - 1]) or self.toks[k - 1].possessive):
                start = k  # "the GDP estimate index": a verb's word inside a compound noun
                k -= 1
                continue
            if t.word and g.is_(t, "np_preposition") and k - 1 >= 0:
                prev = self.toks[k - 1]
                if (prev.word and (not g.closed(prev) or prev.bare in g.change_noun)) or prev.text == ")":
                    k -= 1
                    continue
                break
            if t.text in ("-", "/", "&") and k - 1 >= 0 and self.toks[k - 1].word:
                k -= 1
                continue
            if t.word and g.has(t.low, "time_link") and k - 1 >= 0 and g.is_(self.toks[k - 1], "time_noun"):
                k -= 1  # "inflation in the year to February"
                continue
            break
        # "Canada's" opening the phrase is part of it; "the" before it too
        return start if start <= end else None

    def _paren_start(self, k: int) -> int | None:
        depth = 0
        for j in range(k, max(-1, k - 12), -1):
            if self.toks[j].text == ")":
                depth += 1
            elif self.toks[j].text == "(":
                depth -= 1
                if depth == 0:
                    return j
        return None

    def np_right(self, start: int) -> int | None:
        """End of the noun phrase that starts at token ``start`` (after a figure): at most a few
        words, none of them a function word, time word or verb."""
        g = self.g
        end = None
        k = start
        while k < len(self.toks) and k - start < g.max_counted:
            t = self.toks[k]
            if t.word and t.bare in g.change_noun and not g.is_(t, "noun_stop"):
                return k
            if not t.word or g.closed(t) and not (g.adjective(t) and k + 1 < len(self.toks) and self.toks[k + 1].word) \
                    or g.is_(t, "noun_stop") or g.is_(t, "time_noun"):
                break
            end = k
            if t.possessive or self._plural(t):
                break  # "5 defendants receive ...": a plural noun ends the phrase a figure counts
            k += 1
        # "1,500 people attended": a last word in -ed after a noun is a verb
        if end is not None and end > start and self.toks[end].low.endswith("ed") and len(self.toks[end].low) > 4 \
                and not g.is_(self.toks[end], "adjective"):
            end -= 1
        # "$2.5 trillion makes it ...": a word followed by a pronoun or article is a verb
        if end is not None and end + 1 < len(self.toks) and end > start - 1:
            after = self.toks[end + 1]
            if after.word and (g.is_(after, "pronoun") and not g.has(after.low, "pronoun_not_object")
                               or g.has(after.low, "object_opener")):
                end = end - 1 if end > start else None
        return end

    # -- the binding ---------------------------------------------------------------------
    def run(self) -> list[Concept | None]:
        for fi in sorted(self.pos, key=lambda i: self.pos[i]):
            try:
                c = self.bind(self.pos[fi])
                nxt = self.tok(self.pos[fi] + 1)
                if c is not None and nxt is not None and self.g.has(nxt.low, "change_after"):
                    c = _carry(c, c.via, direction=self.g.direction.get(nxt.low), role="change")
                self.out[fi] = c
            except IndexError:  # a grammar slip must never fail a check: the figure stays unbound
                self.out[fi] = None
        return self.out

    def bind(self, f: int) -> Concept | None:
        g = self.g
        # 1. the noun counted right after the figure: "30 million shares", "a 4% rise in output",
        # "4.5 million tonnes of wheat" (the unit is part of the figure; the goods follow "of")
        nxt = f + 1
        if self.tok(nxt) is not None and self.toks[nxt].low == "of" and self.toks[f].text[-1:].isalpha() \
                and not g.has(self.toks[f].text.split()[-1].lower(), "percent_word"):  # "7.9 pct of the workforce": a base
            b = self.np_right_long(nxt + 1)
            if b is not None:
                return self.concept(nxt + 1, b, "level", "counted")
        end = self.np_right(nxt)
        if end is not None:
            head = self.toks[end]
            if head.bare in g.change_noun:
                return self._change_noun(f, nxt, end, via="counted")
            if not g.is_(head, "generic_head") or self._compound(nxt, end):
                return self.concept(nxt, end, "level", "counted")
        # "and 3.4% in the June quarter": a list after a bound figure
        left = self.tok(f - 1)
        if left is not None and (left.low == "," or g.has(left.low, "list_joiner")) and self.tok(f - 2) is not None:
            before = self.toks[f - 2]
            if before.fig >= 0 or g.is_(before, "time_noun") or before.np_fig:
                prev = self._previous_concept(f)
                if prev is not None:
                    return _carry(prev, "carried")
        return self.left(f - 1, f)

    def _percent(self, k: int | None) -> bool:
        """Whether the figure token ``k`` is written as a percentage."""
        if k is None:
            return False
        words = self.toks[k].text.split()
        return bool(words) and (self.g.has(words[-1].lower(), "percent_word") or words[-1].endswith("%"))

    def _previous_figure(self, f: int) -> int | None:
        for k in range(f - 1, -1, -1):
            if self.toks[k].fig >= 0 and self.out[self.toks[k].fig] is not None:
                return k
        return None

    def _previous_concept(self, f: int) -> Concept | None:
        for k in range(f - 1, -1, -1):
            t = self.toks[k]
            if t.fig >= 0 and self.out[t.fig] is not None:
                return self.out[t.fig]
            if t.text in (";",):
                break
        return None

    def _change_noun(self, f: int, a: int, end: int, via: str) -> Concept | None:
        """"a 0.4% rise in consumer prices" (consumer prices, a change), "GDP growth of 3%" (GDP
        growth, its level), "its 0.7% rise in 1986" (the thing the clause before speaks of)."""
        g = self.g
        head = self.toks[end]
        direction = g.change_noun.get(head.bare)
        m = end
        while m - 1 >= a and self.toks[m - 1].word and not g.closed(self.toks[m - 1]) \
                and not g.adjective(self.toks[m - 1]) or m - 1 >= a and self.toks[m - 1].possessive:
            m -= 1
        if m < end:
            return self.concept(m, end, "level", via, head, direction)
        # "a rise in exports", "an increase of 2% in imports": the phrase after "in"/"of"
        k = f + 1 if via == "of" else end + 1
        t = self.tok(k)
        if t is not None and self.g.has(t.low, "change_of") and not self._time_phrase(k + 1):
            b = self.np_right_long(k + 1)
            return self.concept(k + 1, b, "change", via, head, direction) if b is not None else None
        prev = self._main_subject(f)
        if prev is None:
            return None
        # "growth did not reach 1% after a 1.5% contraction": a change of a rate is its value
        role = prev.role if prev.role == "level" and self._rate(prev) else "change"
        return _carry(prev, "carried", verb=head.text, direction=direction, role=role)

    def _change_headed(self, c: Concept) -> bool:
        words = [w.lower() for w in _WORD.findall(c.text)]
        return any(w in self.g.change_noun and i + 1 < len(words) and self.g.has(words[i + 1], "change_of")
                   for i, w in enumerate(words))

    def _rate(self, c: Concept) -> bool:
        words = [w.lower() for w in _WORD.findall(c.text)]
        return bool(words) and (words[-1] in self.g.change_noun or "rate_head" in self.g.single.get(words[-1], ()))

    def _plural(self, t: Tok) -> bool:
        low = t.low
        return self.g.is_(t, "plural_noun") or (len(low) > 3 and low.endswith("s") and not low.endswith(("ss", "us", "is"))
                                                and low.isalpha())

    def np_right_long(self, start: int) -> int | None:
        """A noun phrase after "in"/"of": "the consumer price index", "hourly pay"; not a time."""
        g = self.g
        if self._time_phrase(start):
            return None
        end = None
        k = start
        while k < len(self.toks) and k - start < 8:
            t = self.toks[k]
            if t.np_fig:
                end = k
                k += 1
                continue
            if not t.word:
                break
            if g.is_(t, "determiner") and k == start:
                k += 1
                continue
            if g.closed(t) and not g.is_(t, "np_preposition") or g.is_(t, "time_noun"):
                break
            if g.is_(t, "np_preposition"):
                if end is None or self._time_phrase(k + 1):
                    break
                k += 1
                continue
            end = k
            k += 1
        return end

    def _time_phrase(self, k: int) -> bool:
        g = self.g
        while self.tok(k) is not None and self.toks[k].word and (g.is_(self.toks[k], "determiner")
                                                                 or g.adjective(self.toks[k])):
            k += 1
        t = self.tok(k)
        return t is not None and (t.np_fig or g.is_(t, "time_noun"))

    def _main_subject(self, f: int) -> Concept | None:
        """The concept of the nearest clause before the figure that has a subject."""
        best = None
        for k, c in self.subjects:
            if k < f:
                best = c
        return best or self._previous_concept(f)

    def left(self, k: int, f: int) -> Concept | None:
        """From the token left of the figure: adjectives, a link word, an object, the verb."""
        g = self.g
        # adjectives and determiners between the figure and its link or verb ("grew a sluggish 1%")
        steps = 0
        while steps < 5 and self.tok(k) is not None:
            t = self.toks[k]
            if not t.word:
                break
            if g.is_(t, "determiner") or g.adjective(t) or g.is_(t, "adverb") and not g.link.get(t.low):
                k -= 1
                steps += 1
                continue
            nxt = self.tok(k + 1)
            if nxt is not None and nxt.word and g.is_(self.tok(k - 1), "determiner") and not g.closed(t) \
                    and g.verb(t) is None and g.has(self.tok(k - 1).low, "indefinite_article"):
                k -= 1  # "a surprising 3%": an unknown word after "a" is an adjective
                steps += 1
                continue
            break
        t = self.tok(k)
        if t is None:
            return None
        # a comparison: "up from 5%", "against 2.3% in 1985", "after a negative 1.4%"
        n = g.ending(self.toks, k, "comparison")
        if n:
            prev = self._previous_concept(f)
            if prev is not None:
                # "rose 3% to 120, up from 110": the earlier level; "rose 2.8%, down from 3.8%":
                # the earlier rate of the same change (two percentages)
                role = None
                if t.low == "from":
                    role = "change" if prev.role == "change" and self._percent(f) and self._percent(
                        self._previous_figure(f)) else "level"
                return _carry(prev, "carried", role=role)
            if t.low != "from":
                return None
            # "eased from 6% to 4%": the first figure of the pair, tied to the verb before "from"
            return self._after_link(k - 1, f, "from", "level")
        link = g.link.get(t.low) if t.word else None
        if link is not None:
            if t.low == "of":
                return self._of(k, f)
            return self._after_link(k - 1, f, t.low, link)
        v = g.verb(t)
        if v is not None:
            return self._verb(k, f, link=None)
        if t.text in (",", ":", "-", "–", "—") and self.tok(k - 1) is not None and self.toks[k - 1].fig >= 0:
            return None
        if t.word and not g.closed(t) or t.possessive or t.text == ")":
            # "Gold 4.71 billion", "GDP per capita about $10,900": a label right before the figure
            a = self.np_left(k)
            if a is not None and not (t.low.endswith("ed") and len(t.low) > 4):  # "the country produced 4.5 tonnes"
                before = self.tok(a - 1)
                if before is None or not before.word or g.is_(before, "clause_word") or g.is_(before, "preposition") \
                        or g.is_(before, "report_verb") or g.verb(before) is not None:
                    # "Kenya's 50 million people" is counted (step 1); here only a bare label
                    return self.concept(a, k, "level", "label")
        return None

    def _of(self, k: int, f: int) -> Concept | None:
        """"growth of 3%", "an exchange rate of 1.71", "a 20-year low of 2%" (-> its verb)."""
        g = self.g
        a = self.np_left(k - 1)
        if a is None:
            return None
        head = self.toks[k - 1]
        if head.bare in g.change_noun:
            # "GDP growth of 3%", "a rise of 3% in exports"
            return self._change_noun(f, a, k - 1, via="of")
        if g.is_(head, "generic_head") and not self._compound(a, k - 1):
            # "at an annual rate of 1.1%": what the rate is of is the verb's subject
            before = self.left(a - 1, f)
            if before is not None:
                return before
            return None
        return self.concept(a, k - 1, "level", "of")

    def _compound(self, a: int, head: int) -> bool:
        """Whether a generic head has a noun before it that names the thing ("exchange rate",
        "inflation rate", "growth rate"), as against "an annual rate", "a 20-year low"."""
        g = self.g
        for j in range(a, head):
            t = self.toks[j]
            if t.word and not g.closed(t) and not g.adjective(t) and not t.np_fig:
                return True
        return False

    def _after_link(self, k: int, f: int, word: str, link: str) -> Concept | None:
        """"rose to 4%", "stood at 4%", "cut inflation to 6%", "inflation at 4%"."""
        g = self.g
        # skip a change figure and time words between verb and link: "rose 5.7% last year to $18.8 billion"
        j = k
        skipped = 0
        while j >= 0 and skipped < 6:
            t = self.toks[j]
            if t.fig >= 0 or t.np_fig or g.is_(t, "time_noun") or g.is_(t, "adverb") or g.has(t.low, "link_skip") \
                    or g.adjective(t):
                j -= 1
                skipped += 1
                continue
            break
        t = self.tok(j)
        if t is not None and g.verb(t) is not None and (skipped == 0 or any(self.toks[x].fig >= 0 for x in range(j + 1, k + 1))):
            return self._verb(j, f, link=word)
        t = self.tok(k)
        if t is None:
            return None
        if g.verb(t) is not None:
            return self._verb(k, f, link=word)
        if t.text == "," and link == "level" and not g.has(word, "endpoint_link"):
            # "Japan's economy, worth $4.4 trillion,": the phrase before the comma
            a = self.np_left(k - 1)
            return self.concept(a, k - 1, "level", "label", link=word) if a is not None else None
        # an object between a transitive verb and the link: "cut inflation to 6%"
        a = self.np_left(k)
        if a is None:
            return None
        before = self.tok(a - 1)
        vb = g.verb(before)
        if vb is not None:
            c = self.concept(a, k, "change" if link == "change" else "level", "object", before,
                             g.direction.get(before.low), word)
            if vb != "transitive" and vb == "level":
                # "stood at": no object; the phrase before the verb is the subject
                return self._verb(a - 1, f, link=word) if before is not None else c
            return c
        # "inflation at 4%", "with imports at $1.5 billion": a label tied by "at"
        if g.has(word, "label_link") and (before is None or not before.word or g.is_(before, "preposition")
                                                   or g.is_(before, "clause_word") or g.is_(before, "report_verb")):
            return self.concept(a, k, "level", "label", link=word)
        return None

    def _verb(self, v: int, f: int, link: str | None) -> Concept | None:
        g = self.g
        verb = self.toks[v]
        kind = g.verb(verb)
        direction = g.direction.get(verb.low)
        fig = self.toks[f]
        if kind == "change":
            role = "level" if g.has(link or "", "endpoint_link") or self.g.starting(
                [Tok(w, 0, 0, w.lower()) for w in fig.text.split()], 0, "level_qualifier") else "change"
        else:
            # the link lexicon says which link gives a change ("rose by 4%", "cut by 2%")
            role = "change" if g.link.get(link or "") == "change" else "level"
        subject = self._subject(v - 1, f)
        if subject is None:
            return None
        c, via = subject
        if kind == "level" and link != "to" and self._change_headed(c):
            role = "change"  # "the rise in consumer prices was 1%"
        out = Concept(c.text, c.span, role, via, verb.text, direction if kind == "change" else None, link)
        if via in ("subject", "relative"):
            self.subjects.append((v, out))
        return out

    def _subject(self, k: int, f: int) -> tuple[Concept, str] | None:
        """The subject of the verb left of token ``k+1``: skip auxiliaries, then a noun phrase,
        a relative pronoun (its antecedent), or nothing (a clause that continues an earlier one)."""
        g = self.g
        start_k = k
        while self.tok(k) is not None and self.toks[k].word and (g.is_(self.toks[k], "auxiliary")
                                                                 or g.is_(self.toks[k], "adverb")
                                                                 or g.ending(self.toks, k, "adverb") > 1):
            n = max(1, g.ending(self.toks, k, "adverb"))
            k -= n
        t = self.tok(k)
        verb_tok = self.toks[start_k + 1]
        if t is None:
            return None
        if t.word and g.is_(t, "relative"):
            # "the economy, which shrank 2%": the phrase before ", which"
            j = k - 1
            if self.tok(j) is not None and self.toks[j].text == ",":
                j -= 1
            a = self.np_left(j)
            if a is not None:
                c = self.concept(a, j, "level", "relative")
                return (c, "relative") if c is not None else None
            return None
        if t.text == "," and self.tok(k - 1) is not None and self.toks[k - 1].fig >= 0:
            before = self.out[self.toks[k - 1].fig]
            return (before, "carried") if before is not None else None
        if t.text == ",":
            # an appositive between subject and verb: "The economy, which shrank 2% in 2020, grew"
            a = self._appositive_subject(k)
            if a is not None:
                return a
            if verb_tok.low.endswith("ing"):
                prev = self._main_subject(f)
                return (prev, "carried") if prev is not None else None
            return None
        if t.word and (g.is_(t, "clause_word") or g.is_(t, "preposition") and g.has(t.low, "carry_preposition")):
            # "after shrinking 2%", "and growing 2.6%": the subject of the clause before
            prev = self._main_subject(f)
            return (prev, "carried") if prev is not None else None
        if t.text == ")" or t.word and (not g.closed(t) or t.possessive):
            a = self.np_left(k)
            if a is None:
                return None
            c = self.concept(a, k, "level", "subject")
            return (c, "subject") if c is not None else None
        return None

    def _appositive_subject(self, k: int) -> tuple[Concept, str] | None:
        """", which shrank 2% in 2020," / ", Germany's most populous state," between subject and
        verb: the phrase before the comma that opens it is the subject."""
        g = self.g
        j = k - 1
        while j >= 0 and k - j < 24:
            t = self.toks[j]
            if t.text in (";", ":"):
                return None
            if j < k - 1 and (j == 0 and t.word or g.is_(t, "report_verb")):
                # no comma opens it: a stray comma after the subject ("reported that gross
                # domestic product, grew 3.1%"): the phrase right before the comma
                a = self.np_left(k - 1)
                if a is not None and a >= (j if j == 0 and t.word else j + 1):
                    c = self.concept(a, k - 1, "level", "subject")
                    if c is not None:
                        return c, "subject"
                return None
            if t.text == ",":
                opener = self.tok(j + 1)
                chunk = self.toks[j + 1:k]
                relative = opener is not None and (g.is_(opener, "relative") or g.is_(opener, "preposition")
                                                   or opener.low.endswith(("ing", "ed")))
                verbless = not any(x.fig >= 0 or g.verb(x) is not None for x in chunk)
                if not (relative or verbless):
                    return None
                a = self.np_left(j - 1)
                if a is not None:
                    c = self.concept(a, j - 1, "level", "subject")
                    if c is not None:
                        return c, "subject"
                return None
            j -= 1
        return None


def _carry(c: Concept, via: str, verb: str | None = None, direction: str | None = None,
           role: str | None = None) -> Concept:
    return Concept(c.text, c.span, role or c.role, via, verb or c.verb, direction if direction is not None else c.direction,
                   c.link)


def bind(grammar: Grammar, text: str, figures: Sequence[tuple[int, int]],
         np_figures: Sequence[tuple[int, int]] = ()) -> list[Concept | None]:
    """For each figure (offsets into ``text``, one sentence) the concept it measures, or None."""
    toks = tokens(text, figures, np_figures, grammar)
    return Binder(grammar, text, toks, len(figures)).run()


@functools.lru_cache(maxsize=8)
def grammar_of(frame_words: Any, directions: Any) -> Grammar:
    return Grammar(_thaw(frame_words), _thaw(directions))


def freeze(x: Any) -> Any:
    """A hashable copy of lexicon entries (for caching the grammar built from them)."""
    if isinstance(x, Mapping):
        return tuple((str(k), freeze(v)) for k, v in x.items())  # in order: some lexicons are ordered lists
    if isinstance(x, (list, tuple)):
        return ("__list__", tuple(freeze(v) for v in x))
    return x


def _thaw(x: Any) -> Any:
    if isinstance(x, tuple) and x and x[0] == "__list__":
        return [_thaw(v) for v in x[1]]
    if isinstance(x, tuple):
        return {k: _thaw(v) for k, v in x}
    return x


def grammar_from_lexicons(lex: Mapping[str, Any]) -> Grammar:
    return grammar_of(freeze(lex.get("frame_words") or {}), freeze(lex.get("directions") or {}))


@functools.lru_cache(maxsize=1)
def default_grammar() -> Grammar:
    """The grammar of the shipped lexicons: their two files read alone (every start-up binds
    figures; parsing every lexicon file for it would be most of a warm start)."""
    from ..ruleset.lexicons import shipped_lexicon

    return grammar_from_lexicons({name: shipped_lexicon(name) for name in ("frame_words", "directions")})


def bind_quantities(text: str, quantities: Sequence[Any], grammar: Grammar | None = None) -> list[Any]:
    """``quantities`` (of ``text``, in order) with ``concept`` set on each statistic that binds,
    sentence by sentence; spans in ``text``'s offsets."""
    from ..segment import sentence_spans

    grammar = grammar or default_grammar()
    out = list(quantities)
    if not out:
        return out
    idx = 0
    # A text with no sentence break in it (most short texts) is its own one sentence.
    spans = sentence_spans(text) if "\n" in text or _SENTENCE_BREAK.search(text) else [(0, len(text))]
    for a, b in spans:
        members = []
        while idx < len(out) and out[idx].span.start < b:
            if out[idx].span.start >= a and out[idx].span.end <= b:
                members.append(idx)
            idx += 1
        stats = [i for i in members if out[i].is_statistic and out[i].kind != "duration"]
        if not stats:
            continue
        sent = text[a:b]
        np_figs = [(out[i].span.start - a, out[i].span.end - a) for i in members if i not in stats]
        concepts = bind(grammar, sent, [(out[i].span.start - a, out[i].span.end - a) for i in stats], np_figs)
        for i, c in zip(stats, concepts):
            if c is not None:
                out[i] = _with_concept(out[i], c.shifted(a))
    return out


def _with_concept(q: Any, c: Concept) -> Any:
    """``q`` with its concept set (a copy: quantities are frozen; ``dataclasses.replace`` would
    re-run the constructor for every figure of a long text)."""
    new = copy.copy(q)
    object.__setattr__(new, "_concept", c)
    return new


class _Pending:
    """A figure's concept not yet bound: the first read binds every figure of the text."""

    __slots__ = ("state", "index")

    def __init__(self, state: "_LazyBinding", index: int):
        self.state, self.index = state, index

    def resolve(self) -> Concept | None:
        return self.state.concepts().get(self.index)


class _LazyBinding:
    __slots__ = ("text", "quantities", "grammar", "_done")

    def __init__(self, text: str, quantities: Sequence[Any], grammar: Grammar | None):
        self.text, self.quantities, self.grammar = text, list(quantities), grammar
        self._done: dict[int, Concept | None] | None = None

    def concepts(self) -> dict[int, Concept | None]:
        if self._done is None:
            bound = bind_quantities(self.text, [_unbound(q) for q in self.quantities], self.grammar)
            self._done = {i: q._concept for i, q in enumerate(bound)}
            self.text, self.quantities = "", []
        return self._done


def _unbound(q: Any) -> Any:
    if q._concept is None:
        return q
    new = copy.copy(q)
    object.__setattr__(new, "_concept", None)
    return new


def bind_lazily(text: str, quantities: Sequence[Any], grammar: Grammar | None = None) -> list[Any]:
    """``quantities`` whose ``concept`` is bound on first read, all figures of ``text`` at once
    (what an extraction costs does not grow for callers who never read it)."""
    state = _LazyBinding(text, quantities, grammar)
    for i, q in enumerate(quantities):
        if q.is_statistic:
            object.__setattr__(q, "_concept", _Pending(state, i))
    return list(quantities)

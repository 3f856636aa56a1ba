"""Entity resolution: names, codes, demonyms, capitals and places -> ISO3, with ambiguity.

``resolve("Turkey's")`` tries the alias table first (case- and diacritics-folded; short codes
such as "US" and "UK" only in their exact case), then rapidfuzz for strings of five or more
characters. When an alias names several entities the match says so instead of guessing; among
homonym *places* the far larger one wins (Moscow, Russia over Moscow, Idaho).

``find_mentions(text)`` scans a sentence with a token table (longest alias first) and returns
every country, demonym, capital and place mention with its character span.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: Alias types of the source tables -> the coarse types callers see.
_COARSE = {"code": "code", "demonym": "demonym", "capital": "capital", "place": "place"}
#: Preference when one alias maps to several records of one entity.
_TYPE_ORDER = {"name": 0, "code": 1, "demonym": 2, "capital": 3, "region": 4, "place": 5}
#: Among homonym places, the largest wins when it is this many times the next one.
PLACE_DOMINANCE = 10
#: Places smaller than this are mentions only when their country is named in the same text
#: ("Saraqib" in a story about Syria; not "Roman" the town in Romania in a Turkish story).
SMALL_PLACE = 100_000
#: Fuzzy matching: minimum folded length and minimum rapidfuzz ratio.
FUZZY_MIN_LEN = 5
FUZZY_CUTOFF = 85.0
#: Misspelt names in running text: single words of this many letters, this close to a name.
FUZZY_MENTION_LEN = 6
FUZZY_MENTION_CUTOFF = 88.0

_F_CASE = 1  # match only in the alias's exact case (codes and very short aliases)
_F_MENTION = 2  # may be found in running text

_TOKEN = re.compile(r"\w+|[^\w\s]")
#: The lexicons the table is built and searched with (rules/lexicon/<name>.yaml): words that turn
#: a demonym into a region ("South American", "Sub-Saharan African"), and capitalised English
#: words that are also names of small places (never mentions). They are read when the table is
#: built, and their files are part of the entity store's key (store.entity_key).
COMPASS_WORDS = "compass_words"
PLACE_STOPWORDS = "place_stopwords"
ENTITY_LEXICONS = (COMPASS_WORDS, PLACE_STOPWORDS)
_POSSESSIVE = re.compile(r"(?:'s|'|’s|’)\s*$")
_THE = re.compile(r"^\s*the\s+", re.IGNORECASE)


def lexicon_files() -> list[Path]:
    """The shipped lexicon files the table depends on."""
    from factcheck.ruleset.lexicons import lexicon_file

    return [lexicon_file(name) for name in ENTITY_LEXICONS]


def _lexicon_words(name: str) -> frozenset[str]:
    from factcheck.ruleset.lexicons import shipped_lexicon, words

    return frozenset(fold(w) for w in words(shipped_lexicon(name).get("words")))


@dataclass(frozen=True)
class EntityMatch:
    """The outcome of resolving one name."""

    query: str
    #: ISO3 (or dataset entity code); None when nothing matched or the match is ambiguous.
    iso3: str | None
    #: The alias that matched, as written in the alias table.
    alias: str = ""
    #: name, code, demonym, capital, region (an aggregate), place
    alias_type: str = ""
    #: 100 for an exact alias match; the rapidfuzz ratio for a fuzzy one.
    score: float = 0.0
    ambiguous: bool = False
    #: Every entity the alias could name, most likely first.
    candidates: tuple[str, ...] = ()
    #: Display name of ``iso3``.
    name: str = ""
    #: Population of the place, for place matches.
    population: int = 0

    @property
    def found(self) -> bool:
        return self.iso3 is not None


@dataclass(frozen=True)
class Mention:
    """A place or people named in a text."""

    start: int
    end: int
    text: str
    iso3: str | None
    alias_type: str
    ambiguous: bool = False
    candidates: tuple[str, ...] = ()


@dataclass
class EntityData:
    """The alias table in plain containers, as built; the catalog reads the same fields from the
    entity store (reference/store.py, ``StoredEntities``) a key at a time."""

    #: Folded, tokenised alias ("united kingdom", "u . s .") -> record ids.
    keys: dict[str, tuple[int, ...]] = field(default_factory=dict)
    #: First token -> the most tokens any alias starting with it has.
    first: dict[str, int] = field(default_factory=dict)
    alias: list[str] = field(default_factory=list)
    iso3: list[str] = field(default_factory=list)
    kind: list[str] = field(default_factory=list)
    population: list[int] = field(default_factory=list)
    flags: list[int] = field(default_factory=list)
    #: iso3 -> (name, kind, capital, currency)
    countries: dict[str, tuple[str, str, str, str]] = field(default_factory=dict)
    #: One-word country names and demonyms (folded) for finding misspelt ones in running text.
    fuzzy_words: list[str] = field(default_factory=list)
    #: Words (folded) that make the demonym or name after them a region (lexicon.compass_words).
    compass: frozenset[str] = frozenset()

    def fuzzy_keys(self) -> list[str]:
        """Alias keys a misspelt name may be matched to: five or more letters, and at least one
        record not held to its exact case."""
        return [k for k, ids in self.keys.items()
                if len(k.replace(" ", "")) >= FUZZY_MIN_LEN and any(not self.flags[i] & _F_CASE for i in ids)]


def fold(s: str) -> str:
    """Case- and diacritics-folded ("Türkiye" -> "turkiye", "İzmir" -> "izmir")."""
    if s.isascii():
        return s.replace("&", " and ").lower()
    s = s.replace("ı", "i").replace("’", "'").replace("&", " and ")
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).casefold()


def alias_key(s: str) -> str:
    """The lookup key of an alias or query: folded tokens, without "the" and a possessive."""
    s = _POSSESSIVE.sub("", _THE.sub("", s.strip()))
    return " ".join(_TOKEN.findall(fold(s)))


def _compact(s: str) -> str:
    """Surface form for case-sensitive comparison: no "the", no spaces, no possessive."""
    return re.sub(r"\s+", "", _POSSESSIVE.sub("", _THE.sub("", s.strip())))


# --------------------------------------------------------------------------------------------
# build
# --------------------------------------------------------------------------------------------

def build_entity_data(frames: dict[str, Any]) -> EntityData:
    data = EntityData(compass=_lexicon_words(COMPASS_WORDS))
    stopwords = _lexicon_words(PLACE_STOPWORDS)
    countries = frames.get("countries")
    kinds: dict[str, str] = {}
    if countries is not None:
        for r in countries.to_dict("records"):
            data.countries[r["iso3"]] = (r["name"], r["kind"], r["capital"], r["currency"])
            kinds[r["iso3"]] = r["kind"]
    recs: dict[str, list[int]] = {}

    def add(alias: str, iso3: str, kind: str, pop: int, flags: int) -> None:
        k = alias_key(alias)
        if not k:
            return
        data.alias.append(alias)
        data.iso3.append(iso3)
        data.kind.append(kind)
        data.population.append(pop)
        data.flags.append(flags)
        recs.setdefault(k, []).append(len(data.alias) - 1)

    aliases = frames.get("aliases")
    if aliases is not None:
        for r in aliases.to_dict("records"):
            raw = r["alias_type"]
            kind = _COARSE.get(raw, "name")
            if kinds.get(r["iso3"]) == "aggregate":
                kind = "region"
            flags = _F_MENTION if r["mention"] in ("true", "True") else 0
            if kind == "code" or len(_compact(r["alias"])) <= 3:
                flags |= _F_CASE
            add(r["alias"], r["iso3"], kind, 0, flags)
    places = frames.get("places")
    if places is not None:
        for r in places.to_dict("records"):
            pop = int(r["population"])
            for name in [r["name"]] + [a for a in r["alt_names"].split("|") if a]:
                flags = 0 if fold(name) in stopwords else _F_MENTION
                if len(_compact(name)) <= 3:
                    flags |= _F_CASE
                add(name, r["iso3"], "place", pop, flags)
    for k, ids in recs.items():
        # NOTE: a place of the same name as a country alias never outranks it, and places
        # are kept most populous first.
        ids.sort(key=lambda i: (_TYPE_ORDER[data.kind[i]], -data.population[i]))
        data.keys[k] = tuple(ids)
        t = k.split(" ")
        data.first[t[0]] = max(data.first.get(t[0], 0), len(t))
    data.fuzzy_words = sorted(k for k, ids in data.keys.items() if " " not in k and len(k) >= FUZZY_MENTION_LEN
                              and any(data.kind[i] in ("name", "demonym") for i in ids))
    return data


# --------------------------------------------------------------------------------------------
# lookup
# --------------------------------------------------------------------------------------------

class EntityResolver:
    """Resolve names to entities and find entity mentions in text."""

    def __init__(self, data: EntityData) -> None:
        self._d = data
        self._fuzzy: list[str] | None = None
        self._fuzzy_words: dict[str, tuple[str, str] | tuple[()]] = {}

    # -- country facts ----------------------------------------------------------------------
    def name(self, iso3: str) -> str:
        c = self._d.countries.get(iso3)
        return c[0] if c else iso3

    def kind(self, iso3: str) -> str:
        """country, territory or aggregate ("" if unknown)."""
        c = self._d.countries.get(iso3)
        return c[1] if c else ""

    def capital(self, iso3: str) -> str:
        c = self._d.countries.get(iso3)
        return c[2] if c else ""

    def currency(self, iso3: str) -> str:
        c = self._d.countries.get(iso3)
        return c[3] if c else ""

    def __contains__(self, iso3: object) -> bool:
        return iso3 in self._d.countries

    # -- resolve ----------------------------------------------------------------------------
    def resolve(self, name: str, *, fuzzy: bool = True) -> EntityMatch:
        """Resolve one name; exact alias first, then (5+ characters) fuzzy."""
        key = alias_key(name)
        if not key:
            return EntityMatch(name, None)
        surface = _compact(name)
        ids = self._usable(self._d.keys.get(key, ()), surface, mention=False)
        if ids:
            # the record written exactly as asked ("US" the code, not "the US") comes first
            ids.sort(key=lambda i: _compact(self._d.alias[i]) != surface)
            return self._match(name, ids, 100.0)
        if not fuzzy or len(key.replace(" ", "")) < FUZZY_MIN_LEN:
            return EntityMatch(name, None)
        return self._fuzzy_match(name, key)

    def _usable(self, ids: tuple[int, ...], surface: str, *, mention: bool) -> list[int]:
        d = self._d
        out = []
        for i in ids:
            f = d.flags[i]
            if mention and not f & _F_MENTION:
                continue
            if f & _F_CASE and _compact(d.alias[i]) != surface:
                continue
            out.append(i)
        return out

    def _rank(self, ids: list[int]) -> tuple[str | None, int, tuple[str, ...], bool]:
        """(chosen iso3 or None, best record, candidates, ambiguous)."""
        d = self._d
        non_place = [i for i in ids if d.kind[i] != "place"]
        pool = non_place or ids
        cands: list[str] = []
        best_pop: dict[str, int] = {}
        for i in pool:
            if d.iso3[i] not in best_pop:
                cands.append(d.iso3[i])
            best_pop[d.iso3[i]] = max(best_pop.get(d.iso3[i], 0), d.population[i])
        if len(cands) == 1:
            return cands[0], pool[0], tuple(cands), False
        if not non_place:
            cands.sort(key=lambda c: -best_pop[c])
            top, second = best_pop[cands[0]], best_pop[cands[1]]
            if top >= PLACE_DOMINANCE * max(second, 1):
                best = next(i for i in pool if d.iso3[i] == cands[0])
                return cands[0], best, tuple(cands), False
        return None, pool[0], tuple(cands), True

    def _match(self, query: str, ids: list[int], score: float) -> EntityMatch:
        iso3, best, cands, amb = self._rank(ids)
        d = self._d
        return EntityMatch(query, iso3, d.alias[best], d.kind[best], score, amb, cands,
                           self.name(iso3) if iso3 else "",
                           d.population[best] if d.kind[best] == "place" else 0)

    def _fuzzy_match(self, query: str, key: str) -> EntityMatch:
        from rapidfuzz import fuzz, process

        if self._fuzzy is None:
            self._fuzzy = self._d.fuzzy_keys()
        hits = process.extract(key, self._fuzzy, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF,
                               limit=10)
        if not hits:
            return EntityMatch(query, None)
        top = hits[0][1]
        ids: list[int] = []
        for k, score, _ in hits:
            if score >= top - 1e-9:
                ids.extend(i for i in self._d.keys[k] if not self._d.flags[i] & _F_CASE)
        ids.sort(key=lambda i: (_TYPE_ORDER[self._d.kind[i]], -self._d.population[i]))
        return self._match(query, ids, round(top, 1))

    # -- mentions ---------------------------------------------------------------------------
    def find_mentions(self, text: str) -> list[Mention]:
        """Every entity mention in ``text``, left to right, longest alias first."""
        d = self._d
        toks = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
        folded = [fold(text[a:b]) for a, b in toks]
        prefetch = getattr(d, "prefetch", None)
        if prefetch is not None:  # a table read from its store (reference/store.py): one query for the text
            prefetch(folded)
        out: list[Mention] = []
        i, n = 0, len(toks)
        while i < n:
            maxn = d.first.get(folded[i], 0)
            step = 1
            region = False
            for k in range(min(maxn, n - i), 0, -1):
                ids = d.keys.get(" ".join(folded[i:i + k]))
                if not ids:
                    continue
                start, end = toks[i][0], toks[i + k - 1][1]
                surface = text[start:end]
                if not surface[0].isupper():
                    continue
                usable = self._usable(ids, _compact(surface), mention=True)
                if not usable:
                    continue
                if i > 0 and folded[i - 1] in d.compass and d.kind[usable[0]] in ("demonym", "name"):
                    # "South American", "North African", "Latin American": a region, not a country
                    # (a compound that is a country, "South Korean", matched as a whole above).
                    region = True
                    break
                iso3, best, cands, amb = self._rank(usable)
                out.append(Mention(start, end, surface, iso3, d.kind[best], amb, cands))
                step = k
                break
            if step == 1 and not region and (not out or out[-1].start != toks[i][0]):
                fuzzy = self._fuzzy_mention(text, toks[i][0], toks[i][1])
                if fuzzy is not None:
                    out.append(fuzzy)
            i += step
        return self._drop_stray_places(out)

    def _fuzzy_mention(self, text: str, start: int, end: int) -> Mention | None:
        """A misspelt country name or demonym ("Phillipines", "Venezuala"): one capitalised word
        of 6+ letters that no alias matches, close (rapidfuzz ratio >= 88) to a country's name or
        demonym. Places are never matched this way: there are too many near-homonyms."""
        word = text[start:end]
        if len(word) < FUZZY_MENTION_LEN or not word.isalpha() or not word[0].isupper():
            return None
        got = self._fuzzy_words.get(word)
        if got is None:
            got = self._fuzzy_words[word] = self._fuzzy_country(word)
        if not got:
            return None
        iso3, kind = got
        return Mention(start, end, word, iso3, kind, False, (iso3,))

    def _fuzzy_country(self, word: str) -> tuple[str, str] | tuple[()]:
        from rapidfuzz import fuzz, process

        d = self._d
        hit = process.extractOne(fold(word), d.fuzzy_words, scorer=fuzz.ratio, score_cutoff=FUZZY_MENTION_CUTOFF)
        if not hit:
            return ()
        ids = [i for i in d.keys[hit[0]] if d.kind[i] in ("name", "demonym")]
        isos = {d.iso3[i] for i in ids}
        return (d.iso3[ids[0]], d.kind[ids[0]]) if len(isos) == 1 else ()

    def _drop_stray_places(self, found: list[Mention]) -> list[Mention]:
        """Keep a small place only when its country is named elsewhere in the text."""
        named = {m.iso3 for m in found
                 if m.iso3 and (m.alias_type != "place" or self._largest(m) >= SMALL_PLACE)}
        return [m for m in found
                if m.alias_type != "place" or self._largest(m) >= SMALL_PLACE
                or (set(m.candidates) & named)]

    def _largest(self, m: Mention) -> int:
        ids = self._d.keys.get(alias_key(m.text), ())
        return max((self._d.population[i] for i in ids if self._d.kind[i] == "place"), default=0)

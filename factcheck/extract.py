"""Quantity extraction: text -> Quantity[] (values, units, precision, qualifiers, spans).

One compiled pass over the text finds every number and every non-statistic pattern (dates,
times, years, codes, phone numbers, vague amounts); cheap anchored regexes then read the words
around each number (qualifier, currency, sign, direction of change before it; scale, currency,
unit, counted noun after it), and a last pass joins neighbours (ranges, "45 and 50 mg",
"5 feet 2 inches", "3 dollars 50 cents", "one in six").

Everything the pass knows about English comes from rule files (rules/lexicon/*.yaml,
rules/extract/*.yaml, docs/rule-format.md), compiled once per set of rule paths. Besides the
required ``name``, ``regex`` and ``kind``, an extract pattern may say ``ignore_case: true``,
``span: num`` (the quantity is the ``num`` group alone, as for years), ``value`` and ``unit``
(a fixed quantity, as for "absolute zero"); ``{lexicon:NAME}`` in a regex stands for the keys
of that lexicon; kind ``skip`` consumes text (web addresses) and reports nothing.

Public: ``extract(text, include_all=False)``; ``load_extract_rules(paths)`` (the stand-in for
the validated loader) and ``compiled_rules(paths)`` (the cached compiled pass).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

import yaml

from .model import Qualifier, Quantity, Span
from .numbers import UNICODE_FRACTION_CHARS, NumberGrammar, ParsedNumber, Token, parse_digits

RULES_DIR = Path(__file__).resolve().parents[1] / "rules"


def default_rule_paths() -> tuple[str, ...]:
    """The project's lexicon and extract rule files."""
    paths = sorted((RULES_DIR / "lexicon").glob("*.yaml")) + sorted((RULES_DIR / "extract").glob("*.yaml"))
    return tuple(str(p) for p in paths)


def load_extract_rules(paths: Iterable[str | Path]) -> list[dict[str, Any]]:
    """The lexicon and extract rules in ``paths`` (YAML, read safely).

    NOTE: a stand-in for the validated loader in factcheck/ruleset; it returns plain mappings
    with the keys of docs/rule-format.md, so the two are interchangeable.
    """
    rules: list[dict[str, Any]] = []
    for p in paths:
        data = yaml.safe_load(Path(p).read_text(encoding="utf-8"))
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict) and item.get("kind") in ("lexicon", "extract"):
                rules.append(item)
    return rules


# ---------------------------------------------------------------------------------------------
# Compiling the rules

_QUALIFIERS = {q.value: q for q in Qualifier}
_WS = "[ \\t\\u00a0\\u202f]"
_TIME_UNITS = frozenset({"year", "month", "week", "day", "hour", "minute", "second", "millisecond",
                         "fortnight", "decade", "century", "millennium"})
_LENGTH_MASS = frozenset({"[length]", "[mass]"})


def _edge(ch: str, flex: bool) -> str:
    if flex and ch == " ":
        return "\\s+"
    if flex and ch == "-":
        return "\\s?-\\s?"
    return re.escape(ch)


def _trie_regex(node: dict[str, Any], flex: bool) -> str:
    end = "" in node
    branches = [_edge(ch, flex) + _trie_regex(child, flex) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if end:
        return "(?:" + body + ")?" if len(branches) > 1 or len(body) > 1 else body + "?"
    return body


def _alt(words: Iterable[str], *, flex: bool = True) -> str:
    """Regex matching any of the phrases, longest first, factored as a trie (fast to match).

    With ``flex`` a space matches any run of whitespace and a hyphen may have spaces around it.
    """
    root: dict[str, Any] = {}
    for w in set(words):
        if not w:
            continue
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    out = _trie_regex(root, flex)
    return out if out else "(?!)"


def _rev_alt(words: Iterable[str]) -> str:
    """Alternation that matches the phrases in a reversed string (for looking left)."""
    out = []
    for w in sorted(set(words), key=lambda s: (-len(s), s)):
        parts = [re.escape(t[::-1]) for t in reversed(w.split())]
        e = "\\s+".join(parts)
        if w[:1].isalpha():
            e += "(?![^\\W\\d_])"
        out.append(e)
    return "|".join(out) if out else "(?!)"


def _plurals(word: str) -> list[str]:
    if not word[-1:].isalpha() or word.endswith(("s", "old", "age")):
        return [word]
    if word.endswith("y") and not word.endswith(("ay", "ey")):
        return [word, word[:-1] + "ies"]
    if word.endswith(("ch", "sh", "x")):
        return [word, word + "es"]
    return [word, word + "s"]


@dataclass(frozen=True)
class UnitInfo:
    unit: str | None
    kind: str


@dataclass(frozen=True)
class PatternInfo:
    name: str
    kind: str
    value: float | None
    span_num: bool
    rule: str
    unit: str | None = None


@dataclass
class Compiled:
    """Everything the extraction pass needs, built once from a set of rule files."""

    grammar: NumberGrammar
    master: re.Pattern[str]
    patterns: dict[str, PatternInfo]
    left: re.Pattern[str]
    qualifier_map: dict[str, Qualifier]
    direction_map: dict[str, str]
    currency_prefix: dict[str, str]
    age_prefix: dict[str, str]
    scale_suffix: re.Pattern[str]
    scale_suffix_map: dict[str, tuple[float, str]]
    currency_after: re.Pattern[str]
    currency_after_map: dict[str, str]
    subunit: re.Pattern[str]
    subunit_map: dict[str, tuple[str, float]]
    unit: re.Pattern[str]
    unit_words: dict[str, UnitInfo]
    unit_symbols: dict[str, UnitInfo]
    per: re.Pattern[str]
    person_nouns: frozenset[str]
    before_one: frozenset[str]
    after_one: frozenset[str]
    before_half: frozenset[str]
    weight_words: frozenset[str]
    factors: dict[str, float]
    scale_words: dict[str, float]
    big_scale_after: re.Pattern[str]
    noun_words: re.Pattern[str]
    token: re.Pattern[str]
    a_unit: frozenset[str]
    unit_factors: dict[str, tuple[str, float]]
    digits_only: re.Pattern[str]
    #: Finds every place where the master regex may match (a cheap superset), see _anchor_regex.
    anchor: re.Pattern[str]


def _lexicons(rules: Sequence[dict[str, Any]]) -> dict[str, Any]:
    return {r["lexicon"]: r.get("entries") or {} for r in rules if r.get("kind") == "lexicon"}


def _unit_info(v: Any) -> UnitInfo:
    if isinstance(v, dict):
        return UnitInfo(v.get("unit"), v.get("kind", "measure"))
    return UnitInfo(str(v), "measure")


def _expand_lexicon_refs(regex: str, lex: dict[str, Any]) -> str:
    def sub(m: re.Match[str]) -> str:
        entries = lex.get(m.group(1))
        if entries is None:
            raise ValueError(f"unknown lexicon {m.group(1)!r} in pattern")
        keys = [str(k) for k in (entries if isinstance(entries, (list, dict)) else [])]
        return "(?:" + _alt(keys) + ")"

    return re.sub(r"\{lexicon:(\w+)\}", sub, regex)


def _first_chars(regex: str) -> str:
    """Which kinds of character can start a match: a subset of "d" (digit), "a" (letter), "o" (other).

    NOTE: used to guard groups of alternatives in the master regex, so that a position is tried
    against only the alternatives that can start there; unknown constructs answer "dao".
    """
    from re import _parser as sp  # type: ignore[attr-defined]
    from re import _constants as sc  # type: ignore[attr-defined]

    def chars_of(op: Any, av: Any) -> str:
        if op is sc.LITERAL:
            ch = chr(av)
            return "d" if ch.isdigit() else ("a" if ch.isalpha() or ch == "_" else "o")
        if op is sc.NOT_LITERAL or op is sc.ANY:
            return "dao"
        if op is sc.IN:
            out = ""
            for iop, iav in av:
                if iop is sc.NEGATE:
                    return "dao"
                if iop is sc.LITERAL:
                    out += chars_of(sc.LITERAL, iav)
                elif iop is sc.RANGE:
                    lo, hi = iav
                    for code in {lo, hi, (lo + hi) // 2}:
                        out += chars_of(sc.LITERAL, code)
                    if lo <= ord("0") <= hi or lo <= ord("9") <= hi:
                        out += "d"
                    if lo <= ord("a") <= hi or lo <= ord("Z") <= hi:
                        out += "a"
                elif iop is sc.CATEGORY:
                    name = str(iav)
                    out += "d" if "DIGIT" in name and "NOT" not in name else ("da" if "WORD" in name and "NOT" not in name else "dao")
                else:
                    return "dao"
            return "".join(sorted(set(out)))
        return "dao"

    def first(seq: Any) -> tuple[str, bool]:
        """(chars, nullable) of a sequence of parsed items."""
        out = ""
        for op, av in seq:
            if op in (sc.AT, sc.ASSERT, sc.ASSERT_NOT):
                continue
            if op is sc.SUBPATTERN:
                c, null = first(av[-1])
            elif op is sc.BRANCH:
                c, null = "", False
                for b in av[1]:
                    bc, bn = first(b)
                    c += bc
                    null = null or bn
            elif op in (sc.MAX_REPEAT, sc.MIN_REPEAT, getattr(sc, "POSSESSIVE_REPEAT", None)):
                c, null = first(av[2])
                null = null or av[0] == 0
            elif op is getattr(sc, "ATOMIC_GROUP", None):
                c, null = first(av)
            elif op is sc.GROUPREF_EXISTS:
                return "dao", True
            else:
                c, null = chars_of(op, av), False
            out += c
            if not null:
                return out, False
        return out, True

    try:
        chars, nullable = first(sp.parse(regex))
    except Exception:
        return "dao"
    return "dao" if nullable else "".join(sorted(set(chars)))


def _literal_prefixes(regex: str) -> list[str] | None:
    """The literal texts a match must start with (lower case), or None when any text may start it."""
    from re import _parser as sp  # type: ignore[attr-defined]
    from re import _constants as sc  # type: ignore[attr-defined]

    def seq(items: Any, prefixes: list[str]) -> tuple[list[str], bool]:
        """Extend each prefix over a sequence; the flag says the whole sequence was literal."""
        out = prefixes
        for op, av in items:
            if op in (sc.AT, sc.ASSERT, sc.ASSERT_NOT) and all(p == "" for p in out):
                continue
            if op is sc.LITERAL:
                out = [p + chr(av).lower() for p in out]
                continue
            if op is sc.IN and av == [(sc.CATEGORY, sc.CATEGORY_SPACE)] and all(out):
                out = [p + " " for p in out]  # \s: the anchor trie matches any run of spaces there
                continue
            if op is sc.MAX_REPEAT and av[0] == 0 and av[1] == 1 and all(out):
                got, done = seq(av[2], out)  # "x?": both readings
                if not done:
                    return out, False
                out = out + got
                continue
            if op is sc.SUBPATTERN:
                out, done = seq(av[-1], out)
                if not done:
                    return out, False
                continue
            if op is sc.BRANCH:
                acc: list[str] = []
                all_done = True
                for b in av[1]:
                    got, done = seq(b, out)
                    acc.extend(got)
                    all_done = all_done and done
                out = acc
                if not all_done:
                    return out, False
                continue
            return out, False
        return out, True

    try:
        got, _ = seq(sp.parse(regex), [""])
    except Exception:
        return None
    if not got or any(p == "" for p in got) or len(got) > 400:
        return None
    return sorted({p[:12] for p in got})


def _guarded(alts: list[tuple[str, str]]) -> str:
    """Alternatives grouped behind a cheap look-ahead on their first character (order kept per group)."""
    groups: dict[str, list[str]] = {}
    order: list[str] = []
    prefixes: list[str] = []
    for regex, kinds in alts:
        key = kinds if kinds in ("d", "a") else "*"
        if key == "a":
            pre = _literal_prefixes(regex)
            if pre is not None:
                key = "w"
                prefixes.extend(pre)
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(regex)
    guard = {"d": "(?=\\d)", "a": "(?=[^\\W\\d_])", "*": "", "w": f"(?=(?i:{_alt(prefixes, flex=False)}))"}
    return "|".join(guard[k] + "(?:" + "|".join(groups[k]) + ")" for k in order)


def _anchor_regex(alts: list[str], kinds: list[str], number_words: list[str], uni: str) -> re.Pattern[str]:
    """A cheap regex that finds every position where one of ``alts`` may start.

    NOTE: the master regex has some forty alternatives, and trying all of them at every word is
    what costs; this one has a handful (digits, one trie of literal prefixes, and the few
    alternatives whose start is not a literal), so the pass tries the master only where it can
    match.
    """
    prefixes: set[str] = {"a ", "an ", "couple", "pair"} | {w.lower() for w in number_words}
    # NOTE: _alt with flex turns a space into \s+ and a hyphen into \s?-\s?, so "a " finds "a\tdozen" too
    rest: list[str] = []
    for regex, k in zip(alts, kinds):
        if regex.startswith("(?P<run>") or regex.startswith("(?P<aunit>"):
            continue  # digits, fraction characters and the number words above
        pre = _literal_prefixes(regex)
        if pre is not None:
            prefixes.update(pre)
        elif k != "d":
            rest.append(_strip_groups(regex))
    parts = ["\\d", "\\.(?=\\d)", uni, f"(?i:{_alt(sorted(prefixes))})"] + rest
    return re.compile("(?:(?<![^\\W\\d_])|(?=\\d))(?:" + "|".join(parts) + ")")


def _strip_groups(regex: str) -> str:
    """The regex with named groups made anonymous (back-references are not used in patterns)."""
    return re.sub(r"\(\?P<\w+>", "(?:", regex)


def _rename_groups(regex: str, prefix: str) -> str:
    regex = re.sub(r"\(\?P<(\w+)>", lambda m: f"(?P<{prefix}_{m.group(1)}>", regex)
    return re.sub(r"\(\?P=(\w+)\)", lambda m: f"(?P={prefix}_{m.group(1)})", regex)


def _scoped(regex: str, ignore_case: bool) -> str:
    flags = ""
    m = re.match(r"^\(\?([a-z]+)\)", regex)
    if m:
        flags += m.group(1)
        regex = regex[m.end():]
    if ignore_case:
        flags += "i"
    return f"(?{flags}:{regex})" if flags else f"(?:{regex})"


def compile_rules(rules: Sequence[dict[str, Any]]) -> Compiled:
    """Build the extraction pass from lexicon and extract rules."""
    lex = _lexicons(rules)
    cardinals = {str(k).lower(): float(v) for k, v in lex.get("number_words", {}).items()}
    scales = {str(k).lower(): float(v) for k, v in lex.get("scales", {}).items()}
    fractions = {str(k).lower(): float(v) for k, v in lex.get("fractions", {}).items()}
    ordinals = {str(k).lower(): float(v) for k, v in lex.get("ordinals", {}).items()}
    grammar = NumberGrammar(cardinals, scales, fractions, ordinals)

    # -- the master pass ----------------------------------------------------------------------
    patterns: dict[str, PatternInfo] = {}
    alts: list[str] = []
    kinds: list[str] = []
    n = 0
    for rule in rules:
        if rule.get("kind") != "extract":
            continue
        for p in rule.get("patterns", []):
            g = f"p{n}"
            n += 1
            body = _rename_groups(_expand_lexicon_refs(p["regex"], lex), g)
            alts.append(f"(?P<{g}>{_scoped(body, bool(p.get('ignore_case')))})")
            kinds.append(_first_chars(_scoped(body, bool(p.get('ignore_case')))))
            patterns[g] = PatternInfo(p["name"], p["kind"], p.get("value"), p.get("span") == "num", rule.get("id", ""),
                                      p.get("unit"))
    factors = {str(k).lower(): float(v) for k, v in lex.get("factors", {}).items()}
    alts.append(f"(?P<factor>(?i:\\b(?:{_alt(factors)})\\b)(?!\\s+(?:back|down|over|up|as|in)\\b|-))")
    kinds.append("a")
    number_words = list(cardinals) + list(scales) + list(fractions) + ["point"]
    tens = [w for w, v in cardinals.items() if v >= 20 and v % 10 == 0]
    ords = list(ordinals)
    compound_ord = f"(?:{_alt(tens)})-(?:{_alt(ords)})s?"
    words = f"(?:{compound_ord}|{_alt(number_words)})"
    big = f"(?:{_alt([w for w, v in scales.items() if v >= 12])})"
    fracw = f"(?:{_alt(fractions)})"
    uni = f"[{UNICODE_FRACTION_CHARS}]"
    digits = (
        "(?:\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?(?![\\d])"
        "|\\d{1,2}(?:,\\d{2})+,\\d{3}(?:\\.\\d+)?(?![\\d,])"
        "|\\d{1,3}(?:\\.\\d{3})+,\\d+(?![\\d])"
        "|\\d{1,3}(?:\\.\\d{3}){2,}(?![\\d.])"
        "|\\d{1,3}(?:[\\u00a0\\u202f\\u2009 ]\\d{3})+(?![\\d])(?:\\.\\d+)?"
        "|\\d+\\s{1,2}\\d+/\\d+(?![\\d/])"
        "|\\d+/\\d+(?![\\d/])"
        "|(?<!\\d,)\\d+,\\d{1,2}(?![\\d,])"
        "|\\d+(?:\\.\\d+)?"
        "|\\.\\d+)"
        "(?:[eE][-+]?\\d+(?![\\w])|\\s?[x×]\\s?10\\^?[-+−]?\\d+|\\^[-+−]{0,2}\\d+)?"
        f"(?:{uni})?"
    )
    atom = f"(?:{digits}|{uni}|(?i:\\b{words}\\b)|(?i:\\b(?:couple|pair)\\b))"
    sep = (f"(?:\\s*[-‐]\\s*(?!\\d)|\\s+(?:and|&)\\s+|\\s*&\\s*|{_WS}+|{_WS}*[-‐]{_WS}*(?=\\d)|,\\s(?=(?i:{words})\\b)"
           f"|\\s+of\\s+(?:an?\\s+)?(?=(?i:{big})\\b)|\\s+an?\\s+(?=(?i:{big}|dozen)\\b))")
    a_pre = f"(?i:\\ban?\\s+(?=(?:{compound_ord}|{big}|{fracw}|couple|pair)\\b))"
    run = f"(?P<run>(?:{a_pre})?{atom}(?:{sep}(?:{a_pre})?{atom})*)"
    alts.append(run)
    kinds.append("dao")
    master_a_unit = "(?P<aunit>(?i:\\ban?)\\s+(?=(?i:{aw})(?![A-Za-z])))"
    alts.append("{a_unit}")
    kinds.append("a")
    # NOTE: alternatives that can only start on a digit (or a letter) sit behind one look-ahead
    # each; leftmost-first order between groups does not matter because a position is either.


    # -- looking left ---------------------------------------------------------------------------
    qualifier_map = {str(k).lower(): _QUALIFIERS[str(v)] for k, v in lex.get("qualifiers", {}).items()}
    direction_map = {str(k).lower(): str(v) for k, v in lex.get("directions", {}).items()}
    age_prefix = {str(k).lower(): str(v) for k, v in lex.get("age_prefixes", {}).items()}
    currency_prefix: dict[str, str] = {}
    sym_rev: list[str] = []
    for k, v in lex.get("currency_symbols", {}).items():
        k = str(k)
        currency_prefix[k] = str(v)
        letters = k[:-1].replace(" ", "") if k.endswith("$") else ""
        if letters and len(letters.replace(".", "")) >= 2:
            # "US$", "us $", "HK$": letters of two or more, any case, a space allowed before "$"
            currency_prefix[letters.lower() + "$"] = str(v)
            sym_rev.append("\\$\\s?(?i:" + re.escape(letters[::-1]) + ")(?![^\\W\\d_])")
        elif letters:
            sym_rev.append("\\$" + re.escape(letters[::-1]) + "(?![^\\W\\d_])")  # "C$", "A$": as written
        else:
            sym_rev.append(re.escape(k[::-1]) + ("(?![^\\W\\d_])" if k[:1].isalpha() else ""))
    code_rev: list[str] = []
    for k, v in lex.get("currency_codes", {}).items():
        k = str(k)
        if k in ("TRY",):
            continue
        currency_prefix[k] = str(v)
        currency_prefix["M" + k] = "M" + str(v)
        code_rev.append(re.escape(k[::-1]) + "M?(?![^\\W\\d_])")
    names_rev: list[str] = []
    for k, v in lex.get("currency_names", {}).items():
        for form in _plurals(str(k).lower()):
            currency_prefix[form] = str(v)
            names_rev.append(form)
    sym_rev.sort(key=len, reverse=True)
    code_rev.sort(key=len, reverse=True)
    _s = "[ \\t\\u00a0]*"
    left = re.compile(
        "^(?P<ws0>[ \\t\\u00a0]*)"
        "(?:(?P<brack>[(\\[{<]))?"
        "(?:(?P<sign>[-−+]))?"
        f"(?:(?P<sym>{'|'.join(sym_rev)})|(?P<code>{'|'.join(code_rev)})|(?P<name>(?i:{_rev_alt(names_rev)})))?"
        "(?:(?P<sign2>[-−]))?"
        f"(?:{_s}(?P<brack2>[(\\[{{<]))?"
        f"(?:{_s}(?P<neg>(?i:evitagen|sunim))(?![^\\W\\d_]))?"
        f"(?:\\s*(?P<qual>(?i:{_rev_alt(qualifier_map)})))?"
        "(?:\\s*(?P<rng>(?i:neewteb|morf))(?![^\\W\\d_]))?"
        f"(?:\\s*(?P<age>(?i:{_rev_alt(age_prefix)})))?"
        "(?:\\s*(?P<chg>(?i:ot|yb))(?![^\\W\\d_])"
        f"(?:(?:\\s+[^\\W\\d_]+){{0,3}}?\\s+(?P<dir>(?i:{_rev_alt(direction_map)})))?)?"
        f"(?:\\s*(?P<dir2>(?i:{_rev_alt(direction_map)})))?"
    )

    # -- looking right --------------------------------------------------------------------------
    scale_suffix_map: dict[str, tuple[float, str]] = {}
    spaced: list[str] = []
    glued: list[str] = []
    for k, v in lex.get("scale_suffixes", {}).items():
        k = str(k)
        if isinstance(v, dict):
            scale_suffix_map[k] = (float(v["value"]), str(v.get("context", "")))
        else:
            scale_suffix_map[k] = (float(v), "")
        (glued if (len(k) == 1 and k in "mbBT") else spaced).append(k)
    scale_suffix = re.compile(
        f"(?:{_WS}{{0,2}}(?P<s>{_alt(spaced, flex=False)})|(?P<g>{_alt(glued, flex=False)}))(?![A-Za-z0-9])")

    currency_after_map: dict[str, str] = {}
    cur_sym = [str(k) for k in lex.get("currency_symbols", {})
               if not (str(k)[:1].isascii() and str(k)[:1].isalpha()) or str(k).endswith("$")]
    for k in cur_sym:
        currency_after_map[k] = str(lex["currency_symbols"][k])
    codes = [str(k) for k in lex.get("currency_codes", {})]
    for k in codes:
        currency_after_map[k] = str(lex["currency_codes"][k])
        currency_after_map["M" + k] = "M" + str(lex["currency_codes"][k])
    names: list[str] = []
    for k, v in lex.get("currency_names", {}).items():
        for form in _plurals(str(k).lower()):
            currency_after_map[form] = str(v)
            names.append(form)
    for k in ("Rs", "Rs.", "RM", "TL"):
        if k in lex.get("currency_symbols", {}):
            currency_after_map[k] = str(lex["currency_symbols"][k])
    currency_after = re.compile(
        f"(?:{_WS}?(?P<sym>{_alt(cur_sym, flex=False)})"
        f"|{_WS}?(?P<code>(?:M)?(?:{_alt(codes, flex=False)})|Rs\\.?|RM|TL)(?![A-Za-z])"
        f"|{_WS}*-?{_WS}*(?P<name>(?i:{_alt(names)}))(?![A-Za-z]))")
    subunit_map: dict[str, tuple[str, float]] = {}
    sub_i: list[str] = []
    sub_cs: list[str] = []
    sub_glued: list[str] = []
    for k, v in lex.get("currency_subunits", {}).items():
        k = str(k)
        subunit_map[k] = (str(v["currency"]), float(v["factor"]))
        if v.get("glued"):
            sub_glued.append(k)
        elif v.get("case") == "sensitive" or not k[:1].isalpha():
            sub_cs.append(k)
        else:
            for form in _plurals(k.lower()):
                subunit_map[form] = subunit_map[k]
                sub_i.append(form)
    subunit = re.compile(
        f"(?:(?P<g>{_alt(sub_glued, flex=False)})(?![A-Za-z0-9])|{_WS}?(?P<cs>{_alt(sub_cs, flex=False)})"
        f"|{_WS}*-?{_WS}*(?P<w>(?i:{_alt(sub_i)}))(?![A-Za-z]))")

    unit_words: dict[str, UnitInfo] = {}
    for k, v in lex.get("unit_words", {}).items():
        info = _unit_info(v)
        for form in _plurals(str(k).lower()):
            unit_words.setdefault(form, info)
    unit_symbols: dict[str, UnitInfo] = {}
    sym_glued: list[str] = []
    sym_any: list[str] = []
    for k, v in lex.get("unit_symbols", {}).items():
        k = str(k)
        unit_symbols[k] = _unit_info(v)
        (sym_glued if isinstance(v, dict) and v.get("glued") else sym_any).append(k)
    uw = _alt(unit_words)
    unit = re.compile(
        f"(?P<sep>{_WS}*(?:[-‐]{_WS}*)?)(?P<open>[(\\[{{<]{_WS}?)?"
        f"(?:(?P<w>(?i:{uw}))(?![A-Za-z])|(?P<s>{_alt(sym_any, flex=False)})(?![A-Za-z0-9])"
        f"|(?<=\\d)(?P<g>{_alt(sym_glued, flex=False)})(?![A-Za-z0-9]))"
        f"(?(open)(?P<close>{_WS}?[)\\]}}>]))")
    per = re.compile(
        f"(?P<sep>{_WS}*/{_WS}*|{_WS}+per{_WS}+|{_WS}*-?{_WS}*an?{_WS}*-?{_WS}*)"
        f"(?:(?P<w>(?i:{uw}|capita|head|person))(?![A-Za-z])|(?P<s>{_alt(sym_any, flex=False)})(?![A-Za-z0-9]))")
    person_nouns = frozenset(str(k).lower() for k in lex.get("person_nouns", {}))
    ctx = lex.get("count_context", {})
    weight = lex.get("weight_cues", {})
    scale_words = dict(scales)
    big_scale_after = re.compile(f"{_WS}+(?P<w>(?i:{big}))\\b")
    noun_words = re.compile(f"(?:{_WS}+|-)([A-Za-z][A-Za-z'’-]*)")
    token = re.compile(f"(?P<dig>{digits})|(?P<uni>{uni})|(?P<word>[A-Za-z]+(?:-[A-Za-z]+)?)|(?P<amp>&)")
    # "a kilogram", "a dollar": an article stands for one of a unit of money, length, mass or volume
    a_unit = frozenset(
        [w for w, i in unit_words.items() if i.kind == "measure" and i.unit not in ("degree", "turn", "radian", "bar", "second")
         and " " not in w and "-" not in w and len(w) > 2]
        + [w for w, i in unit_symbols.items() if i.kind == "measure" and len(w) > 1 and w.isalpha() and w.islower()
           and w not in ("in", "am", "pm", "ha", "cal", "rad", "mb", "kb")]
        + [w for w in names if " " not in w and len(w) > 3] + [w for w in sub_i if w.isalpha() and len(w) > 3])
    a_unit_alt = master_a_unit.replace("{aw}", _alt(sorted(a_unit)))
    alts = [a if a != "{a_unit}" else a_unit_alt for a in alts]
    master = re.compile("(?:(?<![^\\W\\d_])|(?=\\d))(?:" + _guarded(list(zip(alts, kinds))) + ")")
    anchor = _anchor_regex(alts, kinds, number_words + tens, uni)
    return Compiled(
        grammar, master, patterns, left, qualifier_map, direction_map, currency_prefix, age_prefix,
        scale_suffix, scale_suffix_map, currency_after, currency_after_map, subunit, subunit_map,
        unit, unit_words, unit_symbols, per, person_nouns,
        frozenset(str(w).lower() for w in ctx.get("before_one", [])),
        frozenset(str(w).lower() for w in ctx.get("after_one", [])),
        frozenset(str(w).lower() for w in ctx.get("before_half", [])),
        frozenset(str(w).lower() for w in weight.get("words", [])),
        factors, scale_words, big_scale_after, noun_words, token, a_unit,
        {str(k): (str(v[0]), float(v[1])) for k, v in lex.get("unit_factors", {}).items()},
        re.compile(digits), anchor)


@functools.lru_cache(maxsize=8)
def compiled_rules(paths: tuple[str, ...] | None = None) -> Compiled:
    """The compiled pass for a set of rule files (cached per set of paths, and on disk keyed by
    the rule files and this code: see ruleset/cache.py)."""
    from .ruleset.cache import compiled

    files = paths or default_rule_paths()
    code = (__file__, str(Path(__file__).with_name("numbers.py")), str(Path(__file__).with_name("model.py")))
    return compiled("extract", files, code, lambda: compile_rules(load_extract_rules(files)))


# ---------------------------------------------------------------------------------------------
# The pass

_STOP_NOUN = frozenset("""the a an of in on at to for from and or but with by as is are was were be been have has had
will would that which who whom since than per into over under about after before during this these those its their
his her our your my new more most less least other such said says say than""".split())
_CLAUSE_END = re.compile(r"^\s*(?:$|[.,;:!?)\]\"'”’])")
_PLUSMINUS = re.compile(r"\s?(?:±|\+/-|\+-)\s?(\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)")
_LAST_WORD = re.compile(r"([A-Za-z']+)\W*$")
_NEXT_WORD = re.compile(r"\W{0,3}?([A-Za-z']+)")
_OF = re.compile(r"\s+of\b")
_HYPHEN_POUND = re.compile(r"\s*-\s*pound\b", re.I)
_LETTERS = re.compile(r"[a-z]+")
_LOOSE_HYPHEN = re.compile(r"\s*-\s*")
_INCH_AFTER = re.compile(r"^(?:\s*[.,;)]|\s*$|\s+(?:thick|long|wide|tall|deep|high|across|diameter|of (?:rain|snow))\b)")
_FEET_BEFORE = re.compile(r"(?:ft|feet|foot|')\s*$")
_NOT_RATE = re.compile(r"\s+(?:earlier|ago|before|later|after|prior|on|from|in)\b")
_OPEN_PAREN = re.compile(r"\s*\(\s*")
_COMPOSITE_JOIN = re.compile(r"\s*(?:,|and|,\s*and)?\s*")
_CENTS_JOIN = re.compile(r"\s*(?:and\s*)?")
_IN_OUT_OF = re.compile(r"\s+(in|out\s+of)\s+", re.I)
_NEXT_AMOUNT = re.compile(r"([ \t]?)\d[\d,.]*")
_TO = re.compile(r"\s+to\s+", re.I)
_OVER = re.compile(r"\s+over\s+", re.I)
_POWER_WORD = re.compile(r"\s+(squared|cubed)\b", re.I)
_ON_SCALE = re.compile(r"\s+on\s+the\s+(celsius|centigrade|fahrenheit|kelvin)\s+scale\b", re.I)
_SCALE_UNITS = {"celsius": "degree_Celsius", "centigrade": "degree_Celsius", "fahrenheit": "degree_Fahrenheit",
                "kelvin": "kelvin"}
_FACTOR_AFTER = re.compile(r"\s+(?:more|less|fewer|as|higher|lower|larger|smaller|bigger|greater|faster|slower|the)\b", re.I)
_LENGTHS = frozenset({"meter", "kilometer", "centimeter", "millimeter", "mile", "foot", "yard", "inch"})
_BELOW_ZERO = re.compile(r"\s+below\s+zero\b", re.I)
_FRACTION_OF = re.compile(r"\s+(?:of\s+)?(?:an?\s+)?(?=[A-Za-z])|-(?=[A-Za-z])", re.I)
_CONNECT = re.compile(r"^\s*-?\s*(?:(?P<dash>[-–—~‐]|to|through|thru|and|or)\s*)$", re.I)


@dataclass
class Cand:
    """A number being read: where it is, what it is, and what was found around it."""

    start: int
    end: int
    num_start: int
    num_end: int
    value: float
    precision: float | None
    kind: str = "count"
    unit: str | None = None
    qualifier: Qualifier = Qualifier.EXACT
    direction: str | None = None
    change: str | None = None
    scale: float = 1.0
    words: bool = False
    plain: bool = False
    currency_left: bool = False
    rng: str | None = None
    low: float | None = None
    high: float | None = None
    dead: bool = False
    subunit: bool = False
    raw: str = ""
    noun: str | None = None
    flags: set[str] = field(default_factory=set)


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


def _clean(v: float) -> float:
    """Drop binary noise from a product ("16.4 million" is 16400000, not 16399999.999999998)."""
    return float(f"{v:.15g}")


def _word_before(text: str, pos: int) -> str:
    m = _LAST_WORD.search(text, max(0, pos - 30), pos)
    return m.group(1).lower() if m else ""


def _word_after(text: str, pos: int) -> str:
    m = _NEXT_WORD.match(text, pos, pos + 30)
    return m.group(1).lower() if m else ""


class _Pass:
    """One extraction over one text."""

    def __init__(self, c: Compiled, text: str) -> None:
        self.c = c
        self.text = text
        self.cands: list[Cand] = []
        self.others: list[Quantity] = []
        #: End of the last text consumed (a number's context never reaches back past it).
        self.floor = 0

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
        return cand

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
                if code and m.group("name") and code == "GBP" and key.startswith("pound") and self._weight(cand, m.end()):
                    code = None
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

    def _scale(self, cand: Cand, mult: float) -> None:
        cand.value = _clean(cand.value * mult)
        if cand.precision is not None:
            cand.precision = _clean(cand.precision * mult)
        cand.scale *= mult

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
            w = m.group("w").lower()
            if w in ("capita", "head", "person", "persons", "people"):
                den: str | None = "person"
            else:
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
        """A count: find the counted noun (person nouns give unit person)."""
        text = self.text
        c = self.c
        pos = e
        for _ in range(3):
            m = c.noun_words.match(text, pos)
            if not m:
                return
            w = m.group(1).lower().rstrip("'’")
            if w in c.person_nouns:
                cand.unit = "person"
                cand.noun = w
                return
            if w in _STOP_NOUN or w in c.unit_words:
                return
            if cand.noun is None:
                cand.noun = w
            pos = m.end()

    # -- joining neighbours ------------------------------------------------------------------
    def join(self) -> None:
        """Join each number with the live number before it (ranges, composites, cents, fractions)."""
        text = self.text
        prev: Cand | None = None
        for b in self.cands:
            if b.dead:
                continue
            if prev is not None:
                self._join_pair(prev, b, text[prev.end:b.start])
            if not b.dead:
                prev = b

    def _join_pair(self, a: Cand, b: Cand, between: str) -> None:
        text = self.text
        # a parenthetical restatement of the same number: "forty-five (45)"
        if _OPEN_PAREN.fullmatch(between) and abs(a.value - b.value) < 1e-9 and (b.unit == a.unit or b.unit is None):
            b.dead = True
            return
        # composite measures: "5 feet 2 inches", "2 km and 1 meter", "10 kms, 8 meters, 6 cm"
        if a.kind == "measure" and b.kind == "measure" and a.unit and b.unit and _COMPOSITE_JOIN.fullmatch(between):
            if self._composite(a, b):
                return
        if _CENTS_JOIN.fullmatch(between) and self._money_cents(a, b, between):
            return
        if not between.strip() and "neg" in b.flags and text[b.num_start - 1:b.num_start] in "-‐" and a.kind == "count" and (
                a.unit is None) and a.qualifier in (Qualifier.EXACT, Qualifier.ABOUT) and not b.words:
            # "2 -7 g", "75 -300mm": a range written with a loose dash
            b.value = -b.value
            b.flags.discard("neg")
            if self._range(a, b, "-"):
                return
            b.value = -b.value
            b.flags.add("neg")
        if a.direction and not b.direction and (a.kind == "factor" or a.change == "by") and not a.rng and _TO.fullmatch(between):
            b.direction, b.change = a.direction, "to"  # "doubled to €20.7 million", "rose 15% to $415.9 million"
            return
        cm = _CONNECT.match(between)
        if cm:
            conn = (cm.group("dash") or "").lower()
            if conn in ("and", "or") and a.rng != "between" and not (a.rng == "from" and conn == "and"):
                # "45 and 50 mg": the unit of the second applies to the first
                if a.unit is None and b.unit is not None and a.kind == "count" and b.kind in ("measure", "percent", "money", "percentage_point"):
                    a.unit, a.kind = b.unit, b.kind
                return
            if self._range(a, b, conn):
                return
        between_num = text[a.end:b.num_start]
        # "one in six", "2 out of 5"
        fm = _IN_OUT_OF.fullmatch(between)
        if fm and a.kind == "count" and b.kind == "count" and a.unit is None and 0 < a.value < b.value and a.value % 1 == 0:
            self._merge(a, b, a.value / b.value, None, "fraction", None)
            return
        om = _OVER.fullmatch(between_num)
        if om and a.kind == "count" and b.kind == "count" and a.unit is None and b.unit is None and b.value and (
                _CLAUSE_END.match(text[b.end:])):
            b.qualifier = Qualifier.EXACT
            self._merge(a, b, a.value / b.value, None, "fraction", None)

    def _merge(self, a: Cand, b: Cand, value: float, unit: str | None, kind: str, prec: float | None) -> None:
        a.end = max(a.end, b.end)
        a.value = _clean(value)
        a.unit = unit
        a.kind = kind
        a.precision = prec
        a.num_end = b.num_end
        b.dead = True

    def _range(self, a: Cand, b: Cand, conn: str) -> bool:
        if a.kind not in ("count", "money", "percent", "measure", "duration", "age", "percentage_point", "rate") or b.kind != a.kind and not (
                a.kind == "count" and a.unit is None):
            return False
        if conn in ("and",) and a.rng not in ("between", "from"):
            return False
        if conn == "or":
            return False
        if a.unit is not None and b.unit is not None and a.unit != b.unit:
            return False
        lo, hi = a.value, b.value
        if "neg" in b.flags and conn == "" and lo > hi:
            hi = -hi
        if b.scale > 1 and a.scale == 1 and not a.subunit and abs(a.value) <= abs(b.value) / b.scale:
            # "between £17 and £190 billion", "10-20 million": the scale of the second applies to both
            lo = _clean(a.value * b.scale)
            if a.precision is not None:
                a.precision = _clean(a.precision * b.scale)
        if lo > hi:
            return False
        unit = b.unit if b.unit is not None else a.unit
        kind = b.kind if b.unit is not None else a.kind
        precs = [p for p in (a.precision, b.precision) if p is not None]
        a.low, a.high = lo, hi
        start_rng = next((int(f.split(":")[1]) for f in a.flags if f.startswith("rng_at:")), None)
        if start_rng is not None:
            a.start = min(a.start, start_rng)
        self._merge(a, b, (lo + hi) / 2, unit, kind, max(precs) if precs else None)
        a.qualifier = Qualifier.RANGE
        if b.direction and not a.direction:
            a.direction, a.change = b.direction, b.change
        return True

    def _composite(self, a: Cand, b: Cand) -> bool:
        """ "5 feet 2 inches": a length or mass followed by a smaller unit of the same dimension."""
        fa = self.c.unit_factors.get(a.unit or "")
        fb = self.c.unit_factors.get(b.unit or "")
        if not fa or not fb or fa[0] != fb[0] or fa[0] not in _LENGTH_MASS or fb[1] >= fa[1]:
            return False
        value = a.value * fa[1] / fb[1] + b.value
        self._merge(a, b, value, b.unit, "measure", b.precision)
        return True

    def _money_cents(self, a: Cand, b: Cand, between: str) -> bool:
        """ "3 dollars 50 cents", "$20 and 43c", "20 dollar 43": the minor unit completes the amount."""
        text = self.text
        if a.kind != "money" or a.subunit or a.scale != 1.0 or a.value % 1:
            return False
        if b.kind == "money" and b.subunit and not b.currency_left and b.qualifier == Qualifier.EXACT:
            self._merge(a, b, a.value + b.value, a.unit, "money", 0.01)
            return True
        if b.kind == "count" and b.unit is None and b.noun is None and 0 < b.value < 100 and b.value % 1 == 0 and (
                b.words or len(b.raw) == 2) and _CLAUSE_END.match(text[b.end:]):
            self._merge(a, b, a.value + b.value / 100, a.unit, "money", 0.01)
            return True
        return False

    # -- output -------------------------------------------------------------------------------
    def quantities(self, include_all: bool) -> list[Quantity]:
        out: list[Quantity] = []
        text = self.text
        for c in self.cands:
            if c.dead:
                continue
            kind = c.kind
            if kind in ("count", "fraction") and c.words and not self._is_number_word_ok(c):
                continue  # "one way", "which one", "the first half": not numbers
            if c.kind == "count" and c.unit is None and not c.words and c.noun is None:
                # glued letters after digits that are not a unit: a code ("777F", "13F")
                e = c.end
                if e < len(text) and text[e].isalpha():
                    kind = "code"
            q = self._quantity(c, kind)
            if include_all or q.is_statistic:
                out.append(q)
        if include_all:
            out.extend(self.others)
            out.sort(key=lambda q: (q.span.start, q.span.end))
        return out

    def _is_number_word_ok(self, c: Cand) -> bool:
        text = self.text
        raw = c.raw.lower()
        if raw == "one":
            before = _word_before(text, c.start)
            after = _word_after(text, c.num_end)
            if before in self.c.before_one or after in self.c.after_one:
                return False
            if text[c.num_end:c.num_end + 2] in ("'s", "’s"):
                return False
        if raw in ("half", "a half"):
            before = _word_before(text, c.start)
            if before in self.c.before_half:
                return False
            if text[c.num_end:c.num_end + 1] == "-" and c.unit is None:
                return False
        if raw in ("quarter", "quarters") and c.unit is None:
            return False  # "the third quarter", "quarters": not an amount
        if raw in ("nil",) and c.unit is None:
            return True
        return True

    def _quantity(self, c: Cand, kind: str) -> Quantity:
        value = c.value
        if c.qualifier == Qualifier.RANGE and c.low is not None and c.high is not None:
            low, high = c.low, c.high
        elif any(f.startswith("pm:") for f in c.flags):
            err = float(next(f for f in c.flags if f.startswith("pm:"))[3:])
            low, high = value - err, value + err
        elif c.precision is not None:
            low, high = _clean(value - c.precision / 2), _clean(value + c.precision / 2)
        else:
            low = high = value
        start, end = c.start, c.end
        return Quantity(
            text=self.text[start:end], span=Span(start, end), value=value, low=low, high=high, unit=c.unit,
            qualifier=c.qualifier, kind=kind, precision=c.precision, direction=c.direction, change=c.change,
            number_span=Span(c.num_start, c.num_end))


def extract(text: str, *, include_all: bool = False, rule_paths: Sequence[str] | None = None) -> list[Quantity]:
    """Quantities in ``text``, in order of appearance.

    Statistics only by default (``Quantity.is_statistic``); ``include_all=True`` adds dates,
    times, years, codes, phone numbers, list and page numbers and vague amounts, each with its kind.
    """
    c = compiled_rules(tuple(rule_paths) if rule_paths else None)
    p = _Pass(c, text)
    p.run()
    p.join()
    return p.quantities(include_all)

"""Compiling the rules: lexicon and extract rules -> ``Compiled`` (the master regex, the anchored
regexes that read left and right of a number, and the word tables), cached per set of rule paths.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any, Sequence

from ..model import Qualifier
from ..numbers import UNICODE_FRACTION_CHARS, NumberGrammar
from .regexes import _WS, _alt, _anchor_regex, _first_chars, _guarded, _plurals, _rename_groups, _rev_alt, _scoped
from .rules import default_rule_paths, lexicons, load_extract_rules
from .tables import Compiled, PatternInfo, UnitInfo

_QUALIFIERS = {q.value: q for q in Qualifier}
#: The proper fractions written after a hyphen in a mixed number ("2-1/2", "7-3/8", "99-16/32"):
#: halves to sixty-fourths, the numerator below the denominator, so that "3-4/5" or a date
#: stays what it is.
_MIXED_FRACTION = ("(?:1/2|[12]/3|[13]/4|[1-7]/8|(?:1[0-5]|[1-9])/16|(?:3[01]|[12]\\d|[1-9])/32"
                   "|(?:6[0-3]|[1-5]\\d|[1-9])/64)")


def _currency_name(v: Any) -> tuple[str, bool]:
    """A currency_names entry: its unit (a code or a generic name) and whether "a <name>" is one
    of it (``article: false`` for names that are also common nouns: "a crown")."""
    if isinstance(v, dict):
        return str(v["unit"]), bool(v.get("article", True))
    return str(v), True


def _unit_info(v: Any) -> UnitInfo:
    if isinstance(v, dict):
        nb = v.get("not_before")
        return UnitInfo(v.get("unit"), v.get("kind", "measure"), re.compile(str(nb)) if nb else None)
    return UnitInfo(str(v), "measure")


def _expand_lexicon_refs(regex: str, lex: dict[str, Any]) -> str:
    def sub(m: re.Match[str]) -> str:
        entries = lex.get(m.group(1))
        if entries is None:
            raise ValueError(f"unknown lexicon {m.group(1)!r} in pattern")
        keys = [str(k) for k in (entries if isinstance(entries, (list, dict)) else [])]
        return "(?:" + _alt(keys) + ")"

    return re.sub(r"\{lexicon:(\w+)\}", sub, regex)


def compile_rules(rules: Sequence[dict[str, Any]]) -> Compiled:
    """Build the extraction pass from lexicon and extract rules."""
    lex = lexicons(rules)
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
        f"|\\d{{1,4}}[-‐]{_MIXED_FRACTION}(?![\\d/])"
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
    direction_nouns = {str(k).lower(): str(v) for k, v in lex.get("direction_nouns", {}).items()}
    fillers = [str(k).lower() for k in lex.get("change_fillers", {})]
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
            currency_prefix[form] = _currency_name(v)[0]
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
        f"(?:\\s*(?P<fill>(?i:{_rev_alt(fillers)})))?"
        "(?:\\s*(?P<rng>(?i:neewteb|morf))(?![^\\W\\d_]))?"
        f"(?:\\s*(?P<age>(?i:{_rev_alt(age_prefix)})))?"
        f"(?:\\s*(?P<ofn>(?i:fo|ot))\\s+(?P<dirn>(?i:{_rev_alt(direction_nouns)})))?"
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
    no_article: set[str] = set()
    for k, v in lex.get("currency_names", {}).items():
        unit, article = _currency_name(v)
        for form in _plurals(str(k).lower()):
            currency_after_map[form] = unit
            names.append(form)
            if not article:
                no_article.add(form)
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
    sym_no_article: set[str] = set()
    for k, v in lex.get("unit_symbols", {}).items():
        k = str(k)
        unit_symbols[k] = _unit_info(v)
        if isinstance(v, dict) and v.get("article") is False:
            sym_no_article.add(k)  # "a toe", "a bpd": the article is not one of the unit
        (sym_glued if isinstance(v, dict) and v.get("glued") else sym_any).append(k)
    uw = _alt(unit_words)
    unit = re.compile(
        f"(?P<sep>{_WS}*(?:[-‐]{_WS}*)?)(?P<open>[(\\[{{<]{_WS}?)?"
        f"(?:(?P<w>(?i:{uw}))(?![A-Za-z])|(?P<s>{_alt(sym_any, flex=False)})(?![A-Za-z0-9])"
        f"|(?<=\\d)(?P<g>{_alt(sym_glued, flex=False)})(?![A-Za-z0-9]))"
        f"(?(open)(?P<close>{_WS}?[)\\]}}>]))")
    rate_bases = {" ".join(str(k).lower().split()): str(v) for k, v in lex.get("rate_bases", {}).items()}
    per = re.compile(
        f"(?P<sep>{_WS}*/{_WS}*|{_WS}+per{_WS}+|{_WS}*-?{_WS}*an?{_WS}*-?{_WS}*)"
        f"(?:(?P<w>(?i:{_alt([*unit_words, *rate_bases])}))(?![A-Za-z])"
        f"|(?P<s>{_alt(sym_any, flex=False)})(?![A-Za-z0-9]))")
    rate_base = re.compile(f"{_WS}+(?i:per|for{_WS}+every){_WS}+(?P<b>(?i:{_alt(rate_bases)}))(?![A-Za-z0-9])")
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
           and w not in ("in", "am", "pm", "ha", "cal", "rad", "mb", "kb") and w not in sym_no_article]
        + [w for w in names if " " not in w and len(w) > 3 and w not in no_article]
        + [w for w in sub_i if w.isalpha() and len(w) > 3])
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
        re.compile(digits), anchor, direction_nouns,
        re.compile(f"{_WS}*(?:-{_WS}*)?(?:(?P<w>[A-Za-z][A-Za-z'’-]*){_WS}+)?(?P<n>(?i:{_alt(direction_nouns)}))"
                   "(?![A-Za-z-])"),
        re.compile(f"\\s*,?\\s*(?i:{_alt([str(k).lower() for k in lex.get('unit_carry', {})])})\\s+"),
        rate_bases, rate_base)


@functools.lru_cache(maxsize=8)
def compiled_rules(paths: tuple[str, ...] | None = None) -> Compiled:
    """The compiled pass for a set of rule files (cached per set of paths, and on disk keyed by
    the rule files and this code: see ruleset/cache.py)."""
    from ..ruleset.cache import compiled

    files = paths or default_rule_paths()
    return compiled("extract", files, code_files(), lambda: compile_rules(load_extract_rules(files)))


def code_files() -> tuple[str, ...]:
    """The code the compiled tables depend on: every module of this package, the facade
    factcheck/extract.py, numbers.py and model.py (a change to any is a cache miss)."""
    here = Path(__file__).resolve().parent
    pkg = here.parent
    return (*(str(p) for p in sorted(here.glob("*.py"))), str(pkg / "extract.py"), str(pkg / "numbers.py"),
            str(pkg / "model.py"))

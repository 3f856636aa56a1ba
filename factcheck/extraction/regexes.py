"""Regex building blocks for the compiled pass: phrase alternations factored as tries, reversed
alternations for reading leftwards, plural forms, and the analysis of a pattern's first characters
and literal prefixes that lets the master regex be tried only where it can match.

Pure functions of strings; nothing here knows about rules or quantities.
"""
from __future__ import annotations

import re
from typing import Any, Iterable

#: Horizontal whitespace, including the no-break spaces used between a number and its unit.
_WS = "[ \\t\\u00a0\\u202f]"


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

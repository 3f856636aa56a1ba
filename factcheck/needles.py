"""The words a regular expression cannot match without: a gate before running it.

``needles(source, flags)`` reads a pattern with the standard library's own parser and returns
strings of which every match holds at least one (case-folded), or ``()`` when it cannot say (the
pattern uses syntax only the ``regex`` engine reads, a part that may match anything, a literal
brace that ``regex`` may read as fuzzy matching). ``holds(text, needles)`` is the gate: a text that
holds none of them cannot match, and is not searched. Most sentences hold none of a rule
pattern's words ("from", "rose by", "per cent of"), so a family of patterns costs a few substring
tests per sentence instead of a regular expression each.

The gate is only ever a necessary condition: case-insensitive matching is answered by folding
both sides (``str.casefold``, with the dotless i read as i), so a text the pattern matches under
any flags always passes.
"""
from __future__ import annotations

import functools
import re
import warnings
from typing import Any

#: Alternatives kept for one run of literal text ("rose|rise by" -> two), before giving up on it.
MAX_ALTERNATIVES = 32


def fold(text: str) -> str:
    """The text as the gate compares it: case-folded, the dotless i (which case-insensitive
    matching may take for i) read as i."""
    return text.casefold().replace("ı", "i")


@functools.lru_cache(maxsize=4096)
def needles(source: str, flags: int = 0) -> tuple[str, ...]:
    """Strings (folded) one of which every match of ``source`` holds; ``()`` when unknown."""
    try:
        import re._constants as c  # the standard library's own reading of a pattern
        import re._parser as parser
    except ImportError:  # a Python whose re is laid out otherwise: no gate, every pattern runs
        return ()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # "possible nested set": the regex engine reads it otherwise
            tree = parser.parse(source, flags)
    except (re.error, ValueError, OverflowError, RecursionError, Warning):
        return ()
    if _has_brace(tree, c):  # "{e<=1}": fuzzy matching in the regex engine, literal text in re
        return ()
    got = _need(list(tree), c)
    if not got or min(len(s) for s in got) < 2 and not _rare(got):
        return ()
    return tuple(sorted(got, key=lambda s: (-len(s), s)))


class LastFolded:
    """``fold``, remembering the last text it folded (one tuple, so threads may share it): a
    sentence or phrase is tested by many patterns and rules in a row. Call it as ``fold``."""

    def __init__(self) -> None:
        self._last: tuple[str, str] = ("", "")

    def __call__(self, text: str) -> str:
        last = self._last
        if last[0] is text:
            return last[1]
        got = fold(text)
        self._last = (text, got)
        return got


def holds(folded: str, needles: tuple[str, ...]) -> bool:
    """Whether the folded text holds one of the needles (always true for no needles)."""
    if not needles:
        return True
    for n in needles:
        if n in folded:
            return True
    return False


def _has_brace(items: Any, c: Any) -> bool:
    for op, av in items:
        if op is c.LITERAL and av in (ord("{"), ord("}")):
            return True
        if op is c.IN and any(o is c.LITERAL and a in (ord("{"), ord("}")) for o, a in av):
            return True
        for sub in _children(op, av, c):
            if _has_brace(sub, c):
                return True
    return False


def _children(op: Any, av: Any, c: Any) -> list[Any]:
    if op is c.SUBPATTERN:
        return [av[3]]
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        return [av[2]]
    if op is c.BRANCH:
        return list(av[1])
    if op is c.ATOMIC_GROUP:
        return [av]
    if op in (c.ASSERT, c.ASSERT_NOT):
        return [av[1]]
    if op is c.GROUPREF_EXISTS:
        return [b for b in (av[1], av[2]) if b is not None]
    return []


def _exact(items: Any, c: Any) -> set[str] | None:
    """Every string a sequence can match, when they are few; else None."""
    out = {""}
    for op, av in items:
        one = _exact_one(op, av, c)
        if one is None:
            return None
        out = {a + b for a in out for b in one}
        if len(out) > MAX_ALTERNATIVES:
            return None
    return out


def _exact_one(op: Any, av: Any, c: Any) -> set[str] | None:
    if op is c.LITERAL:
        return {fold(chr(av))}
    if op is c.IN:
        if all(o is c.LITERAL for o, _ in av) and len(av) <= MAX_ALTERNATIVES:
            return {fold(chr(a)) for _, a in av}
        return None
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):  # zero-width: the text around it is contiguous
        return {""}
    if op is c.SUBPATTERN:
        return _exact(av[3], c)
    if op is c.BRANCH:
        out: set[str] = set()
        for b in av[1]:
            got = _exact(b, c)
            if got is None:
                return None
            out |= got
        return out if len(out) <= MAX_ALTERNATIVES else None
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        lo, hi, body = av
        if hi > 2 or lo > hi:
            return None
        one = _exact(body, c)
        if one is None:
            return None
        out = set()
        for n in range(lo, hi + 1):
            got = {""}
            for _ in range(n):
                got = {a + b for a in got for b in one}
            out |= got
        return out if len(out) <= MAX_ALTERNATIVES else None
    return None


def _rare(alts: set[str]) -> bool:
    """Whether each alternative holds a mark that is neither a letter, a digit nor a space ("=",
    "(", "%"): one such character is a gate, one letter is not."""
    return all(any(not (ch.isalnum() or ch.isspace()) for ch in s) for s in alts)


def _score(alts: set[str]) -> tuple[int, int, int]:
    """How telling a set of needles is: the longer the shortest, the better; of single
    characters, marks ("=", "(") before letters; then the fewer."""
    short = min(len(s) for s in alts)
    return (short, short > 1 or _rare(alts), -len(alts))


def _need(items: list[Any], c: Any) -> set[str] | None:
    """Strings one of which every match of the sequence holds (the most telling found), or None."""
    best: set[str] | None = None

    def offer(alts: set[str] | None) -> None:
        nonlocal best
        if alts and min(len(s) for s in alts) > 0 and (best is None or _score(alts) > _score(best)):
            best = alts

    run: set[str] = {""}
    for op, av in items:
        one = _exact_one(op, av, c)
        if one is not None:
            joined = {a + b for a in run for b in one}
            if len(joined) <= MAX_ALTERNATIVES:
                run = joined
                continue
            offer(run)
            run = one
            continue
        offer(run)
        run = {""}
        offer(_need_one(op, av, c))
    offer(run)
    return best


def _need_one(op: Any, av: Any, c: Any) -> set[str] | None:
    if op is c.SUBPATTERN:
        return _need(list(av[3]), c)
    if op is c.ATOMIC_GROUP:
        return _need(list(av), c)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        return _need(list(av[2]), c) if av[0] >= 1 else None
    if op is c.BRANCH:
        out: set[str] = set()
        for b in av[1]:
            got = _need(list(b), c)
            if not got:
                return None
            out |= got
        return out if len(out) <= MAX_ALTERNATIVES else None
    return None

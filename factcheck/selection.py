"""``--select``/``--ignore`` (and ``select``/``ignore`` in the configuration) name codes that
exist: an unknown one is an error with the nearest known code or rule id as a suggestion, as
ruff does, instead of silently selecting nothing.

    factcheck: error: --select: unknown code 'FC11O' (did you mean 'FC110'?); `factcheck rules list` shows them

A selector is known when it is a code (``FC110``), a prefix of codes (``FC1``), a rule id
(``metrics.refugees_from``) or a prefix of rule ids ending at a dot (``metrics``).
"""
from __future__ import annotations

from typing import Any, Iterable

from .errors import InputError


def known(selector: str, codes: set[str], ids: set[str]) -> bool:
    if selector in codes or selector in ids:
        return True
    if selector.startswith("FC") and any(c.startswith(selector) for c in codes):
        return True
    return any(i.startswith(selector + ".") for i in ids)


def suggest(selector: str, choices: Iterable[str]) -> str | None:
    """The known code or rule id nearest to a mistyped one (rapidfuzz; case does not count)."""
    choices = sorted(choices)
    try:
        from rapidfuzz import process
        from rapidfuzz.distance import Levenshtein
    except ImportError:  # pragma: no cover - rapidfuzz is a dependency
        import difflib

        got = difflib.get_close_matches(selector, choices, n=1, cutoff=0.6)
        return got[0] if got else None
    # edit distance, so a mistyped letter ("FC11O") is one edit from its code ("FC110")
    best = process.extractOne(selector, choices, scorer=Levenshtein.normalized_similarity,
                              processor=lambda s: s.lower(), score_cutoff=0.5)
    return best[0] if best else None


def check_selection(cfg: Any, ruleset: Any) -> None:
    """Raise one InputError listing every unknown selector of ``cfg.select`` and ``cfg.ignore``."""
    from .suppressions import WORKFLOW_RULES

    codes = {r.code for r in ruleset.rules} | set(WORKFLOW_RULES)
    ids = {r.id for r in ruleset.rules} | {info.id for info in WORKFLOW_RULES.values()}
    problems: list[InputError] = []
    for key in ("select", "ignore"):
        for selector in getattr(cfg, key):
            if known(selector, codes, ids):
                continue
            hint = suggest(selector, codes | ids)
            what = "code" if selector.upper().startswith("FC") else "code or rule id"
            msg = (f"unknown {what} {selector!r}" + (f" (did you mean {hint!r}?)" if hint else "")
                   + "; `factcheck rules list` shows them")
            origin = cfg.origin(key) if hasattr(cfg, "origin") else "default"
            if origin.startswith("--") or origin == "default":
                problems.append(InputError(f"--{key}: {msg}"))
            else:
                path, _, line = origin.rpartition(":")
                in_pyproject = (path or origin).endswith("pyproject.toml")
                problems.append(InputError(msg, path=path or origin, line=int(line) if line.isdigit() else None,
                                           key=("tool.factcheck." if in_pyproject else "") + key))
    if problems:
        raise InputError(str(problems[0]), problems=problems)

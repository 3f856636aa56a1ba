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

Stages, one module each, none importing a later one: ``rules`` (reading the rule files),
``regexes`` and ``compile`` (building ``tables.Compiled``, cached), ``scan`` (the pass over the
text, reading each number with ``context_left`` and ``context_right``/``context_units``),
``join`` (ranges and composites), ``build`` (``Quantity`` objects); ``api`` assembles them.
factcheck/extract.py re-exports the public names.

Public: ``extract(text, include_all=False)``; ``load_extract_rules(paths)`` (the stand-in for
the validated loader) and ``compiled_rules(paths)`` (the cached compiled pass).
"""
from __future__ import annotations

from .api import extract
from .cand import Cand
from .compile import compile_rules, compiled_rules
from .rules import RULES_DIR, default_rule_paths, load_extract_rules
from .tables import Compiled, PatternInfo, UnitInfo

__all__ = ["RULES_DIR", "Cand", "Compiled", "PatternInfo", "UnitInfo", "compile_rules", "compiled_rules",
           "default_rule_paths", "extract", "load_extract_rules"]

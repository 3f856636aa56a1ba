"""Quantity extraction: text -> Quantity[] (values, units, precision, qualifiers, spans).

NOTE: a facade. The extractor lives in the package factcheck/extraction/ (one module per stage:
rule loading, compiling, the scan, left and right context, joining, building quantities); this
module keeps the import path ``factcheck.extract`` that the package's ``__init__``, the pipeline,
the CLI, tests and benchmarks use, and re-exports the same public names.
"""
from __future__ import annotations

from .extraction import (RULES_DIR, Cand, Compiled, PatternInfo, UnitInfo, compile_rules, compiled_rules,
                         default_rule_paths, extract, load_extract_rules)

__all__ = ["RULES_DIR", "Cand", "Compiled", "PatternInfo", "UnitInfo", "compile_rules", "compiled_rules",
           "default_rule_paths", "extract", "load_extract_rules"]

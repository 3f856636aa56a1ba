"""Load rule files (YAML, safely), validate them against the rule JSON Schema, report every error.

A closed set of kinds is dispatched in one place (``KINDS``); an unknown kind, a missing example
or a wrong key is an error naming the file, line and key.
"""
from __future__ import annotations

import fnmatch
import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import yaml

from .. import shipped
from ..errors import RuleError

KINDS = ("extract", "lexicon", "metric", "metric_family", "check", "consistency")
SCHEMA_PATH = shipped.package_file("factcheck.ruleset", "rule.schema.json")
#: The shipped rules (``rules/`` in the repository, ``factcheck/rules`` when installed).
DEFAULT_RULES_DIR = shipped.rules_dir()


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps dates as strings (``as_of: 2020-02-20`` stays text)."""


_Loader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class Rule:
    """One validated rule; ``data`` is the rule's mapping as written."""

    id: str
    code: str
    kind: str
    description: str
    path: str
    line: int
    data: dict[str, Any] = field(repr=False, compare=False, hash=False)

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)


@functools.lru_cache(maxsize=1)
def _validator() -> Any:
    import jsonschema

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def _locate(node: yaml.Node | None, path: Iterable[Any]) -> int | None:
    """1-based line of the YAML node at ``path`` (as deep as the path can be followed)."""
    line = node.start_mark.line + 1 if node is not None else None
    for step in path:
        if isinstance(node, yaml.MappingNode):
            nxt = next((v for k, v in node.value if k.value == step), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            nxt = node.value[step]
        else:
            nxt = None
        if nxt is None:
            break
        node = nxt
        line = node.start_mark.line + 1
    return line


def _rule_id_for(path: Path, root: Path) -> str:
    """``rules/metrics/refugees_from.yaml`` -> ``metrics.refugees_from`` (folder and file name)."""
    return f"{path.parent.name}.{path.stem}"


def load_file(path: Path, root: Path | None = None) -> tuple[list[Rule], list[RuleError]]:
    """Rules of one file, and every problem found in it."""
    from .guard import check_size, check_text

    errors: list[RuleError] = []
    too_large = check_size(path)
    if too_large is not None:
        return [], [too_large]
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as ex:
        return [], [RuleError(f"cannot read rule file: {ex}", path=str(path))]
    unbounded = check_text(text, path, _Loader)  # aliases that multiply, nesting, repeated keys
    if unbounded is not None:
        return [], [unbounded]
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as ex:
        mark = getattr(ex, "problem_mark", None)
        return [], [RuleError(f"not valid YAML: {getattr(ex, 'problem', ex)}", path=str(path),
                              line=mark.line + 1 if mark else None, column=mark.column + 1 if mark else None)]
    if data is None:
        return [], [RuleError("empty rule file", path=str(path))]
    items = data if isinstance(data, list) else [data]
    nodes = node.value if isinstance(node, yaml.SequenceNode) else [node]
    rules: list[Rule] = []
    for i, (item, item_node) in enumerate(zip(items, nodes)):
        if not isinstance(item, dict):
            errors.append(RuleError("a rule must be a mapping", path=str(path), line=_locate(item_node, [])))
            continue
        problems = sorted(_validator().iter_errors(item), key=lambda e: list(e.absolute_path))
        for err in problems:
            key = ".".join(str(p) for p in err.absolute_path) or None
            errors.append(RuleError(_short(err), path=str(path), line=_locate(item_node, err.absolute_path), key=key))
        if problems:
            continue
        bad = _bad_patterns(item)
        for key, msg in bad:
            errors.append(RuleError(f"bad pattern: {msg}", path=str(path), line=_locate(item_node, _path_of(key)), key=key))
        if bad:
            continue
        if root is not None and len(items) == 1:
            expected = _rule_id_for(path, root)
            if item["id"] != expected:
                errors.append(RuleError(f"rule id {item['id']!r} does not mirror its path (expected {expected!r})",
                                        path=str(path), line=_locate(item_node, ["id"]), key="id"))
                continue
        rules.append(Rule(item["id"], item["code"], item["kind"], item["description"], str(path),
                          _locate(item_node, []) or 1, item))
        _ = i
    return rules, errors


def _path_of(key: str) -> list[Any]:
    return [int(p) if p.isdigit() else p for p in key.split(".")]


def _bad_patterns(item: dict[str, Any]) -> list[tuple[str, str]]:
    """Every regex of a rule that does not compile, as (key, error)."""
    import regex

    found: list[tuple[str, str]] = []
    candidates: list[tuple[str, str]] = []
    for field in ("triggers", "exclude"):
        for i, p in enumerate(item.get(field, []) or []):
            candidates.extend((f"{field}.{i}", part) for part in str(p).split("{q}"))
    for key, cue in (("subject.fallback_cue", (item.get("subject") or {}).get("fallback_cue")),
                     ("definition.cue", (item.get("definition") or {}).get("cue"))):
        if cue:
            candidates.append((key, str(cue)))
    concept = item.get("concept") or {}
    for key in ("level", "change", "after", "tail", "requires", "counted"):
        if concept.get(key):
            candidates.append((f"concept.{key}", str(concept[key])))
    for i, p in enumerate((concept.get("not") or {}).keys()):
        candidates.append((f"concept.not.{i}", str(p)))
    nouns = (item.get("quantity") or {}).get("nouns") or []
    candidates.extend((f"quantity.nouns.{i}", str(p)) for i, p in enumerate(nouns))
    for i, pat in enumerate(item.get("patterns", []) or []):
        candidates.append((f"patterns.{i}.regex", str(pat.get("regex", ""))))
    for key, pattern in candidates:
        try:
            regex.compile(pattern, regex.V0)
        except regex.error as ex:
            found.append((key, f"{ex} in {pattern!r}"))
    return found


def _short(err: Any) -> str:
    msg = err.message
    if err.validator == "additionalProperties":
        extra = re.findall(r"'([^']+)'", msg.split("(", 1)[-1]) if "unexpected" in msg else []
        return f"unknown key{'s' * (len(extra) > 1)} {', '.join(extra)}" if extra else msg
    if err.validator == "enum":
        return f"{err.instance!r} is not one of {err.validator_value}"
    return msg if len(msg) < 200 else msg[:197] + "..."


@dataclass(frozen=True)
class RuleSet:
    """All rules of a run, by kind; ids and codes unique."""

    rules: tuple[Rule, ...]

    def __hash__(self) -> int:
        # Hashed for every lookup of a cache keyed by the rule set (framing, claims), and
        # immutable: hashed once, not rule by rule each time.
        h = self.__dict__.get("_hash")
        if h is None:
            h = hash(self.rules)
            object.__setattr__(self, "_hash", h)
        return h

    def __getstate__(self) -> dict[str, Any]:
        # A string's hash differs from process to process: never pickle the one kept.
        return {k: v for k, v in self.__dict__.items() if k != "_hash"}

    def of_kind(self, kind: str) -> tuple[Rule, ...]:
        return tuple(r for r in self.rules if r.kind == kind)

    def by_id(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)

    def by_code(self, code: str) -> list[Rule]:
        return [r for r in self.rules if r.code == code.upper()]

    @property
    def paths(self) -> tuple[str, ...]:
        return tuple(sorted({r.path for r in self.rules}))


def load_rules(dirs: Iterable[Path] | None = None) -> RuleSet:
    """Load and validate every ``*.yaml`` under the rule folders; raise one RuleError listing all problems."""
    roots = tuple(str(Path(d).resolve()) for d in (dirs or [DEFAULT_RULES_DIR]))
    return _load_cached(roots)


@functools.lru_cache(maxsize=8)
def _load_cached(roots: tuple[str, ...]) -> RuleSet:
    """Once per process; across processes from the on-disk cache (``cache.py``), keyed by the
    rule files' contents, so only a changed rule set is parsed and validated again."""
    from .cache import cached

    return cached(roots, lambda: _load_fresh(roots))


#: Kinds whose codes name findings (unique across the rule set).
_CODED = ("metric", "metric_family", "check", "consistency")


def _expand_families(rules: list[Rule]) -> tuple[list[Rule], list[RuleError]]:
    """The metric rules of every metric family (``families.py``), each validated against the
    rule schema as if it were written by hand; errors name the lexicon entry's line."""
    from .families import expand_families

    made, errors = expand_families(rules, _entry_line)
    good: list[Rule] = []
    for r in made:
        problems = sorted(_validator().iter_errors(r.data), key=lambda e: list(e.absolute_path))
        for err in problems:
            key = ".".join(str(p) for p in err.absolute_path) or None
            errors.append(RuleError(f"indicator {r.id.split('.', 1)[1]!r}: {_short(err)}", path=r.path, line=r.line, key=key))
        bad = _bad_patterns(r.data)
        for key, msg in bad:
            errors.append(RuleError(f"indicator {r.id.split('.', 1)[1]!r}: bad pattern: {msg}", path=r.path, line=r.line, key=key))
        if not problems and not bad:
            good.append(r)
    return good, errors


def _entry_line(lexicon: Rule, name: str) -> int:
    """The line of entry ``name`` of a lexicon rule (its rule's line when it cannot be found)."""
    return _entry_lines(lexicon.path, str(lexicon.get("lexicon"))).get(name, lexicon.line)


@functools.lru_cache(maxsize=16)
def _entry_lines(path: str, lexicon: str) -> dict[str, int]:
    """Every entry's line in the lexicon ``lexicon`` of one file (the file composed once)."""
    try:
        node = yaml.compose(Path(path).read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, yaml.YAMLError):
        return {}
    nodes = node.value if isinstance(node, yaml.SequenceNode) else [node]
    for item in nodes:
        if isinstance(item, yaml.MappingNode) and any(k.value == "lexicon" and getattr(v, "value", None) == lexicon
                                                      for k, v in item.value):
            entries = next((v for k, v in item.value if k.value == "entries"), None)
            if isinstance(entries, yaml.MappingNode):
                return {str(k.value): k.start_mark.line + 1 for k, _ in entries.value}
    return {}


def rule_paths(root: Path) -> tuple[list[Path], list[RuleError]]:
    """The rule files under ``root`` (``*.yaml``, ``*.yml``), and a problem for each symbolic link
    that leaves the folder, loops or dangles (factcheck/safepaths.py)."""
    from ..safepaths import walk_files

    files, problems = walk_files(root, lambda name: fnmatch.fnmatchcase(name, "*.y*ml"), "rule folder")
    return files, [RuleError(p) for p in problems]


def _load_fresh(roots: tuple[str, ...]) -> RuleSet:
    rules: list[Rule] = []
    errors: list[RuleError] = []
    for root_s in roots:
        root = Path(root_s)
        if not root.is_dir():
            errors.append(RuleError("rule folder not found", path=root_s))
            continue
        paths, link_errors = rule_paths(root)
        errors.extend(link_errors)
        for path in paths:
            got, errs = load_file(path, root)
            rules.extend(got)
            errors.extend(errs)
    made, errs = _expand_families(rules)
    rules.extend(made)
    errors.extend(errs)
    seen: dict[str, Rule] = {}
    for r in rules:
        if r.id in seen:
            errors.append(RuleError(f"duplicate rule id {r.id!r} (also in {seen[r.id].path})", path=r.path, line=r.line))
        seen[r.id] = r
    codes: dict[str, Rule] = {}
    for r in rules:
        if r.kind in _CODED and r.code in codes:
            other = codes[r.code]
            if other.kind in _CODED:
                errors.append(RuleError(f"code {r.code} already used by {other.id}", path=r.path, line=r.line, key="code"))
        codes.setdefault(r.code, r)
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise RuleError(f"{len(errors)} problems in rule files", problems=errors)
    return RuleSet(tuple(rules))

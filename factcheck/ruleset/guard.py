"""Bounds on a rule file before it is composed: its size, its depth, what its aliases expand to.

YAML anchors and aliases let a few lines stand for a structure of billions of values (the
"billion laughs": each level an alias list of the one before). PyYAML builds it cheaply, with
shared references, but anything that walks it (the JSON Schema validation, an error message that
prints it, the rule code) walks every copy. So the file's events are counted first, in one pass
that never expands an alias (an alias counts the size of what it names) and never recurses, and
a file is refused, with one line naming it and the line where the bound was passed, when it

- is larger than ``MAX_BYTES``;
- nests collections deeper than ``MAX_DEPTH`` (PyYAML's composer would run out of stack);
- holds more than ``MAX_NODES`` values once every alias is expanded;
- has an alias inside the collection it names (a structure that contains itself);
- repeats a key in one mapping (YAML keeps the last silently; a rule would lose the first).

The shipped rule files are far inside these bounds (the largest: 53 KB, 2,814 values, depth 7).
"""
from __future__ import annotations

from pathlib import Path

import yaml

from ..errors import RuleError

#: Bytes per rule file.
MAX_BYTES = 2_000_000
#: Values (scalars and collections) per rule file, aliases expanded.
MAX_NODES = 100_000
#: Collections within collections.
MAX_DEPTH = 64


def check_size(path: Path) -> RuleError | None:
    """The file is too large to read (checked before it is read)."""
    try:
        size = path.stat().st_size
    except OSError:
        return None  # reported where it is read
    if size > MAX_BYTES:
        return RuleError(f"rule file of {size / 1e6:.1f} MB; factcheck reads rule files of at most "
                         f"{MAX_BYTES / 1e6:.0f} MB", path=str(path))
    return None


def check_text(text: str, path: Path, loader: type) -> RuleError | None:
    """The first bound ``text`` passes (see the module's docstring), or None. A file that is not
    valid YAML is left to the composer, which says where."""
    anchors: dict[str, int] = {}
    # open collections: [expanded size so far, anchor, is a mapping, children seen, keys seen]
    stack: list[list] = []
    total = 0

    def fail(message: str, mark: yaml.Mark) -> RuleError:
        return RuleError(message, path=str(path), line=mark.line + 1, column=mark.column + 1)

    def child(size: int, key: str | None, mark: yaml.Mark) -> RuleError | None:
        if not stack:
            return None
        parent = stack[-1]
        parent[0] += size
        if parent[2] and parent[3] % 2 == 0 and key is not None and key != "<<":
            first = parent[4].get(key)
            if first is not None:
                return fail(f"duplicate key {key!r} (also on line {first}); a mapping names each key once", mark)
            parent[4][key] = mark.line + 1
        parent[3] += 1
        return None

    try:
        for ev in yaml.parse(text, Loader=loader):
            if isinstance(ev, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                if len(stack) >= MAX_DEPTH:
                    return fail(f"collections nested more than {MAX_DEPTH} deep", ev.start_mark)
                total += 1
                stack.append([1, ev.anchor, isinstance(ev, yaml.MappingStartEvent), 0, {}])
                continue
            if isinstance(ev, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                size, anchor, *_ = stack.pop()
                if anchor is not None:
                    anchors[anchor] = size
                problem = child(size, None, ev.start_mark)
            elif isinstance(ev, yaml.ScalarEvent):
                total += 1
                if ev.anchor is not None:
                    anchors[ev.anchor] = 1
                problem = child(1, ev.value, ev.start_mark)
            elif isinstance(ev, yaml.AliasEvent):
                size = anchors.get(ev.anchor)
                if size is None:
                    if any(frame[1] == ev.anchor for frame in stack):
                        return fail(f"alias *{ev.anchor} is inside the collection it names (a structure that "
                                    "contains itself)", ev.start_mark)
                    return None  # an undefined alias: the composer says so
                total += size
                if total > MAX_NODES:
                    return fail(f"alias *{ev.anchor} expands the file past {MAX_NODES:,} values (YAML aliases "
                                "that multiply, a 'billion laughs')", ev.start_mark)
                problem = child(size, None, ev.start_mark)
            else:
                continue
            if problem is not None:
                return problem
            if total > MAX_NODES:
                return fail(f"more than {MAX_NODES:,} values in one rule file", ev.start_mark)
    except yaml.YAMLError:
        return None  # not valid YAML: the composer reports it with its place
    return None

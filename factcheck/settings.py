"""``factcheck check --show-settings``: the configuration in force, and where each value came
from (a flag, the configuration file and line, or the default), in TOML a user can paste back:

    # configuration file: pyproject.toml [tool.factcheck]
    fail-on  = "approximate"       # pyproject.toml:3
    format   = "terminal"          # default
    select   = ["FC1"]             # --select
    ...
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

#: The keys shown, in the order the README documents them.
KEYS = ("rules", "data", "fail-on", "format", "select", "ignore", "as-of", "exclude", "baseline", "encoding")


def _toml(value: Any) -> str:
    if value is None:
        return '""'
    if isinstance(value, Path):
        return json.dumps(value.as_posix(), ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {_toml(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return repr(value)
    return json.dumps(str(value), ensure_ascii=False)


_NOTES = {
    ("select", ()): "every code",
    ("ignore", ()): "none",
    ("baseline", None): "none",
    ("encoding", None): "UTF-8, or what a file declares",
    ("rules", ()): "the shipped rules only",
    ("data", ()): "the shipped data only",
    ("exclude", ()): "none",
}


def render(cfg: Any) -> str:
    """The settings of ``cfg`` (a ``Config`` after flags were merged) as commented TOML."""
    if cfg.path is None:
        head = "# configuration file: none (defaults and flags)"
    else:
        table = " [tool.factcheck]" if Path(cfg.path).name == "pyproject.toml" else ""
        head = f"# configuration file: {cfg.path}{table}"
    rows: list[tuple[str, str, str]] = []
    for key in KEYS:
        value = getattr(cfg, key.replace("-", "_"))
        note = _NOTES.get((key, value if not isinstance(value, list) else tuple(value)), "")
        origin = cfg.origin(key)
        rows.append((key, _toml(value), origin + (f": {note}" if note and origin == "default" else "")))
    width = max(len(k) for k, _, _ in rows)
    vwidth = min(40, max(len(v) for _, v, _ in rows))
    out = [head]
    out += [f"{k:<{width}} = {v:<{vwidth}}  # {o}" for k, v, o in rows]
    out.append("")
    out.append("[tolerance]" + ("" if cfg.tolerance else "  # none: each rule's own"))
    for metric, t in sorted(cfg.tolerance.items()):
        out.append(f"{metric} = {_toml(t)}  # {cfg.origin('tolerance.' + metric)}")
    out.append("")
    out += _claimreview(cfg.claimreview)
    return "\n".join(x.rstrip() for x in out) + "\n"


def _claimreview(s: Any) -> list[str]:
    """The ``[claimreview]`` table (``-f claimreview``), each key with the file it came from."""
    from .report.claimreview import KEYS

    given = [(k, getattr(s, k.replace("-", "_"))) for k in KEYS] if s is not None else []
    given = [(k, v) for k, v in given if v]
    if not given:
        return ["[claimreview]  # none: -f claimreview needs author, url and article-url"]
    return ["[claimreview]"] + [f"{k} = {_toml(v)}  # "
                                + ("default" if (k, v) == ("author-type", "Organization") else s.path)
                                for k, v in given]

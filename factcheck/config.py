"""Configuration: ``factcheck.toml`` (top-level keys) or ``[tool.factcheck]`` in ``pyproject.toml``.

Found by looking in the current folder and then each parent for ``factcheck.toml``, then a
``pyproject.toml`` with a ``[tool.factcheck]`` table (``--config FILE`` names one, ``--isolated``
reads none). Folders in it are relative to the file. Command-line flags win over it. An unknown
key or a wrong value is an error naming the file, line and key (exit 2).

    [tool.factcheck]
    rules = ["newsroom/rules"]          # rule folders read after the shipped rules
    data = ["newsroom/data"]            # reference data folders read after the shipped data
    fail-on = "approximate"             # supported|unverifiable|approximate|contradicted|inconsistent|never
    format = "terminal"                 # default --format
    select = ["FC1"]                    # codes (or code prefixes) to report; default: all
    ignore = ["FC100"]                  # codes (or code prefixes) to leave out
    as-of = "auto"                      # auto | today | require | YYYY-MM-DD
    exclude = ["archive/**"]            # glob patterns left out when a folder is searched
    baseline = "factcheck-baseline.json"
    encoding = "utf-8"                  # the encoding of drafts that declare none

    [tool.factcheck.tolerance]          # per metric (or rule id): approximate within ...
    refugees_from = 0.10                # ... 10% (relative)
    policy_rate = {absolute = 0.25}     # ... 0.25 in the claim's unit (percentage points)
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .errors import InputError
from .report import FORMATS

CONFIG_NAMES = ("factcheck.toml", ".factcheck.toml")
FAIL_ON = ("supported", "unverifiable", "approximate", "contradicted", "inconsistent", "never")
AS_OF = ("auto", "today", "require")
_CODE = re.compile(r"^(?:FC\d{0,3}|[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*)$")


class ConfigError(InputError):
    """A configuration file that cannot be read or has a wrong key or value."""


@dataclass(frozen=True)
class Config:
    """Settings from a configuration file (or the defaults); flags are applied with ``merged``."""

    #: The file read, or None.
    path: Path | None = None
    rules: tuple[Path, ...] = ()
    data: tuple[Path, ...] = ()
    fail_on: str = "contradicted"
    format: str = "terminal"
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    #: "auto", "today", "require" or an ISO date used when a document states none.
    as_of: str = "auto"
    exclude: tuple[str, ...] = ()
    baseline: Path | None = None
    encoding: str | None = None
    #: metric or rule id -> {"approximate": x} or {"absolute": x}
    tolerance: dict[str, dict[str, float]] = field(default_factory=dict)
    #: The ``[claimreview]`` table (``report.claimreview.Settings``; with the file it came from
    #: whenever a file was read), for ``-f claimreview``; None when no file was read.
    claimreview: Any = None
    #: Where each value that is not the default came from: (key, "pyproject.toml:3" or "--select").
    origins: tuple[tuple[str, str], ...] = field(default=(), compare=False)

    def merged(self, **flags: Any) -> "Config":
        """This config with every flag that was given (not None, not empty) taking precedence."""
        given = {k: v for k, v in flags.items() if v is not None and v != ()}
        said = tuple((k, o) for k, o in self.origins if k.replace("-", "_") not in given)
        return replace(self, **given, origins=said + tuple((k, "--" + k.replace("_", "-")) for k in given))

    def origin(self, key: str) -> str:
        """Where a setting's value came from: a flag ("--select"), the file and line
        ("pyproject.toml:3"), or "default"."""
        key = key.replace("_", "-")
        return next((o for k, o in self.origins if k.replace("_", "-") == key), "default")

    def selects(self, code: str, rule: str = "") -> bool:
        """Whether a finding with this code (and rule id) is reported."""
        def hit(patterns: tuple[str, ...]) -> bool:
            return any(code.startswith(p) or rule == p or rule.startswith(p + ".") for p in patterns)

        return (not self.select or hit(self.select)) and not hit(self.ignore)

    def default_as_of(self) -> dt.date | None:
        """The date for documents that state none (None: leave them undated)."""
        if self.as_of == "today":
            return dt.date.today()
        if self.as_of not in AS_OF:
            return dt.date.fromisoformat(self.as_of)
        return None


# --- finding and reading the file -----------------------------------------------------------

def find_config(start: Path | None = None) -> Path | None:
    """The nearest factcheck.toml, or pyproject.toml with [tool.factcheck], from ``start`` up."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        for name in CONFIG_NAMES:
            if (folder / name).is_file():
                return folder / name
        pp = folder / "pyproject.toml"
        if pp.is_file():
            try:
                text = pp.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            if re.search(r"^\s*\[\s*tool\s*\.\s*factcheck\b", text, re.M):
                return pp
    return None


def load_config(path: Path | None = None, *, isolated: bool = False) -> Config:
    """The configuration to use: ``path`` if given, else the nearest one, else the defaults."""
    if isolated:
        return Config()
    if path is not None and not Path(path).is_file():
        raise ConfigError("configuration file not found", path=str(path))
    found = Path(path) if path is not None else find_config()
    return read_config(found) if found else Config()


def read_config(path: Path) -> Config:
    import tomllib

    shown = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
        doc = tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as ex:
        raise ConfigError(f"cannot read: {ex}", path=shown) from None
    except tomllib.TOMLDecodeError as ex:
        m = re.search(r"line (\d+)", str(ex))
        line = int(m.group(1)) if m else None
        bad = re.match(r"\s*[\"']?as-of[\"']?\s*=\s*(\d{4}-\d{1,2}-\d{1,2})\s*(?:#.*)?$",
                       text.splitlines()[line - 1]) if line and line <= len(text.splitlines()) else None
        if bad:  # as-of = 2024-02-30 (a TOML date that does not exist)
            raise ConfigError(_date_problem(bad.group(1)), path=shown, line=line,
                              key=("tool.factcheck." if path.name == "pyproject.toml" else "") + "as-of") from None
        raise ConfigError(f"not valid TOML: {ex}", path=shown, line=line) from None
    if path.name == "pyproject.toml":
        table = doc.get("tool", {}).get("factcheck", {})
        prefix = "tool.factcheck."
    else:
        table = doc
        prefix = ""
    return _parse(table, path, text, prefix)


def _parse(table: dict[str, Any], path: Path, text: str, prefix: str) -> Config:
    base = path.parent
    out: dict[str, Any] = {"path": path}

    def err(key: str, msg: str) -> ConfigError:
        return ConfigError(msg, path=str(path), line=_line_of(text, key.rsplit(".", 1)[-1]), key=prefix + key)

    def strings(key: str, value: Any) -> tuple[str, ...]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise err(key, "must be a list of strings")
        return tuple(value)

    for key, value in table.items():
        if key not in _KEYS:
            import difflib

            close = difflib.get_close_matches(key.replace("_", "-"), list(_KEYS), n=1)
            raise err(key, f"unknown key {key!r}" + (f" (did you mean {close[0]!r}?)" if close else "")
                      + f"; known keys: {', '.join(sorted(_KEYS))}")
        if key in ("rules", "data", "exclude", "select", "ignore"):
            items = strings(key, value)
            if key in ("rules", "data"):
                out[key] = tuple((base / v) for v in items)
            elif key in ("select", "ignore"):
                bad = [v for v in items if not _CODE.match(v)]
                if bad:
                    raise err(key, f"{bad[0]!r} is not a code (FC110), code prefix (FC1) or rule id")
                out[key] = tuple(items)
            else:
                out[key] = items
        elif key in ("fail-on", "format"):
            choices = FAIL_ON if key == "fail-on" else FORMATS
            if value not in choices:
                raise err(key, f"{value!r} is not one of {', '.join(choices)}")
            out[key.replace("-", "_")] = value
        elif key == "as-of":
            if isinstance(value, dt.date):
                value = value.isoformat()
            if isinstance(value, str) and value not in AS_OF and _looks_iso(value) and not _is_date(value):
                raise err(key, _date_problem(value))
            if not isinstance(value, str) or (value not in AS_OF and not _is_date(value)):
                raise err(key, f"{value!r} is not one of {', '.join(AS_OF)} or a date YYYY-MM-DD")
            out["as_of"] = value
        elif key == "baseline":
            if not isinstance(value, str):
                raise err(key, "must be a file name")
            out["baseline"] = base / value
        elif key == "encoding":
            import codecs

            try:
                codecs.lookup(str(value))
            except LookupError:
                raise err(key, f"unknown encoding {value!r}") from None
            out["encoding"] = str(value)
        elif key == "tolerance":
            if not isinstance(value, dict):
                raise err(key, "must be a table of metric = tolerance")
            tol: dict[str, dict[str, float]] = {}
            for metric, t in value.items():
                k = f"tolerance.{metric}"
                if isinstance(t, (int, float)) and not isinstance(t, bool):
                    t = {"approximate": t}
                if not isinstance(t, dict) or not t or set(t) - {"approximate", "absolute"}:
                    raise err(k, "must be a number (relative) or a table with approximate and/or absolute")
                for kind, x in t.items():
                    if isinstance(x, bool) or not isinstance(x, (int, float)) or x < 0 or (kind == "approximate" and not 0 < x <= 1):
                        raise err(k, f"{kind} tolerance {x!r} out of range (approximate: 0 < x <= 1; absolute: x >= 0)")
                tol[metric] = {kk: float(vv) for kk, vv in t.items()}
            out["tolerance"] = tol
        elif key == "claimreview":
            from .report.claimreview import parse as parse_claimreview

            out["claimreview"] = parse_claimreview(value, err, str(path), prefix + "claimreview")
    if "claimreview" not in out:
        from .report.claimreview import Settings as ClaimReviewSettings

        out["claimreview"] = ClaimReviewSettings(path=str(path), table=prefix + "claimreview")
    out["origins"] = tuple((key, f"{path}:{_line_of(text, key)}" if _line_of(text, key) else str(path))
                           for key in table if key not in ("tolerance", "claimreview")) + tuple(
        (f"tolerance.{m}", f"{path}:{_line_of(text, m)}" if _line_of(text, m) else str(path))
        for m in (table.get("tolerance") or {}))
    return Config(**out)


_KEYS = ("rules", "data", "fail-on", "format", "select", "ignore", "as-of", "exclude", "baseline", "encoding",
         "tolerance", "claimreview")


def _is_date(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
        return True
    except ValueError:
        return False


def _looks_iso(value: str) -> bool:
    from .dates import looks_iso

    return looks_iso(value)


def _date_problem(value: str) -> str:
    """Why a value shaped YYYY-MM-DD is not a date ("'2024-02-30' is not a valid date (February
    2024 has 29 days)")."""
    from .dates import DateError, iso_date

    try:
        iso_date(value)
    except DateError as ex:
        return str(ex)
    return f"{value!r} is not a date"


def _line_of(text: str, key: str) -> int | None:
    """The line a key is written on (the first line that assigns it), for the error message."""
    m = re.search(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=", text, re.M)
    return text.count("\n", 0, m.start()) + 1 if m else None


# --- applying it ------------------------------------------------------------------------------

def apply_tolerances(ruleset: Any, config: Config) -> Any:
    """The rule set with the configured tolerances in place of the rules' own. Keys are metric
    names or rule ids; one that names no metric rule is an error naming the file and key."""
    if not config.tolerance:
        return ruleset
    from .ruleset.loader import Rule, RuleSet

    metrics = [r for r in ruleset.rules if r.kind == "metric"]
    known = {r.get("metric") for r in metrics} | {r.id for r in metrics}
    for key in config.tolerance:
        if key not in known:
            import difflib

            close = difflib.get_close_matches(key, sorted(k for k in known if k), n=1)
            raise ConfigError(f"no metric rule {key!r}" + (f" (did you mean {close[0]!r}?)" if close else ""),
                              path=str(config.path), line=_line_of(_read(config.path), key),
                              key=("tool.factcheck." if config.path and config.path.name == "pyproject.toml" else "")
                              + f"tolerance.{key}")
    rules = []
    for r in ruleset.rules:
        t = config.tolerance.get(r.id) or (config.tolerance.get(r.get("metric")) if r.kind == "metric" else None)
        if t is not None and r.kind == "metric":
            data = dict(r.data)
            data["tolerance"] = dict(t)
            r = Rule(r.id, r.code, r.kind, r.description, r.path, r.line, data)
        rules.append(r)
    return RuleSet(tuple(rules))


def _read(path: Path | None) -> str:
    try:
        return path.read_text(encoding="utf-8") if path else ""
    except OSError:
        return ""

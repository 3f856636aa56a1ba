"""``factcheck rules new``: a metric rule for one series of a dataset, to fill in.

The rule is written in the format of rules/metrics/*.yaml from what the dataset's package states
of the series (its title, unit, source and URL, found through the catalog). Its examples are
stubs whose text starts with ``TODO``: ``factcheck rules test`` fails on them with a message that
says what to write (``unfilled``) until someone writes a sentence the rule must judge and one it
must leave alone.
"""
from __future__ import annotations

import csv
import datetime as dt
import gzip
import json
import re
from pathlib import Path
from typing import Any

from ..errors import InputError
from .common import NAME_RE, nearest, period, slug

#: An example whose text starts with this is a stub (``factcheck rules new``).
STUB = "TODO"
#: Codes a new metric rule takes, first free first (FC1xx are the shipped metric rules).
CODES = [*range(160, 200), *range(300, 900)]
ID_RE = re.compile(r"^[a-z][a-z0-9_]*\.[a-z0-9_.]+$")


def unfilled(rule: Any) -> str | None:
    """Why a rule's examples cannot run yet (stubs of ``rules new``), or None."""
    ex = rule.get("examples") or {}
    items = [*(ex.get("match") or []), *(ex.get("no_match") or [])]
    texts = [i if isinstance(i, str) else str(i.get("text", "")) for i in items]
    if any(t.lstrip().upper().startswith(STUB) for t in texts):
        return (f"examples of {rule.id} are not filled in: write a sentence the rule must judge and one it must not "
                f"(the {STUB} lines of {rule.path})")
    return None


def _indicators(info: Any) -> list[tuple[str, dict[str, Any], Path]]:
    """(raw code, its entry, its data file) for every observation series of the package."""
    root = Path(info.path)
    desc = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    out = []
    for res in desc.get("resources", []):
        fc = res.get("factcheck") or {}
        if fc.get("kind") != "observations":
            continue
        for raw, meta in (fc.get("indicators") or {}).items():
            out.append((raw, meta, root / res["path"], fc))
    return out  # type: ignore[return-value]


def _latest(path: Path, fc: dict[str, Any], raw: str, prefer: Any) -> tuple[str, str, str] | None:
    """(entity, period, value) of the latest row of the series in its data file (a country's when
    ``prefer(entity)`` says one is), or None."""
    ind, ent, val = fc.get("indicator"), fc.get("entity"), fc.get("value")
    pcol = (fc.get("period") or {}).get("column")
    best: tuple[str, str, str] | None = None
    try:
        opener = gzip.open if path.name.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                if isinstance(ind, str) and row.get(ind) != raw:
                    continue
                got = (row.get(ent) or "", row.get(pcol) or "", row.get(val) or "")
                if best is None or (prefer(got[0]), got[1]) > (prefer(best[0]), best[1]):
                    best = got
    except (OSError, csv.Error, UnicodeDecodeError, EOFError):
        return None
    return best


def _kinds(unit: str) -> tuple[list[str], list[str] | None, dict[str, float]]:
    """quantity kinds, units, and a tolerance for a series' unit."""
    if unit == "percent":
        return ["percent"], None, {"absolute": 0.5}
    if unit == "percentage_point":
        return ["percentage_point"], None, {"absolute": 0.5}
    if re.fullmatch(r"[A-Z]{3}", unit):
        return ["money"], [unit], {"approximate": 0.05}
    if unit == "person":
        return ["count"], None, {"approximate": 0.05}
    return ["count", "measure"], None, {"approximate": 0.05}


def _trigger(title: str, metric: str) -> str:
    """The words of the series' title (without its brackets and what follows a comma), as a regex."""
    words = re.findall(r"[\w$%'’-]+", _words(title, metric))
    return r"[\s-]+".join(re.escape(w.lower()) for w in words[:6])


def _words(title: str, metric: str) -> str:
    """What a writer calls the series: its title before brackets and commas, in lower case."""
    t = re.sub(r"^[A-Z0-9_@]+:\s*", "", title)
    t = re.sub(r"\([^()]*\)", "", t).split(",")[0].strip()
    if not t or "=" in t or not re.search(r"[a-z]", t):
        t = metric.replace("_", " ")
    return t[0].lower() + t[1:] if t[:2] != t[:2].upper() else t


def _amount(value: str, unit: str) -> str:
    """A value as a writer writes it: 12.15%, $2,500, 3,500 people, 80.6 year."""
    try:
        x = float(value)
    except ValueError:
        return value
    num = f"{x:,.0f}" if x == int(x) else f"{x:,}"
    if unit == "percent":
        return f"{num}%"
    if unit == "USD":
        return f"${num}"
    if unit == "person":
        return f"{num} people"
    return f"{num} {unit}" if unit and not re.fullmatch(r"[A-Z]{3}", unit) else f"{num} {unit}".strip()


def _q(s: str) -> str:
    """A YAML double-quoted scalar (JSON's escaping is YAML's)."""
    return json.dumps(s, ensure_ascii=False)


def codes_in(folder: Path) -> set[str]:
    """The codes written in the rule files under ``folder`` (read as text: a folder of rules being
    written may hold files that do not load yet, such as another scaffold)."""
    found: set[str] = set()
    for p in folder.rglob("*.y*ml"):
        try:
            found.update(re.findall(r"^\s*-?\s*code:\s*[\"']?(FC\d{3})", p.read_text(encoding="utf-8"), re.M))
        except (OSError, UnicodeDecodeError):
            continue
    return found


def new_rule(dataset: str, series: str, catalog: Any, ruleset: Any, out: Path | None,
             taken: set[str] = frozenset()) -> tuple[str, str]:  # type: ignore[assignment]
    """(the rule file's text, its id); ``taken``: codes used besides those of ``ruleset``."""
    info = catalog.datasets.get(dataset)
    if info is None:
        raise InputError(f"--dataset: no dataset {dataset!r}{nearest(dataset, catalog.datasets)}; "
                         "`factcheck data list` shows them (add yours with --data)")
    found = _indicators(info)
    want = series.strip().lower()
    hit = next((f for f in found if want in (f[0].lower(), str(f[1].get("name", "")).lower())), None) \
        or next((f for f in found if want == str(f[1].get("series", "")).lower()), None)
    if hit is None:
        names = sorted({str(f[1].get("name")) for f in found} | {f[0] for f in found})
        raise InputError(f"--series: dataset {dataset!r} has no series {series!r}{nearest(series, names)}; "
                         f"`factcheck data show {dataset}` lists its indicators")
    raw, meta, data_path, fc = hit
    name = str(meta["name"])
    metric = name if NAME_RE.match(name) else slug(name)
    if out is not None:
        rule_id = f"{out.parent.name}.{out.stem}"
        if not ID_RE.match(rule_id):
            raise InputError(f"-o: the rule id {rule_id!r} that the path gives (folder.file) is not one rules can "
                             "have: write it as rules/metrics/NAME.yaml, lower case")
    else:
        rule_id = f"metrics.{metric}"
    used = {r.code for r in ruleset.rules} | set(taken)
    same = next((r for r in ruleset.rules if r.id == rule_id), None)
    if same is not None:
        raise InputError(f"a rule {rule_id!r} exists already ({same.path}); write yours to another file: "
                         f"-o rules/metrics/NAME.yaml")
    code = next(f"FC{c:03d}" for c in CODES if f"FC{c:03d}" not in used)
    unit = str(meta.get("unit") or "")
    kinds, units, tolerance = _kinds(unit)
    title = str(meta.get("series") or raw)
    source = str(meta.get("source") or (info.sources[0].get("title") if info.sources else "") or dataset)
    url = str(meta.get("url") or (info.sources[0].get("path") if info.sources else "") or "")
    latest = _latest(data_path, fc, raw, lambda e: catalog.entities.kind(e) == "country")
    hint, as_of, subject = "", "", "TODO"
    if latest and latest[0] and latest[1]:
        ent, per_text, value = latest
        per = period(per_text)
        country = catalog.entities.name(ent)
        if per is not None:
            as_of = (per.end + dt.timedelta(days=180)).isoformat()
            hint = f"{country}'s {_words(title, metric)} was {_amount(value, unit)} in {per.label}."
            subject = ent
    if not as_of:
        as_of = dt.date.today().isoformat()
    src_line = f"{source}, {raw}" + (f" <{url}>" if url else "")
    lines = [
        f"id: {rule_id}",
        f"code: {code}            # the first code free in the rules loaded; any unused FC code will do",
        "kind: metric",
        f"description: {_q(f'{title} of a country, checked against {dataset} ({raw}).')}",
        f"source: {_q(src_line)}",
        f"metric: {metric}",
        "quantity:",
        f"  kinds: [{', '.join(kinds)}]",
    ]
    if units:
        lines.append(f"  units: [{', '.join(units)}]")
    lines += [
        "# The words a writer uses for this figure: regexes, case-blind; \"{q}\" stands for the figure itself",
        "# (\"{q} of GDP\"). Edit them: they come from the series' title.",
        "triggers:",
        f"  - {_q(_trigger(title, metric))}",
        "window: 60                      # characters between a trigger and the figure",
        "subject:",
        "  types: [name, code, demonym]",
        "  fallback: document            # no country named: the one the article is about",
        "reference:",
        f"  dataset: {dataset}",
        f"  indicator: {name}",
        f"tolerance: {{{', '.join(f'{k}: {v}' for k, v in tolerance.items())}}}"
        + ("   # in the claim's unit (percentage points)" if "absolute" in tolerance else "   # relative"),
        "# Examples are run by `factcheck rules test`; it fails until the TODO lines are replaced by a",
        "# sentence this rule must judge (with the verdict it must give) and one it must leave alone.",
    ]
    if hint:
        lines.append(f"# The data has, to start from: {hint}")
    lines += [
        "examples:",
        f"  as_of: {as_of}",
        "  match:",
        f"    - text: {_q(STUB + ': a sentence with a figure this rule must judge' + (', e.g. ' + hint if hint else ''))}",
        f"      expect: {{subject: {subject}, verdict: supported}}",
        "  no_match:",
        f"    - {_q(STUB + ': a sentence with a figure of the same kind that this rule must leave alone')}",
    ]
    return "\n".join(lines) + "\n", rule_id

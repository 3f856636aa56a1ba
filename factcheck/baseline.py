"""A baseline: findings a team has accepted, so CI fails only on new ones.

``factcheck baseline write PATHS --baseline FILE`` records every finding that is not supported;
``factcheck check PATHS --baseline FILE`` moves the findings it records out of the report's
findings (into ``accepted``, shown but not counted). A finding is known by a fingerprint of its
file, code, rule, verdict, claim text and sentence, so edits elsewhere in the file (lines moving)
keep it known, while a changed figure or a worse verdict makes it new.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

from .errors import InputError
from .model import Accepted, DocumentReport, Finding, Report, Verdict

SCHEMA_VERSION = 1


def fingerprint(f: Finding, path: str) -> str:
    """A stable identity for a finding in a file, independent of where the lines fall."""
    sentence = re.sub(r"\s+", " ", f.segment.text).strip()
    key = "\0".join((path, f.code, f.rule, f.verdict.value, f.quantity.text, sentence))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]


def relative(path: str, base: Path) -> str:
    """A document path as recorded: relative to the baseline's folder, with forward slashes."""
    if path.startswith("<"):
        return path
    try:
        return Path(os.path.relpath(Path(path).resolve(), base.resolve())).as_posix()
    except ValueError:  # another drive
        return Path(path).as_posix()


def entries(report: Report, base: Path) -> list[dict[str, Any]]:
    out = []
    for d in report.documents:
        rel = relative(d.document.path, base)
        for f in d.findings:
            if f.verdict is Verdict.SUPPORTED:
                continue
            line, col = d.document.position(f.quantity.span.start)
            out.append({"fingerprint": fingerprint(f, rel), "path": rel, "line": line, "column": col,
                        "code": f.code, "rule": f.rule, "verdict": f.verdict.value, "claim": f.quantity.text})
    return out


def render(report: Report, base: Path) -> str:
    items = entries(report, base)
    return json.dumps({"schema_version": SCHEMA_VERSION, "tool": "factcheck", "findings": items},
                      ensure_ascii=False, indent=1) + "\n"


def load(path: Path) -> Counter[str]:
    """The fingerprints a baseline file accepts (with how many times each)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError("baseline file not found (write one with `factcheck baseline write`)", path=str(path)) from None
    except (OSError, UnicodeDecodeError) as ex:
        raise InputError(f"cannot read baseline: {ex}", path=str(path)) from None
    except json.JSONDecodeError as ex:
        raise InputError(f"baseline is not valid JSON: {ex.msg}", path=str(path), line=ex.lineno, column=ex.colno) from None
    if not isinstance(data, dict) or data.get("schema_version") != SCHEMA_VERSION or not isinstance(data.get("findings"), list):
        raise InputError(f"not a factcheck baseline (schema_version {SCHEMA_VERSION} with a findings list)", path=str(path))
    fps = Counter()
    for i, item in enumerate(data["findings"]):
        fp = item.get("fingerprint") if isinstance(item, dict) else None
        if not isinstance(fp, str):
            raise InputError("baseline entry without a fingerprint", path=str(path), key=f"findings.{i}")
        fps[fp] += 1
    return fps


def accept(dr: DocumentReport, known: Counter[str], base: Path, name: str, rel: str | None = None) -> DocumentReport:
    """Move the findings the baseline knows out of ``findings`` (each entry accepts one finding).
    ``rel``: the document's path as recorded (``relative(path, base)``), when it was computed
    where the run started (a Dask worker may not see the baseline's folder)."""
    if rel is None:
        rel = relative(dr.document.path, base)
    kept, accepted = [], list(dr.accepted)
    for f in dr.findings:
        fp = fingerprint(f, rel)
        if known.get(fp, 0) > 0:
            known[fp] -= 1
            accepted.append(Accepted(f, "baseline", name))
        else:
            kept.append(f)
    return replace(dr, findings=tuple(kept), accepted=tuple(accepted))

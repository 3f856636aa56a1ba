"""What counts in a report: findings selected by code, less those an editor accepted in the
text (suppressions) or the team accepted in a baseline; notices about the suppressions.

Runs after judging and before rendering: ``accept(report_of_one_document, ...)``. A suppression
takes effect only with a reason; one without is itself reported (FC901, an error), and so is a
suppression that silenced nothing (FC902) or one that is not understood (FC903).
"""
from __future__ import annotations

from dataclasses import replace
from typing import Callable, Iterable

from .model import Accepted, DocumentReport, Finding, Level, Notice, RuleInfo, Suppression, Verdict

#: Codes of the workflow's own findings, with what `factcheck explain` says about them.
WORKFLOW_RULES: dict[str, RuleInfo] = {
    "FC901": RuleInfo(
        "FC901", "workflow.suppression_without_reason", "workflow",
        "A suppression that gives no reason. It does not take effect: the finding it names stays.",
        "A suppression records that an editor checked a figure by hand. Without the reason (who "
        "confirmed it, from what source, when) the next editor cannot tell a checked figure from a "
        "silenced one.", "factcheck/suppressions.py"),
    "FC902": RuleInfo(
        "FC902", "workflow.unused_suppression", "workflow",
        "A suppression that silenced no finding: the figure it was written for has changed, or is now supported.",
        "Stale suppressions pile up and would silence a new problem in the same paragraph later. "
        "Remove them once they are not needed.", "factcheck/suppressions.py"),
    "FC903": RuleInfo(
        "FC903", "workflow.bad_suppression", "workflow",
        "A factcheck note that is not understood: an unknown command, or a code no rule has.",
        "A typo in a suppression (FC11O for FC110) silences nothing and would go unnoticed.",
        "factcheck/suppressions.py"),
    "FC910": RuleInfo(
        "FC910", "workflow.not_checked", "workflow",
        "A file that could not be checked: checking it raised an internal error, or the worker process "
        "checking it stopped (killed, out of memory). The run goes on; the file has no findings.",
        "One file must not cost a run over an archive its report, nor pass unnoticed: it is reported "
        "as an error (exit 1) with what stopped it, in every format, and the other files are checked.",
        "factcheck/parallel.py"),
}
WORKFLOW_EXAMPLES = {
    "FC901": ('<!-- factcheck: ignore FC110 -->', '<!-- factcheck: ignore FC110 reason="UNHCR figure, checked 3 March" -->'),
    "FC902": ('<!-- factcheck: ignore FC130 reason="..." --> above a paragraph with no FC130 finding', None),
    "FC903": ('<!-- factcheck: ignroe FC110 reason="..." -->', '<!-- factcheck: ignore FC110 reason="..." -->'),
    "FC910": ("a file whose worker process was killed while checking it (--jobs 2)", None),
}


def select(dr: DocumentReport, keep: Callable[[str, str], bool]) -> DocumentReport:
    """Only the findings whose (code, rule) ``keep`` accepts."""
    return replace(dr, findings=tuple(f for f in dr.findings if keep(f.code, f.rule)))


def suppress(dr: DocumentReport, known: Iterable[str], selected: Callable[[str, str], bool] | None = None) -> DocumentReport:
    """Apply the document's suppressions. ``known``: every rule code and id (to spot typos);
    ``selected``: whether a code is reported at all (a suppression of unreported codes is not
    called unused)."""
    known = set(known)
    findings = list(dr.findings)
    accepted = list(dr.accepted)
    notices = list(dr.notices)
    for s in dr.document.suppressions:
        if s.kind == "invalid":
            notices.append(_notice("FC903", f"not a factcheck suppression: {s.codes[0]!r} (write `ignore CODE "
                                            f"reason=\"...\"` or `ignore-file CODE reason=\"...\"`)", s))
            continue
        unknown = [c for c in s.codes if c not in known and c.upper() not in known]
        for c in unknown:
            notices.append(_notice("FC903", f"suppression names {c!r}, which is no rule's code or id", s))
        codes = tuple(c for c in s.codes if c not in unknown)
        if s.codes and not codes:
            continue
        if s.reason is None:
            notices.append(_notice("FC901", "suppression without a reason does not take effect: add "
                                            "reason=\"who confirmed the figure, and when\"", s))
            continue
        hit = [f for f in findings if _covers(s, codes, f)]
        if hit:
            ids = {id(f) for f in hit}
            findings = [f for f in findings if id(f) not in ids]
            accepted.extend(Accepted(f, "suppression", s.reason) for f in hit)
        elif selected is None or not codes or any(selected(c, c) for c in codes):
            what = ", ".join(codes) or "any finding"
            notices.append(_notice("FC902", f"unused suppression: no {what} finding in its "
                                            f"{'file' if s.kind == 'file' else 'paragraph'} to silence", s))
    notices.sort(key=lambda n: (n.span.start, n.code))
    return replace(dr, findings=tuple(findings), accepted=tuple(accepted), notices=tuple(notices))


def _covers(s: Suppression, codes: tuple[str, ...], f: Finding) -> bool:
    if f.verdict is Verdict.SUPPORTED:
        return False  # nothing to silence: a suppression that only meets supported figures is unused
    if codes and f.code not in {c.upper() for c in codes} and f.rule not in codes:
        return False
    return s.scope.start <= f.quantity.span.start < max(s.scope.end, s.scope.start + 1)


def _notice(code: str, message: str, s: Suppression) -> Notice:
    rule = WORKFLOW_RULES[code]
    level = Level.ERROR if code == "FC901" else Level.WARNING
    return Notice(code, rule.id, level, message, s.span)

"""JUnit XML, for CI systems that show test results: one test suite per file, one test case per
claim. A claim fails when its finding is at or above the run's ``--fail-on``; accepted findings
are skipped (with the reason); suppression problems are test cases of their own, failing when
they are errors.
"""
from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET

from ..model import DocumentReport, Level, Report
from . import stream
from .common import place, reference, related_words, source, source_place
from .correction import correction
from .stream import Options, Run, Spool, Tally, render_whole

#: Characters XML 1.0 cannot hold (article text may contain them).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def render(report: Report) -> str:
    return render_whole(sys.modules[__name__], report, Options())


def part(d: DocumentReport, n: int, run: Run, opts: Options) -> tuple[str, tuple[int, int, int]]:
    """The document's test suite as XML (indented as a child of the root) and its (tests,
    failures, skipped)."""
    suite = ET.Element("testsuite", name=d.document.path)
    props = ET.SubElement(suite, "properties")
    ET.SubElement(props, "property", name="as_of", value=d.document.as_of.isoformat() if d.document.as_of else "")
    ET.SubElement(props, "property", name="fail_on", value=run.fail_on)
    c = {"tests": 0, "failures": 0, "skipped": 0}
    for f in d.findings:
        p = place(d.document, f.quantity.span)
        case = ET.SubElement(suite, "testcase", classname=d.document.path,
                             name=f"{p.line}:{p.column} {f.code} {f.quantity.text}", file=d.document.path, line=str(p.line))
        detail = _detail(d, f)
        if run.fails(f):
            fail = ET.SubElement(case, "failure", message=f"{f.verdict.value}: {f.message}", type=f.verdict.value)
            fail.text = detail
            c["failures"] += 1
        else:
            out = ET.SubElement(case, "system-out")
            out.text = f"{f.verdict.value}: {detail}"
        c["tests"] += 1
    for a in d.accepted:
        f = a.finding
        p = place(d.document, f.quantity.span)
        case = ET.SubElement(suite, "testcase", classname=d.document.path,
                             name=f"{p.line}:{p.column} {f.code} {f.quantity.text}", file=d.document.path, line=str(p.line))
        ET.SubElement(case, "skipped", message=f"{f.verdict.value}, accepted by {a.by}: {a.reason}")
        c["tests"] += 1
        c["skipped"] += 1
    for notice in d.notices:
        p = source_place(d.document, notice.span)
        case = ET.SubElement(suite, "testcase", classname=d.document.path,
                             name=f"{p.line}:{p.column} {notice.code} suppression", file=d.document.path, line=str(p.line))
        if notice.level is Level.ERROR and run.fail_on != "never":
            fail = ET.SubElement(case, "failure", message=notice.message, type=notice.rule)
            fail.text = notice.message
            c["failures"] += 1
        else:
            ET.SubElement(case, "system-out").text = notice.message
        c["tests"] += 1
    for k, v in c.items():
        suite.set(k, str(v))
    suite.set("errors", "0")
    for el in suite.iter():
        el.text = _NOT_XML.sub("\ufffd", el.text) if el.text else el.text
        for k, v in el.attrib.items():
            el.set(k, _NOT_XML.sub("\ufffd", v))
    ET.indent(suite, space=" ", level=1)
    return ET.tostring(suite, encoding="unicode"), (c["tests"], c["failures"], c["skipped"])


class Writer(stream.Writer):
    """Suites are spooled; the root, whose attributes are the run's totals, is written at the end."""

    def begin(self) -> None:
        self.suites = Spool()
        self.totals = [0, 0, 0]

    def write(self, part: tuple[str, tuple[int, int, int]]) -> None:
        xml, c = part
        self.suites.write("\n " + xml)
        self.totals = [a + b for a, b in zip(self.totals, c)]

    def end(self, tally: Tally) -> None:
        tests, failures, skipped = self.totals
        head = (f'<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="factcheck" tests="{tests}" '
                f'failures="{failures}" skipped="{skipped}" errors="0"')
        if self.suites.empty:
            self.out.write(head + " />\n")
            return
        self.out.write(head + ">")
        self.suites.copy_to(self.out)
        self.out.write("\n</testsuites>\n")


def _detail(d, f) -> str:  # type: ignore[no-untyped-def]
    parts = [f.segment.text, f.message]
    ref = reference(f)
    if ref:
        parts.append(f"Reference: {ref}; source: {source(f)}")
    related = related_words(d, f)
    if related:
        parts.append(related[0].upper() + related[1:])
    fix = correction(f)
    if fix is not None:
        parts.append(f"Suggested: {fix.sourced}")
    return "\n".join(parts)

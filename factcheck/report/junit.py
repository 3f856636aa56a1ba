"""JUnit XML, for CI systems that show test results: one test suite per file, one test case per
claim. A claim fails when its finding is at or above the run's ``--fail-on``; accepted findings
are skipped (with the reason); suppression problems are test cases of their own, failing when
they are errors.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..model import Level, Report
from .common import place, reference, related_words, source, source_place
from .correction import correction


#: Characters XML 1.0 cannot hold (article text may contain them).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def render(report: Report) -> str:
    root = ET.Element("testsuites", name="factcheck")
    totals = {"tests": 0, "failures": 0, "skipped": 0}
    for d in report.documents:
        suite = ET.SubElement(root, "testsuite", name=d.document.path)
        props = ET.SubElement(suite, "properties")
        ET.SubElement(props, "property", name="as_of", value=d.document.as_of.isoformat() if d.document.as_of else "")
        ET.SubElement(props, "property", name="fail_on", value=report.fail_on)
        n = {"tests": 0, "failures": 0, "skipped": 0}
        for f in d.findings:
            p = place(d.document, f.quantity.span)
            case = ET.SubElement(suite, "testcase", classname=d.document.path,
                                 name=f"{p.line}:{p.column} {f.code} {f.quantity.text}", file=d.document.path, line=str(p.line))
            detail = _detail(d, f)
            if report.fails(f):
                fail = ET.SubElement(case, "failure", message=f"{f.verdict.value}: {f.message}", type=f.verdict.value)
                fail.text = detail
                n["failures"] += 1
            else:
                out = ET.SubElement(case, "system-out")
                out.text = f"{f.verdict.value}: {detail}"
            n["tests"] += 1
        for a in d.accepted:
            f = a.finding
            p = place(d.document, f.quantity.span)
            case = ET.SubElement(suite, "testcase", classname=d.document.path,
                                 name=f"{p.line}:{p.column} {f.code} {f.quantity.text}", file=d.document.path, line=str(p.line))
            ET.SubElement(case, "skipped", message=f"{f.verdict.value}, accepted by {a.by}: {a.reason}")
            n["tests"] += 1
            n["skipped"] += 1
        for notice in d.notices:
            p = source_place(d.document, notice.span)
            case = ET.SubElement(suite, "testcase", classname=d.document.path,
                                 name=f"{p.line}:{p.column} {notice.code} suppression", file=d.document.path, line=str(p.line))
            if notice.level is Level.ERROR and report.fail_on != "never":
                fail = ET.SubElement(case, "failure", message=notice.message, type=notice.rule)
                fail.text = notice.message
                n["failures"] += 1
            else:
                ET.SubElement(case, "system-out").text = notice.message
            n["tests"] += 1
        for k, v in n.items():
            suite.set(k, str(v))
            totals[k] += v
        suite.set("errors", "0")
    for k, v in totals.items():
        root.set(k, str(v))
    root.set("errors", "0")
    for el in root.iter():
        el.text = _NOT_XML.sub("\ufffd", el.text) if el.text else el.text
        for k, v in el.attrib.items():
            el.set(k, _NOT_XML.sub("\ufffd", v))
    ET.indent(root, space=" ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


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

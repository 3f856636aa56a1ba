"""Suppressions as written in drafts: found in every format, left out of the copy, and placed
over the paragraph they speak of."""
from __future__ import annotations

import pytest

from factcheck.documents import from_text


def scoped(doc, s):
    return doc.text[s.scope.start:s.scope.end]


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_a_note_alone_covers_the_next_paragraph(fmt):
    text = ("First paragraph 1.\n\n<!-- factcheck: ignore FC110 reason=\"ministry, 3 March\" -->\n"
            "Turkey hosts 3.6 million\nrefugees.\n\nLast 3.\n")
    doc = from_text(text, f"x.{'md' if fmt == 'markdown' else 'txt'}", "2020-02-20", fmt)
    (s,) = doc.suppressions
    assert s.codes == ("FC110",) and s.reason == "ministry, 3 March" and s.kind == "next"
    assert scoped(doc, s).strip() == "Turkey hosts 3.6 million\nrefugees."
    assert "factcheck" not in doc.text and "ministry" not in doc.text
    line, _ = doc.source_position(s.span.start)
    assert line == 3


def test_a_note_inside_a_paragraph_covers_that_paragraph():
    text = "Intro 1.\n\nTurkey hosts 3.6 million refugees. [factcheck: ignore FC110, FC120 reason=“UNHCR, 3 March”]\n\nEnd.\n"
    doc = from_text(text, "x.txt", "2020-02-20")
    (s,) = doc.suppressions
    assert s.kind == "paragraph" and s.codes == ("FC110", "FC120") and s.reason == "UNHCR, 3 March"
    assert scoped(doc, s).strip() == "Turkey hosts 3.6 million refugees."
    assert len(doc.text) == len(text)  # plain text: the note is blanked, offsets do not move


def test_file_wide_notes_and_notes_without_reason_or_with_unknown_commands():
    text = ("<!-- factcheck: ignore-file FC100 reason=\"desk checks these\" -->\n\nA 1.\n\n"
            "<!-- factcheck: ignore FC110 -->\nB 2.\n\n<!-- factcheck: silence FC110 reason=\"x\" -->\nC 3.\n")
    doc = from_text(text, "x.md", "2020-02-20", "markdown")
    a, b, c = doc.suppressions
    assert a.kind == "file" and a.scope.start == 0 and a.scope.end == len(doc.text)
    assert b.reason is None and b.kind == "next" and scoped(doc, b).strip() == "B 2."
    assert c.kind == "invalid" and c.codes == ("silence",)


def test_notes_in_code_blocks_do_not_count():
    text = "```\n<!-- factcheck: ignore FC110 reason=\"x\" -->\n```\n\nTurkey 3.\n"
    assert from_text(text, "x.md", "2020-02-20", "markdown").suppressions == ()


def test_html_comment_notes():
    html = ("<html><body><article><p>Turkey hosts 3.6 million refugees. "
            "<!-- factcheck: ignore FC110 reason=\"ministry\" --></p>"
            "<!-- factcheck: ignore FC100 reason=\"desk\" --><p>The ministry said 12 schools closed.</p>"
            "</article></body></html>")
    doc = from_text(html, "x.html", "2020-02-20", "html")
    a, b = doc.suppressions
    assert a.kind == "paragraph" and scoped(doc, a).strip() == "Turkey hosts 3.6 million refugees."
    assert b.kind == "next" and scoped(doc, b).strip() == "The ministry said 12 schools closed."
    assert html[a.span.start:a.span.end].startswith("<!-- factcheck")

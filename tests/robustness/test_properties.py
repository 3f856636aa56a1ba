"""Property-based: any text gives a result, never an exception; spans stay inside the text;
the same input gives the same output."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import factcheck

# Text built from news-like pieces and hostile ones: digits of other scripts, separators,
# combining marks, right-to-left text, non-breaking and thin spaces, emoji.
PIECES = st.sampled_from([
    "3.7 million", "about", "more than", "$", "€", "£", "₺", "%", " per cent", "bn", "m", "k", "1,234",
    "1.234,5", "½", "3/4", "-", "+", "±", "to", "between", "and", " ", "\u00a0", "\u2009", "\u202f",
    "\u0301", "\u0663\u0664", "\u0967", "٫", "١٢٣", "שלום", "مرحبا", "😀", "\u200b", "\n", ".", ",",
    "nine-year-old", "two hundred and forty-five thousand", "a third", "Turkey", "Syrian refugees",
    "2019", "Feb. 20", "2.15pm", "inflation", "GDP grew", "fell by", "\ufeff", "\x00", "\t", "e", "E5",
])
TEXT = st.one_of(st.text(max_size=200), st.lists(PIECES, max_size=40).map("".join))


@given(TEXT)
def test_extract_never_fails_and_spans_are_inside(text):
    got = factcheck.extract(text, include_all=True)
    for q in got:
        assert 0 <= q.span.start <= q.span.end <= len(text)
        assert text[q.span.start:q.span.end] == q.text
    assert [q.to_dict() for q in factcheck.extract(text, include_all=True)] == [q.to_dict() for q in got]


@given(TEXT, st.sampled_from([None, "2020-02-20", "1999-01-01", "2031-12-31"]))
def test_check_text_never_fails(text, as_of):
    report = factcheck.check_text(text, as_of=as_of)
    for f in report.findings:
        assert 0 <= f.quantity.span.start <= f.quantity.span.end <= len(text)
        assert f.message
    again = factcheck.check_text(text, as_of=as_of)
    assert [(f.code, f.verdict, f.message) for f in again.findings] == [(f.code, f.verdict, f.message) for f in report.findings]


@pytest.mark.parametrize("text", ["", " ", "\n\n\n", "." * 1000, "1" * 5000, "1," * 3000, "9" * 400 + " million"])
def test_degenerate_texts(text):
    factcheck.extract(text, include_all=True)
    factcheck.check_text(text, as_of="2020-02-20")


MARKUP = st.sampled_from([
    "<p>", "</p>", "<div>", "</div>", "<script>", "</script>", "<!--", "-->", "<b>", "</b>", "&amp;", "&#x3C;",
    "&nbsp;", "<br/>", "<article>", "</article>", "<nav>", "</nav>", "#", "##", "```", "`", "*", "_", "[", "](",
    ")", "---", "date: 2020-02-20", "\n", "\n\n", "> ", "- ", "1. ", "|", "<", ">", "\"", "'",
])
SOURCE = st.lists(st.one_of(MARKUP, PIECES), max_size=60).map("".join)


@given(SOURCE, st.sampled_from(["draft.md", "page.html", "plain.txt"]))
def test_readers_never_fail_and_map_spans_into_the_file(source, name):
    from factcheck.documents import from_bytes
    from factcheck.errors import InputError

    data = source.encode("utf-8")
    try:
        doc = from_bytes(data, name)
    except InputError:
        return  # a clear refusal is an acceptable answer
    lines = source.split("\n")
    report = factcheck.default_checker().check_document(doc)
    for f in report.findings:
        span = doc.source_span(f.quantity.span)
        assert 0 <= span.start <= span.end <= len(source)
        line, col = doc.source_position(f.quantity.span.start)
        assert 1 <= line <= len(lines) and 1 <= col <= len(lines[line - 1]) + 1
    again = factcheck.default_checker().check_document(from_bytes(data, name))
    assert [(f.code, f.message) for f in again.findings] == [(f.code, f.message) for f in report.findings]

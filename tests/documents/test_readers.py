"""Readers: each format's copy holds the article text and nothing else, and every character of
the copy maps back to the same character of the original file."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from factcheck.documents import expand_paths, from_bytes, from_text, read_document, sniff
from factcheck.errors import InputError
from factcheck.extract import extract

SEED = Path(__file__).resolve().parents[2] / "seeds" / "idlib_joint_patrols_2020-02-20.txt"


def assert_maps_back(doc, source: str, *, loose: str = "") -> None:
    """Every number of the copy sits at the same number in the file (``loose``: characters the
    markup may write otherwise, such as entities)."""
    for m in re.finditer(r"\d[\d,.]*\d|\d", doc.text):
        so = doc.source_offset(m.start())
        assert source[so:so + len(m.group())] == m.group(), (m.group(), doc.position(m.start()))
        line, col = doc.position(m.start())
        assert source.splitlines()[line - 1][col - 1:].startswith(m.group())


# --- plain text ------------------------------------------------------------------------------

def test_plain_text_is_its_own_copy():
    doc = read_document(SEED)
    assert doc.text == SEED.read_text(encoding="utf-8") and doc.format == "text" and not doc.source_map
    assert doc.as_of.isoformat() == "2020-02-20" and doc.as_of_source == "file name"


# --- Markdown --------------------------------------------------------------------------------

MD = """\
---
title: "Idlib: 3.6 million at risk"
date: 2020-02-20
tags: [syria, 2019]
---

# Turkey hosts **3.7 million** refugees

Turkey has taken in *about* 3.7 million [Syrian refugees](https://example.org/x_(2019)) since
the war started. Costs reached &euro;6 billion \\* 2.

```python
population = 83_000_000  # 1234
```

    indented code 5678

| Figure | Value |
|---|---|
| `limit` | `42` |
| Lebanon | 910,000 |

<!-- hidden 999 -->
<div>raw html 777</div>

- a list item with 12 schools
"""


@pytest.fixture(scope="module")
def md():
    return from_text(MD, "draft.md", None, "markdown")


def test_markdown_front_matter_gives_date_and_headline(md):
    assert md.as_of.isoformat() == "2020-02-20" and md.as_of_source == "front matter"
    assert md.text.startswith("Idlib: 3.6 million at risk\n\n")
    assert "syria" not in md.text and "tags" not in md.text


def test_markdown_leaves_out_code_comments_html_and_link_targets(md):
    for gone in ("83_000_000", "1234", "5678", "42", "limit", "999", "777", "example.org", "**", "```"):
        assert gone not in md.text, gone
    for kept in ("Turkey hosts 3.7 million refugees", "about 3.7 million Syrian refugees", "€6 billion",
                 "Lebanon | 910,000", "a list item with 12 schools"):
        assert kept in md.text, kept


def test_markdown_maps_every_figure_to_its_line_and_column(md):
    assert_maps_back(md, MD)
    q = next(q for q in extract(md.text) if q.text == "about 3.7 million")
    assert md.position(q.span.start) == (9, 22)  # "*about* 3.7 million": at "about", past the star
    assert md.position(md.text.index("910,000")) == (21, 13)


def test_markdown_headings_paragraphs_and_rows_are_paragraphs_of_the_copy(md):
    blocks = [b for b in re.split(r"\n\s*\n", md.text) if b.strip()]
    assert blocks[1] == "Turkey hosts 3.7 million refugees"
    assert blocks[2].startswith("Turkey has taken in about") and blocks[2].endswith("billion * 2.")


# --- HTML ------------------------------------------------------------------------------------

HTML = """<!DOCTYPE html>
<html><head><title>Site title 2024</title>
<meta property="article:published_time" content="2020-02-20T08:00:00Z">
<style>.x { width: 100px }</style><script>var n = 31337;</script></head>
<body>
<header class="site"><a href="/">Home</a> Since 1998</header>
<nav><ul><li>World</li><li>Top 10</li></ul></nav>
<main><article>
<h1>Turkey, Russia &lsquo;discuss&rsquo; patrols</h1>
<p>Turkey has taken in about <strong>3.7&nbsp;million</strong> Syrian
refugees since the war started.<sup hidden>[77]</sup></p>
<aside class="related">Related: 8 reasons to read this</aside>
<p>The UN says more than 900,000 people &amp; children fled since&#160;December.</p>
<div style="display:none">Hidden 4444</div>
<pre><code>x = 5555</code></pre>
<figure><img src="a.jpg" alt="12 tanks"><figcaption>Tanks at the border, 2019</figcaption></figure>
</article></main>
<footer>Copyright 2024 Example News. 3 offices.</footer>
</body></html>
"""


@pytest.fixture(scope="module")
def html():
    return from_text(HTML, "page.html", None, "html")


def test_html_copy_is_the_article_text(html):
    for gone in ("31337", "Site title", "Since 1998", "Top 10", "8 reasons", "4444", "5555", "Copyright", "77",
                 "12 tanks", "width"):
        assert gone not in html.text, gone
    assert html.text.startswith("Turkey, Russia ‘discuss’ patrols\n\n")
    assert "about 3.7\xa0million Syrian refugees since the war started." in html.text
    assert "more than 900,000 people & children fled" in html.text
    assert "Tanks at the border, 2019" in html.text


def test_html_date_from_the_page_metadata(html):
    assert html.as_of.isoformat() == "2020-02-20" and html.as_of_source == "metadata"


def test_html_maps_every_figure_back(html):
    assert_maps_back(html, HTML)
    i = html.text.index("900,000")
    assert html.position(i) == (13, 26)


def test_html_without_article_reads_the_body():
    doc = from_text("<html><body><nav>Menu 5</nav><p>Turkey hosts 3.6 million refugees.</p></body></html>",
                    "x.html", "2020-02-20", "html")
    assert doc.text.strip() == "Turkey hosts 3.6 million refugees."


def test_html_declared_encoding_is_used():
    data = '<html><head><meta charset="windows-1254"></head><body><p>Türkiye: 3,6 milyon mülteci.</p></body></html>'
    doc = from_bytes(data.encode("cp1254"), "tr.html", "2020-02-20")
    assert "Türkiye" in doc.text and doc.encoding == "cp1254"


def test_deeply_nested_html_does_not_recurse():
    doc = from_text("<div>" * 50000 + "<p>12 people</p>" + "</div>" * 50000, "deep.html", "2020-02-20", "html")
    assert "12 people" in doc.text


# --- DOCX ------------------------------------------------------------------------------------

def _docx(tmp_path, paragraphs, table=None, name="draft_2020-02-20.docx"):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    if table:
        t = d.add_table(rows=len(table), cols=len(table[0]))
        for i, row in enumerate(table):
            for j, cell in enumerate(row):
                t.cell(i, j).text = cell
    path = tmp_path / name
    d.save(path)
    return path


def test_docx_paragraphs_are_lines(tmp_path):
    path = _docx(tmp_path, ["Turkey, Russia discuss patrols", "",
                            "Turkey has taken in about 3.7 million Syrian refugees since the war started."],
                 table=[["Country", "Refugees"], ["Lebanon", "910,000"]])
    doc = read_document(path)
    assert doc.format == "docx" and doc.as_of.isoformat() == "2020-02-20"
    q = next(q for q in extract(doc.text) if q.text == "about 3.7 million")
    assert doc.position(q.span.start) == (3, 21)
    assert "Lebanon | 910,000" in doc.text
    assert doc.position(doc.text.index("910,000")) == (5, 11)


def test_docx_that_is_not_a_zip_or_has_no_document_is_refused(tmp_path):
    bad = tmp_path / "fake.docx"
    bad.write_bytes(b"not a zip at all")
    with pytest.raises(InputError, match="not a zip"):
        read_document(bad)
    import zipfile

    other = tmp_path / "other.docx"
    with zipfile.ZipFile(other, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(InputError, match="word/document.xml"):
        read_document(other)


def test_docx_zip_bomb_is_refused(tmp_path):
    import zipfile

    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<a>" + b" " * (80 * 1024 * 1024) + b"</a>")
    with pytest.raises(InputError, match="unpacks to"):
        read_document(bomb)


# --- standard input, folders, patterns ---------------------------------------------------------

def test_sniffing_standard_input():
    assert sniff(b"<!DOCTYPE html><html>") == "html"
    assert sniff(b"---\ndate: 2020-02-20\n---\n# Title") == "markdown"
    assert sniff(b"# Title\n\nText") == "markdown"
    assert sniff(b"PK\x03\x04rest") == "docx"
    assert sniff(b"Turkey hosts 3.6 million refugees.") == "text"


def test_folders_and_patterns(tmp_path):
    (tmp_path / "a.md").write_text("x", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text("x", encoding="utf-8")
    (tmp_path / "sub" / "c.png").write_bytes(b"\x89PNG")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "d.md").write_text("x", encoding="utf-8")
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "old.md").write_text("x", encoding="utf-8")
    got = expand_paths([str(tmp_path)])
    assert [Path(p).relative_to(tmp_path).as_posix() for p in got] == ["a.md", "archive/old.md", "sub/b.html"]
    assert [Path(p).name for p in expand_paths([str(tmp_path / "**" / "*.md")])] == ["a.md", "old.md"]
    assert [Path(p).name for p in expand_paths([str(tmp_path)], exclude=["archive/*"])] == ["a.md", "b.html"]
    with pytest.raises(InputError, match="no files match"):
        expand_paths([str(tmp_path / "*.docx")])


def test_an_entity_before_inline_html_keeps_figures_in_place():
    """markdown-it gives "&nbsp;" as a text token with markup: it must not be looked for as the
    non-breaking space it stands for (which may come later in the line)."""
    from factcheck.documents import from_bytes
    import factcheck

    src = "&nbsp;<p>3.7 million\xa0"
    doc = from_bytes(src.encode(), "draft.md")
    q = factcheck.extract(doc.text)[0]
    span = doc.source_span(q.span)
    assert src[span.start:span.end] == "3.7 million"

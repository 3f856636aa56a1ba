"""HTML -> the article's copy, mapped back to the file (the standard library's streaming parser,
which knows where every piece of text starts; it does not recurse, so deep nesting is harmless).

The copy is the article text: inside ``<article>`` (or ``<main>``) when the page has one, else
the body; never scripts, styles, templates, forms, navigation, headers and footers of the page,
asides, hidden elements, or code. Block elements end paragraphs. The date comes from the page's
metadata (``article:published_time``, ``datePublished``, ``<time datetime>``); its address,
authors and title from ``<link rel="canonical">`` and ``<meta>`` tags (``meta.py``).
"""
from __future__ import annotations

import html as _html
import re
from html.parser import HTMLParser

from .copy import CopyBuilder
from .directives import Note, comment_note
from .meta import HTML_AUTHOR, Meta, from_html

#: Elements whose content is never copy.
SKIP = frozenset({"script", "style", "noscript", "template", "nav", "footer", "aside", "form", "button",
                  "select", "textarea", "svg", "math", "iframe", "object", "canvas", "video", "audio",
                  "head", "title", "pre", "code", "figure_credit", "dialog", "menu"})
SKIP_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search", "menu", "dialog"})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                  "source", "track", "wbr"})
BLOCK = frozenset({"p", "div", "section", "article", "main", "header", "h1", "h2", "h3", "h4", "h5", "h6",
                   "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "table", "thead", "tbody", "tfoot",
                   "tr", "figure", "figcaption", "address", "hr", "body", "html", "caption", "details",
                   "summary", "center"})
CELL = frozenset({"td", "th"})
_DATE_META = ("article:published_time", "datepublished", "date", "pubdate", "publishdate",
              "og:published_time", "dc.date", "dcterms.date", "sailthru.date", "parsely-pub-date")
#: ``<meta>`` names (name, property or itemprop) of the page's address, authors and title.
_META = {"og:url": "og:url", "og:title": "og:title", **dict.fromkeys(HTML_AUTHOR, "author")}
_WS = re.compile(r"[ \t\n\r\f]+")  # a zero-width space is no word space: invisible.py drops it
_ISO = re.compile(r"(\d{4}-\d{2}-\d{2})")


class _Reader(HTMLParser):
    def __init__(self, source: str, line_starts: tuple[int, ...], scoped: bool) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.starts = line_starts
        self.b = CopyBuilder()
        self.scoped = scoped
        self.scope_depth = 0  # open <article>/<main> elements
        self.skip: list[str] = []  # open elements whose content is not copy
        self.open_header = 0
        self.notes: list[Note] = []
        self.dates: list[str] = []
        #: The page's address, authors and title as its metadata states them (``meta.from_html``).
        self.meta: dict[str, list[str]] = {}

    # NOTE: getpos() gives (line, column) of the event being handled; offsets are counted in
    # the decoded text, as the line map is.
    def _here(self) -> int:
        line, col = self.getpos()
        return (self.starts[line - 1] if line - 1 < len(self.starts) else len(self.source)) + col

    def _copying(self) -> bool:
        return not self.skip and (not self.scoped or self.scope_depth > 0)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key in _DATE_META and _ISO.match(a.get("content", "")):
                self.dates.append(a["content"][:10])
            elif key in _META:
                self.meta.setdefault(_META[key], []).append(a.get("content", ""))
            return
        if tag == "link" and "canonical" in a.get("rel", "").lower().split():
            self.meta.setdefault("canonical", []).append(a.get("href", ""))
        if tag == "time" and _ISO.match(a.get("datetime", "")) and self._copying():
            self.dates.append(a["datetime"][:10])
        if tag in VOID:
            if tag in ("br", "hr") and self._copying():
                (self.b.line_break if tag == "br" else self.b.paragraph_break)(self._here())
            return
        if self.skip:
            self.skip.append(tag) if tag == self.skip[0] else None
            return
        hidden = ("hidden" in a or a.get("aria-hidden", "").lower() == "true"
                  or re.search(r"display\s*:\s*none|visibility\s*:\s*hidden", a.get("style", ""), re.I))
        page_header = tag == "header" and self.scoped and self.scope_depth == 0
        if tag in SKIP or hidden or a.get("role", "").lower() in SKIP_ROLES or page_header:
            self.skip.append(tag)
            return
        if tag in ("article", "main"):
            self.scope_depth += 1
        if tag in BLOCK and self._copying():
            self.b.paragraph_break(self._here())
        elif tag in CELL and self._copying() and not self.b.at_paragraph_start:
            self.b.space(self._here())  # between the cells of a row
            self.b.add_at("|", self._here())
            self.b.space(self._here())

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            if tag == self.skip[0]:
                self.skip.pop()
            return
        if tag in BLOCK and self._copying():
            self.b.paragraph_break(self._here())
        if tag in ("article", "main") and self.scope_depth:
            self.scope_depth -= 1

    def handle_data(self, data: str) -> None:
        if not self._copying():
            return
        base = self._here()
        pos = 0
        for m in _WS.finditer(data):
            self._word(data[pos:m.start()], base + pos)
            self.b.space(base + m.start())
            pos = m.end()
        self._word(data[pos:], base + pos)

    def _word(self, text: str, at: int) -> None:
        if text:
            self.b.add(text, at)

    def _ref(self, raw: str) -> None:
        if self._copying():
            text = _html.unescape(raw)
            if text == raw:  # not a known entity: keep it as written
                self.b.add(raw, self._here())
            else:
                self.b.add_at(text, self._here())

    def handle_entityref(self, name: str) -> None:
        self._ref(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._ref(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        start = self._here()
        end = start + len(data) + 7
        inline = not self.b.at_paragraph_start
        note = comment_note(data, start, end, inline, self.b.length - 1 if inline else self.b.length)
        if note is not None and self._copying():
            self.notes.append(note)


def read(source: str, line_starts: tuple[int, ...]) -> tuple[CopyBuilder, list[Note], str | None, Meta]:
    """The copy of an HTML page, the notes in its comments, its publication date if stated, and
    its address, authors and title (``meta.from_html``)."""
    scoped = bool(re.search(r"<(?:article|main)\b", source, re.I))
    r = _parse(_Reader(source, line_starts, scoped), source)
    if scoped and not r.b.length:  # an empty <main>: fall back to the whole body
        r = _parse(_Reader(source, line_starts, False), source)
    return r.b, r.notes, (r.dates[0] if r.dates else None), from_html(r.meta)


def _parse(r: _Reader, source: str) -> _Reader:
    """Feed the whole page, then end it. The parser stops at markup that is never finished (a
    comment, tag, attribute quote, ``<?``, ``<![CDATA[`` or script left open): it runs to the end
    of the file, and a browser shows none of it, so none of it is copy. NOTE: ``close()`` would
    read it as text one ``<`` at a time, searching to the end of the file from each (quadratic
    in the standard library's parser of Python 3.11.7: 240 KB of ``<a b='`` took five minutes);
    dropping it first keeps the reader linear (SECURITY.md, Drafts)."""
    r.feed(source)
    if r.rawdata.startswith("<"):
        r.rawdata = ""
    r.close()
    return r

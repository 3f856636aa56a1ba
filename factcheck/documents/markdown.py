"""Markdown -> the article's copy, mapped back to the file (markdown-it-py, CommonMark + tables).

Front matter (YAML between ``---`` lines or TOML between ``+++`` lines at the top; see
``frontmatter.py``) is not copy; its date is the document's as_of and its title the headline. Code blocks, inline code (so tables of code), HTML blocks
and comments, images and link targets are not copy either. Each heading, paragraph, list item
and table row becomes a paragraph of the copy.
"""
from __future__ import annotations

import re
from typing import Any

from ..errors import InputError
from . import frontmatter
from .copy import CopyBuilder


def front_matter(source: str) -> tuple[int, int] | None:
    """(start, end) of the front matter block, fences included."""
    return frontmatter.span(source)


#: The deepest nesting of lists and quotes read (levels of markdown-it's tokens: a quote is one,
#: a list item two). markdown-it skips whatever lies deeper without a word, so a file that goes
#: deeper is refused with the line where it does (SECURITY.md, Drafts), never checked in part.
MAX_NESTING = 100
_CONTAINERS = frozenset({"blockquote_open", "list_item_open"})


def _parser() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True, "maxNesting": MAX_NESTING}).enable(["table", "strikethrough"])


def _too_deep(tokens: list[Any]) -> None:
    for tok in tokens:
        if tok.type in _CONTAINERS and tok.level + 1 >= MAX_NESTING:
            raise InputError(f"lists and quotes nested too deep (at most {MAX_NESTING - 1} quotes or "
                             f"{MAX_NESTING // 2 - 1} lists inside one another); factcheck does not read past that "
                             "depth", line=tok.map[0] + 1 if tok.map else None)


def read(source: str, line_starts: tuple[int, ...],
         fm: frontmatter.FrontMatter | None = None) -> tuple[CopyBuilder, list[tuple[int, int]]]:
    """The copy of a Markdown file, and the file ranges that are code (where no note counts).
    ``fm``: its front matter, already read (else only its extent is found: no title)."""
    b = CopyBuilder()
    where = (fm.start, fm.end) if fm else front_matter(source)
    body = source
    if where:
        block = source[where[0]:where[1]]
        if fm and fm.title:
            b.add(fm.title, fm.title_at)
            b.paragraph_break(fm.title_at + len(fm.title))
        # Blank the front matter (newlines kept) so the parser's line numbers stay the file's.
        body = re.sub(r"[^\r\n]", " ", block) + source[where[1]:]
    tokens = _parser().parse(body)
    _too_deep(tokens)
    code: list[tuple[int, int]] = []
    cursor = 0
    in_cell = False
    n = len(source)

    def line_at(i: int) -> int:
        return line_starts[i] if i < len(line_starts) else n

    for tok in tokens:
        if tok.type in ("fence", "code_block") and tok.map:
            code.append((line_at(tok.map[0]), line_at(tok.map[1])))
            continue
        if tok.type == "inline" and tok.map:
            start, end = line_at(tok.map[0]), line_at(tok.map[1])
            cursor = max(cursor, start)
            children = tok.children or []
            if in_cell and not b.at_paragraph_start and any(
                    c.type in ("text", "text_special") and c.content.strip() for c in children):
                b.add_at(" | ", cursor)  # between two cells of a row that both have copy
            cursor = _inline(b, children, source, cursor, end)
        elif tok.type in ("td_open", "th_open"):
            in_cell = True
        elif tok.type in ("td_close", "th_close"):
            in_cell = False
        elif tok.type in ("paragraph_close", "heading_close", "tr_close", "list_item_close", "blockquote_close"):
            b.paragraph_break(cursor)
    return b, code


def _inline(b: CopyBuilder, children: list[Any], source: str, cursor: int, end: int) -> int:
    for c in children:
        t = c.type
        if t in ("text", "text_special"):
            if c.markup:  # an escape or an entity: "\*", "&amp;" (a "text" token in some versions)
                i = source.find(c.markup, cursor, end)
                at = i if i >= 0 else cursor
                b.add_at(c.content, at)
                cursor = at + len(c.markup) if i >= 0 else cursor
            else:
                cursor = b.add_aligned(c.content, source, cursor, end)
        elif t in ("softbreak", "hardbreak"):
            i = source.find("\n", cursor, end)
            i = i if i >= 0 else cursor
            b.line_break(i)
            cursor = i + 1 if i >= 0 else cursor
        elif t == "code_inline":
            i = source.find(c.content, cursor, end)
            cursor = i + len(c.content) + len(c.markup) if i >= 0 else cursor
        elif t == "html_inline":
            i = source.find(c.content, cursor, end)
            cursor = i + len(c.content) if i >= 0 else cursor
        elif t == "image":
            j = source.find("](", cursor, end)
            cursor = _skip_target(source, j, end) if j >= 0 else cursor
        elif t == "link_close":
            if source.startswith("](", cursor):
                cursor = _skip_target(source, cursor, end)
            elif source.startswith("][", cursor):
                j = source.find("]", cursor + 2, end)
                cursor = j + 1 if j >= 0 else cursor
    return cursor


def _skip_target(source: str, at: int, end: int) -> int:
    """The offset after ``](target)`` starting at ``at`` (nested parentheses allowed)."""
    depth = 0
    for i in range(at + 1, end):
        ch = source[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i + 1
    return at

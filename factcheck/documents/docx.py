"""Word .docx -> the article's copy (python-docx).

A .docx has no lines, so its "file text" is its paragraphs one per line, in reading order
(body paragraphs, and each table row as one line with its cells joined by " | "; page headers,
footers and comments are not copy). A finding's line is the paragraph's number and its column
the character in that paragraph. The copy keeps one paragraph per block, so every character maps back one to one.

Before python-docx opens it, the archive is checked: a zip holding ``word/document.xml``, of a
bounded unpacked size, so a zip bomb or a renamed file is refused with one line.
"""
from __future__ import annotations

import io
import zipfile

from ..errors import InputError

#: Largest unpacked size of the parts read (the document XML), and largest packing ratio.
MAX_XML_BYTES = 64 * 1024 * 1024
MAX_RATIO = 200
#: Largest unpacked size of all the parts together (pictures included: python-docx reads them all).
MAX_PARTS_BYTES = 256 * 1024 * 1024


def paragraphs(data: bytes, path: str) -> list[str]:
    """The text of every paragraph, in reading order."""
    _check_archive(data, path)
    try:
        import docx
        from docx.oxml.ns import qn
    except ImportError:  # pragma: no cover - a dependency
        raise InputError("reading .docx needs python-docx (pip install python-docx)", path=path) from None
    try:
        document = docx.Document(io.BytesIO(data))
        body = document.element.body
        out: list[str] = []
        p_tag, tbl_tag, tr_tag, tc_tag = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
        for el in body.iterchildren():
            if el.tag == p_tag:
                out.append(_text(el))
            elif el.tag == tbl_tag:
                for row in el.iter(tr_tag):
                    cells = [" ".join(_text(p) for p in tc.iter(p_tag)).strip() for tc in row.iterchildren(tc_tag)]
                    out.append(" | ".join(c for c in cells if c))
        return out
    except InputError:
        raise
    except Exception as ex:  # noqa: BLE001 - any failure inside a broken archive is a bad input
        raise InputError(f"not a readable Word .docx file ({type(ex).__name__}: {str(ex)[:120]})", path=path) from None


def _text(p_el: object) -> str:
    from docx.text.paragraph import Paragraph

    return Paragraph(p_el, None).text.replace("\r", " ").replace("\n", " ")  # type: ignore[arg-type]


def _check_archive(data: bytes, path: str) -> None:
    if not data.startswith(b"PK"):
        raise InputError("not a Word .docx file (not a zip archive)", path=path)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = {i.filename: i for i in z.infolist()}
            info = names.get("word/document.xml")
            if info is None:
                raise InputError("not a Word .docx file (no word/document.xml in the archive)", path=path)
            total = sum(i.file_size for i in names.values() if i.filename.endswith(".xml") or i.filename.endswith(".rels"))
            packed = max(1, sum(i.compress_size for i in names.values()))
            if total > MAX_XML_BYTES or total / packed > MAX_RATIO and total > 1024 * 1024:
                raise InputError(f"refused: the .docx unpacks to {total // (1024 * 1024)} MB of XML "
                                 f"(limit {MAX_XML_BYTES // (1024 * 1024)} MB, ratio {MAX_RATIO}:1)", path=path)
            # python-docx reads every part into memory, pictures too: a bomb in any part is refused.
            for i in names.values():
                if i.file_size > 1024 * 1024 and i.file_size / max(1, i.compress_size) > MAX_RATIO:
                    raise InputError(f"refused: the part {i.filename[:80]!r} of the .docx unpacks to "
                                     f"{i.file_size // (1024 * 1024)} MB from {i.compress_size // 1024} KB "
                                     f"(ratio over {MAX_RATIO}:1: a zip bomb)", path=path)
            everything = sum(i.file_size for i in names.values())
            if everything > MAX_PARTS_BYTES:
                raise InputError(f"refused: the .docx unpacks to {everything // (1024 * 1024)} MB "
                                 f"(limit {MAX_PARTS_BYTES // (1024 * 1024)} MB)", path=path)
    except zipfile.BadZipFile as ex:
        raise InputError(f"not a Word .docx file (broken zip archive: {ex})", path=path) from None

"""Bytes -> text. UTF-8 (with or without a BOM) is read silently; UTF-16/32 with a BOM, an
encoding the file declares (HTML ``<meta charset>``, an XML declaration) or one given with
``--encoding`` are read as such. Anything else is refused with one line naming the file, the
line of the first bad byte, and the encoding it looks like (charset-normalizer's guess), so the
writer can re-save it or pass ``--encoding``.
"""
from __future__ import annotations

import codecs
import re

from ..errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_DECLARED = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.I,
)


def declared_encoding(data: bytes) -> str | None:
    """The encoding an HTML or XML file declares in its first 4 KB, if any."""
    m = _DECLARED.search(data[:4096])
    if not m:
        return None
    name = (m.group(1) or m.group(2)).decode("ascii", "replace")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode(data: bytes, path: str, encoding: str | None = None, *, markup: bool = False) -> tuple[str, str]:
    """(text, encoding name). ``markup``: the file may declare its encoding (HTML)."""
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError(f"unknown encoding {encoding!r} (--encoding)", path=path) from None
        if encoding.lower().replace("_", "-") in ("utf-8", "utf8") and data.startswith(codecs.BOM_UTF8):
            data = data[3:]
        return _strict(data, encoding, path, hint=False), encoding
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom):], name, path, hint=False), name
    if b"\x00" in data[:8192]:
        raise InputError("looks like a binary file (NUL bytes), not text", path=path)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = declared_encoding(data) if markup else None
    if declared and declared != "utf-8":
        return _strict(data, declared, path, hint=False), declared
    return _strict(data, "utf-8", path, hint=True), "utf-8"


def _strict(data: bytes, encoding: str, path: str, *, hint: bool) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as ex:
        line = data[: ex.start].count(b"\n") + 1
        bad = data[ex.start]
        if encoding.replace("_", "-").lower() in ("utf-8", "utf8"):
            guess = _guess(data) if hint else None
            advice = (f"it looks like {guess}: save it as UTF-8, or pass --encoding {guess}" if guess
                      else "save the file as UTF-8, or pass --encoding NAME")
            raise InputError(f"not valid UTF-8 (byte 0x{bad:02x}); {advice}", path=path, line=line) from None
        raise InputError(f"not valid {encoding} (byte 0x{bad:02x})", path=path, line=line) from None


def _guess(data: bytes) -> str | None:
    """charset-normalizer's best guess, or None (imported only on this error path)."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a dependency, but the message must not fail
        return None
    best = from_bytes(data[:65536]).best()
    if best is None or best.encoding in ("utf_8", "ascii"):
        return None
    return codecs.lookup(best.encoding).name

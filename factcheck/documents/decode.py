"""Bytes -> text. UTF-8 (with or without a BOM) is read silently; UTF-16/32 with a BOM, an
encoding the file declares (HTML ``<meta charset>``, an XML declaration) or one given with
``--encoding`` are read as such. Anything else is refused with one line naming the file, the
line of the first bad byte, and the encoding it looks like, so the writer can re-save it or pass
``--encoding``: charset-normalizer's candidates and the Windows code pages, the one whose letters
a language writes (a Turkish file in cp1254 is named cp1254, not cp1252 or cp1250).
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
        info = codecs.lookup(name)
    except LookupError:
        return None
    # A declaration read as ASCII cannot be true of an encoding that does not write ASCII as ASCII
    # (UTF-16 or UTF-32 without a BOM, EBCDIC): such a page lies, and its bytes decide (as in
    # browsers, which read a page that declares UTF-16 as UTF-8).
    try:
        if m.group().decode("ascii", "replace").encode(info.name) != m.group():
            return None
    except (UnicodeError, ValueError):
        return None
    return info.name


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


#: The letters beyond ASCII each language writes (lower case), and its Windows code page.
#: When several explain a text's letters, the first is taken: the languages of cp1252 first, then
#: by how often their copy reaches a newsroom (Icelandic last: its "ð", "þ", "ý" are what cp1252
#: makes of Turkish "ğ", "ş", "ı").
ALPHABETS: tuple[tuple[str, str, str], ...] = (
    ("German", "äöüß", "cp1252"),
    ("French", "àâæçéèêëîïôœùûüÿ", "cp1252"),
    ("Spanish", "áéíñóúü", "cp1252"),
    ("Portuguese", "áâãàçéêíóôõú", "cp1252"),
    ("Italian", "àèéìíîòóùú", "cp1252"),
    ("Dutch", "áéëïóöúü", "cp1252"),
    ("Danish and Norwegian", "æøåéó", "cp1252"),
    ("Swedish and Finnish", "åäöé", "cp1252"),
    ("Turkish", "çğıöşüâîû", "cp1254"),
    ("Polish", "ąćęłńóśźż", "cp1250"),
    ("Czech", "áčďéěíňóřšťúůýž", "cp1250"),
    ("Slovak", "áäčďéíĺľňóôŕšťúýž", "cp1250"),
    ("Hungarian", "áéíóöőúüű", "cp1250"),
    ("Croatian", "čćđšž", "cp1250"),
    ("Slovene", "čšž", "cp1250"),
    ("Romanian", "ăâîșțşţ", "cp1250"),
    ("Russian", "абвгдеёжзийклмнопрстуфхцчшщъыьэюя", "cp1251"),
    ("Ukrainian", "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя", "cp1251"),
    ("Bulgarian", "абвгдежзийклмнопрстуфхцчшщъьюя", "cp1251"),
    ("Serbian", "абвгдђежзијклљмнњопрстћуфхцчџш", "cp1251"),
    ("Greek", "αβγδεζηθικλμνξοπρσςτυφχψωάέήίόύώϊϋΐΰ", "cp1253"),
    ("Hebrew", "אבגדהוזחטיךכלםמןנסעףפץצקרשת", "cp1255"),
    ("Arabic", "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىيپچژگ", "cp1256"),
    ("Estonian", "äöõüšž", "cp1257"),
    ("Latvian", "āčēģīķļņšūž", "cp1257"),
    ("Lithuanian", "ąčęėįšųūž", "cp1257"),
    ("Vietnamese", "àáâãèéêìíòóôõùúýăđĩũơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ", "cp1258"),
    ("Icelandic", "áðéíóúýþæö", "cp1252"),
)


def _guess(data: bytes) -> str | None:
    """The encoding the bytes look like, or None (charset-normalizer, imported only on this
    error path). Single-byte code pages decode most text without an error, and its ranking does
    not tell cp1254 from cp1250 or cp1252 on a short text. So every code page it finds plausible,
    and every Windows code page as plausible by its measure of mess, is tried: the one whose
    letters beyond ASCII one language writes wins ("ı", "ş", "ğ" are Turkish in cp1254, where
    cp1252 reads the same bytes as "ý", "þ", "ð"); among those, the likelier words by
    charset-normalizer's measure (Hebrew read in cp1251 is all Russian letters, in no Russian
    words), the language earlier in ALPHABETS, its own code page, cp1252. A multi-byte guess
    stands only when no single-byte code page explains the letters."""
    try:
        from charset_normalizer import from_bytes
        from charset_normalizer.md import mess_ratio
    except ImportError:  # pragma: no cover - a dependency, but the message must not fail
        return None
    sample = data[:65536]
    results = list(from_bytes(sample))
    if not results or results[0].encoding in ("utf_8", "ascii"):
        return None
    best = _name(results[0].encoding)
    chaos = {_name(r.encoding): r.chaos for r in results if _single_byte(_name(r.encoding))}
    for enc in ("cp1252", *dict.fromkeys(cp for _, _, cp in ALPHABETS)):  # it stops at the first good match
        if enc not in chaos:
            try:
                chaos[enc] = mess_ratio(sample.decode(enc))
            except UnicodeDecodeError:
                pass
    if not chaos:
        return best
    least = min([*chaos.values(), results[0].chaos])
    scored = []
    for i, (enc, mess) in enumerate(chaos.items()):
        if mess > least + 0.05:
            continue
        unexplained, rank, code_page = _letters(sample.decode(enc))
        scored.append((unexplained, rank, code_page != enc, enc != "cp1252", i, enc))
    if not scored:
        return best
    fewest = min(s[0] for s in scored)
    if not _single_byte(best) and fewest > 0:
        return best
    scored = [s for s in scored if s[0] == fewest]
    if len(scored) > 1:  # letters every candidate explains (Hebrew read as Russian): the likelier words
        fit = {s[-1]: _coherence(sample.decode(s[-1])) for s in scored}
        top = max(fit.values())
        scored = [s for s in scored if fit[s[-1]] >= top - 0.2]
    return min(scored)[-1]


def _coherence(text: str) -> float:
    """How much the text's letters are as frequent as in some language (charset-normalizer)."""
    from charset_normalizer.cd import coherence_ratio

    return max((ratio for _, ratio in coherence_ratio(text)), default=0.0)


def _name(encoding: str) -> str:
    return codecs.lookup(encoding).name


def _single_byte(name: str) -> bool:
    return name.startswith(("cp", "iso8859", "mac", "koi8", "latin", "windows", "hp"))


def _letters(text: str) -> tuple[int, int, str]:
    """How many of the text's letters beyond ASCII the language that explains most of them does
    not write (a Cyrillic, Greek, Hebrew or Arabic letter inside a word of Latin letters is never
    explained: "Tьrkiye" is Turkish read in the wrong code page), that language's place in
    ALPHABETS, and its code page (cp1252 when there are none)."""
    counts: dict[str, int] = {}
    mixed = 0
    for word in _WORD.finditer(text):
        w = word.group()
        if w.isascii():
            continue
        latin = any(c.isascii() for c in w)
        for ch in w:
            if ord(ch) <= 127:
                continue
            if latin and ord(ch) >= 0x370:
                mixed += 1
                continue
            low = ch.lower()[0]  # "İ" -> "i" (with a combining dot): a letter every alphabet has
            if ord(low) > 127:
                counts[low] = counts.get(low, 0) + 1
    if not counts:
        return mixed, 0, "cp1252"
    best, rank, code_page = sum(counts.values()) + 1, 0, "cp1252"
    for i, (_, letters, cp) in enumerate(ALPHABETS):
        missing = sum(n for ch, n in counts.items() if ch not in letters)
        if missing < best:
            best, rank, code_page = missing, i, cp
    return best + mixed, rank, code_page


_WORD = re.compile(r"[^\W\d_]+")

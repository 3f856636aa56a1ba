"""Hostile drafts (issue 15, part 1; SECURITY.md "Probes: Drafts"): Markdown, HTML, DOCX and
text built to crash, hang, inflate or mislead the readers. Each gets a report or one clear
refusal, in time linear in its size (double the size: the time may not quadruple), and what is
read is what a reader of the page sees."""
from __future__ import annotations

import json
import math
import subprocess
import sys
import time
from pathlib import Path

import hostile_drafts as hd  # tests/robustness (pytest's pythonpath)
import pytest
from offline import run_offline

import factcheck
from factcheck.documents import from_bytes
from factcheck.errors import FactcheckError, InputError

ROOT = Path(__file__).resolve().parents[2]


PROBES = {p.name: p for p in hd.PROBES}


@pytest.fixture(scope="module")
def checker():
    ck = factcheck.default_checker()
    ck.check_text("Turkey hosts 3.6 million Syrian refugees.", as_of="2020-02-20")  # warm
    return ck


def _check(ck, data: bytes, name: str):
    """("report", DocumentReport) or ("error", message); anything else raised fails the test."""
    try:
        return "report", ck.check_document(from_bytes(data, name, "2020-02-20"))
    except FactcheckError as ex:
        assert "\n" not in str(ex) and name in str(ex), str(ex)
        return "error", str(ex)


@pytest.mark.parametrize("name", list(PROBES))
def test_probe_gets_a_report_or_one_clear_refusal(checker, name):
    p = PROBES[name]
    got, _ = _check(checker, p.build(p.base), "draft" + p.suffix)
    if p.expect != "either":
        assert got == p.expect


@pytest.mark.parametrize("name", list(PROBES))
def test_probe_time_is_linear_in_size(checker, name):
    """Double the size: the time may not quadruple (less than 3.5 times, best of three, a few
    hundredths of a second of slack for timer noise on a loaded machine)."""
    p = PROBES[name]

    def best(n: int) -> float:
        data = p.build(n)
        times = []
        for _ in range(3):
            t = time.perf_counter()
            _check(checker, data, "draft" + p.suffix)
            times.append(time.perf_counter() - t)
        return min(times)

    t1, t2 = best(p.base), best(2 * p.base)
    assert t2 < 3.5 * t1 + 0.05, f"{name}: {t1:.3f} s at {p.base} {p.unit}, {t2:.3f} s at twice that"


def test_all_probes_through_the_cli(tmp_path):
    """Each probe through `factcheck check` (its error handling, formats and exit codes): in the
    process, one by one; then those that get a report in one real process, as a folder."""
    from click.testing import CliRunner

    from factcheck.cli import main

    folder = tmp_path / "drafts"
    folder.mkdir()
    for i, p in enumerate(hd.PROBES):
        f = (folder if p.expect == "report" else tmp_path) / f"probe{i}{p.suffix}"
        f.write_bytes(p.build(p.base))
        res = CliRunner().invoke(main, ["check", str(f), "-f", "sarif", "--as-of", "2020-02-20", "--isolated"])
        assert res.exception is None or isinstance(res.exception, SystemExit), (p.name, res.exception)
        assert "internal error" not in res.output, p.name
        assert res.exit_code == (2 if p.expect == "error" else res.exit_code) and res.exit_code in (0, 1, 2), p.name
    proc = subprocess.run([sys.executable, "-m", "factcheck", "check", str(folder), "-f", "json", "--as-of",
                           "2020-02-20", "--isolated"], capture_output=True, text=True, cwd=ROOT, timeout=300,
                          check=False)
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stdout, proc.stderr[-2000:]
    assert proc.returncode in (0, 1), proc.stderr
    assert len(json.loads(proc.stdout)["documents"]) == sum(p.expect == "report" for p in hd.PROBES)


# -- Markdown ------------------------------------------------------------------------------------
def test_markdown_nesting_is_read_to_its_limit_and_refused_past_it(checker):
    from factcheck.documents.markdown import MAX_NESTING

    claim = "Turkey has taken in about 3.7 million Syrian refugees since the war started."
    for depth, marker in ((MAX_NESTING // 2 - 1, "- "), (MAX_NESTING - 1, "> ")):
        doc = from_bytes(("Intro.\n\n" + marker * depth + claim + "\n").encode(), "deep.md")
        assert claim in doc.text  # never dropped without a word, as markdown-it does past its limit
    for depth, marker in ((MAX_NESTING // 2, "- "), (MAX_NESTING, "> "), (100_000, "> ")):
        with pytest.raises(InputError) as ex:
            from_bytes(("Intro.\n\n" + marker * depth + claim + "\n").encode(), "deep.md")
        assert str(ex.value).startswith("deep.md:3: lists and quotes nested too deep")


def test_a_million_backticks_leave_the_copy_around_them(checker):
    doc = from_bytes(hd.md_backticks(1_000_000), "ticks.md")
    assert hd.CLAIM in doc.text


# -- HTML ----------------------------------------------------------------------------------------
def test_unfinished_markup_is_not_copy():
    for tail in ('<p title="x>3.7 million</p>', "<!-- 3.7 million <p>4 million", "<script>var n = 4000000;",
                 "<![CDATA[ 4 million", "<? 4 million", "<a href='4 million"):
        doc = from_bytes(f"<p>Turkey hosts 3.6 million Syrian refugees.</p>{tail}".encode(), "page.html")
        assert doc.text.strip() == "Turkey hosts 3.6 million Syrian refugees.", tail


def test_entities_are_read_as_what_they_stand_for():
    doc = from_bytes(b"<p>Turkey hosts &#51;.&#x36; million&nbsp;Syrian refugees &amp; more.</p>", "page.html")
    assert "3.6 million\u00a0Syrian refugees & more" in doc.text


def test_a_charset_that_cannot_be_true_is_not_believed():
    with pytest.raises(InputError) as ex:
        from_bytes(hd.html_lying_charset(1000), "page.html")
    assert "not valid UTF-8" in str(ex.value) and "cp1252" in str(ex.value)
    doc = from_bytes(hd.html_lying_charset_utf8(1000), "page.html")  # valid UTF-8 wins over the declaration
    assert "Türkiye" in doc.text and doc.encoding == "utf-8"


# -- DOCX ----------------------------------------------------------------------------------------
def test_docx_external_entities_are_never_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-MARKER 42 million", encoding="utf-8")
    f = tmp_path / "xxe.docx"
    f.write_bytes(hd.docx_xxe(3, str(secret)))
    proc = run_offline("check", str(f), "-f", "json", "--as-of", "2020-02-20", "--isolated")
    assert "Traceback" not in proc.stderr and "network disabled" not in proc.stdout + proc.stderr
    assert "TOP-SECRET-MARKER" not in proc.stdout + proc.stderr
    assert proc.returncode in (0, 1, 2)
    try:
        doc = from_bytes(f.read_bytes(), "xxe.docx")
    except InputError:
        return
    assert "TOP-SECRET" not in doc.text


def test_docx_billion_laughs_is_not_expanded():
    data = hd.docx_billion_laughs(50)
    t = time.perf_counter()
    try:
        doc = from_bytes(data, "laughs.docx")
        assert "lollol" not in doc.text and len(doc.text) < 100_000
    except InputError as ex:
        assert "laughs.docx" in str(ex)
    assert time.perf_counter() - t < 30


def test_docx_zip_entries_named_dot_dot_are_never_written(tmp_path):
    work = tmp_path / "a" / "b"
    work.mkdir(parents=True)
    f = work / "slip.docx"
    f.write_bytes(hd.docx_zip_slip(3))
    before = sorted(p for p in tmp_path.rglob("*"))
    proc = run_offline("check", str(f), "-f", "json", "--as-of", "2020-02-20", "--isolated", cwd=work)
    assert proc.returncode in (0, 1), proc.stderr
    assert json.loads(proc.stdout)["documents"][0]["path"] == str(f)
    assert sorted(p for p in tmp_path.rglob("*")) == before  # the archive is read in memory
    for name in ("factcheck_zip_slip.txt", "factcheck_zip_slip_2.txt"):
        assert not (tmp_path / name).exists() and not (tmp_path / "a" / name).exists()
    assert not Path("/tmp/factcheck_zip_slip_abs.txt").exists()


def test_docx_relationships_outside_the_package_are_never_followed(tmp_path):
    f = tmp_path / "rels.docx"
    f.write_bytes(hd.docx_outside_relationships(2))
    proc = run_offline("check", str(f), "-f", "json", "--as-of", "2020-02-20", "--isolated")
    assert "Traceback" not in proc.stderr and "network disabled" not in proc.stdout + proc.stderr
    assert "root:" not in proc.stdout + proc.stderr  # nothing of /etc/passwd
    assert proc.returncode in (0, 1, 2)
    if proc.returncode == 2:
        assert len(proc.stderr.strip().splitlines()) == 1 and str(f) in proc.stderr


def test_docx_bomb_in_a_picture_is_refused_before_it_is_inflated():
    with pytest.raises(InputError) as ex:
        from_bytes(hd.docx_media_bomb(300), "bomb.docx")
    assert "word/media/image1.png" in str(ex.value) and "zip bomb" in str(ex.value)


def test_docx_huge_shared_part_is_read(checker):
    got, report = _check(checker, hd.docx_huge_part(200), "big.docx")
    assert got == "report" and any(f.quantity.value == 3.7e6 for f in report.findings)


# -- Text ----------------------------------------------------------------------------------------
def _figures(text: str, name: str = "draft.txt"):
    doc = from_bytes(text.encode("utf-8"), name, "2020-02-20")
    report = factcheck.default_checker().check_document(doc)
    return doc, {f.quantity.text: f for f in report.findings}


@pytest.mark.parametrize("mark", ["\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\ufeff", "\u200e", "\u200f",
                                  "\u061c", "\u2066", "\u202a"])
@pytest.mark.parametrize("name", ["draft.txt", "draft.md", "draft.html"])
def test_invisible_characters_in_a_figure_do_not_split_it(mark, name):
    src = f"Turkey has taken in about 3{mark}.7 million Syrian refu{mark}gees since the war started.\n"
    if name.endswith(".html"):
        src = f"<p>{src}</p>"
    doc, found = _figures(src, name)
    f = found["about 3.7 million"]
    assert f.code == "FC110" and f.quantity.value == 3.7e6
    span = doc.source_span(f.quantity.span)
    assert src[span.start:span.end] == f"about 3{mark}.7 million"  # the position is the file's
    assert doc.position(f.quantity.span.start) == (1, src.index("about") + 1)


def test_a_bidi_override_over_a_figure_is_refused_where_it_is():
    src = "Turkey has taken in\nabout \u202e7.3\u202c million Syrian refugees.\n"
    with pytest.raises(InputError) as ex:
        from_bytes(src.encode(), "draft.txt")
    assert str(ex.value).startswith("draft.txt:2:7: a bidirectional override (U+202E)")
    doc = from_bytes("Turkey \u202ehas\u202c taken in about 3.7 million Syrian refugees.\n".encode(), "draft.txt")
    assert "3.7 million" in doc.text  # an override over words only is just invisible


@pytest.mark.parametrize(("written", "value"), [
    ("\u0663\u066b\u0667 million", 3.7e6),  # Arabic-Indic digits, Arabic decimal separator
    ("\u06f3\u066b\u06f7 million", 3.7e6),  # Persian digits
    ("\u0663\u066c\u0667\u0660\u0660\u066c\u0660\u0660\u0660", 3_700_000),  # Arabic thousands separator
    ("\uff13\uff0e\uff17 million", 3.7e6),  # full-width digits and full stop
    ("\uff13\uff0c\uff17\uff10\uff10\uff0c\uff10\uff10\uff10", 3_700_000),  # full-width comma
    ("\u0969.\u096d million", 3.7e6),  # Devanagari digits
])
def test_digits_of_other_scripts_are_read_as_the_numbers_they_are(written, value):
    src = f"Turkey has taken in about {written} Syrian refugees since the war started.\n"
    _, found = _figures(src)
    f = found[f"about {written}"]  # quoted as written
    assert f.quantity.value == value and f.code == "FC110"


def test_percent_signs_of_other_scripts():
    for sign in ("\u066a", "\uff05"):
        got = factcheck.extract(f"Inflation was \u0661\u0662{sign} in Turkey in 2019.")
        assert [(q.value, q.unit) for q in got] == [(12.0, "percent")]


def test_numbers_beyond_any_float_are_never_infinite():
    text = hd.text_huge_numbers(2000).decode()
    for q in factcheck.extract(text, include_all=True):
        assert all(math.isfinite(v) for v in (q.value, q.low, q.high)), q
    report = factcheck.default_checker().check_document(from_bytes(text.encode(), "n.txt", "2020-02-20"))
    payload = json.dumps([f.quantity.to_dict() for f in report.findings], allow_nan=False)  # valid JSON
    assert "Infinity" not in payload and "NaN" not in payload

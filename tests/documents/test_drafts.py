"""Reading drafts as they come (issue 11, part 6), driven through the command line as a user
runs it: Hugo's TOML front matter, dates written in words, a wire dateline as the date of the
text, ``--as-of today``, a date that does not exist, and the code page a non-UTF-8 file is in."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.dates import DateError, dateline_date, iso_date, written_date
from factcheck.documents import from_text, read_document
from factcheck.errors import InputError

ROOT = Path(__file__).resolve().parents[2]
CLAIM = "Turkey has taken in about 3.7 million Syrian refugees since the war started."


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "factcheck", *args], capture_output=True, text=True, cwd=cwd)


def check_json(path: Path, *args: str, cwd: Path = ROOT) -> dict:
    proc = run("check", str(path), "--isolated", "-f", "json", "--fail-on", "never", *args, cwd=cwd)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)["documents"][0]


def one_line_error(proc: subprocess.CompletedProcess[str]) -> str:
    assert proc.returncode == 2, (proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr and proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    return lines[0]


def refugees(doc: dict) -> dict:
    return next(f for f in doc["findings"] if f["rule"] == "metrics.refugees_from")


# --- TOML front matter (Hugo) -------------------------------------------------------------------

HUGO = f"""\
+++
title = "Idlib: 3.6 million at risk"
date = 2020-02-20T09:30:00+03:00
draft = true
tags = ["syria", "2019"]
+++

{CLAIM}
"""


def test_toml_front_matter_gives_date_and_headline(tmp_path):
    f = tmp_path / "idlib.md"
    f.write_text(HUGO, encoding="utf-8")
    doc = check_json(f)
    assert (doc["as_of"], doc["as_of_source"]) == ("2020-02-20", "front matter")
    finding = refugees(doc)
    assert finding["verdict"] == "approximate" and finding["claim"]["line"] == 8  # the line in the file, front matter counted
    read = read_document(f)
    assert read.text.startswith("Idlib: 3.6 million at risk\n\n")
    assert "syria" not in read.text and "draft" not in read.text
    assert read.position(read.text.index("3.6")) == (2, 17)  # the headline maps back into the front matter


def test_bad_toml_front_matter_names_the_line(tmp_path):
    f = tmp_path / "draft.md"
    f.write_text("+++\ntitle = \"Idlib\"\ndate = 2020-02-20\ntags = [syria\n+++\n\nText.\n", encoding="utf-8")
    line = one_line_error(run("check", str(f), "--isolated"))
    assert line.startswith(f"factcheck: error: {f}:") and "front matter is not valid TOML" in line


# --- dates in words --------------------------------------------------------------------------

@pytest.mark.parametrize("written", ["February 20, 2020", "20 February 2020", "Feb. 20, 2020", "'20th February 2020'",
                                     "Thu, 20 Feb 2020 09:30:00 +0300", "2020-02-20 09:30:00 +0300"])
def test_front_matter_date_in_words(tmp_path, written):
    f = tmp_path / "idlib.md"
    f.write_text(f"---\ntitle: Idlib\ndate: {written}\n---\n\n{CLAIM}\n", encoding="utf-8")
    doc = check_json(f)
    assert (doc["as_of"], doc["as_of_source"]) == ("2020-02-20", "front matter")
    assert refugees(doc)["verdict"] == "approximate"


def test_toml_date_in_words(tmp_path):
    f = tmp_path / "idlib.md"
    f.write_text(f"+++\ntitle = 'Idlib'\ndate = \"March 3, 2024\"\n+++\n\n{CLAIM}\n", encoding="utf-8")
    assert check_json(f)["as_of"] == "2024-03-03"


@pytest.mark.parametrize("written, why", [
    ("March 2024", "is not a whole date (no day)"),
    ("03/04/2024", "reads as 2024-03-04 or 2024-04-03"),
    ("February 30, 2024", "is not a valid date (February 2024 has 29 days)"),
    ("2024-02-30", "is not a valid date (February 2024 has 29 days)"),
    ("next Tuesday", "is not a valid date"),
])
def test_front_matter_date_that_is_not_one_is_an_error_naming_file_and_line(tmp_path, written, why):
    f = tmp_path / "draft_2020-02-20.md"  # the file name's date does not stand in for a wrong one
    f.write_text(f"---\ntitle: Idlib\ndate: {written}\n---\n\n{CLAIM}\n", encoding="utf-8")
    line = one_line_error(run("check", str(f), "--isolated"))
    assert line == f"factcheck: error: {f}:3: front matter date {written!r} {why}" or (
        why in line and line.startswith(f"factcheck: error: {f}:3: front matter date "))


def test_toml_date_that_does_not_exist(tmp_path):
    f = tmp_path / "draft.md"
    f.write_text(f"+++\ntitle = 'Idlib'\ndate = 2024-02-30\n+++\n\n{CLAIM}\n", encoding="utf-8")
    assert one_line_error(run("check", str(f), "--isolated")) == (
        f"factcheck: error: {f}:3: front matter date '2024-02-30' is not a valid date (February 2024 has 29 days)")


def test_plain_text_header_date_in_words(tmp_path):
    f = tmp_path / "draft.txt"
    f.write_text(f"Slug: idlib\nDate: 20 February 2020\n\n{CLAIM}\n", encoding="utf-8")
    doc = check_json(f)
    assert (doc["as_of"], doc["as_of_source"]) == ("2020-02-20", "header")


# --- the wire dateline -------------------------------------------------------------------------

WIRE = f"""\
Turkey says it cannot take more refugees

By Jane Doe

ANKARA, 20 February 2020 (Reuters) — {CLAIM}
"""


def test_dateline_is_the_date_when_nothing_else_gives_one(tmp_path):
    f = tmp_path / "wire.txt"
    f.write_text(WIRE, encoding="utf-8")
    doc = check_json(f)
    assert (doc["as_of"], doc["as_of_source"]) == ("2020-02-20", "dateline")
    finding = refugees(doc)  # judged against the figures known on the dateline's day
    assert finding["verdict"] in ("supported", "approximate") and finding["claim"]["subject"] == "TUR"


def test_dateline_comes_after_every_other_source(tmp_path):
    named = tmp_path / "wire_2020-03-01.txt"
    named.write_text(WIRE, encoding="utf-8")
    assert check_json(named)["as_of_source"] == "file name"
    plain = tmp_path / "wire.txt"
    plain.write_text(WIRE, encoding="utf-8")
    assert check_json(plain, "--as-of", "2020-03-01")["as_of_source"] == "option"
    md = tmp_path / "wire.md"
    md.write_text(f"---\ndate: 2020-03-01\n---\n\n{WIRE}", encoding="utf-8")
    assert check_json(md)["as_of_source"] == "front matter"


def test_dateline_outranks_the_configuration(tmp_path):
    (tmp_path / "factcheck.toml").write_text('as-of = "today"\n', encoding="utf-8")
    f = tmp_path / "wire.txt"
    f.write_text(WIRE, encoding="utf-8")
    proc = run("check", str(f), "-f", "json", "--fail-on", "never", cwd=tmp_path)
    doc = json.loads(proc.stdout)["documents"][0]
    assert (doc["as_of"], doc["as_of_source"]) == ("2020-02-20", "dateline")


@pytest.mark.parametrize("line, date", [
    ("ANKARA, 14 February 2024 —", "2024-02-14"),
    ("ANKARA, Feb. 14, 2024 (Reuters) -", "2024-02-14"),
    ("WASHINGTON, September 3, 2019 (AP) –", "2019-09-03"),
    ("ISTANBUL, 3rd March 2024 (AFP) -", "2024-03-03"),
    ("GENEVA, June 20 (AP) -", None),              # a dateline without a year: no date
    ("ANKARA (Reuters) -", None),
    ("Ankara, 14 February 2024 —", None),          # a place in upper case only
    ("The ministry said on 14 February 2024 - ", None),
])
def test_dateline_forms(line, date):
    found = dateline_date(f"Headline\n\n{line} Turkey hosts 3.7 million Syrian refugees.")
    assert (found[0].isoformat() if found else None) == date


def test_dateline_date_that_does_not_exist_is_an_error(tmp_path):
    f = tmp_path / "wire.txt"
    f.write_text("Headline\n\nANKARA, 30 February 2024 (Reuters) — Turkey hosts 3.7 million refugees.\n",
                 encoding="utf-8")
    assert one_line_error(run("check", str(f), "--isolated")) == (
        f"factcheck: error: {f}:3: dateline date '30 February 2024' is not a valid date (February 2024 has 29 days)")


def test_dateline_place_names_no_subject():
    report = __import__("factcheck").check_text(
        "ISTANBUL, 14 February 2020 (Reuters) - Some 1.5 million Syrian refugees live in Lebanon.")
    f = next(f for f in report.findings if f.claim and f.claim.metric == "refugees_from")
    assert f.claim.subject == "LBN" and report.document.as_of_source == "dateline"


# --- --as-of today, and dates that do not exist -------------------------------------------------

def test_as_of_today_on_the_command_line(tmp_path):
    f = tmp_path / "draft_2020-02-20.txt"
    f.write_text(CLAIM + "\n", encoding="utf-8")
    doc = check_json(f, "--as-of", "today")
    assert (doc["as_of"], doc["as_of_source"]) == (dt.date.today().isoformat(), "today")
    assert check_json(f, "--as-of", "TODAY")["as_of"] == dt.date.today().isoformat()


def test_as_of_today_in_the_configuration(tmp_path):
    (tmp_path / "factcheck.toml").write_text('as-of = "today"\n', encoding="utf-8")
    f = tmp_path / "draft.txt"
    f.write_text(CLAIM + "\n", encoding="utf-8")
    proc = run("check", str(f), "-f", "json", "--fail-on", "never", cwd=tmp_path)
    doc = json.loads(proc.stdout)["documents"][0]
    assert (doc["as_of"], doc["as_of_source"]) == (dt.date.today().isoformat(), "today")


def test_as_of_that_is_not_a_valid_date(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(CLAIM, encoding="utf-8")
    assert one_line_error(run("check", str(f), "--as-of", "2024-02-30")) == (
        "factcheck: error: --as-of '2024-02-30' is not a valid date (February 2024 has 29 days)")
    assert one_line_error(run("check", str(f), "--as-of", "2023-02-29")).endswith("(February 2023 has 28 days)")
    assert one_line_error(run("check", str(f), "--as-of", "2024-13-01")).endswith("(there is no month 13)")
    assert one_line_error(run("check", str(f), "--as-of", "yesterday")) == (
        "factcheck: error: --as-of 'yesterday' is not a date in the form YYYY-MM-DD or today")


def test_configured_as_of_that_is_not_a_valid_date(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(CLAIM, encoding="utf-8")
    for value in ('"2024-02-30"', "2024-02-30"):  # a string, or a TOML date
        (tmp_path / "factcheck.toml").write_text(f"as-of = {value}\n", encoding="utf-8")
        assert one_line_error(run("check", str(f), cwd=tmp_path)) == (
            f"factcheck: error: {tmp_path / 'factcheck.toml'}:1 [as-of]: '2024-02-30' is not a valid date "
            "(February 2024 has 29 days)")


def test_help_says_it():
    out = run("check", "--help").stdout
    assert "--as-of DATE" in out and "today" in out and "dateline" in out


# --- the code page of a file that is not UTF-8 ------------------------------------------------

TURKISH = ("İçişleri Bakanlığı: Türkiye'de 3,6 milyon Suriyeli sığınmacı yaşıyor.\n"
           "Turkey hosts about 3.6 million Syrian refugees, the ministry said on Thursday.\n")


@pytest.mark.parametrize("text, encoding", [
    (TURKISH, "cp1254"),
    ("Turkey hosts 3.6 million Syrian refugees, said the mayor of Şanlıurfa.\n", "cp1254"),
    ("Les réfugiés sont arrivés à Genève, dit le ministère, qui en compte 12 000.\n", "cp1252"),
    ("Minister powiedział, że liczba uchodźców wzrosła o 12 procent. Żołnierze są tam.\n", "cp1250"),
    ("Министерство сообщило, что число беженцев выросло на 12 процентов.\n", "cp1251"),
    ("Το υπουργείο ανακοίνωσε ότι ο αριθμός των προσφύγων αυξήθηκε κατά 12 τοις εκατό.\n", "cp1253"),
])
def test_encoding_hint_names_the_code_page(tmp_path, text, encoding):
    f = tmp_path / "draft.txt"
    f.write_bytes(text.encode(encoding))
    line = one_line_error(run("check", str(f), "--isolated"))
    assert f"it looks like {encoding}: save it as UTF-8, or pass --encoding {encoding}" in line, line
    ok = run("check", str(f), "--isolated", "--encoding", encoding, "--as-of", "2020-02-20", "-f", "json")
    assert ok.returncode in (0, 1), ok.stderr


# --- the parts -------------------------------------------------------------------------------

def test_iso_dates():
    assert iso_date("2024-02-29") == dt.date(2024, 2, 29)
    assert iso_date("2024-03-03T10:00:00+03:00") == dt.date(2024, 3, 3)
    with pytest.raises(DateError, match=r"not a valid date \(February 2023 has 28 days\)"):
        iso_date("2023-02-29")
    with pytest.raises(DateError, match="not a date in the form YYYY-MM-DD"):
        iso_date("20 Feb")


def test_written_dates():
    for text in ("March 3, 2024", "3 March 2024", "Mar. 3, 2024", "Sunday, March 3, 2024", "2024-03-03"):
        assert written_date(text) == dt.date(2024, 3, 3), text
    assert written_date("20/02/2020") == dt.date(2020, 2, 20)  # one reading only
    for bad in ("March 3", "2024", "03/04/2024", "soon", ""):
        with pytest.raises(DateError):
            written_date(bad)


def test_api_reads_dates_the_same_way():
    doc = from_text("+++\ndate = 'March 3, 2024'\n+++\n\nText.\n", "a.md", None, "markdown")
    assert (doc.as_of, doc.as_of_source) == (dt.date(2024, 3, 3), "front matter")
    assert from_text("Text.", "a.txt", "today").as_of_source == "today"
    with pytest.raises(InputError, match="February 2024 has 29 days"):
        from_text("Text.", "a.txt", "2024-02-30")

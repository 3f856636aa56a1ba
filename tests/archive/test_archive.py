"""`factcheck archive`: published articles recorded with their findings and the vintages they were
judged against; when the data is revised, only the claims it touches are judged again, and the
articles whose verdict changed are reported."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

TURKEY = "published/turkey_2021-06-01.txt"
GERMANY = "published/germany_2021-06-01.txt"
# judged as the data stood at the end of 2025: the first release of the widget taxes
ADD = ("archive", "add", "published", "--vintage", "2025-12-31")
RECHECK = ("archive", "recheck", "--from", "2025-12-31", "--to", "2026-07-01")


def added(fc, root: Path, *extra: str):
    proc = fc(root, *ADD, *extra)
    assert proc.returncode == 0, proc.stderr
    return proc


def test_a_revised_observation_reports_exactly_the_article_that_quoted_it(newsroom, fc):
    added(fc, newsroom)
    proc = fc(newsroom, *RECHECK, "-f", "json")
    assert proc.returncode == 1, proc.stderr  # now contradicted: fails as check fails
    out = json.loads(proc.stdout)
    assert [d["path"] for d in out["documents"]] == [TURKEY]
    (f,) = out["documents"][0]["findings"]
    assert (f["code"], f["verdict"], f["claim"]["text"], f["claim"]["period"]) == ("FC199", "contradicted", "12%", "2019")
    assert (f["evidence"]["value"], f["evidence"]["vintage"]) == (15, "2026-07-01")
    assert f["message"].startswith("was SUPPORTED against 12% (widgets widget_tax TUR 2019, vintage 2025-07-01); "
                                   "now CONTRADICTED: ")
    assert out["summary"]["contradicted"] == 1 and out["failed"] is True
    assert proc.stderr.strip().splitlines() == [(
        "factcheck: 1 changed value in 1 series (widgets 2025-12-31 -> 2026-07-01); 1 claim in 1 of 5 archived "
        "documents judged again; 1 verdict changed in 1 document")]


def test_articles_the_revision_does_not_touch_are_never_read_again(newsroom, fc, monkeypatch):
    """Germany and France quote the same series, Turkey's other article another year of the
    revised one: none is read or checked."""
    from factcheck.archive import add as adding
    from factcheck.archive import recheck as rechecking
    from factcheck.archive.store import Archive
    from factcheck.config import load_config

    added(fc, newsroom)
    checked, read = [], []
    judge, documents = adding.Judge.check, Archive.documents
    monkeypatch.setattr(adding.Judge, "check", lambda self, doc: checked.append(doc.path) or judge(self, doc))
    monkeypatch.setattr(Archive, "documents", lambda self, ids: read.extend(ids) or documents(self, ids))
    monkeypatch.chdir(newsroom)
    with Archive(newsroom / "factcheck-archive.sqlite") as arc:
        assert arc.counts() == {"documents": 5, "findings": 4, "bound_claims": 4, "series": 3}
        result = rechecking.recheck(arc, load_config(), from_vintage="2025-12-31", to_vintage="2026-07-01")
    assert checked == [TURKEY] and len(read) == 1
    assert (result.archived, result.documents, result.claims, result.changed) == (5, 1, 1, 1)
    assert result.paths == [TURKEY]


@pytest.fixture
def revised(newsroom, widgets):
    """A revised copy of the widgets package: Germany's 2019 figure 7 -> 9, in one release."""
    csv = "entity,year,value\nTUR,2018,11\nTUR,2019,15\nDEU,2019,9\nFRA,2019,20\n"
    widgets(newsroom / "revised", [("2026-07-01", csv)])
    return newsroom / "revised"


def test_a_revised_copy_of_a_package_is_compared_with_the_one_it_replaces(newsroom, fc, revised):
    added(fc, newsroom, "--vintage", "2026-07-01")  # judged against the second release
    proc = fc(newsroom, "archive", "recheck", "--data", "revised", "-f", "concise")
    assert proc.returncode == 1, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == 2 and lines[0].startswith(f"{GERMANY}:1:26: FC199 CONTRADICTED was SUPPORTED against 7% "
                                                   "(widgets widget_tax DEU 2019, vintage 2026-07-01); now CONTRADICTED")
    assert "1 changed value in 1 series (widgets: revised/widgets); 1 claim in 1 of 5 archived documents" in proc.stderr


def test_every_format_check_writes(newsroom, fc, tmp_path):
    from factcheck.report import FORMATS

    added(fc, newsroom)
    with (newsroom / "factcheck.toml").open("a", encoding="utf-8") as config:  # what -f claimreview needs
        config.write('[claimreview]\nauthor = "Desk"\nurl = "https://news.example/c/{path}#{line}"\n'
                     'article-url = "https://news.example/{path}"\n')
    reports = [f"--report={fmt}:{tmp_path / ('out.' + fmt)}" for fmt in FORMATS]
    proc = fc(newsroom, *RECHECK, "-f", "sarif", *reports)
    assert proc.returncode == 1, proc.stderr
    sarif = json.loads(proc.stdout)
    (result,) = sarif["runs"][0]["results"]
    assert result["ruleId"] == "FC199" and "was SUPPORTED against 12%" in result["message"]["text"]
    for fmt in FORMATS:
        text = (tmp_path / f"out.{fmt}").read_text(encoding="utf-8")
        assert "published/turkey" in text and "germany" not in text.lower(), fmt


def test_re_adding_a_document_replaces_its_rows(newsroom, fc):
    added(fc, newsroom)
    (newsroom / TURKEY).write_text("Turkey's widget tax was 15% in 2019, officials said.\n", encoding="utf-8")
    proc = added(fc, newsroom)
    assert "archived 5 documents (0 new, 5 replaced)" in proc.stderr
    proc = added(fc, newsroom, "--new-only")
    assert "archived 0 documents (0 new, 0 replaced, 5 unchanged and skipped)" in proc.stderr
    info = fc(newsroom, "archive", "info")
    assert "5 documents, 4 findings, 4 claims bound to 3 reference series" in info.stdout
    # the claim recorded is the new one: 15% was contradicted by the first release, is supported now
    proc = fc(newsroom, *RECHECK, "-f", "concise")
    assert proc.returncode == 0, proc.stderr  # supported is below --fail-on
    assert proc.stdout.startswith(f"{TURKEY}:1:25: FC199 SUPPORTED was CONTRADICTED against 12% ")


def test_update_records_the_new_verdicts(newsroom, fc):
    added(fc, newsroom)
    assert fc(newsroom, *RECHECK, "--update", "-q", "-f", "json").returncode == 1
    proc = fc(newsroom, *RECHECK, "-f", "json")
    assert proc.returncode == 0 and json.loads(proc.stdout)["documents"] == []
    assert "1 claim in 1 of 5 archived documents judged again; 0 verdicts changed in 0 documents" in proc.stderr


def test_worker_processes_record_what_one_process_records(newsroom, fc):
    added(fc, newsroom, "--store", "one.sqlite")
    added(fc, newsroom, "--store", "two.sqlite", "--jobs", "2")

    def rows(name):
        with sqlite3.connect(newsroom / name) as db:
            return (db.execute("SELECT id, path, sha256, as_of, as_of_source, record FROM document ORDER BY id").fetchall(),
                    db.execute("SELECT * FROM claim ORDER BY document, ord").fetchall())

    assert rows("one.sqlite") == rows("two.sqlite")


def test_a_document_rebuilt_from_the_archive_is_the_document_checked(newsroom, fc):
    """Markdown with front matter and a suppression: rebuilt from the stored bytes, with its as_of."""
    (newsroom / "published" / "note.md").write_text(
        "---\ntitle: Widgets\ndate: 2021-06-01\n---\n\nTurkey's widget tax was 12% in 2019. "
        "<!-- factcheck: ignore FC199 reason=\"ministry figure, confirmed by phone\" -->\n", encoding="utf-8")
    added(fc, newsroom)
    proc = fc(newsroom, *RECHECK, "-f", "json")
    out = json.loads(proc.stdout)
    # the Markdown claim is contradicted now, and accepted by its note: only the plain-text article is reported
    assert [d["path"] for d in out["documents"]] == [TURKEY]
    assert "2 claims in 2 of 6 archived documents judged again" in proc.stderr


def _sqlite_of_something_else(root: Path) -> str:
    with sqlite3.connect(root / "other.sqlite") as db:
        db.execute("CREATE TABLE t (x)")
    return "other.sqlite"


@pytest.mark.parametrize("args, message", [
    (("archive", "add", "published", "--store", "missing/a.sqlite"),
     "missing/a.sqlite: cannot create the archive: no such folder"),
    (("archive", "add", "published", "--store", "published"),
     "published: is a folder; --store names the archive's file (e.g. factcheck-archive.sqlite)"),
    (("archive", "add", "published", "--store", TURKEY),
     f"{TURKEY}: not a factcheck archive (file is not a database)"),
    (("archive", "add", "published", "--store", "other.sqlite"),
     "other.sqlite: not a factcheck archive (an SQLite database of something else)"),
    (("archive", "recheck", "--from", "2025-12-31", "--store", "nothing.sqlite"),
     "nothing.sqlite: no archive here: `factcheck archive add PATH... --store FILE` makes one"),
    (("archive", "recheck", "--from", "last year"), "vintage 'last year' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)"),
    (("archive", "recheck"), "say what was revised: --from VINTAGE [--to VINTAGE], or --data NEWDIR (see `"),
    (("archive", "recheck", "--data", "nowhere"), "nowhere: no such folder"),
    (("archive", "add", "published", "--jobs", "0"),
     "Invalid value for '--jobs' / '-j': '0' is not a number of processes (1, 2, ... or auto) (see `"),
])
def test_bad_store_or_input_is_one_line_and_exit_2(newsroom, fc, args, message):
    _sqlite_of_something_else(newsroom)
    if args[1] == "recheck" and "nothing.sqlite" not in args:
        added(fc, newsroom)
    proc = fc(newsroom, *args)
    assert proc.returncode == 2, proc.stderr
    (line,) = proc.stderr.splitlines()
    assert line.startswith(f"factcheck: error: {message}") and line.endswith("--help`)" if message.endswith("`") else message)
    assert proc.stdout == ""


def test_a_file_that_cannot_be_read_leaves_the_archive_as_it_was(newsroom, fc):
    added(fc, newsroom)
    (newsroom / "published" / "late_2021-06-02.txt").write_text("Germany's widget tax was 8% in 2019.\n",
                                                                 encoding="utf-8")
    proc = fc(newsroom, "archive", "add", "published", "published/gone.txt")
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == ["factcheck: error: published/gone.txt: no such file"]
    assert "5 documents" in fc(newsroom, "archive", "info").stdout  # the new article was not recorded either
    proc = fc(newsroom, "archive", "add", "published/gone.txt", "--store", "new.sqlite")
    assert proc.returncode == 2 and not (newsroom / "new.sqlite").exists()  # no empty archive left behind


def test_standard_input_is_recorded_under_its_name(newsroom, fc):
    proc = fc(newsroom, "archive", "add", "-", "--stdin-filename", "desk/wire_2021-06-01.txt", "--vintage", "2025-12-31",
              stdin="Turkey's widget tax was 12% in 2019, officials said.\n")
    assert proc.returncode == 0, proc.stderr
    proc = fc(newsroom, *RECHECK, "-f", "concise")
    assert proc.stdout.startswith("desk/wire_2021-06-01.txt:1:25: FC199 CONTRADICTED was SUPPORTED against 12% ")

"""`factcheck check --diff REF`: findings only on the lines a change wrote, run the way a desk's CI
runs it, in a scratch git repository with commits and edits; and `--report FORMAT:FILE`, several
reports from one run."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

FACTCHECK = Path(sys.executable).parent / "factcheck"
HEAD = "---\ndate: 2020-02-20\n---\n\n"
OLD_BAD = "Turkey is home to more than 5 million Syrian refugees.\n"
APPROX = "Turkey has taken in about 3.7 million Syrian refugees since the war started.\n"
NEW_BAD = "The man, aged 46, was born in 1990.\n"
HARMLESS = "The talks resumed on Thursday.\n"

pytestmark = pytest.mark.skipif(not shutil.which("git"), reason="git is not installed")


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "init.defaultBranch=main",
                           *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def factcheck(cwd: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, NO_COLOR="1")
    return subprocess.run([str(FACTCHECK), "check", *args], cwd=cwd, capture_output=True, text=True, env=env,
                          input=stdin)


def report(proc: subprocess.CompletedProcess[str]) -> dict[str, dict[str, list]]:
    """path -> {"findings": [(verdict, line)], "accepted": [(by, reason, line)]} from --format json."""
    out = {}
    for d in json.loads(proc.stdout)["documents"]:
        out[d["path"]] = {"findings": sorted((f["verdict"], f["claim"]["line"]) for f in d["findings"]),
                          "accepted": sorted((a["accepted_by"], a["reason"], a["claim"]["line"]) for a in d["accepted"])}
    return out


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    """A drafts repository: a first commit with an old contradiction (line 5) and an approximate
    figure (line 7), then a second commit that adds a self-contradiction on line 9."""
    r = tmp_path / "desk"
    (r / "drafts").mkdir(parents=True)
    (r / "drafts" / "story.md").write_text(HEAD + OLD_BAD + "\n" + APPROX, encoding="utf-8")
    (r / "drafts" / "old.md").write_text(HEAD + OLD_BAD, encoding="utf-8")
    git(r, "init", "-q")
    git(r, "add", ".")
    git(r, "commit", "-qm", "published copy")
    with (r / "drafts" / "story.md").open("a", encoding="utf-8") as fh:
        fh.write("\n" + NEW_BAD)
    git(r, "commit", "-qam", "an edit")
    return r


def test_only_the_lines_changed_since_the_ref_count(repo):
    proc = factcheck(repo, "drafts/", "--diff", "HEAD~1", "-f", "json")
    assert proc.returncode == 1, proc.stderr  # the new self-contradiction fails the run
    got = report(proc)
    assert got["drafts/story.md"]["findings"] == [("inconsistent", 9)]
    assert ("diff", "unchanged since HEAD~1", 5) in got["drafts/story.md"]["accepted"]
    assert ("diff", "unchanged since HEAD~1", 7) in got["drafts/story.md"]["accepted"]
    assert got["drafts/old.md"]["findings"] == []  # not touched: its contradiction is old news
    assert got["drafts/old.md"]["accepted"] and all(a[0] == "diff" for a in got["drafts/old.md"]["accepted"])
    # Without --diff the old contradiction fails the run as before.
    plain = report(factcheck(repo, "drafts/", "-f", "json"))
    assert ("contradicted", 5) in plain["drafts/old.md"]["findings"]


def test_old_problems_alone_do_not_fail_and_the_terminal_says_why(repo):
    with (repo / "drafts" / "old.md").open("a", encoding="utf-8") as fh:
        fh.write("\n" + HARMLESS)  # an edit in the working tree, not committed
    proc = factcheck(repo, "drafts/old.md", "--diff", "HEAD")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    said = " ".join(proc.stdout.split())
    assert "(diff: unchanged since HEAD)" in said and "1 accepted (unchanged since the ref)" in said


def test_an_edited_line_counts_even_when_uncommitted(repo):
    path = repo / "drafts" / "old.md"
    path.write_text(path.read_text(encoding="utf-8").replace("5 million", "6 million"), encoding="utf-8")
    proc = factcheck(repo, "drafts/old.md", "--diff", "HEAD", "-f", "json")
    assert proc.returncode == 1
    assert ("contradicted", 5) in report(proc)["drafts/old.md"]["findings"]


def test_new_files_count_whole_whether_untracked_or_staged(repo):
    (repo / "drafts" / "new.md").write_text(HEAD + OLD_BAD, encoding="utf-8")
    (repo / "drafts" / "staged.md").write_text(HEAD + HARMLESS + "\n" + OLD_BAD, encoding="utf-8")
    git(repo, "add", "drafts/staged.md")
    got = report(factcheck(repo, "drafts/", "--diff", "HEAD", "-f", "json"))
    assert ("contradicted", 5) in got["drafts/new.md"]["findings"]
    assert ("contradicted", 7) in got["drafts/staged.md"]["findings"]
    assert got["drafts/story.md"]["findings"] == []


def test_a_moved_file_keeps_only_its_edited_lines(repo):
    git(repo, "mv", "drafts/story.md", "drafts/published.md")
    path = repo / "drafts" / "published.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n" + HARMLESS, encoding="utf-8")
    got = report(factcheck(repo, "drafts/published.md", "--diff", "HEAD~1", "-f", "json"))
    assert got["drafts/published.md"]["findings"] == [("inconsistent", 9)]


def test_a_figure_that_contradicts_an_old_one_counts(repo):
    """FC230: the same figure stated twice; the new statement is on a changed line."""
    with (repo / "drafts" / "old.md").open("a", encoding="utf-8") as fh:
        fh.write("\nTurkey is home to more than 3 million Syrian refugees.\n")
    proc = factcheck(repo, "drafts/old.md", "--diff", "HEAD", "-f", "json", "--select", "FC230")
    got = report(proc)["drafts/old.md"]
    assert got["findings"] and all(v == "inconsistent" for v, _ in got["findings"]), got


def test_from_a_subfolder_with_a_branch_name(repo):
    git(repo, "branch", "published", "HEAD~1")
    proc = factcheck(repo / "drafts", "story.md", "--diff", "published", "-f", "json")
    assert report(proc)["story.md"]["findings"] == [("inconsistent", 9)]


def test_a_binary_draft_that_changed_counts_whole(repo):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_paragraph("Turkey is home to more than 5 million Syrian refugees.")
    d.save(repo / "drafts" / "memo_2020-02-20.docx")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "memo")
    d.add_paragraph("The talks resumed on Thursday.")
    d.save(repo / "drafts" / "memo_2020-02-20.docx")
    got = report(factcheck(repo, "drafts/memo_2020-02-20.docx", "--diff", "HEAD", "-f", "json"))
    assert [v for v, _ in got["drafts/memo_2020-02-20.docx"]["findings"]] == ["contradicted"]
    unchanged = report(factcheck(repo, "drafts/memo_2020-02-20.docx", "--diff", "HEAD~1", "-f", "json"))
    assert unchanged["drafts/memo_2020-02-20.docx"]["findings"]  # new since HEAD~1: whole
    git(repo, "commit", "-qam", "memo edit")
    same = report(factcheck(repo, "drafts/memo_2020-02-20.docx", "--diff", "HEAD", "-f", "json"))
    assert same["drafts/memo_2020-02-20.docx"]["findings"] == []


@pytest.mark.parametrize("where, args, message", [
    ("outside", ["x.md", "--diff", "HEAD"], "factcheck: error: --diff: not in a git repository"),
    ("repo", ["drafts/old.md", "--diff", "no-such-branch"], "factcheck: error: --diff: unknown git ref 'no-such-branch'"),
    ("repo", ["drafts/old.md", "--diff", "--cached"], "factcheck: error: --diff: unknown git ref '--cached'"),
    ("repo", ["-", "--stdin-filename", "x.md", "--diff", "HEAD"], "factcheck: error: --diff compares files in the working tree"),
])
def test_errors_are_one_line_and_exit_2(repo, tmp_path, where, args, message):
    cwd = repo
    if where == "outside":
        cwd = tmp_path / "plain"
        cwd.mkdir()
        (cwd / "x.md").write_text(HEAD + OLD_BAD, encoding="utf-8")
    proc = factcheck(cwd, *args, stdin=OLD_BAD)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(message), lines
    assert proc.stdout == ""


def test_a_shallow_clone_says_to_fetch_history(repo, tmp_path):
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    proc = factcheck(clone, "drafts/old.md", "--diff", "HEAD~1")
    assert proc.returncode == 2
    assert "unknown git ref 'HEAD~1'" in proc.stderr and "fetch-depth: 0" in proc.stderr


def test_a_file_outside_the_repository_is_refused(repo, tmp_path):
    other = tmp_path / "elsewhere_2020-02-20.txt"
    other.write_text(OLD_BAD, encoding="utf-8")
    proc = factcheck(repo, str(other), "--diff", "HEAD")
    assert proc.returncode == 2 and "outside the git repository" in proc.stderr


# --- several reports from one run --------------------------------------------------------------

def test_one_run_writes_every_report_asked_for(repo):
    proc = factcheck(repo, "drafts/", "-f", "github", "--report", "sarif:out.sarif", "--report", "markdown:summary.md",
                     "--report", "json:out.json")
    assert proc.returncode == 1
    assert "::error file=drafts/old.md,line=5," in proc.stdout
    for fmt, name in (("sarif", "out.sarif"), ("markdown", "summary.md"), ("json", "out.json")):
        alone = factcheck(repo, "drafts/", "-f", fmt)
        assert (repo / name).read_text(encoding="utf-8") == alone.stdout, fmt


@pytest.mark.parametrize("value, message", [
    ("sarif", "is not FORMAT:FILE"), ("yaml:x.yaml", "'yaml' is not a format"), ("sarif:-", "writes to a file"),
])
def test_a_bad_report_option_is_one_line(repo, value, message):
    proc = factcheck(repo, "drafts/", "--report", value)
    assert proc.returncode == 2 and message in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


def test_help_says_both_options():
    proc = subprocess.run([str(FACTCHECK), "check", "--help"], capture_output=True, text=True,
                          env=dict(os.environ, COLUMNS="200"))
    assert "--diff, --changed-since REF" in proc.stdout and "--report FORMAT:FILE" in proc.stdout

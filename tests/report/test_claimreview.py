"""`-f claimreview` (issue 14, part 3): schema.org ClaimReview JSON-LD, one review per judged
claim, validated against a JSON Schema of the properties Google's fact check guidelines require
and recommend (schemas/claimreview.schema.json), with a rating an editor reads, the article's
address and date from its metadata or the configuration, text that stays inert inside a
``<script>`` element, and a configuration that is complete or an error before anything is written."""
from __future__ import annotations

import html.parser
import json
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest

from factcheck.config import Config, ConfigError, read_config
from factcheck.documents import from_text
from factcheck.model import Verdict
from factcheck.report import render
from factcheck.report.claimreview import (
    RATINGS,
    SUMMARY_CHARS,
    ClaimReviewConfigError,
    require,
)
from factcheck.workflow import check_documents

ROOT = Path(__file__).resolve().parents[2]
SEED = "seeds/idlib_joint_patrols_2020-02-20.txt"
SCHEMA = json.loads((Path(__file__).with_name("schemas") / "claimreview.schema.json").read_text(encoding="utf-8"))
#: The words a reader sees, as the README's table gives them.
WORDS = {"supported": (5, "Accurate"), "approximate": (4, "Roughly right"), "inconsistent": (2, "Contradicts itself"),
         "contradicted": (1, "Inaccurate")}
CONFIG = """\
[claimreview]
author = "Example Desk"
author-url = "https://news.example/"
url = "https://news.example/fact-checks/{stem}#claim-{line}-{column}"
article-url = "https://news.example/{stem}/"
"""


def validate(text: str) -> list[dict]:
    data = json.loads(text)
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(data)
    for r in data:
        rating = r["reviewRating"]
        assert 1 <= rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
        assert rating["worstRating"] < rating["bestRating"]
    return data


def judged(report):
    return [(d, f) for d in report.documents for f in d.findings if f.verdict is not Verdict.UNVERIFIABLE]


def fc(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "factcheck", *args], capture_output=True, text=True, cwd=cwd,
                          check=False)


# --- the reviews ----------------------------------------------------------------------------------

def test_seed_and_workflow_reports_validate_one_review_per_judged_claim(seed_report, workflow_report, claimreview):
    for report in (seed_report, workflow_report):
        reviews = validate(render(report, "claimreview", claimreview=claimreview))
        want = judged(report)
        assert len(reviews) == len(want) > 0
        for r, (d, f) in zip(reviews, want):
            assert (r["reviewRating"]["ratingValue"], r["reviewRating"]["alternateName"]) == WORDS[f.verdict.value]
            assert r["reviewRating"]["ratingExplanation"] == f.message
            assert f.quantity.text in r["claimReviewed"] and len(r["claimReviewed"]) <= SUMMARY_CHARS
            assert r["itemReviewed"]["text"] == " ".join(f.segment.text.split())
    assert set(RATINGS) == set(Verdict) - {Verdict.UNVERIFIABLE}


def test_unverifiable_and_accepted_findings_are_not_reviewed(workflow_report, claimreview):
    assert any(f.verdict is Verdict.UNVERIFIABLE for d in workflow_report.documents for f in d.findings)
    reviews = json.loads(render(workflow_report, "claimreview", claimreview=claimreview))
    verdicts = sorted(r["reviewRating"]["alternateName"] for r in reviews)
    assert verdicts == sorted(WORDS[f.verdict.value][1] for _, f in judged(workflow_report))
    assert "Contradicts itself" in verdicts and "Roughly right" in verdicts  # FC200 and FC110
    # a figure an editor confirmed by hand is not published as the tool's verdict
    text = ("Turkey has taken in about 3.7 million Syrian refugees. "
            '<!-- factcheck: ignore FC110 reason="DGMM figure, confirmed by phone" -->\n')
    report = check_documents([from_text(text, "drafts/accepted_2020-02-20.md", None, "markdown")], Config())
    (doc,) = report.documents
    assert [a.finding.verdict for a in doc.accepted] == [Verdict.APPROXIMATE]
    assert render(report, "claimreview", claimreview=claimreview) == "[]\n"


def test_addresses_dates_and_authors_come_from_the_configuration(seed_report, claimreview):
    reviews = json.loads(render(seed_report, "claimreview", claimreview=claimreview))
    r = next(x for x in reviews if "3.7 million" in x["claimReviewed"])
    assert r["url"] == "https://news.example/checks/idlib_joint_patrols_2020-02-20#claim-15-21"
    assert r["author"] == {"@type": "Organization", "name": "Example Desk", "url": "https://news.example/"}
    assert r["datePublished"] == r["itemReviewed"]["datePublished"] == "2020-02-20"
    appearance = r["itemReviewed"]["appearance"]
    assert appearance["url"] == "https://news.example/idlib_joint_patrols_2020-02-20/"
    assert appearance["datePublished"] == "2020-02-20"
    assert r["itemReviewed"]["author"] == {"@type": "Organization", "name": "Example Desk"}  # claim-author: author
    assert r["citation"]["url"].startswith("https://reliefweb.int/")
    assert len({x["url"] for x in reviews}) == len(reviews)  # each review its own address
    other = replace(claimreview, claim_author="Reuters", author_type="Person", author_url="")
    r = json.loads(render(seed_report, "claimreview", claimreview=other))[0]
    assert r["author"] == {"@type": "Person", "name": "Example Desk"}
    assert r["itemReviewed"]["author"] == {"@type": "Organization", "name": "Reuters"}


ARTICLE = "Turkey has taken in about 3.7 million Syrian refugees since the war started.\n"


@pytest.mark.parametrize("source, fmt, url, authors, title", [
    ("---\ntitle: Idlib\ndate: 2020-02-20\nurl: /2020/02/idlib/\nauthors:\n  - Ann Lee\n  - Bo Chan\n---\n\n" + ARTICLE,
     "markdown", "https://news.example/2020/02/idlib/", [{"@type": "Person", "name": "Ann Lee"},
                                                         {"@type": "Person", "name": "Bo Chan"}], "Idlib"),
    ("+++\ntitle = 'Idlib'\ndate = 2020-02-20\nurl = 'https://other.example/idlib'\nauthor = 'Ann Lee'\n+++\n\n" + ARTICLE,
     "markdown", "https://other.example/idlib", {"@type": "Person", "name": "Ann Lee"}, "Idlib"),
    ("---\ndate: 2020-02-20\nurl: \"javascript:alert(1)\"\n---\n\n" + ARTICLE,  # never written as an address
     "markdown", "https://news.example/idlib_2020-02-20/", {"@type": "Organization", "name": "Example Desk"}, None),
    ('<html><head><link rel="canonical" href="https://news.example/world/idlib">'
     '<meta name="author" content="Ann Lee"><meta property="article:author" content="https://facebook.com/x">'
     '<meta property="og:title" content="Idlib &amp; Ankara"><meta property="article:published_time" '
     'content="2020-02-20T09:00:00Z"></head><body><article><p>' + ARTICLE + "</p></article></body></html>",
     "html", "https://news.example/world/idlib", {"@type": "Person", "name": "Ann Lee"}, "Idlib & Ankara"),
])
def test_the_article_is_described_by_its_own_metadata(source, fmt, url, authors, title, claimreview):
    doc = from_text(source, f"drafts/idlib_2020-02-20.{'md' if fmt == 'markdown' else 'html'}", None, fmt)
    report = check_documents([doc], Config())
    (r,) = validate(render(report, "claimreview", claimreview=claimreview))
    appearance = r["itemReviewed"]["appearance"]
    assert appearance["url"] == url and appearance.get("headline") == title
    assert appearance["author"] == r["itemReviewed"]["author"] == authors
    assert appearance["datePublished"] == "2020-02-20"


def test_a_long_sentence_is_cut_to_whole_words_around_the_figure(claimreview):
    text = ("Officials in the border province, speaking on condition of anonymity because they were not "
            "authorised to brief reporters, said Turkey has taken in about 3.7 million Syrian refugees since "
            "the war started, a figure that has grown every year and that the government cites often.\n")
    report = check_documents([from_text(text, "drafts/long_2020-02-20.txt", None)], Config())
    (r,) = json.loads(render(report, "claimreview", claimreview=claimreview))
    s = r["claimReviewed"]
    assert len(s) <= SUMMARY_CHARS and "about 3.7 million" in s and s.startswith("…") and s.endswith("…")
    assert s.strip("…") in " ".join(text.split())  # whole words of the sentence, in order


# --- inert inside <script type="application/ld+json"> ------------------------------------------------

HOSTILE = ("</script><script>alert(1)</script> Turkey has taken in about 3.7 million Syrian refugees since the "
           "war started, <b>officials</b> & \u2028aides said <!--.\n")


class _Scripts(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str] = []
        self.tags: list[str] = []
        self._in = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "script":
            self._in = True
            self.scripts.append("")

    def handle_endtag(self, tag):
        self._in = False if tag == "script" else self._in

    def handle_data(self, data):
        if self._in:
            self.scripts[-1] += data


def test_hostile_text_stays_inert_inside_a_script_element(claimreview):
    report = check_documents([from_text(HOSTILE, "drafts/hostile_2020-02-20.txt", None)], Config())
    text = render(report, "claimreview", claimreview=claimreview)
    assert not re.search("[<>&\u2028\u2029]", text)
    assert "\\u003c/script\\u003e" in text and "\\u0026" in text
    (r,) = validate(text)
    assert r["itemReviewed"]["text"].startswith("</script><script>alert(1)</script> Turkey")  # given back whole
    page = f'<html><head><script type="application/ld+json">{text}</script></head><body></body></html>'
    p = _Scripts()
    p.feed(page)
    assert p.tags == ["html", "head", "script", "body"] and len(p.scripts) == 1
    assert json.loads(p.scripts[0]) == json.loads(text)


# --- configuration ----------------------------------------------------------------------------------

def test_the_configuration_is_read_and_checked(tmp_path):
    cfg = tmp_path / "factcheck.toml"
    cfg.write_text(CONFIG, encoding="utf-8")
    s = require(read_config(cfg).claimreview)
    assert (s.author, s.author_url, s.author_type) == ("Example Desk", "https://news.example/", "Organization")
    pp = tmp_path / "pyproject.toml"
    pp.write_text("[tool.factcheck.claimreview]\nauthor = 'Desk'\n", encoding="utf-8")
    with pytest.raises(ClaimReviewConfigError) as ex:
        require(read_config(pp).claimreview)
    assert ex.value.lines() == [
        (f"{pp} [tool.factcheck.claimreview.url]: missing: -f claimreview needs each review's address "
        "(url = \"https://.../{stem}#claim-{line}-{column}\")"),
        (f"{pp} [tool.factcheck.claimreview.article-url]: missing: -f claimreview needs the article's address when "
        "its metadata states none (article-url = \"https://.../{stem}\")")]
    with pytest.raises(ClaimReviewConfigError, match="no configuration file was read"):
        require(Config().claimreview)


@pytest.mark.parametrize("line, message", [
    ('autor = "Desk"', "[claimreview.autor]: unknown key 'autor' (did you mean 'author'?)"),
    ('url = "https://news.example/{slug}"', "[claimreview.url]: unknown placeholder {slug} in"),
    ('url = "https://news.example/{path.__class__}"', "[claimreview.url]: unknown placeholder {path.__class__}"),
    ('article-url = "https://news.example/{line}"', "[claimreview.article-url]: unknown placeholder {line}"),
    ('url = "/fact-checks/{stem}"', "[claimreview.url]: '/fact-checks/{stem}' is not an absolute http(s) address"),
    ('author-url = "javascript:alert(1)"', "[claimreview.author-url]: 'javascript:alert(1)' is not an absolute"),
    ('author-type = "Robot"', "[claimreview.author-type]: 'Robot' is not one of Organization, Person"),
    ('author = ""', "[claimreview.author]: must be a non-empty string"),
])
def test_a_wrong_key_or_value_names_the_file_line_and_key(tmp_path, line, message):
    cfg = tmp_path / "factcheck.toml"
    cfg.write_text('fail-on = "approximate"\n\n[claimreview]\n' + line + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as ex:
        read_config(cfg)
    assert str(ex.value).startswith(f"{cfg}:4 {message}"), str(ex.value)


def test_without_its_configuration_the_run_writes_nothing_and_exits_2(tmp_path):
    out = tmp_path / "reviews.json"
    out.write_text("previous\n", encoding="utf-8")
    (tmp_path / "factcheck.toml").write_text('[claimreview]\nauthor = "Desk"\n', encoding="utf-8")
    proc = fc(tmp_path, "check", str(ROOT / SEED), "-f", "json", "--report", f"claimreview:{out}")
    assert proc.returncode == 2 and proc.stdout == "" and "Traceback" not in proc.stderr
    assert proc.stderr.splitlines() == [
        (f"factcheck: error: {tmp_path / 'factcheck.toml'} [claimreview.url]: missing: -f claimreview needs each "
        "review's address (url = \"https://.../{stem}#claim-{line}-{column}\")"),
        (f"factcheck: error: {tmp_path / 'factcheck.toml'} [claimreview.article-url]: missing: -f claimreview needs "
        "the article's address when its metadata states none (article-url = \"https://.../{stem}\")")]
    assert out.read_text(encoding="utf-8") == "previous\n"
    proc = fc(tmp_path, "check", str(ROOT / SEED), "--isolated", "-f", "claimreview")
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.startswith("factcheck: error: -f claimreview needs a [claimreview] table") and \
        len(proc.stderr.splitlines()) == 1


def test_show_settings_shows_the_table(tmp_path):
    import tomllib

    (tmp_path / "factcheck.toml").write_text(CONFIG, encoding="utf-8")
    proc = fc(tmp_path, "check", "--show-settings")
    assert proc.returncode == 0, proc.stderr
    shown = tomllib.loads(proc.stdout)["claimreview"]
    assert shown == {**tomllib.loads(CONFIG)["claimreview"], "author-type": "Organization"}
    assert f'author = "Example Desk"  # {tmp_path / "factcheck.toml"}' in proc.stdout
    assert 'author-type = "Organization"  # default' in proc.stdout


def test_worker_processes_write_the_same_reviews(tmp_path):
    (tmp_path / "factcheck.toml").write_text(CONFIG, encoding="utf-8")
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    for i in range(3):
        (drafts / f"d{i}_2020-02-20.txt").write_text((ROOT / SEED).read_text(encoding="utf-8"), encoding="utf-8")
    one = fc(tmp_path, "check", "drafts", "-f", "claimreview")
    two = fc(tmp_path, "check", "drafts", "-f", "claimreview", "--jobs", "2")
    assert one.returncode == two.returncode == 0, one.stderr + two.stderr
    assert one.stdout == two.stdout
    reviews = validate(one.stdout)
    assert [r["url"].split("#")[0].rsplit("/", 1)[1] for r in reviews[::7]] == [f"d{i}_2020-02-20" for i in range(3)]


# --- the README's example ---------------------------------------------------------------------------

def test_the_readme_example_is_what_the_seed_gives(tmp_path, monkeypatch):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### ClaimReview"):]
    section = section[:section.index("\n### ", 5)]
    toml = re.search(r"```toml\n(.*?)```", section, re.DOTALL).group(1)
    example = json.loads(re.search(r"```json\n(.*?)```", section, re.DOTALL).group(1))
    (tmp_path / "factcheck.toml").write_text(toml, encoding="utf-8")
    settings = read_config(tmp_path / "factcheck.toml").claimreview
    monkeypatch.chdir(ROOT)
    from factcheck.documents import read_document

    report = check_documents([read_document(SEED)], Config())
    reviews = validate(render(report, "claimreview", claimreview=settings))
    assert example in reviews
    assert f"gives {['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight'][len(reviews)]} reviews" \
        in " ".join(section.split())

"""Outputs that other programs read (issue 15, part 3): a draft, a draft's file name and a user
dataset full of injection payloads are checked once, every format is written, and each output is
read as its consumer reads it:

- GitHub workflow commands: stdout and stderr line by line as the Actions runner parses them
  (``ActionCommand.TryParseV2``, then the old ``##[`` form anywhere in a line); the only commands are
  factcheck's annotations, their properties the ones it sets, and the payloads come back whole when
  the runner unescapes the message (so nothing was cut or mangled either);
- Markdown (a PR comment, a job summary): rendered with markdown-it-py, HTML allowed as GitHub allows
  it; every table row has the table's columns, no HTML from the payloads, no link but http(s);
- SARIF: the schema (when ../shared/schemas has it) and the message text, whole;
- JUnit: parsed with xml.etree: only the elements factcheck writes, the payloads whole as text;
- HTML: parsed with html.parser (only factcheck's own elements and attributes, no ``on*`` handler,
  no ``javascript:``/``data:`` link, no ``src``) and in headless Chromium (no script ran);
- JSON, GitLab, rdjson and ClaimReview: JSON that gives the payloads back
  as they were, and no raw ``<`` in it (so it is inert inside ``<script type=application/ld+json>``
  for ClaimReview);
- terminal and concise: no control character from the payloads reaches the terminal (an escape
  sequence would recolour, retitle or hide text).

A dataset URL that is not http(s) (``javascript:``, ``data:``) is kept as data but never becomes a
link or a URL field in any report: it is shown as text (SECURITY.md, "Outputs that other programs
read").
"""
from __future__ import annotations

import csv
import html.parser
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "docs" / "examples" / "newsroom"
SARIF_SCHEMA = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"

#: Each payload is aimed at one consumer; all of them go into every text field at once.
PARTS = [
    "\n::error file=x::pwned-newline",       # a new line that is a workflow command
    "::set-output name=x::pwned-output",     # a command in the middle of a line
    "::add-mask::pwned-mask",
    "::stop-commands::pwned-stop",          # would silence every later annotation
    "%0A::warning::pwned-percent",           # an escape the runner would undo
    "##[set-output name=v1;]pwned-v1",       # the old command form, found anywhere in a line
    "\r::error::pwned-cr",                   # a carriage return ends a line for the runner
    "\u2028::error::pwned-ls",               # Unicode line separator
    "| --- | a | b |",                       # a Markdown table row
    "<img src=x onerror=alert(1)>",
    "<script>alert(2)</script>",
    "](javascript:alert(3))",
    "[click](javascript:alert(4))",
    "javascript:alert(5)",
    "data:text/html,<b>pwned</b>",
    "`tick` **bold** @everyone",
    "]]><pwned/>",                           # the end of an XML CDATA section
    "</script><script>alert(6)</script>",   # the end of a JSON-LD script block
    "\u202ebidi\u202c\u200b",                # bidi override, zero-width space
    "\x1b]0;pwned-title\x07\x1b[31mred",    # terminal escape sequences
    "\x0b\x0c",                              # characters XML cannot hold
]
PAYLOAD = "".join(PARTS)
#: Where each field of the dataset shows up: a tag, then the payload.
FIELDS = ("series", "source", "url", "title", "description", "sources.title", "licenses.title")
#: A file name a pull request can add (no "/" or NUL, the rest is allowed).
HOSTILE_NAME = "n\n::error file=a::pwned-name|<img src=x onerror=alert(8)>`##[add-mask]m\r::warning::r.md"
#: The control characters of the payloads that must never reach a terminal or XML.
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


def tagged(field: str) -> str:
    return f"[{field}]" + PAYLOAD


def build(tmp: Path) -> None:
    data = tmp / "data"
    shutil.copytree(EXAMPLE / "data", data)
    shutil.copytree(EXAMPLE / "rules", tmp / "rules")
    pkg = data / "policy_rates" / "datapackage.json"
    d = json.loads(pkg.read_text(encoding="utf-8"))
    d["title"], d["description"] = tagged("title"), tagged("description")
    d["sources"][0]["title"] = tagged("sources.title")
    d["licenses"][0]["title"] = tagged("licenses.title")
    meta = d["resources"][0]["factcheck"]["indicators"]["policy_rate"]
    meta["series"], meta["source"] = tagged("series"), tagged("source")
    meta["url"] = "javascript:alert(7)//" + tagged("url")
    pkg.write_text(json.dumps(d), encoding="utf-8")
    drafts = tmp / "drafts"
    drafts.mkdir()
    text_payload = PAYLOAD.replace("\x00", "")
    (drafts / "rates_2024-06-01.md").write_text(
        "# Rates " + text_payload.replace("\n", " ") + "\n\n"
        "Turkey's central bank kept its key rate at 45% this month, " + text_payload + " it said.\n\n"
        "<script>alert(9)</script>\n\n"
        "Turkey's central bank kept its key rate at 50% in June [x](javascript:alert(10)).\n",
        encoding="utf-8")
    (drafts / HOSTILE_NAME).write_text("Turkey's central bank kept its key rate at 45%.\n", encoding="utf-8")
    attr = html_attr(text_payload)
    (drafts / "page_2024-06-01.html").write_text(
        f'<html><head><title>{attr}</title><link rel="canonical" href="javascript:alert(11)">'
        f'<meta name="author" content="{attr}"><meta property="og:title" content="{attr}"></head>'
        "<body><article><p>Turkey's central bank kept its key rate at 45% this month.</p></article></body></html>\n",
        encoding="utf-8")
    # the publisher's own settings for -f claimreview (trusted: the newsroom writes them)
    (tmp / "factcheck.toml").write_text('[claimreview]\nauthor = "Desk"\nurl = "https://news.example/checks/{stem}#{n}"\n'
                                        'article-url = "https://news.example/{stem}"\n', encoding="utf-8")


def html_attr(s: str) -> str:
    return s.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")


OUTPUTS = {"markdown": "out.md", "sarif": "out.sarif", "junit": "out.xml", "html": "out.html",
           "json": "out.json", "gitlab": "gitlab.json", "rdjson": "rd.json", "claimreview": "claimreview.json"}


def factcheck(cwd: Path, *args: str, actions: bool = False) -> subprocess.CompletedProcess[str]:
    """The check of the hostile drafts; ``actions``: as a step of a GitHub Actions job."""
    return command(cwd, "check", "drafts", "--rules", "rules", "--data", "data", "--as-of", "2024-06-01",
                   "--config", "factcheck.toml", *args, actions=actions)


def command(cwd: Path, *args: str, actions: bool = False, env: dict[str, str] | None = None
            ) -> subprocess.CompletedProcess[str]:
    """``factcheck ARGS...`` in ``cwd``; ``actions``: as a step of a GitHub Actions job."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    base.update(env or {})
    if actions:
        base["GITHUB_ACTIONS"] = "true"
    return decoded(subprocess.run([sys.executable, "-m", "factcheck", *args], capture_output=True, cwd=cwd, env=base,
                                  timeout=300, check=False))


def decoded(proc: subprocess.CompletedProcess[bytes]) -> subprocess.CompletedProcess[str]:
    """Output as it was written (UTF-8, line ends untouched: a \r is a line end to the runner)."""
    return subprocess.CompletedProcess(proc.args, proc.returncode, proc.stdout.decode("utf-8"),
                                       proc.stderr.decode("utf-8"))


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """One check of the hostile drafts: GitHub annotations on stdout, every other format to a file."""
    tmp = tmp_path_factory.mktemp("hostile")
    build(tmp)
    reports = [a for fmt, name in OUTPUTS.items() for a in ("--report", f"{fmt}:{name}")]
    proc = factcheck(tmp, "-f", "github", *reports)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    out = {fmt: (tmp / name).read_bytes().decode("utf-8") for fmt, name in OUTPUTS.items()}
    out["github"] = proc.stdout
    out["stderr"] = proc.stderr
    return out


def test_the_payloads_reach_the_reports(run):
    """The probe is real: the dataset's fields and the hostile file name are in the reports."""
    doc = json.loads(run["json"])
    evidence = [f["evidence"] for d in doc["documents"] for f in d["findings"] if f["evidence"]]
    assert evidence and all(e["source"] == tagged("source") and e["series"] == tagged("series") for e in evidence)
    assert evidence[0]["url"] == "javascript:alert(7)//" + tagged("url")
    assert any(d["path"].endswith(HOSTILE_NAME) for d in doc["documents"])


# --- GitHub workflow commands --------------------------------------------------------------------

#: The runner's escapes (actions/runner src/Runner.Common/ActionCommand.cs), undone in its order.
DATA_ESCAPES = [("\r", "%0D"), ("\n", "%0A"), ("%", "%25")]
PROPERTY_ESCAPES = [("\r", "%0D"), ("\n", "%0A"), (":", "%3A"), (",", "%2C"), ("%", "%25")]
V1_ESCAPES = [(";", "%3B"), ("\r", "%0D"), ("\n", "%0A"), ("]", "%5D"), ("%", "%25")]


def unescape(s: str, table: list[tuple[str, str]]) -> str:
    for token, replacement in table:
        s = s.replace(replacement, token)
    return s


def runner_commands(text: str) -> list[tuple[str, str, dict[str, str], str]]:
    """Every workflow command in a step's output, parsed as the runner does: each line (ended by
    \\n, \\r or \\r\\n, as .NET's ReadLine ends them) is tried as ``::cmd k=v,...::data`` after its
    leading space, else as ``##[cmd k=v;...]data`` anywhere in the line. -> (form, command,
    properties, data). Any command name counts (the runner's list grows; none may be injected).
    After ``stop-commands`` only its token is a command (ActionCommandManager.TryProcessCommand)."""
    found = []
    stopped = ""
    for cmd in _parsed(text):
        if stopped:
            if cmd[1] == stopped:
                found.append(cmd)
                stopped = ""
            continue
        found.append(cmd)
        if cmd[1] == "stop-commands":
            stopped = cmd[3]
    return found


def _parsed(text: str):
    for line in re.split(r"\r\n|\r|\n", text):
        s = line.lstrip()
        if s.startswith("::") and s.find("::", 2) >= 0:
            end = s.find("::", 2)
            info = s[2:end]
            name, _, props = info.partition(" ")
            pairs = [p.split("=", 1) for p in props.strip().split(",") if p]
            yield ("v2", name, {k: unescape(v, PROPERTY_ESCAPES) for k, v in (p for p in pairs if len(p) == 2)},
                   unescape(s[end + 2:], DATA_ESCAPES))
            continue
        at = line.find("##[")
        if at >= 0 and line.find("]", at) >= 0:
            rb = line.find("]", at)
            name, _, props = line[at + 3:rb].partition(" ")
            pairs = [p.split("=", 1) for p in props.split(";") if p]
            yield ("v1", name, {k: unescape(v, V1_ESCAPES) for k, v in (p for p in pairs if len(p) == 2)},
                   unescape(line[rb + 1:], V1_ESCAPES))


def test_github_annotations_are_the_only_workflow_commands(run):
    commands = runner_commands(run["github"])
    lines = re.split(r"\r\n|\r|\n", run["github"].rstrip("\n"))
    assert len(commands) == len(lines) - 1  # one annotation a line, then the summary line
    assert lines[-1].startswith("factcheck: ")
    paths = set()
    for form, name, props, data in commands:
        assert form == "v2" and name in ("error", "warning", "notice"), (form, name, props)
        assert set(props) == {"file", "line", "endLine", "col", "endColumn", "title"}, props
        assert all(props[k].isdigit() for k in ("line", "endLine", "col", "endColumn")), props
        assert re.fullmatch(r"FC\d{3}", props["title"]), props
        paths.add(props["file"])
    assert paths == {"drafts/rates_2024-06-01.md", "drafts/page_2024-06-01.html", "drafts/" + HOSTILE_NAME}
    # the runner gives the dataset's text back whole: escaped, not cut
    messages = [data for *_, data in commands]
    assert any(tagged("source") in m for m in messages)
    assert any(tagged("series") in m for m in messages)


def test_no_workflow_command_on_standard_error(run):
    assert runner_commands(run["stderr"]) == []


@pytest.mark.parametrize("actions", [False, True], ids=["terminal", "actions"])
def test_error_lines_name_a_hostile_file_on_one_line(tmp_path, actions):
    """An error about a file with a hostile name is one line, its controls shown as symbols; in a
    GitHub Actions job the runner reads no command from it."""
    (tmp_path / "drafts").mkdir()
    bad = tmp_path / "drafts" / HOSTILE_NAME.replace(".md", ".txt")
    bad.write_bytes(b"\x00\x01binary\x00")
    env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    if actions:
        env["GITHUB_ACTIONS"] = "true"
    proc = decoded(subprocess.run([sys.executable, "-m", "factcheck", "check", str(bad), "--isolated"],
                                  capture_output=True, cwd=tmp_path, timeout=120, env=env, check=False))
    assert proc.returncode == 2 and proc.stdout == ""
    lines = re.split(r"\r\n|\r|\n", proc.stderr.rstrip("\n"))
    errors = [x for x in lines if x.startswith("factcheck: error: ")]
    assert len(errors) == 1 and "drafts/n\u240a::error file=a::pwned-name" in errors[0], proc.stderr
    assert not CONTROLS.search(errors[0])
    if actions:
        assert stopped_only(runner_commands(proc.stderr))
    else:
        assert lines == errors


# --- Markdown (a PR comment, the job summary) -----------------------------------------------------

def rendered_markdown(text: str):
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True}).enable("table")  # GitHub allows (filtered) HTML
    return md, md.parse(text)


def test_markdown_tables_keep_their_shape_and_carry_no_html(run):
    md, tokens = rendered_markdown(run["markdown"])
    assert not [t for t in tokens if t.type == "html_block"], "raw HTML block"
    inline_html = [c.content for t in tokens if t.children for c in t.children if c.type == "html_inline"]
    assert inline_html == []
    hrefs = [c.attrGet("href") for t in tokens if t.children for c in t.children if c.type == "link_open"]
    assert all(h.startswith(("https://", "http://")) for h in hrefs), hrefs
    tables = 0
    width = None
    for t in tokens:
        if t.type == "table_open":
            tables += 1
        elif t.type == "tr_open":
            width = 0
        elif t.type in ("th_open", "td_open"):
            width += 1
        elif t.type == "tr_close":
            assert width == 6, "a table row with the wrong number of cells"
    assert tables == 3  # one per draft
    rows = sum(1 for t in tokens if t.type == "tr_open")
    findings = sum(len(d["findings"]) for d in json.loads(run["json"])["documents"])
    assert rows == findings + tables  # one row a finding, plus each header
    page = md.render(run["markdown"])
    assert not re.search(r"<(script|img|a\s[^>]*javascript|pwned)", page, re.IGNORECASE), page
    # the text itself is all there, as text
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in page and "[source]" in page


def test_markdown_mentions_no_one(run):
    """A pull request comment notifies every ``@name`` in it: one in a draft or a dataset reads the
    same in the sheet but is no mention (a zero-width space follows the ``@``)."""
    md, tokens = rendered_markdown(run["markdown"])
    text = "".join(c.content for t in tokens if t.children for c in t.children if c.type == "text")
    assert "@\u200beveryone" in text  # the probe is real: the draft's @everyone is in the sheet
    assert not re.search(r"@[\w-]", text), re.findall(r".{20}@[\w-]+", text)[:3]


# --- SARIF ---------------------------------------------------------------------------------------

def test_sarif_is_valid_and_its_messages_are_the_text(run):
    sarif = json.loads(run["sarif"])
    if SARIF_SCHEMA.exists():  # the official schema, where the checkout has it (../shared/schemas)
        import jsonschema

        schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
        jsonschema.validators.validator_for(schema)(schema).validate(sarif)
    results = sarif["runs"][0]["results"]
    assert any(tagged("source") in r["message"]["text"] for r in results)
    uris = {loc["physicalLocation"]["artifactLocation"]["uri"] for r in results for loc in r["locations"]}
    assert all(not re.search(r"[\s<>|`]", u) for u in uris), uris  # percent-encoded
    for r in results:
        assert "evidenceUrl" not in r["properties"], "a javascript: URL became a URL field"


# --- JUnit ---------------------------------------------------------------------------------------

def test_junit_parses_with_only_its_own_elements(run):
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", run["junit"]), "a character XML 1.0 forbids"
    root = ET.fromstring(run["junit"].encode("utf-8"))
    tags = {el.tag for el in root.iter()}
    assert tags <= {"testsuites", "testsuite", "properties", "property", "testcase", "failure", "system-out",
                    "skipped"}, tags
    texts = [el.text or "" for el in root.iter()] + [v for el in root.iter() for v in el.attrib.values()]
    assert any("[source]" in t and "<script>alert(2)</script>" in t and "]]><pwned/>" in t for t in texts)
    names = {s.get("name") for s in root.iter("testsuite")}
    assert len(names) == 3


# --- HTML ----------------------------------------------------------------------------------------

#: The elements and attributes html.py writes; anything else came from a payload.
HTML_TAGS = {"html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "h4", "p", "span",
             "mark", "nav", "ol", "ul", "li", "a", "section", "div", "aside", "sup", "dl", "dt", "dd", "b"}
HTML_ATTRS = {"lang", "charset", "http-equiv", "content", "name", "class", "id", "href", "rel", "aria-label",
              "data-line", "data-verdict", "data-notes", "data-code", "data-column"}


class _Elements(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_data(self, data):
        self.text.append(data)


def test_html_has_only_its_own_elements_and_links(run):
    p = _Elements()
    p.feed(run["html"])
    p.close()
    assert {t for t, _ in p.tags} <= HTML_TAGS, {t for t, _ in p.tags} - HTML_TAGS
    attrs = {k for _, a in p.tags for k, _ in a}
    assert attrs <= HTML_ATTRS, attrs - HTML_ATTRS
    hrefs = [v or "" for _, a in p.tags for k, v in a if k == "href"]
    assert hrefs and all(h.startswith(("#", "https://", "http://")) for h in hrefs), hrefs
    text = "".join(p.text)
    assert "<script>alert(2)</script>" in text and "[url]" not in text  # shown as text; the URL not at all


def _browser_module():
    spec = importlib.util.spec_from_file_location("fc_browser", ROOT / "tests" / "report" / "browser.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_html_runs_nothing_in_chromium(run, tmp_path):
    mod = _browser_module()
    exe, why = mod.find_chromium()
    if exe is None:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"CI must run the browser test: {why}")
        pytest.skip(why)
    page = tmp_path / "report.html"
    page.write_text(run["html"], encoding="utf-8")
    with mod.Browser(exe) as b:
        session = b.open(page.as_uri())
        got = b.evaluate(session, """({
          scripts: document.scripts.length, images: document.images.length,
          links: [...document.querySelectorAll('[href],[src]')].map(a => a.getAttribute('href') || a.getAttribute('src'))
                  .filter(h => !/^(#|https?:)/.test(h)),
          handlers: [...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => /^on/i.test(a.name))).length,
          pwned: document.querySelectorAll('pwned').length,
          text: document.body.textContent })""")
    assert got["scripts"] == 0 and got["images"] == 0 and got["handlers"] == 0 and got["pwned"] == 0, got
    assert got["links"] == []
    assert "[series]" in got["text"]


# --- JSON outputs --------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["json", "gitlab", "rdjson", "claimreview"])
def test_json_outputs_give_the_text_back_and_hold_no_raw_angle_bracket(run, fmt):
    text = run[fmt]
    data = json.loads(text)
    strings = []

    def walk(x):
        if isinstance(x, dict):
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)
        elif isinstance(x, str):
            strings.append(x)

    walk(data)
    assert any("[source]" in s and "</script><script>alert(6)</script>" in s for s in strings), fmt
    if fmt == "claimreview":  # embedded in <script type="application/ld+json">: "</script>" must not appear
        assert "<" not in text and ">" not in text
        urls = list(_urls(data))
        assert all(u.startswith(("https://", "http://")) for u in urls), urls


def _urls(x):
    if isinstance(x, dict):
        for k, v in x.items():
            if k.lower() in ("url", "sameas", "@id") and isinstance(v, str):
                yield v
            else:
                yield from _urls(v)
    elif isinstance(x, list):
        for v in x:
            yield from _urls(v)


# --- terminal and concise ------------------------------------------------------------------------

def stopped_only(commands) -> bool:
    """The commands are factcheck's stop-commands and the resume with its (unguessable) token."""
    return (len(commands) == 2 and commands[0][1] == "stop-commands" and re.fullmatch(r"[0-9a-f]{32}", commands[0][3])
            and commands[1][1] == commands[0][3])


@pytest.mark.parametrize("fmt", ["terminal", "concise"])
def test_plain_text_reports_obey_no_control_and_start_no_command(tmp_path, fmt):
    """No control character from the payloads reaches a terminal (each shows as a symbol); in a
    GitHub Actions job, where a wrapped line can start with "::" and "##[" counts anywhere, the
    runner is told to read no command from the report."""
    build(tmp_path)
    proc = factcheck(tmp_path, "-f", fmt)
    assert proc.returncode == 1, proc.stderr
    assert "[source]" in proc.stdout or "[series]" in proc.stdout
    assert "\u241b]0;pwned-title\u2407" in proc.stdout  # ESC and BEL, shown
    assert not CONTROLS.search(proc.stdout.replace("\n", "")), repr(CONTROLS.findall(proc.stdout))
    assert runner_commands(proc.stdout) != []  # the probe is real: outside a runner, text is text
    in_actions = factcheck(tmp_path, "-f", fmt, actions=True)
    assert in_actions.returncode == 1, in_actions.stderr
    assert stopped_only(runner_commands(in_actions.stdout)), runner_commands(in_actions.stdout)[:3]


def test_a_web_address_with_payloads_is_one_link_in_its_table_cell(tmp_path):
    """An http(s) dataset URL is linked, percent-encoded: it cannot end its cell, its line or its
    link."""
    build(tmp_path)
    pkg = tmp_path / "data" / "policy_rates" / "datapackage.json"
    d = json.loads(pkg.read_text(encoding="utf-8"))
    d["resources"][0]["factcheck"]["indicators"]["policy_rate"]["url"] = "https://example.org/a" + PAYLOAD.replace("\x00", "")
    pkg.write_text(json.dumps(d), encoding="utf-8")
    proc = factcheck(tmp_path, "-f", "markdown")
    assert proc.returncode == 1, proc.stderr
    _, tokens = rendered_markdown(proc.stdout)
    assert not [c for t in tokens if t.children for c in t.children if c.type == "html_inline"]
    widths, width = [], 0
    for t in tokens:
        width = 0 if t.type == "tr_open" else width + (t.type in ("th_open", "td_open"))
        if t.type == "tr_close":
            widths.append(width)
    assert widths and set(widths) == {6}
    hrefs = [c.attrGet("href") for t in tokens if t.children for c in t.children if c.type == "link_open"]
    assert hrefs and all(h.startswith("https://example.org/a") and not re.search(r"[\s|<>`]", h) for h in hrefs), hrefs


@pytest.mark.parametrize("listing", [("data", "list", "--data", "data"),
                                     ("data", "show", "policy_rates", "--data", "data"),
                                     ("rules", "list", "--rules", "rules"),
                                     ("data", "diff", "old", "data")])
def test_listings_of_data_and_rules_show_their_words_and_obey_none(tmp_path, listing):
    """`data list`, `data show`, `data diff` (a row added) and `rules list` print what a dataset or
    a rule file says: its control characters are shown as symbols, its brackets as brackets (never as the
    terminal library's markup), and in a GitHub Actions job the runner reads no command from it."""
    build(tmp_path)
    shutil.copytree(tmp_path / "data", tmp_path / "old")
    rule = tmp_path / "rules" / "metrics" / "policy_rate.yaml"
    rule.write_text(re.sub(r"(?m)^description: .*$", lambda m: "description: " + json.dumps(tagged("rule")),
                           rule.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    with open(tmp_path / "data" / "policy_rates" / "data" / "rates.csv", "a", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerow([tagged("entity").replace("\x00", ""), "2024-12-27", "47"])  # a row data diff shows
    proc = command(tmp_path, *listing, env={"COLUMNS": "400"})
    assert proc.returncode == 0, proc.stderr
    tag = {"list": "[title]" if listing[0] == "data" else "[rule]", "show": "[title]", "diff": "[entity]"}[listing[1]]
    assert tag in proc.stdout  # the probe is real, its brackets kept
    assert "\u241b]0;pwned-title\u2407" in proc.stdout  # ESC and BEL, shown
    assert not CONTROLS.search(proc.stdout.replace("\n", "")), repr(CONTROLS.findall(proc.stdout))
    assert "\u202e" not in proc.stdout
    in_actions = command(tmp_path, *listing, env={"COLUMNS": "400"}, actions=True)
    assert in_actions.returncode == 0, in_actions.stderr
    assert stopped_only(runner_commands(in_actions.stdout)), runner_commands(in_actions.stdout)[:3]

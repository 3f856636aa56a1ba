"""The desk page over HTTP (the app in this process): the form, the report of a pasted draft or
an uploaded file (the very page `check -f html` writes, with the form above it), the JSON and
Markdown downloads of the same check, the limits and refusals, and the headers that keep the
article's markup from running."""
from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
import json
import re

import pytest
from click.testing import CliRunner

from factcheck.cli import main
from factcheck.serve import page

from .conftest import HOST, SEED

HOSTILE = ("Turkey has taken in about 3.7 million Syrian refugees. <script>document.title='pwned'</script> "
           "<img src=x onerror=\"document.title='pwned'\"> </textarea><script>window.pwned=1</script>\n")


def _cli(*args: str, cwd) -> str:
    """`factcheck ARGS` run in ``cwd`` -> its standard output."""
    import os

    here = os.getcwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    finally:
        os.chdir(here)
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def _upload(client, path, fmt="html", as_of="", name=None):
    return client.post("/check", data={"format": fmt, "as_of": as_of},
                       files={"file": (name or path.name, path.read_bytes(), "text/plain")})


def _finding(f: dict) -> tuple:
    """A JSON finding's code, verdict, figure and place."""
    claim = f.get("claim") or {}
    return f["code"], f["verdict"], claim.get("text"), claim.get("line"), claim.get("column")


def _styles(html: str) -> list[str]:
    return re.findall(r"<style>(.*?)</style>", html, re.DOTALL)


def test_the_page_is_a_form_and_runs_nothing(client):
    r = client.get("/")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    body = r.text
    for part in ('<form class="desk" id="desk" method="post" action="/check" enctype="multipart/form-data">',
                 '<textarea id="draft" name="draft"', '<input type="file" id="file" name="file"',
                 '<input type="date" id="as_of" name="as_of"', 'name="format" value="html"',
                 'name="format" value="json"', 'name="format" value="markdown"'):
        assert part in body
    assert 'accept=".txt,.text,.md,.markdown,.mdown,.html,.htm,.xhtml,.docx"' in body
    assert "<script" not in body
    csp = r.headers["content-security-policy"]
    assert csp.startswith("default-src 'none';") and "script-src" not in csp  # no script, from anywhere
    assert "form-action 'self'" in csp and "frame-ancestors 'none'" in csp
    digest = base64.b64encode(hashlib.sha256(_styles(body)[0].encode()).digest()).decode()
    assert f"style-src 'sha256-{digest}';" in csp  # the page's own style, by hash; no other
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["cache-control"] == "no-store"


def test_an_uploaded_file_gets_the_page_check_writes_with_the_form_above(client):
    cli = _cli("check", SEED.name, "-f", "html", cwd=SEED.parent)
    r = _upload(client, SEED)
    assert r.status_code == 200
    served = r.text
    form = re.search(r'<form class="desk".*?</form>\n', served, re.DOTALL).group(0)
    assert served.replace(form, "", 1).replace(f"<style>{page.DESK_CSS}</style>\n", "", 1) == cli
    assert "Checked idlib_joint_patrols_2020-02-20.txt, as of 2020-02-20 (file name)." in form
    assert "choose it again" in form  # an upload is not kept
    csp = r.headers["content-security-policy"]
    for css in _styles(served):  # the report's style and the form's, each by its hash
        assert "'sha256-" + base64.b64encode(hashlib.sha256(css.encode()).digest()).decode() + "'" in csp


@pytest.mark.parametrize("fmt, suffix", [("json", "json"), ("markdown", "md")])
def test_downloads_are_the_reports_check_writes(client, fmt, suffix):
    cli = _cli("check", SEED.name, "-f", fmt, cwd=SEED.parent)
    r = _upload(client, SEED, fmt=fmt)
    assert r.status_code == 200
    assert r.headers["content-disposition"] == f'attachment; filename="factcheck-idlib_joint_patrols_2020-02-20.{suffix}"'
    assert r.headers["content-security-policy"].endswith("sandbox")
    if fmt == "json":
        assert r.headers["content-type"] == "application/json"
        assert json.loads(r.text) == json.loads(cli)
    else:
        assert r.headers["content-type"] == "text/markdown; charset=utf-8"
        assert r.text == cli


def test_a_pasted_draft_is_checked_as_of_the_date_given_and_stays_in_the_form(client):
    text = SEED.read_text(encoding="utf-8")
    r = client.post("/check", data={"draft": text.replace("\n", "\r\n"), "as_of": "2020-02-20", "format": "json"})
    doc = json.loads(r.text)["documents"][0]
    assert (doc["path"], doc["as_of"], doc["as_of_source"]) == ("draft.txt", "2020-02-20", "option")
    by_file = json.loads(_upload(client, SEED, fmt="json").text)["documents"][0]
    assert [_finding(f) for f in doc["findings"]] == [_finding(f) for f in by_file["findings"]]
    assert len(doc["findings"]) > 5
    shown = client.post("/check", data={"draft": text, "as_of": "2020-02-20"}).text
    assert 'value="2020-02-20"' in shown
    assert page.e(text) in shown  # in the textarea again: Download JSON checks the same draft


def test_a_pasted_markdown_draft_is_read_as_markdown(client):
    draft = "---\ntitle: Refugees\ndate: 2020-02-20\n---\n\nTurkey has taken in about 3.7 million Syrian refugees.\n"
    doc = json.loads(client.post("/check", data={"draft": draft, "format": "json"}).text)["documents"][0]
    assert (doc["path"], doc["format"], doc["as_of"], doc["as_of_source"]) == \
        ("draft.md", "markdown", "2020-02-20", "front matter")
    assert [f["verdict"] for f in doc["findings"]] == ["approximate"]


def test_a_docx_upload_is_read_from_its_bytes(client):
    import docx

    d = docx.Document()
    d.add_paragraph("Refugees")
    d.add_paragraph("Turkey has taken in about 3.7 million Syrian refugees since the war started.")
    buf = io.BytesIO()
    d.save(buf)
    r = client.post("/check", data={"format": "json"},
                    files={"file": ("turkey_2020-02-20.docx", buf.getvalue(), "application/octet-stream")})
    doc = json.loads(r.text)["documents"][0]
    assert (doc["format"], doc["as_of"]) == ("docx", "2020-02-20")
    assert [(f["claim"]["line"], f["verdict"]) for f in doc["findings"]] == [(2, "approximate")]


def test_the_articles_markup_is_text(client):
    r = client.post("/check", data={"draft": HOSTILE, "as_of": "2020-02-20"})
    assert r.status_code == 200
    body = r.text
    assert "<script" not in body and "<img" not in body
    assert body.count("</textarea>") == 1  # the form's own; the draft's is escaped
    assert "&lt;script&gt;document.title=&#x27;pwned&#x27;&lt;/script&gt;" in body
    assert re.search(r'<mark class="fc fc-approximate"[^>]*>about 3\.7 million</mark>', body)


def test_a_file_of_another_type_is_refused_with_the_types_taken(client):
    r = client.post("/check", files={"file": ("draft.pdf", b"%PDF-1.4", "application/pdf")})
    assert r.status_code == 415
    assert r.text == "draft.pdf: factcheck reads .txt, .text, .md, .markdown, .mdown, .html, .htm, .xhtml or .docx files\n"
    assert r.headers["content-type"].startswith("text/plain")
    r = client.post("/check", content=b'{"draft": "x"}', headers={"content-type": "application/json"})
    assert r.status_code == 415
    assert r.text.startswith("send a form (multipart/form-data or application/x-www-form-urlencoded)")


def test_a_body_over_the_limit_is_refused_with_413(client):
    big = b"The desk read the copy again. " * 10_000  # 300 KB; the client's desk takes 256 KB
    r = client.post("/check", files={"file": ("big.txt", big, "text/plain")})
    assert r.status_code == 413
    assert r.text == "the request is larger than this server takes (256 KB; factcheck serve --max-bytes sets it)\n"

    def chunks():  # no Content-Length: counted as it comes
        for _ in range(40):
            yield b"draft=" + b"x" * 8192

    r = client.post("/check", content=chunks(), headers={"content-type": "application/x-www-form-urlencoded"})
    assert r.status_code == 413


@pytest.mark.parametrize("data, files, message", [
    ({"draft": "  \n"}, None, "paste a draft or choose a file to check\n"),
    ({"draft": "Turkey took in 3.7 million refugees.", "as_of": "2024-02-30"}, None,
     "as of '2024-02-30' is not a valid date (February 2024 has 29 days)\n"),
    ({"draft": "x", "format": "pdf"}, None, "format 'pdf': give html, json or markdown\n"),
    ({}, {"file": ("draft.txt", "Turkey hosts 3,7 milyon mülteci.".encode("cp1254"), "text/plain")},
     "draft.txt:1: not valid UTF-8"),
])
def test_a_draft_that_cannot_be_read_is_one_line_400(client, data, files, message):
    r = client.post("/check", data=data, files=files)
    assert r.status_code == 400
    assert r.text.startswith(message) and r.text.count("\n") == 1, r.text
    assert "Traceback" not in r.text


def test_forms_from_other_sites_and_other_hosts_are_refused(client):
    r = client.post("/check", data={"draft": "x"}, headers={"sec-fetch-site": "cross-site"})
    assert (r.status_code, r.text) == (403, "forms posted from another site are refused\n")
    r = client.get("/", headers={"host": "rebound.example:8000"})  # DNS rebinding: a loopback server's name only
    assert r.status_code == 400
    assert client.get("/", headers={"host": "localhost:8000"}).status_code == 200


def test_other_paths_and_methods(client):
    r = client.get("/check")
    assert r.status_code == 405
    assert r.headers["content-security-policy"].startswith("default-src 'none'")
    assert client.get("/admin").status_code == 404


def test_the_rules_and_data_are_loaded_once(make_desk, monkeypatch):
    from starlette.testclient import TestClient

    from factcheck import pipeline, reference
    from factcheck.serve.app import make_app

    app = make_app(make_desk(fail_on="approximate"))

    def loaded_again(*a, **k):
        raise AssertionError("rules or data loaded for a request")

    monkeypatch.setattr(pipeline.Checker, "__init__", loaded_again)
    monkeypatch.setattr(reference.Catalog, "__init__", loaded_again)
    with TestClient(app, base_url=HOST) as c:
        for _ in range(2):
            r = c.post("/check", data={"draft": "Turkey has taken in about 3.7 million Syrian refugees.",
                                       "as_of": dt.date(2020, 2, 20).isoformat(), "format": "json"})
            assert r.status_code == 200, r.text
            assert json.loads(r.text)["failed"] is True  # the desk's configuration: fails on approximate


def test_an_upload_is_never_written_to_a_temporary_file(make_desk, monkeypatch):
    """Past the 1 MiB a form parser keeps in memory by default, an upload stays in memory: the
    calls that put a temporary file on disk fail here, and the check goes on."""
    import tempfile

    from starlette.testclient import TestClient

    from factcheck.serve.app import make_app

    def on_disk(*a, **k):
        raise AssertionError("a temporary file on disk")

    app = make_app(make_desk(max_bytes=3 * 1024 ** 2))
    for name in ("NamedTemporaryFile", "TemporaryFile", "mkstemp", "mkdtemp"):
        monkeypatch.setattr(tempfile, name, on_disk)
    big = ("<!DOCTYPE html><html><body><article><p>Turkey has taken in about 3.7 million Syrian refugees.</p>"
           "</article><script>/*" + "The desk read it again. " * 60_000 + "*/</script></body></html>").encode()
    assert len(big) > 1024 ** 2  # a page of 1.4 MB, quick to check: its script is not copy
    with TestClient(app, base_url=HOST) as c:
        r = c.post("/check", data={"format": "json", "as_of": "2020-02-20"},
                   files={"file": ("long.html", big, "text/html")})
    assert r.status_code == 200, r.text
    assert [f["verdict"] for f in json.loads(r.text)["documents"][0]["findings"]] == ["approximate"]

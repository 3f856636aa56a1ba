"""The desk's pages: the form (paste a draft or choose a file, the date it speaks as of, Check /
Download JSON / Download Markdown), alone or above the HTML report of a check.

No script anywhere, so none can run: the form is a plain HTML form. The report is the one
``-f html`` writes, with the form put after its ``<body>`` and the form's style block after the
report's; every piece of text from a request is escaped. ``policy(page)`` is the page's
Content-Security-Policy: no script, no requests but form posts to the page's own origin, and
only the page's own ``<style>`` blocks, named by their hashes.
"""
from __future__ import annotations

import base64
import hashlib
import html
import re

from . import ACCEPTED, accepted_types

DESK_CSS = """
form.desk { max-width: 78rem; margin: 0 auto; padding: 1rem 2rem; font: .95rem/1.4 system-ui, sans-serif;
            border-bottom: 2px solid #ddd; background: #f7f7f5; }
form.desk h1 { font: 700 1.4rem/1.2 system-ui, sans-serif; margin: 0 0 .6rem; }
form.desk label { display: block; font-weight: 600; margin: .5rem 0 .2rem; }
form.desk textarea { width: 100%; box-sizing: border-box; font: .95rem/1.4 Georgia, serif; padding: .4rem; }
form.desk .row2 { display: flex; flex-wrap: wrap; gap: 1.5rem; align-items: end; }
form.desk .hint { color: #555; font-size: .85rem; margin: .2rem 0; }
form.desk .buttons { margin-top: .8rem; display: flex; gap: .6rem; flex-wrap: wrap; }
form.desk button { font: 600 .95rem system-ui, sans-serif; padding: .35rem .9rem; cursor: pointer; }
form.desk button.primary { background: #1e5aa8; color: #fff; border: 1px solid #1e5aa8; border-radius: .2rem; }
form.desk .checked { margin: .6rem 0 0; color: #333; }
"""

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="factcheck">
<title>factcheck: a page for the desk</title>
<style>{css}</style>
</head>
<body>
{form}
</body>
</html>
"""

NONE = "'none'"
_STYLE = re.compile(r"<style>(.*?)</style>", re.DOTALL)


def e(s: object) -> str:
    return html.escape(str(s), quote=True)


def form(draft: str = "", as_of: str = "", checked: str = "", max_bytes: int = 0) -> str:
    """The form, with the draft and date of the last check filled in; ``checked``: a line about
    what was checked (an uploaded file is not kept: choosing it again downloads its check)."""
    limit = f"; at most {max_bytes / 1024 ** 2:.3g} MB" if max_bytes else ""
    note = f'<p class="checked" id="checked">{e(checked)}</p>' if checked else ""
    return f"""<form class="desk" id="desk" method="post" action="/check" enctype="multipart/form-data">
<h1>factcheck: check a draft</h1>
<label for="draft">Paste a draft (plain text, Markdown or HTML)</label>
<textarea id="draft" name="draft" rows="12" spellcheck="false">{e(draft)}</textarea>
<div class="row2">
<div><label for="file">or choose a file</label>
<input type="file" id="file" name="file" accept="{e(",".join(ACCEPTED))}">
<p class="hint">{e(accepted_types())}{e(limit)}; a chosen file is checked instead of the pasted draft</p></div>
<div><label for="as_of">As of</label>
<input type="date" id="as_of" name="as_of" value="{e(as_of)}">
<p class="hint">empty: the draft's own date (front matter, page metadata, file name, dateline)</p></div>
</div>
<div class="buttons">
<button type="submit" class="primary" id="check" name="format" value="html">Check</button>
<button type="submit" id="download-json" name="format" value="json">Download JSON</button>
<button type="submit" id="download-markdown" name="format" value="markdown">Download Markdown</button>
</div>
{note}
</form>"""


def index(max_bytes: int) -> str:
    """The page before any check: the form alone."""
    return _PAGE.replace("{css}", DESK_CSS).replace("{form}", form(max_bytes=max_bytes))


def with_report(report_html: str, desk_form: str) -> str:
    """The HTML report with the form above it: the form right after the report's ``<body>``, its
    style after the report's style (the first of each in the report is its template's: article
    text in it is escaped, so holds neither)."""
    head, sep, body = report_html.partition("</head>")
    if not sep or "<body>" not in body:
        raise ValueError("the HTML report has no <head> and <body>")
    head += f"<style>{DESK_CSS}</style>\n"
    return head + sep + body.replace("<body>", "<body>\n" + desk_form, 1)


def policy(page: str) -> str:
    """The Content-Security-Policy of ``page``: its own style blocks (in its head) by hash,
    nothing else loaded, no script, forms posted only to the page's origin, never framed."""
    head = page.partition("</head>")[0]
    hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()}'"
                      for css in _STYLE.findall(head))
    return (f"default-src 'none'; style-src {hashes or NONE}; img-src data:; "
            "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")


#: The policy of responses that are not pages (plain text, downloads): nothing at all.
NOTHING = "default-src 'none'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'; sandbox"

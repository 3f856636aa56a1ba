"""schema.org ClaimReview JSON-LD (``-f claimreview``): one review per judged claim, for a fact
check page to embed in ``<script type="application/ld+json">``.

A JSON array of ClaimReview objects, each with its own ``@context`` (so any one of them can be
embedded alone). Judged claims are the findings that are supported, approximate, contradicted or
inconsistent; unverifiable figures, accepted findings (an editor's suppression, the baseline,
``--diff``) and suppression notices are left out.

Properties, as Google's guidelines for fact check structured data name them
(https://developers.google.com/search/docs/appearance/structured-data/factcheck) on the types of
https://schema.org/ClaimReview, https://schema.org/Rating, https://schema.org/Claim and
https://schema.org/CreativeWork:

- ``claimReviewed`` (required): the sentence that makes the claim, cut to a window of whole
  words around the figure when it is longer than 75 characters (Google asks for less than 75).
- ``reviewRating`` (required): a Rating on a 1 to 5 scale (``worstRating`` 1, which Google
  requires to be at least 1; ``bestRating`` 5) with ``alternateName``, the words Google shows
  (``RATINGS``), and ``ratingExplanation``, the finding's message.
- ``url`` (required): the review's address, from the configuration's ``url`` pattern.
- ``author`` (recommended): the configured publisher of the fact checks (Organization or
  Person, ``name`` and ``url``).
- ``datePublished`` (recommended): the article's date (the review is published with it).
- ``itemReviewed`` (recommended): a Claim with ``author`` (the article's authors from its
  metadata, else the configured ``claim-author``, else the publisher), ``datePublished`` and
  ``appearance``: the article as a CreativeWork with its ``url`` (its metadata's, else the
  configured ``article-url`` pattern), ``headline`` when it has a title, ``datePublished`` and
  ``author``.
- ``citation``: the reference data the claim was judged against (name and address).

The text is JSON that stays inert inside an HTML ``<script>`` element: ``<``, ``>`` and ``&``
(and the line separators U+2028/U+2029) are written as ``\\u003c``-style escapes, so a claim
that contains ``</script>`` cannot end the element.
"""
from __future__ import annotations

import io
import string
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

from ..errors import FactcheckError
from ..model import DocumentReport, Finding, Report, Verdict
from . import jsontext, stream
from .common import place, relative_path, source, source_url
from .stream import Options, Run, Tally, tally_of, write_all

#: verdict -> (ratingValue, alternateName) on a scale from 1 (worst) to 5 (best). 3 is not used:
#: a figure is within the tolerance of the reference, or beyond it.
RATINGS = {
    Verdict.SUPPORTED: (5, "Accurate"),
    Verdict.APPROXIMATE: (4, "Roughly right"),
    Verdict.INCONSISTENT: (2, "Contradicts itself"),
    Verdict.CONTRADICTED: (1, "Inaccurate"),
}
WORST, BEST = 1, 5
#: Google: "Try to keep this less than 75 characters to minimize wrapping when displayed on a mobile device."
SUMMARY_CHARS = 75
AUTHOR_TYPES = ("Organization", "Person")
#: Placeholders of the ``url`` and ``article-url`` patterns (README, "ClaimReview").
ARTICLE_FIELDS = ("path", "stem", "name")
REVIEW_FIELDS = (*ARTICLE_FIELDS, "line", "column", "code", "n", "article")
KEYS = ("author", "author-url", "author-type", "url", "article-url", "claim-author")
REQUIRED = ("author", "url", "article-url")
_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})


@dataclass(frozen=True)
class Settings:
    """The configuration's ``[claimreview]`` table (``[tool.factcheck.claimreview]`` in
    pyproject.toml), and where it was read (for the errors that name it)."""

    author: str = ""
    author_url: str = ""
    author_type: str = "Organization"
    url: str = ""
    article_url: str = ""
    claim_author: str = ""
    #: The configuration file ("" when none was read) and the table's full key.
    path: str = ""
    table: str = "claimreview"


class ClaimReviewConfigError(FactcheckError):
    """``-f claimreview`` without the configuration it needs (exit 2)."""


def parse(value: Any, err: Any, path: str, table: str) -> Settings:
    """The ``[claimreview]`` table -> Settings; ``err(key, message)`` makes the error that
    names the file, line and key."""
    if not isinstance(value, dict):
        raise err("claimreview", "must be a table (author, url, article-url, ...)")
    got: dict[str, str] = {}
    for key, v in value.items():
        k = f"claimreview.{key}"
        if key not in KEYS:
            import difflib

            close = difflib.get_close_matches(key.replace("_", "-"), list(KEYS), n=1)
            raise err(k, f"unknown key {key!r}" + (f" (did you mean {close[0]!r}?)" if close else "")
                      + f"; known keys: {', '.join(KEYS)}")
        if not isinstance(v, str) or not v.strip():
            raise err(k, "must be a non-empty string")
        v = v.strip()
        if key == "author-type" and v not in AUTHOR_TYPES:
            raise err(k, f"{v!r} is not one of {', '.join(AUTHOR_TYPES)}")
        if key in ("url", "article-url", "author-url"):
            if not v.startswith(("https://", "http://")):
                raise err(k, f"{v!r} is not an absolute http(s) address")
            fields = REVIEW_FIELDS if key == "url" else ARTICLE_FIELDS if key == "article-url" else ()
            problem = _pattern_problem(v, fields)
            if problem:
                raise err(k, problem)
        got[key.replace("-", "_")] = v
    return Settings(**got, path=path, table=table)


def _pattern_problem(pattern: str, fields: tuple[str, ...]) -> str:
    try:
        used = [f for _, f, _, _ in string.Formatter().parse(pattern) if f is not None]
    except ValueError as ex:
        return f"{pattern!r} is not a pattern ({ex}); write a brace as {{{{ or }}}}"
    for f in used:
        if f not in fields:
            known = ", ".join("{" + x + "}" for x in fields) or "none"
            return f"unknown placeholder {{{f}}} in {pattern!r} (known: {known})"
    return ""


def require(s: Settings | None) -> Settings:
    """The settings, when they have every key ``-f claimreview`` needs; else an error naming the
    configuration file and each missing key."""
    if s is None or not s.path:
        raise ClaimReviewConfigError(
            "-f claimreview needs a [claimreview] table with author, url and article-url in factcheck.toml "
            "(or [tool.factcheck.claimreview] in pyproject.toml), and no configuration file was read "
            "(README, 'ClaimReview')")
    missing = [k for k in REQUIRED if not getattr(s, k.replace("-", "_"))]
    what = {"author": "who publishes the fact checks (author = \"Newsroom name\")",
            "url": "each review's address (url = \"https://.../{stem}#claim-{line}-{column}\")",
            "article-url": "the article's address when its metadata states none (article-url = \"https://.../{stem}\")"}
    problems = [ClaimReviewConfigError(f"missing: -f claimreview needs {what[k]}", path=s.path, key=f"{s.table}.{k}")
                for k in missing]
    if problems:
        raise ClaimReviewConfigError(problems[0].message, path=s.path, key=problems[0].key,
                                     problems=problems if len(problems) > 1 else None)
    return s


# --- one review -------------------------------------------------------------------------------

def summary(f: Finding) -> str:
    """The claim in at most ``SUMMARY_CHARS`` characters: its sentence, or the whole words around
    the figure, with "…" where words were left out."""
    text = " ".join(f.segment.text.split())
    if len(text) <= SUMMARY_CHARS:
        return text
    words = f.segment.text.split()
    # the figure's words: those overlapping the figure's span in the sentence
    seg_start = f.segment.span.start
    lo_at, hi_at = f.quantity.span.start - seg_start, f.quantity.span.end - seg_start
    spans, at = [], 0
    for w in words:
        i = f.segment.text.index(w, at)
        spans.append((i, i + len(w)))
        at = i + len(w)
    inside = [k for k, (a, b) in enumerate(spans) if a < hi_at and b > lo_at] or [0]
    lo, hi = inside[0], inside[-1]
    budget = SUMMARY_CHARS - 2  # room for an ellipsis at each end

    def size(a: int, b: int) -> int:
        return len(" ".join(words[a:b + 1]))

    if size(lo, hi) > budget:
        return (" ".join(words[lo:hi + 1]))[:budget] + "…"
    grown = True
    while grown:  # a word after the figure, then one before, while they fit
        grown = False
        if hi + 1 < len(words) and size(lo, hi + 1) <= budget:
            hi, grown = hi + 1, True
        if lo > 0 and size(lo - 1, hi) <= budget:
            lo, grown = lo - 1, True
    return ("…" if lo > 0 else "") + " ".join(words[lo:hi + 1]) + ("…" if hi < len(words) - 1 else "")


def _fields(path: str) -> dict[str, Any]:
    rel = relative_path(path)
    p = PurePosixPath(rel)
    return {"path": quote(rel.lstrip("/"), safe="/"), "stem": quote(p.stem, safe=""), "name": quote(p.name, safe="")}


def article_url(dr: DocumentReport, s: Settings) -> str:
    """The article's address: its metadata's (a relative one read against ``article-url``), else
    the ``article-url`` pattern filled in."""
    base = s.article_url.format_map(_fields(dr.document.path))
    stated = dr.document.meta_value("url")
    if not stated:
        return base
    joined = urljoin(base, stated.strip())
    # an address of another kind (javascript:, data:, mailto:) is never written as the article's
    return joined if urlsplit(joined).scheme in ("http", "https") and urlsplit(joined).netloc else base


def _people(names: list[str], kind: str) -> Any:
    people = [{"@type": kind, "name": n} for n in names]
    return people[0] if len(people) == 1 else people


def reviews(dr: DocumentReport, s: Settings) -> list[dict[str, Any]]:
    """The ClaimReview objects of a document's judged claims, in document order."""
    doc = dr.document
    article = article_url(dr, s)
    date = doc.as_of.isoformat() if doc.as_of is not None else None
    authors = [v for k, v in doc.meta if k == "author"]
    claim_author = _people(authors, "Person") if authors else _people([s.claim_author or s.author], "Organization")
    title = doc.meta_value("title")
    publisher = {"@type": s.author_type, "name": s.author, **({"url": s.author_url} if s.author_url else {})}
    appearance: dict[str, Any] = {"@type": "CreativeWork", "url": article}
    if title:
        appearance["headline"] = title
    if date:
        appearance["datePublished"] = date
    appearance["author"] = claim_author
    base = _fields(doc.path)
    out = []
    for f in dr.findings:
        if f.verdict not in RATINGS:
            continue
        value, words = RATINGS[f.verdict]
        p = place(doc, f.quantity.span)
        url = s.url.format_map({**base, "line": p.line, "column": p.column, "code": f.code, "n": len(out) + 1,
                                "article": article})
        claim: dict[str, Any] = {"@type": "Claim", "text": " ".join(f.segment.text.split()), "author": claim_author}
        if date and f.segment.dated:  # not a sidebar's figure, which speaks as of another date
            claim["datePublished"] = date
        claim["appearance"] = appearance
        r: dict[str, Any] = {"@context": "https://schema.org", "@type": "ClaimReview", "url": url,
                             "claimReviewed": summary(f), "author": publisher}
        if date:
            r["datePublished"] = date
        r["reviewRating"] = {"@type": "Rating", "ratingValue": value, "bestRating": BEST, "worstRating": WORST,
                             "alternateName": words, "ratingExplanation": f.message}
        r["itemReviewed"] = claim
        if f.evidence is not None:
            cite = {"@type": "CreativeWork", "name": source(f)}
            if source_url(f):
                cite["url"] = source_url(f)
            r["citation"] = cite
        out.append(r)
    return out


def dumps(value: Any, level: int = 0) -> str:
    """JSON text safe inside an HTML ``<script>`` element (``<``, ``>``, ``&`` escaped)."""
    return jsontext.dumps(value, level).translate(_ESCAPES)


# --- streamed: each document's reviews, one array -------------------------------------------

def part(d: DocumentReport, n: int, run: Run, opts: Options) -> list[str]:
    """The document's reviews, each laid out as an item of the array."""
    s = require(run.claimreview)
    return [" " + dumps(x, 1) for x in reviews(d, s)]


class Writer(stream.ArrayWriter):
    def __init__(self, out: Any, run: Run, opts: Options) -> None:
        require(run.claimreview)  # before anything is written: a missing key is an error, exit 2
        super().__init__(out, run, opts)


def render(report: Report, settings: Settings | None = None) -> str:
    """The whole report as ClaimReview JSON-LD (``settings``: the configuration's table)."""
    run = Run(report.fail_on, report.tool_version, claimreview=settings)
    buf = io.StringIO()
    opts = Options()
    tally = Tally.of(run)
    for d in report.documents:
        tally.add(tally_of(d, run))
    write_all(Writer(buf, run, opts), (part(d, n, run, opts) for n, d in enumerate(report.documents, 1)), tally)
    return buf.getvalue()

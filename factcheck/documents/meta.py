"""What a draft says about itself besides its date: its address, its author and its title
(``Document.meta``), for the reports that describe the article as published (``-f claimreview``).

- Markdown front matter: ``url`` (also ``canonical``, ``canonicalURL``, ``canonical_url``,
  ``permalink``), ``author`` or ``authors`` (a name or a list of names), ``title``. YAML front
  matter is read with PyYAML, TOML with ``tomllib``; front matter whose YAML does not parse
  gives no metadata (its date and title are read as before, by their lines).
- HTML: ``<link rel="canonical">``, else ``<meta property="og:url">``; ``<meta name="author">``
  (also ``article:author``, ``parsely-author``, ``dc.creator``) when it is a name, not an
  address; ``og:title``. Collected by the page reader (``html.py``) as it passes the tags.

Values are kept as written (whitespace collapsed); a relative address is resolved by the report
that uses it (against the configured ``article-url``).
"""
from __future__ import annotations

import re
from typing import Any

#: Front matter keys, in order of preference, and the metadata key each gives.
URL_KEYS = ("url", "canonical", "canonicalurl", "canonical_url", "permalink")
AUTHOR_KEYS = ("author", "authors")
#: HTML ``<meta>`` names (name, property or itemprop) that name an author.
HTML_AUTHOR = ("author", "article:author", "parsely-author", "dc.creator", "dcterms.creator")

Meta = tuple[tuple[str, str], ...]

_WS = re.compile(r"\s+")
_HAS_KEYS = re.compile(rf"^[ \t]*['\"]?(?:{'|'.join(URL_KEYS + AUTHOR_KEYS)})['\"]?[ \t]*[:=]", re.MULTILINE | re.IGNORECASE)


def _clean(value: Any) -> str:
    return _WS.sub(" ", value).strip() if isinstance(value, str) else ""


def from_table(table: dict[str, Any], title: str | None = None) -> Meta:
    """Metadata from a front matter table (keys in any case)."""
    keys = {str(k).lower(): k for k in table}
    out: list[tuple[str, str]] = []
    url = next((_clean(table[keys[k]]) for k in URL_KEYS if k in keys and _clean(table[keys[k]])), "")
    if url:
        out.append(("url", url))
    for k in AUTHOR_KEYS:
        if k not in keys:
            continue
        value = table[keys[k]]
        names = value if isinstance(value, list) else [value]
        # an author may be written as a table ({name = "..."}), as Hugo and Jekyll themes do
        found = [_clean(n.get("name") if isinstance(n, dict) else n) for n in names]
        found = [n for n in found if n]
        if found:
            out += [("author", n) for n in found]
            break
    if title:
        out.append(("title", _clean(title)))
    return tuple(out)


def front_matter(source: str, fm: Any) -> Meta:
    """The metadata of a Markdown file's front matter (``frontmatter.FrontMatter``), or ()."""
    if fm is None:
        return ()
    block = source[fm.start:fm.end]
    if not _HAS_KEYS.search(block):
        return from_table({}, fm.title)
    from . import frontmatter

    m = (frontmatter._TOML if fm.kind == "toml" else frontmatter._YAML).match(source)
    body = m.group("body") if m else ""
    table: Any
    try:
        if fm.kind == "toml":
            import tomllib

            table = tomllib.loads(body)
        else:
            import yaml

            table = yaml.safe_load(body)
    except Exception:  # noqa: BLE001 -- not valid YAML/TOML: the front matter's lines were read as before
        table = None
    return from_table(table if isinstance(table, dict) else {}, fm.title)


def from_html(found: dict[str, list[str]]) -> Meta:
    """Metadata from what the page reader collected: ``canonical``, ``og:url``, ``author``, ``og:title``."""
    out: list[tuple[str, str]] = []
    url = next((_clean(u) for k in ("canonical", "og:url") for u in found.get(k, ()) if _clean(u)), "")
    if url:
        out.append(("url", url))
    names = [_clean(a) for a in found.get("author", ()) if _clean(a) and not re.match(r"(?i)https?://", a.strip())]
    out += [("author", n) for n in dict.fromkeys(names)]
    title = next((_clean(t) for t in found.get("og:title", ()) if _clean(t)), "")
    if title:
        out.append(("title", title))
    return tuple(out)

"""HTML pages: the main text without navigation or boilerplate (trafilatura), title, dates
and authors from the page's metadata. Markup is never kept: the document text is plain text.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from fonds.errors import ReadError
from fonds.model import DateRange, Document, Origin, Source, document_id
from fonds.readers._reader import Reader
from fonds.readers.text import decode, guess_title
from fonds.text import normalize

log = logging.getLogger(__name__)

_HTML_HEAD = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.IGNORECASE)
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_DATE_META = (
    "date",
    "dc.date",
    "dcterms.date",
    "dc.date.created",
    "dcterms.created",
    "citation_date",
    "citation_publication_date",
    "article:published_time",
    "og:published_time",
    "pubdate",
)
_DROP = ("script", "style", "nav", "header", "footer", "aside", "form", "noscript", "template")


def sniff(head: bytes) -> bool:
    """An HTML doctype or html/head/body tag near the start."""
    return _HTML_HEAD.search(head[:4096]) is not None


def _meta(tree: Any) -> dict[str, str]:
    """``<meta name|property=... content=...>`` pairs, keys lowercased."""
    found: dict[str, str] = {}
    for el in tree.iter("meta"):
        key = (el.get("name") or el.get("property") or el.get("itemprop") or "").strip().lower()
        content = (el.get("content") or "").strip()
        if key and content and key not in found:
            found[key] = content
    return found


def _iso_date(value: str) -> DateRange | None:
    """An ISO date (or datetime) at the precision it is written."""
    m = _ISO_DATE.match(value.strip())
    if not m:
        return None
    year, month, day = m.groups()
    if month and not 1 <= int(month) <= 12 or day and not 1 <= int(day) <= 31:
        return None
    return DateRange("-".join(p for p in (year, month, day) if p))


def _fallback_text(tree: Any) -> str:
    """Body text with scripts, styles and navigation removed (for pages trafilatura rejects)."""
    for el in list(tree.iter(*_DROP)):
        el.drop_tree()
    body = tree.find("body")
    node = body if body is not None else tree
    blocks = [
        normalize(" ".join(el.itertext())) for el in node.iter("p", "h1", "h2", "h3", "li", "td")
    ]
    text = "\n\n".join(b for b in blocks if b)
    return text or normalize(" ".join(node.itertext()))


def read(source: Source, data: bytes) -> list[Document]:
    """One document: the page's main text, its title, date and authors."""
    import trafilatura

    markup = decode(source.path, data)
    try:
        tree = lxml_html.document_fromstring(
            markup.encode("utf-8"), parser=lxml_html.HTMLParser(encoding="utf-8", no_network=True)
        )
    except (etree.ParserError, ValueError) as exc:
        raise ReadError(source.path, f"unreadable HTML: {exc}") from exc
    meta = _meta(tree)
    title_el = tree.find(".//title")
    title = normalize("".join(str(t) for t in title_el.itertext())) if title_el is not None else ""
    origin: dict[str, Origin] = {}
    try:
        extracted = trafilatura.bare_extraction(
            markup,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            favor_recall=True,
            as_dict=True,
        )
    except Exception as exc:  # trafilatura raises assorted lxml/parse errors; reported per file
        log.debug("trafilatura failed on %s: %s", source.path, exc)
        extracted = None
    body = normalize(str(extracted.get("text") or "")) if isinstance(extracted, dict) else ""
    if not body:
        body = _fallback_text(tree)
    if not body:
        raise ReadError(source.path, "HTML page without text")
    if isinstance(extracted, dict) and not title:
        title = normalize(str(extracted.get("title") or ""))
    if title:
        origin["title"] = "file"
    else:
        title, origin["title"] = guess_title(body), "guessed"
    date = next((d for d in (_iso_date(meta[k]) for k in _DATE_META if k in meta) if d), None)
    if date:
        origin["date"] = "file"
    author = meta.get("author") or meta.get("dc.creator") or meta.get("citation_author") or ""
    authors = tuple(a.strip() for a in author.split(";") if a.strip())
    if authors:
        origin["authors"] = "file"
    language = (tree.get("lang") or meta.get("language") or meta.get("dc.language") or "")[
        :2
    ].lower() or None
    if language:
        origin["language"] = "file"
    return [
        Document(
            id=document_id(source.sha256, 0),
            source=source,
            title=title,
            text=body,
            date=date,
            authors=authors,
            language=language,
            origin=origin,
        )
    ]


READER = Reader("html", "text/html", frozenset({".html", ".htm", ".xhtml"}), sniff, read)

"""BibTeX entries (``@misc``/``@article``/``@book``...) for a document, or for what it cites."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from fonds.export.chicago import date_text
from fonds.export.csl_json import cited_item, unique_sources
from fonds.model import Document

_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_TYPES = {
    "article": "article",
    "working paper": "techreport",
    "report": "techreport",
    "book chapter": "incollection",
}


def escape(text: str) -> str:
    """Text safe inside a BibTeX field (UTF-8 kept, as biber reads it)."""
    return "".join(_SPECIAL.get(ch, ch) for ch in text)


def _entry(kind: str, key: str, fields: dict[str, str]) -> str:
    body = ",\n".join(f"  {name} = {{{escape(value)}}}" for name, value in fields.items() if value)
    return f"@{kind}{{{key},\n{body}\n}}"


def document(doc: Document) -> str:
    fields = {
        "title": doc.title,
        "author": " and ".join(doc.authors),
        "year": doc.date.start[:4] if doc.date else "",
        "date": str(doc.date) if doc.date else "",
        "note": "; ".join(x for x in (doc.archive_citation, doc.collection) if x),
        "translator": doc.translator or "",
        "url": doc.source_url or "",
        "language": doc.language or "",
        "howpublished": date_text(doc.date) if doc.date else "",
    }
    return _entry(_TYPES.get(doc.type or "", "misc"), f"fonds{doc.id}", fields)


_CSL_TO_BIBTEX = {
    "book": "book",
    "chapter": "incollection",
    "article-journal": "article",
    "thesis": "phdthesis",
    "report": "techreport",
}


def _people(people: list[dict[str, str]]) -> str:
    return " and ".join(
        p["literal"] if "literal" in p else f"{p['family']}, {p.get('given', '')}".rstrip(", ")
        for p in people
    )


def cited(item: dict[str, Any], key: str) -> str:
    """One cited source, from its CSL item, as a BibTeX entry."""
    kind = _CSL_TO_BIBTEX.get(item.get("type", ""), "misc")
    issued = item.get("issued", {})
    year = str(issued["date-parts"][0][0]) if "date-parts" in issued else ""
    container = item.get("container-title", "")
    fields = {
        "author": _people(item.get("author", [])),
        "editor": _people(item.get("editor", [])),
        "translator": _people(item.get("translator", [])),
        "title": item.get("title", ""),
        "journal": container if kind == "article" else "",
        "booktitle": container if kind == "incollection" else "",
        "institution": container if kind == "techreport" else "",
        "school": item.get("publisher", "") if kind == "phdthesis" else "",
        "publisher": item.get("publisher", "") if kind != "phdthesis" else "",
        "address": item.get("publisher-place", ""),
        "volume": item.get("volume", "") if kind != "techreport" else "",
        "number": item.get("issue", "") or (item.get("volume", "") if kind == "techreport" else ""),
        "pages": item.get("page", "").replace("-", "--"),
        "year": year,
        "date": issued.get("raw", ""),
        "note": item.get("archive_location", "") if item.get("type") == "manuscript" else "",
        "howpublished": item.get("archive", ""),
        "url": item.get("URL", ""),
    }
    return _entry(kind, key, fields)


def bibliography(doc: Document, rows: Sequence[dict[str, Any]]) -> str:
    entries = []
    for i, row in enumerate(unique_sources(rows), start=1):
        key = re.sub(r"[^A-Za-z0-9]+", "", (row.get("canonical") or "")[:40]) or f"{doc.id}c{i}"
        entries.append(cited(cited_item(row), key))
    return "\n\n".join(entries)

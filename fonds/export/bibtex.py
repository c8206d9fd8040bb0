"""BibTeX entries (``@misc``/``@article``/``@book``...) for a document, or for what it cites."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from fonds.export.chicago import date_text
from fonds.export.csl_json import unique_sources
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


def bibliography(doc: Document, rows: Sequence[dict[str, Any]]) -> str:
    entries = []
    for i, row in enumerate(unique_sources(rows), start=1):
        key = re.sub(r"[^A-Za-z0-9]+", "", (row.get("canonical") or "")[:40]) or f"{doc.id}c{i}"
        kind = {"book": "book", "article": "article"}.get(row["kind"], "misc")
        entries.append(_entry(kind, key, {"title": row["raw"], "note": row.get("canonical") or ""}))
    return "\n\n".join(entries)

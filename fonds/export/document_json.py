"""A document as JSON: the shape ``fonds show --json`` prints and the API serves."""

from __future__ import annotations

import dataclasses
from typing import Any

from fonds.model import Document


def document_json(doc: Document, *, text: bool = True, mentions: bool = False) -> dict[str, Any]:
    """The document's metadata, pages, sections and notes; its ``text`` and its
    ``mentions`` (names with offsets) when asked."""
    data: dict[str, Any] = {
        "id": doc.id,
        "title": doc.title,
        "date": str(doc.date) if doc.date else None,
        "date_start": doc.date.start if doc.date else None,
        "date_end": doc.date.end if doc.date else None,
        "type": doc.type,
        "language": doc.language,
        "authors": list(doc.authors),
        "collection": doc.collection,
        "archive_citation": doc.archive_citation,
        "translator": doc.translator,
        "source_url": doc.source_url,
        "rights": doc.rights,
        "status": doc.status,
        "page_count": doc.page_count,
        "pages": list(doc.pages),
        "source": dataclasses.asdict(doc.source),
        "origin": dict(doc.origin),
        "sections": [dataclasses.asdict(s) for s in doc.sections],
        "notes": [
            {"label": n.label, "text": n.text, "marker_offset": n.marker_offset} for n in doc.notes
        ],
    }
    if mentions:
        data["mentions"] = [dataclasses.asdict(m) for m in doc.mentions]
    if text:
        data["text"] = doc.text
    return data

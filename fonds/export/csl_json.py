"""CSL-JSON (the Citation Style Language's data format, read by Zotero, Pandoc and
citeproc): one item for a document, or one per source it cites."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from fonds.extract.archival import lookup
from fonds.model import DateRange, Document

_TYPES = {
    "article": "article-journal",
    "working paper": "report",
    "report": "report",
    "book chapter": "chapter",
    "statement": "speech",
    "minutes": "manuscript",
}


def date_parts(date: DateRange | None) -> dict[str, Any] | None:
    """``{"date-parts": [[1957, 9, 13]]}`` at the date's own precision (and its end)."""
    if date is None:
        return None
    parts = [[int(p) for p in d.split("-")] for d in (date.start, date.end) if d]
    return {"date-parts": parts}


def person(name: str) -> dict[str, str]:
    """``Family, Given`` or ``Given Family`` -> CSL name; an institution stays literal."""
    if "," in name:
        family, given = (p.strip() for p in name.split(",", 1))
        return {"family": family, "given": given}
    parts = name.split()
    if len(parts) >= 2 and all(p[:1].isupper() for p in parts) and len(parts) <= 4:
        return {"family": parts[-1], "given": " ".join(parts[:-1])}
    return {"literal": name}


def item(doc: Document) -> dict[str, Any]:
    """The CSL item for a document of the archive."""
    data: dict[str, Any] = {
        "id": doc.id,
        "type": _TYPES.get(doc.type or "", "manuscript"),
        "title": doc.title,
    }
    if doc.authors:
        data["author"] = [person(a) for a in doc.authors]
    if (issued := date_parts(doc.date)) is not None:
        data["issued"] = issued
    if doc.translator:
        data["translator"] = [person(t) for t in doc.translator.split(";")]
    if doc.archive_citation:
        data["archive_location"] = doc.archive_citation
    if doc.collection:
        data["collection-title"] = doc.collection
    if doc.source_url:
        data["URL"] = doc.source_url
    if doc.language:
        data["language"] = doc.language
    if doc.type:
        data["genre"] = doc.type
    return data


def cited_item(row: dict[str, Any]) -> dict[str, Any]:
    """A CSL item for one citation row (archival files as manuscripts with their archive)."""
    key = row.get("canonical") or row["raw"]
    data: dict[str, Any] = {"id": key, "title": row["raw"]}
    if row["kind"] == "archival":
        data["type"] = "manuscript"
        archive = lookup(row["archive"]) if row.get("archive") else None
        if archive is not None:
            data["archive"] = archive.name
        data["archive_location"] = row.get("canonical") or row["raw"]
    else:
        data["type"] = {
            "book": "book",
            "article": "article-journal",
            "newspaper": "article-newspaper",
            "interview": "interview",
            "digital": "webpage",
        }.get(row["kind"], "document")
    return data


def unique_sources(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The cited sources, once each: back-references dropped, same file or work merged."""
    seen: dict[str, dict[str, Any]] = {}
    for row in rows:
        if row["kind"] in ("ibid", "short"):
            continue
        seen.setdefault(row.get("canonical") or row["raw"], row)
    return list(seen.values())


def document(doc: Document) -> str:
    return json.dumps([item(doc)], ensure_ascii=False, indent=2)


def bibliography(doc: Document, rows: Sequence[dict[str, Any]]) -> str:
    return json.dumps([cited_item(r) for r in unique_sources(rows)], ensure_ascii=False, indent=2)

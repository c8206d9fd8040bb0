"""CSL-JSON (the Citation Style Language's data format, read by Zotero, Pandoc and
citeproc): one item for a document, or one per source it cites."""

from __future__ import annotations

import calendar
import json
import re
from collections.abc import Sequence
from typing import Any

from fonds.extract import works
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
    """``Family, Given`` or ``Given Family`` -> CSL name (``Kim Il Sung`` stays family name
    first); an institution stays literal."""
    return works.split_name(name)


def names(value: str) -> list[dict[str, str]]:
    """CSL names from ``A; B`` (``et al.`` dropped: CSL adds it when styling)."""
    value = re.sub(r",?\s+et\s+al\.?$", "", value)
    return [person(n) for n in value.split(";") if n.strip()]


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


_WORK_TYPES = {
    "book": "book",
    "chapter": "chapter",
    "article": "article-journal",
    "thesis": "thesis",
    "report": "report",
}
_CITED_TYPES = {
    "book": "book",
    "article": "article-journal",
    "newspaper": "article-newspaper",
    "interview": "interview",
    "digital": "webpage",
}


def cited_item(row: dict[str, Any]) -> dict[str, Any]:
    """A CSL item for a cited source: an archival file as a manuscript in its archive, a
    published work from the fields read from its citation."""
    fields: dict[str, str] = row.get("fields") or {}
    data: dict[str, Any] = {"id": row.get("canonical") or row["raw"]}
    if row["kind"] == "archival":
        data.update(type="manuscript", title=row["raw"])
        archive = lookup(row["archive"]) if row.get("archive") else None
        if archive is not None:
            data["archive"] = archive.name
        data["archive_location"] = row.get("canonical") or row["raw"]
        return data
    if not fields.get("title") and not fields.get("container"):
        data.update(type=_CITED_TYPES.get(row["kind"], "document"), title=row["raw"])
        if fields.get("url"):
            data["URL"] = fields["url"]
        return data
    data["type"] = _WORK_TYPES.get(
        fields.get("type", ""), _CITED_TYPES.get(row["kind"], "document")
    )
    for role in ("author", "editor", "translator"):
        if fields.get(role) and fields[role].casefold() != "idem":
            data[role] = names(fields[role])
    for key, csl in (
        ("title", "title"),
        ("container", "container-title"),
        ("volume", "volume"),
        ("issue", "issue"),
        ("publisher", "publisher"),
        ("place", "publisher-place"),
        ("genre", "genre"),
        ("event", "event-title"),
        ("note", "note"),
    ):
        if fields.get(key):
            data[csl] = fields[key]
    data.setdefault("title", fields.get("container") or row["raw"])
    if data["type"] == "article-journal" and "-" in fields.get("pages", ""):
        data["page"] = fields["pages"]  # an article's page range, not one cited page
    if issued := _issued(fields.get("year", ""), fields.get("date", "")):
        data["issued"] = issued
    return data


_MONTHS = {m.casefold(): i for i, m in enumerate(calendar.month_name) if m}
_SEASONS = {"spring": 1, "summer": 2, "autumn": 3, "fall": 3, "winter": 4}


def _issued(year: str, date: str) -> dict[str, Any] | None:
    """A CSL date from a cited ``year`` and ``date`` ("June 1978", "Fall 2007/Winter 2008")."""
    if not year.isdigit():
        return {"raw": date} if date else None
    words = date.replace("/", " ").replace("-", " ").casefold().split()
    first = words[0] if words else ""
    if first in _MONTHS:
        return {"date-parts": [[int(year), _MONTHS[first]]]}
    if first in _SEASONS:
        return {"date-parts": [[int(year)]], "season": _SEASONS[first]}
    return {"date-parts": [[int(year)]]}


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

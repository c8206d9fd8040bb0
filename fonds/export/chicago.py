"""Chicago (17th ed.) bibliography entries: for a document of the archive, and for the
sources it cites (archival files grouped under their archive, then published works)."""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from typing import Any

from fonds.export.csl_json import unique_sources
from fonds.extract.archival import lookup
from fonds.model import DateRange, Document


def date_text(date: DateRange | None) -> str:
    """``September 13, 1957`` / ``September 1957`` / ``1957`` (ranges joined with an en dash)."""
    if date is None:
        return "n.d."

    def one(d: str) -> str:
        parts = [int(p) for p in d.split("-")]
        if len(parts) == 3:
            return f"{calendar.month_name[parts[1]]} {parts[2]}, {parts[0]}"
        if len(parts) == 2:
            return f"{calendar.month_name[parts[1]]} {parts[0]}"
        return str(parts[0])

    return (
        one(date.start)
        if not date.end or date.end == date.start
        else f"{one(date.start)}–{one(date.end)}"
    )


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "?", "!", '"', "”")) else text + "."


def _authors(names: Sequence[str]) -> str:
    if not names:
        return ""
    first = names[0]
    parts = first.split()
    if "," not in first and 2 <= len(parts) <= 4 and all(p[:1].isupper() for p in parts):
        first = f"{parts[-1]}, {' '.join(parts[:-1])}"
    rest = list(names[1:])
    if not rest:
        return first
    return (
        ", ".join([first, *rest[:-1]]) + f", and {rest[-1]}"
        if len(rest) > 1
        else f"{first}, and {rest[0]}"
    )


def document(doc: Document) -> str:
    """``Author. "Title." Date. Archive citation. Collection. URL.``"""
    parts = []
    if doc.authors:
        parts.append(_sentence(_authors(doc.authors)))
    parts.append(f"“{doc.title.rstrip('.')}.”")
    parts.append(_sentence(date_text(doc.date)))
    if doc.translator:
        parts.append(_sentence(f"Translated by {doc.translator}"))
    for extra in (doc.archive_citation, doc.collection, doc.source_url):
        if extra:
            parts.append(_sentence(extra))
    return " ".join(parts)


def bibliography(doc: Document, rows: Sequence[dict[str, Any]]) -> str:
    """Archival sources by archive (full name), then published sources, each sorted."""
    archival: dict[str, list[str]] = {}
    published: list[str] = []
    for row in unique_sources(rows):
        if row["kind"] == "archival":
            archive = lookup(row["archive"]) if row.get("archive") else None
            heading = f"{archive.name} ({archive.id})" if archive else "Other archives"
            archival.setdefault(heading, []).append(_sentence(row.get("canonical") or row["raw"]))
        else:
            published.append(_sentence(row["raw"]))
    lines: list[str] = []
    for heading in sorted(archival):
        lines.append(heading)
        lines.extend(f"    {entry}" for entry in sorted(set(archival[heading])))
    if published:
        lines.append("Published sources")
        lines.extend(f"    {entry}" for entry in sorted(set(published), key=str.casefold))
    return "\n".join(lines)

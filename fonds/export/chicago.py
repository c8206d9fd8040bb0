"""Chicago (17th ed.) bibliography entries: for a document of the archive, and for the
sources it cites (archival files grouped under their archive, then published works)."""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from typing import Any

from fonds.export.csl_json import cited_item, person, unique_sources
from fonds.extract import works
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


def document(doc: Document) -> str:
    """``Author. "Title." Date. Archive citation. Collection. URL.``"""
    parts = []
    if doc.authors:
        parts.append(_sentence(name_list([person(a) for a in doc.authors])))
    parts.append(f"“{doc.title.rstrip('.')}.”")
    parts.append(_sentence(date_text(doc.date)))
    if doc.translator:
        parts.append(_sentence(f"Translated by {doc.translator}"))
    for extra in (doc.archive_citation, doc.collection, doc.source_url):
        if extra:
            parts.append(_sentence(extra))
    return " ".join(parts)


def name_list(people: Sequence[dict[str, str]], *, invert: bool = True) -> str:
    """CSL names as Chicago writes them in a bibliography: the first inverted (``invert``)."""

    def one(p: dict[str, str], first: bool) -> str:
        if "literal" in p:
            return p["literal"]
        given = p.get("given", "")
        if works.family_first(p) or not given:  # Kim Il Sung: no comma, no inversion
            return f"{p['family']} {given}".strip()
        return f"{p['family']}, {given}" if first else f"{given} {p['family']}"

    written = [one(p, invert and i == 0) for i, p in enumerate(people)]
    if len(written) <= 2:
        return ", and ".join(written) if len(written) == 2 else "".join(written)
    return ", ".join(written[:-1]) + f", and {written[-1]}"


def work(item: dict[str, Any]) -> str:
    """A published work's bibliography entry, from its CSL item: book, chapter, journal
    article, thesis, report or newspaper."""
    kind = item.get("type")
    issued = item.get("issued", {})
    year = str(issued["date-parts"][0][0]) if "date-parts" in issued else ""
    when = issued.get("raw") or year
    if len(issued.get("date-parts", [[]])[0]) > 1:
        when = f"{calendar.month_name[issued['date-parts'][0][1]]} {year}"
    elif "season" in issued:
        when = f"{('Spring', 'Summer', 'Fall', 'Winter')[int(issued['season']) - 1]} {year}"
    parts: list[str] = []
    if "author" in item:
        parts.append(_sentence(name_list(item["author"])))
    elif "editor" in item and kind != "chapter":
        parts.append(
            _sentence(name_list(item["editor"]) + (", eds" if len(item["editor"]) > 1 else ", ed"))
        )
    title = item.get("title", "")
    quoted = kind in ("article-journal", "chapter", "thesis", "article-newspaper")
    parts.append(f"“{title.rstrip('.')}.”" if quoted else _sentence(title))
    if kind == "chapter" and item.get("container-title"):
        editors = (
            f", edited by {name_list(item['editor'], invert=False)}" if item.get("editor") else ""
        )
        parts.append(_sentence(f"In {item['container-title']}{editors}"))
    elif kind in ("article-journal", "report", "article-newspaper") and item.get("container-title"):
        container = item["container-title"]
        if item.get("volume"):
            container += f" {item['volume']}"
        if item.get("issue"):
            container += f", no. {item['issue']}"
        if kind == "article-journal":
            container += f" ({when})" if when else ""
            container += f": {item['page']}" if item.get("page") else ""
        elif when:
            container += f", {when}" if kind == "article-newspaper" else f". {when}"
        parts.append(_sentence(container))
        return " ".join(parts)
    if item.get("translator"):
        parts.append(_sentence(f"Translated by {name_list(item['translator'], invert=False)}"))
    if item.get("volume"):
        parts.append(_sentence(f"Vol. {item['volume']}"))
    if kind == "thesis":
        parts.append(
            _sentence(", ".join(x for x in (item.get("genre"), item.get("publisher"), year) if x))
        )
    elif item.get("publisher") or item.get("publisher-place"):
        place = f"{item['publisher-place']}: " if item.get("publisher-place") else ""
        parts.append(_sentence(f"{place}{item.get('publisher', '')}{', ' + year if year else ''}"))
    elif when:
        parts.append(_sentence(when))
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
        elif (row.get("fields") or {}).get("title") or (row.get("fields") or {}).get("container"):
            published.append(work(cited_item(row)))
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

"""The JSON API under ``/api/v1``: one route per Archive reading method, same names.

Lists are pages: ``{"total", "limit", "offset", "items", "more"}`` (no ``total`` where the
library reads only as far as asked: entities, facts, timeline); errors are
``{"error": {"status", "message"}}`` (see ``app.error_response``).
"""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from pydantic import AfterValidator

from fonds.archive import Archive
from fonds.export.document_json import document_json

router = APIRouter(prefix="/api")
v1 = APIRouter(prefix="/v1", tags=["v1"])

MAX_PAGE = 1000
Limit = Annotated[int, Query(ge=0, le=MAX_PAGE, description="Items per page (0..1000).")]
MAX_OFFSET = 50_000  # lists read offset + limit rows: bounded so no request reads them all
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip (0..50000).")]
Text = Annotated[str | None, Query(max_length=500)]


def _blank_is_none(value: str | None) -> str | None:
    return value or None


# A form left empty sends "from=": no filter, on the pages and in the API alike.
DateFrom = Annotated[str | None, Query(alias="from", max_length=10), AfterValidator(_blank_is_none)]
DateTo = Annotated[str | None, Query(alias="to", max_length=10), AfterValidator(_blank_is_none)]


def archive_of(request: Request) -> Archive:
    """The app's archive."""
    archive: Archive = request.app.state.archive
    return archive


def page(items: list[Any], limit: int, offset: int) -> dict[str, Any]:
    """A slice of ``items`` with its bounds and the total."""
    return {
        "total": len(items),
        "limit": limit,
        "offset": offset,
        "items": items[offset : offset + limit],
        "more": len(items) > offset + limit,
    }


def window(rows: list[Any], limit: int, offset: int) -> dict[str, Any]:
    """A slice of ``rows`` (read up to ``offset + limit + 1``): no total, but whether
    ``more`` follow."""
    return {
        "limit": limit,
        "offset": offset,
        "items": rows[offset : offset + limit],
        "more": len(rows) > offset + limit,
    }


@v1.get("/search")
def search(
    request: Request,
    q: Annotated[str, Query(max_length=1000, description="fonds query language.")] = "",
    date_from: DateFrom = None,
    date_to: DateTo = None,
    type: Text = None,  # noqa: A002
    collection: Text = None,
    language: Text = None,
    person: Text = None,
    place: Text = None,
    archive: Text = None,
    exact: bool = False,
    facets: bool = True,
    limit: Limit = 10,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Ranked documents with highlighted snippets (HTML-escaped, matches in ``<b>``) and
    facet counts over all matches: type, collection, language, year, and the most frequent
    persons and places named (authority ids) and archives cited, with ``facet_labels``
    naming those. ``person``/``place``: a name in any spelling or an id; ``archive``: an
    archive's id or name."""
    result = archive_of(request).search(
        q,
        limit=limit,
        offset=offset,
        date_from=date_from,
        date_to=date_to,
        type=type,
        collection=collection,
        language=language,
        person=person,
        place=place,
        archive=archive,
        exact=exact,
        facets=facets,
    )
    arc = archive_of(request)
    return {
        "total": result.total,
        "limit": limit,
        "offset": offset,
        "items": [dataclasses.asdict(h) for h in result.hits],
        "facets": result.facets,
        "facet_labels": arc.facet_labels(result.facets) if facets else {},
    }


@v1.get("/documents/{doc_id}")
def document(request: Request, doc_id: str, text: bool = True) -> dict[str, Any]:
    """A document: metadata (with where each value came from), text, notes, mentions and
    the paths its source file was found under."""
    arc = archive_of(request)
    doc = arc.document(doc_id)
    return document_json(doc, text=text, mentions=True) | {"paths": arc.paths(doc)}


@v1.get("/documents/{doc_id}/notes")
def notes(request: Request, doc_id: str) -> list[dict[str, Any]]:
    """The document's notes: label, text and where the marker sits."""
    doc = archive_of(request).document(doc_id)
    return [{"label": n.label, "text": n.text, "marker_offset": n.marker_offset} for n in doc.notes]


@v1.get("/documents/{doc_id}/similar")
def similar(
    request: Request, doc_id: str, limit: Annotated[int, Query(ge=1, le=100)] = 10
) -> list[dict[str, Any]]:
    """The "Similar documents" list."""
    return [dataclasses.asdict(h) for h in archive_of(request).similar(doc_id, limit)]


@v1.get("/documents/{doc_id}/export")
def export(
    request: Request,
    doc_id: str,
    format: Annotated[str, Query(max_length=20)] = "chicago",  # noqa: A002
    bibliography: bool = False,
) -> dict[str, str]:
    """The document's reference (chicago, csl-json, bibtex) or its bibliography."""
    text = archive_of(request).export(doc_id, format, bibliography=bibliography)
    return {"format": format, "text": text}


@v1.get("/citations")
def citations(
    request: Request,
    document: Text = None,
    archive: Text = None,
    kind: Text = None,
    group: bool = False,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Citations found in notes, or with ``group`` each cited file or work once."""
    arc = archive_of(request)
    if group:
        return page(arc.citation_groups(archive=archive, kind=kind), limit, offset)
    return page(arc.citations(document=document, archive=archive, kind=kind), limit, offset)


@v1.get("/cited-by")
def cited_by(
    request: Request,
    ref: Annotated[str, Query(min_length=1, max_length=500)],
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Every citation of an archival file (or anything in it) or of a published work."""
    return page(archive_of(request).cited_by(ref), limit, offset)


@v1.get("/entities")
def entities(
    request: Request,
    type: Annotated[str | None, Query(pattern="^(person|place|org)$")] = None,  # noqa: A002
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Persons, places and organizations named in the archive, most documents first."""
    rows = archive_of(request).entities(type=type, limit=offset + limit + 1)
    return window(rows, limit, offset)


@v1.get("/entities/{name:path}")
def entity(request: Request, name: str) -> dict[str, Any]:
    """One entity by id or any spelling: variants, documents, first and last dates, and
    who or what is named with it."""
    return archive_of(request).entity(name)


@v1.get("/facts")
def facts(
    request: Request,
    kind: Annotated[str | None, Query(pattern="^(money|quantity|percent|date|rate)$")] = None,
    currency: Annotated[str | None, Query(max_length=3)] = None,
    year: Annotated[int | None, Query(ge=-9999, le=9999)] = None,
    entity: Text = None,
    document: Text = None,
    subject: Text = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Figures and dates with their provenance."""
    rows = archive_of(request).facts(
        kind=kind,
        currency=currency,
        year=year,
        entity=entity,
        document=document,
        subject=subject,
        limit=offset + limit + 1,
    )
    return window(rows, limit, offset)


@v1.get("/conflicts")
def conflicts(request: Request, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    """Figures reported with different values for the same measure."""
    return page(archive_of(request).conflicts(), limit, offset)


@v1.get("/timeline")
def timeline(
    request: Request,
    person: Text = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Dated events in date order."""
    rows = archive_of(request).timeline(
        person=person, date_from=date_from, date_to=date_to, limit=offset + limit + 1
    )
    return window(rows, limit, offset)


@v1.get("/stats")
def stats(request: Request) -> dict[str, Any]:
    """Counts by type, language, decade and status; sizes on disk."""
    return dataclasses.asdict(archive_of(request).stats())


router.include_router(v1)


@router.get("/docs", include_in_schema=False, response_class=HTMLResponse)
def docs(request: Request) -> HTMLResponse:
    """The API reference, rendered on the server from the OpenAPI schema (no CDN, no script)."""
    from fonds.web.app import templates

    schema = request.app.openapi()
    return templates.TemplateResponse(request, "api_docs.html", {"schema": schema})

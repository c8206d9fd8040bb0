"""The HTML pages: thin routes over the Archive, rendered by Jinja2 templates (autoescape on).

Document text reaches the templates only through ``render`` (escaped, then marked up).
"""

from __future__ import annotations

import functools
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from markupsafe import Markup

from fonds.errors import NotFound, QueryError
from fonds.export import facts_csv
from fonds.web import charts, render
from fonds.web.api import DateFrom, DateTo, Text, archive_of
from fonds.web.app import templates

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

PER_PAGE = 20
SEARCH_FIELDS = ("q", "from", "to", "type", "collection", "language", "person", "place", "archive")
FACETS = (  # heading, field
    ("Type", "type"),
    ("Collection", "collection"),
    ("Language", "language"),
    ("Person", "person"),
    ("Place", "place"),
    ("Archive", "archive"),
)
FACET_ROWS = {"person": 10, "place": 10, "archive": 10}  # shown of the most frequent
PageNo = Annotated[int, Query(ge=1, le=10_000)]
ListPageNo = Annotated[int, Query(ge=1, le=200)]
LIST_PAGE = 100  # rows per page of names, events and figures
CHART_EVENTS = 2000  # the timeline chart counts the first events in date order


def link(path: str, params: dict[str, Any], **changes: Any) -> str:
    """``path`` with ``params`` updated by ``changes`` as a query string (empty values left
    out, keys in a fixed order so URLs are stable)."""
    merged = {**params, **changes}
    query = "&".join(_pair(k, str(v)) for k, v in merged.items() if v not in (None, ""))
    return path + ("?" + query if query else "")


@functools.lru_cache(maxsize=1024)
def _pair(key: str, value: str) -> str:
    """``key=value`` URL-encoded (cached: a page links the same query many times)."""
    return urlencode([(key, value)])


def pager(path: str, params: dict[str, Any], page: int, more: bool) -> dict[str, Any]:
    """Previous/next links of a list read one past its page (no total)."""
    return {
        "page": page,
        "prev": link(path, params, page=page - 1 if page > 2 else None) if page > 1 else None,
        "next": link(path, params, page=page + 1) if more else None,
    }


def window(rows: list[Any], page: int) -> tuple[list[Any], bool]:
    """Page ``page`` of ``rows`` (read up to one past it) and whether more follow."""
    size = LIST_PAGE
    start = (page - 1) * size
    return rows[start : start + size], len(rows) > start + size


def _page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context, status_code=status)


@router.get("/")
def search(
    request: Request,
    q: Annotated[str, Query(max_length=1000)] = "",
    date_from: DateFrom = None,
    date_to: DateTo = None,
    type: Text = None,  # noqa: A002
    collection: Text = None,
    language: Text = None,
    person: Text = None,
    place: Text = None,
    archive: Text = None,
    page: PageNo = 1,
    size: Annotated[int, Query(ge=5, le=100)] = PER_PAGE,
) -> HTMLResponse:
    """Search with facets, a date histogram, highlighted snippets and pagination."""
    values = [q, date_from, date_to, type, collection, language, person, place, archive]
    params: dict[str, Any] = dict(zip(SEARCH_FIELDS, values, strict=True))
    params["size"] = size if size != PER_PAGE else None
    try:
        result = archive_of(request).search(
            q,
            limit=size,
            offset=(page - 1) * size,
            date_from=date_from or None,
            date_to=date_to or None,
            type=type or None,
            collection=collection or None,
            language=language or None,
            person=person or None,
            place=place or None,
            archive=archive or None,
        )
    except QueryError as exc:
        return _page(request, "search.html", 400, params=params, error=str(exc), result=None)
    years = render.year_counts(result.facets.get("year", {}).items())
    histogram = render.bar_chart(
        years,
        href={y: link("/", params, **{"from": y, "to": y, "page": None}) for y in years},
        width=240,
        height=80,
        label="documents by year",
    )
    labels = archive_of(request).facet_labels(result.facets)
    facets = [
        (
            name,
            field,
            [
                (v, labels.get(field, {}).get(v, v), n)
                for v, n in result.facets.get(field, {}).items()
            ][: FACET_ROWS.get(field)],
        )
        for name, field in FACETS
    ]
    pages = -(-result.total // size)
    return _page(
        request,
        "search.html",
        params=params,
        result=result,
        error=None,
        facets=facets,
        histogram=histogram,
        snippet=render.snippet_html,
        link=link,
        page=page,
        pages=pages,
    )


@router.get("/documents/{doc_id}")
def document(request: Request, doc_id: str) -> HTMLResponse:
    """A document: metadata, Chicago citation, marked-up text, notes, similar documents."""
    arc = archive_of(request)
    doc = arc.document(doc_id)
    facts = arc.facts(document=doc_id)
    cites = arc.citations(document=doc_id)
    by_note: dict[str, list[dict[str, Any]]] = {}
    for c in cites:
        by_note.setdefault(str(c["note"]), []).append(c)
    body = render.document_html(
        doc.text, notes=doc.notes, mentions=doc.mentions, facts=facts, pages=doc.pages
    )
    notes = [
        {
            "id": render.note_id(i),
            "ref": render.marker_id(i) if n.marker_offset is not None else None,
            "label": n.label,
            "html": render.note_html(n.text, by_note.get(n.label, ())),
        }
        for i, n in enumerate(doc.notes)
    ]
    try:
        has_source = bool(arc.source_file(doc))
    except NotFound:  # the file moved or changed since ingest
        has_source = False
    return _page(
        request,
        "document.html",
        doc=doc,
        body=body,
        notes=notes,
        citation=arc.export(doc, "chicago"),
        has_source=has_source,
        figures=sum(1 for f in facts if f["kind"] != "date"),
    )


@router.get("/documents/{doc_id}/similar")
def similar(request: Request, doc_id: str) -> HTMLResponse:
    """The "Similar documents" list (a fragment, loaded by htmx)."""
    return _page(request, "_similar.html", hits=archive_of(request).similar(doc_id, 10))


@router.get("/documents/{doc_id}/source")
def source(request: Request, doc_id: str) -> FileResponse:
    """The source file, only as the archive recorded it (NotFound otherwise)."""
    arc = archive_of(request)
    doc = arc.document(doc_id)
    path = arc.source_file(doc)
    return FileResponse(
        path,
        media_type="application/octet-stream",  # never rendered by the browser
        filename=path.name,
        headers={"X-Media-Type": doc.source.media_type},
    )


@router.get("/entities")
def entities(
    request: Request,
    type: Annotated[str | None, Query(pattern="^(person|place|org)$")] = None,  # noqa: A002
    page: ListPageNo = 1,
) -> HTMLResponse:
    """Persons, places and organizations, most documents first, a page at a time."""
    read = archive_of(request).entities(type=type, limit=page * LIST_PAGE + 1)
    rows, more = window(read, page)
    nav = pager("/entities", {"type": type}, page, more)
    return _page(request, "entities.html", rows=rows, type=type, pager=nav)


@router.get("/entities/{name:path}")
def entity(request: Request, name: str) -> HTMLResponse:
    """One entity: variants, documents, mentions over time, co-occurring entities."""
    e = archive_of(request).entity(name)
    years = render.year_counts((d["date"], d["mentions"]) for d in e["documents"])
    field = e["type"] if e["type"] in ("person", "place") else None
    href = {y: link("/", {field: e["name"], "from": y, "to": y}) for y in years} if field else None
    chart = render.bar_chart(years, href=href, label="mentions by year of document")
    return _page(request, "entity.html", e=e, chart=chart)


@router.get("/files")
def files(
    request: Request,
    ref: Annotated[str | None, Query(max_length=500)] = None,
    archive: Text = None,
) -> HTMLResponse:
    """With ``ref``: every document and note citing that archival file or work; without:
    every cited file and work."""
    arc = archive_of(request)
    if not ref:
        groups = arc.citation_groups(archive=archive or None)
        return _page(request, "files.html", groups=groups, archive=archive)
    rows = arc.cited_by(ref)
    return _page(request, "file.html", ref=ref, rows=rows)


@router.get("/timeline")
def timeline(
    request: Request,
    person: Text = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    page: ListPageNo = 1,
) -> HTMLResponse:
    """Dated events in date order, a page at a time, over a chart of events by year."""
    read = archive_of(request).timeline(
        person=person or None,
        date_from=date_from or None,
        date_to=date_to or None,
        limit=max(CHART_EVENTS, page * LIST_PAGE + 1),
    )
    counted = read[:CHART_EVENTS]
    years = render.year_counts((r["date"], 1) for r in counted)
    chart = render.bar_chart(years, label="events by year")
    params = {"person": person, "from": date_from, "to": date_to}
    rows, more = window(read, page)
    return _page(
        request,
        "timeline.html",
        rows=rows,
        chart=chart,
        charted=len(counted) if len(read) > CHART_EVENTS else None,
        params=params,
        pager=pager("/timeline", params, page, more),
        first=(page - 1) * LIST_PAGE,
    )


def _facts(
    request: Request, kind: str | None, subject: str | None, limit: int
) -> list[dict[str, Any]]:
    return archive_of(request).facts(kind=kind or None, subject=subject or None, limit=limit)


FactKind = Annotated[str | None, Query(pattern="^(money|quantity|percent|date|rate)?$")]


@router.get("/facts")
def facts(
    request: Request, kind: FactKind = "money", subject: Text = None, page: ListPageNo = 1
) -> HTMLResponse:
    """Figures with their provenance, a page at a time, and a CSV download; for money, a
    chart of aid and loans by donor and year."""
    rows, more = window(_facts(request, kind, subject, page * LIST_PAGE + 1), page)
    params = {"kind": kind, "subject": subject}
    aid = Markup("")
    if kind == "money" and not subject:
        arc = archive_of(request)
        money = [f for s in charts.AID_SUBJECTS for f in _facts(request, "money", s, 100_000)]
        series = charts.aid_by_donor_and_year(money)
        aid = charts.stacked_by_year(
            series, arc.entity_names(series), label="aid and loans by donor and year, US dollars"
        )
    return _page(
        request,
        "facts.html",
        rows=rows,
        params=params,
        csv=link("/facts.csv", params),
        title_of=render.figure_title,
        pager=pager("/facts", params, page, more),
        first=(page - 1) * LIST_PAGE,
        aid=aid,
    )


@router.get("/facts.csv")
def facts_download(request: Request, kind: FactKind = None, subject: Text = None) -> Response:
    """The facts as CSV (the columns of ``fonds facts --csv``)."""
    body = facts_csv.text(_facts(request, kind, subject, 100_000))
    return Response(
        body,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="fonds-facts.csv"'},
    )


@router.get("/conflicts")
def conflicts(request: Request) -> HTMLResponse:
    """Figures reported with different values for the same measure."""
    return _page(request, "conflicts.html", groups=archive_of(request).conflicts())

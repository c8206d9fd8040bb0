"""Writes through the web: uploads ingested into the archive, only with ``fonds serve
--allow-writes`` and its token.

``POST /api/v1/uploads`` (multipart, field ``files``) needs ``Authorization: Bearer TOKEN``;
the HTML form at ``/upload`` carries the token in a password field (a cross-site form cannot
know it). Without ``--allow-writes`` both answer 403. Files are saved under the archive's
uploads folder only, one new folder per request, with sanitised names, then ingested.
Metadata edits go through ``Archive.edit``, under the same flag and token.
"""

from __future__ import annotations

import hmac
import re
import secrets
import shutil
import threading
import time
import unicodedata
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, BinaryIO

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile

from fonds import sidecar
from fonds.archive import Archive
from fonds.errors import FondsError
from fonds.export.document_json import document_json
from fonds.model import Document
from fonds.reports import IngestEvent
from fonds.web.api import archive_of

MiB = 1024 * 1024
UPLOAD_PATHS = ("/api/v1/uploads", "/upload")
CHUNK = 256 * 1024
_UNSAFE = re.compile(r"[^\w.\- ()]+")

router = APIRouter()


class Refused(FondsError):
    """A write the server refuses (403: writes are off; 401: no or a wrong token; 413: too
    large; 400: a bad upload)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.http_status = status


@dataclass(frozen=True, slots=True)
class Writes:
    """What ``--allow-writes`` turns on: the token and the upload limits."""

    token: str
    max_file_bytes: int = 32 * MiB
    max_request_bytes: int = 64 * MiB
    max_files: int = 50

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(24)


_ingesting = threading.Lock()  # one upload ingested at a time


def writes_of(request: Request) -> Writes:
    """The app's write settings; Refused(403) when writes are off."""
    writes: Writes | None = getattr(request.app.state, "writes", None)
    if writes is None:
        raise Refused(403, "writes are disabled (start fonds serve --allow-writes)")
    return writes


def check_token(writes: Writes, given: str | None) -> None:
    """Refused(401) unless ``given`` is the token (compared in constant time)."""
    if not given or not hmac.compare_digest(given.encode(), writes.token.encode()):
        raise Refused(401, "a valid write token is required")


def bearer(request: Request) -> str | None:
    """The token of an ``Authorization: Bearer TOKEN`` header."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else None


def safe_name(name: str) -> str:
    """A file name safe to create in one folder: the last path part only, NFC, no control
    or separator characters, no leading dots, at most 120 characters, never empty."""
    base = re.split(r"[/\\]", unicodedata.normalize("NFC", name or ""))[-1]
    base = _UNSAFE.sub("_", base).strip(" .")
    if len(base) > 120:
        stem, dot, ext = base.rpartition(".")
        base = (stem[:110] + dot + ext[:9]) if dot and len(ext) <= 9 else base[:120]
    return base or "upload"


def save_files(files: list[UploadFile], folder: Path, writes: Writes) -> list[Path]:
    """Copy the uploaded files into ``folder`` (created here, inside the uploads folder)
    under safe unique names; Refused(413) and nothing kept if one is too large."""
    folder.mkdir(parents=True)
    root = folder.resolve()
    saved: list[Path] = []
    total = 0
    try:
        for upload in files:
            name = safe_name(upload.filename or "")
            path = root / name
            n = 1
            while path.exists():
                stem, dot, ext = name.rpartition(".")
                path = root / (f"{stem}-{n}.{ext}" if dot and stem else f"{name}-{n}")
                n += 1
            if path.resolve().parent != root:  # never outside the request's folder
                raise Refused(400, f"bad file name {upload.filename!r}")
            size = 0
            with path.open("xb") as out:  # x: never through an existing file or link
                source: BinaryIO = upload.file
                source.seek(0)
                while chunk := source.read(CHUNK):
                    size += len(chunk)
                    total += len(chunk)
                    if size > writes.max_file_bytes:
                        raise Refused(413, f"{name}: larger than {writes.max_file_bytes} bytes")
                    if total > writes.max_request_bytes:
                        raise Refused(413, f"upload larger than {writes.max_request_bytes} bytes")
                    out.write(chunk)
            saved.append(path)
    except BaseException:
        shutil.rmtree(root, ignore_errors=True)
        raise
    return saved


def store_and_ingest(arc: Archive, files: list[UploadFile], writes: Writes) -> dict[str, Any]:
    """Save the files in a new folder of the uploads folder, ingest it, report per file."""
    if not files:
        raise Refused(400, "no files in the upload (multipart field 'files')")
    if len(files) > writes.max_files:
        raise Refused(413, f"more than {writes.max_files} files")
    stamp = time.strftime("%Y%m%d-%H%M%S") + "-" + secrets.token_hex(4)
    folder = arc.settings.uploads_dir / stamp
    events: dict[str, IngestEvent] = {}

    def seen(event: IngestEvent) -> None:
        if event.kind == "file":
            events[event.path] = event

    with _ingesting:
        saved = save_files(files, folder, writes)
        report = arc.ingest([folder], on_event=seen, workers=1)
    rows = []
    for path in saved:
        event = events.get(str(path))
        rows.append(
            {
                "name": path.name,
                "status": event.status if event else "unknown",
                "reason": event.reason if event else "",
            }
        )
    summary = {k: v for k, v in asdict(report).items() if k != "problems"}
    return {"folder": folder.name, "files": rows, "report": summary}


async def _files(request: Request, writes: Writes) -> tuple[FormData, list[UploadFile]]:
    form = await request.form(max_files=writes.max_files + 1, max_fields=20)
    return form, [f for f in form.getlist("files") if isinstance(f, UploadFile)]


UPLOAD_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "files": {"type": "array", "items": {"type": "string", "format": "binary"}}
                    },
                    "required": ["files"],
                }
            }
        },
    }
}


@router.post("/api/v1/uploads", tags=["v1"], status_code=201, openapi_extra=UPLOAD_BODY)
async def upload(request: Request) -> dict[str, Any]:
    """Upload files (multipart field ``files``) and ingest them; needs ``fonds serve
    --allow-writes`` and ``Authorization: Bearer TOKEN``. Answers each file's ingest status
    (added, updated, unchanged, skipped, failed) and the ingest summary."""
    writes = writes_of(request)
    check_token(writes, bearer(request))
    form, files = await _files(request, writes)
    try:
        return await run_in_threadpool(store_and_ingest, archive_of(request), files, writes)
    finally:
        await form.close()


@router.get("/upload", include_in_schema=False, response_class=HTMLResponse)
def upload_form(request: Request) -> HTMLResponse:
    """The upload form (only with ``--allow-writes``)."""
    from fonds.web.app import templates

    writes_of(request)
    return templates.TemplateResponse(request, "upload.html", {"result": None, "writes": True})


@router.post("/upload", include_in_schema=False, response_class=HTMLResponse)
async def upload_page(request: Request) -> HTMLResponse:
    """The upload form's target: the token comes in the form, never from a cookie."""
    from fonds.web.app import templates

    writes = writes_of(request)
    _same_origin(request)
    form, files = await _files(request, writes)
    try:
        token = form.get("token")
        check_token(writes, token if isinstance(token, str) else None)
        result = await run_in_threadpool(store_and_ingest, archive_of(request), files, writes)
    finally:
        await form.close()
    return templates.TemplateResponse(
        request, "upload.html", {"result": result, "writes": True}, status_code=201
    )


EDITABLE = sidecar.FIELDS
EDIT_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "properties": {f: {"type": "string", "maxLength": 2000} for f in EDITABLE},
                    "additionalProperties": False,
                }
            }
        },
    }
}


def _edit(arc: Archive, doc_id: str, values: dict[str, Any]) -> Document:
    """Apply edits (strings; an empty one drops that edit); the library checks the fields."""
    if not all(isinstance(v, str) and len(v) <= 2000 for v in values.values()):
        raise Refused(400, "edited values are strings of at most 2000 characters")
    return arc.edit(doc_id, **values)


@router.patch("/api/v1/documents/{doc_id}", tags=["v1"], openapi_extra=EDIT_BODY)
async def edit_document(request: Request, doc_id: str) -> dict[str, Any]:
    """Edit a document's metadata (JSON object of fields; an empty string drops that edit);
    needs ``fonds serve --allow-writes`` and ``Authorization: Bearer TOKEN``. Edits are kept
    through re-ingests and marked ``edited`` in the document's origin."""
    writes = writes_of(request)
    check_token(writes, bearer(request))
    try:
        values = await request.json()
    except ValueError as exc:
        raise Refused(400, "the body must be a JSON object") from exc
    if not isinstance(values, dict):
        raise Refused(400, "the body must be a JSON object")
    arc = archive_of(request)
    doc = await run_in_threadpool(_edit, arc, doc_id, values)
    return document_json(doc, text=False) | {"edits": arc.edits(doc_id)}


@router.get("/documents/{doc_id}/edit", include_in_schema=False, response_class=HTMLResponse)
def edit_form(request: Request, doc_id: str) -> HTMLResponse:
    """The metadata edit form (only with ``--allow-writes``)."""
    from fonds.web.app import templates

    writes_of(request)
    arc = archive_of(request)
    doc = arc.document(doc_id)
    return templates.TemplateResponse(
        request, "edit.html", {"doc": doc, "values": _current(doc), "saved": False, "writes": True}
    )


@router.post("/documents/{doc_id}/edit", include_in_schema=False, response_class=HTMLResponse)
async def edit_page(request: Request, doc_id: str) -> HTMLResponse:
    """The edit form's target: the token comes in the form, never from a cookie."""
    from fonds.web.app import templates

    writes = writes_of(request)
    _same_origin(request)
    form = await request.form()
    token = form.get("token")
    check_token(writes, token if isinstance(token, str) else None)
    given = {f: v.strip() for f in EDITABLE if isinstance(v := form.get(f), str)}
    doc = await run_in_threadpool(_form_edit, archive_of(request), doc_id, given)
    return templates.TemplateResponse(
        request, "edit.html", {"doc": doc, "values": _current(doc), "saved": True, "writes": True}
    )


def _form_edit(arc: Archive, doc_id: str, given: dict[str, str]) -> Document:
    """Edit the fields the form changed; the document as it now stands."""
    doc = arc.document(doc_id)
    before = _current(doc)
    changed = {f: v for f, v in given.items() if v != before[f]}
    return _edit(arc, doc_id, changed) if changed else doc


def _current(doc: Document) -> dict[str, str]:
    """The document's editable fields as the form shows them (as a sidecar writes them)."""
    shown = {"date": str(doc.date) if doc.date else "", "authors": "; ".join(doc.authors)}
    return {f: shown[f] if f in shown else (getattr(doc, f) or "") for f in EDITABLE}


def _same_origin(request: Request) -> None:
    """Refused(403) for a form posted from another site."""
    origin = request.headers.get("origin")
    if origin and origin != f"{request.url.scheme}://{request.url.netloc}":
        raise Refused(403, "cross-site form posts are refused")

"""The web application: ``create_app(db)`` builds a read-only FastAPI app over one archive.

Middleware adds the security headers and refuses large request bodies; one set of handlers
turns every error into one JSON shape under ``/api`` and an HTML error page elsewhere, and
never shows a traceback.
"""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from fonds import archive as archive_mod
from fonds.errors import FondsError

if TYPE_CHECKING:
    from fonds.web.writes import Writes

log = logging.getLogger(__name__)

HERE = Path(__file__).parent
STATIC_MAX_AGE = 3600
MAX_BODY = 64 * 1024  # read-only: no request needs a body larger than this
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]

templates = Jinja2Templates(
    env=jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,  # every template, whatever its name
    )
)


class SecurityHeaders:
    """Adds the security headers to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (k, v) for k, v in SECURITY_HEADERS if k not in names
                ]
            await send(message)

        await self.app(scope, receive, with_headers)


class HeadAsGet:
    """Answers HEAD like GET, without the body (FastAPI routes list GET only)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        ended = False

        async def headers_only(message: Message) -> None:
            nonlocal ended
            if message["type"] == "http.response.body":
                if ended:
                    return
                ended = True
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)


class BodyLimit:
    """Refuses request bodies over ``limit`` bytes (by Content-Length, and as they stream);
    ``uploads`` (when writes are on) is the limit of POSTs to the upload routes."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY, uploads: int | None = None) -> None:
        self.app = app
        self.limit = limit
        self.uploads = uploads

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        from fonds.web.writes import UPLOAD_PATHS

        limit = self.limit
        if self.uploads and scope["method"] == "POST" and scope["path"] in UPLOAD_PATHS:
            limit = self.uploads
        for name, value in scope.get("headers", []):
            if name == b"content-length" and (not value.isdigit() or int(value) > limit):
                await _too_large(scope, send, limit)
                return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise _TooLarge
            return message

        try:
            await self.app(scope, counted, send)
        except _TooLarge:
            await _too_large(scope, send, limit)


class _TooLarge(Exception):
    pass


async def _too_large(scope: Scope, send: Send, limit: int) -> None:
    response = error_response(scope.get("path", ""), 413, f"request body larger than {limit} bytes")
    await response({"type": "http", **scope}, _no_body, send)


async def _no_body() -> Message:
    return {"type": "http.request", "body": b"", "more_body": False}


class CachedStatic(StaticFiles):
    """The vendored assets, cacheable for an hour (then revalidated by ETag)."""

    def file_response(
        self, full_path: Any, stat_result: os.stat_result, scope: Scope, status_code: int = 200
    ) -> Response:
        response = super().file_response(full_path, stat_result, scope, status_code)
        response.headers["cache-control"] = f"public, max-age={STATIC_MAX_AGE}"
        return response


def error_response(path: str, status: int, message: str) -> Response:
    """The one error shape: JSON ``{"error": {"status", "message"}}`` under ``/api``,
    an HTML page elsewhere."""
    headers = {k.decode(): v.decode() for k, v in SECURITY_HEADERS}  # also outside middleware
    if path.startswith("/api"):
        body = {"error": {"status": status, "message": message}}
        return JSONResponse(body, status_code=status, headers=headers)
    page = templates.env.get_template("error.html").render(status=status, message=message)
    return HTMLResponse(page, status_code=status, headers=headers)


def create_app(
    db: str | Path | None = None,
    *,
    archive: archive_mod.Archive | None = None,
    writes: Writes | None = None,
) -> FastAPI:
    """The fonds web app over the archive at ``db`` (or an open ``archive``, left open);
    read-only unless ``writes`` (uploads with its token)."""
    from fonds.web import api, pages
    from fonds.web import writes as writes_mod

    owned = archive is None

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        if owned:
            app.state.archive.close()

    app = FastAPI(
        title="fonds",
        summary="A read-only JSON API over a fonds archive.",
        version="1",
        docs_url=None,  # the docs page is served without a CDN (see api.docs)
        redoc_url=None,
        openapi_url="/api/openapi.json",
        lifespan=lifespan,
    )
    app.state.archive = archive if archive is not None else archive_mod.open(db)
    app.state.archive.ensure_index()
    app.state.writes = writes

    @app.exception_handler(FondsError)
    async def fonds_error(request: Request, exc: FondsError) -> Response:
        status = exc.http_status
        message = str(exc) if status < 500 else "the archive could not answer"
        if status >= 500:
            log.error("%s: %s", request.url.path, exc)
        response = error_response(request.url.path, status, message)
        if status == 401:
            response.headers["www-authenticate"] = "Bearer"
        return response

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return error_response(request.url.path, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        return error_response(request.url.path, 422, _validation_message(exc.errors()))

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Response:
        log.exception("error serving %s", request.url.path)
        return error_response(request.url.path, 500, "internal error")

    app.include_router(api.router)
    app.include_router(writes_mod.router)
    app.include_router(pages.router)
    app.mount("/static", CachedStatic(directory=HERE / "static"), name="static")
    app.add_middleware(BodyLimit, uploads=writes.max_request_bytes if writes else None)
    app.add_middleware(HeadAsGet)
    app.add_middleware(SecurityHeaders)
    return app


def from_env() -> FastAPI:
    """The app over the archive named by the environment (``FONDS_DB``): the factory each
    worker process of ``fonds serve --workers N`` calls."""
    return create_app()


def _validation_message(errors: Any) -> str:
    """``limit: Input should be less than or equal to 1000; ...`` from pydantic's errors."""
    parts = []
    for e in errors:
        where = ".".join(str(x) for x in e.get("loc", ()) if x not in ("query", "path", "body"))
        parts.append(f"{where}: {e.get('msg', 'invalid')}" if where else str(e.get("msg")))
    return "; ".join(parts) or "invalid request"

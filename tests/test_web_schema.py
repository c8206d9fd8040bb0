"""Schemathesis against the JSON API's OpenAPI schema, in-process over the ASGI app and a
real archive: generated requests never cause a server error, and every error comes in the
one shape; generated uploads with the token (into an archive of their own) neither.

The schema is read at import from the API's routes (schemathesis' fixture-loaded schemas
do not work with pytest 9); ``test_the_schema_is_the_one_served`` checks it is the one the
app serves, and the requests go to an app over the ``web_archive`` fixture.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from fastapi.openapi.utils import get_openapi
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from starlette.types import ASGIApp, Receive, Scope, Send

import fonds
from fonds.web import api, create_app, writes
from fonds.web.writes import Writes


class LateApp:
    """An ASGI app handing each request to the app the ``app`` fixture sets."""

    target: ASGIApp | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        assert self.target is not None, "the app fixture sets the target"
        await self.target(scope, receive, send)


LATE = LateApp()
WRITABLE = LateApp()
TOKEN = "schema-test-token"
RAW = get_openapi(
    title="fonds",
    version="1",
    summary="A read-only JSON API over a fonds archive.",
    routes=[*api.router.routes, *writes.router.routes],
)
schema = schemathesis.openapi.from_dict(RAW)
schema.app = LATE
uploads = schemathesis.openapi.from_dict(RAW).include(path="/api/v1/uploads")
uploads.app = WRITABLE


@pytest.fixture(scope="module")
def app(web_archive: fonds.Archive) -> Iterator[Any]:
    real = create_app(archive=web_archive)
    LATE.target = real
    yield real
    LATE.target = None


def test_the_schema_is_the_one_served(app: Any) -> None:
    with TestClient(app) as client:
        served = client.get("/api/openapi.json").json()
    assert served["paths"] == RAW["paths"]
    assert served.get("components") == RAW.get("components")


@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_never_fails_on_generated_requests(app: Any, case: Any) -> None:
    response = case.call()
    assert response.status_code < 500, (case.as_curl_command(), response.text[:500])
    if response.status_code >= 400:
        body = response.json()
        assert list(body) == ["error"], body
        assert body["error"]["status"] == response.status_code
        assert "Traceback (most recent call last)" not in response.text


@pytest.fixture(scope="module")
def writable_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    folder = tmp_path_factory.mktemp("writable")
    with fonds.open(settings=fonds.settings(folder / "a.db", workers=1)) as archive:
        real = create_app(archive=archive, writes=Writes(TOKEN, max_file_bytes=64 * 1024))
        WRITABLE.target = real
        yield real
        WRITABLE.target = None


@uploads.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_uploads_never_fail_on_generated_requests(writable_app: Any, case: Any) -> None:
    """Generated uploads with the token: ingested or refused in the one shape, never a 5xx."""
    response = case.call(headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code < 500, (case.as_curl_command(), response.text[:500])
    if response.status_code >= 400:
        assert list(response.json()) == ["error"]
    else:
        assert response.status_code == 201 and "report" in response.json()

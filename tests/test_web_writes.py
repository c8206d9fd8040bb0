"""Writes through the web: refused without --allow-writes, and with it only with the token;
uploads land in the archive's uploads folder under safe names, within size limits, and are
ingested."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

import fonds
from fonds.web import create_app
from fonds.web.writes import Writes, safe_name
from tests.test_web_api import assert_error

TOKEN = "test-token-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
TEXT = b"A memorandum on the quernstone deliveries to Pyongyang in 1957, written for the test."


@pytest.fixture
def writable(tmp_path: Path) -> Iterator[tuple[TestClient, fonds.Archive]]:
    settings = fonds.settings(tmp_path / "arc" / "a.db", workers=1)
    settings.db.parent.mkdir()
    writes = Writes(TOKEN, max_file_bytes=4096, max_request_bytes=16_384, max_files=3)
    with fonds.open(settings=settings) as archive:
        app = create_app(archive=archive, writes=writes)
        with TestClient(app, raise_server_exceptions=False) as client:
            yield client, archive


@pytest.fixture(scope="module")
def readonly(web_archive: fonds.Archive) -> Iterator[TestClient]:
    with TestClient(create_app(archive=web_archive), raise_server_exceptions=False) as c:
        yield c


def files(*items: tuple[str, bytes]) -> list[tuple[str, Any]]:
    return [("files", (name, data, "text/plain")) for name, data in items]


def every_file(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()}


def test_writes_are_refused_without_allow_writes(readonly: TestClient) -> None:
    r = readonly.post("/api/v1/uploads", files=files(("a.txt", TEXT)), headers=AUTH)
    assert_error(r, 403, "--allow-writes")
    assert readonly.get("/upload").status_code == 403
    page = readonly.post("/upload", files=files(("a.txt", TEXT)), data={"token": TOKEN})
    assert page.status_code == 403 and "--allow-writes" in page.text
    assert 'href="/upload"' not in readonly.get("/").text
    assert "/api/v1/uploads" in readonly.get("/api/openapi.json").json()["paths"]


def test_uploads_need_the_token(writable: tuple[TestClient, fonds.Archive]) -> None:
    client, archive = writable
    before = every_file(archive.settings.db.parent)
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}):
        r = client.post("/api/v1/uploads", files=files(("a.txt", TEXT)), headers=headers)
        assert_error(r, 401, "token")
        assert r.headers["www-authenticate"] == "Bearer"
    page = client.post("/upload", files=files(("a.txt", TEXT)), data={"token": "nope"})
    assert page.status_code == 401 and "Traceback" not in page.text
    assert every_file(archive.settings.db.parent) == before
    assert not archive.settings.uploads_dir.exists()


def test_upload_is_saved_inside_the_uploads_folder_and_ingested(
    writable: tuple[TestClient, fonds.Archive],
) -> None:
    client, archive = writable
    hostile = ["../../escape.txt", "/tmp/abs.txt", "..\\..\\win.txt"]
    r = client.post(
        "/api/v1/uploads", files=files(*((n, TEXT + n.encode()) for n in hostile)), headers=AUTH
    )
    assert r.status_code == 201, r.text
    body = r.json()
    assert [f["name"] for f in body["files"]] == ["escape.txt", "abs.txt", "win.txt"]
    assert {f["status"] for f in body["files"]} == {"added"} and body["report"]["added"] == 3
    uploads = archive.settings.uploads_dir.resolve()
    root = archive.settings.db.parent.parent
    written = {p for p in every_file(root) if p.suffix == ".txt"}
    assert written and all(p.resolve().is_relative_to(uploads) for p in written)
    assert {p.parent.name for p in written} == {body["folder"]}
    assert archive.search("quernstone").total == 3
    assert client.get("/api/v1/search", params={"q": "quernstone"}).json()["total"] == 3


def test_upload_limits(writable: tuple[TestClient, fonds.Archive]) -> None:
    client, archive = writable
    big = b"x " * 2100  # over the 4096-byte file limit
    r = client.post(
        "/api/v1/uploads", files=files(("ok.txt", TEXT), ("big.txt", big)), headers=AUTH
    )
    assert_error(r, 413, "big.txt")
    many = files(*((f"{i}.txt", TEXT) for i in range(4)))
    assert_error(client.post("/api/v1/uploads", files=many, headers=AUTH), 413, "more than 3")
    huge = files(*((f"{i}.txt", b"y" * 4000) for i in range(5)))  # over the request limit
    assert_error(client.post("/api/v1/uploads", files=huge, headers=AUTH), 413, "larger")
    assert_error(client.post("/api/v1/uploads", data={"x": "1"}, headers=AUTH), 400, "no files")
    kept = (
        every_file(archive.settings.uploads_dir) if archive.settings.uploads_dir.exists() else set()
    )
    assert kept == set()  # nothing of a refused upload stays
    assert archive.search("quernstone").total == 0


def test_upload_form(writable: tuple[TestClient, fonds.Archive]) -> None:
    client, archive = writable
    form = client.get("/upload")
    assert form.status_code == 200 and 'type="password" name="token"' in form.text
    assert 'href="/upload"' in client.get("/").text
    name = "<img src=x onerror=alert(1)>.txt"
    r = client.post("/upload", files=files((name, TEXT)), data={"token": TOKEN})
    assert r.status_code == 201 and "1 added" in r.text
    assert "<img src" not in r.text
    cross = client.post(
        "/upload",
        files=files(("b.txt", TEXT)),
        data={"token": TOKEN},
        headers={"Origin": "https://evil.example"},
    )
    assert cross.status_code == 403
    assert archive.search("quernstone").total == 1


@pytest.mark.parametrize(
    ("given", "safe"),
    [
        ("report.pdf", "report.pdf"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Windows\\system.ini", "system.ini"),
        ("..", "upload"),
        (".hidden", "hidden"),
        ("", "upload"),
        ("a\x00b\nc.txt", "a_b_c.txt"),
        ("Хрущёв 1957.txt", "Хрущёв 1957.txt"),
        ("x" * 300 + ".txt", "x" * 110 + ".txt"),
    ],
)
def test_safe_name(given: str, safe: str) -> None:
    assert safe_name(given) == safe


def test_serve_refuses_writes_with_several_workers(tmp_path: Path) -> None:
    from tests.test_cli import run

    done = run("serve", "--allow-writes", "--workers", "2", db=tmp_path / "a.db")
    assert done.returncode == 2 and "one worker" in done.stderr


def test_serve_allow_writes_prints_a_token_that_uploads(tmp_path: Path) -> None:
    """The real server: the printed token uploads, another does not."""
    import re
    import socket
    import subprocess
    import time

    import httpx

    from tests.test_cli import FONDS

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cmd = [*FONDS, "serve", "--allow-writes", "--port", str(port), "--db", str(tmp_path / "a.db")]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stderr is not None
        token = ""
        deadline = time.monotonic() + 60
        while not token and time.monotonic() < deadline:
            m = re.search(r"with the token (\S+)", proc.stderr.readline())
            token = m.group(1) if m else ""
        assert len(token) >= 24
        url = f"http://127.0.0.1:{port}/api/v1/uploads"
        for _ in range(100):
            try:
                r = httpx.post(
                    url, files=files(("a.txt", TEXT)), headers={"Authorization": "Bearer x"}
                )
                break
            except httpx.ConnectError:
                time.sleep(0.05)
        assert r.status_code == 401
        auth = {"Authorization": f"Bearer {token}"}
        r = httpx.post(url, files=files(("a.txt", TEXT)), headers=auth, timeout=60)
        assert r.status_code == 201 and r.json()["report"]["added"] == 1
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        if proc.stderr is not None:
            proc.stderr.close()


def test_metadata_edits_need_writes_and_the_token(
    writable: tuple[TestClient, fonds.Archive], readonly: TestClient, web_archive: fonds.Archive
) -> None:
    some_id = web_archive.search("aid", limit=1).hits[0].id
    r = readonly.patch(f"/api/v1/documents/{some_id}", json={"title": "x"}, headers=AUTH)
    assert_error(r, 403, "--allow-writes")
    assert readonly.get(f"/documents/{some_id}/edit").status_code == 403
    assert "edit metadata" not in readonly.get(f"/documents/{some_id}").text

    client, archive = writable
    client.post("/api/v1/uploads", files=files(("memo.txt", TEXT)), headers=AUTH)
    doc_id = archive.search("quernstone").hits[0].id
    assert_error(client.patch(f"/api/v1/documents/{doc_id}", json={"title": "x"}), 401, "token")
    bad = client.patch(f"/api/v1/documents/{doc_id}", json={"text": "x"}, headers=AUTH)
    assert_error(bad, 400, "cannot edit")
    bad = client.patch(f"/api/v1/documents/{doc_id}", json={"date": "soon"}, headers=AUTH)
    assert_error(bad, 400, "not ISO")
    ok = client.patch(
        f"/api/v1/documents/{doc_id}",
        json={"title": "<b>Quernstones</b> for Pyongyang", "date": "1957-03-02"},
        headers=AUTH,
    )
    assert ok.status_code == 200 and ok.json()["edits"]["date"] == "1957-03-02"
    assert archive.document(doc_id).origin["title"] == "edited"
    page = client.get(f"/documents/{doc_id}")
    assert "&lt;b&gt;Quernstones&lt;/b&gt;" in page.text and "<b>Quernstones" not in page.text
    assert "edit metadata" in page.text

    form = client.get(f"/documents/{doc_id}/edit")
    assert form.status_code == 200 and 'value="1957-03-02"' in form.text
    refused = client.post(f"/documents/{doc_id}/edit", data={"type": "report", "token": "nope"})
    assert refused.status_code == 401
    saved = client.post(f"/documents/{doc_id}/edit", data={"type": "report", "token": TOKEN})
    assert saved.status_code == 200 and "Saved" in saved.text
    assert archive.document(doc_id).type == "report"
    cross = client.post(
        f"/documents/{doc_id}/edit",
        data={"type": "memo", "token": TOKEN},
        headers={"Origin": "http://evil.example"},
    )
    assert cross.status_code == 403 and archive.document(doc_id).type == "report"

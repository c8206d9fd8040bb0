"""The web app through FastAPI's TestClient over a real archive: the JSON API, the pages,
the error shape, the security headers, inert hostile documents, and source downloads."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

import fonds
from fonds.export import facts_csv
from fonds.web import create_app
from tests.conftest import CORPUS


@pytest.fixture(scope="module")
def client(web_archive: fonds.Archive) -> Iterator[TestClient]:
    with TestClient(create_app(archive=web_archive), raise_server_exceptions=False) as c:
        yield c


def first_id(client: TestClient, query: str) -> str:
    r = client.get("/api/v1/search", params={"q": query, "limit": 1})
    assert r.status_code == 200, r.text
    return str(r.json()["items"][0]["id"])


def assert_error(r: Any, status: int, message: str = "") -> None:
    """``r`` is an error response in the one shape, without a traceback."""
    assert r.status_code == status, r.text
    body = r.json()
    assert list(body) == ["error"] and set(body["error"]) == {"status", "message"}
    assert body["error"]["status"] == status
    assert message in body["error"]["message"]
    assert "Traceback" not in r.text


# -- JSON API -------------------------------------------------------------------------------


def test_search_pages_and_facets(client: TestClient) -> None:
    r = client.get("/api/v1/search", params={"q": "soviet aid", "from": "1953", "to": "1961"})
    body = r.json()
    assert r.status_code == 200
    assert body["total"] >= 10 and body["limit"] == 10 and body["offset"] == 0
    assert set(body["facets"]) >= {"type", "collection", "language", "year"}
    assert all(h["snippet"] for h in body["items"])
    assert any("<b>" in h["snippet"] for h in body["items"])
    first = client.get("/api/v1/search", params={"q": "soviet aid", "limit": 3}).json()
    second = client.get("/api/v1/search", params={"q": "soviet aid", "limit": 3, "offset": 3})
    ids = [h["id"] for h in first["items"]] + [h["id"] for h in second.json()["items"]]
    assert len(set(ids)) == 6


def test_search_filters_by_person_any_spelling(client: TestClient) -> None:
    r = client.get("/api/v1/search", params={"person": "Kim Ir Sen", "type": "cable"})
    assert r.status_code == 200
    assert r.json()["total"] >= 1
    assert {h["type"] for h in r.json()["items"]} == {"cable"}


@pytest.mark.parametrize("field", ["person", "place", "archive"])
def test_search_facets_by_person_place_and_archive(client: TestClient, field: str) -> None:
    """Each facet value is an id with a label; filtering by it finds as many documents as
    the facet counted."""
    if field == "archive" and not CORPUS.is_dir():
        pytest.skip("the archival citations are in the seeds of ../shared/corpus")
    body = client.get("/api/v1/search", params={"q": "aid"}).json()
    counts, labels = body["facets"][field], body["facet_labels"][field]
    assert counts and set(labels) == set(counts)
    value, count = next(iter(counts.items()))
    assert labels[value] and count >= 1
    kept = client.get("/api/v1/search", params={"q": "aid", field: value}).json()
    assert kept["total"] == count
    assert kept["facets"][field][value] == count
    assert client.get("/api/v1/search", params={"q": "aid", "facets": False}).json()["facets"] == {}


def test_search_facets_label_persons_on_the_page(client: TestClient) -> None:
    html = client.get("/", params={"q": "aid"}).text
    assert "<h2>Person</h2>" in html and "<h2>Place</h2>" in html
    m = re.search(r'href="(/\?q=aid&amp;person=[^"]+)" title="([^"]+)">([^<]+)</a>', html)
    assert m is not None, "a person facet links by id, shows the authority's name"
    url, person_id, label = m.groups()
    assert label != person_id
    kept = client.get(url.replace("&amp;", "&")).text
    assert 'class="on"><a href="' + url in kept


@pytest.mark.parametrize(
    ("params", "status", "message"),
    [
        ({"q": '"five-year'}, 400, "position"),
        ({"limit": 1001}, 422, "limit"),
        ({"offset": -1}, 422, "offset"),
        ({"offset": 50_001}, 422, "offset"),
        ({"from": "1953-13"}, 400, "not a date"),
        ({"limit": "many"}, 422, "limit"),
    ],
)
def test_search_errors_have_one_shape(
    client: TestClient, params: dict[str, object], status: int, message: str
) -> None:
    assert_error(client.get("/api/v1/search", params=params), status, message)


def test_document_notes_similar_export(client: TestClient) -> None:
    doc_id = first_id(client, '"Fraternal Aid and Its Limits"')
    doc = client.get(f"/api/v1/documents/{doc_id}").json()
    assert doc["id"] == doc_id and doc["title"].startswith("Fraternal Aid")
    assert doc["text"] and doc["paths"] and doc["mentions"]
    notes = client.get(f"/api/v1/documents/{doc_id}/notes").json()
    assert notes[0]["label"] == "1" and notes[0]["text"].startswith("AVPRF")
    assert notes == doc["notes"]
    similar = client.get(f"/api/v1/documents/{doc_id}/similar", params={"limit": 3}).json()
    assert 1 <= len(similar) <= 3 and doc_id not in {h["id"] for h in similar}
    chicago = client.get(f"/api/v1/documents/{doc_id}/export").json()
    assert chicago["format"] == "chicago" and "Fraternal Aid and Its Limits" in chicago["text"]
    assert "text" not in client.get(f"/api/v1/documents/{doc_id}?text=false").json()


def test_unknown_things_are_404(client: TestClient) -> None:
    assert_error(client.get("/api/v1/documents/0000000000000000"), 404, "no document")
    assert_error(client.get("/api/v1/documents/0000000000000000/notes"), 404)
    assert_error(client.get("/api/v1/entities/Nobody%20Atall"), 404, "never names")
    assert_error(client.get("/api/v1/no-such-route"), 404)


def test_citations_and_cited_by(client: TestClient) -> None:
    groups = client.get("/api/v1/citations", params={"group": "true", "limit": 500}).json()
    assert groups["total"] == len(groups["items"]) > 5
    rgani = client.get("/api/v1/cited-by", params={"ref": "rgani 5/28/412"}).json()
    assert rgani["total"] >= 2
    assert {c["canonical"].split(" d.")[0] for c in rgani["items"]} == {"RGANI f.5 op.28"}
    avprf = client.get("/api/v1/citations", params={"archive": "AVP RF", "limit": 2}).json()
    assert avprf["limit"] == 2 and len(avprf["items"]) == 2 and avprf["total"] > 2
    assert {c["archive"] for c in avprf["items"]} == {"AVPRF"}
    assert_error(client.get("/api/v1/cited-by", params={"ref": "??"}), 400, "cannot read")
    assert_error(client.get("/api/v1/cited-by"), 422, "ref")


def test_entities_and_entity(client: TestClient) -> None:
    people = client.get("/api/v1/entities", params={"type": "person", "limit": 5}).json()
    assert len(people["items"]) == 5 and {e["type"] for e in people["items"]} == {"person"}
    later = client.get("/api/v1/entities", params={"type": "person", "limit": 5, "offset": 3})
    assert later.json()["items"][:2] == people["items"][3:]
    kim = client.get("/api/v1/entities/Ким Ир Сен").json()
    assert kim["id"] == "kim-il-sung" and kim["documents"] and kim["co_occurring"]
    assert_error(client.get("/api/v1/entities", params={"type": "ship"}), 422, "type")


def test_facts_conflicts_timeline_stats(client: TestClient) -> None:
    money = client.get("/api/v1/facts", params={"kind": "money", "limit": 5}).json()
    assert len(money["items"]) == 5 and money["more"] is True
    assert {f["kind"] for f in money["items"]} == {"money"}
    assert any(f["value"].get("currency") for f in money["items"])
    assert_error(client.get("/api/v1/facts", params={"kind": "mood"}), 422, "kind")
    conflicts = client.get("/api/v1/conflicts").json()
    assert conflicts["total"] >= 1 and conflicts["items"][0]["facts"]
    events = client.get("/api/v1/timeline", params={"from": "1953", "to": "1953"}).json()
    assert events["items"]
    assert all(e["date"][:4] <= "1953" <= (e["end"] or e["date"])[:4] for e in events["items"])
    assert_error(client.get("/api/v1/timeline", params={"from": "July"}), 400, "not a date")
    stats = client.get("/api/v1/stats").json()
    assert stats["documents"] >= 15


def test_openapi_and_docs(client: TestClient) -> None:
    schema = client.get("/api/openapi.json").json()
    for path in (
        "/api/v1/search",
        "/api/v1/documents/{doc_id}",
        "/api/v1/documents/{doc_id}/notes",
        "/api/v1/documents/{doc_id}/similar",
        "/api/v1/citations",
        "/api/v1/cited-by",
        "/api/v1/entities",
        "/api/v1/entities/{name}",
        "/api/v1/facts",
        "/api/v1/conflicts",
        "/api/v1/timeline",
    ):
        assert path in schema["paths"], path
    assert not [p for p in schema["paths"] if not p.startswith("/api/v1/")]
    docs = client.get("/api/docs")
    assert docs.status_code == 200 and "GET /api/v1/search" in docs.text
    assert "<script>" not in docs.text.split("</head>")[1]


# -- errors, limits, headers ------------------------------------------------------------------


def test_writes_are_refused_and_bodies_limited(client: TestClient) -> None:
    assert_error(client.post("/api/v1/search", json={}), 405)
    assert_error(client.post("/api/v1/search", content=b"x" * (65 * 1024)), 413, "larger")
    assert client.post("/", content=b"x" * (65 * 1024)).status_code == 413


def test_head_is_get_without_a_body(client: TestClient) -> None:
    r = client.head("/?q=aid")
    assert r.status_code == 200 and r.content == b""
    assert r.headers["content-type"].startswith("text/html")
    assert client.head("/api/v1/documents/nope").status_code == 404


def test_security_headers_everywhere(client: TestClient) -> None:
    doc_id = first_id(client, "reconstruction")
    for url in ("/", f"/documents/{doc_id}", "/api/v1/stats", "/static/fonds.css", "/nope"):
        r = client.get(url)
        csp = r.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp, url
        assert "unsafe-inline" not in csp
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["referrer-policy"] == "same-origin"
        assert "access-control-allow-origin" not in r.headers


def test_server_errors_hide_the_cause(new_archive: fonds.Archive) -> None:
    app = create_app(archive=new_archive)
    with TestClient(app, raise_server_exceptions=False) as c:
        assert c.get("/api/v1/entities").status_code == 200
        with sqlite3.connect(new_archive.settings.db) as db:  # a real failure under the app
            db.execute("DROP TABLE mentions")
        assert_error(c.get("/api/v1/entities"), 500, "internal error")
        page = c.get("/entities")
        assert page.status_code == 500 and "internal error" in page.text
        assert "Traceback" not in page.text and "mentions" not in page.text


# -- pages ----------------------------------------------------------------------------------


def test_search_page_facets_pager_and_stable_urls(client: TestClient) -> None:
    r = client.get("/", params={"q": "aid"})
    assert r.status_code == 200
    html = r.text
    assert '<svg class="chart"' in html and "<mark>" in html
    assert 'href="/?q=aid&amp;type=cable"' in html  # a facet is a plain GET link
    assert 'href="/?q=aid&amp;from=1953&amp;to=1953"' in html  # a histogram bar too
    five = client.get("/", params={"q": "aid", "size": 5}).text
    assert 'rel="next" href="/?q=aid&amp;size=5&amp;page=2"' in five
    page2 = client.get("/?q=aid&size=5&page=2").text
    assert 'rel="prev" href="/?q=aid&amp;size=5&amp;page=1"' in page2
    assert page2.count('<li class="hit">') == 5
    cables = client.get("/?q=aid&type=cable").text
    assert 'class="on"><a href="/?q=aid&amp;type=cable"' in cables
    bad = client.get("/", params={"q": '"unbalanced'})
    assert bad.status_code == 400 and "unbalanced quote" in bad.text


def test_document_page(client: TestClient) -> None:
    doc_id = first_id(client, '"Fraternal Aid and Its Limits"')
    html = client.get(f"/documents/{doc_id}").text
    assert '<a class="fn" id="ref-1" href="#note-1"' in html
    assert re.search(r'<li id="note-1">.*?<a class="back" href="#ref-1"', html, re.S)
    assert '<a class="name name-person" href="/entities/kim-il-sung">' in html
    assert re.search(r'<mark class="fig fig-money" title="RUB [\d,]+ \(1953\) = USD [\d,]+', html)
    assert 'id="citation">fonds demo team. “Fraternal Aid and Its Limits' in html
    assert 'data-copy="citation"' in html
    assert f'href="/documents/{doc_id}/source"' in html
    assert '<a class="cite cite-archival" href="/files?ref=' in html
    assert f'hx-get="/documents/{doc_id}/similar"' in html
    similar = client.get(f"/documents/{doc_id}/similar").text
    assert similar.count("<li>") >= 1 and "Similar documents" in similar


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the checkout")
def test_page_markers_on_a_paged_seed(client: TestClient) -> None:
    doc_id = first_id(client, '"documentation project working paper"')
    html = client.get(f"/documents/{doc_id}").text
    assert '<span class="page" id="page-2" aria-label="page 2">[p. 2]</span>' in html


def test_other_pages(client: TestClient) -> None:
    kim = client.get("/entities/kim-il-sung").text
    assert "<h1>Kim Il Sung</h1>" in kim and "Kim Ir Sen" in kim
    assert "Mentions over time" in kim and '<svg class="chart"' in kim
    assert "Named with" in kim
    assert 'href="/entities/kim-il-sung"' in client.get("/entities?type=person").text
    files = client.get("/files").text
    assert 'href="/files?ref=RGANI%20f.5%20op.28%20d.412"' in files
    rgani = client.get("/files?ref=RGANI+f.5+op.28+d.412").text
    assert "citations." in rgani and 'href="/documents/' in rgani
    timeline = client.get("/timeline?from=1953&to=1953").text
    assert '<td class="when">1953' in timeline
    facts = client.get("/facts?kind=money").text
    assert 'href="/facts.csv?kind=money"' in facts and "USD" in facts
    assert "measures reported with different values" in client.get("/conflicts").text
    assert client.get("/entities/Nobody%20Atall").status_code == 404


def test_facts_csv_download(client: TestClient) -> None:
    r = client.get("/facts.csv?kind=money")
    assert r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    lines = r.text.splitlines()
    assert lines[0] == ",".join(facts_csv.COLUMNS)
    assert len(lines) > 5 and all(",money," in line for line in lines[1:3])


# -- hostile documents ----------------------------------------------------------------------


def test_hostile_page_renders_inert(client: TestClient) -> None:
    doc_id = first_id(client, "zanzibarite")
    api = client.get(f"/api/v1/documents/{doc_id}").json()
    assert "<script>alert(1)</script>" in api["text"]  # the data keeps what the page says
    for url in (f"/documents/{doc_id}", "/?q=zanzibarite", "/?q=alert", "/entities/kim-il-sung"):
        html = client.get(url).text
        assert "<script>alert" not in html and "<img src=x" not in html, url
        assert "onerror=alert(1)>" not in html and 'href="javascript:' not in html, url
    page = client.get(f"/documents/{doc_id}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<title>Hostile page &lt;script&gt;alert(1)&lt;/script&gt;" in page
    scripts = re.findall(r"<script[^>]*>", page)
    assert scripts == [
        '<script src="/static/vendor/htmx.min.js" defer>',
        '<script src="/static/fonds.js" defer>',
    ]


# -- source files ---------------------------------------------------------------------------


def test_source_download_is_the_recorded_file(
    client: TestClient, web_archive: fonds.Archive
) -> None:
    doc_id = first_id(client, "zanzibarite")
    r = client.get(f"/documents/{doc_id}/source")
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/octet-stream"
    assert 'filename="hostile.html"' in r.headers["content-disposition"]
    assert r.content == Path(web_archive.paths(doc_id)[0]).read_bytes()
    for bad in ("..%2F..%2F..%2Fetc%2Fpasswd", "%2Fetc%2Fpasswd", "../../etc/passwd"):
        assert client.get(f"/documents/{bad}/source").status_code == 404, bad


def test_source_download_refuses_a_moved_or_swapped_file(
    new_archive: fonds.Archive, tmp_path: Path
) -> None:
    folder = tmp_path / "src"
    folder.mkdir()
    file = folder / "note.txt"
    file.write_text("A short note about reconstruction aid in 1954, written for a test.\n")
    new_archive.ingest([folder])
    doc_id = new_archive.search("reconstruction").hits[0].id
    with TestClient(create_app(archive=new_archive)) as c:
        assert c.get(f"/documents/{doc_id}/source").status_code == 200
        file.unlink()
        file.symlink_to("/etc/passwd")  # the recorded path now leads elsewhere
        assert c.get(f"/documents/{doc_id}/source").status_code == 404
        assert "download" not in c.get(f"/documents/{doc_id}").text.split("<dt>Id")[0][-200:]
        assert_error(c.get(f"/api/v1/documents/{doc_id}/export?format=rtf"), 400, "unknown")


@pytest.mark.parametrize(
    ("path", "row"),
    [
        ("/entities?type=person", "<tr><td><a href"),
        ("/timeline", '<td class="when">'),
        ("/facts?kind=date", "<tr><td>"),
    ],
)
def test_list_pages_are_paged(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, path: str, row: str
) -> None:
    from fonds.web import pages

    monkeypatch.setattr(pages, "LIST_PAGE", 3)
    first = client.get(path).text
    assert first.count(row) == 3
    sep = "&amp;" if "?" in path else "?"
    assert f'rel="next" href="{path.replace("&", "&amp;")}{sep}page=2"' in first
    assert 'rel="prev"' not in first
    second = client.get(path + ("&" if "?" in path else "?") + "page=2").text
    assert second.count(row) == 3 and 'rel="prev" href="' in second
    assert set(re.findall(row + r"[^\n]*", first)).isdisjoint(re.findall(row + r"[^\n]*", second))
    far = client.get(path + ("&" if "?" in path else "?") + "page=200")
    assert far.status_code == 200 and 'rel="next"' not in far.text
    assert client.get(path + ("&" if "?" in path else "?") + "page=0").status_code == 422


def test_aid_by_donor_and_year_chart(client: TestClient) -> None:
    html = client.get("/facts").text
    assert "Aid and loans by donor and year" in html
    svg = re.search(r'<svg class="chart stacked".*?</svg>', html, re.S)
    assert svg is not None and "<title>19" in svg.group(0) and 'fill="#4e79a7"' in svg.group(0)
    assert '<ul class="legend">' in html and "$" in html
    assert "Aid and loans" not in client.get("/facts?kind=percent").text


def test_static_assets_are_cacheable(client: TestClient) -> None:
    r = client.get("/static/fonds.css")
    assert r.status_code == 200 and r.headers["cache-control"] == "public, max-age=3600"
    again = client.get("/static/fonds.css", headers={"If-None-Match": r.headers["etag"]})
    assert again.status_code == 304


def test_an_empty_date_filter_is_no_filter(client: TestClient) -> None:
    """A form left empty sends from= and to=: the API answers as the pages do."""
    plain = client.get("/api/v1/search", params={"q": "aid"}).json()["total"]
    empty = client.get("/api/v1/search", params={"q": "aid", "from": "", "to": ""})
    assert empty.status_code == 200 and empty.json()["total"] == plain
    assert client.get("/api/v1/timeline", params={"from": "", "to": ""}).status_code == 200
    assert client.get("/", params={"q": "aid", "from": ""}).status_code == 200

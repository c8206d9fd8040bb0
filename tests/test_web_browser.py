"""The site in a real headless Chromium (Debian's ``chromium``, driven by Playwright; never
a browser downloaded by Playwright): search, open a document, jump to a footnote and back,
follow a name to its entity page; hostile pages stay inert; screenshots of the main pages
go to ``tests/screenshots/`` (git-ignored)."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

import fonds
from tests.conftest import ROOT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SHOTS = ROOT / "tests" / "screenshots"
IN_VIEW = (
    "el => { const r = el.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight; }"
)

# .ci/run sets FONDS_REQUIRE_BROWSER=1: there a missing browser fails the run, it is no skip.
REQUIRED = os.environ.get("FONDS_REQUIRE_BROWSER") == "1"
pytestmark = pytest.mark.skipif(
    CHROMIUM is None and not REQUIRED,
    reason="no chromium on PATH (apt-get install chromium; .ci/run installs it)",
)


@pytest.fixture(scope="module")
def base_url(web_archive: fonds.Archive) -> Iterator[str]:
    """The app served by uvicorn on a free loopback port, in a background thread."""
    import uvicorn

    from fonds.web import create_app

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(archive=web_archive), log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=5)
    sock.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    assert CHROMIUM is not None, "FONDS_REQUIRE_BROWSER=1 but no chromium on PATH"
    if REQUIRED:
        import playwright.sync_api as playwright
    else:
        playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        yield b
        b.close()


class Watched:
    """A page with what it reported: dialogs opened, console errors, CSP violations."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))


@pytest.fixture
def tab(browser: Any) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    watched = Watched(context.new_page())
    yield watched
    context.close()
    assert not watched.dialogs, watched.dialogs
    assert not [e for e in watched.errors if "Content Security Policy" in e], watched.errors


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


def test_search_document_footnote_and_name(tab: Watched, base_url: str) -> None:
    page = tab.page
    page.goto(base_url + "/")
    page.fill("input[name=q]", "fraternal aid limits")
    page.click("form.search button[type=submit]")
    page.wait_for_url("**/?q=fraternal*")  # htmx pushed the page's URL, empty fields left out
    assert page.url == base_url + "/?q=fraternal%20aid%20limits"
    first = page.locator("li.hit a.title").first
    first.wait_for()
    assert "Fraternal Aid and Its Limits" in first.inner_text()
    assert page.locator("li.hit .snippet mark").count() > 0
    shot(page, "search")

    first.click()
    page.wait_for_url("**/documents/*")
    assert "Fraternal Aid" in page.locator("h1").inner_text()
    page.locator(".similar-list li").first.wait_for()  # loaded by htmx
    shot(page, "document")

    marker = page.locator("a.fn#ref-1")
    marker.click()
    page.wait_for_url("**#note-1")
    note = page.locator("li#note-1")
    assert note.is_visible() and "AVPRF" in note.inner_text()
    assert note.evaluate(IN_VIEW)
    page.locator("li#note-1 a.back").click()
    page.wait_for_url("**#ref-1")
    assert marker.evaluate(IN_VIEW)

    name = page.locator('.text a.name[href="/entities/kim-il-sung"]').first
    name.click()
    page.wait_for_url("**/entities/kim-il-sung")
    assert page.locator("h1").inner_text() == "Kim Il Sung"
    assert page.locator("svg.chart rect.bar").count() > 1
    shot(page, "entity")


def test_facets_and_pages(tab: Watched, base_url: str) -> None:
    page = tab.page
    page.goto(base_url + "/?q=aid")
    page.locator(".facets a", has_text="cable").first.click()
    page.wait_for_url("**type=cable*")
    assert page.locator("li.hit").count() >= 1
    for name, path in (
        ("timeline", "/timeline?from=1953&to=1957"),
        ("facts", "/facts?kind=money"),
        ("conflicts", "/conflicts"),
        ("files", "/files"),
        ("api-docs", "/api/docs"),
    ):
        response = page.goto(base_url + path)
        assert response is not None and response.status == 200, path
        shot(page, name)
    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    page.goto(base_url + "/?q=reconstruction")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the search page scrolls sideways on a phone ({width}px)"
    shot(page, "search-phone")


def test_hostile_page_is_inert(tab: Watched, base_url: str) -> None:
    page = tab.page
    page.goto(base_url + "/?q=zanzibarite")
    page.locator("li.hit a.title").first.click()
    page.wait_for_url("**/documents/*")
    text = page.locator("#text").inner_text()
    assert "<script>alert(1)</script>" in text and "<img src=x onerror=alert(1)>" in text
    assert page.locator("#text script, #text img, main img").count() == 0
    page.goto(base_url + "/?q=alert")
    page.wait_for_timeout(300)  # give any injected handler the chance to fire
    shot(page, "hostile")
    assert not tab.dialogs


def test_copy_button(tab: Watched, base_url: str, browser: Any) -> None:
    page = tab.page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    page.goto(base_url + "/?q=zanzibarite")
    page.locator("li.hit a.title").first.click()
    page.wait_for_url("**/documents/*")
    page.click("button.copy")
    page.wait_for_function("document.querySelector('button.copy').textContent === 'Copied'")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.locator("#citation").inner_text().strip()

"""The HTML reader on pages written here and on the demo collection's pages."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from fonds.errors import ReadError
from fonds.model import DateRange, Document, Source
from fonds.readers import html

DEMO = Path(__file__).resolve().parents[2] / "demo"

PARAGRAPHS = (
    "The Soviet government agreed to deliver equipment for the Kim Chaek iron works, including "
    "two blast furnaces and a rolling mill, before the end of the five-year plan.",
    "Ambassador Puzanov reported that the Korean side asked for an additional credit of 300 "
    "million rubles to rebuild the textile mills of Pyongyang and Sariwon.",
    "The Hungarian delegation offered machine tools for the Hamhung fertilizer plant and "
    "proposed to send forty engineers to supervise the installation.",
    "Chinese volunteers continued to help with the reconstruction of dams and bridges, and the "
    "rice harvest was expected to exceed the target set in 1956.",
)

PAGE = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Soviet Aid to the DPRK, 1957</title>
<meta name="date" content="1957-09-13">
<meta name="author" content="A. M. Puzanov; Kim Il Sung">
</head>
<body>
<nav><ul>
<li><a href="/">Home</a> |</li>
<li><a href="/archive">Archive</a> |</li>
<li><a href="/donate">Donate</a></li>
</ul></nav>
<article>
<h1>Soviet Aid to the DPRK, 1957</h1>
<p>{PARAGRAPHS[0]}</p>
<p>{PARAGRAPHS[1]}</p>
<p>{PARAGRAPHS[2]}</p>
<p>{PARAGRAPHS[3]}</p>
</article>
<footer><p>Copyright 2024 Wilson Center. All rights reserved.</p></footer>
</body>
</html>
"""


def read(path: Path) -> Document:
    data = path.read_bytes()
    source = Source(str(path), hashlib.sha256(data).hexdigest(), len(data), html.READER.media_type)
    docs = html.read(source, data)
    assert len(docs) == 1
    return docs[0]


def write(tmp_path: Path, name: str, markup: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(markup.encode(encoding))
    return path


def test_article_without_boilerplate(tmp_path: Path) -> None:
    doc = read(write(tmp_path, "aid.html", PAGE))
    for paragraph in PARAGRAPHS:
        assert paragraph in doc.text
    for word in ("Home", "Donate", "Copyright", "All rights reserved", "Wilson Center"):
        assert word not in doc.text
    assert "<" not in doc.text and ">" not in doc.text
    assert doc.text.index(PARAGRAPHS[0]) < doc.text.index(PARAGRAPHS[3])


def test_metadata(tmp_path: Path) -> None:
    doc = read(write(tmp_path, "aid.html", PAGE))
    assert doc.title == "Soviet Aid to the DPRK, 1957"
    assert doc.date == DateRange("1957-09-13")
    assert str(doc.date) == "1957-09-13"
    assert doc.authors == ("A. M. Puzanov", "Kim Il Sung")
    assert doc.language == "en"
    assert doc.origin == {"title": "file", "date": "file", "authors": "file", "language": "file"}
    assert doc.status == "ok"


def test_date_at_month_precision(tmp_path: Path) -> None:
    page = PAGE.replace('content="1957-09-13"', 'content="1957-09"')
    doc = read(write(tmp_path, "month.html", page))
    assert doc.date == DateRange("1957-09")
    assert doc.date is not None and doc.date.precision == "month"


def test_invalid_date_meta_is_ignored(tmp_path: Path) -> None:
    page = PAGE.replace('content="1957-09-13"', 'content="1957-13-45"')
    doc = read(write(tmp_path, "bad-date.html", page))
    assert doc.date is None
    assert "date" not in doc.origin


def test_scripts_and_event_handlers_never_reach_the_text(tmp_path: Path) -> None:
    page = """<!DOCTYPE html><html><head><title>Cable from Pyongyang</title>
<script>alert(1)</script></head>
<body>
<p>The cable from Pyongyang arrived on 13 September 1957 and was read aloud to the committee.</p>
<img src=x onerror=alert(1)>
<p onclick="alert(2)">The committee approved the aid plan without changes after a short debate.</p>
<script>document.write('alert')</script>
<style>p { color: red }</style>
</body></html>"""
    doc = read(write(tmp_path, "xss.html", page))
    assert "alert" not in doc.text
    assert "onerror" not in doc.text
    assert "color" not in doc.text
    assert " ".join(doc.text.split()) == (
        "The cable from Pyongyang arrived on 13 September 1957 and was read aloud to the "
        "committee. The committee approved the aid plan without changes after a short debate."
    )
    assert doc.title == "Cable from Pyongyang"


def test_external_entity_is_not_resolved(tmp_path: Path) -> None:
    page = """<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<html><head><title>Leak test</title></head><body>
<p>Before the entity: &xxe; after it, the delegation left Pyongyang for Moscow by train.</p>
</body></html>"""
    doc = read(write(tmp_path, "xxe.html", page))
    assert "root:" not in doc.text
    assert "the delegation left Pyongyang for Moscow by train." in doc.text


def test_title_guessed_without_title_element(tmp_path: Path) -> None:
    page = (
        "<html><body><p>Journal of Ambassador Puzanov for 13 September 1957, "
        "on the aid negotiations.</p></body></html>"
    )
    doc = read(write(tmp_path, "untitled.html", page))
    assert doc.title == (
        "Journal of Ambassador Puzanov for 13 September 1957, on the aid negotiations."
    )
    assert doc.origin == {"title": "guessed"}


def test_legacy_encoded_page(tmp_path: Path) -> None:
    page = PAGE.replace('charset="utf-8"', 'charset="windows-1252"').replace(
        "Hungarian delegation", "Hungarian delegation of Kádár Sándor"
    )
    doc = read(write(tmp_path, "cp1252.html", page, encoding="cp1252"))
    assert "The Hungarian delegation of Kádár Sándor offered machine tools" in doc.text


def test_empty_page(tmp_path: Path) -> None:
    path = write(tmp_path, "empty.html", "")
    with pytest.raises(ReadError) as info:
        read(path)
    assert info.value.reason == "empty file"
    assert str(info.value) == f"{path}: empty file"


def test_page_without_text(tmp_path: Path) -> None:
    path = write(
        tmp_path, "blank.html", "<html><head><script>alert(1)</script></head><body></body></html>"
    )
    with pytest.raises(ReadError) as info:
        read(path)
    assert info.value.reason == "HTML page without text"
    assert str(info.value) == f"{path}: HTML page without text"


DEMO_PAGES = sorted(DEMO.glob("*.html"))


@pytest.mark.skipif(not DEMO_PAGES, reason="demo/ has no HTML pages")
@pytest.mark.parametrize("path", DEMO_PAGES, ids=[p.name for p in DEMO_PAGES])
def test_demo_pages(path: Path) -> None:
    doc = read(path)
    assert doc.text.strip()
    assert len(doc.text) > 500
    assert doc.title.strip()
    assert doc.origin["title"] == "file"
    assert "<" not in doc.text
    assert doc.date is not None

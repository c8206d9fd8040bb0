"""The PDF reader on PDFs written by hand at test time (tests/files/make.py)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from fonds.errors import ReadError
from fonds.model import DateRange, Document, Source
from fonds.readers import pdf
from tests.files.make import corrupt_pdf, make_pdf, make_scanned_pdf

PAGES = [
    "Memorandum of conversation with Kim Il Sung, 13 September 1957.",
    "The Soviet side agreed to deliver two blast furnaces (Kim Chaek works).",
    "Signed: A. M. Puzanov, Ambassador of the USSR in the DPRK.",
]


def read(path: Path) -> Document:
    data = path.read_bytes()
    source = Source(str(path), hashlib.sha256(data).hexdigest(), len(data), pdf.READER.media_type)
    docs = pdf.read(source, data)
    assert len(docs) == 1
    return docs[0]


# --- the hand-written PDFs are real PDFs -----------------------------------------------------


def test_made_pdf_has_exact_xref_offsets(tmp_path: Path) -> None:
    """Every xref entry points at its ``N 0 obj``; startxref points at ``xref``."""
    data = make_pdf(tmp_path / "a.pdf", PAGES, title="Record").read_bytes()
    assert data.startswith(b"%PDF-1.4\n")
    assert data.endswith(b"%%EOF\n")
    startxref = int(re.search(rb"startxref\n(\d+)\n%%EOF", data).group(1))  # type: ignore[union-attr]
    assert data[startxref:].startswith(b"xref\n0 ")
    count = int(data[startxref:].split(b"\n")[1].split()[1])
    entries = data[startxref:].split(b"\n")[2 : 2 + count]
    assert entries[0] == b"0000000000 65535 f "
    for num, entry in enumerate(entries[1:], start=1):
        offset = int(entry[:10])
        assert entry.endswith(b" 00000 n ")
        assert data[offset:].startswith(b"%d 0 obj\n" % num)


def test_made_pdf_reads_back_with_pypdfium2(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "a.pdf", PAGES, title="Record of a Conversation (1957)")
    document = pdfium.PdfDocument(str(path))
    try:
        assert len(document) == 3
        texts = []
        for i in range(3):
            textpage = document[i].get_textpage()
            texts.append(textpage.get_text_bounded())
            textpage.close()
        assert texts == PAGES
        meta = document.get_metadata_dict(skip_empty=True)
        assert meta["Title"] == "Record of a Conversation (1957)"
        assert meta["CreationDate"] == "D:19570913103000Z"
    finally:
        document.close()


# --- reading ---------------------------------------------------------------------------------


def test_three_pages(tmp_path: Path) -> None:
    doc = read(make_pdf(tmp_path / "record.pdf", PAGES, title="Record of a Conversation (1957)"))
    assert doc.status == "ok"
    assert doc.page_count == 3
    assert len(doc.pages) == 3
    for page_text in PAGES:
        assert page_text in doc.text
    for start, page_text in zip(doc.pages, PAGES, strict=True):
        assert doc.text[start:].startswith(page_text)
    assert doc.pages == (0, 65, 138)
    assert doc.text == "\n\n".join(PAGES)
    assert doc.title == "Record of a Conversation (1957)"
    assert doc.date == DateRange("1957-09-13")
    assert doc.origin == {"title": "file", "date": "guessed"}


def test_title_guessed_from_first_line_without_info_title(tmp_path: Path) -> None:
    doc = read(make_pdf(tmp_path / "untitled.pdf", PAGES))
    assert doc.title == "Memorandum of conversation with Kim Il Sung, 13 September 1957."
    assert doc.origin == {"title": "guessed", "date": "guessed"}


def test_non_ascii_title_and_text(tmp_path: Path) -> None:
    doc = read(
        make_pdf(
            tmp_path / "hu.pdf",
            ["Jelentés: Kádár Sándor látogatása Phenjanban, 1957."],
            title="Kádár Sándor jelentése",
        )
    )
    assert doc.title == "Kádár Sándor jelentése"
    assert doc.text == "Jelentés: Kádár Sándor látogatása Phenjanban, 1957."


def test_scanned_pdf_needs_ocr(tmp_path: Path) -> None:
    doc = read(make_scanned_pdf(tmp_path / "scan_1957.pdf", 4))
    assert doc.status == "needs_ocr"
    assert doc.text == ""
    assert doc.pages == ()
    assert doc.page_count == 4
    assert doc.title == "scan_1957"
    assert doc.origin["title"] == "guessed"


def test_scanned_pdf_keeps_info_title(tmp_path: Path) -> None:
    doc = read(make_scanned_pdf(tmp_path / "scan.pdf", 2, title="Treaty of Friendship, 1961"))
    assert doc.status == "needs_ocr"
    assert doc.title == "Treaty of Friendship, 1961"
    assert doc.page_count == 2


def test_corrupt_pdf(tmp_path: Path) -> None:
    path = corrupt_pdf(tmp_path / "broken.pdf")
    with pytest.raises(ReadError) as info:
        read(path)
    assert info.value.reason.startswith("corrupt PDF (")
    assert str(info.value).startswith(f"{path}: corrupt PDF (")
    assert info.value.path == str(path)


def test_truncated_pdf(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "cut.pdf", PAGES)
    path.write_bytes(path.read_bytes()[:300])
    with pytest.raises(ReadError) as info:
        read(path)
    assert info.value.reason.startswith("corrupt PDF")
    assert str(info.value).startswith(f"{path}: corrupt PDF")


def test_empty_pdf_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    with pytest.raises(ReadError) as info:
        read(path)
    assert info.value.reason.startswith("corrupt PDF")

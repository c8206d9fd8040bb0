"""Picking a reader: content first, then the extension; a wrong extension does not fool it."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest

from fonds.errors import ReadError
from fonds.model import Source
from fonds.readers import SNIFF_BYTES, Reader, is_supported, pick_reader
from tests.files.make import (
    binary_junk,
    corrupt_pdf,
    make_docx,
    make_pdf,
    make_png,
    make_tiff,
)

HTML = (
    "<!DOCTYPE html>\n<html><head><title>Treaty of 1961</title></head><body>"
    "<p>The treaty of friendship, cooperation and mutual assistance was signed in Moscow "
    "on 6 July 1961, five days before the treaty with China.</p></body></html>\n"
)
TEI = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>'
    "<title>Telegram from Pyongyang</title></titleStmt></fileDesc></teiHeader>"
    "<text><body><p>The ambassador reported on the aid talks.</p></body></text></TEI>\n"
)
TEXT = "Journal of Ambassador Puzanov, 13 September 1957.\nThe talks on aid continued.\n"


def _pdf(path: Path) -> Path:
    return make_pdf(path, ["Memorandum of conversation on reconstruction aid."], title="Memo")


def _docx(path: Path) -> Path:
    return make_docx(path, ["The GDR brigade rebuilt Hamhung."], heading="Hamhung")


def _writer(content: str) -> Callable[[Path], Path]:
    def write(path: Path) -> Path:
        path.write_text(content, encoding="utf-8")
        return path

    return write


MAKERS: dict[str, Callable[[Path], Path]] = {
    "pdf": _pdf,
    "png": make_png,
    "tiff": make_tiff,
    "docx": _docx,
    "html": _writer(HTML),
    "tei": _writer(TEI),
    "text": _writer(TEXT),
}

CASES = [
    # (maker, file name, expected reader)
    ("pdf", "report.pdf", "pdf"),
    ("pdf", "report.txt", "pdf"),
    ("pdf", "REPORT", "pdf"),
    ("png", "scan.png", "image"),
    ("png", "scan.pdf", "image"),
    ("tiff", "scan.tiff", "image"),
    ("tiff", "scan.txt", "image"),
    ("docx", "x.docx", "docx"),
    ("docx", "x.bin", "docx"),
    ("docx", "x.pdf", "docx"),
    ("html", "page.html", "html"),
    ("html", "page.txt", "html"),
    ("html", "page.xml", "html"),
    ("tei", "telegram.xml", "tei"),
    ("tei", "telegram.txt", "tei"),
    ("tei", "telegram.html", "tei"),
    ("text", "journal.txt", "text"),
    ("text", "JOURNAL.TXT", "text"),
    ("text", "journal.md", "text"),
    ("text", "journal", "text"),
]


def pick(path: Path) -> Reader:
    return pick_reader(Path(path.name), path.read_bytes()[:SNIFF_BYTES])


@pytest.mark.parametrize(("maker", "name", "expected"), CASES, ids=[c[1] for c in CASES])
def test_pick_reader(tmp_path: Path, maker: str, name: str, expected: str) -> None:
    path = MAKERS[maker](tmp_path / name)
    assert pick(path).name == expected


@pytest.mark.parametrize(
    ("maker", "name", "expected"),
    [
        ("pdf", "report.txt", "pdf"),
        ("docx", "x.bin", "docx"),
        ("html", "page.txt", "html"),
        ("png", "scan.pdf", "image"),
    ],
)
def test_wrong_extension_is_read_by_the_sniffed_reader(
    tmp_path: Path, maker: str, name: str, expected: str
) -> None:
    path = MAKERS[maker](tmp_path / name)
    data = path.read_bytes()
    reader = pick(path)
    assert reader.name == expected
    source = Source(str(path), hashlib.sha256(data).hexdigest(), len(data), reader.media_type)
    (doc,) = reader.read(source, data)
    assert doc.source.media_type == reader.media_type
    if expected == "image":
        assert doc.status == "needs_ocr"
    else:
        assert doc.status == "ok"
        assert doc.text


def test_corrupt_pdf_named_txt_is_reported_as_pdf(tmp_path: Path) -> None:
    path = corrupt_pdf(tmp_path / "report.txt")
    data = path.read_bytes()
    reader = pick(path)
    assert reader.name == "pdf"
    source = Source(str(path), hashlib.sha256(data).hexdigest(), len(data), reader.media_type)
    with pytest.raises(ReadError) as info:
        reader.read(source, data)
    assert info.value.reason.startswith("corrupt PDF (")


def test_unknown_extension_with_text_content() -> None:
    with pytest.raises(ReadError) as info:
        pick_reader(Path("journal.xyz"), TEXT.encode())
    assert info.value.reason == "unsupported format (.xyz)"
    assert str(info.value) == "journal.xyz: unsupported format (.xyz)"
    assert info.value.path == "journal.xyz"


def test_unknown_extension_with_binary_content(tmp_path: Path) -> None:
    path = binary_junk(tmp_path / "blob.bin")
    with pytest.raises(ReadError) as info:
        pick(path)
    assert info.value.reason == "unsupported format (.bin)"
    assert str(info.value) == "blob.bin: unsupported format (.bin)"


def test_sniff_sees_only_the_head(tmp_path: Path) -> None:
    """A PDF signature past the first KiB does not make a text file a PDF."""
    head = (TEXT * 40).encode()[:2000] + b"%PDF-1.4"
    assert pick_reader(Path("journal.txt"), head[:SNIFF_BYTES]).name == "text"


@pytest.mark.parametrize(
    ("name", "supported"),
    [
        ("a.pdf", True),
        ("a.PDF", True),
        ("a.docx", True),
        ("a.xml", True),
        ("a.htm", True),
        ("a.tif", True),
        ("a.txt", True),
        ("README", True),
        ("a.xyz", False),
        ("a.doc", False),
        ("a.zip", False),
    ],
)
def test_is_supported(name: str, supported: bool) -> None:
    assert is_supported(Path(name).suffix.lower()) is supported

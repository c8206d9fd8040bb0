"""The image reader: scans are stored as needs_ocr documents with their frame count."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from fonds.errors import ReadError
from fonds.model import Document, Source, document_id
from fonds.readers import image
from tests.files.make import make_png, make_tiff


def read(path: Path) -> Document:
    data = path.read_bytes()
    source = Source(str(path), hashlib.sha256(data).hexdigest(), len(data), image.READER.media_type)
    docs = image.read(source, data)
    assert len(docs) == 1
    return docs[0]


def test_png_needs_ocr(tmp_path: Path) -> None:
    path = make_png(tmp_path / "puzanov_p1.png")
    doc = read(path)
    assert doc.status == "needs_ocr"
    assert doc.page_count == 1
    assert doc.text == ""
    assert doc.pages == ()
    assert doc.title == "puzanov_p1"
    assert doc.origin == {"title": "guessed", "page_count": "file"}
    assert doc.id == document_id(hashlib.sha256(path.read_bytes()).hexdigest(), 0)


def test_tiff_three_frames(tmp_path: Path) -> None:
    doc = read(make_tiff(tmp_path / "treaty_1961.tiff", frames=3))
    assert doc.status == "needs_ocr"
    assert doc.page_count == 3
    assert doc.text == ""
    assert doc.title == "treaty_1961"


def test_tiff_single_frame(tmp_path: Path) -> None:
    doc = read(make_tiff(tmp_path / "one.tif", frames=1))
    assert doc.page_count == 1


def test_truncated_png(tmp_path: Path) -> None:
    path = tmp_path / "cut.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"junk" * 10)
    with pytest.raises(ReadError) as info:
        read(path)
    assert info.value.reason.startswith("corrupt or unsupported image (")
    assert str(info.value).startswith(f"{path}: corrupt or unsupported image (")


def test_not_an_image(tmp_path: Path) -> None:
    path = tmp_path / "text.png"
    path.write_bytes(b"The delegation arrived in Pyongyang.")
    with pytest.raises(ReadError) as info:
        read(path)
    assert info.value.reason.startswith("corrupt or unsupported image (cannot identify image file")

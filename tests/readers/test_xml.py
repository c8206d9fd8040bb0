"""Other XML: the events of the FRUS history site (not TEI), and XML we write."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from fonds.errors import ReadError
from fonds.model import Source
from fonds.readers import pick_reader, xml
from tests.conftest import CORPUS, need_corpus


def read(path: Path, data: bytes | None = None) -> list:  # type: ignore[type-arg]
    data = path.read_bytes() if data is None else data
    return xml.read(
        Source(str(path), hashlib.sha256(data).hexdigest(), len(data), "application/xml"), data
    )


def test_frus_event_record() -> None:
    need_corpus()
    path = CORPUS / "frus-history" / "events" / "3.xml"
    assert pick_reader(path, path.read_bytes()[:8192]).name == "xml"
    doc = read(path)[0]
    assert doc.title.startswith("Panels on Crisis and Change in FRUS at the Society for History")
    assert str(doc.date) == "2011-02-15"
    assert "Crisis and Change in the Foreign Relations of the United States Series" in " ".join(
        doc.text.split()
    )
    assert "<" not in doc.text


def test_written_record_and_hostile_xml(tmp_path: Path) -> None:
    record = b'<?xml version="1.0"?><record><name>Cable 412</name><issued>1953-09-21</issued><body><p>Soviet <em>aid</em> agreed.</p><p>Next.</p></body></record>'
    doc = read(tmp_path / "r.xml", record)[0]
    assert (doc.title, str(doc.date), doc.text) == (
        "Cable 412",
        "1953-09-21",
        "Cable 412\n\n1953-09-21\n\nSoviet aid agreed.\n\nNext.",
    )
    xxe = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]><r>&e;</r>'
    with pytest.raises(ReadError, match="XML declares entities"):
        read(tmp_path / "x.xml", xxe)
    with pytest.raises(ReadError, match="malformed XML at line 1"):
        read(tmp_path / "t.xml", b'<?xml version="1.0"?><r><p>cut')

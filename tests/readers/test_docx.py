"""The DOCX reader on Word files written at test time with a real footnotes part."""

from __future__ import annotations

import hashlib
import io
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from fonds.errors import ReadError
from fonds.model import DateRange, Document, Note, Section, Source
from fonds.readers import docx
from tests.files.make import REF, make_docx, rewrite_zip, truncated_xml

HEADING = "Reconstruction of Hamhung, 1955-1957"
PARAGRAPHS = [
    "The GDR brigade arrived in Hamhung in the spring of 1955 with plans for the whole city.",
    "By 1956 some 1,600 flats, a hospital and the fertilizer plant had been rebuilt.",
    "The Korean side asked for a second five-year programme of aid from Berlin.",
]
NOTES = {
    0: "PAAA, MfAA, A 7014, pp. 12-15.",
    2: "Note of the Embassy, 13 September 1957 (Kádár Sándor reported the same figures).",
}


def read(path: Path) -> Document:
    data = path.read_bytes()
    source = Source(str(path), hashlib.sha256(data).hexdigest(), len(data), docx.READER.media_type)
    docs = docx.read(source, data)
    assert len(docs) == 1
    return docs[0]


def test_made_docx_has_a_real_footnotes_part(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "h.docx", PARAGRAPHS, NOTES, heading=HEADING)
    with zipfile.ZipFile(path) as archive:
        rels = archive.read("word/_rels/document.xml.rels").decode()
        types = archive.read("[Content_Types].xml").decode()
        footnotes = archive.read("word/footnotes.xml").decode()
        document = archive.read("word/document.xml").decode()
    assert (
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" '
        'Target="footnotes.xml"' in rels
    )
    assert (
        '<Override PartName="/word/footnotes.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>' in types
    )
    assert 'w:type="separator" w:id="-1"' in footnotes
    assert 'w:type="continuationSeparator" w:id="0"' in footnotes
    assert '<w:footnote w:id="1">' in footnotes and '<w:footnote w:id="2">' in footnotes
    assert '<w:footnoteReference w:id="1"/>' in document
    assert '<w:footnoteReference w:id="2"/>' in document
    assert '<w:rStyle w:val="FootnoteReference"/>' in document
    # python-docx itself opens the package and sees the footnotes relationship
    import docx as python_docx

    part = python_docx.Document(str(path)).part
    assert any(rel.reltype.endswith("/footnotes") for rel in part.rels.values())


def test_heading_paragraphs_footnotes(tmp_path: Path) -> None:
    doc = read(make_docx(tmp_path / "hamhung.docx", PARAGRAPHS, NOTES, heading=HEADING))
    assert doc.text == "\n\n".join([HEADING, *PARAGRAPHS])
    assert doc.sections == (Section(HEADING, 0, len(doc.text)),)
    assert [n.label for n in doc.notes] == ["1", "2"]
    assert [n.text for n in doc.notes] == [
        "PAAA, MfAA, A 7014, pp. 12-15.",
        "Note of the Embassy, 13 September 1957 (Kádár Sándor reported the same figures).",
    ]
    first, second = doc.notes
    assert first.marker_offset is not None and second.marker_offset is not None
    assert doc.text[: first.marker_offset].endswith(PARAGRAPHS[0])
    assert doc.text[: second.marker_offset].endswith(PARAGRAPHS[2])
    assert first.marker_offset == 38 + len(PARAGRAPHS[0])
    assert second.marker_offset == len(doc.text)
    assert doc.notes == (
        Note("1", "PAAA, MfAA, A 7014, pp. 12-15.", 125),
        Note(
            "2",
            "Note of the Embassy, 13 September 1957 (Kádár Sándor reported the same figures).",
            len(doc.text),
        ),
    )


def test_title_and_metadata(tmp_path: Path) -> None:
    doc = read(make_docx(tmp_path / "hamhung.docx", PARAGRAPHS, NOTES, heading=HEADING))
    assert doc.title == HEADING
    assert doc.authors == ()
    assert doc.origin["title"] == "guessed"


def test_core_properties(tmp_path: Path) -> None:
    path = make_docx(
        tmp_path / "props.docx",
        PARAGRAPHS,
        title="Report on Hamhung",
        author="DAG Hamhung; Embassy of the GDR",
        created=datetime(1957, 9, 13, 10, 30, tzinfo=UTC),
    )
    doc = read(path)
    assert doc.title == "Report on Hamhung"
    assert doc.authors == ("DAG Hamhung", "Embassy of the GDR")
    assert doc.date == DateRange("1957-09-13")
    assert doc.origin == {"title": "file", "authors": "file", "date": "guessed"}
    assert doc.notes == ()
    assert doc.sections == ()


def test_marker_in_the_middle_of_a_paragraph(tmp_path: Path) -> None:
    paragraph = f"The credit of 300 million rubles{REF} was approved in Moscow."
    doc = read(make_docx(tmp_path / "mid.docx", [paragraph], {0: "Pravda, 13 September 1957."}))
    assert doc.text == "The credit of 300 million rubles was approved in Moscow."
    (note,) = doc.notes
    assert note.marker_offset == 32
    assert doc.text[: note.marker_offset].endswith("300 million rubles")


def test_marker_after_collapsed_spaces(tmp_path: Path) -> None:
    """Normalization collapses the runs of spaces before the marker: the offset must follow."""
    paragraph = f"The   credit of  300 million rubles{REF} was approved in Moscow."
    doc = read(make_docx(tmp_path / "spaces.docx", [paragraph], {0: "Pravda, 13 September 1957."}))
    assert doc.text == "The credit of 300 million rubles was approved in Moscow."
    (note,) = doc.notes
    assert doc.text[: note.marker_offset].endswith("300 million rubles")
    assert note.marker_offset == 32


def test_xxe_in_footnotes_is_refused(tmp_path: Path) -> None:
    hostile = (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b'<!DOCTYPE w:footnotes [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        b'<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b'<w:footnote w:id="1"><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:footnote></w:footnotes>'
    )
    path = make_docx(tmp_path / "xxe.docx", PARAGRAPHS, {0: "x"}, footnotes_xml=hostile)
    with pytest.raises(ReadError) as info:
        read(path)
    assert info.value.reason == "XML declares entities (refused: external or expanding entities)"
    assert str(info.value) == (
        f"{path}: XML declares entities (refused: external or expanding entities)"
    )


def test_xxe_in_document_part_does_not_leak(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "xxe-body.docx", ["Aid was granted by the committee."])
    with zipfile.ZipFile(path) as archive:
        body = archive.read("word/document.xml")
    body = body.replace(
        b"?>", b'?>\n<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', 1
    ).replace(b"Aid was granted", b"Aid &xxe; was granted")
    rewrite_zip(path, {"word/document.xml": body})
    try:
        doc = read(path)
    except ReadError as exc:  # refusing like the footnotes part is fine too
        assert exc.reason == "XML declares entities (refused: external or expanding entities)"
    else:
        assert "root:" not in doc.text


def test_truncated_footnotes_part(tmp_path: Path) -> None:
    hostile = truncated_xml(tmp_path / "cut.xml").read_bytes()
    path = make_docx(tmp_path / "cut.docx", PARAGRAPHS, {0: "x"}, footnotes_xml=hostile)
    with pytest.raises(ReadError) as info:
        read(path)
    assert info.value.reason == "malformed XML at line 5: Premature end of data in tag p line 5"
    assert str(info.value) == (
        f"{path}: malformed XML at line 5: Premature end of data in tag p line 5"
    )


def test_corrupt_docx_zip_junk(tmp_path: Path) -> None:
    path = tmp_path / "junk.docx"
    path.write_bytes(b"PK\x03\x04" + b"\x00\x17junk" * 200)
    with pytest.raises(ReadError) as info:
        read(path)
    assert info.value.reason == "corrupt DOCX (File is not a zip file)"
    assert str(info.value) == f"{path}: corrupt DOCX (File is not a zip file)"


def test_corrupt_docx_zip_without_word_parts(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "not a Word document")
    path = tmp_path / "other.docx"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(ReadError) as info:
        read(path)
    assert info.value.reason.startswith("corrupt DOCX (")
    assert "[Content_Types].xml" in info.value.reason
    assert str(info.value).startswith(f"{path}: corrupt DOCX (")


def test_docx_without_text(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "blank.docx", ["", "   "])
    with pytest.raises(ReadError) as info:
        read(path)
    assert info.value.reason == "DOCX without text"
    assert str(info.value) == f"{path}: DOCX without text"

"""The TEI reader on the FRUS history corpus, plus small TEI strings written here."""

from __future__ import annotations

import hashlib
import re
import time
from pathlib import Path

import pytest

from fonds.errors import ReadError
from fonds.model import DateRange, Document, Section, Source, document_id
from fonds.readers import tei
from fonds.text import normalize

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
FRUS = CORPUS / "frus-history"
DOCUMENTS = FRUS / "documents"
MONOGRAPH = FRUS / "monograph" / "frus-history.xml"

DOC_DIV = re.compile(r'<div\b[^>]*\btype="document"')


def need_corpus() -> None:
    if not FRUS.is_dir():
        pytest.skip("../shared/corpus is not beside the checkout")


def source_for(path: str, data: bytes) -> Source:
    return Source(path, hashlib.sha256(data).hexdigest(), len(data), "application/tei+xml")


def read_file(path: Path) -> list[Document]:
    data = path.read_bytes()
    return tei.read(source_for(str(path), data), data)


def read_string(xml: str, name: str = "test.xml") -> list[Document]:
    data = xml.encode()
    return tei.read(source_for(name, data), data)


def check_offsets(doc: Document) -> None:
    assert doc.text == normalize(doc.text)
    for note in doc.notes:
        assert note.marker_offset is not None and 0 <= note.marker_offset <= len(doc.text)
    for section in doc.sections:
        assert 0 <= section.start <= section.end <= len(doc.text)
        assert doc.text[section.start :].replace("\n", " ").startswith(section.title)


# --- FRUS documents -----------------------------------------------------------------------


def test_one_document_per_document_div() -> None:
    need_corpus()
    files = sorted(DOCUMENTS.glob("*.xml"))
    assert files
    for path in files:
        docs = read_file(path)
        expected = len(DOC_DIV.findall(path.read_text(encoding="utf-8")))
        assert len(docs) == expected, path.name
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
        for position, doc in enumerate(docs):
            assert doc.position == position
            assert doc.id == document_id(sha, position)
            assert doc.title.strip(), path.name
            assert doc.origin["title"] == "file"
            check_offsets(doc)
        assert len({doc.id for doc in docs}) == len(docs)


def test_kennan_leopold_correspondence() -> None:
    need_corpus()
    docs = read_file(DOCUMENTS / "1957-03-21-kennan-to-leopold.xml")
    assert len(docs) == 4
    first = docs[0]
    assert first.title == "Richard W. Leopold to George F. Kennan"
    assert first.date is not None and str(first.date) == "1957-02-03"
    assert first.date.precision == "day"
    assert first.origin["date"] == "file"
    assert first.text.startswith("Richard W. Leopold to George F. Kennan\n\n3 February 1957\n\n")
    assert [str(d.date) for d in docs] == ["1957-02-03", "1957-03-08", "1957-03-13", "1957-03-21"]
    # the "Source:" paragraph before the divs is every document's archival citation
    for doc in docs:
        assert doc.archive_citation is not None
        assert doc.archive_citation.startswith("Source: Department of State, Bureau of Public")
        assert "Lot File 96 D 292" in doc.archive_citation
        assert "Source:" not in doc.text


def test_meeting_minutes_date_range() -> None:
    need_corpus()
    (doc,) = read_file(DOCUMENTS / "1958-11-07-hac-meeting-minutes.xml")
    assert doc.title == (
        "Transcript of 1958 Meeting of the Advisory Committee on "
        "Foreign Relations of the United States"
    )
    assert doc.date == DateRange("1958-11-07", "1958-11-08")  # dateline "November 7-8, 1958"


def test_telegram_dateline_with_place_and_time() -> None:
    need_corpus()
    (doc,) = read_file(DOCUMENTS / "2002-08-19-athens-02867.xml")
    assert doc.title == "Telegram From the Embassy in Greece to the Department of State"
    assert doc.date == DateRange("2002-08-19")  # "Athens, August 19, 2002, 1425Z"


def test_header_date_only_for_a_single_document_without_dateline() -> None:
    need_corpus()
    (doc,) = read_file(DOCUMENTS / "1990-10-25-rawls-to-darman.xml")
    assert doc.title.startswith("Draft Letter From W. Lee Rawls (Assistant Attorney General)")
    assert doc.date == DateRange("1990-10-25")  # <date type="created" when="1990-10-25">
    docs = read_file(DOCUMENTS / "1976-11-17-blair-to-kissinger.xml")
    assert [str(d.date) if d.date else None for d in docs] == [
        "1976-11-17",
        "1976-12-07",
        None,  # no dateline, several documents: the header date is not theirs
        None,
    ]


def test_dates_from_dateline_markup_and_text() -> None:
    need_corpus()
    dateline = re.compile(r"<dateline\b[^>]*>(.*?)</dateline>", re.S)
    when = re.compile(r'<date\b[^>]*\bwhen="(\d{4}(?:-\d{2}(?:-\d{2})?)?)')
    checked = 0
    for path in sorted(DOCUMENTS.glob("*.xml")):
        raw = path.read_text(encoding="utf-8")
        chunks = DOC_DIV.split(raw)[1:]  # one chunk per document div, in order
        for doc, chunk in zip(read_file(path), chunks, strict=True):
            found = dateline.search(chunk)
            if found is None:
                continue
            checked += 1
            assert doc.date is not None, (path.name, doc.position)
            if marked := when.search(found.group(1)):
                assert doc.date.start == marked.group(1), path.name
            else:  # parsed from the text: the year is the dateline's own
                assert doc.date.start[:4] in found.group(1), path.name
    assert checked > 60


def test_date_in_dateline_markup_wins_and_is_truncated() -> None:
    docs = read_string(
        f"""<TEI xmlns="{tei.TEI_NS}"><teiHeader/><text><body>
        <div type="document"><head>One</head>
          <opener><dateline>Paris, <date when="1957-09-13T10:30:00Z">the 13th</date></dateline>
          </opener><p>a</p></div>
        <div type="document"><head>Two</head>
          <dateline><date from="1957-09" to="1957-10">autumn</date></dateline><p>b</p></div>
        <div type="document"><head>Three</head><dateline>Washington, May 5, 1958</dateline></div>
        <div type="document"><head>Four</head>
          <dateline><date when="1957-02-30">bad day</date> 1957</dateline></div>
        </body></text></TEI>"""
    )
    assert [str(d.date) for d in docs] == ["1957-09-13", "1957-09/1957-10", "1958-05-05", "1957"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3 February 1957", "1957-02-03"),
        ("February 3, 1957", "1957-02-03"),
        ("Sept. 3, 1957", "1957-09-03"),
        ("March 1957", "1957-03"),
        ("Washington, May 5, 1958", "1958-05-05"),
        ("1957", "1957"),
        ("November 4, 1960 9:08 a.m. to 12:30 p.m.", "1960-11-04"),
        ("June 20-August 31, 1961", "1961-06-20/1961-08-31"),
        ("7–8 November 1958", "1958-11-07/1958-11-08"),
        ("Secretary’s Conference Room, November 12, 1976", "1976-11-12"),
        ("Athens, August 19, 2002, 1425Z", "2002-08-19"),
    ],
)
def test_date_from_text(text: str, expected: str) -> None:
    assert str(tei.date_from_text(text)) == expected


def test_date_from_text_without_a_date() -> None:
    assert tei.date_from_text("Room 1105, New State") is None
    assert tei.date_from_text("") is None


# --- whole-text files: articles, milestones, the monograph ---------------------------------


def test_articles_and_chapters_are_one_document_with_sections() -> None:
    need_corpus()
    paths = sorted((CORPUS / "milestones" / "chapters").glob("*.xml"))
    paths += [
        p for p in sorted((FRUS / "articles").glob("*.xml")) if not DOC_DIV.search(p.read_text())
    ]
    assert len(paths) > 40
    for path in paths:
        (doc,) = read_file(path)
        assert doc.title.strip()
        check_offsets(doc)
    (chapter,) = read_file(CORPUS / "milestones" / "chapters" / "1750-1775.xml")
    assert chapter.title == "Milestones: 1750–1775"
    assert chapter.date is None
    assert chapter.sections[0].title == "1750–1775: Diplomatic Struggles in the Colonial Period"
    assert chapter.sections[0].start == 0


def test_monograph_notes_and_sections() -> None:
    need_corpus()
    raw = MONOGRAPH.read_text(encoding="utf-8")
    body = raw[raw.index("<text") :]
    started = time.perf_counter()
    (doc,) = read_file(MONOGRAPH)
    elapsed = time.perf_counter() - started
    assert elapsed < 2.0

    assert len(doc.notes) == len(re.findall(r"<note\b", body)) > 1000
    assert [n.label for n in doc.notes] == re.findall(r'<note\b[^>]*\bn="([^"]*)"', body)
    offsets = [n.marker_offset or 0 for n in doc.notes]
    assert offsets == sorted(offsets)
    check_offsets(doc)

    first = doc.notes[0]
    assert first.label == "1"
    assert first.text.startswith("Congressional Record—Senate, Vol. 136, Pt. 22, October 19, 1990")
    assert doc.text[: first.marker_offset].endswith("—Senator Claiborne Pell, 1990")
    assert "Congressional Record—Senate, Vol. 136" not in doc.text

    titles = [s.title for s in doc.sections]
    assert "Chapter 1: The Parameters of Openness and Executive Discretion" in " ".join(titles)
    # a note inside a chapter head stays out of the section title
    assert "Chapter 12: Implementing the FRUS Statute, 1992–2002" in titles


# --- small TEI strings --------------------------------------------------------------------


def test_flattening_blocks_inline_elements_and_notes() -> None:
    (doc,) = read_string(
        f"""<TEI xmlns="{tei.TEI_NS}"><teiHeader><fileDesc><titleStmt>
        <title type="short">Short</title><title type="complete">Full   title</title>
        </titleStmt></fileDesc></teiHeader>
        <text><body><div><head>Part <hi>One</hi></head>
          <p>The  <persName>Secretary</persName> said<note n="7">A <hi>note</hi>
             <note>nested</note>.</note> that<lb/>it was   late.</p>
          <list><item>first</item><item>second<pb n="2"/> page</item></list>
          <p>Seen<note type="source">Archive, box 1.</note></p>
        </div></body></text></TEI>"""
    )
    assert doc.title == "Full title"
    assert (
        doc.text
        == "Part One\n\nThe Secretary said that\nit was late.\n\nfirst\n\nsecond page\n\nSeen"
    )
    note, source = doc.notes
    assert (note.label, note.text) == ("7", "A note nested.")
    assert doc.text[: note.marker_offset].endswith("The Secretary said")
    assert (source.label, source.text, source.marker_offset) == (
        "source",
        "Archive, box 1.",
        len(doc.text),
    )
    assert doc.archive_citation == "Archive, box 1."
    assert doc.sections == (Section("Part One", 0, len(doc.text)),)
    assert doc.pages == (0, doc.text.index("page"))


def test_external_entity_is_refused() -> None:
    xml = (
        '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n'
        f'<TEI xmlns="{tei.TEI_NS}"><text><body><p>&e;</p></body></text></TEI>'
    )
    with pytest.raises(ReadError, match="entities"):
        read_string(xml)


def test_truncated_tei_is_malformed_with_a_line() -> None:
    xml = f'<TEI xmlns="{tei.TEI_NS}">\n<text>\n<body>\n<p>cut off he'
    with pytest.raises(ReadError, match=r"malformed XML at line \d+") as info:
        read_string(xml, "cut.xml")
    assert info.value.path == "cut.xml"


def test_tei_without_text_or_with_another_root() -> None:
    with pytest.raises(ReadError, match="TEI without <text>"):
        read_string(f'<TEI xmlns="{tei.TEI_NS}"><teiHeader/></TEI>')
    with pytest.raises(ReadError, match="not a TEI document"):
        read_string("<event><title>x</title></event>")


# --- sniffing -----------------------------------------------------------------------------


def test_sniff() -> None:
    assert tei.sniff(f'<?xml version="1.0"?>\n<TEI xmlns="{tei.TEI_NS}">\n'.encode())
    assert tei.sniff(b'<?xml version="1.0"?>\n<TEI.2 lang="en"><teiHeader>')
    assert not tei.sniff(b'<html xmlns="http://www.w3.org/1999/xhtml"><body>TEI</body></html>')
    assert not tei.sniff(b"Dear Kennan: Here are a few stray notes on the TEI.\n")
    assert not tei.sniff(bytes(range(256)) * 8)
    if FRUS.is_dir():
        assert tei.sniff(MONOGRAPH.read_bytes()[:8192])
        assert not tei.sniff((FRUS / "events" / "1.xml").read_bytes()[:8192])

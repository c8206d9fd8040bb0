"""Exports compared with written-out expected strings."""

from __future__ import annotations

import json

import pytest

from fonds.errors import UsageError
from fonds.export import FORMATS, bibtex, chicago, csl_json, get
from fonds.model import DateRange, Document, Source

DOC = Document(
    id="abc123",
    source=Source("/x.txt", "0" * 64, 1, "text/plain"),
    title="Memorandum of Conversation with Kim Il Sung",
    text="...",
    date=DateRange("1957-09-13"),
    type="memorandum of conversation",
    authors=("Alexander Puzanov",),
    archive_citation="AVPRF, f. 0102, op. 13, p. 72, d. 5, ll. 141-98",
    collection="fonds demo",
    translator="Gary Goldberg",
    source_url="https://example.org/doc/1",
    language="en",
)
ROWS = [
    {
        "kind": "archival",
        "raw": "RGANI, f. 5, op. 28, d. 412, pp. 164-67",
        "archive": "RGANI",
        "canonical": "RGANI f.5 op.28 d.412",
    },
    {
        "kind": "ibid",
        "raw": "Ibid, pp. 170-72",
        "archive": "RGANI",
        "canonical": "RGANI f.5 op.28 d.412",
    },
    {
        "kind": "archival",
        "raw": "TsKhSD, f. 5, op. 28, d. 412, p. 9",
        "archive": "RGANI",
        "canonical": "RGANI f.5 op.28 d.412",
    },
    {
        "kind": "book",
        "raw": "Andrei Lankov, Crisis in North Korea (Honolulu: University of Hawaii Press, 2005)",
        "archive": None,
        "canonical": "lankov|crisis north korea",
        "fields": {
            "type": "book",
            "author": "Andrei Lankov",
            "title": "Crisis in North Korea",
            "place": "Honolulu",
            "publisher": "University of Hawaii Press",
            "year": "2005",
        },
    },
    {
        "kind": "short",
        "raw": "Lankov, Crisis, 12",
        "archive": None,
        "canonical": "lankov|crisis north korea",
    },
]


def test_chicago_document() -> None:
    assert chicago.document(DOC) == (
        "Puzanov, Alexander. “Memorandum of Conversation with Kim Il Sung.” September 13, 1957. "
        "Translated by Gary Goldberg. AVPRF, f. 0102, op. 13, p. 72, d. 5, ll. 141-98. fonds demo. "
        "https://example.org/doc/1."
    )


def test_chicago_bibliography_groups_by_archive_once_per_file() -> None:
    assert chicago.bibliography(DOC, ROWS) == (
        "Russian State Archive of Contemporary History (Rossiiskii gosudarstvennyi arkhiv noveishei istorii) (RGANI)\n"
        "    RGANI f.5 op.28 d.412.\n"
        "Published sources\n"
        "    Lankov, Andrei. Crisis in North Korea. Honolulu: University of Hawaii Press, 2005."
    )


ARTICLE = {
    "kind": "article",
    "raw": "...",
    "canonical": "koh|impact chinese model",
    "fields": {
        "type": "article",
        "author": "B. C. Koh",
        "title": "The Impact of the Chinese Model on North Korea",
        "container": "Asian Survey",
        "volume": "18",
        "issue": "6",
        "year": "1978",
        "date": "June 1978",
        "pages": "626-643",
    },
}
CHAPTER = {
    "kind": "book",
    "raw": "...",
    "canonical": "paige|north korea emulation",
    "fields": {
        "type": "chapter",
        "author": "Glenn D. Paige",
        "title": "North Korea and the Emulation of Russian and Chinese Behavior",
        "editor": "A. Doak Barnett",
        "container": "Communist Strategies in Asia",
        "place": "New York",
        "publisher": "Praeger",
        "year": "1963",
    },
}
KOREAN_AUTHOR = {
    "kind": "book",
    "raw": "...",
    "canonical": "kim|all postwar",
    "fields": {
        "type": "book",
        "author": "Kim Il Sung",
        "title": "All for the Postwar Rehabilitation",
        "year": "1954",
    },
}


def test_chicago_entries_for_published_works() -> None:
    entries = chicago.bibliography(DOC, [ARTICLE, CHAPTER, KOREAN_AUTHOR]).splitlines()
    assert entries == [
        "Published sources",
        "    Kim Il Sung. All for the Postwar Rehabilitation. 1954.",
        "    Koh, B. C. “The Impact of the Chinese Model on North Korea.” Asian Survey 18, no. 6 (June 1978): 626-643.",
        "    Paige, Glenn D. “North Korea and the Emulation of Russian and Chinese Behavior.” "
        "In Communist Strategies in Asia, edited by A. Doak Barnett. New York: Praeger, 1963.",
    ]


def test_csl_and_bibtex_items_for_published_works() -> None:
    article, chapter, korean = json.loads(
        csl_json.bibliography(DOC, [ARTICLE, CHAPTER, KOREAN_AUTHOR])
    )
    assert article == {
        "id": "koh|impact chinese model",
        "type": "article-journal",
        "author": [{"family": "Koh", "given": "B. C."}],
        "title": "The Impact of the Chinese Model on North Korea",
        "container-title": "Asian Survey",
        "volume": "18",
        "issue": "6",
        "page": "626-643",
        "issued": {"date-parts": [[1978, 6]]},
    }
    assert chapter["type"] == "chapter" and chapter["editor"] == [
        {"family": "Barnett", "given": "A. Doak"}
    ]
    assert korean["author"] == [{"family": "Kim", "given": "Il Sung"}]
    assert bibtex.bibliography(DOC, [ARTICLE, CHAPTER]) == (
        "@article{kohimpactchinesemodel,\n"
        "  author = {Koh, B. C.},\n"
        "  title = {The Impact of the Chinese Model on North Korea},\n"
        "  journal = {Asian Survey},\n"
        "  volume = {18},\n"
        "  number = {6},\n"
        "  pages = {626--643},\n"
        "  year = {1978}\n"
        "}\n\n"
        "@incollection{paigenorthkoreaemulation,\n"
        "  author = {Paige, Glenn D.},\n"
        "  editor = {Barnett, A. Doak},\n"
        "  title = {North Korea and the Emulation of Russian and Chinese Behavior},\n"
        "  booktitle = {Communist Strategies in Asia},\n"
        "  publisher = {Praeger},\n"
        "  address = {New York},\n"
        "  year = {1963}\n"
        "}"
    )


def test_csl_json_document() -> None:
    item = json.loads(csl_json.document(DOC))[0]
    assert item == {
        "id": "abc123",
        "type": "manuscript",
        "title": "Memorandum of Conversation with Kim Il Sung",
        "author": [{"family": "Puzanov", "given": "Alexander"}],
        "issued": {"date-parts": [[1957, 9, 13]]},
        "translator": [{"family": "Goldberg", "given": "Gary"}],
        "archive_location": "AVPRF, f. 0102, op. 13, p. 72, d. 5, ll. 141-98",
        "collection-title": "fonds demo",
        "URL": "https://example.org/doc/1",
        "language": "en",
        "genre": "memorandum of conversation",
    }
    items = json.loads(csl_json.bibliography(DOC, ROWS))
    assert [i["type"] for i in items] == ["manuscript", "book"]
    assert items[0]["archive"].startswith("Russian State Archive of Contemporary History")


def test_bibtex_document_escapes() -> None:
    odd = Document(
        id="x1",
        source=DOC.source,
        title="Aid & credits: 100% {draft}",
        text="",
        date=DateRange("1954", "1956"),
    )
    assert bibtex.document(odd) == (
        "@misc{fondsx1,\n"
        "  title = {Aid \\& credits: 100\\% \\{draft\\}},\n"
        "  year = {1954},\n"
        "  date = {1954/1956},\n"
        "  howpublished = {1954–1956}\n"
        "}"
    )


def test_unknown_format() -> None:
    assert set(FORMATS) == {"chicago", "csl-json", "bibtex"}
    with pytest.raises(
        UsageError, match="unknown export format 'mla' \\(known: chicago, csl-json, bibtex\\)"
    ):
        get("mla")

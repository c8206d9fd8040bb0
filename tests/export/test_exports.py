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
        "    Andrei Lankov, Crisis in North Korea (Honolulu: University of Hawaii Press, 2005)."
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

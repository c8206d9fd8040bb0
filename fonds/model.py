"""The core records of fonds: documents, their sources, notes, sections, and search results.

Offsets are indices into ``Document.text`` (a Python ``str`` in NFC), half-open ``[start, end)``.
Every extracted item keeps its offsets: that is the provenance rule. This module imports
nothing else from fonds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

Origin = Literal["file", "sidecar", "guessed", "ocr", "edited"]


@dataclass(frozen=True, slots=True)
class Source:
    """The file a document was read from."""

    path: str  # as given, resolved
    sha256: str
    size: int
    media_type: str  # what sniffing decided: "application/pdf", "application/tei+xml"...


@dataclass(frozen=True, slots=True)
class DateRange:
    """A date as ISO text at its own precision (``1957``, ``1957-09``, ``1957-09-13``)."""

    start: str
    end: str | None = None  # for ranges; same precision rules

    @property
    def precision(self) -> str:
        """``year``, ``month`` or ``day``: the precision of the start."""
        return {4: "year", 7: "month"}.get(len(self.start), "day")

    def __str__(self) -> str:
        return self.start if self.end in (None, self.start) else f"{self.start}/{self.end}"


@dataclass(frozen=True, slots=True)
class Section:
    """A titled part of a document: ``text[start:end]``."""

    title: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Note:
    """A footnote or endnote: its label as printed, its text, and where its marker sits."""

    label: str  # as printed: "12", "xlvi", "*"
    text: str
    marker_offset: int | None  # where the marker sits in Document.text; None if not linked
    raw_span: tuple[int, int] | None = None  # where the note stood in the text as read


# The columns of an authority row (fonds/data/authority.csv, users' entries in the store).
AUTHORITY_COLUMNS = (
    "id",
    "type",
    "name",
    "variants",
    "native",
    "born",
    "died",
    "roles",
    "country",
    "wikidata",
    "source",
)


@dataclass(frozen=True, slots=True)
class Mention:
    """A person, place or organization named in ``Document.text[start:end]``: an authority
    entry (``entity_id``) or, with ``entity_id`` None, a candidate known by its ``key``."""

    start: int
    end: int
    kind: str  # person | place | org
    entity_id: str | None
    confidence: float
    key: str = ""  # comparison key of the name as written (romanization-independent)

    def __reduce__(self) -> tuple[type[Mention], tuple[Any, ...]]:
        # Pickled by position: ingest sends thousands from reader processes (3x faster).
        return (
            Mention,
            (self.start, self.end, self.kind, self.entity_id, self.confidence, self.key),
        )


@dataclass(frozen=True, slots=True)
class Fact:
    """A figure or a date stated in ``Document.text[start:end]`` (or, with ``note`` set, in
    that note's text): money, a quantity, a percentage or a date, with its parsed
    ``value`` (``{"amount": 8e8, "currency": "CNY", "year": 1953, "usd": 3.2e8, ...}``)
    and what it is about (``subject``: aid, loan, damage, budget...)."""

    start: int
    end: int
    kind: str  # money | quantity | percent | date
    value: Mapping[str, Any]
    subject: str | None = None
    note: str | None = None  # the label of the note it stands in; None: the body text

    def __reduce__(self) -> tuple[type[Fact], tuple[Any, ...]]:
        return (Fact, (self.start, self.end, self.kind, self.value, self.subject, self.note))


@dataclass(frozen=True, slots=True, kw_only=True)
class Document:
    """One document of the archive, with its metadata, text, pages, sections and notes."""

    id: str  # stable: hash(source sha256, position in source)
    source: Source
    title: str
    text: str
    date: DateRange | None = None
    type: str | None = None
    language: str | None = None
    authors: tuple[str, ...] = ()
    collection: str | None = None
    archive_citation: str | None = None
    translator: str | None = None
    source_url: str | None = None
    rights: str | None = None
    pages: tuple[int, ...] = ()  # start offset of each page in text
    page_count: int | None = None
    sections: tuple[Section, ...] = ()
    notes: tuple[Note, ...] = ()
    citations: tuple[Any, ...] = ()  # extract.citations.Citation records
    mentions: tuple[Mention, ...] = ()  # names of persons, places and organizations in text
    facts: tuple[Fact, ...] = ()  # money, quantities, percentages and dates, with offsets
    removed: tuple[tuple[int, int], ...] = ()  # spans of raw_text cut out by text steps
    raw_text: str | None = None  # the text as read, when extractors cut furniture or notes from it
    status: str = "ok"  # "ok" | "needs_ocr"
    origin: Mapping[str, Origin] = field(default_factory=dict)  # field name -> origin of value
    position: int = 0  # position of the document within its source file


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result."""

    id: str
    title: str
    date: str | None
    score: float
    snippet: str  # HTML-escaped text with matches in <b>...</b>
    source: str
    type: str | None = None


@dataclass(frozen=True, slots=True)
class SearchPage:
    """A page of search results, the total count and facet counts over all matches."""

    total: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]]
    offset: int = 0
    limit: int = 10


@dataclass(frozen=True, slots=True)
class Stats:
    """Counts and sizes of an archive."""

    documents: int
    sources: int
    notes: int
    text_bytes: int
    db_bytes: int
    index_bytes: int
    by_type: dict[str, int]
    by_language: dict[str, int]
    by_decade: dict[str, int]
    by_status: dict[str, int]


def document_id(sha256: str, position: int) -> str:
    """The stable id of the document at ``position`` in the source with this content hash."""
    import hashlib

    return hashlib.sha256(f"{sha256}:{position}".encode()).hexdigest()[:16]

"""The storage seam: one small protocol that every backend implements.

The SQLite backend (``sqlite.py``) keeps the records; the embedded Tantivy index
(``index.py``) is derived from them. A PostgreSQL backend is an added module.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from fonds.model import Document, Hit, SearchPage, Source, Stats
from fonds.store.query import Query

if TYPE_CHECKING:
    from fonds.config import Settings


@dataclass(frozen=True, slots=True)
class Incoming:
    """A file read and processed, ready to be stored."""

    source: Source
    docs: tuple[Document, ...]
    path: str
    mtime_ns: int
    meta_hash: str


@dataclass(frozen=True, slots=True)
class FactFilter:
    """Which facts to read: those matching every field given (``entity``: an authority id
    the fact's sentence names), the first ``limit`` of them (None: all)."""

    kind: str | None = None
    currency: str | None = None
    year: int | None = None
    entity: str | None = None
    document: str | None = None
    subject: str | None = None
    limit: int | None = 10_000


@dataclass(slots=True)
class Change:
    """What storing one file did."""

    path: str
    status: str  # "added" | "updated" | "unchanged"
    put: list[Document] = field(default_factory=list)  # documents to (re)index
    new: set[str] = field(default_factory=set)  # ids never stored before (no index delete needed)
    deleted: list[str] = field(default_factory=list)  # ids to drop from the index
    note: str = ""


@dataclass(frozen=True, slots=True)
class PathState:
    sha256: str
    size: int
    mtime_ns: int
    meta_hash: str


class Store(Protocol):
    """What fonds needs from a backend. Reads may run on any thread; writes on one."""

    def path_states(self, paths: Sequence[str]) -> dict[str, PathState]: ...
    def paths_for(self, sha256: str) -> list[str]: ...
    def save(self, incoming: Sequence[Incoming]) -> list[Change]: ...
    def document(self, doc_id: str) -> Document: ...
    def documents(self, ids: Sequence[str], *, mentions: bool = True) -> dict[str, Document]: ...
    def iter_documents(self, batch: int = 500) -> Iterator[Document]: ...
    def search(self, query: Query) -> SearchPage: ...
    def similar(self, doc_id: str, limit: int = 10) -> list[Hit]: ...
    def stats(self) -> Stats: ...
    def citations(
        self,
        *,
        document: str | None = None,
        archive: str | None = None,
        kind: str | None = None,
        canonical: str | None = None,
        work: str | None = None,
        limit: int = 10_000,
    ) -> list[dict[str, Any]]: ...
    def citation_groups(
        self, *, archive: str | None = None, kind: str | None = None
    ) -> list[dict[str, Any]]: ...
    # facts: figures and dates with their evidence
    def facts(self, which: FactFilter) -> list[dict[str, Any]]:
        """Facts, filtered, each with its sentence, footnotes and the entities named."""

    def timeline(
        self,
        *,
        entity: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        limit: int | None = 10_000,
    ) -> list[dict[str, Any]]:
        """Dated events in date order, each with its sentence and entities."""

    # names: users' authority entries, entities read back from mentions
    def authority_rows(self) -> list[dict[str, str]]: ...
    def put_authority(self, rows: Sequence[dict[str, str]]) -> None: ...
    def entities(
        self, *, kind: str | None = None, min_confidence: float = 0.6, limit: int = 1000
    ) -> list[dict[str, Any]]: ...
    def entity(self, entity_id: str) -> dict[str, Any]: ...
    def meta(self, key: str) -> str | None: ...
    def set_meta(self, key: str, value: str) -> None: ...
    def edit(self, doc_id: str, values: Mapping[str, str]) -> Document: ...
    def edits(self, doc_id: str) -> dict[str, str]: ...
    def redetect(
        self,
        redo: Callable[[Document], Document],
        stamp: str,
        progress: Callable[[int, int], None] | None = None,
    ) -> int: ...
    # keeping the search index in step with the records
    def index_changes(self, changes: Sequence[Change]) -> None: ...
    def commit_index(self) -> None: ...
    def index_lag(self) -> int: ...
    def catch_up(self, progress: Callable[[int, int], None] | None = None) -> int: ...
    def reindex(self, progress: Callable[[int, int], None] | None = None) -> int: ...
    def indexed_ids(self) -> set[str]: ...
    def stored_ids(self) -> set[str]: ...
    def integrity(self) -> list[str]: ...
    def close(self) -> None: ...


def open_store(settings: Settings) -> Store:
    """The backend for ``settings.db`` (SQLite for a file path)."""
    from fonds.store.sqlite import SQLiteStore

    return SQLiteStore(settings)

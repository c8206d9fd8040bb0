"""The storage seam: one small protocol that every backend implements.

The SQLite backend (``sqlite.py``) keeps the records; the embedded Tantivy index
(``index.py``) is derived from them. A PostgreSQL backend is an added module.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

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
    def documents(self, ids: Sequence[str]) -> dict[str, Document]: ...
    def iter_documents(self, batch: int = 500) -> Iterator[Document]: ...
    def search(self, query: Query) -> SearchPage: ...
    def similar(self, doc_id: str, limit: int = 10) -> list[Hit]: ...
    def stats(self) -> Stats: ...
    def close(self) -> None: ...


def open_store(settings: Settings) -> Store:
    """The backend for ``settings.db`` (SQLite for a file path)."""
    from fonds.store.sqlite import SQLiteStore

    return SQLiteStore(settings)

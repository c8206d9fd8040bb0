"""SQLiteStore: the records in one SQLite file (WAL, one writer, per-thread readers), with
search delegated to the Tantivy index beside it.

Writes go through ``save``: one ``BEGIN IMMEDIATE`` transaction for a batch of whole files,
so a crash leaves whole files or nothing. Every document put or deleted is logged in
``changes``; the index records the last sequence it holds and catches up on open.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import sqlite3
import threading
import uuid
import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from fonds import sidecar
from fonds.config import Settings
from fonds.errors import ArchiveError, NotFound
from fonds.model import (
    DateRange,
    Document,
    Hit,
    Mention,
    Note,
    SearchPage,
    Section,
    Source,
    Stats,
)
from fonds.store import Change, FactFilter, Incoming, PathState, sqlite_facts, sqlite_names
from fonds.store.index import SearchIndex, notes_text
from fonds.store.migrate import migrate_sqlite
from fonds.store.query import Query

log = logging.getLogger(__name__)

_DOC_COLUMNS = (
    "id, d.sha256, position, title, text, raw_text, date_start, date_end, type, language, authors, "
    "collection, archive_citation, translator, source_url, rights, pages, page_count, sections, "
    "removed, status, origin, s.size, s.media_type, s.first_path"
)
ProgressFn = Callable[[int, int], None]


# Document texts over this many UTF-8 bytes are stored zlib-compressed (about 3x smaller);
# SQL reads either form through the ``doc_text(text)`` function every connection has.
_PACK_OVER = 512
_PACK_LEVEL = 6
_PAGE_SIZE = 8192


def pack_text(text: str) -> str | bytes:
    """A document text as stored: compressed when that pays."""
    data = text.encode("utf-8")
    return zlib.compress(data, _PACK_LEVEL) if len(data) > _PACK_OVER else text


def unpack_text(stored: str | bytes | None) -> str:
    """A stored document text as text (archives written before compression hold text)."""
    if isinstance(stored, bytes):
        return zlib.decompress(stored).decode("utf-8")
    return stored or ""


# Page cache per connection, KiB: the writer's fills with every page an ingest writes, so it
# stays small (the OS caches the file anyway); readers keep more of what searches read.
_WRITER_CACHE_KIB = 8_000
_READER_CACHE_KIB = 32_000


def _connect(path: str, cache_kib: int = _READER_CACHE_KIB) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=30)
    conn.create_function("doc_text", 1, unpack_text, deterministic=True)
    conn.execute("PRAGMA busy_timeout = 30000")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute(f"PRAGMA cache_size = -{cache_kib}")
    return conn


class SQLiteStore:
    """The embedded archive: records in SQLite, search in Tantivy."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.path = settings.db
        if self.path.exists() and self.path.stat().st_size > 0:
            with open(self.path, "rb") as fh:
                if fh.read(16) != b"SQLite format 3\x00":
                    raise ArchiveError(f"{self.path}: not a fonds archive (not a SQLite database)")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self._writing = threading.Lock()  # one transaction at a time on the one writer
        try:
            self._writer = _connect(str(self.path), _WRITER_CACHE_KIB)
            # Only a new file takes it: 8 KiB pages hold compressed texts with less slack.
            self._writer.execute(f"PRAGMA page_size = {_PAGE_SIZE}")
            mode = self._writer.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if mode != "wal":
                log.warning("could not switch %s to WAL (journal mode %s)", self.path, mode)
            self.schema_version = migrate_sqlite(self._writer)
            self.archive_id = self._archive_id()
        except sqlite3.DatabaseError as exc:
            raise ArchiveError(f"{self.path}: {exc}") from exc
        self.index = SearchIndex(settings.index_dir, self.archive_id)

    # -- connections ---------------------------------------------------------------------
    def _read(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = _connect(str(self.path))
            conn.execute("PRAGMA query_only = ON")
            self._local.conn = conn
        return conn

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """The writer inside one immediate transaction, rolled back on any error; threads
        (a web server's edit during an upload's ingest) take their turns."""
        conn = self._writer
        with self._writing:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:  # Ctrl-C may land just after COMMIT returned
                    conn.execute("ROLLBACK")
                raise

    def _archive_id(self) -> str:
        row = self._writer.execute("SELECT value FROM meta WHERE key = 'archive_id'").fetchone()
        if row:
            return str(row[0])
        new = uuid.uuid4().hex
        self._writer.execute("INSERT OR IGNORE INTO meta VALUES ('archive_id', ?)", (new,))
        return str(
            self._writer.execute("SELECT value FROM meta WHERE key='archive_id'").fetchone()[0]
        )

    def close(self) -> None:
        self.index.close()
        self._writer.close()
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    # -- writing -------------------------------------------------------------------------
    def path_states(self, paths: Sequence[str]) -> dict[str, PathState]:
        """What the archive knows of these paths (unknown paths are left out)."""
        rows = _select_in(
            self._read(),
            "SELECT path, sha256, size, mtime_ns, meta_hash FROM paths WHERE path IN ({})",
            list(paths),
        )
        return {r[0]: PathState(*r[1:]) for r in rows}

    def paths_for(self, sha256: str) -> list[str]:
        rows = self._read().execute(
            "SELECT path FROM paths WHERE sha256 = ? ORDER BY path", (sha256,)
        )
        return [r[0] for r in rows]

    def max_seq(self) -> int:
        row = (
            self._read()
            .execute("SELECT seq FROM sqlite_sequence WHERE name = 'changes'")
            .fetchone()
        )
        return int(row[0]) if row else 0

    def save(self, incoming: Sequence[Incoming]) -> list[Change]:
        """Store a batch of files in ONE transaction; each file replaces what its path held.

        New files with new content (the bulk of a first ingest) are written with one
        ``executemany`` per table; anything else goes through ``_save_one``.
        """
        changes: list[Change] = []
        with self._transaction() as conn:
            incoming = _with_edits(conn, incoming)
            olds = {
                path: (sha, meta)
                for path, sha, meta in _select_in(
                    conn,
                    "SELECT path, sha256, meta_hash FROM paths WHERE path IN ({})",
                    [i.path for i in incoming],
                )
            }
            known = {
                r[0]
                for r in _select_in(
                    conn,
                    "SELECT sha256 FROM sources WHERE sha256 IN ({})",
                    [i.source.sha256 for i in incoming],
                )
            }
            bulk = _Bulk()
            for item in incoming:
                old = olds.get(item.path)
                sha = item.source.sha256
                if old is None and sha not in known:
                    changes.append(bulk.add(item))
                else:
                    bulk.flush(conn)
                    changes.append(self._save_one(conn, item, old, sha in known))
                known.add(sha)
            bulk.flush(conn)
        return changes

    def edit(self, doc_id: str, values: Mapping[str, str]) -> Document:
        """Record a user's edits of a document's metadata (sidecar fields, validated by the
        caller) and apply them now; they are applied again whenever the document is stored
        anew. An empty value drops that field's edit: the file's own value comes back at
        the next ingest of its folder (its paths are marked to be read again). Raises
        NotFound."""
        now = _now()
        with self._transaction() as conn:  # reads inside: no other write comes between
            doc = self.document(doc_id)
            kept = {**_edits(conn, [doc_id]).get(doc_id, {}), **values}
            doc = sidecar.apply(doc, {f: v for f, v in kept.items() if v}, by="edited")
            row = dict(zip(_DOCUMENT_FIELDS, _doc_row(doc, now), strict=True))
            for field, value in values.items():
                if value:
                    conn.execute(
                        "INSERT OR REPLACE INTO edits VALUES (?, ?, ?, ?)",
                        (doc_id, field, value, now),
                    )
                else:
                    conn.execute(
                        "DELETE FROM edits WHERE doc_id = ? AND field = ?", (doc_id, field)
                    )
            if not all(values.values()):
                conn.execute(
                    "UPDATE paths SET meta_hash = '' WHERE sha256 = ?", (doc.source.sha256,)
                )
            columns = [*_EDITABLE_COLUMNS, "origin"]
            conn.execute(
                f"UPDATE documents SET {', '.join(f'{c} = ?' for c in columns)} WHERE id = ?",
                [*(row[c] for c in columns), doc_id],
            )
            conn.execute("INSERT INTO changes (doc_id, op) VALUES (?, 'put')", (doc_id,))
        return doc

    def edits(self, doc_id: str) -> dict[str, str]:
        """The user's edits of a document, by field."""
        return _edits(self._read(), [doc_id]).get(doc_id, {})

    def _save_one(
        self,
        conn: sqlite3.Connection,
        item: Incoming,
        old: tuple[str, str] | None,
        known: bool,
    ) -> Change:
        sha = item.source.sha256
        change = Change(item.path, "unchanged")
        if known and old and old[0] == sha and old[1] == item.meta_hash:
            conn.execute("UPDATE paths SET mtime_ns = ? WHERE path = ?", (item.mtime_ns, item.path))
            return change
        if known and not (old and old[0] == sha):
            others = [r[0] for r in conn.execute("SELECT path FROM paths WHERE sha256 = ?", (sha,))]
            change.note = f"same file as {others[0]}" if others else ""
            change.status = "updated" if old else "unchanged"
        elif known:  # same content under the same path, new sidecar values
            self._put_docs(conn, item, change, known=True)
            change.status = "updated"
        else:
            conn.execute(
                "INSERT INTO sources VALUES (?, ?, ?, ?, ?)",
                (sha, item.source.size, item.source.media_type, item.source.path, _now()),
            )
            self._put_docs(conn, item, change, known=False)
            change.status = "updated" if old else "added"
        conn.execute(
            "INSERT OR REPLACE INTO paths VALUES (?, ?, ?, ?, ?)",
            (item.path, sha, item.source.size, item.mtime_ns, item.meta_hash),
        )
        if old and old[0] != sha:
            self._detach(conn, old[0], change)
        return change

    def _put_docs(
        self, conn: sqlite3.Connection, item: Incoming, change: Change, *, known: bool
    ) -> None:
        sha = item.source.sha256
        before: set[str] = set()
        if known:  # a new source has no documents yet
            rows = conn.execute("SELECT id FROM documents WHERE sha256 = ?", (sha,))
            before = {r[0] for r in rows}
        now = _now()
        for doc in item.docs:
            conn.execute(
                "INSERT OR REPLACE INTO documents VALUES "
                "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                _doc_row(doc, now),
            )
            if doc.id in before:
                conn.execute("DELETE FROM notes WHERE doc_id = ?", (doc.id,))
                conn.execute("DELETE FROM citations WHERE doc_id = ?", (doc.id,))
                conn.execute("DELETE FROM mentions WHERE doc_id = ?", (doc.id,))
                conn.execute("DELETE FROM facts WHERE doc_id = ?", (doc.id,))
            if doc.facts:
                conn.executemany(_FACT_INSERT, _fact_rows(doc))
            if doc.citations:
                conn.executemany(_CITATION_INSERT, _citation_rows(doc))
            if doc.mentions:
                conn.executemany(_MENTION_INSERT, _mention_rows(doc))
            if doc.notes:
                conn.executemany("INSERT INTO notes VALUES (?,?,?,?,?,?,?)", _note_rows(doc))
            conn.execute("INSERT INTO changes (doc_id, op) VALUES (?, 'put')", (doc.id,))
            change.put.append(doc)
            if doc.id not in before:
                change.new.add(doc.id)
        stale = before - {d.id for d in item.docs}
        for doc_id in stale:
            conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
            conn.execute("INSERT INTO changes (doc_id, op) VALUES (?, 'delete')", (doc_id,))
            change.deleted.append(doc_id)

    def _detach(self, conn: sqlite3.Connection, sha: str, change: Change) -> None:
        """Forget a source no path points to any more, with its documents."""
        if conn.execute("SELECT 1 FROM paths WHERE sha256 = ?", (sha,)).fetchone():
            return
        ids = [r[0] for r in conn.execute("SELECT id FROM documents WHERE sha256 = ?", (sha,))]
        conn.executemany(
            "INSERT INTO changes (doc_id, op) VALUES (?, 'delete')", [(i,) for i in ids]
        )
        conn.execute("DELETE FROM sources WHERE sha256 = ?", (sha,))
        change.deleted.extend(ids)

    # -- reading records -----------------------------------------------------------------
    def document(self, doc_id: str) -> Document:
        found = self.documents([doc_id])
        if doc_id not in found:
            raise NotFound(f"no document with id {doc_id!r}")
        return found[doc_id]

    def documents(self, ids: Sequence[str], *, mentions: bool = True) -> dict[str, Document]:
        """The stored documents with these ids (missing ids are left out); without
        ``mentions`` their mentions are not read (search hits need none)."""
        if not ids:
            return {}
        conn = self._read()
        marks = ",".join("?" * len(ids))
        rows = conn.execute(
            f"SELECT {_DOC_COLUMNS} FROM documents d JOIN sources s ON s.sha256 = d.sha256 "
            f"WHERE id IN ({marks})",
            list(ids),
        ).fetchall()
        notes: dict[str, list[Note]] = {}
        for doc_id, label, text, marker, rs, re_ in conn.execute(
            f"SELECT doc_id, label, text, marker_offset, raw_start, raw_end FROM notes "
            f"WHERE doc_id IN ({marks}) ORDER BY doc_id, seq",
            list(ids),
        ):
            span = (rs, re_) if rs is not None else None
            notes.setdefault(doc_id, []).append(Note(label, text, marker, span))
        found: dict[str, list[Mention]] = {}
        for doc_id, *values in (
            conn.execute(
                f"SELECT doc_id, start_offset, end_offset, kind, entity_id, confidence "
                f"FROM mentions WHERE doc_id IN ({marks}) ORDER BY doc_id, seq",
                list(ids),
            )
            if mentions
            else ()
        ):
            found.setdefault(doc_id, []).append(Mention(*values))
        return {
            row[0]: dataclasses.replace(
                _doc_from_row(row, tuple(notes.get(row[0], ()))),
                mentions=tuple(found.get(row[0], ())),
            )
            for row in rows
        }

    def iter_documents(self, batch: int = 500) -> Iterator[Document]:
        """Every document, in id order, a batch of rows at a time (memory stays flat)."""
        last = ""
        conn = self._read()
        while True:
            ids = [
                r[0]
                for r in conn.execute(
                    "SELECT id FROM documents WHERE id > ? ORDER BY id LIMIT ?", (last, batch)
                )
            ]
            if not ids:
                return
            docs = self.documents(ids)
            for doc_id in ids:
                if doc_id in docs:
                    yield docs[doc_id]
            last = ids[-1]

    def citations(
        self,
        *,
        document: str | None = None,
        archive: str | None = None,
        kind: str | None = None,
        canonical: str | None = None,
        work: str | None = None,
        limit: int = 10_000,
    ) -> list[dict[str, Any]]:
        """Stored citations with their document's title, filtered; ``canonical`` matches the
        file itself and everything below it (``AVPRF f.0102 op.13`` finds every delo);
        ``work`` matches a work's key by prefix (``armstrong|fraternal``)."""
        where, args = [], []
        if document:
            where.append("c.doc_id = ?")
            args.append(document)
        if archive:
            where.append("c.archive = ? COLLATE NOCASE")
            args.append(archive)
        if kind:
            where.append("c.kind = ?")
            args.append(kind)
        if canonical:
            where.append("(c.canonical = ? OR c.canonical LIKE ? ESCAPE '\\')")
            args += [canonical, _like(canonical) + " %"]
        if work:
            where.append("c.canonical LIKE ? ESCAPE '\\' AND c.canonical LIKE '%|%'")
            args.append(_like(work) + "%")
        sql = (
            "SELECT c.doc_id, d.title, c.seq, c.note, c.start_offset, c.end_offset, c.kind, c.raw, "
            "c.archive, c.fields, c.canonical, c.pages, c.refers_to FROM citations c "
            "JOIN documents d ON d.id = c.doc_id"
            + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY d.date_start, c.doc_id, c.seq LIMIT ?"
        )
        keys = (
            "document",
            "title",
            "seq",
            "note",
            "start",
            "end",
            "kind",
            "raw",
            "archive",
            "fields",
            "canonical",
            "pages",
            "refers_to",
        )
        rows = self._read().execute(sql, [*args, limit]).fetchall()
        out = [dict(zip(keys, row, strict=True)) for row in rows]
        for row in out:
            row["fields"] = json.loads(row["fields"])
        return out

    def citation_groups(
        self, *, archive: str | None = None, kind: str | None = None
    ) -> list[dict[str, Any]]:
        """Cited sources grouped by canonical form (an archival file, or a work: author and
        short title), most cited first, with the documents citing each."""
        where, args = ["canonical IS NOT NULL"], []
        if archive:
            where.append("archive = ? COLLATE NOCASE")
            args.append(archive)
        having = ""
        if kind:
            having = " HAVING kind = ?"
            args.append(kind)
        sql = (
            "SELECT canonical, COALESCE(MAX(CASE WHEN kind NOT IN ('ibid', 'short') THEN kind END), "
            "CASE WHEN MAX(archive) IS NOT NULL THEN 'archival' END) AS kind, "
            "MAX(archive), COUNT(*), COUNT(DISTINCT doc_id), group_concat(DISTINCT doc_id) "
            "FROM citations WHERE "
            + " AND ".join(where)
            + " GROUP BY canonical"
            + having
            + " ORDER BY COUNT(DISTINCT doc_id) DESC, COUNT(*) DESC, canonical"
        )
        conn = self._read()
        fullest = dict(conn.execute(_FULLEST_CITATION))
        return [
            {
                "canonical": c,
                "kind": k,
                "archive": a,
                "fields": json.loads(fullest.get(c, "{}")),
                "citations": n,
                "documents": sorted(ids.split(",")),
            }
            for c, k, a, n, _, ids in conn.execute(sql, args)
        ]

    # -- facts ---------------------------------------------------------------------------
    def facts(self, which: FactFilter) -> list[dict[str, Any]]:
        return sqlite_facts.facts(self._read(), which)

    def timeline(
        self,
        *,
        entity: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        limit: int | None = 10_000,
    ) -> list[dict[str, Any]]:
        return sqlite_facts.timeline(
            self._read(), entity=entity, date_from=date_from, date_to=date_to, limit=limit
        )

    # -- names ---------------------------------------------------------------------------
    def authority_rows(self) -> list[dict[str, str]]:
        return sqlite_names.authority_rows(self._read())

    def put_authority(self, rows: Sequence[dict[str, str]]) -> None:
        with self._transaction() as conn:
            sqlite_names.put_authority(conn, rows, _now())

    def entities(
        self, *, kind: str | None = None, min_confidence: float = 0.6, limit: int = 1000
    ) -> list[dict[str, Any]]:
        return sqlite_names.entities(
            self._read(), kind=kind, min_confidence=min_confidence, limit=limit
        )

    def entity(self, entity_id: str) -> dict[str, Any]:
        return sqlite_names.entity(self._read(), entity_id)

    def meta(self, key: str) -> str | None:
        row = self._read().execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self._transaction() as conn:
            conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def redetect(
        self,
        redo: Callable[[Document], Document],
        stamp: str,
        progress: ProgressFn | None = None,
    ) -> int:
        """Mentions (and the facts that name their parties) found again in every document
        after the authority changed, a batch per transaction, each document queued for the
        index; ``stamp`` is recorded as the ``mentions`` meta value when all are done.
        Returns the documents redone."""
        total, done = self.count(), 0
        batch: list[Document] = []

        def flush() -> None:
            with self._transaction() as conn:
                for doc in batch:
                    conn.execute("DELETE FROM mentions WHERE doc_id = ?", (doc.id,))
                    conn.execute("DELETE FROM facts WHERE doc_id = ?", (doc.id,))
                    conn.executemany(_MENTION_INSERT, _mention_rows(doc))
                    conn.executemany(_FACT_INSERT, _fact_rows(doc))
                    conn.execute("INSERT INTO changes (doc_id, op) VALUES (?, 'put')", (doc.id,))
            batch.clear()

        for doc in self.iter_documents():
            batch.append(redo(doc))
            done += 1
            if len(batch) >= 500:
                flush()
                if progress:
                    progress(done, total)
        flush()
        self.set_meta("mentions", stamp)
        self.catch_up(progress)
        return done

    def count(self) -> int:
        return int(self._read().execute("SELECT COUNT(*) FROM documents").fetchone()[0])

    def stats(self) -> Stats:
        conn = self._read()

        def grouped(sql: str) -> dict[str, int]:
            return {str(k if k is not None else "unknown"): int(v) for k, v in conn.execute(sql)}

        docs, text_bytes = conn.execute(
            "SELECT COUNT(*), COALESCE(SUM(text_bytes), 0) FROM documents"
        ).fetchone()
        db_bytes = sum(
            p.stat().st_size
            for p in (self.path, self.path.with_name(self.path.name + "-wal"))
            if p.exists()
        )
        return Stats(
            documents=int(docs),
            sources=int(conn.execute("SELECT COUNT(*) FROM sources").fetchone()[0]),
            notes=int(conn.execute("SELECT COUNT(*) FROM notes").fetchone()[0]),
            text_bytes=int(text_bytes),
            db_bytes=db_bytes,
            index_bytes=self.index.size_bytes(),
            by_type=grouped("SELECT type, COUNT(*) FROM documents GROUP BY 1 ORDER BY 2 DESC"),
            by_language=grouped(
                "SELECT language, COUNT(*) FROM documents GROUP BY 1 ORDER BY 2 DESC"
            ),
            by_decade=grouped(
                "SELECT substr(date_start, 1, 3) || '0s', COUNT(*) FROM documents GROUP BY 1 ORDER BY 1"
            ),
            by_status=grouped("SELECT status, COUNT(*) FROM documents GROUP BY 1 ORDER BY 2 DESC"),
        )

    # -- the index -----------------------------------------------------------------------
    def index_changes(self, changes: Sequence[Change]) -> None:
        """Send what ``save`` stored to the index writer (not yet committed)."""
        archives = self._archives([d.id for c in changes for d in c.put])
        for change in changes:
            for doc in change.put:
                self.index.put(
                    doc, replace=doc.id not in change.new, archives=archives.get(doc.id, ())
                )
            for doc_id in change.deleted:
                self.index.delete(doc_id)

    def commit_index(self) -> None:
        """Commit the index and record that it holds every change stored so far."""
        self.index.commit(self.max_seq())

    def index_lag(self) -> int:
        """How many changes the index has not caught up with (-1: it must be rebuilt)."""
        if self.index.needs_rebuild:
            return -1 if self.count() else 0
        return max(0, self.max_seq() - self.index.seq)

    def catch_up(self, progress: ProgressFn | None = None) -> int:
        """Bring the index up to the database (rebuild if it is missing or foreign)."""
        if self.index.needs_rebuild:
            return self.reindex(progress)
        target = self.max_seq()
        if self.index.seq >= target:
            return 0
        rows = (
            self._read()
            .execute(
                "SELECT doc_id, MAX(seq) AS last FROM changes WHERE seq > ? GROUP BY doc_id ORDER BY last",
                (self.index.seq,),
            )
            .fetchall()
        )
        ids = [r[0] for r in rows]
        done = 0
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            docs = self.documents(chunk)
            archives = self._archives(chunk)
            for doc_id in chunk:
                if doc_id in docs:
                    self.index.put(docs[doc_id], replace=True, archives=archives.get(doc_id, ()))
                else:
                    self.index.delete(doc_id)
            done += len(chunk)
            if progress:
                progress(done, len(ids))
        self.index.commit(target)
        return len(ids)

    def _archives(self, ids: Sequence[str]) -> dict[str, list[str]]:
        """The registry ids of the archives each document's notes cite."""
        out: dict[str, list[str]] = {}
        for start in range(0, len(ids), 500):
            chunk = list(ids[start : start + 500])
            marks = ",".join("?" * len(chunk))
            for doc_id, archive in self._read().execute(
                f"SELECT DISTINCT doc_id, archive FROM citations "
                f"WHERE doc_id IN ({marks}) AND archive IS NOT NULL",
                chunk,
            ):
                out.setdefault(doc_id, []).append(archive)
        return out

    def _ids_from(self, first: str, n: int) -> list[str]:
        """``n`` document ids from ``first`` on, in id order."""
        rows = self._read().execute(
            "SELECT id FROM documents WHERE id >= ? ORDER BY id LIMIT ?", (first, n)
        )
        return [r[0] for r in rows]

    def reindex(self, progress: ProgressFn | None = None) -> int:
        """Rebuild the index from the database alone."""
        target = self.max_seq()
        total = self.count()
        self.index.clear()
        done = 0
        batch: set[str] = set()
        archives: dict[str, list[str]] = {}
        for doc in self.iter_documents():
            if doc.id not in batch:  # the archives of the next 500 ids, read at once
                ids = self._ids_from(doc.id, 500)
                batch, archives = set(ids), self._archives(ids)
            self.index.put(doc, replace=False, archives=archives.get(doc.id, ()))
            done += 1
            if progress and done % 200 == 0:
                progress(done, total)
        if progress:
            progress(done, total)
        self.index.commit(target)
        self.index.needs_rebuild = False
        return done

    def search(self, query: Query) -> SearchPage:
        """Ranked hits with snippets; documents the database lacks are never returned."""
        page = self.index.search(query)
        docs = self.documents([h.id for h in page.hits], mentions=False)
        highlight = self.index.highlight_query(query.tree) if page.hits else None
        generator = self.index.snippet_generator(highlight) if highlight is not None else None
        hits = []
        for h in page.hits:
            doc = docs.get(h.id)
            if doc is None:
                continue
            snippet = self.index.snippet(doc.text, generator)
            if "<b>" not in snippet and doc.notes:  # the match is in the notes
                in_notes = self.index.snippet(notes_text(doc), generator)
                snippet = f"Notes: {in_notes}" if "<b>" in in_notes else snippet
            hits.append(
                Hit(
                    id=h.id,
                    title=doc.title,
                    date=str(doc.date) if doc.date else None,
                    score=round(h.score, 4),
                    snippet=snippet,
                    source=doc.source.path,
                    type=doc.type,
                )
            )
        return SearchPage(page.total, hits, page.facets, query.offset, query.limit)

    def similar(self, doc_id: str, limit: int = 10) -> list[Hit]:
        doc = self.document(doc_id)
        found = self.index.similar(doc, limit)
        docs = self.documents([h.id for h in found], mentions=False)
        return [
            Hit(
                h.id,
                docs[h.id].title,
                str(docs[h.id].date) if docs[h.id].date else None,
                round(h.score, 4),
                "",
                docs[h.id].source.path,
                docs[h.id].type,
            )
            for h in found
            if h.id in docs
        ]

    def integrity(self) -> list[str]:
        """Problems SQLite finds in the database file (empty when healthy)."""
        conn = self._read()
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
        problems += [
            f"foreign key violation in {r[0]}" for r in conn.execute("PRAGMA foreign_key_check")
        ]
        return problems

    def indexed_ids(self) -> set[str]:
        return self.index.ids()

    def stored_ids(self) -> set[str]:
        return {r[0] for r in self._read().execute("SELECT id FROM documents WHERE status = 'ok'")}


def _select_in(conn: sqlite3.Connection, sql: str, values: list[str]) -> list[tuple[Any, ...]]:
    """Rows of ``sql`` (with one ``IN ({})``) for all ``values``, 500 parameters at a time."""
    rows: list[tuple[Any, ...]] = []
    for start in range(0, len(values), 500):
        chunk = values[start : start + 500]
        rows.extend(conn.execute(sql.format(",".join("?" * len(chunk))), chunk))
    return rows


def _note_rows(doc: Document) -> list[tuple[Any, ...]]:
    return [
        (
            doc.id,
            i,
            n.label,
            n.text,
            n.marker_offset,
            n.raw_span[0] if n.raw_span else None,
            n.raw_span[1] if n.raw_span else None,
        )
        for i, n in enumerate(doc.notes)
    ]


# Each cited file or work described by the citation of it that says the most.
_FULLEST_CITATION = (
    "SELECT canonical, fields FROM (SELECT canonical, fields, ROW_NUMBER() OVER "
    "(PARTITION BY canonical ORDER BY length(fields) DESC, doc_id, seq) AS rank FROM citations "
    "WHERE canonical IS NOT NULL AND kind NOT IN ('ibid', 'short')) WHERE rank = 1"
)
_CITATION_INSERT = "INSERT INTO citations VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"


def _citation_rows(doc: Document) -> list[tuple[Any, ...]]:
    return [
        (
            doc.id,
            i,
            c.note,
            c.start,
            c.end,
            c.kind,
            c.raw,
            c.archive,
            json.dumps(c.fields, ensure_ascii=False),
            c.canonical,
            c.pages,
            c.refers_to,
        )
        for i, c in enumerate(doc.citations)
    ]


_MENTION_INSERT = "INSERT INTO mentions VALUES (?,?,?,?,?,?,?,?,?)"


def _mention_rows(doc: Document) -> list[tuple[Any, ...]]:
    return [
        (
            doc.id,
            i,
            m.start,
            m.end,
            m.kind,
            m.entity_id,
            doc.text[m.start : m.end],
            "" if m.entity_id else m.key.split(" ", 1)[0],  # candidates are grouped by it
            m.confidence,
        )
        for i, m in enumerate(doc.mentions)
    ]


_FACT_INSERT = "INSERT INTO facts VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"


def _fact_rows(doc: Document) -> list[tuple[Any, ...]]:
    notes = {n.label: n.text for n in doc.notes}
    rows = []
    for i, f in enumerate(doc.facts):
        text = notes.get(f.note, "") if f.note is not None else doc.text
        v = f.value
        year = v.get("year")
        if f.kind == "date":
            year = int(str(v["date"])[:4])
        amount = v.get("amount", v.get("value", v.get("per_usd")))
        rows.append(
            (
                doc.id,
                i,
                f.note,
                f.start,
                f.end,
                f.kind,
                f.subject,
                text[f.start : f.end],
                json.dumps(
                    {k: x for k, x in v.items() if x is not None},
                    ensure_ascii=False,
                    separators=(",", ":"),
                ),
                v.get("currency"),
                year,
                amount,
                v.get("usd"),
            )
        )
    return rows


class _Bulk:
    """Rows of new files with new content, written with one executemany per table."""

    def __init__(self) -> None:
        self.sources: list[tuple[Any, ...]] = []
        self.documents: list[tuple[Any, ...]] = []
        self.notes: list[tuple[Any, ...]] = []
        self.citations: list[tuple[Any, ...]] = []
        self.mentions: list[tuple[Any, ...]] = []
        self.facts: list[tuple[Any, ...]] = []
        self.changes: list[tuple[str]] = []
        self.paths: list[tuple[Any, ...]] = []
        self.now = _now()

    def add(self, item: Incoming) -> Change:
        src = item.source
        self.sources.append((src.sha256, src.size, src.media_type, src.path, self.now))
        for doc in item.docs:
            self.documents.append(_doc_row(doc, self.now))
            self.notes.extend(_note_rows(doc))
            self.citations.extend(_citation_rows(doc))
            self.mentions.extend(_mention_rows(doc))
            self.facts.extend(_fact_rows(doc))
            self.changes.append((doc.id,))
        self.paths.append((item.path, src.sha256, src.size, item.mtime_ns, item.meta_hash))
        return Change(item.path, "added", put=list(item.docs), new={d.id for d in item.docs})

    def flush(self, conn: sqlite3.Connection) -> None:
        if not self.sources:
            return
        conn.executemany("INSERT INTO sources VALUES (?, ?, ?, ?, ?)", self.sources)
        conn.executemany(
            "INSERT OR REPLACE INTO documents VALUES "
            "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            self.documents,
        )
        conn.executemany("INSERT INTO notes VALUES (?,?,?,?,?,?,?)", self.notes)
        conn.executemany(_CITATION_INSERT, self.citations)
        conn.executemany(_MENTION_INSERT, self.mentions)
        conn.executemany(_FACT_INSERT, self.facts)
        conn.executemany("INSERT INTO changes (doc_id, op) VALUES (?, 'put')", self.changes)
        conn.executemany("INSERT OR REPLACE INTO paths VALUES (?, ?, ?, ?, ?)", self.paths)
        for rows in (
            self.sources,
            self.documents,
            self.notes,
            self.citations,
            self.mentions,
            self.facts,
            self.changes,
            self.paths,
        ):
            rows.clear()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _json_origin(origin: Mapping[str, str]) -> str:
    """``{"title": "sidecar"}``: field names and origins are plain words, so no escaping."""
    if all(k.isidentifier() and v.isalpha() for k, v in origin.items()):
        return "{" + ",".join(f'"{k}":"{v}"' for k, v in origin.items()) + "}"
    return json.dumps(dict(origin))


def _edits(conn: sqlite3.Connection, doc_ids: Sequence[str]) -> dict[str, dict[str, str]]:
    """Users' edits by document id and field."""
    out: dict[str, dict[str, str]] = {}
    for doc_id, field, value in _select_in(
        conn, "SELECT doc_id, field, value FROM edits WHERE doc_id IN ({})", list(doc_ids)
    ):
        out.setdefault(doc_id, {})[field] = value
    return out


def _with_edits(conn: sqlite3.Connection, incoming: Sequence[Incoming]) -> Sequence[Incoming]:
    """The incoming files with their documents' edits applied (a re-ingest keeps them)."""
    edits = _edits(conn, [d.id for item in incoming for d in item.docs])
    if not edits:
        return incoming
    return [
        dataclasses.replace(
            item,
            docs=tuple(sidecar.apply(d, edits.get(d.id, {}), by="edited") for d in item.docs),
        )
        for item in incoming
    ]


# The columns of ``documents`` in the order ``_doc_row`` gives them, and those that hold the
# metadata users edit (``fonds.sidecar.FIELDS``).
_DOCUMENT_FIELDS = (
    "id", "sha256", "position", "title", "text", "raw_text", "date_start", "date_end", "type",
    "language", "authors", "collection", "archive_citation", "translator", "source_url",
    "rights", "pages", "page_count", "sections", "removed", "status", "origin", "extractors",
    "text_bytes", "ingested_at",
)  # fmt: skip
_EDITABLE_COLUMNS = (
    "title", "date_start", "date_end", "type", "language", "authors", "collection",
    "archive_citation", "translator", "source_url", "rights",
)  # fmt: skip


def _json_list(items: Any) -> str:
    return json.dumps(list(items), ensure_ascii=False) if items else "[]"


def _doc_row(doc: Document, now: str) -> tuple[Any, ...]:
    return (
        doc.id,
        doc.source.sha256,
        doc.position,
        doc.title,
        pack_text(doc.text),
        None if doc.raw_text is None else pack_text(doc.raw_text),
        doc.date.start if doc.date else None,
        doc.date.end if doc.date else None,
        doc.type,
        doc.language,
        _json_list(doc.authors),
        doc.collection,
        doc.archive_citation,
        doc.translator,
        doc.source_url,
        doc.rights,
        _json_list(doc.pages),
        doc.page_count,
        _json_list([s.title, s.start, s.end] for s in doc.sections),
        _json_list(list(r) for r in doc.removed),
        doc.status,
        _json_origin(doc.origin),
        "{}",
        len(doc.text.encode("utf-8")),
        now,
    )


def _doc_from_row(row: Sequence[Any], notes: tuple[Note, ...]) -> Document:
    (
        doc_id,
        sha,
        position,
        title,
        text,
        raw_text,
        date_start,
        date_end,
        type_,
        language,
        authors,
        collection,
        archive_citation,
        translator,
        source_url,
        rights,
        pages,
        page_count,
        sections,
        removed,
        status,
        origin,
        size,
        media_type,
        first_path,
    ) = row
    return Document(
        id=doc_id,
        source=Source(first_path, sha, size, media_type),
        title=title,
        text=unpack_text(text),
        raw_text=None if raw_text is None else unpack_text(raw_text),
        date=DateRange(date_start, date_end) if date_start else None,
        type=type_,
        language=language,
        authors=tuple(json.loads(authors)),
        collection=collection,
        archive_citation=archive_citation,
        translator=translator,
        source_url=source_url,
        rights=rights,
        pages=tuple(json.loads(pages)),
        page_count=page_count,
        sections=tuple(Section(t, s, e) for t, s, e in json.loads(sections)),
        notes=notes,
        removed=tuple((a, b) for a, b in json.loads(removed)),
        status=status,
        origin=json.loads(origin),
        position=position,
    )


def _like(text: str) -> str:
    """``text`` as a literal inside a LIKE pattern (with ESCAPE '\\')."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")

"""How the SQLite store keeps records: compressed texts, archives of older schemas."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import fonds
from fonds.store.migrate import _migrations, migrate_sqlite
from fonds.store.sqlite import pack_text, unpack_text
from tests.conftest import DEMO


def test_texts_are_stored_compressed_and_read_back_whole(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    with fonds.open(settings=fonds.settings(db, workers=1)) as archive:
        archive.ingest([DEMO / "working_paper_aid_1953_1961.txt"])
        doc_id = archive.search("Soviet aid", limit=1).hits[0].id
        text = archive.document(doc_id).text
    with sqlite3.connect(db) as conn:
        stored, size = conn.execute(
            "SELECT text, text_bytes FROM documents WHERE id = ?", (doc_id,)
        ).fetchone()
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    assert isinstance(stored, bytes) and len(stored) < size / 1.5
    assert unpack_text(stored) == text and size == len(text.encode("utf-8"))
    assert page_size == 8192


def test_short_texts_stay_plain() -> None:
    assert pack_text("A short note.") == "A short note."
    long = "Soviet aid to the DPRK in 1954 came to 1 billion rubles. " * 40
    assert isinstance(pack_text(long), bytes) and unpack_text(pack_text(long)) == long


def test_plain_texts_of_older_archives_still_read(tmp_path: Path) -> None:
    """Archives written before compression hold plain text: reads, snippets and the SQL
    that cuts sentences out of texts (facts) all take either form."""
    db = tmp_path / "a.db"
    with fonds.open(settings=fonds.settings(db, workers=1)) as archive:
        archive.ingest([DEMO / "beijing_agreement_1953.txt"])
        doc_id = archive.search("Beijing", limit=1).hits[0].id
        before = archive.document(doc_id).text
        facts_before = archive.facts(document=doc_id)
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE documents SET text = ? WHERE id = ?", (before, doc_id))
    with fonds.open(settings=fonds.settings(db, workers=1)) as archive:
        assert archive.document(doc_id).text == before
        assert archive.facts(document=doc_id) == facts_before
        assert any(f["sentence"] for f in facts_before)
        assert "<b>" in archive.search("Beijing", limit=1).hits[0].snippet


def test_a_version_4_archive_is_migrated_keeping_its_mentions(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
        "applied_at TEXT NOT NULL)"
    )
    for version, name, sql in _migrations("sqlite"):
        if version > 4:
            break
        for statement in sql.split(";\n"):
            if statement.strip():
                conn.execute(statement)
        conn.execute("INSERT INTO schema_migrations VALUES (?, ?, 'then')", (version, name))
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute(
        "INSERT INTO mentions VALUES ('d1', 0, 0, 10, 'person', 'kim-il-sung', 'Kim Il Sung', "
        "'ko:kimilseong', 'ko:kimilseong', 1.0), ('d1', 1, 20, 30, 'person', NULL, "
        "'Pak Chang-ok', 'ko:pakchangok xx:pakchangok', 'ko:pakchangok', 0.8)"
    )
    assert migrate_sqlite(conn) >= 5
    columns = [r[1] for r in conn.execute("PRAGMA table_info(mentions)")]
    assert "key" not in columns
    rows = conn.execute(
        "SELECT entity_id, surface, group_key FROM mentions ORDER BY seq"
    ).fetchall()
    assert rows == [("kim-il-sung", "Kim Il Sung", ""), (None, "Pak Chang-ok", "ko:pakchangok")]


def test_reindex_derives_the_name_keys_the_store_does_not_keep(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    with fonds.open(settings=fonds.settings(db, workers=1)) as archive:
        archive.ingest([DEMO])
        before = {h.id for h in archive.search("Pyeongyang", limit=50).hits}
        archive.reindex()
        after = {h.id for h in archive.search("Pyeongyang", limit=50).hits}
        exact = {h.id for h in archive.search("Pyeongyang", limit=50, exact=True).hits}
    assert before and after == before and exact < after


def test_document_rows_name_the_table_columns_in_order(tmp_path: Path) -> None:
    from fonds.store.sqlite import _DOCUMENT_FIELDS

    with fonds.open(settings=fonds.settings(tmp_path / "a.db", workers=1)):
        pass
    with sqlite3.connect(tmp_path / "a.db") as conn:
        columns = tuple(r[1] for r in conn.execute("PRAGMA table_info(documents)"))
    assert columns == _DOCUMENT_FIELDS


def test_transactions_from_two_threads_take_turns(tmp_path: Path) -> None:
    """A web edit arriving while an upload's ingest holds the writer waits its turn."""
    import threading

    with fonds.open(settings=fonds.settings(tmp_path / "a.db", workers=1)) as archive:
        archive.ingest([DEMO / "beijing_agreement_1953.txt"])
        doc_id = archive.search("Beijing", limit=1).hits[0].id
        store = archive.store
        errors: list[BaseException] = []

        def edit() -> None:
            try:
                archive.edit(doc_id, title="Edited while a transaction was open")
            except BaseException as exc:  # noqa: BLE001 - reported below
                errors.append(exc)

        with store._transaction():  # type: ignore[attr-defined]
            other = threading.Thread(target=edit)
            other.start()
            other.join(0.5)
            assert other.is_alive()  # waiting, not failing
        other.join(10)
        assert not errors and archive.document(doc_id).title.startswith("Edited while")

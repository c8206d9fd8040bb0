"""The SQLite side of facts: figures and dates read back with their evidence (the
sentence they stand in and the notes attached to it), and the timeline of dated events.

Functions of a connection, called by ``SQLiteStore``.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from fonds.store import FactFilter

_COLUMNS = (
    "f.doc_id, d.title, f.seq, f.note, f.start_offset, f.end_offset, f.kind, f.subject, "
    "f.surface, f.value, CASE WHEN f.note IS NULL THEN substr(doc_text(d.text), "
    "json_extract(f.value, '$.sentence[0]') + 1, json_extract(f.value, '$.sentence[1]') - "
    "json_extract(f.value, '$.sentence[0]')) END, d.date_start"
)
_KEYS = ("document", "title", "seq", "note", "start", "end", "kind", "subject", "surface", "value")


def facts(conn: sqlite3.Connection, which: FactFilter) -> list[dict[str, Any]]:
    """Facts, filtered, in document date and text order, each with its ``sentence`` and
    the ``footnotes`` attached to that sentence."""
    where, args = _filters(which)
    sql = (
        f"SELECT {_COLUMNS} FROM facts f JOIN documents d ON d.id = f.doc_id"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY d.date_start IS NULL, d.date_start, f.doc_id, f.note IS NOT NULL, f.seq LIMIT ?"
    )
    rows = conn.execute(sql, [*args, -1 if which.limit is None else which.limit]).fetchall()
    return _rows(conn, rows)


def timeline(
    conn: sqlite3.Connection,
    *,
    entity: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    limit: int | None = 10_000,
) -> list[dict[str, Any]]:
    """Dated events: each date in a document's body, with its sentence and the entities
    that sentence names, in date order."""
    where, args = _filters(FactFilter(kind="date", entity=entity))
    where.append("f.note IS NULL")
    if date_from:
        where.append(
            "COALESCE(json_extract(f.value, '$.end'), json_extract(f.value, '$.date')) >= ?"
        )
        args.append(date_from)
    if date_to:
        where.append("json_extract(f.value, '$.date') <= ?")
        args.append(date_to + "~")  # "1953-12" keeps "1953-12-31"
    sql = (
        f"SELECT {_COLUMNS} FROM facts f JOIN documents d ON d.id = f.doc_id WHERE "
        + " AND ".join(where)
        + " ORDER BY json_extract(f.value, '$.date'), f.doc_id, f.seq LIMIT ?"
    )
    out = []
    for row in _rows(conn, conn.execute(sql, [*args, -1 if limit is None else limit]).fetchall()):
        value = row.pop("value")
        row.update(
            date=value["date"],
            end=value.get("end"),
            precision=value["precision"],
        )
        out.append(row)
    return out


def _filters(which: FactFilter) -> tuple[list[str], list[Any]]:
    """The WHERE conditions of ``which`` (all but its limit), with their arguments."""
    where: list[str] = []
    args: list[Any] = []
    for column, value in (
        ("f.kind", which.kind),
        ("f.currency", which.currency),
        ("f.doc_id", which.document),
        ("f.year", which.year),
        ("f.subject", which.subject),
    ):
        if value is not None:
            where.append(f"{column} = ?")
            args.append(value)
    if which.entity is not None:
        where.append(
            "EXISTS (SELECT 1 FROM mentions m WHERE m.entity_id = ? AND m.doc_id = f.doc_id "
            "AND f.note IS NULL AND m.start_offset BETWEEN json_extract(f.value, '$.sentence[0]') "
            "AND json_extract(f.value, '$.sentence[1]'))"
        )
        args.append(which.entity)
    return where, args


_CHUNK = 500  # document ids per IN (...) query


def _rows(conn: sqlite3.Connection, rows: list[tuple[Any, ...]]) -> list[dict[str, Any]]:
    """Facts as dicts with their evidence: the notes and named entities of all their
    documents are read in a few queries, not a few per fact."""
    doc_ids = sorted({r[0] for r in rows})
    notes: dict[str, dict[str, tuple[int, str]]] = {}
    named: dict[str, list[tuple[int, str]]] = {}
    for i in range(0, len(doc_ids), _CHUNK):
        chunk = doc_ids[i : i + _CHUNK]
        marks = ",".join("?" * len(chunk))
        for doc_id, label, seq, text in conn.execute(
            f"SELECT doc_id, label, seq, text FROM notes WHERE doc_id IN ({marks})", chunk
        ):
            notes.setdefault(doc_id, {})[label] = (seq, text)
        for doc_id, start, entity in conn.execute(
            f"SELECT doc_id, start_offset, entity_id FROM mentions WHERE doc_id IN ({marks}) "
            "AND entity_id IS NOT NULL ORDER BY doc_id, seq",
            chunk,
        ):
            named.setdefault(doc_id, []).append((start, entity))
    return [_row(r, notes.get(r[0], {}), named.get(r[0], [])) for r in rows]


def _row(
    r: tuple[Any, ...], notes: dict[str, tuple[int, str]], named: list[tuple[int, str]]
) -> dict[str, Any]:
    """One fact; ``notes`` are its document's by label, ``named`` its (offset, entity)s."""
    row = dict(zip(_KEYS, r[:10], strict=True))
    value = json.loads(row["value"])
    row["value"] = value
    sentence, row["document_date"] = r[10], r[11]
    start, end = value.get("sentence", [row["start"], row["end"]])
    if row["note"] is None:
        row["sentence"] = (sentence or "").strip()
        row["entities"] = list(dict.fromkeys(e for at, e in named if start <= at <= end))
    else:
        note = notes.get(row["note"])
        row["sentence"] = note[1][start:end].strip() if note else ""
        row["entities"] = []
    labels = [label for label in dict.fromkeys(value.get("notes") or []) if label in notes]
    row["footnotes"] = [
        {"label": label, "text": notes[label][1]}
        for label in sorted(labels, key=lambda label: notes[label][0])
    ]
    return row

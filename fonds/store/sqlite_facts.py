"""The SQLite side of facts: figures and dates read back with their evidence (the
sentence they stand in and the notes attached to it), and the timeline of dated events.

Functions of a connection, called by ``SQLiteStore``.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

_COLUMNS = (
    "f.doc_id, d.title, f.seq, f.note, f.start_offset, f.end_offset, f.kind, f.subject, "
    "f.surface, f.value, CASE WHEN f.note IS NULL THEN substr(doc_text(d.text), "
    "json_extract(f.value, '$.sentence[0]') + 1, json_extract(f.value, '$.sentence[1]') - "
    "json_extract(f.value, '$.sentence[0]')) END, d.date_start"
)
_KEYS = ("document", "title", "seq", "note", "start", "end", "kind", "subject", "surface", "value")


def facts(
    conn: sqlite3.Connection,
    *,
    kind: str | None = None,
    currency: str | None = None,
    year: int | None = None,
    entity: str | None = None,
    document: str | None = None,
    subject: str | None = None,
    limit: int | None = 10_000,
) -> list[dict[str, Any]]:
    """Facts, filtered, in document date and text order, each with its ``sentence`` and
    the ``footnotes`` attached to that sentence."""
    where, args = _filters(
        kind=kind, currency=currency, year=year, entity=entity, document=document
    )
    if subject:
        where.append("f.subject = ?")
        args.append(subject)
    sql = (
        f"SELECT {_COLUMNS} FROM facts f JOIN documents d ON d.id = f.doc_id"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY d.date_start IS NULL, d.date_start, f.doc_id, f.note IS NOT NULL, f.seq LIMIT ?"
    )
    rows = conn.execute(sql, [*args, -1 if limit is None else limit]).fetchall()
    return [_row(conn, r) for r in rows]


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
    where, args = _filters(kind="date", entity=entity)
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
    for r in conn.execute(sql, [*args, -1 if limit is None else limit]).fetchall():
        row = _row(conn, r)
        value = row.pop("value")
        row.update(
            date=value["date"],
            end=value.get("end"),
            precision=value["precision"],
        )
        out.append(row)
    return out


def _named(conn: sqlite3.Connection, doc_id: str, sentence: list[int]) -> list[str]:
    """The authority entries a sentence of a document names, in order."""
    rows = conn.execute(
        "SELECT entity_id FROM mentions WHERE doc_id = ? AND entity_id IS NOT NULL "
        "AND start_offset BETWEEN ? AND ? ORDER BY seq",
        (doc_id, sentence[0], sentence[1]),
    )
    return list(dict.fromkeys(r[0] for r in rows))


def _filters(
    *,
    kind: str | None = None,
    currency: str | None = None,
    year: int | None = None,
    entity: str | None = None,
    document: str | None = None,
) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    args: list[Any] = []
    for column, value in (("f.kind", kind), ("f.currency", currency), ("f.doc_id", document)):
        if value is not None:
            where.append(f"{column} = ?")
            args.append(value)
    if year is not None:
        where.append("f.year = ?")
        args.append(year)
    if entity is not None:
        where.append(
            "EXISTS (SELECT 1 FROM mentions m WHERE m.entity_id = ? AND m.doc_id = f.doc_id "
            "AND f.note IS NULL AND m.start_offset BETWEEN json_extract(f.value, '$.sentence[0]') "
            "AND json_extract(f.value, '$.sentence[1]'))"
        )
        args.append(entity)
    return where, args


def _row(conn: sqlite3.Connection, r: tuple[Any, ...]) -> dict[str, Any]:
    row = dict(zip(_KEYS, r[:10], strict=True))
    value = json.loads(row["value"])
    row["value"] = value
    sentence, row["document_date"] = r[10], r[11]
    start, end = value.get("sentence", [row["start"], row["end"]])
    if row["note"] is None:
        row["sentence"] = (sentence or "").strip()
    else:
        note = conn.execute(
            "SELECT text FROM notes WHERE doc_id = ? AND label = ?", (row["document"], row["note"])
        ).fetchone()
        row["sentence"] = note[0][start:end].strip() if note else ""
    row["entities"] = _named(conn, row["document"], [start, end]) if row["note"] is None else []
    labels = value.get("notes") or []
    row["footnotes"] = (
        [
            {"label": label, "text": text}
            for label, text in conn.execute(
                "SELECT label, text FROM notes WHERE doc_id = ? AND label IN "
                f"({','.join('?' * len(labels))}) ORDER BY seq",
                [row["document"], *labels],
            )
        ]
        if labels
        else []
    )
    return row

"""The SQLite side of names: users' authority entries, and persons, places and
organizations read back from the mentions table (who is named, where, with whom).

Functions of a connection, called by ``SQLiteStore``; an entity is either an authority id
or, for a candidate the authority does not know, its group key (``~ko:rijuyon``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from fonds.model import AUTHORITY_COLUMNS

CANDIDATE = "~"  # an entity id starting with this is a candidate's group key


def authority_rows(conn: sqlite3.Connection) -> list[dict[str, str]]:
    """The entries users added, oldest first."""
    cols = ", ".join(AUTHORITY_COLUMNS)
    rows = conn.execute(f"SELECT {cols} FROM authority ORDER BY added_at, id")
    return [dict(zip(AUTHORITY_COLUMNS, r, strict=True)) for r in rows]


def put_authority(conn: sqlite3.Connection, rows: Sequence[dict[str, str]], now: str) -> None:
    """Add or replace users' entries (same id: the newer row wins)."""
    cols = ", ".join(AUTHORITY_COLUMNS)
    marks = ", ".join("?" * (len(AUTHORITY_COLUMNS) + 1))
    conn.executemany(
        f"INSERT OR REPLACE INTO authority ({cols}, added_at) VALUES ({marks})",
        [[r.get(c, "") for c in AUTHORITY_COLUMNS] + [now] for r in rows],
    )


def entities(
    conn: sqlite3.Connection, *, kind: str | None, min_confidence: float, limit: int
) -> list[dict[str, Any]]:
    """Entities named in the archive, most documents first: authority entries, then
    candidates (by group key) seen with at least ``min_confidence``."""
    where, args = "", []
    if kind:
        where, args = " AND kind = ?", [kind]
    known = conn.execute(
        "SELECT entity_id, MAX(kind), COUNT(DISTINCT doc_id), COUNT(*) FROM mentions "
        f"WHERE entity_id IS NOT NULL{where} GROUP BY entity_id",
        args,
    ).fetchall()
    candidates = conn.execute(
        "SELECT group_key, MAX(kind), COUNT(DISTINCT doc_id), COUNT(*), "
        "(SELECT surface FROM mentions s WHERE s.group_key = m.group_key AND s.entity_id IS NULL "
        " GROUP BY surface ORDER BY COUNT(*) DESC, surface LIMIT 1), MAX(confidence) "
        f"FROM mentions m WHERE entity_id IS NULL{where} GROUP BY group_key "
        "HAVING MAX(confidence) >= ?",
        [*args, min_confidence],
    ).fetchall()
    out = [
        {"id": e, "type": k, "documents": d, "mentions": n, "candidate": False}
        for e, k, d, n in known
    ]
    out += [
        {
            "id": CANDIDATE + g,
            "name": surface,
            "type": k,
            "documents": d,
            "mentions": n,
            "candidate": True,
            "confidence": round(c, 2),
        }
        for g, k, d, n, surface, c in candidates
    ]
    out.sort(key=lambda e: (-e["documents"], -e["mentions"], e["id"]))
    return out[:limit]


def entity(conn: sqlite3.Connection, entity_id: str, *, related: int = 10) -> dict[str, Any]:
    """Where an entity is named: spellings seen, documents (with dates), first and last
    dated document, and the entities named most often in the same documents."""
    column, value = (
        ("m.group_key", entity_id[1:])
        if entity_id.startswith(CANDIDATE)
        else ("m.entity_id", entity_id)
    )
    candidate_only = " AND m.entity_id IS NULL" if entity_id.startswith(CANDIDATE) else ""
    match = f"{column} = ?{candidate_only}"
    spellings = conn.execute(
        f"SELECT surface, COUNT(*) FROM mentions m WHERE {match} GROUP BY surface "
        "ORDER BY COUNT(*) DESC, surface",
        (value,),
    ).fetchall()
    docs = conn.execute(
        "SELECT d.id, d.title, d.date_start, d.date_end, COUNT(*), MIN(m.start_offset) "
        f"FROM mentions m JOIN documents d ON d.id = m.doc_id WHERE {match} "
        "GROUP BY d.id ORDER BY d.date_start IS NULL, d.date_start, d.id",
        (value,),
    ).fetchall()
    with_them = conn.execute(
        "SELECT COALESCE(o.entity_id, '~' || o.group_key), MAX(o.kind), MAX(o.surface), "
        "COUNT(DISTINCT o.doc_id) FROM mentions o WHERE o.doc_id IN "
        f"(SELECT m.doc_id FROM mentions m WHERE {match}) "
        "AND NOT (COALESCE(o.entity_id, '~' || o.group_key) = ?) "
        "AND (o.entity_id IS NOT NULL OR o.confidence >= 0.6) "
        "GROUP BY 1 ORDER BY 4 DESC, 1 LIMIT ?",
        (value, entity_id, related),
    ).fetchall()
    first, last = _dated(conn, match, value)
    dated = [d for d in docs if d[2]]
    if first is None and dated:  # no sentence naming it has a date: the documents' dates
        first = {"document": dated[0][0], "date": dated[0][2]}
        last = {"document": dated[-1][0], "date": max(d[3] or d[2] for d in dated)}
    return {
        "variants": [s for s, _ in spellings],
        "spellings": {s: n for s, n in spellings},
        "documents": [
            {"id": i, "title": t, "date": s, "mentions": n, "first_offset": off}
            for i, t, s, _, n, off in docs
        ],
        "first": first,
        "last": last,
        "co_occurring": [
            {"id": i, "type": k, "surface": s, "documents": n} for i, k, s, n in with_them
        ],
    }


_DATED = (
    "SELECT f.doc_id, {date} FROM facts f JOIN mentions m ON m.doc_id = f.doc_id "
    "AND m.start_offset BETWEEN json_extract(f.value, '$.sentence[0]') "
    "AND json_extract(f.value, '$.sentence[1]') "
    "WHERE f.kind = 'date' AND f.note IS NULL AND {match} ORDER BY 2 {order} LIMIT 1"
)


def _dated(
    conn: sqlite3.Connection, match: str, value: str
) -> tuple[dict[str, str] | None, dict[str, str] | None]:
    """The earliest and latest date of a sentence naming the entity (``match``)."""
    start = "json_extract(f.value, '$.date')"
    end = "COALESCE(json_extract(f.value, '$.end'), json_extract(f.value, '$.date'))"
    out = []
    for date, order in ((start, "ASC"), (end, "DESC")):
        row = conn.execute(_DATED.format(date=date, match=match, order=order), (value,)).fetchone()
        out.append({"document": row[0], "date": row[1]} if row else None)
    return out[0], out[1]

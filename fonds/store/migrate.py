"""Numbered migrations, each applied in one transaction together with its record."""

from __future__ import annotations

import sqlite3
from importlib import resources

from fonds.errors import ArchiveError


def _migrations(backend: str) -> list[tuple[int, str, str]]:
    folder = resources.files("fonds.store") / "migrations" / backend
    found = []
    for entry in folder.iterdir():
        name = entry.name
        if name.endswith(".sql") and name[:4].isdigit():
            found.append((int(name[:4]), name, entry.read_text(encoding="utf-8")))
    return sorted(found)


def migrate_sqlite(conn: sqlite3.Connection) -> int:
    """Apply pending migrations; returns the schema version. Refuses a newer schema."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations "
        "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    current = conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").fetchone()[0]
    known = _migrations("sqlite")
    latest = known[-1][0] if known else 0
    if current > latest:
        raise ArchiveError(
            f"archive schema version {current} is newer than this fonds knows ({latest}); upgrade fonds"
        )
    for version, name, sql in known:
        if version <= current:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in sql.split(";\n"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_migrations VALUES (?, ?, datetime('now'))", (version, name)
            )
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        current = version
    return int(current)

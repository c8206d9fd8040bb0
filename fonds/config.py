"""Settings, resolved once as: explicit value > ``FONDS_*`` environment variable > default.

This is the only module that reads ``os.environ``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DB = "fonds.db"
DEFAULT_MAX_FILE_MB = 256


@dataclass(frozen=True, slots=True)
class Settings:
    """How an archive is opened and how ingest behaves."""

    db: Path
    max_file_bytes: int = DEFAULT_MAX_FILE_MB * 1024 * 1024
    workers: int = 2

    @property
    def index_dir(self) -> Path:
        """The Tantivy index folder beside the database file."""
        return self.db.with_name(self.db.name + ".index")

    @property
    def uploads_dir(self) -> Path:
        """Where files uploaded through the web are kept, beside the database file."""
        return self.db.with_name(self.db.name + ".uploads")


def settings(
    db: str | Path | None = None,
    *,
    max_file_mb: float | None = None,
    workers: int | None = None,
) -> Settings:
    """Build Settings from explicit values, then ``FONDS_DB``, ``FONDS_MAX_FILE_MB``,
    ``FONDS_WORKERS``, then defaults."""
    env = os.environ
    db_path = Path(db if db is not None else env.get("FONDS_DB", DEFAULT_DB)).expanduser()
    mb = (
        max_file_mb
        if max_file_mb is not None
        else float(env.get("FONDS_MAX_FILE_MB", DEFAULT_MAX_FILE_MB))
    )
    n = workers if workers is not None else int(env.get("FONDS_WORKERS", os.cpu_count() or 1))
    return Settings(db=db_path.resolve(), max_file_bytes=int(mb * 1024 * 1024), workers=max(1, n))


def export_db(db: Path) -> None:
    """Set ``FONDS_DB`` for child processes (the web server's workers open it)."""
    os.environ["FONDS_DB"] = str(db)


def web_token() -> str | None:
    """The write token of ``fonds serve --allow-writes`` from ``FONDS_TOKEN`` (None: unset)."""
    return os.environ.get("FONDS_TOKEN") or None

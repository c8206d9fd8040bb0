"""fonds: a local-first archive and research workbench for declassified historical documents."""

from __future__ import annotations

import logging

from fonds.archive import Archive, CheckReport, open
from fonds.config import Settings, settings
from fonds.errors import (
    ArchiveError,
    ExtractError,
    FondsError,
    Interrupted,
    NotFound,
    QueryError,
    ReadError,
    UsageError,
)
from fonds.model import DateRange, Document, Hit, Note, SearchPage, Section, Source, Stats
from fonds.reports import IngestEvent, IngestReport
from fonds.store.query import Query

__all__ = [
    "Archive",
    "ArchiveError",
    "CheckReport",
    "DateRange",
    "Document",
    "ExtractError",
    "FondsError",
    "Hit",
    "IngestEvent",
    "IngestReport",
    "Interrupted",
    "NotFound",
    "Note",
    "Query",
    "QueryError",
    "ReadError",
    "SearchPage",
    "Section",
    "Settings",
    "Source",
    "Stats",
    "UsageError",
    "open",
    "settings",
]
__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())

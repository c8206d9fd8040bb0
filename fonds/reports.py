"""What an ingest reports: per-file events for progress, and the summary at the end.

Kept apart from ``ingest`` so that reading an archive never imports the readers.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Failed:
    path: str
    reason: str
    status: str = "failed"  # "failed" | "skipped"
    detail: str = ""  # traceback of an internal error, shown with -v


@dataclass(frozen=True, slots=True)
class IngestEvent:
    """Progress leaves the library as events; the CLI draws them."""

    kind: str  # "planned" | "file"
    path: str = ""
    status: str = ""  # added | updated | unchanged | skipped | failed
    reason: str = ""
    total: int = 0
    bytes: int = 0


@dataclass(slots=True)
class IngestReport:
    """What an ingest did, file by file."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    failed: int = 0
    documents: int = 0
    bytes: int = 0
    seconds: float = 0.0
    problems: list[Failed] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.failed == 0

    def count(self, status: str) -> None:
        setattr(self, status, getattr(self, status) + 1)

"""The errors fonds raises. Each carries the CLI exit code and the HTTP status of its kind.

``str(error)`` is always one line a user can act on.
"""

from __future__ import annotations


class FondsError(Exception):
    """Base of every error fonds raises on purpose."""

    exit_code = 1
    http_status = 500


class ReadError(FondsError):
    """A file could not be read: ``ReadError(path, "truncated XML at line 12")``."""

    http_status = 422

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class QueryError(FondsError):
    """A search query could not be parsed; the message names the position."""

    exit_code = 2
    http_status = 400


class UsageError(FondsError):
    """A bad option or argument value."""

    exit_code = 2
    http_status = 400


class NotFound(FondsError):
    """An unknown document, entity or citation id."""

    exit_code = 3
    http_status = 404


class ArchiveError(FondsError):
    """Not a fonds archive, a schema newer than this fonds, a locked database."""

    exit_code = 4
    http_status = 503


class ExtractError(FondsError):
    """An extractor broke its contract (a bug, reported with step and document)."""


class Interrupted(FondsError):
    """The user interrupted a long operation (Ctrl-C)."""

    exit_code = 130

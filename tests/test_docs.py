"""The README documents every CLI command, every reader, and the exit codes (as Datasette's
test_docs does)."""

from __future__ import annotations

from fonds.cli import app
from fonds.errors import ArchiveError, Interrupted, NotFound, QueryError
from fonds.readers import READERS
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text()


def test_every_command_is_documented() -> None:
    names = [c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands]
    assert names
    for name in names:
        assert f"`fonds {name}" in README, name


def test_every_reader_is_documented() -> None:
    for reader in READERS:
        assert f"| `{reader.name}` |" in README, reader.name


def test_exit_codes_are_documented() -> None:
    for code in (
        0,
        1,
        QueryError.exit_code,
        NotFound.exit_code,
        ArchiveError.exit_code,
        Interrupted.exit_code,
    ):
        assert f"| {code} |" in README, code

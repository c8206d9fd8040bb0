"""The Reader record: how a format is recognised and read."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from fonds.model import Document, Source

SNIFF_BYTES = 8192


@dataclass(frozen=True, slots=True)
class Reader:
    """A format: how to recognise it and how to read it into documents."""

    name: str
    media_type: str
    extensions: frozenset[str]
    sniff: Callable[[bytes], bool]  # looks at the first SNIFF_BYTES only
    read: Callable[[Source, bytes], list[Document]]  # pure; raises ReadError

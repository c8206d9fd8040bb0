"""The reader registry: one module per format, picked by content sniffing, then by extension.

Each ``readers/<fmt>.py`` ends with ``READER = Reader(...)``. Adding a format means one new
module, one entry in ``READERS`` and a test on a real file.
"""

from __future__ import annotations

from pathlib import Path

from fonds.errors import ReadError
from fonds.readers import docx, html, image, pdf, tei, text, xml
from fonds.readers._reader import SNIFF_BYTES, Reader

READERS: tuple[Reader, ...] = (
    pdf.READER,
    image.READER,
    docx.READER,
    tei.READER,
    html.READER,
    xml.READER,
    text.READER,
)


def pick_reader(path: Path, head: bytes) -> Reader:
    """Content first (the first reader whose sniff() is true), then extension.

    Raises ReadError("unsupported format") when neither decides.
    """
    for reader in READERS:
        if reader.sniff(head):
            return reader
    suffix = path.suffix.lower()
    for reader in READERS:
        if suffix in reader.extensions:
            return reader
    raise ReadError(str(path), f"unsupported format{f' ({suffix})' if suffix else ''}")


def is_supported(suffix: str) -> bool:
    """True if some reader claims this extension (``.pdf``; used to skip stray files quietly)."""
    return any(suffix in reader.extensions for reader in READERS)


__all__ = ["READERS", "SNIFF_BYTES", "Reader", "is_supported", "pick_reader"]

"""Scanned images (TIFF, PNG, JPEG, GIF, BMP, WebP): stored as documents marked ``needs_ocr``
with their page (frame) count, so they are listed and counted but never indexed as empty text.
"""

from __future__ import annotations

import io

from PIL import Image, UnidentifiedImageError

from fonds.errors import ReadError
from fonds.model import Document, Source, document_id
from fonds.readers._reader import Reader

_SIGNATURES = (
    b"II*\x00",
    b"MM\x00*",
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",
    b"GIF87a",
    b"GIF89a",
    b"BM",
)


def sniff(head: bytes) -> bool:
    """A known image signature at the start (WebP: RIFF....WEBP)."""
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return True
    return any(head.startswith(sig) for sig in _SIGNATURES if sig != b"BM") or (
        head.startswith(b"BM") and len(head) > 26 and head[14] in (12, 40, 52, 56, 64, 108, 124)
    )


def read(source: Source, data: bytes) -> list[Document]:
    """One ``needs_ocr`` document with the image's frame count as its page count."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            frames = int(getattr(image, "n_frames", 1))
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError) as exc:
        raise ReadError(source.path, f"corrupt or unsupported image ({exc})") from exc
    stem = source.path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return [
        Document(
            id=document_id(source.sha256, 0),
            source=source,
            title=stem,
            text="",
            page_count=frames,
            status="needs_ocr",
            origin={"title": "guessed", "page_count": "file"},
        )
    ]


READER = Reader(
    "image",
    "image/*",
    frozenset({".tif", ".tiff", ".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp"}),
    sniff,
    read,
)

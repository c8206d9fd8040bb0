"""Plain text in any common encoding (UTF-8/16 with or without BOM, legacy code pages).

Binary junk is refused rather than indexed as noise. The title is guessed from the first line.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from fonds.errors import ReadError
from fonds.model import Document, Source, document_id
from fonds.readers._reader import Reader
from fonds.text import normalize

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_TEXT_CONTROLS = {9, 10, 12, 13, 27}


def _looks_binary(data: bytes) -> bool:
    """True if a sample has NUL bytes or many control bytes (not text in any 8-bit encoding)."""
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in _TEXT_CONTROLS)
    return controls > max(8, len(sample) // 100)


def decode(path: str, data: bytes) -> str:
    """Decode bytes as text: BOM, then strict UTF-8, then charset detection.

    Raises ReadError for empty files, binary content or undecodable bytes.
    """
    if not data.strip():
        raise ReadError(path, "empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise ReadError(path, f"undecodable {encoding} text at byte {exc.start}") from exc
    if _looks_binary(data):
        raise ReadError(path, "binary content, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # charset-normalizer's own pick favours multibyte CJK code pages for mostly-ASCII text
    # with a few accented letters; weigh its language coherence as well as its chaos.
    candidates = list(from_bytes(data[:262144]))
    best = max(candidates, key=lambda m: m.coherence - m.chaos, default=None)
    if best is None or best.encoding is None:
        raise ReadError(path, "undecodable bytes: no text encoding fits")
    try:
        return data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise ReadError(path, f"undecodable bytes (tried {best.encoding})") from exc


def guess_title(text: str, limit: int = 200) -> str:
    """The first non-empty line, shortened at a word boundary to ``limit`` characters."""
    for line in text.split("\n"):
        line = line.strip()
        if line:
            if len(line) <= limit:
                return line
            cut = line[:limit].rsplit(" ", 1)[0]
            return cut + "…"
    return ""


def sniff(head: bytes) -> bool:
    """Plain text is never claimed by content: it is the fallback for text extensions."""
    return False


def read(source: Source, data: bytes) -> list[Document]:
    """One document: the decoded, normalized text, titled by its first line."""
    text = normalize(decode(source.path, data))
    if not text:
        raise ReadError(source.path, "empty file (only whitespace)")
    return [
        Document(
            id=document_id(source.sha256, 0),
            source=source,
            title=guess_title(text),
            text=text,
            origin={"title": "guessed"},
        )
    ]


READER = Reader(
    "text",
    "text/plain",
    frozenset({".txt", ".text", ".md", ".asc", ""}),
    sniff,
    read,
)

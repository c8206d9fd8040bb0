"""Plain text in any common encoding (UTF-8/16 with or without BOM, legacy code pages).

Binary junk is refused rather than indexed as noise. The title is guessed from the first line.
"""

from __future__ import annotations

import codecs
import re

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
_NOT_CONTROL = bytes(range(32, 256)) + b"\t\n\f\r\x1b"
_HIGH_RUN = re.compile(rb"[\x80-\xff]+")
_LATIN_PAGES = ("cp1252", "cp1250")


def _utf16_without_bom(sample: bytes) -> str | None:
    """``utf-16-le``/``-be`` when NULs fill every odd/even byte (Latin-script UTF-16, no BOM)."""
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) * 10 >= len(odd) * 7 and even.count(0) * 10 <= len(even):
        return "utf-16-le"
    if even.count(0) * 10 >= len(even) * 7 and odd.count(0) * 10 <= len(odd):
        return "utf-16-be"
    return None


def _latin_code_page(sample: bytes) -> bool:
    """High bytes only alone or in pairs between ASCII: the accented letters of a Latin-script
    text in a single-byte code page (CJK double-byte text and Cyrillic or Greek words make
    longer runs)."""
    runs = [len(m.group()) for m in _HIGH_RUN.finditer(sample)]
    return bool(runs) and max(runs) <= 2


def _looks_binary(data: bytes) -> bool:
    """True if a sample has NUL bytes or many control bytes (not text in any 8-bit encoding)."""
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = len(sample.translate(None, _NOT_CONTROL))
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
    utf16 = _utf16_without_bom(data[:8192])
    if utf16 is not None:
        try:
            return data.decode(utf16)
        except UnicodeDecodeError as exc:
            raise ReadError(path, f"undecodable {utf16} text at byte {exc.start}") from exc
    if _looks_binary(data):
        raise ReadError(path, "binary content, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    sample = data[:262144]
    if _latin_code_page(sample):
        # charset-normalizer picks CJK double-byte or Arabic code pages for mostly-ASCII text
        # with a few accented letters; choose between the two common Latin pages instead.
        scores = {
            m.encoding: m.coherence - m.chaos
            for m in from_bytes(sample, cp_isolation=list(_LATIN_PAGES))
        }
        encoding = "cp1250" if scores.get("cp1250", -1.0) > scores.get("cp1252", -1.0) else "cp1252"
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            return data.decode("latin-1")  # bytes cp1252 leaves undefined (0x81, 0x8d...)
    best = from_bytes(sample).best()
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

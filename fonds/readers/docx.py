"""Word documents (DOCX) via python-docx: paragraphs, headings as sections, core properties,
and real footnotes from the footnotes part, each linked to the offset of its marker.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from fonds.errors import ReadError
from fonds.model import DateRange, Document, Note, Origin, Section, Source, document_id
from fonds.readers import _xml
from fonds.readers._reader import Reader
from fonds.readers.text import guess_title
from fonds.text import normalize

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def sniff(head: bytes) -> bool:
    """A ZIP whose first entries include ``word/`` or ``[Content_Types].xml`` naming Word."""
    return head.startswith(b"PK\x03\x04") and (b"word/" in head or b"wordprocessingml" in head)


def _runs_text(paragraph: Any, markers: list[tuple[str, int]], base: int) -> str:
    """Text of one ``w:p`` element; footnote references are appended to ``markers`` as
    (footnote id, offset) with offsets counted from ``base``."""
    parts: list[str] = []
    length = 0
    for el in paragraph.iter():
        tag = el.tag
        if tag == _W + "t" and el.text:
            parts.append(el.text)
            length += len(el.text)
        elif tag == _W + "tab":
            parts.append(" ")
            length += 1
        elif tag in (_W + "br", _W + "cr"):
            parts.append("\n")
            length += 1
        elif tag == _W + "footnoteReference":
            markers.append((el.get(_W + "id", ""), base + length))
    return "".join(parts)


def _footnotes(path: str, data: bytes) -> dict[str, str]:
    """Footnote id -> text, from ``word/footnotes.xml`` (separators skipped)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "word/footnotes.xml" not in archive.namelist():
                return {}
            xml = archive.read("word/footnotes.xml")
    except (zipfile.BadZipFile, KeyError, OSError) as exc:
        raise ReadError(path, f"corrupt DOCX footnotes ({exc})") from exc
    root = _xml.parse(path, xml)
    notes: dict[str, str] = {}
    for note in root.iter(_W + "footnote"):
        if note.get(_W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        paragraphs = ["".join(t.text or "" for t in p.iter(_W + "t")) for p in note.iter(_W + "p")]
        notes[note.get(_W + "id", "")] = normalize("\n".join(paragraphs))
    return notes


def read(source: Source, data: bytes) -> list[Document]:
    """One document with sections from headings and notes from real footnotes."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            head = (
                archive.read("word/document.xml")[:65536] if "word/document.xml" in names else b""
            )
    except (zipfile.BadZipFile, OSError) as exc:
        raise ReadError(source.path, f"corrupt DOCX ({exc})") from exc
    if _xml.declares_entities(head):
        raise ReadError(
            source.path, "XML declares entities (refused: external or expanding entities)"
        )
    try:
        word = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ReadError(source.path, f"corrupt DOCX ({exc})") from exc
    paragraphs: list[str] = []
    markers: list[tuple[str, int]] = []
    headings: list[tuple[str, int]] = []
    pos = 0
    for p in word.paragraphs:
        raw_markers: list[tuple[str, int]] = []
        text = _runs_text(p._p, raw_markers, 0)
        clean = normalize(text)
        if not clean:
            continue
        for fid, off in raw_markers:
            # normalize() may shrink the text before the marker (collapsed spaces, CRLF, NFC)
            markers.append((fid, pos + min(len(normalize(text[:off])), len(clean))))
        style = (p.style.name if p.style is not None else "") or ""
        if style.lower().startswith("heading") or style.lower() == "title":
            headings.append((clean, pos))
        paragraphs.append(clean)
        pos += len(clean) + 2
    body = "\n\n".join(paragraphs)
    footnotes = _footnotes(source.path, data)
    notes = tuple(
        Note(label=str(i), text=footnotes.get(fid, ""), marker_offset=off)
        for i, (fid, off) in enumerate(markers, start=1)
        if fid in footnotes
    )
    sections = tuple(
        Section(title, start, headings[i + 1][1] - 2 if i + 1 < len(headings) else len(body))
        for i, (title, start) in enumerate(headings)
    )
    props = word.core_properties
    origin: dict[str, Origin] = {}
    title = normalize(props.title or "")
    if title:
        origin["title"] = "file"
    else:
        title, origin["title"] = guess_title(body) or source.path.rsplit("/", 1)[-1], "guessed"
    authors = tuple(a.strip() for a in (props.author or "").split(";") if a.strip())
    if authors:
        origin["authors"] = "file"
    language = (props.language or "")[:2].lower() or None
    if language:
        origin["language"] = "file"
    date = None
    if props.created is not None and props.created.year > 1900:
        date = DateRange(props.created.date().isoformat())
        origin["date"] = "guessed"  # the file's creation date, not necessarily the document's
    if not body and not notes:
        raise ReadError(source.path, "DOCX without text")
    return [
        Document(
            id=document_id(source.sha256, 0),
            source=source,
            title=title,
            text=body,
            date=date,
            authors=authors,
            language=language,
            sections=sections,
            notes=notes,
            origin=origin,
        )
    ]


READER = Reader(
    "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    frozenset({".docx"}),
    sniff,
    read,
)

"""PDF with a text layer (pypdfium2): text per page, page starts kept as offsets.

A PDF without a text layer (a scan) is stored as a document marked ``needs_ocr`` with its
page count, never silently indexed as empty.
"""

from __future__ import annotations

import re

import pypdfium2 as pdfium

from fonds.errors import ReadError
from fonds.model import DateRange, Document, Origin, Source, document_id
from fonds.readers._reader import Reader
from fonds.readers.text import guess_title
from fonds.text import join_pages, normalize

_PDF_DATE = re.compile(r"^D?:?(\d{4})(\d{2})?(\d{2})?")
_MIN_TEXT_CHARS = 16


def sniff(head: bytes) -> bool:
    """The ``%PDF-`` signature within the first KiB."""
    return b"%PDF-" in head[:1024]


def _pdf_date(value: str) -> DateRange | None:
    m = _PDF_DATE.match(value.strip())
    if not m or not m.group(1):
        return None
    return DateRange("-".join(p for p in m.groups() if p))


def read(source: Source, data: bytes) -> list[Document]:
    """One document with one page offset per PDF page."""
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        reason = str(exc)
        if "password" in reason.lower():
            raise ReadError(source.path, "password-protected PDF") from exc
        raise ReadError(source.path, f"corrupt PDF ({reason})") from exc
    try:
        pages: list[str] = []
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            pages.append(normalize(textpage.get_text_bounded()))
            textpage.close()
            page.close()
        meta = pdf.get_metadata_dict(skip_empty=True)
    except pdfium.PdfiumError as exc:
        raise ReadError(source.path, f"corrupt PDF page ({exc})") from exc
    finally:
        pdf.close()
    if not pages:
        raise ReadError(source.path, "PDF without pages")
    text, starts = join_pages(pages)
    origin: dict[str, Origin] = {}
    title = normalize(meta.get("Title", ""))
    needs_ocr = sum(len(p) for p in pages) < _MIN_TEXT_CHARS
    if title:
        origin["title"] = "file"
    else:
        stem = source.path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        title = stem if needs_ocr else guess_title(text)
        origin["title"] = "guessed"
    date = _pdf_date(meta.get("CreationDate", "")) if "CreationDate" in meta else None
    if date:
        origin["date"] = "guessed"  # a file's creation date is rarely the document's date
    authors = tuple(a.strip() for a in meta.get("Author", "").split(";") if a.strip())
    if authors:
        origin["authors"] = "file"
    return [
        Document(
            id=document_id(source.sha256, 0),
            source=source,
            title=title,
            text="" if needs_ocr else text,
            date=date,
            authors=authors,
            pages=() if needs_ocr else starts,
            page_count=len(pages),
            status="needs_ocr" if needs_ocr else "ok",
            origin=origin,
        )
    ]


READER = Reader("pdf", "application/pdf", frozenset({".pdf"}), sniff, read)

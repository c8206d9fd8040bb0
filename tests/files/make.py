"""Real test files written at test time (no binaries in the repository).

Every function writes one file at ``path`` and returns ``path``. The PDFs are written by hand
(objects, xref with byte offsets, trailer), the DOCX files with python-docx plus a real
footnotes part, the images with Pillow. The hostile files are what a careless reader trips on.
"""

from __future__ import annotations

import io
import random
import zipfile
from datetime import datetime
from pathlib import Path

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FOOTNOTES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
CREATION_DATE = "D:19570913103000Z"
REF = "[[ref]]"  # in a make_docx paragraph: where its footnote reference run goes


# --- PDF -------------------------------------------------------------------------------------


def _pdf_literal(text: str) -> bytes:
    """A PDF literal string ``(...)``: ASCII/Latin-1 with ``\\ ( )`` escaped."""
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return b"(" + escaped.encode("latin-1") + b")"


def _pdf_text_string(text: str) -> bytes:
    """A PDF text string for the Info dictionary: literal if ASCII, else UTF-16BE with BOM."""
    if text.isascii():
        return _pdf_literal(text)
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode() + b">"


def _write_pdf(path: Path, contents: list[bytes], title: str | None) -> Path:
    """A PDF 1.4 with one page per content stream, a Helvetica font and an Info dictionary."""
    n = len(contents)
    # object numbers: 1 catalog, 2 pages, 3 font, then (page, content) pairs, then info
    page_nums = [4 + 2 * i for i in range(n)]
    info_num = 4 + 2 * n
    objects: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids ["
        + b" ".join(b"%d 0 R" % num for num in page_nums)
        + b"] /Count %d >>" % n,
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    }
    for num, stream in zip(page_nums, contents, strict=True):
        objects[num] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792]"
            b" /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (num + 1)
        )
        objects[num + 1] = b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"
    info = [b"/Producer (fonds tests)", b"/CreationDate " + _pdf_literal(CREATION_DATE)]
    if title is not None:
        info.insert(0, b"/Title " + _pdf_text_string(title))
    objects[info_num] = b"<< " + b" ".join(info) + b" >>"

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for num in sorted(objects):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + objects[num] + b"\nendobj\n"
    xref_at = len(out)
    size = max(objects) + 1
    out += b"xref\n0 %d\n" % size
    out += b"0000000000 65535 f \n"
    for num in range(1, size):
        out += b"%010d 00000 n \n" % offsets[num]
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\n" % (size, info_num)
    out += b"startxref\n%d\n%%%%EOF\n" % xref_at
    path.write_bytes(bytes(out))
    return path


def make_pdf(path: Path, pages: list[str], title: str | None = None) -> Path:
    """A PDF with a text layer: one page per string, drawn in 12pt Helvetica."""
    contents = [b"BT /F1 12 Tf 72 720 Td " + _pdf_literal(text) + b" Tj ET" for text in pages]
    return _write_pdf(path, contents, title)


def make_scanned_pdf(path: Path, n_pages: int, title: str | None = None) -> Path:
    """A PDF whose pages have empty content streams: no text layer, as a scan without OCR."""
    return _write_pdf(path, [b""] * n_pages, title)


# --- DOCX ------------------------------------------------------------------------------------


def _footnotes_xml(texts: list[str]) -> bytes:
    """``word/footnotes.xml`` with the two separator footnotes (-1, 0) and footnotes 1..n."""
    from xml.sax.saxutils import escape

    notes = [
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0"/></w:pPr>'
        "<w:r><w:separator/></w:r></w:p></w:footnote>",
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0"/>'
        "</w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>",
    ]
    for fid, text in enumerate(texts, start=1):
        notes.append(
            f'<w:footnote w:id="{fid}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
            f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
            f'<w:r><w:t xml:space="preserve"> {escape(text)}</w:t></w:r></w:p></w:footnote>'
        )
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f'<w:footnotes xmlns:w="{W_NS}">' + "".join(notes) + "</w:footnotes>"
    ).encode()


def _add_footnotes_part(data: bytes, footnotes_xml: bytes) -> bytes:
    """Rewrite a DOCX zip: add ``word/footnotes.xml``, its relationship and content type."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename == "word/_rels/document.xml.rels":
                rel = (
                    f'<Relationship Id="rIdFootnotes1" Type="{FOOTNOTES_REL}" '
                    f'Target="footnotes.xml"/>'
                ).encode()
                body = body.replace(b"</Relationships>", rel + b"</Relationships>")
            elif item.filename == "[Content_Types].xml":
                override = (
                    f'<Override PartName="/word/footnotes.xml" ContentType="{FOOTNOTES_CT}"/>'
                ).encode()
                body = body.replace(b"</Types>", override + b"</Types>")
            dst.writestr(item, body)
        dst.writestr("word/footnotes.xml", footnotes_xml)
    return out.getvalue()


def _reference_run(fid: int) -> object:
    """``<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference/></w:r>``"""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "FootnoteReference")
    rpr.append(style)
    run.append(rpr)
    ref = OxmlElement("w:footnoteReference")
    ref.set(qn("w:id"), str(fid))
    run.append(ref)
    return run


def make_docx(
    path: Path,
    paragraphs: list[str],
    footnotes: dict[int, str] | None = None,
    heading: str | None = None,
    *,
    title: str | None = None,
    author: str | None = None,
    created: datetime | None = None,
    footnotes_xml: bytes | None = None,
) -> Path:
    """A DOCX: an optional level-1 heading, then ``paragraphs``.

    ``footnotes`` maps a paragraph index to the text of a real footnote (ids 1..n in paragraph
    order); its reference run ends that paragraph, or stands where the paragraph has ``REF``.
    ``footnotes_xml`` replaces the generated footnotes part (for hostile tests). Core
    properties: ``title``, ``author`` and ``created`` as given, python-docx's defaults cleared.
    """
    import docx

    footnotes = footnotes or {}
    word = docx.Document()
    props = word.core_properties
    props.title = title or ""
    props.author = author or ""
    props.comments = ""
    if created is not None:
        props.created = created
    if heading is not None:
        word.add_heading(heading, level=1)
    ids = {index: fid for fid, index in enumerate(sorted(footnotes), start=1)}
    for index, text in enumerate(paragraphs):
        before, _, after = text.partition(REF)
        para = word.add_paragraph()
        para.add_run(before)
        if index in ids:
            para._p.append(_reference_run(ids[index]))
        if after:
            para.add_run(after)
    buffer = io.BytesIO()
    word.save(buffer)
    data = buffer.getvalue()
    if footnotes or footnotes_xml is not None:
        part = footnotes_xml
        if part is None:
            part = _footnotes_xml([footnotes[index] for index in sorted(footnotes)])
        data = _add_footnotes_part(data, part)
    path.write_bytes(data)
    return path


def rewrite_zip(path: Path, parts: dict[str, bytes]) -> Path:
    """Replace (or add) parts of a ZIP file such as a DOCX, keeping the order of the others."""
    src = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, parts.get(item.filename, src.read(item.filename)))
        for name, body in parts.items():
            if name not in src.namelist():
                dst.writestr(name, body)
    path.write_bytes(out.getvalue())
    return path


# --- images ----------------------------------------------------------------------------------


def make_png(path: Path, size: tuple[int, int] = (120, 80)) -> Path:
    """A grey PNG page with a dark bar (a tiny 'scan')."""
    from PIL import Image, ImageDraw

    image = Image.new("L", size, 230)
    ImageDraw.Draw(image).rectangle((10, 10, size[0] - 10, 20), fill=30)
    image.save(path, format="PNG")
    return path


def make_tiff(path: Path, frames: int = 3, size: tuple[int, int] = (120, 80)) -> Path:
    """A multi-page TIFF, one frame per page, each a different shade."""
    from PIL import Image

    images = [Image.new("L", size, 40 + 60 * i % 200) for i in range(frames)]
    images[0].save(path, format="TIFF", save_all=True, append_images=images[1:])
    return path


# --- hostile files ---------------------------------------------------------------------------


def corrupt_pdf(path: Path) -> Path:
    """A ``%PDF-1.4`` header followed by junk: sniffs as PDF, cannot be parsed."""
    rng = random.Random(1957)
    path.write_bytes(b"%PDF-1.4\n" + bytes(rng.randrange(256) for _ in range(2048)))
    return path


def truncated_xml(path: Path) -> Path:
    """TEI-looking XML cut off in the middle of an element."""
    path.write_bytes(
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b'<TEI xmlns="http://www.tei-c.org/ns/1.0">\n'
        b"  <teiHeader><fileDesc><titleStmt><title>Cut off</title></titleStmt></fileDesc>\n"
        b"  </teiHeader>\n"
        b"  <text><body><p>The delegation arrived in Mos"
    )
    return path


def xxe_xml(path: Path, root: str = "doc") -> Path:
    """XML declaring an external entity on ``file:///etc/passwd`` and using it in the text."""
    path.write_bytes(
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b"<!DOCTYPE " + root.encode() + b' [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        b"<" + root.encode() + b"><p>Leak: &xxe;</p></" + root.encode() + b">\n"
    )
    return path


def empty_file(path: Path) -> Path:
    """Zero bytes."""
    path.write_bytes(b"")
    return path


def binary_junk(path: Path, size: int = 4096) -> Path:
    """Random bytes with NULs (usually named ``.txt`` in the tests)."""
    rng = random.Random(38)
    data = bytearray(rng.randrange(256) for _ in range(size))
    data[::97] = b"\x00" * len(data[::97])
    path.write_bytes(bytes(data))
    return path


def huge_text(path: Path, size: int) -> Path:
    """A UTF-8 text file of exactly ``size`` bytes: numbered lines of report prose."""
    line = "Line {:08d}: the delegation discussed reconstruction aid and the five-year plan.\n"
    chunks: list[str] = []
    total = 0
    i = 0
    while total < size:
        chunk = line.format(i)
        chunks.append(chunk)
        total += len(chunk)
        i += 1
    data = "".join(chunks).encode()[:size]
    path.write_bytes(data)
    return path

"""TEI XML: one Document per ``<div type="document">``, else the whole ``<text>`` as one.

Text is flattened into paragraphs (block elements) joined by blank lines, built directly in
the form ``fonds.text.normalize`` gives, so every offset (note markers, sections, pages) is
exact. ``<note>`` content stays out of the text and becomes ``Note`` records whose
``marker_offset`` is the end of the text before the note. Dates come from ``<date>``
attributes or from a small regex parser of dateline text (datelines use few formats).
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from pathlib import Path

from lxml import etree

from fonds.errors import ReadError
from fonds.model import DateRange, Document, Note, Origin, Section, Source, document_id
from fonds.readers._reader import SNIFF_BYTES, Reader
from fonds.readers._xml import parse
from fonds.text import normalize

TEI_NS = "http://www.tei-c.org/ns/1.0"
MAX_BYTES = 256 * 1024 * 1024  # the caller limits sizes; this is a last guard

_DIVS = frozenset("div div1 div2 div3 div4 div5 div6 div7".split())
_BLOCK = _DIVS | frozenset(
    "p head item list listBibl dateline opener closer signed salute row table lg body front back"
    " text group byline docAuthor docDate docEdition docImprint docTitle titlePart titlePage ab"
    " postscript figure trailer argument epigraph sp speaker stage castList listPerson"
    " h1 h2 h3 h4 h5 h6 li ul ol tr blockquote".split()
)
_LINE = frozenset("l cell td th".split())  # a line break, not a paragraph break
_AMBIGUOUS = frozenset("quote bibl label cit q".split())  # blocks only inside these:
_CONTAINERS = _DIVS | frozenset(
    "body front back list listBibl lg figure opener closer epigraph titlePage sp quote cit table"
    " row".split()
)
_SKIP = frozenset("teiHeader fw facsimile figDesc script style param iframe object".split())
_CHOICE_SKIP = frozenset("sic abbr orig".split())  # inside <choice>, keep corr/expan/reg
_SEP = ("", " ", "\n", "\n\n")
# The character classes of fonds.text.normalize (the result is checked against it).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\u200b\ufeff]")
_WS_CHARS = " \t\n\r\f\u00a0" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000"
_WS = re.compile(f"[{_WS_CHARS}]+")

_El = etree._Element


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _tags(name: str) -> tuple[str, str]:
    return f"{{{TEI_NS}}}{name}", name


def _child(el: _El, name: str) -> _El | None:
    return next((c for c in el if isinstance(c.tag, str) and _local(c.tag) == name), None)


class _Flat:
    """Flattens elements into normalized text, recording notes, sections and pages."""

    def __init__(self, *, oneline: bool = False, notes: str = "collect") -> None:
        self.parts: list[str] = []
        self.length = 0
        self.pending = 0  # index into _SEP: the separator owed before the next word
        self.oneline = oneline
        self.notes_mode = notes  # "collect" | "inline" | "skip"
        self.waiting: list[list[int]] = []  # boxes whose [0] is the offset of the next word
        self.notes: list[Note] = []
        self.sections: list[tuple[str, list[int]]] = []
        self.pages: list[list[int]] = []
        self.source_note: str | None = None

    def brk(self, level: int) -> None:
        if self.length:
            self.pending = max(self.pending, min(level, 1) if self.oneline else level)

    def add(self, raw: str) -> None:
        raw = _CONTROL.sub("", unicodedata.normalize("NFC", raw))
        core = raw.strip(_WS_CHARS)
        if raw and (not core or raw[0] in _WS_CHARS):
            self.brk(1)
        if not core:
            return
        if self.length:
            self.parts.append(_SEP[self.pending])
            self.length += len(_SEP[self.pending])
        for box in self.waiting:
            box[0] = self.length
        self.waiting.clear()
        core = _WS.sub(" ", core)
        self.parts.append(core)
        self.length += len(core)
        self.pending = 1 if raw[-1] in _WS_CHARS else 0

    def walk(self, el: _El, pname: str = "", *, root: bool = False) -> None:
        """Flatten ``el`` (whose parent is named ``pname``); its tail is the caller's."""
        if not isinstance(el.tag, str):
            return
        name = _local(el.tag)
        if name in _SKIP or (name in _CHOICE_SKIP and pname == "choice"):
            return
        if name == "note" and not root and self.notes_mode != "inline":
            if self.notes_mode == "collect":
                self._note(el)
            return
        if name in ("lb", "br"):
            self.brk(2)
            return
        if name == "pb":  # a page break does not break the paragraph
            self.brk(1)
            self.pages.append(page := [-1])
            self.waiting.append(page)
            return
        level = 3 if name in _BLOCK or (name in _AMBIGUOUS and pname in _CONTAINERS) else 0
        level = 2 if name in _LINE else level
        self.brk(level)
        box: list[int] | None = None
        if name in _DIVS and not root and (head := _child(el, "head")) is not None:
            self.sections.append((_plain(head), box := [-1, -1]))
            self.waiting.append(box)
        if el.text:
            self.add(el.text)
        for child in el:
            self.walk(child, name)
            if child.tail:
                self.add(child.tail)
        self.brk(level)
        if box is not None:
            box[1] = self.length
            if box[0] < 0:  # nothing written inside: an empty section at the current end
                box[0] = self.length
                self.waiting.remove(box)

    def _note(self, el: _El) -> None:
        text = _plain(el, notes="inline")
        if el.get("type") == "source":
            label = el.get("n") or "source"
            self.source_note = self.source_note or text
        else:
            label = el.get("n") or str(len(self.notes) + 1)
        self.notes.append(Note(label=label, text=text, marker_offset=self.length))


def _plain(el: _El, *, notes: str = "skip") -> str:
    """``el``'s text on one line, whitespace collapsed; notes skipped or inlined."""
    flat = _Flat(oneline=True, notes=notes)
    flat.walk(el, root=True)
    return "".join(flat.parts)


def _flatten(el: _El) -> tuple[_Flat, str]:
    """Flatten a document's element: the builder and its text, equal to ``normalize(text)``."""
    flat = _Flat()
    flat.walk(el, root=True)
    for box in flat.waiting:  # page breaks with no text after them
        box[0] = flat.length
    text = "".join(flat.parts)
    if text != normalize(text):  # only when NFC composes across elements: clamp offsets
        text = normalize(text)
        end = len(text)
        flat.notes = [Note(n.label, n.text, min(n.marker_offset or 0, end)) for n in flat.notes]
        for box in [b for _, b in flat.sections] + flat.pages:
            box[:] = [min(v, end) for v in box]
    return flat, text


# --- dates -------------------------------------------------------------------------------

_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T[\d:.]*(?:Z|[+-]\d{2}:?\d{2})?)?")
_MONTH_NAMES = "january february march april may june july august september october november"
_MONTHS = {n: i for i, m in enumerate(f"{_MONTH_NAMES} december".split(), 1) for n in (m, m[:3])}
_MONTHS["sept"] = 9
_M = r"(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_D = r"(\d{1,2})(?:st|nd|rd|th)?"
_DASH = r"\s*(?:-|–|—|to)\s*"
_MDY = re.compile(rf"\b{_M}\s+{_D}(?:{_DASH}(?:{_M}\s+)?{_D})?,?\s+(\d{{4}})\b", re.I)
_DMY = re.compile(rf"\b{_D}(?:\s+{_M})?(?:{_DASH}{_D})?\s+{_M},?\s+(\d{{4}})\b", re.I)
_MY = re.compile(rf"\b{_M},?\s+(\d{{4}})\b", re.I)
_Y = re.compile(rf"\b(\d{{4}})(?:{_DASH}(\d{{4}}))?\b")


def _ymd(y: str | int, m: str | int | None = None, d: str | int | None = None) -> str | None:
    """ISO text at the precision given, or None if the year, month or day does not exist."""
    year, month, day = int(y), int(m or 1), int(d or 1)
    if year < 1 or not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return f"{year:04d}" + (f"-{month:02d}" if m else "") + (f"-{day:02d}" if m and d else "")


def _iso(value: str | None) -> str | None:
    m = _ISO.fullmatch(value.strip()) if value else None
    return _ymd(*m.groups()) if m else None


def _range(start: str | None, end: str | None = None) -> DateRange | None:
    if start is None:
        return None
    return DateRange(start, end if end and end > start else None)


def date_from_attributes(el: _El) -> DateRange | None:
    """``@when``, else ``@from``/``@notBefore`` .. ``@to``/``@notAfter``, truncated to dates."""
    if when := el.get("when"):
        return _range(_iso(when))
    start, end = el.get("from") or el.get("notBefore"), el.get("to") or el.get("notAfter")
    return _range(_iso(start), _iso(end))


def date_from_text(text: str) -> DateRange | None:
    """The first date in a dateline: "3 February 1957", "May 5-6, 1958", "March 1957", "1957"."""
    found: list[tuple[int, DateRange]] = []
    for pattern, month_first in ((_MDY, True), (_DMY, False)):
        for m in pattern.finditer(text):
            if month_first:
                m1, d1, m2, d2, y = m.groups()
            else:
                d1, m1, d2, m2, y = m.groups()
                m1, m2 = m1 or m2, m2 if d2 else None
            first = _MONTHS[m1.lower()]
            end = _ymd(y, _MONTHS[m2.lower()] if m2 else first, d2) if d2 else None
            if rng := _range(_ymd(y, first, d1), end):
                found.append((m.start(), rng))
                break
    if found:
        return min(found, key=lambda item: item[0])[1]
    for m in _MY.finditer(text):
        if rng := _range(_ymd(m.group(2), _MONTHS[m.group(1).lower()])):
            return rng
    for m in _Y.finditer(text):
        if 1500 <= int(m.group(1)) <= 2100:  # a bare number: only plausible years
            return _range(_ymd(m.group(1)), _ymd(m.group(2)) if m.group(2) else None)
    return None


def _dateline_date(div: _El) -> DateRange | None:
    dateline = next(div.iter(*_tags("dateline")), None)
    if dateline is None:
        return None
    for date in dateline.iter(*_tags("date")):
        if rng := date_from_attributes(date):
            return rng
    return date_from_text(_plain(dateline))


def _header_date(header: _El | None, *, created_only: bool) -> DateRange | None:
    """``<date type="created">`` in the header, else (if allowed) a publicationStmt date."""
    if header is None:
        return None
    dates = [d for d in header.iter(*_tags("date")) if d.get("type") == "created"]
    if not created_only:
        for stmt in header.iter(*_tags("publicationStmt")):
            dates.extend(stmt.iter(*_tags("date")))
    for date in dates:
        if rng := date_from_attributes(date) or date_from_text(_plain(date)):
            return rng
    return None


# --- reading -----------------------------------------------------------------------------


def _header_title(header: _El | None) -> str:
    stmt = next(header.iter(*_tags("titleStmt")), None) if header is not None else None
    titles = list(stmt.iter(*_tags("title"))) if stmt is not None else []
    best = next((t for t in titles if t.get("type") == "complete"), titles[0] if titles else None)
    return _plain(best) if best is not None else ""


def _document_divs(text: _El) -> list[tuple[_El, str | None]]:
    """The outermost ``<div type="document">`` elements, each with the last paragraph
    beginning "Source:" that preceded it outside any document div."""
    found: list[tuple[_El, str | None]] = []
    source: str | None = None

    def visit(el: _El) -> None:
        nonlocal source
        for child in el:
            name = _local(child.tag) if isinstance(child.tag, str) else ""
            if name in _DIVS and child.get("type") == "document":
                found.append((child, source))
            elif name in ("p", "ab"):
                first = next((t for t in child.itertext() if isinstance(t, str) and t.strip()), "")
                if first.lstrip().startswith("Source") and (para := _plain(child))[:7] == "Source:":
                    source = para
            elif name and name not in _SKIP and name != "note":
                visit(child)

    visit(text)
    return found


def _document(
    source: Source, position: int, el: _El, title: str, date: DateRange | None, cite: str | None
) -> Document:
    flat, text = _flatten(el)
    cite = flat.source_note or cite
    origin: dict[str, Origin] = {"title": "file" if title else "guessed"}
    origin |= {k: "file" for k, v in (("date", date), ("archive_citation", cite)) if v is not None}
    pages = sorted({box[0] for box in flat.pages} | ({0} if flat.pages else set()))
    return Document(
        id=document_id(source.sha256, position),
        source=source,
        title=title or Path(source.path).stem,
        text=text,
        date=date,
        archive_citation=cite,
        pages=tuple(pages),
        page_count=len(pages) or None,
        sections=tuple(Section(t, box[0], box[1]) for t, box in flat.sections),
        notes=tuple(flat.notes),
        origin=origin,
        position=position,
    )


def _read(source: Source, root: _El) -> list[Document]:
    path = source.path
    name = _local(root.tag) if isinstance(root.tag, str) else ""
    if name not in ("TEI", "TEI.2"):
        raise ReadError(path, f"not a TEI document (root element <{name}>)")
    header, text = _child(root, "teiHeader"), _child(root, "text")
    if text is None:
        raise ReadError(path, "TEI without <text>")
    divs = _document_divs(text)
    if not divs:
        head = next(text.iter(*_tags("head")), None)
        title = _header_title(header) or (_plain(head) if head is not None else "")
        doc = _document(source, 0, text, title, _header_date(header, created_only=False), None)
        if not doc.text and not doc.notes:
            raise ReadError(path, "TEI <text> holds no text")
        return [doc]
    docs = []
    for position, (div, cite) in enumerate(divs):
        head = _child(div, "head")
        date = _dateline_date(div)
        if date is None and len(divs) == 1:
            date = _header_date(header, created_only=True)
        title = (_plain(head) if head is not None else "") or _header_title(header)
        docs.append(_document(source, position, div, title, date, cite))
    return docs


def read(source: Source, data: bytes) -> list[Document]:
    """Read a TEI file into Documents (see the module docstring). Pure.

    Raises ReadError for malformed XML, declared entities, a root other than TEI, no ``<text>``.
    """
    if len(data) > MAX_BYTES:
        raise ReadError(source.path, f"TEI file too large ({len(data)} bytes)")
    root = parse(source.path, data)
    try:
        return _read(source, root)
    except RecursionError as exc:
        raise ReadError(source.path, "XML nested too deeply") from exc
    except etree.LxmlError as exc:
        raise ReadError(source.path, f"unreadable TEI: {exc}") from exc


_SNIFF_TEI = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?TEI[\s>/]")
_SNIFF_P4 = re.compile(rb"<TEI\.2[\s>/]")


def sniff(head: bytes) -> bool:
    """True if the first 8 KiB hold a TEI root (``<TEI`` in the TEI namespace, or ``<TEI.2``)."""
    head = head[:SNIFF_BYTES]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    if _SNIFF_P4.search(head):
        return True
    return _SNIFF_TEI.search(head) is not None and TEI_NS.encode() in head


# TEI is recognised by its root element; other .xml files go to the generic XML reader
READER = Reader("tei", "application/tei+xml", frozenset({".tei"}), sniff, read)

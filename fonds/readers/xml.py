"""Other XML (records, feeds, exports that are not TEI): the text of every element, in
document order, blocks on lines of their own; a title and a date from elements so named.

Parsed by the one safe XML parser: no DTDs, no entities, no network.
"""

from __future__ import annotations

import re
from typing import Any

from fonds.errors import ReadError
from fonds.model import DateRange, Document, Origin, Source, document_id
from fonds.readers import _xml
from fonds.readers._reader import Reader
from fonds.readers.text import guess_title
from fonds.text import normalize

_XML_HEAD = re.compile(rb"^(?:\xef\xbb\xbf)?\s*<\?xml\s")
_INLINE = {"a", "em", "i", "b", "strong", "span", "sup", "sub", "small", "abbr", "code", "hi"}
_SKIP = {"script", "style", "url", "width", "height", "icon", "id"}
_ISO = re.compile(r"^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def sniff(head: bytes) -> bool:
    """An XML declaration at the start (after TEI and HTML have had their turn); XML
    without one is recognised by its extension."""
    return _XML_HEAD.match(head) is not None


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _blocks(el: Any, out: list[str]) -> None:
    """Text of ``el`` into ``out``: block elements start new entries, inline ones do not."""
    name = _local(el.tag)
    if name in _SKIP:
        if el.tail and el.tail.strip() and out:
            out[-1] += el.tail
        return
    if name not in _INLINE:
        out.append("")
    if el.text:
        out[-1] += el.text
    for child in el:
        _blocks(child, out)
        if _local(child.tag) not in _INLINE and child.tail and child.tail.strip():
            out.append(child.tail)
    if name in _INLINE and el.tail:
        out[-1] += el.tail


def _iso(value: str) -> DateRange | None:
    m = _ISO.match(value)
    if not m:
        return None
    parts = [p for p in m.groups() if p]
    return DateRange("-".join(parts))


def read(source: Source, data: bytes) -> list[Document]:
    """One document: the XML's text, its first ``title``/``head``, its first ISO date."""
    root = _xml.parse(source.path, data)
    blocks: list[str] = [""]
    _blocks(root, blocks)
    text = normalize("\n\n".join(b for b in (normalize(" ".join(x.split())) for x in blocks) if b))
    if not text:
        raise ReadError(source.path, "XML without text")
    origin: dict[str, Origin] = {}
    title = next(
        (
            " ".join("".join(str(t) for t in el.itertext()).split())
            for el in root.iter()
            if _local(el.tag) in ("title", "head", "name")
        ),
        "",
    )
    if title:
        origin["title"] = "file"
    else:
        title, origin["title"] = guess_title(text), "guessed"
    date = None
    for el in root.iter():
        if "date" in _local(el.tag) or _local(el.tag) in ("created", "issued", "published"):
            date = _iso("".join(str(t) for t in el.itertext()))
            if date:
                origin["date"] = "file"
                break
    return [
        Document(
            id=document_id(source.sha256, 0),
            source=source,
            title=title,
            text=text,
            date=date,
            origin=origin,
        )
    ]


READER = Reader("xml", "application/xml", frozenset({".xml", ".rdf", ".atom"}), sniff, read)

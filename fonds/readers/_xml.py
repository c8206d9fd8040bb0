"""The one safe XML parser: no external entities, no DTD loading, no network.

A document that declares entities in a DOCTYPE is refused outright (billion laughs, XXE).
"""

from __future__ import annotations

import re

from lxml import etree

from fonds.errors import ReadError

_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def declares_entities(data: bytes) -> bool:
    """True if the start of an XML document declares entities in a DOCTYPE."""
    return _ENTITY_DECL.search(data[:65536]) is not None


def parse(path: str, data: bytes) -> etree._Element:
    """Parse XML bytes safely; raises ReadError naming the reason (entities, syntax + line)."""
    if declares_entities(data):
        raise ReadError(path, "XML declares entities (refused: external or expanding entities)")
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if exc.lineno is not None else "?"
        msg = str(exc.msg if hasattr(exc, "msg") else exc).split(", line")[0]
        raise ReadError(path, f"malformed XML at line {line}: {msg}") from exc
    if root is None:
        raise ReadError(path, "empty XML document")
    return root

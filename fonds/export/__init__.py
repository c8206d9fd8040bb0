"""Exports of a document's reference, or of everything it cites, in citation formats.

``FORMATS`` maps a format name to its module's ``document`` and ``bibliography`` functions;
adding a format is one module and one entry.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from fonds.errors import UsageError
from fonds.export import bibtex, chicago, csl_json
from fonds.model import Document


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    document: Callable[[Document], str]
    bibliography: Callable[[Document, Sequence[dict[str, Any]]], str]


FORMATS: dict[str, Format] = {
    "chicago": Format("chicago", chicago.document, chicago.bibliography),
    "csl-json": Format("csl-json", csl_json.document, csl_json.bibliography),
    "bibtex": Format("bibtex", bibtex.document, bibtex.bibliography),
}


def get(name: str) -> Format:
    """The format called ``name``; UsageError names the known ones."""
    try:
        return FORMATS[name.lower()]
    except KeyError:
        raise UsageError(f"unknown export format {name!r} (known: {', '.join(FORMATS)})") from None

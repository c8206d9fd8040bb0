"""Guess a document's type from its title when no file or sidecar gave one.

The patterns live in ``fonds/data/doctypes.csv`` (first match wins); a guess is recorded with
origin ``"guessed"`` so a sidecar value always wins and a reader can tell the difference.
"""

from __future__ import annotations

import csv
import re
from functools import cache
from importlib import resources

from fonds.extract._extractor import Extractor, with_guess
from fonds.model import Document


@cache
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    text = (resources.files("fonds") / "data" / "doctypes.csv").read_text(encoding="utf-8")
    return tuple(
        (re.compile(row["pattern"], re.IGNORECASE), row["type"])
        for row in csv.DictReader(text.splitlines())
    )


def guess(title: str) -> str | None:
    """The type the title names (``Memorandum of Conversation...`` -> that), or None."""
    for pattern, kind in _patterns():
        if pattern.search(title):
            return kind
    return None


def run(doc: Document) -> Document:
    if doc.type or not doc.title:
        return doc
    return with_guess(doc, "type", guess(doc.title))


EXTRACTOR = Extractor("doctype", 1, run)

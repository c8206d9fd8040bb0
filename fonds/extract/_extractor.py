"""The Extractor record: one pure ``Document -> Document`` step."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from fonds.model import Document, Note, Section
from fonds.text import cut, shift, to_raw


@dataclass(frozen=True, slots=True)
class Extractor:
    """One step: a name, a version (bump to re-run on stored documents) and a pure function."""

    name: str
    version: int
    run: Callable[[Document], Document]
    changes_text: bool = False


def with_guess(doc: Document, field: str, value: str | None) -> Document:
    """The document with ``field`` set to a guessed ``value`` (origin ``"guessed"``), or
    unchanged when there is no guess."""
    if value is None:
        return doc
    changes: dict[str, Any] = {field: value, "origin": {**doc.origin, field: "guessed"}}
    return dataclasses.replace(doc, **changes)


def cut_document(
    doc: Document,
    spans: Sequence[tuple[int, int]],
    *,
    page_starts: Sequence[int] | None = None,
    notes: Sequence[Note] | None = None,
) -> Document:
    """The document with ``spans`` of its text cut out: pages, sections and note markers
    shifted to the new text, ``removed`` extended (in raw-text offsets), ``raw_text`` kept.

    ``page_starts`` (offsets in the current text) replace the pages; ``notes`` (marker
    offsets in the current text) replace the notes.
    """
    text, merged = cut(doc.text, list(spans))
    prev = list(doc.removed)
    raw = [(to_raw(s, prev), to_raw(e, prev)) for s, e in merged]
    removed: list[tuple[int, int]] = []
    for start, end in sorted(prev + raw):
        if removed and start <= removed[-1][1]:
            removed[-1] = (removed[-1][0], max(end, removed[-1][1]))
        else:
            removed.append((start, end))
    pages = page_starts if page_starts is not None else doc.pages
    return dataclasses.replace(
        doc,
        text=text,
        raw_text=doc.raw_text if doc.raw_text is not None else doc.text,
        removed=tuple(removed),
        pages=tuple(sorted({shift(p, merged) for p in pages})),
        sections=tuple(
            Section(s.title, shift(s.start, merged), shift(s.end, merged)) for s in doc.sections
        ),
        notes=tuple(
            dataclasses.replace(
                n, marker_offset=None if n.marker_offset is None else shift(n.marker_offset, merged)
            )
            for n in (notes if notes is not None else doc.notes)
        ),
    )

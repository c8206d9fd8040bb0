#!/usr/bin/env python3
"""Footnote recovery measured against a gold standard made from TEI.

The FRUS history monograph (``../shared/corpus/frus-history/monograph``) marks every note
with ``<note>``. Each chapter is flattened the way a PDF is: its text cut into pages of about
2,500 characters, a running head and a page number on each, the markers written as plain
numbers where the notes stood, and each page's notes spliced after its body. fonds then
recovers the notes from that text alone, and is scored on: notes found with the right label,
note text exactly right (boundaries), and marker placed exactly where the note stood.

    .venv/bin/python bench/eval_notes.py [--pages 2500]
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

from fonds.extract import PIPELINE, run_pipeline
from fonds.model import Document, Source
from fonds.readers import tei

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
MONOGRAPH = CORPUS / "frus-history" / "monograph" / "frus-history.xml"


def flatten(text: str, notes: list[tuple[str, str, int]], page_chars: int, head: str) -> str:
    """Pages of ``text`` with markers as plain numbers and each page's notes after it."""
    pages, start, number = [], 0, 1
    while start < len(text):
        end = min(len(text), start + page_chars)
        if end < len(text):
            end = text.rfind(" ", start, end) + 1 or end
        here = [
            (label, body, at)
            for label, body, at in notes
            if start <= at < end or (at == end == len(text))
        ]
        parts, pos = [], start
        for label, _, at in here:
            parts.append(text[pos:at] + f" {label}")
            pos = at
        parts.append(text[pos:end])
        body = "".join(parts).replace("\n", " ").strip()
        foot = " ".join(f"{label} {note}" for label, note, _ in here)
        running = head if number > 1 else ""
        pages.append(" ".join(p for p in (running, body, foot, str(number)) if p))
        start, number = end, number + 1
    return "\n\n".join(pages)


def score(page_chars: int = 2500) -> dict[str, float | int]:
    """Recovery of the monograph's notes from their flattened pages (see the module docstring)."""
    data = MONOGRAPH.read_bytes()
    source = Source(
        str(MONOGRAPH), hashlib.sha256(data).hexdigest(), len(data), "application/tei+xml"
    )
    book = tei.read(source, data)[0]
    gold_total = found_label = exact_text = exact_marker = chapters = 0
    for section in book.sections:
        notes = [
            (n.label, " ".join(n.text.split()), n.marker_offset - section.start)
            for n in book.notes
            if n.marker_offset is not None
            and section.start <= n.marker_offset < section.end
            and n.label.isdigit()
            and n.text.strip()
        ]
        labels = [int(label) for label, _, _ in notes]
        if len(notes) < 3 or labels != list(range(1, len(notes) + 1)):
            continue  # a chapter whose notes do not count 1, 2, 3... (or a sub-section)
        chapters += 1
        body = book.text[section.start : section.end]
        flat = flatten(body, notes, page_chars, head=book.title[:60])
        out = run_pipeline(
            Document(id=f"c{chapters}", source=source, title=section.title, text=flat), PIPELINE
        )
        got = {n.label: n for n in out.notes}
        for label, text, at in notes:
            gold_total += 1
            note = got.get(label)
            if note is None:
                continue
            found_label += 1
            exact_text += note.text == text
            before = " ".join(body[:at].split())[-30:]
            if note.marker_offset is not None:
                exact_marker += " ".join(out.text[: note.marker_offset].split())[-30:] == before
    total = max(gold_total, 1)
    return {
        "gold": gold_total,
        "chapters": chapters,
        "found": found_label / total,
        "exact_text": exact_text / total,
        "exact_marker": exact_marker / total,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=2500, help="characters of body per page")
    args = parser.parse_args()
    if not MONOGRAPH.exists():
        print(f"gold file missing: {MONOGRAPH}", file=sys.stderr)
        return 2
    result = score(args.pages)
    print(
        f"gold: {result['gold']} notes in {result['chapters']} chapters of {MONOGRAPH.name}, pages of {args.pages} chars"
    )
    print("| measure | value |\n| --- | ---: |")
    print(f"| notes found with the right label | {result['found']:.3f} |")
    print(f"| note text exactly right (boundaries) | {result['exact_text']:.3f} |")
    print(f"| marker exactly where the note stood | {result['exact_marker']:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

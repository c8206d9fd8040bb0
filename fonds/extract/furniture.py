"""Page furniture: running heads, running feet and page numbers, found by their repetition
(never from a list of known titles), cut from the body, with page starts kept as offsets.

Pages are the document's own (PDF) or, in flattened text, the lines that end (or begin)
with numbers counting up by one. A running head is a run of words that starts at least
three pages; a running foot one that ends them. The first page keeps its head: there it is
the title, not furniture.
"""

from __future__ import annotations

import re
from collections import defaultdict

from fonds.extract._extractor import Extractor, cut_document
from fonds.model import Document

MIN_PAGES = 3
MIN_CHARS = 1500
_TRAILING_NUMBER = re.compile(r"[ \t]+(\d{1,4})\s*$")
_LEADING_NUMBER = re.compile(r"^\s*(\d{1,4})[ \t]+")
_WORD = re.compile(r"\S+")


def _units(doc: Document) -> list[tuple[int, int]]:
    """Page spans if the reader gave pages, else non-empty lines."""
    text = doc.text
    if len(doc.pages) >= MIN_PAGES:
        ends = [*doc.pages[1:], len(text)]
        return [(s, e) for s, e in zip(doc.pages, ends, strict=True)]
    units = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            units.append((pos, pos + len(line)))
        pos += len(line) + 1
    return units


def _numbered(
    text: str, units: list[tuple[int, int]], pattern: re.Pattern[str]
) -> dict[int, tuple[int, int]]:
    """Units whose numbers count up by one over a run of at least MIN_PAGES units:
    unit index -> span of the number (with its separating blank) to cut."""
    found: list[tuple[int, int, tuple[int, int]]] = []  # (unit index, number, span)
    for i, (start, end) in enumerate(units):
        m = (
            pattern.search(text, start, end)
            if pattern is _TRAILING_NUMBER
            else pattern.match(text, start, end)
        )
        if m and (
            pattern is not _TRAILING_NUMBER or m.end() == end or not text[m.end() : end].strip()
        ):
            found.append((i, int(m.group(1)), (m.start(), m.end())))
    pages: dict[int, tuple[int, int]] = {}
    run: list[tuple[int, int, tuple[int, int]]] = []
    for item in found:
        if run and item[1] == run[-1][1] + 1:
            run.append(item)
            continue
        if len(run) >= MIN_PAGES:
            pages.update((i, span) for i, _, span in run)
        run = [item]
    if len(run) >= MIN_PAGES:
        pages.update((i, span) for i, _, span in run)
    return pages


def _words(text: str, start: int, end: int, limit: int) -> list[re.Match[str]]:
    out = []
    for m in _WORD.finditer(text, start, end):
        out.append(m)
        if len(out) >= limit:
            break
    return out


def _heads(
    text: str, units: list[tuple[int, int]], candidates: list[int]
) -> dict[int, tuple[int, int]]:
    """Running heads: the longest run of words (two at least, ten characters) that begins
    at least MIN_PAGES and a quarter of the candidate units. unit index -> span to cut."""
    groups: dict[tuple[str, ...], list[int]] = defaultdict(list)
    starts: dict[int, list[re.Match[str]]] = {}
    for i in candidates:
        words = _words(text, units[i][0], units[i][1], 25)
        if len(words) >= 4:
            starts[i] = words
            groups[tuple(w.group() for w in words[:2])].append(i)
    cuts: dict[int, tuple[int, int]] = {}
    for members in groups.values():
        if len(members) < max(MIN_PAGES, len(candidates) // 4):
            continue
        n = 2
        while (
            all(len(starts[i]) > n + 1 for i in members)
            and len({starts[i][n].group() for i in members}) == 1
        ):
            n += 1
        head_len = starts[members[0]][n - 1].end() - starts[members[0]][0].start()
        if head_len < 10:
            continue
        for i in members[1:] if members[0] == candidates[0] else members:
            words = starts[i]
            cuts[i] = (words[0].start(), words[n].start())
    return cuts


def _feet(
    text: str,
    units: list[tuple[int, int]],
    candidates: list[int],
    numbers: dict[int, tuple[int, int]],
) -> dict[int, tuple[int, int]]:
    """Running feet: the longest run of words that ends at least MIN_PAGES units."""
    tails: dict[int, list[re.Match[str]]] = {}
    groups: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i in candidates:
        start, end = units[i]
        end = numbers[i][0] if i in numbers and numbers[i][0] > start else end
        words = list(_WORD.finditer(text, max(start, end - 300), end))
        if len(words) >= 4:
            tails[i] = words[::-1]
            groups[tuple(w.group() for w in tails[i][:3])].append(i)
    cuts: dict[int, tuple[int, int]] = {}
    for members in groups.values():
        if len(members) < max(MIN_PAGES, len(candidates) // 4):
            continue
        n = 3
        while (
            all(len(tails[i]) > n + 1 for i in members)
            and len({tails[i][n].group() for i in members}) == 1
        ):
            n += 1
        for i in members:
            words = tails[i]
            cuts[i] = (words[n].end(), words[0].end())
    return cuts


def run(doc: Document) -> Document:
    if doc.status != "ok" or len(doc.text) < MIN_CHARS:
        return doc
    text = doc.text
    units = _units(doc)
    if len(units) < MIN_PAGES:
        return doc
    numbers = _numbered(text, units, _TRAILING_NUMBER) or _numbered(text, units, _LEADING_NUMBER)
    candidates = sorted(numbers) if numbers else list(range(len(units)))
    heads = _heads(text, units, candidates)
    feet = _feet(text, units, candidates, numbers)
    spans = [*numbers.values(), *heads.values(), *feet.values()]
    if not spans:
        return doc
    page_starts = None
    if numbers and not doc.pages:
        page_starts = [heads[i][1] if i in heads else units[i][0] for i in sorted(numbers)]
    return cut_document(doc, spans, page_starts=page_starts)


EXTRACTOR = Extractor("furniture", 1, run, changes_text=True)

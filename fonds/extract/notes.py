"""Footnotes and endnotes recovered from flattened text, each linked to its marker.

Two shapes are recovered; documents whose reader gave notes (TEI, DOCX) are left alone.

* **Endnotes**: a heading (``Notes``, ``Footnotes``, ``Endnotes``) followed by notes that
  start with labels (``[i]``, ``[12]``, ``12.``); the markers are the same labels in the body
  (``[xlvi]``), or numbers counting up from 1.
* **Page footnotes** spliced into the body, as a flattened PDF gives them: on each page the
  body carries markers ``k..m`` and is followed by the notes ``k..m``. Scanning the pages in
  order, a number is a marker when it is the next marker expected, and a note starts where
  the next note expected appears after its marker.

Markers and notes are cut from the text, so the body reads on; every note keeps its label,
its marker offset in the new text, and its span in the text as read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fonds.extract._extractor import Extractor, cut_document
from fonds.model import Document, Note
from fonds.text import to_raw

_HEADING = re.compile(r"(?im)^[ \t]*(?:foot|end)?notes(?: and references)?[ \t]*:?[ \t]*$")
_LABELLED = re.compile(
    r"(?m)^[ \t]*(?:\[(?P<b>[0-9]{1,3}|[ivxlcdm]{1,8})\][ \t]*|(?P<n>[0-9]{1,3})\.?[ \t]+)(?=\S)"
)
_NUMBER = re.compile(r"(?<![\w.,/\-–])(\d{1,3})(?![\w/\-–]|[.,:]\d)")
_BEFORE_MARKER = re.compile(r"[\w.,;:!?)\]\"”’'*]$")
_NOTE_OPENING = re.compile(r"\s*(?:[A-Z\"“”‘’'\[(]|see\b|cf\b|ibid)")
_NOTE_OPENING_IN_NOTES = re.compile(r"\s*(?:[A-Z0-9\"“”‘’'\[(]|see\b|cf\b|ibid|n\.)")
MAX_SKIP = 2  # notes a page may lose (unreadable labels) before the count resumes
_ABBREVIATION = re.compile(
    r"(?i)(?:^|\s)(?:no|nos|vol|vols|p|pp|op|f|d|l|ll|ch|ed|eds|trans|cf|fol|fols|sec|art)\.$"
)
_MONTH_BEFORE = re.compile(
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)[ \t]+$"
)
_YEAR_AFTER = re.compile(r",\s*(?:1[5-9]|20)\d\d\b")
_SENTENCE_END = re.compile(r"[.;:)\]\"”’!?]\s*$")
MIN_CHARS = 400


@dataclass(slots=True)
class _Found:
    label: str
    marker: tuple[int, int] | None  # span of the marker in the text (cut)
    note: tuple[int, int]  # span of the note's label and text (cut)
    text_start: int  # where the note's text starts (after its label)
    extra: tuple[int, int] | None = None  # its continuation on the next page (cut)


def _endnotes(text: str) -> tuple[list[_Found], tuple[int, int]] | None:
    """Notes after a notes heading, linked to bracketed or sequential markers before it."""
    headings = list(_HEADING.finditer(text))
    for heading in reversed(headings):
        labels = list(_LABELLED.finditer(text, heading.end()))
        if len(labels) < 2 or text[heading.end() : labels[0].start()].strip():
            continue
        kind = "b" if labels[0].group("b") is not None else "n"
        labels = [m for m in labels if m.group(kind) is not None]
        if kind == "n":  # numbered notes count up; other numbers at a line start are text
            labels = _counting(labels)
        found: list[_Found] = []
        for i, m in enumerate(labels):
            end = labels[i + 1].start() if i + 1 < len(labels) else len(text)
            label = m.group("b") or m.group("n")
            found.append(_Found(label, None, (m.start(), end), m.end()))
        bracketed = labels[0].group("b") is not None
        body = text[: heading.start()]
        _bracket_markers(body, found)
        if not bracketed and sum(f.marker is not None for f in found) * 2 < len(found):
            for f in found:
                f.marker = None
            _sequential_markers(body, found)
        return found, (heading.start(), len(text))
    return None


def _counting(labels: list[re.Match[str]]) -> list[re.Match[str]]:
    """The labels that continue the count 1, 2, 3..."""
    out: list[re.Match[str]] = []
    for m in labels:
        if int(m.group("n")) == len(out) + 1:
            out.append(m)
    return out


def _bracket_markers(body: str, found: list[_Found]) -> None:
    """``[label]`` in the body, in order, not followed by a letter (``[i]n short`` is a quote)."""
    pos = 0
    for note in found:
        pattern = re.compile(r"\[" + re.escape(note.label) + r"\](?![A-Za-z])")
        m = pattern.search(body, pos)
        if m is not None:
            note.marker = (m.start(), m.end())
            pos = m.end()


def _sequential_markers(body: str, found: list[_Found]) -> None:
    """Numbers 1, 2, 3... in the body, each after a word or punctuation, in order."""
    expected = {note.label: note for note in found}
    want = 1
    for m in _NUMBER.finditer(body):
        if m.group(1) != str(want) or str(want) not in expected:
            continue
        before = body[max(0, m.start() - 12) : m.start()]
        if (
            not before
            or not _BEFORE_MARKER.search(before.rstrip())
            or _ABBREVIATION.search(before.rstrip())
        ):
            continue
        start = m.start() - 1 if body[m.start() - 1 : m.start()] == " " else m.start()
        expected[str(want)].marker = (start, m.end())
        want += 1


def _is_date_day(text: str, m: re.Match[str]) -> bool:
    """``April 22, 1953`` or ``22 April``: a day of a date, not a note marker."""
    return bool(
        _MONTH_BEFORE.search(text, max(0, m.start() - 12), m.start())
        or _YEAR_AFTER.match(text, m.end())
        or re.match(
            r"\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\b",
            text[m.end() : m.end() + 12],
        )
    )


def _page_footnotes(text: str, pages: list[tuple[int, int]]) -> list[_Found]:
    """Per-page footnotes spliced after the page's body (see the module docstring)."""
    found: list[_Found] = []
    markers: dict[int, tuple[int, int]] = {}
    next_marker = next_note = 1
    for start, end in pages:
        in_notes = False
        last_marker_end = start
        for m in _NUMBER.finditer(text, start, end):
            value = int(m.group(1))
            before = text[max(start, m.start() - 3) : m.start()]
            if (
                not in_notes
                and value == next_marker
                and _BEFORE_MARKER.search(before.rstrip())
                and not (value == next_note and next_note < next_marker)
                and not _is_date_day(text, m)
            ):
                cut_start = m.start() - 1 if text[m.start() - 1] == " " else m.start()
                markers[value] = (cut_start, m.end())
                last_marker_end = m.end()
                next_marker += 1
                continue
            skip = value - next_note
            if (
                value < next_marker
                and (skip == 0 or (in_notes and 0 < skip <= MAX_SKIP and _resumes(text, m, start)))
                and _opens_note(text, m, start, in_notes)
            ):
                if found and found[-1].note[1] == -1:
                    found[-1].note = (found[-1].note[0], m.start())
                elif not in_notes:
                    star = _star_note(text, start, last_marker_end, m.start())
                    if star is not None:
                        found.append(star)
                    elif found:
                        _continuation(text, found[-1], last_marker_end, m.start())
                found.append(_Found(str(value), markers.get(value), (m.start(), -1), m.end()))
                next_note = value + 1
                in_notes = True
        if found and found[-1].note[1] == -1:
            found[-1].note = (found[-1].note[0], end)
    return found


def _star_note(text: str, page_start: int, body_end: int, label: int) -> _Found | None:
    """An unnumbered note (``* The author thanks...``) before the page's first numbered
    note, linked to a ``*`` fixed to a word of the page's body."""
    star = re.search(r"(?:^|\s)\*\s+(?=[A-Z])", text[body_end:label])
    if star is None:
        return None
    at = body_end + star.end() - len(star.group().lstrip())
    marker = re.search(r"(?<=\w)\*", text[page_start:at])
    span = (page_start + marker.start(), page_start + marker.end()) if marker else None
    return _Found("*", span, (at, label), at + 1)


def _continuation(text: str, note: _Found, body_end: int, label: int) -> None:
    """A note cut by the page end goes on at the head of the next page's notes, before the
    first label there: from the first token after the page's last marker that opens with a
    digit or a bracket (a citation, not prose)."""
    if _SENTENCE_END.search(text[note.text_start : note.note[1]]):
        return
    for m in re.finditer(r"\S+", text[body_end:label]):
        if m.group()[0].isdigit() or m.group()[0] in "([":
            note.extra = (body_end + m.start(), label)
            return


def _resumes(text: str, m: re.Match[str], page_start: int) -> bool:
    """Stricter evidence for a label that skips a lost one: after a full stop, before a
    capitalised word."""
    before = text[page_start : m.start()].rstrip()
    return (
        before.endswith((".", ".”", '."'))
        and re.match(r"\s+[A-Z][a-z]", text[m.end() :]) is not None
    )


def _opens_note(text: str, m: re.Match[str], page_start: int, in_notes: bool) -> bool:
    """A note label: before a word that can open a note; within a page's notes, also after
    the end of the previous note (not after an abbreviation such as ``no.`` or ``vol.``)."""
    if not in_notes:
        return _NOTE_OPENING.match(text, m.end()) is not None
    if not _NOTE_OPENING_IN_NOTES.match(text, m.end()):
        return False
    before = text[page_start : m.start()].rstrip()
    if _ABBREVIATION.search(before):
        return False
    return _SENTENCE_END.search(before) is not None


def _pages(doc: Document) -> list[tuple[int, int]]:
    if not doc.pages:
        return [(0, len(doc.text))]
    ends = [*doc.pages[1:], len(doc.text)]
    return list(zip(doc.pages, ends, strict=True))


def run(doc: Document) -> Document:
    if doc.notes or doc.status != "ok" or len(doc.text) < MIN_CHARS:
        return doc
    text = doc.text
    endnotes = _endnotes(text)
    section: tuple[int, int] | None = None
    if endnotes is not None:
        found, section = endnotes
    elif len(doc.pages) >= 2:
        found = _page_footnotes(text, _pages(doc))
    else:
        return doc
    found = [f for f in found if f.marker is not None or endnotes is not None]
    if len(found) < 2:
        return doc
    spans = [f.marker for f in found if f.marker is not None]
    spans += [section] if section else [f.note for f in found]
    spans += [f.extra for f in found if f.extra is not None]
    spans += _page_joins(text, doc) if section is None else []
    prev = list(doc.removed)
    notes = [
        Note(
            label=f.label,
            text=" ".join((text[f.text_start : f.note[1]] + " " + _extra(text, f)).split()),
            marker_offset=f.marker[0] if f.marker is not None else None,
            raw_span=(to_raw(f.note[0], prev), to_raw(f.note[1], prev)),
        )
        for f in found
    ]
    return cut_document(doc, spans, notes=notes)


def _extra(text: str, found: _Found) -> str:
    return text[found.extra[0] : found.extra[1]] if found.extra is not None else ""


def _page_joins(text: str, doc: Document) -> list[tuple[int, int]]:
    """The blank lines between pages, where the body runs on from one page to the next."""
    joins = []
    for page in doc.pages[1:]:
        gap_start = page
        while gap_start > 0 and text[gap_start - 1] == "\n":
            gap_start -= 1
        if gap_start < page - 1:
            joins.append((gap_start + 1, page))
    return joins


EXTRACTOR = Extractor("notes", 1, run, changes_text=True)

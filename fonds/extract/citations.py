"""Citations: each note split into its citations, each classified (archival file, book,
article, newspaper, interview, digital record, back-reference), archival ones parsed into
fields, and back-references (``Ibid.``, ``Armstrong, Fraternal Socialism, 165``) resolved
to the full citation they point to earlier in the same document.

Offsets are into the note's text. Pure: a function of the document's notes.
"""

from __future__ import annotations

import csv
import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from fonds.extract import archival
from fonds.extract._extractor import Extractor
from fonds.model import Document, Note

_IBID = re.compile(r"^\s*(?:ibid|ibidem|id)\b\.?,?\s*", re.IGNORECASE)
_URL = re.compile(r"https?://\S+|\bdoi:\s*\S+|digitalarchive\.\S+", re.IGNORECASE)
_PUBLISHER = re.compile(r"\([^()]*:[^()]*(?:1[89]|20)\d\d[^()]*\)")
_ARTICLE = re.compile(
    r"[\"“”]|\bno\.\s*\d|\bvol\.\s*\d|\bjournal\b|\bbulletin\b|\breview\b|\bquarterly\b",
    re.IGNORECASE,
)
_INTERVIEW = re.compile(r"\binterview(?:ed)? (?:with|by)\b", re.IGNORECASE)
_DIGITAL = re.compile(r"digital archive|wilson center|nkidp archives?|cwihp archive", re.IGNORECASE)
_LOCATOR = re.compile(
    r"(?:,\s*|\s+)(?:pp?\.\s*)?(\d+(?:\s*[-–]\s*\d+)?(?:,\s*\d+(?:\s*[-–]\s*\d+)?)*)\.?\s*$"
)
_WORD = re.compile(r"[A-Za-zÀ-ÿ']+")
_STOP = {"the", "a", "an", "of", "and", "in", "on", "to", "for", "s"}


@dataclass(frozen=True, slots=True)
class Citation:
    """One citation inside a note: ``note.text[start:end]``."""

    note: str  # the note's label
    start: int
    end: int
    kind: str  # archival | book | article | newspaper | interview | digital | ibid | short | other
    raw: str
    archive: str | None = None
    fields: dict[str, str] = field(default_factory=dict)
    canonical: str | None = None  # the archival file, or the work ("author|short title")
    refers_to: int | None = None  # index of the citation a back-reference resolves to
    pages: str | None = None


@cache
def _periodicals() -> re.Pattern[str]:
    text = (resources.files("fonds") / "data" / "periodicals.csv").read_text(encoding="utf-8")
    names = sorted(
        (row["name"] for row in csv.DictReader(text.splitlines())), key=len, reverse=True
    )
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b")


def split(text: str) -> Iterator[tuple[int, int]]:
    """Spans of the citations in a note: parts between top-level ``;`` (not inside
    parentheses or brackets), whitespace trimmed."""
    depth = 0
    start = 0
    for i, ch in enumerate(text):
        if ch in "([":
            depth += 1
        elif ch in ")]" and depth:
            depth -= 1
        elif ch == ";" and depth == 0:
            yield from _trim(text, start, i)
            start = i + 1
    yield from _trim(text, start, len(text))


_SIGNAL = re.compile(
    r"(?:see also|see, for example,|see, e\.g\.,|see|cf\.|compare|also)\s+", re.IGNORECASE
)


def _trim(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start] in " \t\n":
        start += 1
    if m := _SIGNAL.match(text, start, end):  # "See ..." introduces the citation
        start = m.end()
    while end > start and text[end - 1] in " \t\n.":
        end -= 1
    if end - start >= 2:
        yield start, end


def _work_key(text: str) -> str | None:
    """``author surname|first title words`` for a book or article citation."""
    parts = [p.strip() for p in re.split(r",", text, maxsplit=2)]
    if len(parts) < 2:
        return None
    names = _WORD.findall(parts[0])
    words = [w.lower() for w in _WORD.findall(parts[1]) if w.lower() not in _STOP][:3]
    if not names or not words:
        return None
    return f"{names[-1].lower()}|{' '.join(words)}"


def _classify(note: str, raw: str) -> Citation:
    start = 0
    if _IBID.match(raw):
        return Citation(note, start, len(raw), "ibid", raw)
    ref = archival.parse(raw)
    if ref is not None and ref.tradition == "digital":
        return Citation(note, start, len(raw), "digital", raw, ref.archive)
    if ref is not None and (ref.fields or ref.archive):
        pages = ref.fields.get("pages") or ref.fields.get("l")
        return Citation(
            note,
            start,
            len(raw),
            "archival",
            raw,
            ref.archive,
            ref.fields,
            ref.canonical,
            pages=pages,
        )
    if _INTERVIEW.search(raw):
        return Citation(note, start, len(raw), "interview", raw)
    if _URL.search(raw) or _DIGITAL.search(raw):
        return Citation(
            note,
            start,
            len(raw),
            "digital",
            raw,
            fields={"url": m.group()} if (m := _URL.search(raw)) else {},
        )
    if _periodicals().search(raw):
        return Citation(note, start, len(raw), "newspaper", raw)
    if _PUBLISHER.search(raw):
        return Citation(
            note, start, len(raw), "book", raw, canonical=_work_key(raw), pages=_locator(raw)
        )
    if _ARTICLE.search(raw):
        return Citation(
            note, start, len(raw), "article", raw, canonical=_work_key(raw), pages=_locator(raw)
        )
    return Citation(note, start, len(raw), "other", raw, canonical=None, pages=_locator(raw))


def _locator(raw: str) -> str | None:
    m = _LOCATOR.search(raw)
    return archival.full_pages(m.group(1)) if m else None


def _resolve(cites: list[Citation]) -> list[Citation]:
    """Ibid. -> the citation before it; short forms -> the earlier full citation of the work."""
    out: list[Citation] = []
    works: dict[str, int] = {}
    for c in cites:
        if c.kind == "ibid" and out:
            prev_i = len(out) - 1
            while prev_i >= 0 and out[prev_i].kind == "ibid" and out[prev_i].refers_to is not None:
                prev_i = out[prev_i].refers_to or 0
                break
            target = out[prev_i]
            rest = _IBID.sub("", c.raw)
            fields = dict(target.fields)
            canon = target.canonical
            pages = _locator(rest) if rest else target.pages
            if target.kind == "archival" and rest:
                extra = archival._russian(rest) if target.fields.get("f") else {}
                fields.update(extra)
                if "pages" in fields and not extra.get("pages") and pages:
                    fields["pages"] = pages
                canon = (
                    archival.canonical(target.archive, "russian", fields)
                    if target.fields.get("f")
                    else canon
                )
            c = dataclasses.replace(
                c,
                archive=target.archive,
                fields=fields,
                canonical=canon,
                refers_to=prev_i,
                pages=pages,
            )
        elif c.kind in ("book", "article") and c.canonical:
            works.setdefault(c.canonical, len(out))
        elif c.kind == "other":
            key = _work_key(c.raw)
            match = next((i for k, i in works.items() if key and _short_matches(key, k)), None)
            if match is not None:
                c = dataclasses.replace(
                    c, kind="short", canonical=out[match].canonical, refers_to=match
                )
        out.append(c)
    return out


def _short_matches(short: str, full: str) -> bool:
    """``armstrong|fraternal socialism`` matches ``armstrong|fraternal socialism international``."""
    s_name, s_words = short.split("|")
    f_name, f_words = full.split("|")
    return s_name == f_name and f_words.startswith(s_words.split()[0])


def extract(notes: tuple[Note, ...]) -> list[Citation]:
    """Every citation of every note, in order, back-references resolved."""
    cites: list[Citation] = []
    for note in notes:
        for start, end in split(note.text):
            c = _classify(note.label, note.text[start:end])
            cites.append(dataclasses.replace(c, start=start, end=end))
    return _resolve(cites)


def run(doc: Document) -> Document:
    if not doc.notes:
        return doc
    return dataclasses.replace(doc, citations=tuple(extract(doc.notes)))


EXTRACTOR = Extractor("citations", 1, run)

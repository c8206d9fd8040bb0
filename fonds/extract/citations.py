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

from fonds.extract import archival, works
from fonds.extract._extractor import Extractor
from fonds.model import Document, Note

_IBID = re.compile(r"^\s*(?:ibid|ibidem|id)\b\.?,?\s*", re.IGNORECASE)
_URL = re.compile(r"https?://\S+|\bdoi:\s*\S+|digitalarchive\.\S+", re.IGNORECASE)
_INTERVIEW = re.compile(r"\binterview(?:ed)? (?:with|by)\b", re.IGNORECASE)
_DIGITAL = re.compile(r"digital archive|wilson center|nkidp archives?|cwihp archive", re.IGNORECASE)
_LOCATOR = re.compile(
    r"(?:,\s*|\s+)(?:pp?\.\s*)?(\d+(?:\s*[-–]\s*\d+)?(?:,\s*\d+(?:\s*[-–]\s*\d+)?)*)\.?\s*$"
)
_PAPER_DATE = re.compile(
    r"^,?\s*(?:\d{1,2}\s+[A-Z][a-z]+\.?(?:\s+\d{4})?|[A-Z][a-z]+\.?\s+\d{1,2}(?:,\s*\d{4})?|\d{4})"
)


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


def _newspaper(raw: str, m: re.Match[str]) -> dict[str, str]:
    """``Title, Renmin Ribao, 24 November 1953, 1`` -> container, date, title, pages."""
    fields = {"container": m.group()}
    if title := raw[: m.start()].strip(" ,."):
        fields["title"] = title
    rest = raw[m.end() :]
    if d := _PAPER_DATE.search(rest):
        fields["date"] = d.group().strip(" ,")
        if p := re.match(r",\s*(?:no\.\s*\d+,\s*)?(?:pp?\.\s*)?(\d+(?:[-–]\d+)?)", rest[d.end() :]):
            fields["pages"] = archival.full_pages(p.group(1).replace("–", "-"))
    return fields


def _classify(note: str, raw: str) -> Citation:
    if _IBID.match(raw):
        return Citation(note, 0, len(raw), "ibid", raw)
    ref = archival.parse(raw)
    if ref is not None and ref.tradition == "digital":
        return Citation(note, 0, len(raw), "digital", raw, ref.archive)
    if ref is not None and (ref.fields or ref.archive):
        pages = ref.fields.get("pages") or ref.fields.get("l")
        return Citation(
            note, 0, len(raw), "archival", raw, ref.archive, ref.fields, ref.canonical, pages=pages
        )
    if _INTERVIEW.search(raw):
        return Citation(note, 0, len(raw), "interview", raw)
    if _URL.search(raw) or _DIGITAL.search(raw):
        url = {"url": m.group()} if (m := _URL.search(raw)) else {}
        return Citation(note, 0, len(raw), "digital", raw, fields=url)
    if paper := _periodicals().search(raw):
        fields = _newspaper(raw, paper)
        return Citation(
            note, 0, len(raw), "newspaper", raw, fields=fields, pages=fields.get("pages")
        )
    work = works.parse(raw)
    if work is None:
        return Citation(note, 0, len(raw), "other", raw, pages=_locator(raw))
    published = {"year", "container", "place", "publisher"} & work.fields.keys()
    kind = ("article" if work.type in ("article", "report") else "book") if published else "other"
    fields = {"type": work.type, **work.fields}
    if kind == "other" and "author" not in fields:
        return Citation(note, 0, len(raw), "other", raw, pages=_locator(raw))
    return Citation(
        note,
        work.start,
        len(raw),
        kind,
        raw[work.start :],
        fields=fields,
        canonical=work.key,
        pages=fields.get("pages"),
    )


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
            if c.fields.get("author", "").casefold() == "idem" and out:
                c = _idem(c, out)
            works.setdefault(c.canonical or "", len(out))
        elif c.kind == "other" and c.canonical:
            match = next((i for i in works.values() if _short_matches(c.canonical, out[i])), None)
            if match is not None:
                c = dataclasses.replace(
                    c, kind="short", canonical=out[match].canonical, refers_to=match
                )
        elif c.kind == "other" and out and out[-1].kind == "newspaper":
            if d := _PAPER_DATE.match(c.raw):  # "Renmin Ribao, 25 August 1956, 2; 25 June, 3"
                fields = {"container": out[-1].fields["container"], "date": d.group().strip(" ,")}
                c = dataclasses.replace(c, kind="newspaper", fields=fields, refers_to=len(out) - 1)
        out.append(c)
    return out


def _short_matches(short: str, full: Citation) -> bool:
    """``armstrong|fraternal socialism`` is a short form of Charles K. Armstrong's
    ``Fraternal Socialism: The International...``; ``|zhou enlai nianpu`` (a title cited
    alone) of ``Li Ping et al., Zhou Enlai nianpu...``."""
    s_name, s_words = short.split("|")
    f_words = (full.canonical or "|").split("|")[1]
    names = works.name_words(full.fields.get("author") or full.fields.get("editor", ""))
    return (not s_name or s_name in names) and f_words.startswith(s_words)


def _idem(c: Citation, out: list[Citation]) -> Citation:
    """ "idem, Title..." is by the author of the work cited just before."""
    prev = next((p for p in reversed(out) if p.fields.get("author")), None)
    if prev is None:
        return c
    if prev.kind == "short" and prev.refers_to is not None:
        prev = out[prev.refers_to]
    fields = {**c.fields, "author": prev.fields.get("author", "")}
    return dataclasses.replace(
        c, fields=fields, canonical=works.key(fields["author"], fields.get("title", ""))
    )


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

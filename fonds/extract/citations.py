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
_INTERVIEW = re.compile(r"\binterview(?:s|ed)? (?:with|by)\b", re.IGNORECASE)
# a record of an online archive: the Wilson Center Digital Archive and its programmes, CREST
_DIGITAL_RECORD = re.compile(
    r"digitalarchive\.|\bdigital archive\b|\bNKIDP Archives?\b|\bCWIHP Archive\b|\bCREST\b"
    r"|\bCIA[-–]RDP",
    re.IGNORECASE,
)
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


_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
)
_NEWS_WORD = re.compile(
    r"\b(?:Herald|Times|Gazette|Post|Tribune|Daily|Journal|Advertiser|Messenger|Bulletin|Picayune|"
    r"Chronicle|Inquirer|Enquirer|Courier|Dispatch|Examiner|Globe|Observer|Guardian|Telegraph|"
    r"Evening|Morning|Weekly|Sun|Star|Register|Mercury|Intelligencer|Transcript|Zeitung)\b"
)
# a newspaper's name (capitalised words, a place in parentheses) followed by a day's date:
# "New York Herald, December 17 and 19, 1869", "The Daily Commercial (Vicksburg, Miss.), May 8"
_PAPER_SHAPE = re.compile(
    r"(?:^|(?<=, )|(?<=” )|(?<=\" ))(?:[A-Z][\w.'’&-]*|\([^()]*\))"
    r"(?:\s+(?:[A-Z][\w.'’&-]*|\([^()]*\)|of|and|the|de|la))*"
    r"(?=\s*,\s*(?:" + _MONTH + r"\s+\d{1,2}\b|\d{1,2}\s+" + _MONTH + r"))"
)


def _paper(raw: str) -> re.Match[str] | None:
    """The newspaper a citation names: one of ``periodicals.csv`` or a newspaper's shape."""
    if _PUB_DETAILS.search(raw):  # a book: "Register of ..., 1925 (Washington: GPO, 1925)"
        return None
    known = _periodicals().search(raw)
    shape = next((m for m in _PAPER_SHAPE.finditer(raw) if _NEWS_WORD.search(m.group())), None)
    if known and shape and shape.start() <= known.start() and shape.end() >= known.end():
        return shape  # "Salem Evening Star", not its "Evening Star"
    return known or shape


def split(text: str) -> Iterator[tuple[int, int]]:
    """Spans of the citations in a note: its sentences, each cut at top-level ``;`` (not
    inside parentheses or brackets), whitespace trimmed."""
    for s_start, s_end in sentences(text):
        depth = 0
        start = s_start
        for i in range(s_start, s_end):
            ch = text[i]
            if ch in "([":
                depth += 1
            elif ch in ")]" and depth:
                depth -= 1
            elif ch == ";" and depth == 0:
                yield from _sources(text, start, i)
                start = i + 1
        yield from _sources(text, start, s_end)


_JOIN = re.compile(
    r"(?P<cited>,?\s+(?:as\s+)?(?:cited|quoted)\s+(?:from|in)\s+)|,?\s+and\s+(?:passim,\s+)?"
)
# how a complete reference ends: pages, a decimal file, a call number, a parenthesis, a URL
_COMPLETE = re.compile(
    r"(?:\bpp?\.\s*\d[\d\s,–-]*|\d+/\w+|\b\w*\d\w*[-–]\d+|\)|https?://\S+|\bBox\s+\d+)$"
)


_FUNCTION_WORDS = frozenset("the a an of in on for to by from with its his her their other".split())


def _located(text: str) -> bool:
    """Whether ``text`` says where its source is: an archive, a record group, publication
    details or a web address."""
    return bool(
        archival.find_archive(text)
        or re.search(r"\bRG\s*\d+", text)
        or _PUB_DETAILS.search(text)
        or _URL.search(text)
    )


def _sources(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """A part cut where " and " joins two sources each with its own location ("..., pp.
    85–87 and NARA, RG 84, ..."; "..., Box 1, Title and report of ..., Department of State,
    ..."), then trimmed; "A to B, date and C to D, date, both in ..." stays one citation."""
    for m in _JOIN.finditer(text, start, end):
        if m.group("cited") and not _depth(text[start : m.start()]):
            yield from _trim(text, start, m.start())  # a document and the work it is cited from
            start = m.end()
            continue
        left, right = text[start : m.start()], text[m.end() : end]
        if _depth(left) or not _located(right) or right[:1].isdigit():
            continue
        complete = bool(_COMPLETE.search(left.rstrip(" .,")))
        at_archive = (found := archival.find_archive(right)) is not None and found[1] == 0
        described = (
            right[:1].islower() and right.split(None, 1)[0] not in _FUNCTION_WORDS
        ) or _letter(right)
        if (complete or _located(left)) and (complete or at_archive or described):
            yield from _trim(text, start, m.start())
            start = m.end()
    yield from _trim(text, start, end)


def _depth(text: str) -> int:
    depth = 0
    for ch in text:
        if ch in "([":
            depth += 1
        elif ch in ")]" and depth:
            depth -= 1
    return depth


# words a period follows without ending the sentence ("pp. 3", "Dept. of State")
_ABBREVIATIONS = frozenset(
    "p pp vol vols no nos f ff op d l ll ed eds trans comp rev repr orig n nn ch chap sec art "
    "fol fols ser cong sess doc docs stat dept st mr mrs ms dr jr sr gen col lt capt adm sen "
    "rep gov pres amb esp e.g i.e cf vs viz al ca c approx univ inst assn co corp inc ltd bros "
    "jan feb mar apr jun jul aug sep sept oct nov dec fig figs app tel".split()
)
_SENTENCE_END = re.compile(
    r"[.?!][”\"’']?\s+(?=[A-Z“\"‘\[]|see\b|cf\.)"
    r"(?!(?:Translated|Trans\.|Available|Accessed|Retrieved|Reprinted|Originally)\b)"
)


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """Spans of the sentences of a note: cut after ``.`` (``?``, ``!``) at the top level when
    the next sentence begins with a capital, a quote or a signal ("see"), not after an
    abbreviation (``pp.``, ``vol.``, ``U.S.``) or an initial (``B. C.``)."""
    start = 0
    depth = 0
    i = 0
    for m in _SENTENCE_END.finditer(text):
        for ch in text[i : m.start()]:
            depth += ch in "(["
            depth -= ch in ")]" and depth > 0
        i = m.start()
        if depth == 0 and not _abbreviation(text, m.start()):
            yield start, m.start() + 1
            start = m.end()
    yield start, len(text)


def _abbreviation(text: str, dot: int) -> bool:
    """Whether the period at ``dot`` closes an abbreviation or initial, not a sentence."""
    word = re.search(r"([\w.]*)$", text[max(0, dot - 20) : dot])
    token = word.group(1) if word else ""
    last = token.rsplit(".", 1)[-1]
    if not last or last.isdigit():
        return False
    if "." in token:  # "U.S", "D.C", "e.g"
        return True
    if len(last) == 1:  # an initial ("B. C. Koh"), not a letter ending "M–O. See also"
        before = text[dot - 2] if dot >= 2 else " "
        return before in " .([" or not re.match(r"\.\s+(?:See|Cf\.)\s", text[dot:])
    if last.casefold() in _ABBREVIATIONS:
        return True
    return len(last) <= 3 and last[0].isupper() and last[1:].islower()  # "Eur.", "Gen."


_SIGNAL = re.compile(
    r"(?:see also|see, for example,|see, e\.g\.,|see|cf\.|compare|also)\s+", re.IGNORECASE
)


# "For the clearance decisions, see ...": the citation begins after the signal
_INNER_SEE = re.compile(
    r"[,:]\s+(?:see|cf\.)(?:\s+also)?(?:,?\s+(?:e\.g\.|for example),?)?(?:\s+passim,?)?\s+",
    re.IGNORECASE,
)


def _trim(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start] in " \t\n":
        start += 1
    if m := _SIGNAL.match(text, start, end):  # "See ..." introduces the citation
        start = m.end()
    elif (m := _INNER_SEE.search(text, start, min(end, start + 250))) and not re.search(
        r"[(“\"]", text[start : m.start()]
    ):
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


_PROSE = re.compile(
    r"\b(?:was|were|is|are|had|has|have|been|be|would|could|should|did|does|not|which|that|"
    r"this|these|those|there|they|he|she|it|we|our|his|her|its|their|because|although|when)\b"
)
_QUOTE = re.compile(r"“[^”]*”|\"[^\"]*\"|\([^()]*\)|\[[^\]]*\]")


def commentary(raw: str) -> bool:
    """Whether a part of a note is the author's prose, not a citation: a sentence of
    several words with verbs and pronouns (outside quotations and parentheses) and no
    archival reference, publication details or web address."""
    if _IBID.match(raw) or _URL.search(raw) or _PUB_DETAILS.search(raw):
        return False
    bare = _QUOTE.sub(" ", raw)
    words = bare.split()
    lower = sum(1 for w in words if w[:1].islower())
    prose = len(_PROSE.findall(bare))
    if len(words) < 6 or not (prose >= 2 or (prose and lower >= len(words) / 2)):
        return False
    ref = archival.parse(raw)
    return ref is None or not ref.fields


_PUB_DETAILS = re.compile(r"\([^()]*:[^()]*\b(?:1[5-9]|20)\d\d\)")


def _classify(note: str, raw: str) -> Citation:
    if _IBID.match(raw):
        return Citation(note, 0, len(raw), "ibid", raw)
    ref = archival.parse(raw)
    if ref is not None and ref.tradition == "digital":
        return Citation(note, 0, len(raw), "digital", raw, ref.archive)
    if ref is not None and (ref.fields or ref.archive):
        pages = ref.fields.get("pages") or ref.fields.get("l")
        online = _DIGITAL_RECORD.search(re.sub(r"\([^()]*\)", "", raw))  # not "(also in ...)"
        kind = "digital" if online else "archival"
        return Citation(
            note, 0, len(raw), kind, raw, ref.archive, ref.fields, ref.canonical, pages=pages
        )
    if _INTERVIEW.search(raw):
        return Citation(note, 0, len(raw), "interview", raw)
    if _DIGITAL_RECORD.search(raw) or (_URL.search(raw) and not _published(raw)):
        url = {"url": m.group()} if (m := _URL.search(raw)) else {}
        return Citation(note, 0, len(raw), "digital", raw, fields=url)
    if paper := _paper(raw):
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
    if kind == "other" and "author" not in fields:  # maybe a title cited alone
        key = work.key if fields.get("title") and len(fields["title"]) < 120 else None
        return Citation(note, 0, len(raw), "other", raw, canonical=key, pages=_locator(raw))
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


_FRUS = re.compile(r"^Foreign Relations of the United States,\s*\d{4}")


def _published(raw: str) -> bool:
    """Whether a citation with a web address cites a publication (a book with its publisher,
    a FRUS volume, a newspaper) of which the address is a copy."""
    return bool(_PUB_DETAILS.search(raw) or _FRUS.match(raw) or _paper(raw))


def _locator(raw: str) -> str | None:
    m = _LOCATOR.search(raw)
    return archival.full_pages(m.group(1)) if m else None


def _resolve(cites: list[Citation]) -> list[Citation]:
    """Ibid. -> the citation before it; short forms -> the earlier full citation of the work."""
    out: list[Citation] = []
    works: dict[str, int] = {}
    defined: dict[str, int] = {}  # "(hereafter Message, 1861)" -> the citation defining it
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
        elif c.kind == "other" and out and out[-1].kind == "newspaper" and _PAPER_DATE.match(c.raw):
            d = _PAPER_DATE.match(c.raw)  # "Renmin Ribao, 25 August 1956, 2; 25 June, 3"
            assert d is not None
            fields = {"container": out[-1].fields["container"], "date": d.group().strip(" ,")}
            c = dataclasses.replace(
                c, kind="newspaper", fields=fields, refers_to=len(out) - 1, canonical=None
            )
        elif c.kind == "other":
            c = _short_form(c, out, works, defined)
        for term in _HEREAFTER.findall(c.raw):
            defined.setdefault(term.strip(" ,."), len(out))
        out.append(c)
    return out


_HEREAFTER = re.compile(r"\((?:hereafter|henceforth)(?:\s+cited\s+as)?\s+([^()]+?)\)")
# a volume cited by its series' short title and year: "Foreign Relations, 1872", "FRUS, 1952–1954"
_VOLUME_SHORT = re.compile(r"^(?:the\s+)?(?:Foreign Relations|FRUS),?\s+(?:1[789]|20)\d\d\b")


def _short_form(
    c: Citation, out: list[Citation], works: dict[str, int], defined: dict[str, int]
) -> Citation:
    """An unclassified citation read as a short form: of a work cited in full before
    (``Armstrong, Fraternal Socialism, 165``), of a short title defined before
    (``(hereafter Message, 1861)``), or by its shape (a surname, a title and pages; a
    series volume by year)."""
    if c.canonical:
        match = next((i for i in works.values() if _short_matches(c.canonical, out[i])), None)
        if match is not None:
            return dataclasses.replace(
                c, kind="short", canonical=out[match].canonical, refers_to=match
            )
    term = next(
        (t for t in defined if re.search(r"(?<!\w)" + re.escape(t) + r"(?!\w)", c.raw)), None
    )
    if term is not None:
        return dataclasses.replace(c, kind="short", refers_to=defined[term])
    author = c.fields.get("author", "")
    surname = bool(author) and len(author.split()) == 1 and author[:1].isupper()
    if _document(c.raw):
        return dataclasses.replace(c, kind="archival", fields={}, canonical=None)
    congress = re.search(r"\b(?:Cong|Sess)\.", c.raw)  # congressional documents stay "other"
    if (surname and c.fields.get("title") and c.pages and not congress) or _VOLUME_SHORT.match(
        c.raw
    ):
        return dataclasses.replace(c, kind="short")
    return c if author else dataclasses.replace(c, canonical=None)


def _short_matches(short: str, full: Citation) -> bool:
    """``armstrong|fraternal socialism`` is a short form of Charles K. Armstrong's
    ``Fraternal Socialism: The International...``; ``|zhou enlai nianpu`` (a title cited
    alone) of ``Li Ping et al., Zhou Enlai nianpu...``."""
    s_name, s_words = short.split("|")
    f_words = (full.canonical or "|").split("|")[1]
    names = works.name_words(full.fields.get("author") or full.fields.get("editor", ""))
    if s_name and s_name not in names:
        return False
    if f_words.startswith(s_words):
        return True
    # "Lowenthal, Marsh" for "George Perkins Marsh: Prophet of Conservation"
    title = [w.lower() for w in re.findall(r"[^\W\d_]+", full.fields.get("title", ""))]
    return bool(s_name) and _in_order(s_words.split(), title)


_DOCUMENT = re.compile(
    r"^(?:\S+\s+){0,4}?(?:draft\s+)?(?:minutes?|memorandum|memo|report|conversation|letter|"
    r"telegram|cable|record|talking points|transcript)\b",
    re.IGNORECASE,
)
_DATE = re.compile(r"\b(?:" + _MONTH + r"\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+" + _MONTH + r"\s+\d{4})\b")


def _document(raw: str) -> bool:
    """Whether a citation describes an unpublished document by kind and date, its location
    left out ("Minutes of Mao's conversation with Yudin, 30 November 1956")."""
    published = _PUB_DETAILS.search(raw) or re.search(r"\bBulletin\b|\d+:\d+|\bpp?\.", raw)
    return bool(_DOCUMENT.match(raw) or _letter(raw)) and bool(_DATE.search(raw)) and not published


def _letter(text: str) -> bool:
    """Whether ``text`` begins as a letter is cited: "Slany to Kuehl, March 17, 1986"."""
    m = re.match(r"[A-Z][^,;]{0,60}?\s(?:to|through)\s+[A-Z\[][^;]{0,60}?,\s*", text)
    return bool(m and _DATE.match(text, m.end()))


def _in_order(words: list[str], title: list[str]) -> bool:
    it = iter(title)
    return bool(words) and all(w in it for w in words)


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
        parts: list[Citation] = []
        for start, end in split(note.text):
            if commentary(note.text[start:end]):
                continue
            c = _classify(note.label, note.text[start:end])
            parts.append(dataclasses.replace(c, start=start, end=end))
        cites += _continue_sources(note.text, _share_locations(note.text, parts))
    return _resolve(cites)


_SHARED_IN = re.compile(r"\s(?:(?:all|both)\s+)?in\s+(?=[A-Z])")
_BETWEEN = re.compile(r"^[\s;]*(?:and\s+|see also\s+|see\s+)?$", re.IGNORECASE)


def _share_locations(text: str, parts: list[Citation]) -> list[Citation]:
    """Documents sharing a location across ``;`` ("A to B, date; C to D, date; and E to F,
    date, all in NARA, RG 59, ..."): those before the last, without a location of their own,
    take its archive and fields (not its pages)."""
    out = list(parts)
    for k in range(len(out) - 1, 0, -1):
        last = out[k]
        if last.kind != "archival" or not _SHARED_IN.search(last.raw):
            continue
        shared = {key: v for key, v in last.fields.items() if key not in ("pages", "l")}
        j = k - 1
        while (
            j >= 0
            and _unlocated_document(out[j])
            and _BETWEEN.match(text[out[j].end : out[j + 1].start])
        ):
            out[j] = dataclasses.replace(
                out[j],
                kind="archival",
                archive=last.archive,
                fields=shared,
                canonical=last.canonical,
                pages=None,
            )
            j -= 1
    return out


def _continue_sources(text: str, parts: list[Citation]) -> list[Citation]:
    """A call number after ``;`` without an archive continues the archive named before it
    ("Sichuan Provincial Archives, 1-7-617; 1-7-813")."""
    out = list(parts)
    for k in range(1, len(out)):
        c, prev = out[k], out[k - 1]
        name = prev.fields.get("archive_name")
        if (
            c.kind == "archival"
            and "no" in c.fields
            and not c.archive
            and "archive_name" not in c.fields
            and "no" in prev.fields
            and name
            and _BETWEEN.match(text[prev.end : c.start])
        ):
            out[k] = dataclasses.replace(c, fields={**c.fields, "archive_name": name})
    return out


def _unlocated_document(c: Citation) -> bool:
    """A document cited by description and date alone ("Trask to Blair, June 25, 1979")."""
    return (
        c.kind == "other"
        and bool(re.search(r"\b(?:1[5-9]|20)\d\d\b", c.raw))
        and not _COMPLETE.search(c.raw.rstrip(" .,"))
    )


def run(doc: Document) -> Document:
    if not doc.notes:
        return doc
    return dataclasses.replace(doc, citations=tuple(extract(doc.notes)))


EXTRACTOR = Extractor("citations", 1, run)

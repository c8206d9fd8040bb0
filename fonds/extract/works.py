"""Published works cited in notes: a book, article, chapter, thesis, paper or newspaper
citation read into CSL-like fields, and the key under which the same work cited in
different documents, or in short form, meets.

    Andrei Lankov, Crisis in North Korea: The Failure of De-Stalinization, 1956
        (Honolulu: University of Hawaii Press, 2004), 87
    -> author "Andrei Lankov", title "Crisis in North Korea: ...", place "Honolulu",
       publisher "University of Hawaii Press", year "2004", pages "87";
       key "lankov|crisis north korea"

Quotation marks are used when the note kept them and not needed when a flattened PDF lost
them. Pure: a function of the citation's text. ``Work.start`` is where the citation proper
begins, after commentary such as "For further discussion, see".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from fonds.extract.archival import full_pages

_YEAR = r"(?:1[5-9]|20)\d\d"
_LEAD = re.compile(
    r"^(?:(?:and|as well as|further,?|more in|also|e\.g\.,?|for example,?)\s+)+",
    re.IGNORECASE,
)
_SEE = re.compile(
    r"(?:^|[\s,.;:])[Ss]ee(?:\s+also)?(?:\s+(?:the\s+)?discussions?\s+in)?(?:,?\s+(?:e\.g\.|for example),?)?\s+(?=[A-Z“\"‘'])"
)
_QUOTED = re.compile(r"[“\"]\s*(.+?)\s*[”\"]|‘(.+?)’(?=[,.\s])")
_PUB = re.compile(r"\(([^()]*" + _YEAR + r"[^()]*)\)")
_EDITOR = re.compile(r",?\s*\(?\beds?\.\)?,?\s*$")
_CONTAINER_NUMBER = re.compile(
    r"^(?P<container>[A-Z][^,]*?)\s*(?P<volume>\d+(?:/\d+)?)?(?:,\s*no\.\s*(?P<issue>[\w/-]+))?$"
)
_SERIES = re.compile(r"\b(?:Working Paper|Document Reader|Paper|Bulletin|Series)\b", re.I)
_THESIS = re.compile(r"\b(?:Ph\.?\s?D\.?|M\.?A\.?|doctoral)\s*(?:diss\.|dissertation|thesis)", re.I)
_TRANS = re.compile(r",\s*trans(?:\.|lated by)\s+([^,()]+)")
_VOLUME = re.compile(r",\s*vol(?:ume|\.)\s*(\d+)", re.I)
_PAGES = re.compile(
    r"^[,:.]?\s*(?:pp?\.\s*)?(\d+(?:\s*[-–—]\s*\d+)?(?:,\s*\d+(?:\s*[-–—]\s*\d+)?)*)"
)
_CONNECT = {"and", "&", "de", "van", "von", "der", "den", "du", "la", "le", "et", "al.", "al"}
_STOP = {"the", "a", "an", "of", "and", "in", "on", "to", "for", "s", "its", "la", "le", "de"}
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@dataclass(frozen=True, slots=True)
class Work:
    """A published work as cited: its fields, and where in the citation it begins."""

    type: str  # book | article | chapter | thesis | report
    fields: dict[str, str] = field(default_factory=dict)
    key: str | None = None
    start: int = 0


def lead(raw: str) -> int:
    """Where the citation proper begins: after "For X, see", "and", "as well as"..."""
    start = 0
    m = _SEE.search(raw[:240])
    if m and not _QUOTED.search(raw[: m.start()]) and "(" not in raw[: m.start()]:
        start = m.end()
    m2 = _LEAD.match(raw, start)
    return m2.end() if m2 else start


def is_author(text: str) -> bool:
    """Whether ``text`` reads as personal names: capitalised words, initials and 'and'."""
    tokens = text.replace(",", " ").split()
    if not 1 <= len(tokens) <= 12 or re.search(r"\d", text):
        return False
    named = [t for t in tokens if t.lower() not in _CONNECT]
    caps = sum(1 for t in named if t[:1].isupper() or _cjk(t))
    lower = [t for t in named if t[:1].islower() and not _cjk(t)]
    return caps >= max(1, len(named) - 1) and not any(t in _STOP for t in lower)


def _cjk(token: str) -> bool:
    return any("\u3040" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af" for ch in token)


def key(authors: str, title: str) -> str | None:
    """``lankov|crisis north korea``: the first author's last name word, then up to three
    significant words of the main title (before its subtitle)."""
    main = re.split(r"\s*[:\[]\s*", title, maxsplit=1)[0]
    words = [w.lower() for w in _WORD.findall(main) if w.lower() not in _STOP][:3]
    if not words:
        return None
    names = name_words(authors)
    return f"{names[-1] if names else ''}|{' '.join(words)}"


def name_words(authors: str) -> list[str]:
    """The words of the first author's name, lowercased, family name last:
    ``Charles K. Armstrong`` -> ``["charles", "armstrong"]``, ``Shen Zhihua`` -> ``["zhihua", "shen"]``."""
    first = re.split(r"\s+(?:and|&)\s+|;", authors)[0] if authors else ""
    name = split_name(re.sub(r",?\s+et\s+al\.?$", "", first.strip()))
    if "literal" in name:
        return [w.lower() for w in _WORD.findall(first) if len(w) > 1 and w.lower() not in _CONNECT]
    return [
        w.lower() for w in _WORD.findall(f"{name.get('given', '')} {name['family']}") if len(w) > 1
    ]


# Surnames that, first in a two- or three-word name, mark it as written family name first,
# the East Asian order (Kim Il Sung, Shen Zhihua, Sin Se Ra): such names are not turned round.
FAMILY_FIRST = frozenset(
    "kim pak park choe choi ri yi nam han jo cho ho hwang kang song sin shin yun ryu "
    "shen li zhou mao wang zhang liu chen yang zhao huang wu sun ma hu guo lin he gao deng "
    "peng xia shi xu zhu jiang qian dong".split()
)


def split_name(name: str) -> dict[str, str]:
    """``Family, Given`` or ``Given Family`` or East Asian ``Family Given`` -> a CSL name
    (``family``, ``given``); what does not read as a personal name stays ``literal``."""
    name = name.strip()
    if "," in name:
        family, given = (p.strip() for p in name.split(",", 1))
        return {"family": family, "given": given}
    parts = name.split()
    if 2 <= len(parts) <= 4 and all(p[:1].isupper() for p in parts):
        if parts[0].casefold() in FAMILY_FIRST and len(parts) <= 3:
            return {"family": parts[0], "given": " ".join(parts[1:])}
        return {"family": parts[-1], "given": " ".join(parts[:-1])}
    if len(parts) == 1 and parts[0][:1].isupper():
        return {"family": parts[0]}
    return {"literal": name}


def family_first(name: dict[str, str]) -> bool:
    """Whether a CSL name is written family name first (no inverting comma)."""
    return name.get("family", "").casefold() in FAMILY_FIRST and bool(name.get("given"))


def parse(raw: str) -> Work | None:
    """The published work ``raw`` cites, or None if it has no author-and-title shape."""
    start = lead(raw)
    text = raw[start:].strip().rstrip(".")
    fields: dict[str, str] = {}
    kind = "book"
    pub = None
    for found in _PUB.finditer(text):
        if not re.match(r"\((?:hereafter|henceforth)\b", found.group()):  # a short title
            pub = found  # the last parenthetical holding a year is the publication's
    head, tail = (text[: pub.start()], text[pub.end() :]) if pub else (text, "")
    if pub:
        kind = _publication(pub.group(1), fields)
    if at := _PAGES.match(tail.strip()):
        fields["pages"] = full_pages(re.sub(r"\s*[-–—]\s*", "-", at.group(1)))
    elif not pub and (at := re.search(r",\s*(?:pp?\.\s*)?(\d+(?:[-–]\d+)?)$", head)):
        fields["pages"] = full_pages(at.group(1).replace("–", "-"))
        head = head[: at.start()]
    if by := _TRANS.search(head):
        fields["translator"] = by.group(1).strip()
        head = head[: by.start()] + head[by.end() :]
    if vol := _VOLUME.search(head):
        fields["volume"] = vol.group(1)
        head = head[: vol.start()] + head[vol.end() :]
    head = head.strip(" ,.")
    quoted = _QUOTED.search(head)
    if quoted:
        kind = _quoted(head, quoted, fields, kind)
    else:
        kind = _unquoted(head, fields, kind, bool(pub))
    if not fields.get("title"):
        return None
    return Work(
        kind, fields, key(fields.get("author") or fields.get("editor", ""), fields["title"]), start
    )


def _publication(inside: str, fields: dict[str, str]) -> str:
    """Fields from ``(Place: Publisher, Year)``, ``(May 2005)``, ``(PhD diss., U, 2010)``."""
    years = re.findall(_YEAR, inside)
    fields["year"] = years[0] if years else ""
    if _THESIS.search(inside):
        parts = [p.strip() for p in inside.split(",")]
        fields["genre"] = parts[0]
        fields["publisher"] = ", ".join(p for p in parts[1:] if not re.fullmatch(_YEAR, p))
        return "thesis"
    if ":" in inside and not re.match(r"^\s*paper presented", inside, re.I):
        place, rest = inside.split(":", 1)
        fields["place"] = place.strip()
        publisher = re.sub(r",?\s*" + _YEAR + r"\s*$", "", rest.strip()).strip(" ,")
        if publisher:
            fields["publisher"] = publisher
        return "book"
    if re.match(r"^\s*paper presented", inside, re.I):
        fields["event"] = re.sub(r",?\s*[^,]*" + _YEAR + r"\s*$", "", inside).strip()
        return "report"
    if "unpublished" in inside.lower():
        fields["note"] = "unpublished"
    fields["date"] = inside.strip()
    return "article"


def _quoted(head: str, m: re.Match[str], fields: dict[str, str], kind: str) -> str:
    """``Author, “Title,” Journal 5, no. 2`` or ``Author, “Title” in Editor (ed.), Book``."""
    fields["title"] = (m.group(1) or m.group(2)).strip(" ,.")
    authors = head[: m.start()].strip(" ,")
    if authors:
        _names(authors, fields)
    after = head[m.end() :].strip(" ,.")
    if chapter := re.match(r"^in\s+(.+)$", after, re.IGNORECASE | re.DOTALL):
        inner = chapter.group(1)
        if ed := re.match(r"^(.+?)\s*\(eds?\.\),?\s*(.+)$", inner):
            fields["editor"] = ed.group(1).strip()
            fields["container"] = ed.group(2).strip(" ,.")
        else:
            fields["container"] = inner.strip(" ,.")
        return "chapter"
    if after:
        _container(after, fields)
        return "report" if _SERIES.search(after) and "Bulletin" not in after else "article"
    return kind


def _unquoted(head: str, fields: dict[str, str], kind: str, published: bool) -> str:
    """A citation whose quotation marks were lost: authors, title, then maybe a journal."""
    parts = [p.strip() for p in _top_level_commas(head)]
    while parts and not parts[-1]:
        parts.pop()
    if len(parts) >= 2 and parts[0].casefold() in ("idem", "eadem"):
        fields["author"] = "idem"  # resolved to the author cited just before
        parts = parts[1:]
    elif len(parts) >= 2 and is_author(_EDITOR.sub("", parts[0])) and not parts[1][:1].isdigit():
        _names(parts[0], fields)
        parts = parts[1:]
        if parts and re.fullmatch(r"\(?eds?\.\)?", parts[0]):
            fields["editor"] = fields.pop("author", "")
            parts = parts[1:]
    if not parts:
        return kind
    if kind == "article" and len(parts) >= 2:
        # "Title, Journal 5, no. 2 (May 2005)": the container is the last part(s) with a number
        issue = parts.pop() if re.fullmatch(r"no\.\s*[\w/-]+", parts[-1]) else None
        container = parts.pop()
        if issue:
            container += ", " + issue
        fields["title"] = ", ".join(parts)
        _container(container, fields)
        return "report" if _SERIES.search(container) and "Bulletin" not in container else "article"
    fields["title"] = ", ".join(parts)
    if not published:
        return "report" if _SERIES.search(fields["title"]) else "book"
    return kind


def _container(text: str, fields: dict[str, str]) -> None:
    text = re.sub(r"(?<=[a-z])(?=\d)", " ", text.strip(" ,."))  # "Asian Survey18"
    m = _CONTAINER_NUMBER.match(text)
    if m:
        fields["container"] = m.group("container").strip(" ,")
        if m.group("volume"):
            fields["volume"] = m.group("volume")
        if m.group("issue"):
            fields["issue"] = m.group("issue")
    else:
        fields["container"] = text


def _names(text: str, fields: dict[str, str]) -> None:
    """``A and B``, ``A, B, and C``, ``A, ed.`` / ``A and B (eds.)`` -> author or editor."""
    editor = bool(_EDITOR.search(text))
    text = _EDITOR.sub("", text).strip(" ,")
    names = [n.strip() for n in re.split(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*", text) if n.strip()]
    fields["editor" if editor else "author"] = "; ".join(names)


def _top_level_commas(text: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "([":
            depth += 1
        elif ch in ")]" and depth:
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


def label(fields: dict[str, str]) -> str:
    """A work as a reader names it: ``Lankov, Crisis in North Korea (2004)``."""
    names = name_words(fields.get("author") or fields.get("editor") or "")
    surname = names[-1].title() if names and names[-1] != "idem" else ""
    title = re.split(r"\s*[:\[]\s*", fields.get("title", ""), maxsplit=1)[0].strip()
    year = f" ({fields['year']})" if fields.get("year") else ""
    return ", ".join(p for p in (surname, title) if p) + year

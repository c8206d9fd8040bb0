"""Archival references: which archive (from the registry in ``fonds/data/archives.csv``),
the file's fields by archival tradition, and a canonical form under which the same file
cited in different styles meets (``AVPRF f.0102 op.13 p.5 d.1-15``).

Pages, sheets (``l.``/``ll.``) and boxes within a file are fields too, but not part of the
canonical file: "who cites this file" finds every page of it.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

_DASH = "[-–—]"


@dataclass(frozen=True, slots=True)
class Archive:
    """An archive of the registry."""

    id: str
    name: str
    country: str
    tradition: str
    aliases: tuple[str, ...]
    formerly: tuple[str, ...]
    source: str


@dataclass(frozen=True, slots=True)
class ArchivalRef:
    """A parsed archival reference."""

    archive: str | None
    fields: dict[str, str]
    canonical: str | None
    tradition: str | None


@cache
def registry() -> tuple[Archive, ...]:
    """The archives fonds knows, with their aliases and former names."""
    text = (resources.files("fonds") / "data" / "archives.csv").read_text(encoding="utf-8")
    return tuple(
        Archive(
            row["id"],
            row["name"],
            row["country"],
            row["tradition"],
            tuple(a for a in row["aliases"].split("|") if a),
            tuple(a for a in row["formerly"].split("|") if a),
            row["source"],
        )
        for row in csv.DictReader(text.splitlines())
    )


@cache
def _alias_pattern() -> tuple[re.Pattern[str], dict[str, Archive]]:
    by_alias: dict[str, Archive] = {}
    for archive in registry():
        for alias in (archive.id, *archive.aliases, *archive.formerly):
            by_alias.setdefault(alias.casefold(), archive)
    names = sorted(by_alias, key=len, reverse=True)
    pattern = re.compile(
        r"(?<![\w])(" + "|".join(re.escape(n) for n in names) + r")(?![\w])", re.IGNORECASE
    )
    return pattern, by_alias


def find_archive(text: str) -> tuple[Archive, int, int] | None:
    """The first archive named in ``text`` (longest alias wins), with its span. Short
    all-capital aliases (``MOL``, ``AAN``) must be written in capitals."""
    pattern, by_alias = _alias_pattern()
    quoted = [q.span() for q in re.finditer(r"“[^”]*”|\"[^\"]*\"", text)]
    for m in pattern.finditer(text):
        alias = m.group(1)
        if any(a <= m.start() < b for a, b in quoted):
            continue  # in a title: "Research Material at the Roosevelt Library"
        if len(alias) <= 5 and not any(c.isupper() for c in alias):
            continue
        if len(alias) <= 5 and alias.upper() != alias and alias.casefold() != "pola aa":
            continue
        return by_alias[alias.casefold()], m.start(), m.end()
    return None


def full_pages(pages: str) -> str:
    """``164-67`` -> ``164-167``; ``287-313`` unchanged; lists keep their commas."""

    def one(m: re.Match[str]) -> str:
        a, b = m.group(1), m.group(2)
        if len(b) < len(a) and int(a[-len(b) :]) < int(b):
            b = a[: len(a) - len(b)] + b
        return f"{a}-{b}"

    cleaned = re.sub(r"\s*" + _DASH + r"\s*", "-", pages.strip(" .,;"))
    return re.sub(r"(\d+)-(\d+)", one, cleaned)


_RU = {
    "f": re.compile(r"(?<![\w])(?:f|fond|ф)\.?\s*(\d+[A-Za-zА-я]?)", re.IGNORECASE),
    "op": re.compile(r"(?<![\w])(?:op|оп)\.?\s*(\d+[A-Za-z]?)", re.IGNORECASE),
    "p": re.compile(r"(?<![\w])(?:p|papka|п)\.\s*(\d+)(?![\d\-–])", re.IGNORECASE),
    "d": re.compile(
        r"(?<![\w])(?:d|delo|д)\.?,?\s*(\d+(?:\s*" + _DASH + r"\s*\d+)?)", re.IGNORECASE
    ),
    "l": re.compile(r"(?<![\w])(?:ll?|л)\.\s*(\d+[\d\s,\-–]*)", re.IGNORECASE),
    "pages": re.compile(r"(?<![\w])pp?\.\s*(\d+[\d\s,\-–]*)", re.IGNORECASE),
}


def _russian(text: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    d = _RU["d"].search(text)
    for key in ("f", "op", "p", "d", "l", "pages"):
        m = next((m for m in _RU[key].finditer(text) if _ru_fits(key, m, d, fields)), None)
        if m is None:
            continue
        value = m.group(1).strip(" ,.")
        fields[key] = full_pages(value) if key in ("d", "l", "pages") else value
    if d is not None and "pages" not in fields and "l" not in fields:
        # "d. 412, 170-72": a bare range after the delo is its pages
        bare = re.match(r"\s*,\s*(\d+\s*[-–]\s*\d+(?:\s*,\s*\d+\s*[-–]\s*\d+)*)", text[d.end() :])
        if bare:
            fields["pages"] = full_pages(bare.group(1))
    return fields


def _ru_fits(key: str, m: re.Match[str], d: re.Match[str] | None, fields: dict[str, str]) -> bool:
    """Whether match ``m`` can be field ``key``: "p." before "d." is a papka (folder), after
    it a page; without a delo, a page after the papka is written "pp."."""
    if key == "p":
        return d is None or m.start() < d.start()
    if key == "pages" and d is not None:
        return m.start() > d.start()
    if key == "pages" and "p" in fields:
        return not m.group(0).lower().startswith("p.") and fields["p"] != m.group(1).strip(" ,.")
    return True


def _chinese(text: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    # a letter before the number stands alone ("A 106-..."), never the end of a name
    # ("PRCFMA 106-..." is file 106-..., not A 106-...)
    m = re.search(r"(?:no\.\s*)?(?<!\w)((?:[A-Z]\s?)?\d{1,4}(?:" + _DASH + r"\d{1,6}){2,3})", text)
    if m:
        fields["no"] = m.group(1).replace("–", "-").strip()
    pages = re.search(r"(?<![\w])pp?\.\s*(\d+[\d\s,\-–]*)", text)
    if pages:
        fields["pages"] = full_pages(pages.group(1))
    return fields


def _german(text: str, archive_end: int) -> dict[str, str]:
    rest = re.split(r"\.\s+(?=[A-Z][a-z])|\s+https?://", text[archive_end:], maxsplit=1)[0]
    parts = [p.strip() for p in rest.split(",") if p.strip()]
    fields: dict[str, str] = {}
    for part in parts:
        if re.fullmatch(r"MfAA|ZPA|SED|FDGB|ZK|DDR", part):
            fields["collection"] = part
        elif re.match(r"(?:[A-Z]{1,3}\s?\d|DY|DC|DE|NY)", part) and "signature" not in fields:
            fields["signature"] = part.rstrip(".")
        elif re.match(r"(?:Bl|S|pp?)\.\s*\d", part):
            fields["pages"] = full_pages(re.sub(r"^\w+\.\s*", "", part))
    return fields


# A US Central Files (decimal file) number: "795B.00/7-2753", "811.00/5–1645", "116.3/1047",
# "026 Foreign Relations/1210", "026 Foreign Relations (P.C. 1919)/77a", "... through ...";
# a bare decimal ("111.324") only after a Central Files series (CDF 1910–1929, Central Files)
_DECIMAL_ONE = (
    r"\d{3}[A-Z]?(?:\.[\dA-Z]+(?:-[A-Z]+)?)?"
    r"(?:\s+[A-Z][A-Za-z]+(?:\s+[A-Z][A-Za-z]+)*(?:\s+\([^()]*\))?)?"
    r"/\d{1,4}(?:" + _DASH + r"\d{2,4})?[a-z]?(?![\w/])"
)
_DECIMAL = (
    r"(?<![\w/.])(" + _DECIMAL_ONE + r"(?:\s+through\s+" + _DECIMAL_ONE + r")?"
    r")|\b(?:CDF|Files)(?:\s\d{4}" + _DASH + r"\d{4})?,\s(\d{3}\.\d+)(?![\w/.])"
)

# Field grammars of the traditions that cite by labelled parts: field -> pattern whose
# first group is the value. Matching is case-sensitive unless the pattern says (?i).
_GRAMMARS: dict[str, dict[str, str]] = {
    "hungarian": {
        "fond": r"\b([XVI]+-[A-Z](?:-\d+)?(?:-[a-z])?)",
        "doboz": r"(\d+)\.\s*doboz|\bdoboz\s+(\d+)",  # "12. doboz"; canonical "doboz 12"
        "folder": r"(?<![\w/])(\d+/[a-z])(?![\w/])",
        "file": r"(?<![\w/])(\d{3,6}/\d{4})(?![\w/])",
    },
    "us": {
        "rg": r"\bRG\s*(\d+)",
        "decimal": _DECIMAL,
        "lot": r"(?i)Lot(?: File)?\s+(\d+\s?D\s?\d+)",
        "box": r"\bBox\s+(\d+)",
        "folder": r"\bFolder\s+([^,;]+)|\bBox\s+\d+,\s*(.+?)(?:\s+\([^()]*\b(?:also|see|available|henceforth|hereafter)\b[^()]*\)"
        r"|\.\s+(?:Available|Translated|Accessed|Retrieved|Reprinted|Originally)\b.*)?\s*$",
    },
    "polish": {  # AAN, AMSZ: zespół (fond), sygnatura, teczka (folder), karta (sheets)
        "zespol": r"(?i)(?:zesp[oó]ł|z\.)\s*([^,;]+)",
        "sygn": r"(?i)sygn\.\s*([^,;]+)",
        "teczka": r"(?i)(?:teczka|t\.)\s*(\d+)",
        "k": r"(?i)(?<![\w])kk?\.\s*(\d+[\d\s,\-–]*)",
    },
    "czech": {  # AMZV, NA: fond, karton (box), inventární číslo, signatura
        "fond": r"(?i)fond\s+([^,;]+)",
        "karton": r"(?i)(?:karton|kart\.|k\.)\s*(\d+)",
        "inv": r"(?i)inv\.\s*č\.\s*(\d+)",
        "sign": r"(?i)sign\.\s*([^,;]+)",
    },
}
_RANGES = {"k"}  # fields holding page or sheet ranges, written out in full


def _by_grammar(tradition: str, text: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    for key, pattern in _GRAMMARS[tradition].items():
        if m := re.search(pattern, text):
            found = next(g for g in m.groups() if g is not None)
            value = " ".join(found.split()).strip(" .")
            if key == "decimal":
                value = re.sub(_DASH, "-", value)
            fields[key] = full_pages(value) if key in _RANGES else value
    return fields


_KEYS = {
    "russian": ("f", "op", "p", "d"),
    "chinese": ("no",),
    "polish": ("zespol", "sygn", "teczka"),
    "czech": ("fond", "karton", "inv", "sign"),
    "german": ("collection", "signature"),
    "hungarian": ("fond", "doboz", "folder", "file"),
    "us": ("rg", "decimal", "lot", "box", "folder"),
}
_LABELS = {
    "zespol": "zesp. ",
    "sygn": "sygn. ",
    "teczka": "t. ",
    "karton": "k. ",
    "inv": "inv. č. ",
    "sign": "sign. ",
    "f": "f.",
    "op": "op.",
    "p": "p.",
    "d": "d.",
    "rg": "RG",
    "lot": "Lot ",
    "box": "Box ",
    "doboz": "doboz ",
}


def canonical(archive: str | None, tradition: str | None, fields: dict[str, str]) -> str | None:
    """``AVPRF f.0102 op.13 p.5 d.1-15``: the archive and the fields naming the file."""
    keys = _KEYS.get(tradition or "", ())
    parts = [
        f"{_LABELS.get(k, '')}{fields[k]}".replace(" ", "")
        if k in ("lot",)
        else f"{_LABELS.get(k, '')}{fields[k]}"
        for k in keys
        if k in fields
    ]
    if not parts or archive is None:
        return None
    return " ".join([archive, *parts])


# An archive fonds does not know, cited with a Chinese-style call number:
# "Jianchuan County Archives, 1-7-617", "C54-2009-66-3"
_CALL_NUMBER = re.compile(
    r"^(?:(?P<name>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,6}?)"
    r"(?:,\s*(?P<fonds>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}?))?[,\s]+)?(?:no\.\s*)?"
    r"(?P<no>[A-Z]{0,2}\d{1,4}(?:[-–]\d{1,6}){2,3})\b"
)


# A repository fonds does not know, as manuscript collections are cited: "Gerald R. Ford
# Presidential Library", "LCM" (Library of Congress, Manuscript Division), "University of
# Oregon, Special Collections and University Archives", "Reed College", "... Historical Society"
_REPOSITORY = re.compile(
    r"(?<![\w.])(?:(?:[A-Z][\w.]*\s+){1,4}Presidential (?:Library|Materials Project)"
    r"|Library of Congress(?:,\s*Manuscripts? Division)?|LCM?(?=,)"
    r"|Hoover Institution(?: Library and)? Archives"
    r"|University of [A-Z][a-z]+(?:\s[A-Z][a-z]+)?(?!\s+Press)"
    r"(?:,\s*[^,;()]*(?:Special Collections|Archives|Library)[^,;()]*)?"
    r"|(?:[A-Z][a-z]+\s){1,2}(?:College|University)(?:\s(?:Library|Archives))?(?!\s+Press)"
    r"|(?:[A-Z][a-z]+\s){1,2}Historical Society)"
)
# what marks a manuscript collection: "Day Papers, Box 1", "Reel 53", "Roll 42", "Folder 3"
_MANUSCRIPT = re.compile(
    r"\bPapers,\s+(?:[^,;]*,\s+)?(?:Box|Reel|Roll|Folder)\s+\d+|\b(?:Box|Reel|Roll)\s+\d+|\bPapers\b"
)
_RECORD_GROUP = re.compile(r"\b(?:RG|Record Group)\s*\d+")
_PUBLISHED = re.compile(r"\([^()]*:[^()]*\b(?:1[5-9]|20)\d\d\)")


def _manuscripts(text: str) -> ArchivalRef | None:
    """A manuscript collection in a repository not in the registry ("LCM, Day Papers, Box 1,
    Letterbook"; "Day Papers, Box 1, ..."), or a record group without the archive named
    ("RG 59, M44, ..., Roll 42": the National Archives)."""
    if _RECORD_GROUP.search(text):
        fields = _by_grammar("us", text)
        return ArchivalRef("NARA", fields, canonical("NARA", "us", fields), "us")
    if _PUBLISHED.search(text) or not _MANUSCRIPT.search(text):
        return None
    repository = _REPOSITORY.search(text)
    if repository is None and not re.search(r"\bPapers,\s+(?:[^,;]*,\s+)?Box\s+\d+", text):
        return None
    fields = {k: v for k, v in _by_grammar("us", text).items() if k in ("box", "folder")}
    if repository is not None:
        fields = {"archive_name": repository.group().strip(" ,"), **fields}
    name = fields.get("archive_name", "")
    return ArchivalRef(None, fields, canonical(name, "us", fields) if name else None, "us")


def parse(text: str) -> ArchivalRef | None:
    """The archival reference in ``text``, or None if it names no archive and has no
    archival shape (fond/opis, a call number, a manuscript collection). Unknown shapes keep
    the archive and no fields."""
    found = find_archive(text)
    if found is None and (ref := _manuscripts(text)) is not None:
        return ref
    if found is None:
        if _RU["f"].search(text) and _RU["op"].search(text):
            fields = _russian(text)
            return ArchivalRef(None, fields, None, "russian")
        m = _CALL_NUMBER.match(text.strip())
        if m and not re.fullmatch(r"(?:1[89]|20)\d\d-\d\d?-\d\d?", m.group("no")):  # not a date
            fields = {"no": m.group("no").replace("–", "-")}
            name = (m.group("name") or "").strip()
            if re.search(r"\b(?:Archives?|Library|Collection)\b", name):
                fields["archive_name"] = name  # not "Jianchuan 1-7-813": a fonds, not an archive
            if m.group("fonds"):
                name = f"{name}, {m.group('fonds')}"
            pages = re.search(r"(?<![\w])pp?\.\s*(\d+[\d\s,\-–]*)", text)
            if pages:
                fields["pages"] = full_pages(pages.group(1))
            return ArchivalRef(
                None, fields, " ".join(p for p in (name, fields["no"]) if p), "chinese"
            )
        return None
    archive, _, end = found
    if archive.tradition == "digital" and (held := find_archive(text[end:])) is not None:
        archive, end = held[0], end + held[2]  # an online copy of a record held elsewhere
    tradition = archive.tradition
    if tradition in _GRAMMARS:
        fields = _by_grammar(tradition, text)
    elif tradition == "russian":
        fields = _russian(text)
    elif tradition == "chinese":
        fields = _chinese(text)
    elif tradition == "german":
        fields = _german(text, end)
    else:
        fields = {}
    return ArchivalRef(archive.id, fields, canonical(archive.id, tradition, fields), tradition)


_LOOSE = re.compile(r"^\s*(.+?)[\s,]+(\d+[A-Za-z]?(?:/[\d\-]+[A-Za-z]?){1,3})\s*$")


def lookup(name: str) -> Archive | None:
    """The registry archive with this id, alias or former name (any case)."""
    _, by_alias = _alias_pattern()
    return by_alias.get(name.strip().casefold())


def parse_ref(text: str) -> str | None:
    """A canonical file from what a user types: a citation in any style
    (``RGANI, f. 5, op. 28, d. 412``), a canonical form, or ``rgani 5/28/412``
    (fond/opis/delo, or fond/opis/papka/delo)."""
    loose = _LOOSE.match(text)
    if loose and "/" in loose.group(2) and not re.search(r"\b(?:f|op|d)\.", text):
        archive = lookup(loose.group(1))
        if archive is not None and archive.tradition == "russian":
            parts = loose.group(2).split("/")
            keys = ("f", "op", "d") if len(parts) == 3 else ("f", "op", "p", "d")
            return canonical(archive.id, "russian", dict(zip(keys, parts, strict=False)))
    compact = re.sub(r"\b(f|op|p|d)\.(?=\S)", r"\1. ", text)  # "f.5 op.28" -> "f. 5 op. 28"
    ref = parse(compact)
    if ref is not None and ref.canonical:
        return ref.canonical
    return None

"""The authority file: persons, places and organizations with their names in every
romanization and script, as shipped (``fonds/data/authority.csv``, ``gazetteer.csv``) and
as users extend it (``fonds authority import``/``add``, kept in the archive's database).

An ``Authority`` answers "which entry does this name mean?" by the name's folded spelling
(case, diacritics, apostrophes and hyphens aside) and then by its romanization keys; a
key shared by two entries names neither (it is ambiguous, so it is dropped).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from typing import Any

from fonds.errors import UsageError
from fonds.extract.names import russian
from fonds.extract.names.romanize import name_keys
from fonds.model import AUTHORITY_COLUMNS

COLUMNS = AUTHORITY_COLUMNS
TYPES = ("person", "place", "org")
SHIPPED = ("authority.csv", "gazetteer.csv")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,80}$")
_POSSESSIVE = re.compile(r"['’]s$")
_APOSTROPHES = re.compile(r"['’‘ʼ`ʻ]")
_SEPARATORS = re.compile(r"[\s\-‐–.]+")


@dataclass(frozen=True, slots=True)
class Entry:
    """One person, place or organization."""

    id: str
    type: str
    name: str
    variants: tuple[str, ...] = ()
    native: tuple[str, ...] = ()
    born: str = ""
    died: str = ""
    roles: str = ""
    country: str = ""
    wikidata: str = ""
    source: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        """Every way of writing it: the name, its variants, its native-script forms."""
        return (self.name, *self.variants, *self.native)

    def row(self) -> dict[str, str]:
        """As a CSV row (lists joined with ``|``)."""
        out = {}
        for f in fields(self):
            value = getattr(self, f.name)
            out[f.name] = "|".join(value) if isinstance(value, tuple) else value
        return out


def fold(name: str) -> str:
    """``P'yŏngyang`` -> ``pyongyang``; ``Kim Il-sung's`` -> ``kim il sung``: the spelling
    with case, diacritics, apostrophes, dots and hyphens set aside, words single-spaced."""
    name = _POSSESSIVE.sub("", name.strip())
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    bare = unicodedata.normalize("NFC", bare)  # Hangul syllables back together
    return _SEPARATORS.sub(" ", _APOSTROPHES.sub("", bare)).strip()


def parse_rows(text: str, origin: str) -> list[Entry]:
    """Entries from CSV text with the ``COLUMNS`` header (``id``, ``type`` and ``name``
    required). Raises UsageError naming ``origin`` and the line for a bad row."""
    reader = csv.DictReader(io.StringIO(text))
    missing = {"type", "name"} - set(reader.fieldnames or ())
    if missing:
        raise UsageError(f"{origin}: missing column(s) {', '.join(sorted(missing))}")
    out = []
    for row in reader:
        line = reader.line_num
        kind = (row.get("type") or "").strip().lower()
        name = (row.get("name") or "").strip()
        if kind not in TYPES:
            raise UsageError(f"{origin}:{line}: type must be person, place or org, not {kind!r}")
        if not name:
            raise UsageError(f"{origin}:{line}: name is empty")
        entry_id = (row.get("id") or "").strip() or slug(name)
        if not _ID.match(entry_id):
            raise UsageError(
                f"{origin}:{line}: id {entry_id!r} must be lowercase letters, digits and '-'"
            )
        out.append(make(entry_id, kind, name, **{k: row.get(k) or "" for k in COLUMNS[3:]}))
    return out


def make(entry_id: str, kind: str, name: str, **values: str | Sequence[str]) -> Entry:
    """An entry from loose values (``variants``/``native`` as ``a|b`` or a list)."""

    def names(value: str | Sequence[str]) -> tuple[str, ...]:
        items = value.split("|") if isinstance(value, str) else value
        return tuple(dict.fromkeys(n.strip() for n in items if n.strip()))

    plain = {k: str(v).strip() for k, v in values.items() if k not in ("variants", "native")}
    return Entry(
        entry_id,
        kind,
        name.strip(),
        names(values.get("variants", "")),
        names(values.get("native", "")),
        **plain,
    )


def slug(name: str) -> str:
    """``Kim Il Sung`` -> ``kim-il-sung`` (an id for an entry added without one)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:80] or (
        "x" + hashlib.blake2b(name.encode(), digest_size=6).hexdigest()
    )


@cache
def shipped() -> tuple[Entry, ...]:
    """The entries fonds ships, from its data files (rows with the same id in two files
    are merged)."""
    out: dict[str, Entry] = {}
    for name in SHIPPED:
        resource = resources.files("fonds") / "data" / name
        if resource.is_file():
            for e in parse_rows(resource.read_text(encoding="utf-8"), name):
                out[e.id] = merge(out[e.id], e) if e.id in out else e
    return tuple(out.values())


def merge(first: Entry, second: Entry) -> Entry:
    """One entry from two rows with the same id: every spelling of both, and the first
    row's facts where it has them."""
    values: dict[str, Any] = {}
    for f in fields(Entry):
        a, b = getattr(first, f.name), getattr(second, f.name)
        values[f.name] = tuple(dict.fromkeys((*a, *b))) if isinstance(a, tuple) else (a or b)
    return Entry(**values)


MATCHER_VERSION = "5"  # bump when fold() or the keys change: cached maps are rebuilt


def shipped_digest() -> str:
    """A digest of the shipped data files (cheap: no parsing)."""
    digest = hashlib.blake2b(MATCHER_VERSION.encode(), digest_size=12)
    for name in SHIPPED:
        resource = resources.files("fonds") / "data" / name
        if resource.is_file():
            digest.update(resource.read_bytes())
    return digest.hexdigest()


class Authority:
    """Entries by id, by folded spelling and by romanization key (later entries with the
    same id replace earlier ones: a user's row overrides the shipped one).

    Building the spelling and key maps takes about a second, so with a ``cache_dir`` they
    are kept there as JSON under the ``fingerprint`` (which must change with the entries).
    """

    def __init__(
        self,
        entries: Iterable[Entry] | Callable[[], Iterable[Entry]],
        *,
        fingerprint: str | None = None,
        cache_dir: Path | None = None,
    ) -> None:
        self._entries = entries
        self._fingerprint = fingerprint
        self.cache_dir = cache_dir
        self.memo: dict[str, Any] = {}  # the mention matcher's results by text segment

    @cached_property
    def by_id(self) -> dict[str, Entry]:
        entries = self._entries() if callable(self._entries) else self._entries
        return {e.id: e for e in entries}

    @cached_property
    def fingerprint(self) -> str:
        """Changes whenever an entry does (mentions found with another authority are stale)."""
        if self._fingerprint:
            return self._fingerprint
        digest = hashlib.blake2b(MATCHER_VERSION.encode(), digest_size=12)
        for e in sorted(self.by_id.values(), key=lambda e: e.id):
            digest.update(repr(e.row()).encode())
        return digest.hexdigest()

    @cached_property
    def _maps(self) -> dict[str, dict[str, str]]:
        cached = self.cache_dir / f"names-{self.fingerprint}.json" if self.cache_dir else None
        if cached is not None and cached.is_file():
            try:
                maps: dict[str, dict[str, str]] = json.loads(cached.read_text(encoding="utf-8"))
                return maps
            except (OSError, ValueError):
                pass  # rebuilt below
        maps = {"spellings": self._unique(fold_spelling), "keys": self._unique(language_keys)}
        if cached is not None:
            _save(cached, maps)
        return maps

    def _unique(self, spell: Callable[[str], Iterable[str]]) -> dict[str, str]:
        """Each spelling (or key) of a name that only one entry has -> that entry's id."""
        seen: dict[str, set[str]] = {}
        for e in self.by_id.values():
            for n in e.names:
                for f in spell(n):
                    seen.setdefault(f, set()).add(e.id)
        return {f: next(iter(ids)) for f, ids in seen.items() if len(ids) == 1}

    @property
    def spellings(self) -> dict[str, str]:
        """Folded spelling -> entry id; a spelling two entries share names neither."""
        return self._maps["spellings"]

    @property
    def keys(self) -> dict[str, str]:
        """Romanization key -> entry id, for keys that only one entry's names have."""
        return self._maps["keys"]

    @cached_property
    def prefixes(self) -> frozenset[str]:
        """Every folded spelling's leading words (``kim``, ``kim il``, ``kim il sung``)."""
        out: set[str] = set()
        for f in self.spellings:
            words = f.split(" ")
            out.update(" ".join(words[:k]) for k in range(1, len(words) + 1))
        return frozenset(out)

    @cached_property
    def longest(self) -> int:
        """The most words any spelling has (bounds the matcher's window)."""
        return max((f.count(" ") + 1 for f in self.spellings), default=1)

    def find_id(self, name: str) -> str | None:
        """The id of the entry ``name`` means, by spelling or romanization key; None if
        unknown or ambiguous."""
        entry_id = self.spellings.get(fold(name))
        if entry_id is None:
            ids = {self.keys[k] for k in name_keys(name) if k in self.keys}
            entry_id = ids.pop() if len(ids) == 1 else None
        return entry_id

    def find(self, name: str) -> Entry | None:
        """The entry ``name`` means (or has as id)."""
        if name in self.by_id:
            return self.by_id[name]
        entry_id = self.find_id(name)
        return self.by_id.get(entry_id) if entry_id else None


def language_keys(name: str) -> list[str]:
    """The romanization keys a spelling adds to the key map: none for an acronym (``CIA``,
    ``KPA``: matched as spelled, never as a romanized name), else all but the plain one."""
    if name.isupper() and name.isalpha() and len(name) <= 6:
        return []
    return [k for k in name_keys(name) if not k.startswith("xx:")]


def fold_spelling(name: str) -> list[str]:
    """The folded spelling, and for a Cyrillic one its forms in the Russian cases (the last
    word declines: ``с Ким Ир Сеном``, ``в Пхеньяне``)."""
    folded = fold(name)
    if not folded:
        return []
    head, _, last = folded.rpartition(" ")
    prefix = head + " " if head else ""
    return [folded, *(prefix + form for form in russian.case_forms(last))]


def _save(path: Path, maps: dict[str, dict[str, str]]) -> None:
    """Write the maps atomically, dropping maps of other fingerprints."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob("names-*.json"):
            old.unlink(missing_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(maps, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only archive folder: the maps are rebuilt each time


_current: Authority | None = None


def current() -> Authority:
    """The authority in force: the shipped entries unless an archive set its own."""
    global _current
    if _current is None:
        _current = Authority(shipped())
    return _current


def use(authority: Authority) -> None:
    """Make ``authority`` the one mention detection uses (an archive's own, with its users'
    entries); worker processes forked afterwards inherit it."""
    global _current
    _current = authority

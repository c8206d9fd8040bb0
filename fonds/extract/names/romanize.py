"""Comparison keys for names in any romanization or script.

``name_keys`` gives plain strings, ``ko:``, ``zh:`` and ``ru:`` keys from each language's
rules plus an ``xx:`` key (the letters alone, casefolded and without diacritics), so the
keys of names seen in documents can be stored and indexed and a query's keys looked up
among them. Two spellings name the same person or place when their keys meet.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from fonds.extract.names import chinese, korean, russian

LANGUAGES: tuple[tuple[str, Callable[[str], frozenset[str]]], ...] = (
    ("ko", korean.keys),
    ("zh", chinese.keys),
    ("ru", russian.keys),
)
_PREFIXED = tuple((lang + ":", keys) for lang, keys in LANGUAGES)
_MARKS = re.compile("[\u0300-\u036f]")
_NOT_LETTERS = re.compile(r"[\W\d_]+")


@lru_cache(maxsize=1 << 14)
def _plain(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word.casefold())
    return _NOT_LETTERS.sub("", unicodedata.normalize("NFC", _MARKS.sub("", decomposed)))


def plain_key(name: str) -> str:
    """``name``'s letters alone, casefolded and without diacritics (Hangul stays whole)."""
    return "".join(_plain(word) for word in name.split())


_CYRILLIC = re.compile("[\u0400-\u04ff]")


@lru_cache(maxsize=1 << 15)
def name_keys(name: str) -> frozenset[str]:
    """Every comparison key of ``name``, each prefixed by its language (``ko:kimilsonk``).

    Cyrillic transcriptions of Chinese and Korean share letters, so a Cyrillic name that
    reads as Palladius Chinese (Чунцин, Яньань) is read as Korean only when it starts
    with a Korean surname (Хо Га И)."""
    out = [prefix + key for prefix, keys in _PREFIXED for key in keys(name) if key]
    if _CYRILLIC.search(name) and any(k.startswith("zh:") for k in out):
        if not korean.cyrillic_surname_first(name):
            out = [k for k in out if not k.startswith("ko:")]
    if plain := plain_key(name):
        out.append("xx:" + plain)
    return frozenset(out)


def same_name(a: str, b: str) -> bool:
    """True if ``a`` and ``b`` may be spellings of one name: their keys meet."""
    return not name_keys(a).isdisjoint(name_keys(b))

"""What makes capitalised words a person's name when the authority file does not know it:
a title before them, or the shape of a Korean, Chinese, Russian or Western personal name.

The word lists live in ``fonds/data/name_cues.csv``; Western given names come from the
``gender-guesser`` package's name dictionary (Jörg Michael's ``nam_dict.txt``).
"""

from __future__ import annotations

import csv
import re
from functools import cache
from importlib import resources

from fonds.extract.names import korean

_INITIAL = re.compile(r"^[A-Z]\.?$|^[A-Z]\.[A-Z]\.?$")
_SYLLABLES = re.compile(r"^[A-Za-zŏŭŎŬëê'’\-]{1,14}$")
# A Korean name in Cyrillic is written syllable by syllable: Ким Ир Сен, Чхве Ён Гон.
_CYRILLIC_SYLLABLE = re.compile(r"[А-ЯЁ][а-яё]{0,4}(?:-[а-яё]{1,5})?")
_RUSSIAN_ENDING = re.compile(
    r"(?:ov|ev|ëv|yov|in|yn|sky|skiy|skii|ski|enko|uk|ko|ova|eva|ina|aya|ich|vich)$"
)


@cache
def _lists() -> dict[str, frozenset[str]]:
    text = (resources.files("fonds") / "data" / "name_cues.csv").read_text(encoding="utf-8")
    out: dict[str, set[str]] = {}
    for row in csv.DictReader(text.splitlines()):
        out.setdefault(row["list"], set()).update(w.casefold() for w in row["words"].split())
    return {k: frozenset(v) for k, v in out.items()}


@cache
def given_names() -> frozenset[str]:
    """Western given names (from gender-guesser's dictionary), casefolded."""
    names: set[str] = set()
    data = resources.files("gender_guesser") / "data" / "nam_dict.txt"
    with data.open("r", encoding="iso-8859-1") as fh:
        for line in fh:
            if line.startswith("#") or len(line) < 30 or line[0] == "=":
                continue
            name = line[3:29].strip()
            if name.isalpha() and len(name) > 1:
                names.add(name.casefold())
    return frozenset(names - common_words())


@cache
def common_words() -> frozenset[str]:
    """Words that start sentences or name institutions, never a person."""
    lists = _lists()
    return lists["common"] | lists["institution"] | lists["month"]


def title_at(words: list[str], i: int) -> int:
    """How many words from ``i`` make a title (``Premier``, ``Vice Premier``, ``Secretary
    of State``, ``Soviet Ambassador``...), 0 if none."""
    lists = _lists()
    titles, offices = lists["title"], lists["office"]
    j, core = i, False
    while j < len(words):
        w = words[j].casefold().rstrip(".")
        if w in titles:
            core, j = True, j + 1
        elif core and w in ("of", "the", "for") and j + 1 < len(words):
            nxt = words[j + 1].casefold()
            if nxt in offices or nxt == "the":
                j += 1
            else:
                break
        elif w in offices and (core or (j + 1 < len(words) and words[j + 1].casefold() in titles)):
            j += 1
        else:
            break
    return j - i if core else 0


def person_confidence(words: list[str], titled: bool) -> float:
    """How sure we are that ``words`` (1-4 capitalised words) name a person: 0 if not."""
    if not words or any(w.casefold() in common_words() for w in words):
        return 0.0
    if any(
        not (
            w[:1].isupper()
            and w.replace("-", "").replace("'", "").replace("’", "").replace(".", "").isalpha()
        )
        for w in words
    ):
        return 0.0
    lists = _lists()
    first, last = words[0].casefold(), words[-1].casefold()
    if titled:
        return 0.85
    if len(words) < 2:
        return 0.0
    if (
        first in lists["korean_surname"]
        and len(words) <= 3
        and all(_SYLLABLES.match(w) for w in words[1:])
    ):
        return 0.6 if len(words) == 3 or "-" in words[1] else 0.5
    if (
        len(words) <= 3
        and all(_CYRILLIC_SYLLABLE.fullmatch(w) for w in words)
        and korean.cyrillic_surname_first(" ".join(words))
    ):
        return 0.6 if len(words) == 3 or "-" in words[1] else 0.5
    if first in lists["chinese_surname"] and len(words) == 2 and len(words[1]) <= 10:
        return 0.55
    if first in given_names() and not _INITIAL.match(words[-1]):
        return 0.75 if len(words) >= 2 and last not in given_names() or len(words) == 3 else 0.6
    if _INITIAL.match(words[0]) and not _INITIAL.match(words[-1]):
        return 0.6
    if (
        len(words) >= 2
        and _RUSSIAN_ENDING.search(last)
        and (first in given_names() or _INITIAL.match(words[0]))
    ):
        return 0.6
    return 0.0


def romanized(words: list[str]) -> bool:
    """Whether capitalised words look like a romanized or transliterated name."""
    lists = _lists()
    first = words[0].casefold()
    if first in lists["korean_surname"] or first in lists["chinese_surname"]:
        return True
    if any("-" in w or "'" in w or "’" in w or not w.isascii() for w in words):
        return True
    return bool(_RUSSIAN_ENDING.search(words[-1].casefold()))

"""Russian equivalence: Cyrillic and its English, library (ALA-LC, ISO, GOST), German and
French transliterations reduce to one skeleton.

Latin is read back into Cyrillic three ways, one key each: the English and library
conventions (``kh``/``h``/``x`` is х, ``ch``/``č`` ч, ``shch``/``šč`` щ, ``ts``/``c`` ц, ``ya``/
``ja``/``â`` я, ``y`` ы or й, ``j`` й), the German one (``ch`` х, ``sch`` ш, ``tsch`` ч,
``schtsch`` щ, ``z`` ц, ``w`` в, ``j`` й) and the French one (``ch`` ш, ``tch`` ч, ``j`` ж,
``ou`` у, a silent final ``e`` after ``in``). Cyrillic goes through ``cyrtranslit`` one
letter at a time (so с+х is never read as ш) and back the English way: it has one key.

The skeleton of the Cyrillic then merges what transliterations blur:

* ъ and ь go; ё and э are е; й and ы are и, so -ий, -ый, -ii, -iy, -y, -i all end alike;
* я and ю are иа and иу (Beria = Beriya = Берия), and ие is е (Vasiliev = Vasil'ev);
* the suffix -ов(а) after ш ж ч щ is -ев(а), as ё is said there (Khrushchov = Khrushchev,
  Chernyshov = Chernyshev);
* ж is ш and з is с (German writes both with ``sch`` and ``s``: Breschnew, Schukow);
* шч is щ (Hruščëv); doubled letters count once (Kossygin); a final -оф/-еф is -ов/-ев
  (Molotoff).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

import cyrtranslit

_CYRILLIC_WORD = re.compile("[\u0400-\u04ff]+")
_LATIN_WORD = re.compile("[a-z\u0400-\u04ff]+")  # diacritic letters already Cyrillic
_WORDS = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f])+")
_PRIMES = str.maketrans("", "", "ʹʺ'’ʼ\"")
_MARKS = re.compile("[\u0300-\u036f]")
# Letters with a diacritic that names a Cyrillic letter (ALA-LC, ISO 9, scholarly).
_DIACRITIC_LETTERS = str.maketrans(
    {
        "š": "ш",
        "č": "ч",
        "ž": "ж",
        "ŝ": "щ",
        "ë": "ё",
        "ĭ": "й",
        "ė": "э",
        "â": "я",
        "û": "ю",
    }
)
_SINGLE = dict(zip("abvgdezijklmnoprstuf", "абвгдезийклмнопрстуф", strict=True))
_ENGLISH = {
    "shch": "щ",
    "shh": "щ",
    "zh": "ж",
    "kh": "х",
    "ch": "ч",
    "sh": "ш",
    "ts": "ц",
    "cz": "ц",
    "tz": "ц",
    "yo": "ё",
    "jo": "ё",
    "ya": "я",
    "ja": "я",
    "yu": "ю",
    "ju": "ю",
    "ye": "е",
    "je": "е",
    "y": "ы",
    "h": "х",
    "x": "кс",
    "c": "ц",
    "w": "в",
    "q": "к",
}
_GERMAN = {
    "schtsch": "щ",
    "tsch": "ч",
    "sch": "ш",
    "ch": "х",
    "tz": "ц",
    "z": "ц",
    "ja": "я",
    "ju": "ю",
    "je": "е",
    "jo": "ё",
    "y": "ы",
    "h": "х",
    "x": "кс",
    "ck": "к",
    "w": "в",
    "c": "ц",
    "q": "к",
}
_FRENCH = {
    "chtch": "щ",
    "tch": "ч",
    "ch": "ш",
    "kh": "х",
    "dj": "дж",
    "j": "ж",
    "ou": "у",
    "gue": "ге",
    "gui": "ги",
    "y": "ы",
    "h": "х",
    "x": "кс",
    "w": "в",
    "c": "к",
    "q": "к",
}
_FRENCH_FINAL_E = re.compile(r"(?<=in)e$")
_SIBILANT_OV = re.compile("(?<=[шчщ])ов(?=а?$)")
_FINAL_F = re.compile("(?<=[ое])ф$")
_DOUBLED = re.compile(r"(?<=(.))\1+")
_CANONICAL = str.maketrans(
    {"ъ": "", "ь": "", "ё": "е", "э": "е", "й": "и", "ы": "и", "ж": "ш", "з": "с"}
)
_ASCII = str.maketrans(
    dict(
        zip(
            "абвгдеиклмнопрстуфхцчшщ",
            "a b v g d e i k l m n o p r s t u f kh ts ch sh shch".split(),
            strict=True,
        )
    )
)


def _reader(table: dict[str, str]) -> re.Pattern[str]:
    """One regex matching the table's spellings, longest first, and any single letter."""
    spellings = sorted(table, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, spellings)) + "|.")


_READINGS = {
    name: (_reader(table), {**_SINGLE, **table})
    for name, table in (("en", _ENGLISH), ("de", _GERMAN), ("fr", _FRENCH))
}


def _read(word: str, reading: str) -> str:
    """Latin ``word`` (lowercase, diacritic letters already Cyrillic) as Cyrillic."""
    pattern, table = _READINGS[reading]
    if reading == "fr":
        word = _FRENCH_FINAL_E.sub("", word)
    return "".join(table.get(m, m) for m in pattern.findall(word))


@lru_cache(maxsize=1 << 14)
def skeleton(cyrillic: str) -> str:
    """The ASCII comparison skeleton of one lowercase Cyrillic word."""
    s = cyrillic.translate(_CANONICAL).replace("шч", "щ")
    s = s.replace("я", "иа").replace("ю", "иу")
    s = _SIBILANT_OV.sub("ев", s).replace("ие", "е")
    s = _FINAL_F.sub("в", _DOUBLED.sub("", s))
    return _DOUBLED.sub("", s.translate(_ASCII))


@cache
def _cyrillic_table() -> dict[int, str]:
    """Each Russian letter -> cyrtranslit's Latin read back the English way."""
    letters = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
    out: dict[int, str] = {}
    for letter in letters:
        latin = cyrtranslit.to_latin(letter, "ru").translate(_PRIMES)  # ы is y
        out[ord(letter)] = _read(latin, "en")
    return out


@lru_cache(maxsize=1 << 15)
def _word_keys(word: str) -> tuple[str, ...]:
    """Skeletons of one lowercase word, one per reading (all alike for Cyrillic)."""
    if _CYRILLIC_WORD.fullmatch(word):
        return (skeleton(word.translate(_cyrillic_table())),) * len(_READINGS)
    text = _MARKS.sub("", unicodedata.normalize("NFD", word.translate(_DIACRITIC_LETTERS)))
    if not _LATIN_WORD.fullmatch(text):
        return ()
    return tuple(skeleton(_read(text, reading)) for reading in _READINGS)


@lru_cache(maxsize=1 << 14)
def _chunk_keys(chunk: str) -> tuple[tuple[str, ...], ...]:
    """``_word_keys`` of each word in a space-free chunk (Rimsky-Korsakov has two)."""
    text = unicodedata.normalize("NFC", chunk.casefold()).translate(_PRIMES)
    return tuple(_word_keys(w) for w in _WORDS.findall(text))


def keys(name: str) -> frozenset[str]:
    """Comparison keys of ``name`` read as Russian: one per transliteration convention."""
    per_word = [k for chunk in name.split() for k in _chunk_keys(chunk)]
    if not per_word or not all(per_word):
        return frozenset()
    return frozenset(map("".join, zip(*per_word, strict=True)))


# Case endings of a noun or name in Russian text, by how its nominative ends (folded, so й
# is и): "в Пхеньяне", "с Ким Ир Сеном", "из Москвы", "в Корее". Indeclinable endings
# (о, е, у, ю, и after a consonant: Хо Га И, Токио) have none.
_AFTER_VELAR = frozenset("гкхжчшщ")


def case_forms(word: str) -> list[str]:
    """The oblique case forms of a folded Cyrillic word (``пхеньян`` -> ``пхеньяна``,
    ``пхеньяну``, ``пхеньяном``, ``пхеньяне``...); none for a word that does not decline."""
    if len(word) < 3 or not _CYRILLIC_WORD.fullmatch(word):
        return []
    last, stem = word[-1], word[:-1]
    if last == "а":
        genitive = "и" if stem[-1] in _AFTER_VELAR else "ы"
        return [stem + e for e in (genitive, "е", "у", "ои", "ою")]
    if last == "я":
        return [stem + e for e in ("и", "е", "ю", "еи", "ею")]
    if last == "ь":
        return [stem + e for e in ("я", "ю", "ем", "е", "и", "ью")]
    if last == "и" and stem[-1] in "аеоуыэюя":  # й, folded
        return [stem + e for e in ("я", "ю", "ем", "е")]
    if last in "оеуюиыэ":
        return []
    return [word + e for e in ("а", "у", "ом", "ым", "е")]

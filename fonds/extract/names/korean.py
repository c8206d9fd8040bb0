"""Korean equivalence: one skeleton for McCune-Reischauer (with or without breves and
apostrophes), Revised Romanization, North Korean and older press spellings, and Hangul.

The skeleton of a romanized string, step by step:

* breves, accents and apostrophes go (ŏ -> o, ŭ -> u, k' -> k);
* ``y`` before a consonant is the vowel ŭ (Syngman = Seungman); ``eo`` -> o, ``eu`` -> u,
  ``ee`` -> i, ``ae`` -> e (never joining a following u: Tae-u), ``woo`` -> u, ``yi`` -> i,
  ``oi`` -> oe, and ŭi after a consonant is i as it is said (Hŭi = Hee);
* every o and u is one vowel: press spellings write ŏ as u (Sung, Chung, Kun for 성, 정, 건),
  so Seong, Sŏng, Song and Sung all meet (and so do 조 Cho and 주 Chu);
* voiced and voiceless initials meet (g/k, d/t, b/p, j/ch/tch -> c), sh -> s, r -> l;
  an ``h`` after a vowel and before a consonant or the end is silent (Oh, Koh, Ahn);
* doubled letters count once (kk, ss, jj; Kim Ilsung's joined nk-k);
* at the start of a surname, a given name or a place name the South's initial-sound law
  applies: l/n before i or y goes (Ri, Rim, Ryu, Ryang, Nyongbyon -> I, Im, Yu, Yang,
  Yongbyon), other initial l becomes n (Rodong -> Nodong, Roh -> No).

A name is read surname first when its first token is a known surname, surname last when
its last token is one (Syngman Rhee), and whole otherwise (places); a single word is read
both whole and, if it starts with a surname, as a name (김일성, Park). Spaces and hyphens
inside the given name are ignored, so Il Sung, Il-sung and Ilsung meet. Hangul goes
syllable by syllable, decomposed by Unicode arithmetic and romanized jamo by jamo
(no sound changes across syllables; korean-romanizer would do the same but is GPL-licensed).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

_HANGUL = re.compile("[\uac00-\ud7a3]+")
_APOSTROPHES = str.maketrans("", "", "'’‘ʼʻ`´")
_MARKS = re.compile("[\u0300-\u036f]")
_SEPARATORS = re.compile(r"[^\w\-]+|_")
_ROMAN = re.compile(r"(?:[abd-eg-prstuwy]|ch)+")
_Y_AS_VOWEL = re.compile(r"y(?![aeiouw])")
_UI_AFTER_CONSONANT = re.compile(r"(?<=[^aeiouwy])ui")
_SILENT_H = re.compile(r"(?<=[aeio])h(?![aeiowy])")
_DOUBLED = re.compile(r"(?<=(.))\1+")
_CONSONANTS = str.maketrans("jgdbr", "cktpl")

# Common surnames as romanized in either Korea, in RR, MR and the usual personal spellings.
_SURNAMES = """
kim gim i yi lee ri li pak bak bahk pahk choe choi jeong chong chung jung cheong kang gang
cho jo yun yoon chang jang im lim rim yim han o oh seo so suh sin shin kwon gwon hwang
an ahn song seong sung ryu yu yoo hong jeon chon chun jun ko go koh mun moon yang ryang
son sohn pae bae paek baek heo ho nam sim shim no noh roh ha kwak gwak yeom yom ryom cha
ku gu koo min ju chu joo na ra rah jin chin ji chi eom om um chae won pang bang kong gong
hyeon hyon hyun ham byeon pyon byun do to ma kil gil yeon yon wi pyo myeong myong ki gi
pan ban wang geum kum ok yuk ryuk maeng tae kye gye seok sok suk
"""
# Spellings whose skeleton is not the skeleton of their Revised Romanization.
_SURNAME_OVERRIDES = {
    "park": "pak",
    "rhee": "i",
    "rhie": "i",
    "chey": "coe",
    "choy": "coe",
    "hur": "ho",
    "huh": "ho",
    "paik": "pek",
}


class _Token(NamedTuple):
    text: str  # the token's letters, hyphens dropped (Hangul: its syllables romanized)
    surname: str | None  # the skeleton of its first part if that may be a surname
    tail: str  # the letters after that first part
    single: bool  # one part (no hyphen; Hangul: one syllable)


@lru_cache(maxsize=1 << 14)
def skeleton(text: str) -> str:
    """The comparison skeleton of lowercase romanized letters that start a surname, a given
    name or a place name (so the initial-sound law applies to the first)."""
    s = _Y_AS_VOWEL.sub("u", text.replace("woo", "u").replace("ae", "E"))
    s = s.replace("eo", "o").replace("eu", "u").replace("ee", "i").replace("E", "e")
    s = _UI_AFTER_CONSONANT.sub("i", s.replace("yi", "i"))
    s = s.replace("u", "o").replace("oi", "oe")
    s = s.replace("tch", "c").replace("ch", "c").replace("sh", "s").translate(_CONSONANTS)
    s = _DOUBLED.sub("", _SILENT_H.sub("", s))
    if len(s) > 1 and s[0] in "ln":
        if s[1] in "iy":
            return s[1:]
        return "n" + s[1:]
    return s


def _build_surnames() -> frozenset[str]:
    return frozenset(skeleton(s) for s in _SURNAMES.split()) | set(_SURNAME_OVERRIDES.values())


_SURNAME_KEYS = _build_surnames()


def surname_key(part: str) -> str | None:
    """The skeleton of ``part`` if it is a known surname spelling, else None."""
    if part in _SURNAME_OVERRIDES:
        return _SURNAME_OVERRIDES[part]
    key = skeleton(part)
    return key if key in _SURNAME_KEYS else None


# Revised Romanization of one Hangul syllable's jamo, read in isolation (Ministry of
# Culture and Tourism, "Romanization of Korean", 2000): initials, vowels, final sounds.
_INITIALS = "g kk n d tt r m b pp s ss - j jj ch k t p h".split()
_VOWELS = "a ae ya yae eo e yeo ye o wa wae oe yo u wo we wi yu eu ui i".split()
_FINALS = ["", *"k k k n n n t l k m l l l p l m p p t t ng t t k t p t".split()]


@lru_cache(maxsize=1 << 12)
def _syllable(hangul: str) -> str:
    """``성`` -> ``seong``: the syllable decomposed by Unicode arithmetic (a syllable is
    0xAC00 + (initial x 21 + vowel) x 28 + final), each jamo romanized."""
    index = ord(hangul) - 0xAC00
    initial, rest = divmod(index, 21 * 28)
    vowel, final = divmod(rest, 28)
    return _INITIALS[initial].strip("-") + _VOWELS[vowel] + _FINALS[final]


@lru_cache(maxsize=1 << 14)
def _word_tokens(word: str) -> tuple[_Token, ...] | None:
    """The tokens of one space-free word, or None when it holds letters no Korean
    romanization uses."""
    decomposed = unicodedata.normalize("NFD", word.casefold().translate(_APOSTROPHES))
    text = unicodedata.normalize("NFC", _MARKS.sub("", decomposed))
    out: list[_Token] = []
    for raw in _SEPARATORS.split(text):
        if not raw.strip("-"):
            continue
        hangul = _HANGUL.fullmatch(raw) is not None
        if hangul:
            parts = tuple(_syllable(c) for c in raw)
        else:
            parts = tuple(p for p in raw.split("-") if p)
            if not all(_ROMAN.fullmatch(p) for p in parts):
                return None
        may_be_surname = len(parts) == 1 or (hangul and len(parts) <= 4)
        surname = surname_key(parts[0]) if may_be_surname else None
        out.append(_Token("".join(parts), surname, "".join(parts[1:]), len(parts) == 1))
    return tuple(out)


def _tokens(name: str) -> list[_Token] | None:
    out: list[_Token] = []
    for word in name.split():
        if (tokens := _word_tokens(word)) is None:
            return None
        out.extend(tokens)
    return out


def _key(surname: str, given: str) -> str:
    """The skeletons of surname and given name joined; a letter doubled at the seam counts
    once, as inside a skeleton."""
    rest = skeleton(given) if given else ""
    return surname + rest[1:] if rest[:1] == surname[-1:] else surname + rest


# Korean in Russian Cyrillic (the Kontsevich system and the older Soviet press spellings:
# Ким Ир Сен, Пак Хен Ен, Цой Ен Гон, Пхеньян): letters that spell one sound each, with the
# readings that Cyrillic leaves open. ``е`` is ㅔ, ㅓ or ㅕ (Сен = 성, Хен = 헌, Ен = 영);
# a syllable-final ``н`` is ㄴ or ㅇ (Пхеньян = 평양); the aspirates are written with ``х``.
_CYRILLIC = re.compile("[\u0400-\u04ff]")
# Letters Korean transcription does not use; в only as the w of a diphthong (Чхве, Хван).
_NOT_KOREAN_CYRILLIC = re.compile("[фщзж]|в(?![аеэио])|(?<![бгдкмпрстхчцн])в")
_CYRILLIC_UNITS = re.compile("кх|тх|пх|чх|дж|нъ|ль|нь|в[аеэио]|.", re.DOTALL)
_CYRILLIC_VOWELS = frozenset("аеёиоуыэюяй")
_CYRILLIC_SOUNDS = {
    "кх": "k", "тх": "t", "пх": "p", "чх": "ch", "дж": "j", "нъ": "ng", "ль": "l",
    "а": "a", "ё": "yo", "и": "i", "й": "i", "о": "o", "у": "u", "ы": "eu", "э": "ae",
    "ю": "yu", "я": "ya", "б": "b", "г": "g", "д": "d", "к": "k", "л": "l", "м": "m",
    "п": "p", "р": "r", "с": "s", "т": "t", "х": "h", "ц": "ch", "ч": "ch", "ш": "s",
    "ь": "", "ъ": "", "ва": "wa", "вэ": "wae", "ви": "wi", "во": "wo",
}  # fmt: skip
_MAX_CYRILLIC_READINGS = 32


def _cyrillic_options(word: str) -> list[tuple[str, ...]] | None:
    """The Latin readings of each sound of a Cyrillic word, or None for a word Korean
    transcription would not write (Хрущёв, Москва)."""
    word = unicodedata.normalize("NFC", word.casefold())
    if _NOT_KOREAN_CYRILLIC.search(word):
        return None
    units = _CYRILLIC_UNITS.findall(word)
    out: list[tuple[str, ...]] = []
    for i, unit in enumerate(units):
        after = units[i + 1] if i + 1 < len(units) else ""
        if unit in ("н", "нь"):
            final = not after or after[0] not in _CYRILLIC_VOWELS or unit == "нь"
            out.append(("n", "ng") if final else ("n",))
        elif unit == "ве":  # ㅚ or ㅞ (Чхве = 최 Choe)
            out.append(("oe", "we"))
        elif unit == "е":
            initial = i == 0 or units[i - 1][-1] in _CYRILLIC_VOWELS or units[i - 1] in "ьъ"
            out.append(("ye", "yeo") if initial else ("e", "eo", "yeo"))
        elif unit in _CYRILLIC_SOUNDS:
            out.append((_CYRILLIC_SOUNDS[unit],))
        elif unit.isalpha():
            return None
    return out


def cyrillic_readings(name: str) -> list[str]:
    """Romanized readings of a Korean name or place written in Cyrillic (at most 32, the
    same ones in every process); none when a word cannot be Korean."""
    readings = [""]
    for word in name.split():
        options = _cyrillic_options(word)
        if options is None:
            return []
        for choices in options:
            readings = [r + c for r in readings for c in choices][:_MAX_CYRILLIC_READINGS]
        readings = [r + " " for r in readings]
    return [r.strip() for r in readings if r.strip()]


def cyrillic_surname_first(name: str) -> bool:
    """Whether a Cyrillic name starts with a Korean surname (Ким, Пак, Хо, Чхве)."""
    words = name.split()
    return bool(words) and any(surname_key(r) for r in cyrillic_readings(words[0]))


def keys(name: str) -> frozenset[str]:
    """Comparison keys of ``name`` read as Korean: surname first, surname last, or whole.
    A name in Cyrillic is read in each of the ways its Cyrillic spelling allows."""
    if _CYRILLIC.search(name):
        return frozenset(k for reading in cyrillic_readings(name) for k in _keys(reading))
    return _keys(name)


def _keys(name: str) -> frozenset[str]:
    tokens = _tokens(name)
    if not tokens:
        return frozenset()
    first, last = tokens[0], tokens[-1]
    if len(tokens) == 1:  # one word is read whole too: 신의주 may be a place, not Mr Sin
        whole = skeleton(first.text)
        return (
            frozenset((whole, _key(first.surname, first.tail)))
            if first.surname
            else frozenset((whole,))
        )
    out: set[str] = set()
    if first.surname:
        out.add(_key(first.surname, first.tail + "".join([t.text for t in tokens[1:]])))
    if last.surname and last.single:
        out.add(_key(last.surname, "".join([t.text for t in tokens[:-1]])))
    return frozenset(out) if out else frozenset((skeleton("".join([t.text for t in tokens])),))

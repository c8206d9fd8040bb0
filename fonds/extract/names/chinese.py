"""Chinese equivalence: a key is the name's toneless Hanyu Pinyin run together
(``maozedong``), whether it was written in pinyin, Wade-Giles, postal spelling or Hanzi.

* Pinyin loses its tone marks and tone numbers; ü is ``v`` (lü = lv), and a plain ``u``
  where pinyin has ü is read both ways (Lu = lu or lv).
* Wade-Giles syllables map back to pinyin by inverting ``pypinyin``'s pinyin-to-Wade-Giles
  table (with its ``-ai`` and ``tie`` slips corrected). Without apostrophes Wade-Giles is
  ambiguous (Chou = zhou or chou, Teng = deng or teng), so such a name gets one key per
  reading; with them it gets one (Ch'en = chen). ``Teh`` is read as ``te`` (Chu Teh).
* Joined, spaced and hyphenated syllables are the same (Zedong, Ze-dong, Ze Dong); a
  joined part is split into syllables wherever it can be (Tsetung, Enlai).
* A few postal spellings of places are looked up whole (Peking, Nanking, Tsingtao).
* Cyrillic in the Palladius system (Мао Цзэдун, Чжоу Эньлай), the Russian sources'
  spelling, maps syllable by syllable through ``pypinyin``'s Cyrillic style.
* Hanzi, simplified or traditional, go through ``pypinyin``; a short name whose first
  character reads otherwise as a surname (曾 zeng, 单 shan) gets that reading too.
* Inside a part a syllable starts with a vowel only after an apostrophe, as in pinyin
  (Xi'an): mao is never ma-o.

A name none of whose readings splits into syllables (Kim, Molotov) has no key.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import defaultdict
from functools import cache, lru_cache
from importlib import resources

MAX_KEYS = 16
_APOSTROPHES = str.maketrans({c: "'" for c in "’‘ʼʻ`´"})
_MARKS = re.compile("[\u0300-\u036f]")
_UMLAUT_U = re.compile("u\u0308")
_DIGITS = re.compile(r"\d+")
_VOWELS = frozenset("aeiouvаэоуыеёюяи")
_TOKEN = re.compile(r"[a-z']+|[а-яё]+")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_HAN_NAME = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_NOT_NAME = re.compile(r"[\s·・.,\-]+")
_NOT_SYLLABLES = {"m", "n", "ng", "hm", "hng", "ê"}  # interjections: they would split Kim
_WADE_GILES_FIXES = {"tie": "t'ieh", "chua": "ch'ua"}
# Surnames read otherwise than their characters' common reading.
SURNAME_READINGS = {
    "曾": "zeng",
    "单": "shan",
    "單": "shan",
    "仇": "qiu",
    "解": "xie",
    "朴": "piao",
    "区": "ou",
    "區": "ou",
    "查": "zha",
    "盖": "ge",
    "蓋": "ge",
    "乐": "yue",
    "樂": "yue",
    "缪": "miao",
    "繆": "miao",
    "尉": "yu",
    "覃": "qin",
    "翟": "zhai",
    "员": "yun",
    "冼": "xian",
    "洗": "xian",
    "秘": "bi",
    "万": "wan",
    "萬": "wan",
}
POSTAL = {
    "peking": "beijing",
    "peiping": "beiping",
    "nanking": "nanjing",
    "tientsin": "tianjin",
    "tsingtao": "qingdao",
    "chungking": "chongqing",
    "sian": "xian",
    "hankow": "hankou",
    "yenan": "yanan",
    "kiangsi": "jiangxi",
    "kiangsu": "jiangsu",
    "chekiang": "zhejiang",
    "fukien": "fujian",
    "kwangtung": "guangdong",
    "kwangsi": "guangxi",
    "szechwan": "sichuan",
    "szechuan": "sichuan",
    "kweichow": "guizhou",
    "anhwei": "anhui",
    "hopeh": "hebei",
    "hupeh": "hubei",
    "sinkiang": "xinjiang",
    "kirin": "jilin",
    "tsinan": "jinan",
    "soochow": "suzhou",
    "hangchow": "hangzhou",
    "foochow": "fuzhou",
    "swatow": "shantou",
}


def _wade_giles(pinyin: str) -> list[str]:
    """Wade-Giles spellings of one toneless pinyin syllable (ü as v, apostrophes as ')."""
    from pypinyin import Style
    from pypinyin.style import convert

    wg = convert(pinyin, Style.WADEGILES, strict=False).replace("`", "'")
    if pinyin.endswith("ai") and wg.endswith("ei") and not wg.endswith("uei"):
        wg = wg[:-2] + "ai"  # pypinyin gives lai -> lei, ai -> ei
    wg = _WADE_GILES_FIXES.get(pinyin, wg)
    forms = [wg]
    if wg.endswith("e") and not wg.endswith("ie"):
        forms.append(wg + "h")  # Teh, Tseh
    if wg == "ssu":
        forms.append("szu")
    return forms


def _palladius(pinyin: str) -> list[str]:
    """Palladius (Russian Cyrillic) spellings of one toneless pinyin syllable; Russian
    texts often write е for Palladius э (Цзедун beside Цзэдун)."""
    from pypinyin import Style
    from pypinyin.style import convert

    cyrillic = _DIGITS.sub("", convert(pinyin, Style.CYRILLIC, strict=False))
    forms = [cyrillic]
    if "э" in cyrillic[1:]:
        forms.append(cyrillic[0] + cyrillic[1:].replace("э", "е"))
    return forms


def pinyin_table() -> dict[str, tuple[list[str], list[str]]]:
    """Every toneless pinyin syllable -> its Wade-Giles and its Palladius spellings, derived
    from ``pypinyin`` (``tools/make_pinyin_table.py`` writes it to ``fonds/data``)."""
    from pypinyin.contrib.tone_convert import to_normal
    from pypinyin.pinyin_dict import pinyin_dict

    marked = {p for v in pinyin_dict.values() for p in v.split(",")}
    pinyins = {to_normal(p) for p in marked}
    return {py: (_wade_giles(py), _palladius(py)) for py in sorted(pinyins - _NOT_SYLLABLES)}


@cache
def _syllables() -> tuple[dict[str, frozenset[str]], int]:
    """Every spelling of a syllable -> the pinyin it may be; and the longest spelling.
    Read from ``fonds/data/pinyin_wade_giles.csv`` (loading pypinyin's dictionary to
    derive it would cost a third of a second on every start)."""
    text = (resources.files("fonds") / "data" / "pinyin_wade_giles.csv").read_text(encoding="utf-8")
    table: dict[str, set[str]] = defaultdict(set)
    for row in csv.DictReader(text.splitlines()):
        py = row["pinyin"]
        table[py].add(py)
        table[py.replace("v", "u")].add(py)
        for wg in row["wade_giles"].split("|"):
            table[wg].add(py)
            table[wg.replace("'", "").replace("v", "u")].add(py)
        for cyrillic in row["palladius"].split("|"):
            table[cyrillic].add(py)
    longest = max(map(len, table))
    return {k: frozenset(v) for k, v in table.items()}, longest


def _capped(readings: set[str], cap: int = MAX_KEYS) -> frozenset[str]:
    """At most ``cap`` readings, the same ones in every process."""
    return frozenset(readings if len(readings) <= cap else sorted(readings)[:cap])


@lru_cache(maxsize=1 << 14)
def part_readings(part: str) -> frozenset[str]:
    """The pinyin readings of one spaceless, hyphenless part (``tsetung``, ``ch'en``)."""
    table, longest = _syllables()
    part = part.strip("'")
    ends: list[set[str]] = [set() for _ in range(len(part) + 1)]
    ends[0].add("")
    for i in range(len(part)):
        if not (readings := ends[i]):
            continue
        if part[i] == "'":  # pinyin's syllable divider (Xi'an)
            ends[i + 1] |= readings
        elif i and part[i] in _VOWELS and part[i - 1] not in "'ь":
            continue  # ma-o is not mao: a vowel starts only a part or follows an apostrophe (ь)
        for j in range(i + 1, min(len(part), i + longest) + 1):
            if (options := table.get(part[i:j])) is not None:
                ends[j] = set(_capped(ends[j] | {r + o for r in readings for o in options}, 64))
    found = ends[-1]
    if (postal := POSTAL.get(part)) is not None:
        found.add(postal)
    return _capped(found)


def _hanzi(name: str) -> frozenset[str]:
    from pypinyin import Style, lazy_pinyin

    syllables = lazy_pinyin(name, style=Style.NORMAL)
    if not all(s.isascii() for s in syllables):
        return frozenset()  # a character pypinyin cannot read
    found = {"".join(syllables)}
    if 2 <= len(name) <= 4 and (surname := SURNAME_READINGS.get(name[0])):
        found.add(surname + "".join(syllables[1:]))
    return frozenset(found)


@lru_cache(maxsize=1 << 14)
def _word_readings(word: str) -> tuple[frozenset[str], ...] | None:
    """The readings of each part of a space-free word, or None if some part has none."""
    if _CYRILLIC.search(word):  # й and ё keep their marks
        text = unicodedata.normalize("NFC", word.casefold())
    else:
        text = _UMLAUT_U.sub("v", unicodedata.normalize("NFD", word.casefold()))
        text = _MARKS.sub("", text).translate(_APOSTROPHES)
    parts = [p for p in _NOT_NAME.split(_DIGITS.sub("", text)) if p.strip("'")]
    if not all(_TOKEN.fullmatch(p) for p in parts):
        return None
    readings = tuple(part_readings(p) for p in parts)
    return readings if all(readings) else None


def keys(name: str) -> frozenset[str]:
    """Comparison keys of ``name`` read as Chinese: its pinyin readings run together."""
    if _HAN.search(name):
        han = _NOT_NAME.sub("", name)
        return _hanzi(han) if _HAN_NAME.fullmatch(han) else frozenset()
    found = {""}
    for word in name.split():
        if (readings := _word_readings(word)) is None:
            return frozenset()
        for options in readings:
            found = set(_capped({f + o for f in found for o in options}, 64))
    return _capped(found) if found != {""} else frozenset()

"""Numbers in digits and words, with their offsets: the reading the money, quantity and
percent extractors build on.

``find_numbers`` finds every number of a text in one ``re.finditer`` pass over a single
pattern compiled at import: digits (``130,000``, ``1.147``, ``3 1/2``, ``3½``) and words
(``thirty-four``, ``one hundred and twenty-five``, ``a dozen``), a scale after either
(``1.147 billion``, ``half a million``, ``two and a half million``, ``5bn``), fractions
(``half``, ``one-third``, ``a quarter of``, ``⅔``), ranges (``100-150``, ``25 to 37.50``,
``USD 25-USD 37.50``, ``between 3 and 4 million``, ``3 or 4 million``, ``1953-61``) and
the qualifier before them (``nearly``, ``some``, ``more than``...).

Decisions:

- A qualifier stands *outside* the span, lowercased with its spaces collapsed, in
  ``Number.qualifier``: ``"nearly half"`` spans ``half``. A currency sign or code between
  the qualifier and the number (``more than $950 million``) is allowed and left out too.
- Vague counts are read as their order of magnitude and *keep* the vague words inside
  the span: ``several hundred`` (100), ``a few thousand`` (1000), ``tens of thousands``
  (1e4), ``hundreds of millions`` (1e8); their ``qualifier`` is the vague word
  (one of ``VAGUE``). Bare plurals (``dozens``, ``hundreds``, ``thousands of``) and a bare
  singular scale word (``the Thousand-mile horse``, ``Hundred Flowers``) are skipped.
- A bare ``one`` (not part of a compound, range, fraction or scale: those are always
  numbers) is kept only when a word follows it that is not in a small stoplist of
  pronoun uses (``of``, ``another``, ``day``, ``who``, ``must``...) and the word before
  it is not a determiner (``no one``, ``the one``, ``some one``, ``each one``...).
  ``one`` before punctuation or glued to a hyphen (``one-sided``) is skipped.
- Ordinals (``first``, ``21st``, ``twenty-first``, ``a third time``) are not numbers;
  ``a third`` / ``one quarter`` (space-separated, singular) are fractions only before
  ``of`` or punctuation. ``half`` after ``first``/``second``/``latter``... and before
  ``of`` (``the second half of 1956``) is a date phrase and skipped; ``half-hearted`` too.
- Digits glued to letters (``Observer10``, ``A6979``, ``1950s``, ``21st``), after
  ``<letter>.`` or ``<letter>-`` (``f.0102``, ``B-29``; but ``mid-1953``) or inside a
  slash or colon group (``4/8/2014``, ``10:30``) are not numbers. ``f. 0102`` is 102.
  A comma is a thousands separator only before exactly three digits (``1,2`` is 1 and
  2); ``.5`` and ``1.147.000`` are not read.
- A range whose high end is lower than its low end is two numbers (``10-5``), except an
  abbreviated high end of three-digit-or-more numbers (``1953-61`` is 1953..1961,
  ``145-7`` is 145..147). The low end takes the high end's scale when it has none and is
  not larger (``1.5-2 billion``; but ``from 200 to 3 million`` is 200..3e6). ``or``
  makes a range only when its first number has no scale.
- A hyphen makes a range only after digits (``fifty-fifty`` is 50); numbers joined by
  hyphens in a chain (``1-7-617``, ``117-00665-03``) are identifiers, not numbers; a
  hyphen range's high end does not start with ``0``. A currency code between the ends
  must be upper case (``100 to the 150`` is two numbers).
- ``words`` is set when the numeral itself is in words (``one billion``, ``half``);
  a scale word after digits (``40 million``) does not count.

Speed: the pattern runs over an ASCII-lowercased copy of the text (same offsets), without
``re.IGNORECASE``. It starts with the character before a number (a character class, which
the engine scans for in C instead of trying the pattern at every position), then a
lookahead on the first word (a prefix tree of how a number or qualifier can begin, every
branch starting with a literal) so that it fails at once at other words.
"""

from __future__ import annotations

import math
import re
import string
from collections.abc import Iterator
from math import prod
from typing import Any, NamedTuple

__all__ = ["VAGUE", "Number", "find_numbers", "parse_number"]


class Number(NamedTuple):
    """A number stated in ``text[start:end]`` (qualifier excluded). A named tuple, not a
    frozen dataclass: one is made per number found, 3x faster."""

    start: int
    end: int
    value: float  # a range: its low end; "half" -> 0.5
    high: float | None = None  # a range's high end
    qualifier: str | None = None  # "nearly", "more than", ... as written, lowercased
    fraction: bool = False  # a share written as a fraction: half, one-third, ⅔
    words: bool = False  # the numeral is (partly) written in words
    year_like: bool = False  # a plain 4-digit integer 1000-2100 (or a range of them)


VAGUE = frozenset({"several", "a few", "tens of", "hundreds of"})
"""Qualifiers of vague counts (``several hundred``): these stand inside the span."""

_SMALL = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_SMALL |= {
    w: 10 * i
    for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)
}
_SMALL["a"] = 1
_SCALE = {
    "hundred": 100.0,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "dozen": 12.0,
    "bn": 1e9,
    "mn": 1e6,
}
_PLURAL_SCALE = {"thousands": 1e3, "millions": 1e6, "billions": 1e9, "trillions": 1e12}
_DENOMINATOR = {
    w: d
    for d, ws in enumerate(
        ["", "", "half halves", "third thirds", "quarter quarters fourth fourths"]
        + [f"{o} {o}s" for o in "fifth sixth seventh eighth ninth tenth".split()],
    )
    for w in ws.split()
}
_VULGAR = {
    "½": 1 / 2, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 1 / 4, "¾": 3 / 4, "⅕": 1 / 5, "⅖": 2 / 5,
    "⅗": 3 / 5, "⅘": 4 / 5, "⅙": 1 / 6, "⅚": 5 / 6, "⅛": 1 / 8, "⅜": 3 / 8, "⅝": 5 / 8,
    "⅞": 7 / 8,
}  # fmt: skip

# -- the pattern (over lowercased text) -------------------------------------------------

_U = "one|two|three|four|five|six|seven|eight|nine"
_T = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_D = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_ORD = (
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|"
    r"twelfth|[a-z]*teenth|[a-z]*tieth|hundredth|thousandth|millionth|billionth)\b"
)
_BIG = r"(?:thousand|million|billion|trillion|dozen)\b"
_SCALES = rf"(?:hundred\b|{_BIG})(?:\s+{_BIG})*"
_B = rf"(?:(?:{_D})(?:[-\s](?:{_U})\b)?|{_T}|{_U})\b"  # 1..99
_H = rf"(?:{_B}|a)\s+hundred\b(?:\s+(?:and\s+)?{_B})?"  # a hundred, twelve hundred and five
_MORE = rf"(?![-\s]+(?:hundred\b|{_BIG}|{_ORD})|\s+and\s+{_ORD})"  # not part of a longer one
_GH = rf"(?:{_H}|{_B})"  # a group before a scale word
_GT = rf"(?:{_H}|{_B}){_MORE}"  # the last group
_WORDINT = rf"(?:(?:{_GH}|a)\s+{_BIG}(?:\s+{_GH}\s+{_BIG})*(?:\s+(?:and\s+)?{_GT})?|{_GT}|zero\b)"
_AND_FRAC = (
    r"\s+and\s+(?:(?:a|one)[\s-]+(?:half|third|quarter)|(?:two|three)[\s-]+(?:thirds|quarters))\b"
)
_DEN_SG = "half|third|quarter|fourth|fifth|sixth|seventh|eighth|ninth|tenth"
_DEN_PL = "halves|thirds|quarters|fourths|fifths|sixths|sevenths|eighths|ninths|tenths"
_VULGAR_CLASS = "".join(_VULGAR)
_FRACTION = (
    rf"(?P<frac>(?:{_U}|ten)-(?:{_DEN_PL}|{_DEN_SG})\b"
    rf"|(?:two|three|four|five|six|seven|eight|nine|ten)\s+(?:{_DEN_PL})\b"
    r"|(?:a|one)\s+half\b(?!-\w)"
    rf"|(?:a|one)\s+(?:{_DEN_SG})\b(?=\s+of\b|\s*[,.;:)\]]|\s*$)"
    r"|half\b(?!-\w)"
    rf"|[{_VULGAR_CLASS}](?!\w)"
    r"|(?:1/[234]|2/3|3/4)(?![0-9/]))"
)
_DIGCORE = (
    r"(?:[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9]+)(?:\.[0-9]+)?"
    r"(?!\.[0-9]|,[0-9]{3}(?![0-9])|[/:][0-9])"
)
_DIGITS = (
    rf"(?P<dig>{_DIGCORE})(?P<dfr>[{_VULGAR_CLASS}]|\s+[1-9]/[1-9][0-9]?(?![0-9/]))?"
    r"(?:\s?(?P<dabbr>bn|mn)\b|(?!\w))"
    rf"(?P<dand>{_AND_FRAC})?(?:(?:\s+|-)(?P<ds>{_SCALES}))?"
)
_WORDS = rf"(?P<w>{_WORDINT})(?P<wand>{_AND_FRAC})?(?P<ws>(?:\s+{_BIG})+)?"
_HALF_A = rf"(?:half[\s-]+a|a[\s-]+half|half)[\s-]+(?P<hs>{_SCALES})"
_VAGUE = (
    rf"(?P<vague>several|a\s+few)\s+(?P<vs>{_SCALES})"
    r"|(?P<vmul>tens|hundreds)\s+of\s+(?P<vp>thousands|millions|billions|trillions)\b"
)
_SINGLE = rf"(?:{_DIGITS}|{_VAGUE}|{_HALF_A}|{_FRACTION}|{_WORDS})"
_LEFT = (  # not glued to a letter, a "f." or a "B-", nor inside 4/8/2014, 10:30 or 1-7-617
    r"(?<![\w.])(?<![0-9][-–/:])"
    r"(?:(?<=\bmid-)|(?<=\bpre-)|(?<=\bpost-)|(?<![^\W\d_]-))"
)
_CUR = r"us\$|[a-z]{3}|[$£€¥]"  # a currency code is checked to be upper case in the text
_SEP = rf"(?P<sep>(?<=[0-9{_VULGAR_CLASS}])\s?[-–]\s?(?!0[0-9])|\s+to\s+|\s+or\s+)(?:(?P<scur>{_CUR})\s?)?"
_QUALIFIERS = [
    "nearly", "almost", "about", "around", "approximately", "approx.", "roughly", "some",
    "over", "under", "more than", "less than", "fewer than", "at least", "at most", "up to",
    "as many as", "as much as", "as few as", "close to", "just over", "just under",
    "well over", "well under", "in excess of", "upwards of", "no more than", "no less than",
    "not more than", "not less than", "an estimated", "estimated", "circa", "ca.", "c.",
    "exactly", "precisely",
]  # fmt: skip
_QUAL = "|".join(
    re.escape(q).replace(r"\ ", r"\s+") for q in sorted(_QUALIFIERS, key=len, reverse=True)
)
_SHORT_FIRST = "a at as an in no not up".split()
_FIRST_WORDS = [w for w in _SMALL if w != "a"] + [
    *("half several tens hundreds between approx".split()),
    *{q.split()[0] for q in _QUALIFIERS if q.split()[0].isalpha()} - set(_SHORT_FIRST),
]
_PAIR_SECOND = (  # what must follow a short first word
    rf"\s+(?:few|hundred|{_DEN_SG}|least|most|many|much|"
    rf"estimated|excess|more|less|to|{_BIG[3:-3]})\b"
)


def _unnamed(pattern: str) -> str:
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


def _trie(entries: dict[str, str]) -> str:
    """Alternatives matching any key of ``entries`` followed by its value (a pattern),
    factored by prefix so that every alternative starts with a literal and fails fast."""
    tree: dict[str, Any] = {}
    for word, suffix in entries.items():
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = suffix
    return "|".join(_alternatives(tree))


def _alternatives(node: dict[str, Any]) -> list[str]:
    out = [re.escape(c) + _group(sub) for c, sub in sorted(node.items()) if c]
    return [*out, node[""]] if "" in node else out


def _group(node: dict[str, Any]) -> str:
    alternatives = _alternatives(node)
    return alternatives[0] if len(alternatives) == 1 else f"(?:{'|'.join(alternatives)})"


_FIRST_WORD = _trie(
    dict.fromkeys(["c.", "ca."], "")
    | dict.fromkeys(_FIRST_WORDS, r"\b")
    | dict.fromkeys(_SHORT_FIRST, _PAIR_SECOND)
)
_FIRST = rf"(?:[0-9]|[{_VULGAR_CLASS}]|{_FIRST_WORD})"  # how a number or qualifier begins
_S = _unnamed(_SINGLE)
_REST = (
    rf"(?:(?P<qual>{_QUAL})\s+(?:(?P<qcur>{_CUR})\s?)?)?{_LEFT}"
    rf"(?:\bbetween\s+(?P<blo>{_S})\s+and\s+(?P<bhi>{_S})|(?P<lo>{_SINGLE})(?:{_SEP}(?P<hi>{_S}))?)"
    r"(?!\s?[-–]\s?[0-9])"  # not in a chain of numbers (1-7-617, 117-00665-03)
)
# The character before a number is matched too: a pattern that starts with a character
# class is scanned for in C, a lookbehind is tried at every position (3x slower).
_PATTERN = re.compile(rf"[^a-zA-Z0-9_.](?={_FIRST})(?<![\w.]){_REST}")
_AT_START = re.compile(rf"(?={_FIRST}){_REST}")
_SINGLE_RE = re.compile(_SINGLE)
_WORD = re.compile(r"[a-z]+")
_NEXT = re.compile(r"\s+([a-z]+)")
_PREVIOUS = re.compile(r"\b([a-z]+)\s+$")
_HALF_OF = re.compile(r"\s+of\b")
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)

_ONE_NEXT_STOP = frozenset(
    "of another other others day days time times hand side way point thing who whom whose "
    "which that must can could would should may might will shall is was has had does did "
    "and or but to by after for as".split()
)
_ONE_PREVIOUS_STOP = frozenset(
    "no the this that any every each which some such a last little someone one".split()
)
_HALF_PREVIOUS_STOP = frozenset("first second latter last final later earlier".split())

# -- reading (lowercased text) ----------------------------------------------------------


class _Read(NamedTuple):
    """One number read: its value and how it was written (a tuple: cheap to make)."""

    value: float
    mult: float = 1.0  # the scale words after it multiplied in (40 million: 1e6)
    words: bool = False
    fraction: bool = False
    plain: str | None = None  # the digits of a plain integer (no separator, scale, fraction)
    vague: str | None = None
    year_like: bool = False


def _scales(text: str | None) -> float:
    return prod(_SCALE[w] for w in _WORD.findall(text)) if text else 1.0


def _and_fraction(text: str) -> float:
    """``and a half`` -> 0.5, ``and two-thirds`` -> 2/3."""
    numerator, denominator = _WORD.findall(text)[1:]
    return _SMALL[numerator] / _DENOMINATOR[denominator]


def _fraction(text: str) -> float:
    if text in _VULGAR:
        return _VULGAR[text]
    if "/" in text:
        top, bottom = text.split("/")
        return int(top) / int(bottom)
    words = _WORD.findall(text)
    return (_SMALL[words[0]] if len(words) > 1 else 1) / _DENOMINATOR[words[-1]]


def _word_integer(words: list[str]) -> float:
    """The value of a grammatical run of number words (``three hundred thousand``)."""
    total, current = 0.0, 0.0
    for w in words:
        if w in _SMALL:
            current += _SMALL[w]
        elif w == "hundred":
            current = (current or 1) * 100
        elif w in _SCALE:
            total += (current or 1) * _SCALE[w]
            current = 0.0
    return total + current


def _read_digits(m: re.Match[str]) -> _Read:
    digits, extra, abbreviation, scale, and_fraction = m.group("dig", "dfr", "dabbr", "ds", "dand")
    if not (extra or abbreviation or scale or and_fraction) and digits.isdigit():
        value = float(digits)
        return _Read(
            value, 1.0, False, False, digits, None, len(digits) == 4 and 1000 <= value <= 2100
        )
    value = float(digits.replace(",", ""))
    if extra:
        value += _fraction(extra.strip())
    if and_fraction:
        value += _and_fraction(and_fraction)
    mult = _scales(abbreviation or scale)
    return _Read(value * mult, mult, words=bool(and_fraction))


def _read_words(m: re.Match[str]) -> _Read:
    words = _WORD.findall(m["w"])
    value = _word_integer(words)
    last = _SCALE.get(words[-1], 1.0)
    if m["wand"]:
        value += _and_fraction(m["wand"]) * last  # a million and a half: 1.5e6
    mult = _scales(m["ws"])
    return _Read(value * mult, mult if m["ws"] else last, words=True)


def _read_match(m: re.Match[str]) -> _Read:
    if m["dig"] is not None:
        return _read_digits(m)
    if m["w"] is not None:
        return _read_words(m)
    if m["frac"] is not None:
        text = m["frac"]
        return _Read(_fraction(text), fraction=True, words=text[0].isalpha())
    if m["hs"] is not None:
        mult = _scales(m["hs"])
        return _Read(0.5 * mult, mult, words=True)
    if m["vague"] is not None:
        return _Read(_scales(m["vs"]), words=True, vague=" ".join(m["vague"].split()))
    multiplier = 10.0 if m["vmul"] == "tens" else 100.0
    value = multiplier * _PLURAL_SCALE[m["vp"]]
    return _Read(value, words=True, vague=f"{m['vmul']} of")


def _read(text: str) -> _Read | None:
    m = _SINGLE_RE.fullmatch(text)
    return None if m is None else _read_match(m)


# -- finding -----------------------------------------------------------------------------


def _lower(text: str) -> str:
    """``text`` lowercased with its offsets kept (``İ`` lowercases to two characters)."""
    low = text.lower()
    return low if len(low) == len(text) else text.translate(_ASCII_LOWER)


def _keep(low: str, start: int, end: int) -> bool:
    """False for a pronoun ``one`` and a date phrase's ``half`` (``second half of``)."""
    if not 3 <= end - start <= 4 or low[start:end] not in ("one", "half"):
        return True
    before = _PREVIOUS.search(low, max(0, start - 16), start)
    previous = before[1] if before else ""
    if low[start:end] == "half":
        return not (previous in _HALF_PREVIOUS_STOP and _HALF_OF.match(low, end))
    after = _NEXT.match(low, end)
    if after is None:  # "one." "one's" "one-sided"
        return False
    return after[1] not in _ONE_NEXT_STOP and previous not in _ONE_PREVIOUS_STOP


def _upper(text: str, m: re.Match[str], group: str) -> bool:
    """Whether a currency token matched (in lowercased text) is a sign or an upper-case code."""
    return (
        m[group] is None or text[m.start(group) : m.end(group)].isupper() or not m[group].isalpha()
    )


def _expand(low: _Read, high: _Read) -> float:
    """The high end of ``1953-61`` (1961) or ``145-7`` (147); else the high end as read."""
    if low.plain and high.plain and len(high.plain) < len(low.plain) <= 9 and low.value >= 100:
        return float(low.plain[: len(low.plain) - len(high.plain)] + high.plain)
    return high.value


def _range(low: _Read, high: _Read, sep: str) -> tuple[float, float] | None:
    """The ends of a range, or None when the two numbers do not make one."""
    if sep.strip() == "or" and low.mult != 1:
        return None
    lo, hi = low.value, high.value
    if low.mult == 1 and high.mult > 1 and not low.vague and lo <= hi / high.mult:
        lo *= high.mult  # 1.5-2 billion, 3 or 4 million
    if hi < lo:
        hi = _expand(low, high)
    return (lo, hi) if lo <= hi else None


def _number(m: re.Match[str], group: str, read: _Read, qualifier: str | None) -> Number:
    return Number(
        m.start(group),
        m.end(group),
        read.value,
        None,
        read.vague or qualifier,
        read.fraction,
        read.words,
        read.year_like,
    )


def _numbers(text: str, low: str, m: re.Match[str]) -> list[Number]:
    """The numbers of one match: one, a range, or two numbers that make no range."""
    qualifier = m["qual"]
    if qualifier is not None:
        qualifier = " ".join(qualifier.split()) if _upper(text, m, "qcur") else None
    lo_group, hi_group = ("blo", "bhi") if m["blo"] is not None else ("lo", "hi")
    read = _read(m["blo"]) if lo_group == "blo" else _read_match(m)
    if read is None:  # pragma: no cover - the pattern and _SINGLE_RE agree
        return []
    high = _read(m[hi_group]) if m[hi_group] is not None else None
    if high is None:
        keep = _keep(low, m.start(lo_group), m.end(lo_group))
        return [_number(m, lo_group, read, qualifier)] if keep else []
    ends = _range(read, high, m["sep"] or "and") if _upper(text, m, "scur") else None
    if ends is None:
        both = [_number(m, lo_group, read, qualifier), _number(m, hi_group, high, None)]
        return [n for n in both if _keep(low, n.start, n.end)]
    year_like = read.year_like and high.plain is not None and 1000 <= ends[1] <= 2100
    return [
        Number(
            m.start(lo_group),
            m.end(hi_group),
            ends[0],
            ends[1],
            read.vague or qualifier,
            read.fraction and high.fraction,
            read.words or high.words,
            year_like,
        )
    ]


def find_numbers(text: str) -> list[Number]:
    """Every number in ``text``, in order, non-overlapping, each in its longest reading."""
    low = _lower(text)
    out: list[Number] = []
    for m in _matches(low):
        out.extend(n for n in _numbers(text, low, m) if _finite(n))
    return out


def _matches(low: str) -> Iterator[re.Match[str]]:
    """The matches of the pattern over ``low``, as ``finditer`` would find them if the
    pattern did not take the character before a number."""
    m = _AT_START.match(low)
    pos = 0
    while m or (m := _PATTERN.search(low, pos)):
        yield m
        pos = m.end() - 1  # the last character of a match may stand before the next
        m = None


def _finite(n: Number) -> bool:
    """A value a float holds (a digit string of 400 zeros is no figure)."""
    return math.isfinite(n.value) and (n.high is None or math.isfinite(n.high))


def parse_number(text: str) -> float | None:
    """The value of ``text`` when the whole of it is one number (``"1.147 billion"`` ->
    1.147e9, ``"thirty-four"`` -> 34.0, ``"half"`` -> 0.5), else None (ranges too)."""
    read = _read(_lower(text.strip()))
    return None if read is None else read.value

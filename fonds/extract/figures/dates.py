"""Date expressions with their precision, and the years that were left unwritten.

``find_dates`` finds days, months, seasons, years, ranges and decades with one compiled
regular expression whose matches begin only at a digit or a capital, tried only where a
cheap pattern (a digit, or a month name's capital, at the start of a word: the engine
scans for those characters in C) finds one; modifiers, seasons, "first half of" and
weekdays are read back from that anchor in a few characters before it. It then resolves
what the text leaves implicit. About 0.1 s for 1 MB of English prose. Rules and
decisions:

Spans
    A mention's span is the expression as written, without a leading preposition or article
    ("in", "on", "the"), but with modifiers ("mid-July 1953", "end of 1954"), a weekday
    ("Monday, 27 July 1953") and, for ranges, "from"/"between" ("from 1954 to 1956").

Values
    ``value`` is the ISO start at its own precision, ``end_value`` the ISO end of a range,
    season or decade. Precision ``day``/``month``/``year`` for single dates ("early 1954",
    "late 1958" and "end of 1954" are ``year``; "mid-July 1953" is ``month``); ``season``
    for spring (03-05), summer (06-08), autumn/fall (09-11) and winter (12 to 02 of the next
    year: "winter 1950" is 1950-12..1951-02, as is "winter 1950/51"); ``range`` for two
    written ends and for "first half of 1957" (01..06) or "third quarter of 1957" (07..09);
    ``decade`` for "1950s" (1950..1959), "early 1950s" (1950..1953), "mid-1950s"
    (1954..1956) and "late 1950s" (1957..1959).

Numbers that are not dates
    A bare four-digit year must be 1800-2100 (in a full day, 1000-2100) and stand
    alone: not inside a longer number or code ("1,953", "19531", "005594/1956",
    "C54-2009-66"), not after "p."/"pp."/"f."/"No."/"vol."/"box"/"#"/"aged" (pages,
    archival fields, numbers, ages), not after a currency sign or code, and not before a
    unit, currency or clock word ("1957 tons", "1957 rubles", "1930 hours"; "1957 troops"
    unless a preposition precedes). "1953-61" is a range when the second year is later;
    otherwise "YYYY-MM" is an ISO month. A capitalised month name alone counts only after a
    preposition ("in", "by", "until", ...), with early/mid/late, or before "... of 1956"
    ("the August Crisis of 1956"); "May" only after in/by/from/until/of/since or
    early/mid/late, and never in "May Day". A match a rule rejects is searched again from
    its second character: "Chapter 26" ending a line before "April 1957" leaves "April 1957".

Missing years
    A yearless mention ("On 5 August", "in September") first takes the year written right
    after it in a coordination ("in August and September 1956", "28 May, 6 June 1957").
    Otherwise it takes the year of the nearest preceding mention with a written year that
    lies within one year (decades and multi-year ranges give no year) - in the same
    paragraph, else in earlier ones - else ``default_year`` (``year_source`` -1), else it is
    dropped. Roll-over: when that context is in the same paragraph, has day or month
    precision (or is a range of days or months within one year), and the yearless month is
    earlier than the context's (last) month, the year is the context's plus one ("In
    December 1953 ... On 5 January" is 1954-01-05). The context is always the written
    year, so a narrative that wraps twice needs a second written year.

Ranges built from two mentions
    "from X to/until/through Y", "between X and Y" and "X - Y" (a dash) join two mentions
    into one ``range`` when Y does not end before X starts.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

__all__ = ["DateMention", "find_dates"]


class DateMention(NamedTuple):
    """One date expression: its offsets, ISO value(s) and precision (a named tuple, not a
    frozen dataclass: 3x faster to make)."""

    start: int
    end: int
    value: str
    end_value: str | None
    precision: str
    inferred_year: bool = False
    year_source: int | None = None


# --- names -------------------------------------------------------------------------------

_ENGLISH = (
    "January February March April May June July August September October November December"
).split()
_CAPITALISED = (  # German, written with a capital
    "Januar Jänner",
    "Februar",
    "März Maerz",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)
_LOWER = (  # French; Russian nominative, genitive and prepositional
    "janvier январь января январе",
    "février fevrier февраль февраля феврале",
    "mars март марта марте",
    "avril апрель апреля апреле",
    "mai май мая мае",
    "juin июнь июня июне",
    "juillet июль июля июле",
    "août aout август августа августе",
    "septembre сентябрь сентября сентябре",
    "octobre октябрь октября октябре",
    "novembre ноябрь ноября ноябре",
    "décembre decembre декабрь декабря декабре",
)
_ABBREVIATIONS = "Jan Feb Mar Apr Jun Jul Aug Sep|Sept Oct Nov Dec".split()
_ABBREVIATION_MONTHS = (1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12)


def _month_names() -> tuple[dict[str, int], set[str], set[str]]:
    """Lower-cased name -> month, and the written forms of full names and abbreviations."""
    number: dict[str, int] = {}
    full: set[str] = set()
    for i, (english, german, other) in enumerate(zip(_ENGLISH, _CAPITALISED, _LOWER, strict=True)):
        for name in [english, *german.split()]:
            full |= {name, name.upper()}
            number[name.lower()] = i + 1
        for name in other.split():
            full |= {name, name[0].upper() + name[1:], name.upper()}
            number[name] = i + 1
    abbreviated: set[str] = set()
    for names, month in zip(_ABBREVIATIONS, _ABBREVIATION_MONTHS, strict=True):
        for name in names.split("|"):
            abbreviated |= {name, name.upper()}
            number[name.lower()] = month
    return number, full, abbreviated


_MONTH_NUMBER, _FULL, _ABBREVIATED = _month_names()


def _alternation(words: set[str]) -> str:
    """A regex alternation of ``words``, grouped by first letter, longest first."""
    by_first: dict[str, list[str]] = {}
    for word in sorted(words, key=lambda w: (-len(w), w)):
        by_first.setdefault(word[0], []).append(re.escape(word[1:]))
    return "|".join(f"{re.escape(c)}(?:{'|'.join(rest)})" for c, rest in by_first.items())


# --- the pattern -------------------------------------------------------------------------

_S0 = r"[^\S\n]*\n?[^\S\n]*"  # spaces, at most one line break
_S1 = r"(?:[^\S\n]+\n?|\n)[^\S\n]*"
_MON = rf"(?:{_alternation(_FULL)})\b|(?:{_alternation(_ABBREVIATED)})\b\.?"
_ENGLISH_FULL = frozenset({*_ENGLISH, *(m.upper() for m in _ENGLISH)})
_WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
_NUM_START = r"(?=\d)(?:(?<![\w.,/:#№$£€¥\-–—])|(?<=[^\W\d_][-–]))"
_TO = rf"(?:{_S0}[-–—]{_S0}|{_S1}(?:to|until|till|through){_S1})"
_OF = rf"(?:{_S1}of)?{_S1}"
_YEAR_RE = r"1[89]\d\d|20\d\d|2100"


def _mon(g: str) -> str:
    return rf"(?P<{g}>{_MON})"


def _day(g: str) -> str:
    return rf"(?P<{g}>3[01]|[12]\d|0?[1-9])(?!\d)(?:st|nd|rd|th|er)?"


def _year(g: str, years: str = r"1\d\d\d|20\d\d|2100") -> str:
    """A year, 1000-2100 by default: beside a day and a month no other number fits."""
    return rf"(?P<{g}>{years})(?!\d)"


def _opt_year(g: str) -> str:
    return rf"(?:,?{_S1}{_year(g)})?"


_DIGIT_FIRST = (
    # 13 September to 6 October 1957
    rf"(?P<A>{_day('a_d1')}\.?{_OF}{_mon('a_m1')}{_TO}{_day('a_d2')}\.?{_OF}{_mon('a_m2')}"
    rf"{_opt_year('a_y')})",
    # 14-23 November 1953
    rf"(?P<B>{_day('b_d1')}\.?{_TO}{_day('b_d2')}\.?{_OF}{_mon('b_m')}{_opt_year('b_y')})",
    # 27.7.1953
    rf"(?P<F>(?P<f_d>3[01]|[12]\d|0?[1-9])\.\s?(?P<f_m>1[0-2]|0?[1-9])\.\s?{_year('f_y')}"
    r"(?![.,]\d))",
    # 27 July 1953, 27th of July, 1953, 5 August
    rf"(?P<C>{_day('c_d')}\.?{_OF}{_mon('c_m')}{_opt_year('c_y')})",
    # 1953-07-27
    rf"(?P<E>{_year('e_y')}-(?P<e_m>0[1-9]|1[0-2])-(?P<e_d>0[1-9]|[12]\d|3[01])(?!\d))",
    # 1950s
    r"(?P<M>(?P<m_y>1[89]\d0|20\d0)(?:['’]?s| s)\b)",
    # 1953-1961, 1953–61, 1957/58
    rf"(?P<N>{_year('n_y1', _YEAR_RE)}\s?(?P<n_sep>[-–—/])\s?"
    rf"(?:(?P<n_y2>{_YEAR_RE})|(?P<n_yy>\d\d))(?!\d))",
    # 1957
    rf"(?P<O>{_year('o_y', _YEAR_RE)}(?![.,:]\d))",
)
_MONTH_FIRST = (  # what follows a month name
    # September 13 to October 6, 1957
    rf"(?P<P>{_S1}{_day('p_d1')}{_TO}{_mon('p_m2')}{_S1}{_day('p_d2')}{_opt_year('p_y')})",
    # November 14-23, 1953
    rf"(?P<Q>{_S1}{_day('q_d1')}{_TO}{_day('q_d2')}{_opt_year('q_y')})",
    # July 27, 1953; August 5
    rf"(?P<D>{_S1}{_day('d_d')}(?:(?:,\s*|{_S1}){_year('d_y')}|(?![.,]\d)))",
    # July-August 1953
    rf"(?P<G>(?:{_TO}|{_S0}/{_S0}){_mon('g_m2')},?{_OF}{_year('g_y', _YEAR_RE)})",
    # July 1953, July of 1953
    rf"(?P<H>,?{_OF}{_year('h_y', _YEAR_RE)})",
    # in September; the August Crisis of 1956
    rf"(?P<J>(?!{_S1}Day\b)(?=(?:{_S1}(?:[A-Z][\w-]*{_S1}){{1,3}}of{_S1}"
    rf"{_year('j_y', _YEAR_RE)})?))",
)
# Matches begin at a digit or a capital only (lower-case words are a regex engine's slow
# path); modifiers, seasons, "first half of" and weekdays are read back from the anchor.
_PATTERN = re.compile(
    r"\b(?=[\dA-ZÀ-ÖØ-ÞА-ЯЁ])(?:"
    rf"{_NUM_START}(?:{'|'.join(_DIGIT_FIRST)})"
    rf"|{_mon('mo')}(?:{'|'.join(_MONTH_FIRST)})"
    ")"
)


# Where a match can begin, found first: a digit or the capital of a month name at the start
# of a word, then the rest of that name. Every branch starts with a literal, so the engine
# scans for their first characters in C (a pattern starting with ``\b`` is tried at every
# position: 3x slower). Only there is the full pattern tried.
def _starts(names: set[str]) -> str:
    """Branches for a digit, or one of ``names`` that starts with a capital (by first letter)."""
    rest: dict[str, list[str]] = {digit: [""] for digit in "0123456789"}
    for name in sorted(names, key=lambda w: (-len(w), w)):
        if re.match("[A-ZÀ-ÖØ-ÞА-ЯЁ]", name):
            rest.setdefault(name[0], []).append(re.escape(name[1:]))
    return "|".join(rf"{re.escape(c)}(?<!\w.)(?:{'|'.join(r)})" for c, r in rest.items())


_ANCHOR = re.compile(_starts(_FULL | _ABBREVIATED))
_SP = r"[^\S\n]+"


def _mod(g: str) -> str:
    """early, mid, late; beginning, start, end, middle of (the)."""
    return (
        rf"(?P<{g}>(?:early|mid|late)(?:-|{_SP})"
        rf"|(?:beginning|start|end|middle){_SP}of{_SP}(?:the{_SP})?)"
    )


_MOD_BEFORE = re.compile(rf"\b{_mod('mod')}\Z", re.IGNORECASE)
_YEAR_BEFORE = re.compile(  # what may stand before a bare year or year range
    rf"\b(?:(?:{_mod('smod')}?(?P<season>spring|summer|autumn|fall|winter)(?:{_SP}of)?"
    rf"|(?P<ord>first|second|third|fourth|last|1st|2nd|3rd|4th){_SP}(?P<unit>half|quarter)"
    rf"{_SP}of(?:{_SP}the{_SP}year)?"
    rf"|(?P<month>(?-i:{_alternation(_FULL)}))(?:,?{_SP}of|,)?){_SP}|{_mod('mod')})\Z",
    re.IGNORECASE,
)
# The last word (lowercased) of any match of _YEAR_BEFORE, for a quick test before it.
_YEAR_BEFORE_LAST = tuple(
    {"spring", "summer", "autumn", "fall", "winter", "of", "year", "the"}
    | {f"{m}{end}" for m in ("early", "mid", "late") for end in ("", "-")}
    | {f"{name.lower()}{end}" for name in _FULL for end in ("", ",")}
)
_WEEKDAY_BEFORE = re.compile(rf"\b(?:{'|'.join(_WEEKDAYS)}),?{_SP}\Z", re.IGNORECASE)
_MONTH_KINDS = frozenset("PQDGHJ")
_BARE_NUMBERS = frozenset("NO")  # a bare year or year range: check units and currencies
_CUE = re.compile(
    r"\b(?P<cue>in|on|by|from|until|till|to|since|during|before|after|through|throughout|"
    r"around|about|between|of|last|next|this|and|or)[^\S\n]+(?:the[^\S\n]+)?\Z",
    re.IGNORECASE,
)
_MAY_CUES = frozenset("in by from until of since".split())
_NOT_BEFORE = re.compile(
    r"(?:\b(?i:pp?|pg|pages?|ff?|fols?|ll?|op|nos?|nr|numbers?|vols?|volumes?|ch|chap|"
    r"chapters?|sec|sections?|parts?|para|articles?|lessons?|tables?|fig|figures?|doc|box|"
    r"folder|file|reel|frame|item|aged?|age\s+of)\.?"
    r"|[#№§$£€¥₽]|\b(?:US\$|USD|RMB|CNY|SUR|DM))\s*\Z"
)
_UNIT_AFTER = re.compile(  # a number, not a year, whatever stands before it
    r"\s*(?:%|[ap]\.m\.|(?i:per\s*cent|percent|tons?|tonnes?|t|kg|kilograms?|km|kilomet(?:er|re)s?|"
    r"miles?|met(?:er|re)s?|m|hectares?|ha|acres?|feet|ft|barrels?|rubles?|roubles?|yuan|yen|"
    r"dollars?|pounds?|francs?|million|billion|thousand|hundred|units|pieces|copies|pages|"
    r"tractors|trucks|vehicles|cars|locomotives|wagons|hours?|hrs?|h|Z|GMT|UTC)\b)"
)
_PEOPLE_AFTER = re.compile(  # a count unless a preposition makes it a year ("in 1957 troops")
    r"\s*(?i:men|people|persons|troops|soldiers|workers|students|families|households)\b"
)
_PARAGRAPH = re.compile(r"\n\s*\n")
_COORDINATION = re.compile(r"\s*(?:,|/|&|,?\s*and|,?\s*or|[-–—]|to|until|till|through)\s*")
_DASH = re.compile(r"\s*[-–—]\s*")
_FROM_TO = re.compile(r"\s+(?i:to|until|till|through)\s+")
_AND = re.compile(r"\s+(?i:and)\s+")

# --- values ------------------------------------------------------------------------------

_Point = tuple[int, int | None, int | None]  # (years after ``base``, month, day)
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11)}
_PARTS = {"half": ((1, 6), (7, 12)), "quarter": ((1, 3), (4, 6), (7, 9), (10, 12))}
_ORDINALS = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2}
_ORDINALS |= {"fourth": 3, "4th": 3, "last": -1}
_DECADE_PARTS = {None: (0, 9), "early": (0, 3), "mid": (4, 6), "late": (7, 9)}


class _Value(NamedTuple):
    precision: str
    lo: _Point
    hi: _Point | None
    base: int | None  # the year of ``lo``; None while unwritten


def _month(name: str) -> int:
    return _MONTH_NUMBER[name.rstrip(".").lower()]


def _days(y: str | None, m1: str, d1: str, m2: str | None = None, d2: str | None = None) -> _Value:
    """A day, or days from (m1, d1) to (m2, d2), the last in year ``y``."""
    lo = (0, _month(m1), int(d1))
    if m2 is None or d2 is None:
        return _Value("day", lo, None, int(y) if y else None)
    end = (_month(m2), int(d2))
    shift = 1 if end < lo[1:] else 0
    return _Value("range", lo, (shift, *end), int(y) - shift if y else None)


def _a(m: re.Match[str]) -> _Value | None:
    return _days(m["a_y"], m["a_m1"], m["a_d1"], m["a_m2"], m["a_d2"])


def _p(m: re.Match[str]) -> _Value | None:
    return _days(m["p_y"], m["mo"], m["p_d1"], m["p_m2"], m["p_d2"])


def _b(m: re.Match[str]) -> _Value | None:
    if int(m["b_d2"]) <= int(m["b_d1"]):
        return None
    return _days(m["b_y"], m["b_m"], m["b_d1"], m["b_m"], m["b_d2"])


def _q(m: re.Match[str]) -> _Value | None:
    if int(m["q_d2"]) <= int(m["q_d1"]):
        return None
    return _days(m["q_y"], m["mo"], m["q_d1"], m["mo"], m["q_d2"])


def _c(m: re.Match[str]) -> _Value | None:
    return _days(m["c_y"], m["c_m"], m["c_d"])


def _d(m: re.Match[str]) -> _Value | None:
    return _days(m["d_y"], m["mo"], m["d_d"])


def _e(m: re.Match[str]) -> _Value | None:
    return _Value("day", (0, int(m["e_m"]), int(m["e_d"])), None, int(m["e_y"]))


def _f(m: re.Match[str]) -> _Value | None:
    return _Value("day", (0, int(m["f_m"]), int(m["f_d"])), None, int(m["f_y"]))


def _g(m: re.Match[str]) -> _Value | None:
    m1, m2 = _month(m["mo"]), _month(m["g_m2"])
    if m1 == m2:
        return None
    shift = 1 if m2 < m1 else 0
    return _Value("range", (0, m1, None), (shift, m2, None), int(m["g_y"]) - shift)


def _h(m: re.Match[str]) -> _Value | None:
    return _Value("month", (0, _month(m["mo"]), None), None, int(m["h_y"]))


def _j(m: re.Match[str]) -> _Value | None:
    if m["mo"] not in _ENGLISH_FULL:
        return None
    base = int(m["j_y"]) if m["j_y"] else None  # "the August Crisis of 1956"
    return _Value("month", (0, _month(m["mo"]), None), None, base)


def _m(m: re.Match[str]) -> _Value | None:
    return _Value("decade", (0, None, None), (9, None, None), int(m["m_y"]))


def _n(m: re.Match[str]) -> _Value | None:
    y = int(m["n_y1"])
    y2 = int(m["n_y2"]) if m["n_y2"] else y // 100 * 100 + int(m["n_yy"])
    if y2 > y:
        return _Value("range", (0, None, None), (y2 - y, None, None), y)
    if m["n_sep"] == "-" and m["n_yy"] and 1 <= int(m["n_yy"]) <= 12:
        return _Value("month", (0, int(m["n_yy"]), None), None, y)  # ISO 1953-07
    return None


def _o(m: re.Match[str]) -> _Value | None:
    return _Value("year", (0, None, None), None, int(m["o_y"]))


_HANDLERS: dict[str, Callable[[re.Match[str]], _Value | None]] = {
    "A": _a,
    "B": _b,
    "C": _c,
    "D": _d,
    "E": _e,
    "F": _f,
    "G": _g,
    "H": _h,
    "J": _j,
    "M": _m,
    "N": _n,
    "O": _o,
    "P": _p,
    "Q": _q,
}


def _modifier(s: str | None) -> str | None:
    """early, mid or late from a modifier as written."""
    if not s:
        return None
    s = s.lower()
    if s.startswith(("early", "beginning", "start")):
        return "early"
    return "mid" if s.startswith("mid") else "late"


def _season(lb: re.Match[str], value: _Value) -> _Value | None:
    """A season ("spring 1956", "winter 1950-51"), beginning in the (first) year."""
    season = lb["season"].lower()
    years = value.hi[0] if value.hi else None  # "winter 1950-51": 1
    if season == "winter":
        if years == 0:
            return None
        return _Value("season", (0, 12, None), (years or 1, 2, None), value.base)
    first, last = _SEASONS[season]
    return _Value("season", (0, first, None), (years or 0, last, None), value.base)


def _part(lb: re.Match[str], value: _Value) -> _Value | None:
    """A part of a year: "first half of 1957", "third quarter of 1957"."""
    parts = _PARTS[lb["unit"].lower()]
    index = _ORDINALS[lb["ord"].lower()]
    if index >= len(parts):
        return None
    first, last = parts[index]
    return _Value("range", (0, first, None), (0, last, None), value.base)


def _before_year(kind: str, value: _Value, before: str) -> tuple[_Value, int]:
    """A season, part of a year, month name or modifier before a bare year: value, length."""
    if before.isascii() and not before.rstrip().lower().endswith(_YEAR_BEFORE_LAST):
        return value, 0  # no match can end here (most years: "in 1957"); ASCII: no odd cases
    lb = _YEAR_BEFORE.search(before)
    if lb is None:
        return value, 0
    new: _Value | None = None
    if lb["season"]:
        new = _season(lb, value)
    elif kind == "O" and lb["ord"]:
        new = _part(lb, value)
    elif kind == "O" and lb["month"]:
        new = _Value("month", (0, _month(lb["month"]), None), None, value.base)
    elif kind == "O" and lb["mod"]:
        new = value
    return (value, 0) if new is None else (new, len(before) - lb.start())


def _extend(kind: str, value: _Value, before: str) -> tuple[_Value, int, bool]:
    """What ``before`` adds to a mention: value, characters taken, whether a modifier."""
    if kind in _BARE_NUMBERS:
        value, length = _before_year(kind, value, before)
        return value, length, False
    if kind in "CD":
        lb = _WEEKDAY_BEFORE.search(before)
        return value, len(before) - lb.start() if lb else 0, False
    if kind not in "GHJM" or (lb := _MOD_BEFORE.search(before)) is None:
        return value, 0, False
    if kind == "M":
        a, b = _DECADE_PARTS[_modifier(lb["mod"])]
        assert value.base is not None
        value = _Value("decade", (0, None, None), (b - a, None, None), value.base + a)
    return value, len(before) - lb.start(), True


# --- candidates --------------------------------------------------------------------------


@dataclass(slots=True)
class _Raw:
    """A mention before its year is resolved."""

    start: int
    end: int
    precision: str
    lo: _Point
    hi: _Point | None
    base: int | None  # the year of ``lo``; None while unwritten
    cue: str = ""
    cue_start: int = -1
    inferred: bool = False
    source: int | None = None

    def last(self) -> _Point:
        return self.hi or self.lo


def _candidate(m: re.Match[str], text: str) -> _Raw | None:
    """The mention ``m`` found, or None when a local rule says it is no date."""
    kind = m.lastgroup or ""
    value = _HANDLERS[kind](m)
    if value is None:
        return None
    start, end = m.start("mo" if kind in _MONTH_KINDS else kind), m.end(kind)
    if text[start].isdigit() and _NOT_BEFORE.search(text[max(0, start - 12) : start]):
        return None
    if kind in _BARE_NUMBERS and _UNIT_AFTER.match(text, end):
        return None
    value, length, modified = _extend(kind, value, text[max(0, start - 40) : start])
    start -= length
    raw = _Raw(start, end, *value)
    before = text[max(0, start - 20) : start]
    if cue := _CUE.search(before):
        raw.cue, raw.cue_start = cue["cue"].lower(), start - len(before) + cue.start("cue")
    if kind == "J" and not _month_alone(m, raw, modified):
        return None
    if kind in _BARE_NUMBERS and not raw.cue and _PEOPLE_AFTER.match(text, end):
        return None
    return raw


def _month_alone(m: re.Match[str], raw: _Raw, modified: bool) -> bool:
    """Whether a month name without day or year is a date ("in September", "early May")."""
    if m["j_y"]:
        raw.inferred, raw.source = True, m.start("j_y")
        return True
    if modified:
        return True
    return raw.cue in _MAY_CUES if m["mo"].lower() == "may" else bool(raw.cue)


def _scan(text: str) -> Iterator[_Raw]:
    """Every candidate in order; after a rejected match, look again inside it."""
    pos = 0
    for anchor in _ANCHOR.finditer(text):
        if anchor.start() < pos or not (m := _PATTERN.match(text, anchor.start())):
            continue
        raw = _candidate(m, text)
        if raw is None:
            pos = m.start() + 1
        else:
            pos = m.end()
            yield raw


# --- years -------------------------------------------------------------------------------


def _absolute(raw: _Raw, point: _Point) -> tuple[int, int, int]:
    """A point as a sortable (year, month, day); unknown month and day as 0."""
    return ((raw.base or 0) + point[0], point[1] or 0, point[2] or 0)


def _coordinate(raws: list[_Raw], text: str) -> None:
    """Give a yearless mention the written year of the mention coordinated right after it."""
    for raw, after in zip(raws, raws[1:], strict=False):
        if raw.base is not None or after.base is None or after.inferred:
            continue
        if not _COORDINATION.fullmatch(text, raw.end, after.start):
            continue
        year = after.base + after.lo[0]
        _, month, day = raw.last()
        if after.lo[1] is not None and (month or 0, day or 0) > (after.lo[1], after.lo[2] or 0):
            year -= 1
        raw.base = year - raw.last()[0]
        raw.inferred, raw.source = True, after.start


class _Paragraphs:
    """Which paragraph an offset is in."""

    def __init__(self, text: str, spans: Sequence[tuple[int, int]] | None) -> None:
        if spans is None:
            bounds = [0, *(i for m in _PARAGRAPH.finditer(text) for i in m.span()), len(text)]
            spans = list(zip(bounds[::2], bounds[1::2], strict=True))
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]

    def index(self, offset: int) -> int | None:
        i = bisect.bisect_right(self.starts, offset) - 1
        return i if i >= 0 and offset < self.ends[i] else None


# A year alone after these words is an aside, not the time the narrative has reached:
# "By the end of 1954 the total was...", "the Geneva Conference of 1954".
_ASIDE_CUES = frozenset("by until till since before of".split())


def _is_context(raw: _Raw) -> bool:
    """Whether ``raw`` can lend its year: written, within one year, and not an aside."""
    return (
        raw.base is not None
        and not raw.inferred
        and raw.precision != "decade"
        and (raw.hi is None or raw.hi[0] == 0)
        and not (raw.cue in _ASIDE_CUES and raw.last()[1] is None)
    )


def _resolve(raws: list[_Raw], paragraphs: _Paragraphs, default_year: int | None) -> list[_Raw]:
    """Give every yearless mention a year from its context; drop those that find none."""
    out, context = [], None
    for raw in raws:
        if raw.base is None:
            if context is not None and context.base is not None:
                raw.base, raw.source = context.base, context.start
                if _rolls(raw, context, paragraphs):
                    raw.base += 1
            elif default_year is not None:
                raw.base, raw.source = default_year, -1
            else:
                continue
            raw.inferred = True
        elif _is_context(raw):
            context = raw
        out.append(raw)
    return out


def _rolls(raw: _Raw, context: _Raw, paragraphs: _Paragraphs) -> bool:
    """Whether the narrative has passed a new year: an earlier month after a dated one."""
    month = context.last()[1]
    if month is None or context.precision == "season" or raw.lo[1] is None:
        return False
    same = paragraphs.index(raw.start)
    return same is not None and same == paragraphs.index(context.start) and raw.lo[1] < month


def _joins(a: _Raw, b: _Raw, text: str) -> bool:
    """Whether ``a`` and ``b`` are the two ends of one range."""
    if a.base is None or b.base is None:
        return False
    gap = (text, a.end, b.start)
    if not (
        _DASH.fullmatch(*gap)
        or (a.cue == "from" and _FROM_TO.fullmatch(*gap))
        or (a.cue == "between" and _AND.fullmatch(*gap))
    ):
        return False
    return _absolute(a, a.lo) <= _absolute(b, b.last())


def _join(a: _Raw, b: _Raw) -> _Raw:
    """One range from ``a`` to ``b``, starting at "from"/"between" when written."""
    assert a.base is not None and b.base is not None
    last = b.last()
    hi = (b.base + last[0] - a.base, last[1], last[2])
    start = a.cue_start if a.cue in ("from", "between") else a.start
    inferred = a.inferred and a.source != b.start  # not when its year is b's
    source = a.source if inferred else None
    return _Raw(start, b.end, "range", a.lo, hi, a.base, a.cue, a.cue_start, inferred, source)


def _merge(raws: list[_Raw], text: str) -> tuple[list[_Raw], dict[int, int]]:
    """Join "from X to Y", "between X and Y" and "X - Y"; old start -> new start."""
    out: list[_Raw] = []
    moved: dict[int, int] = {}
    i = 0
    while i < len(raws):
        if i + 1 < len(raws) and _joins(raws[i], raws[i + 1], text):
            out.append(_join(raws[i], raws[i + 1]))
            moved[raws[i].start] = moved[raws[i + 1].start] = out[-1].start
            i += 2
        else:
            out.append(raws[i])
            i += 1
    return out, moved


# --- output ------------------------------------------------------------------------------


def _iso(year: int, month: int | None, day: int | None) -> str | None:
    """ISO 8601 at the precision given, or None for an impossible day."""
    if day is not None and month is not None:
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            return None
    return f"{year:04d}" if month is None else f"{year:04d}-{month:02d}"


def _mention(raw: _Raw, moved: dict[int, int]) -> DateMention | None:
    base = raw.base or 0
    value = _iso(base + raw.lo[0], raw.lo[1], raw.lo[2])
    end = _iso(base + raw.hi[0], raw.hi[1], raw.hi[2]) if raw.hi else None
    if value is None or (raw.hi and end is None):
        return None
    source = moved.get(raw.source, raw.source) if raw.source is not None else None
    return DateMention(raw.start, raw.end, value, end, raw.precision, raw.inferred, source)


def find_dates(
    text: str,
    *,
    default_year: int | None = None,
    paragraphs: Sequence[tuple[int, int]] | None = None,
) -> list[DateMention]:
    """Every date expression in ``text``, with its precision and any year taken from context.

    ``paragraphs`` are (start, end) spans in order (default: split at blank lines);
    ``default_year`` (e.g. the document's date) dates what no written year precedes.
    """
    raws = list(_scan(text))
    _coordinate(raws, text)
    raws = _resolve(raws, _Paragraphs(text, paragraphs), default_year)
    raws, moved = _merge(raws, text)
    return [d for raw in raws if (d := _mention(raw, moved)) is not None]

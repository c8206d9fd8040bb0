"""Money: an amount (``numbers``) with a currency written before it (``USD 400 million``,
``$12.5 million``) or after it (``800 million Chinese yuan``, ``one billion rubles``).

Currencies and their names come from ``fonds/data/currencies.csv``. A bare ``won`` is
North Korean unless the text speaks more of South Korea; bare ``marks`` are East German
when the text speaks of the GDR. An amount in parentheses right after another
(``one billion rubles (USD 250 million)``) restates it: it is kept as its own amount and
linked to the one it restates. Pure: a function of the text.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from fonds.extract.figures.numbers import Number, find_numbers

_ADJECTIVES = (
    r"(?:(?:Chinese|Soviet|Russian|Korean|North\s+Korean|South\s+Korean|old|new|gold|"
    r"foreign|hard|convertible|clearing|transferable|East\s+German|Hungarian|Polish|US|U\.S\.)\s+)*"
)
_EQUIVALENT = re.compile(
    r"\s*\(\s*(?:or|about|approximately|roughly|some|i\.e\.,?|equal\s+to|equivalent\s+to|then\s+worth)?\s*"
)
_NORTH = re.compile(r"North Korea|DPRK|Pyongyang|P'yŏngyang|Pyeongyang|KWP", re.IGNORECASE)
_SOUTH = re.compile(r"South Korea|ROK|Republic of Korea|Seoul", re.IGNORECASE)
_GDR = re.compile(r"GDR|East German|DDR|German Democratic Republic", re.IGNORECASE)


# Larger amounts are misreadings, not money: even the hyperinflated currencies of the period
# stay below this (the Hungarian pengő's 1946 notes ran to 10^20, but no budget is stated so).
MAX_AMOUNT = 1e18


@dataclass(frozen=True, slots=True)
class Money:
    """An amount of money at ``text[start:end]`` (currency words included)."""

    start: int
    end: int
    amount: float
    currency: str
    high: float | None = None
    qualifier: str | None = None
    restates: int | None = None  # index of the amount this one restates in parentheses


@cache
def _lexicon() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    text = (resources.files("fonds") / "data" / "currencies.csv").read_text(encoding="utf-8")
    codes: dict[str, str] = {}
    for row in csv.DictReader(text.splitlines()):
        for alias in row["aliases"].split("|"):
            codes[alias.casefold()] = row["code"]
    codes.update({"won": "WON", "mark": "MARK", "marks": "MARK"})
    names = sorted(codes, key=len, reverse=True)
    words = "|".join(re.escape(n) for n in names if n[-1].isalnum())
    after = re.compile(rf"\s*{_ADJECTIVES}(?P<cur>{words})(?![\w])", re.IGNORECASE)
    signs = "|".join(re.escape(n) for n in names if len(n) <= 4 or not n[-1].isalnum())
    before = re.compile(rf"(?<![\w])(?P<cur>{signs})\s?$", re.IGNORECASE)
    return after, before, codes


class _Reading:
    """Which won and which mark a text means, read from the whole text once, on first need."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.codes: dict[str, str] = {}

    def code(self, code: str) -> str:
        if code not in ("WON", "MARK"):
            return code
        if code not in self.codes:
            if code == "WON":
                south = len(_SOUTH.findall(self.text)) > len(_NORTH.findall(self.text))
                self.codes[code] = "KRW" if south else "KPW"
            else:
                self.codes[code] = "DDM" if _GDR.search(self.text) else "DEM"
        return self.codes[code]


def find_money(text: str, numbers: list[Number] | None = None) -> list[Money]:
    """Every amount of money in ``text``, in order."""
    after, before, codes = _lexicon()
    reading = _Reading(text)
    out: list[Money] = []
    for n in numbers if numbers is not None else find_numbers(text):
        if n.fraction:
            continue
        start, end, code = n.start, n.end, None
        if m := before.search(text, max(0, n.start - 8), n.start):
            if not (m.group("cur").isalpha() and m.group("cur").islower()):
                start, code = m.start("cur"), codes[m.group("cur").casefold()]
        if code is None and (m := after.match(text, n.end)) and not n.year_like:
            end, code = m.end("cur"), codes[m.group("cur").casefold()]
        if code is None or (n.high or n.value) > MAX_AMOUNT:
            continue
        out.append(Money(start, end, n.value, reading.code(code), n.high, n.qualifier))
    return _link_equivalents(text, out)


def _link_equivalents(text: str, found: list[Money]) -> list[Money]:
    """Mark an amount in parentheses right after another as restating it."""
    out: list[Money] = []
    for i, m in enumerate(found):
        prev = out[-1] if out else None
        if prev is not None and (gap := _EQUIVALENT.match(text, prev.end)) and gap.end() == m.start:
            close = text.find(")", m.end)
            if close != -1 and close - m.end < 40:
                m = Money(m.start, m.end, m.amount, m.currency, m.high, m.qualifier, i - 1)
        out.append(m)
    return out

"""Quantities of goods and people (``449,000 tons of grain``, ``600,000 pairs of shoes``,
``thirty-four divisions``, ``22,735 Korean child refugees``) with their unit normalized by
pint and the commodity named; percentages with what they are a share of (``31.6 percent
of North Korea's budget``). Pure: functions of the text and its numbers.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from fonds.extract.figures.numbers import Number

# Unit words and the pint unit they mean ("tons" in this literature are metric tons).
UNITS = {
    "ton": "metric_ton",
    "tons": "metric_ton",
    "tonne": "metric_ton",
    "tonnes": "metric_ton",
    "metric ton": "metric_ton",
    "metric tons": "metric_ton",
    "kilogram": "kilogram",
    "kilograms": "kilogram",
    "kg": "kilogram",
    "meter": "meter",
    "meters": "meter",
    "metre": "meter",
    "metres": "meter",
    "square meters": "meter**2",
    "square metres": "meter**2",
    "kilometers": "kilometer",
    "kilometres": "kilometer",
    "km": "kilometer",
    "hectares": "hectare",
    "liters": "liter",
    "litres": "liter",
    "barrels": "barrel",
    "cubic meters": "meter**3",
    "kilowatts": "kilowatt",
    "kilowatt-hours": "kilowatt_hour",
}
_BASE = {"metric_ton": "kilogram", "kilometer": "meter", "hectare": "meter**2"}
_UNIT = re.compile(
    r"\s+(?P<unit>" + "|".join(sorted(map(re.escape, UNITS), key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)
_PERCENT = re.compile(r"\s*(?:percent|per\s+cent|%|pct\.?)", re.IGNORECASE)
_OF = re.compile(
    r"\s+of\s+(?P<what>(?:the\s+)?[\w'’\-]+(?:\s+(?!(?:in|to|for|from|by|and|was|were|is|which|that|during)\b)[\w'’\-]+){0,5})"
)
_NOUNS = re.compile(
    r"\s+(?P<what>(?:[\w'’\-]+\s+){0,3}?(?:[a-z][\w'’\-]*s|people|personnel|cattle|livestock|equipment|cloth|machinery|head))\b"
)
_STOP = re.compile(
    r"\b(?:in|of|to|for|from|by|and|or|was|were|is|are|had|has|which|that|the|a|an|per|percent|years?|months?|days?|times)\b",
    re.IGNORECASE,
)
_REFERENCE = re.compile(
    r"(?:\b(?:pp?|f|op|d|l|ll|no|nos|vol|box|fond|delo|list)\.?|#)\s*$", re.IGNORECASE
)
_TIME = re.compile(r"^(?:years?|months?|weeks?|days?|hours?|times|percent|per|o'clock)\b", re.I)


@dataclass(frozen=True, slots=True)
class Quantity:
    """``value`` of ``unit`` (``count`` for things counted) of ``what``, at text[start:end]."""

    start: int
    end: int
    value: float
    unit: str
    what: str | None
    high: float | None = None
    qualifier: str | None = None
    base: dict[str, Any] | None = None  # {"value": ..., "unit": ...} in SI base units


@dataclass(frozen=True, slots=True)
class Percent:
    start: int
    end: int
    value: float
    of: str | None
    high: float | None = None
    qualifier: str | None = None


def is_reference(text: str, n: Number) -> bool:
    """A page, folio, file or volume number (``pp. 164-67``, ``f. 0102``), not a figure."""
    return bool(_REFERENCE.search(text, max(0, n.start - 8), n.start))


def find_percents(text: str, numbers: list[Number]) -> list[Percent]:
    out = []
    for n in numbers:
        if n.fraction:
            of = _OF.match(text, n.end)
            if n.qualifier or of:  # "nearly half of the budget"
                out.append(Percent(n.start, n.end, n.value * 100, _what(of), None, n.qualifier))
            continue
        m = _PERCENT.match(text, n.end)
        if m is None or is_reference(text, n):
            continue
        of = _OF.match(text, m.end())
        out.append(Percent(n.start, m.end(), n.value, _what(of), n.high, n.qualifier))
    return out


def find_quantities(
    text: str, numbers: list[Number], taken: list[tuple[int, int]]
) -> list[Quantity]:
    """Quantities among ``numbers`` not already ``taken`` (by money, percentages, dates)."""
    out = []
    starts, ends = _intervals(taken)
    for n in numbers:
        if n.fraction or n.year_like or _inside(n, starts, ends) or is_reference(text, n):
            continue
        if unit := _UNIT.match(text, n.end):
            of = _OF.match(text, unit.end())
            pint_unit = UNITS[unit.group("unit").lower()]
            out.append(
                Quantity(
                    n.start,
                    unit.end(),
                    n.value,
                    pint_unit,
                    _what(of),
                    n.high,
                    n.qualifier,
                    _base(n.value, pint_unit),
                )
            )
            continue
        rest = text[n.end : n.end + 60]
        if _TIME.match(rest.lstrip()):
            continue
        if (nouns := _NOUNS.match(text, n.end)) and not _STOP.search(nouns.group("what")):
            what = nouns.group("what")
            pairs = re.match(r"(pairs|sets|head|units|pieces|sheets)\s*$", what)
            of = _OF.match(text, nouns.end()) if pairs else None
            label = f"{what} of {_what(of)}" if of else what
            out.append(Quantity(n.start, nouns.end(), n.value, "count", label, n.high, n.qualifier))
    return out


def _intervals(taken: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Starts and running maximum ends of the spans, sorted by start (for ``_inside``)."""
    spans = sorted(taken)
    ends, reach = [], -1
    for _, e in spans:
        reach = max(reach, e)
        ends.append(reach)
    return [s for s, _ in spans], ends


def _inside(n: Number, starts: list[int], ends: list[int]) -> bool:
    """Whether ``n`` overlaps a taken span."""
    i = bisect.bisect_left(starts, n.end) - 1
    return i >= 0 and ends[i] > n.start


def _what(m: re.Match[str] | None) -> str | None:
    if m is None:
        return None
    return re.sub(r"^the\s+", "", m.group("what")).strip(" ,.;")


@cache
def _registry() -> Any:
    import pint

    return pint.UnitRegistry()


def _base(value: float, unit: str) -> dict[str, Any] | None:
    """``value`` in SI units via pint (tons to kilograms, kilometers to meters...)."""
    target = _BASE.get(unit)
    if target is None:
        return None
    q = _registry().Quantity(value, unit).to(target)
    return {"value": float(q.magnitude), "unit": target}

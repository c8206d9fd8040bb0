"""Period exchange rates to the US dollar (``fonds/data/rates.csv``, every row with its
source) and rates a document states itself ("4 rubles equaled USD 1")."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

_KIND_ORDER = {"official": 0, "market": 1, "commercial": 2, "noncommercial": 3}


@dataclass(frozen=True, slots=True)
class Rate:
    """Units of ``currency`` per US dollar from ``start`` to ``end`` (ISO dates or years)."""

    currency: str
    start: str
    end: str
    per_usd: float
    kind: str
    source: str

    def days_in(self, year: int) -> int:
        """How much of ``year`` the rate held (days, roughly)."""
        lo = max(_day(self.start, upper=False), year * 400)
        hi = min(_day(self.end, upper=True), year * 400 + 399)
        return max(0, hi - lo)


def _day(date: str, *, upper: bool) -> int:
    """A sortable day number: year*400 + month*32 + day (``1950`` -> start or end of 1950)."""
    parts = [int(p) for p in date.split("-")]
    year = parts[0]
    month = parts[1] if len(parts) > 1 else (12 if upper else 1)
    day = parts[2] if len(parts) > 2 else (31 if upper else 1)
    return year * 400 + month * 32 + day


@cache
def table() -> tuple[Rate, ...]:
    """Every row of the rates table."""
    text = (resources.files("fonds") / "data" / "rates.csv").read_text(encoding="utf-8")
    return tuple(
        Rate(r["currency"], r["from"], r["to"], float(r["per_usd"]), r["kind"], r["source"])
        for r in csv.DictReader(text.splitlines())
    )


@cache
def for_year(currency: str, year: int) -> Rate | None:
    """The rate for ``currency`` in ``year``: official before market before others, and of
    those the one that held longest that year."""
    held = [r for r in table() if r.currency == currency and r.days_in(year) > 0]
    if not held:
        return None
    return min(held, key=lambda r: (_KIND_ORDER.get(r.kind, 9), -r.days_in(year)))

"""Figures that disagree: two sources (or one source twice) reporting the same measure
with different values, and stated dollar equivalents that imply exchange rates far from
the others for that year.

"The same measure" is read from what fonds knows of each figure: the same kind, the same
subject (damage, aid, budget...), for money the same currency, for a percentage the same
thing it is a share of, years no more than ``YEARS_APART`` apart (or unknown), and values
close enough to be rival reports of one number (within ``NEAR``) yet not equal. Figures
further apart are taken to measure different things, and so are figures one sentence
gives together, figures from different donors, and one document's figures for different
years. Pure: a function of fact rows as
``Store.facts`` returns them.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from typing import Any

from fonds.extract.figures import context, rates

NEAR = 0.25  # rival reports differ by less than a quarter
SAME = 0.005  # and by more than half a percent
YEARS_APART = 2
RATE_OFF = 0.15  # an implied rate this far from its year's others is flagged
_HEAD = re.compile(r"[A-Za-z]+")
_SMALL = {"the", "a", "an", "of", "its", "their", "his", "her", "s", "total", "all", "annual"}


def find(facts: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Conflict groups, the widest disagreement first: ``kind`` (``figures`` or
    ``exchange rate``), ``measure``, and ``facts`` (each value with its span and source)."""
    out = _figures([f for f in facts if f["kind"] in ("money", "percent", "quantity")])
    out += _rates([f for f in facts if f["kind"] == "money"])
    return sorted(out, key=lambda g: -g["spread"])


def _measure(f: dict[str, Any]) -> tuple[str, ...] | None:
    v = f["value"]
    if f.get("subject") is None or v.get("restates") is not None:
        return None
    if f["kind"] == "money":
        return ("money", f["subject"], v["currency"])
    if f["kind"] == "percent":
        return ("percent", f["subject"], _head(v.get("of")))
    if v.get("unit") in (None, "count"):
        return None
    return ("quantity", f["subject"], v["unit"], _head(v.get("what")))


def _head(phrase: str | None) -> str:
    """The last significant word of ``of``/``what`` (``North Korea's budget`` -> budget)."""
    words = [w.lower() for w in _HEAD.findall(phrase or "") if w.lower() not in _SMALL]
    return words[-1] if words else ""


def _number(f: dict[str, Any]) -> float:
    v = f["value"]
    return float(v["amount"] if f["kind"] == "money" else v["value"])


def _figures(facts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    by_measure: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for f in facts:
        if (m := _measure(f)) is not None:
            by_measure.setdefault(m, []).append(f)
    out = []
    for measure, group in by_measure.items():
        used: set[int] = set()
        for i, a in enumerate(group):
            if i in used:
                continue
            rivals = [a]
            for j in range(i + 1, len(group)):
                b = group[j]
                if j not in used and _rival(a, b) and all(_rival(r, b) for r in rivals):
                    rivals.append(b)
                    used.add(j)
            if len(rivals) > 1:
                used.add(i)
                values = [_number(f) for f in rivals]
                out.append(
                    {
                        "kind": "figures",
                        "measure": " / ".join(p for p in measure if p),
                        "spread": (max(values) - min(values)) / max(values),
                        "facts": [_cite(f) for f in rivals],
                    }
                )
    return out


def _rival(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two figures of one measure are rival reports of one number. Not when one
    sentence gives both (a breakdown: "one-third from the USSR, 29.4 percent from
    China"), when they name different donors, or when one document gives them for
    different years (a series: "USD 115.84 million in 1959 ... USD 120.37 million in 1960")."""
    same_doc = a["document"] == b["document"] and a["note"] == b["note"]
    if same_doc and a["value"].get("sentence") == b["value"].get("sentence"):
        return False
    da, db = a["value"].get("donor"), b["value"].get("donor")
    if da and db and da != db:
        return False
    ya, yb = a["value"].get("year"), b["value"].get("year")
    dated = a.get("subject") not in context.undated_subjects()
    apart = YEARS_APART if not same_doc else 0
    if dated and ya is not None and yb is not None and abs(ya - yb) > apart:
        return False
    x, y = _number(a), _number(b)
    if x <= 0 or y <= 0:
        return False
    gap = abs(x - y) / max(x, y)
    return SAME < gap < NEAR


def _rates(money: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Stated equivalents (``800 million yuan (USD 400 million)``) whose implied rate is far
    from the other stated rates of that currency and year, or from the table's."""
    implied: dict[tuple[str, int], list[tuple[float, dict[str, Any]]]] = {}
    for f in money:
        v = f["value"]
        if v.get("stated_usd") and v.get("year") and v["currency"] != "USD":
            implied.setdefault((v["currency"], v["year"]), []).append(
                (v["amount"] / v["stated_usd"], f)
            )
    out = []
    for (currency, year), found in implied.items():
        row = rates.for_year(currency, year)
        typical = (
            statistics.median(r for r, _ in found)
            if len(found) > 2
            else (row.per_usd if row else None)
        )
        if typical is None:
            continue
        odd = [(r, f) for r, f in found if abs(r - typical) / typical > RATE_OFF]
        if not odd:
            continue
        others = [(r, f) for r, f in found if (r, f) not in odd]
        facts = [{**_cite(f), "implied_per_usd": round(r, 4)} for r, f in odd + others]
        out.append(
            {
                "kind": "exchange rate",
                "measure": f"{currency} per USD in {year}",
                "typical_per_usd": round(typical, 4),
                "table_per_usd": row.per_usd if row else None,
                "table_source": row.source if row else None,
                "spread": max(abs(r - typical) / typical for r, _ in odd),
                "facts": facts,
            }
        )
    return out


def _cite(f: dict[str, Any]) -> dict[str, Any]:
    """A figure as the evidence of a conflict: value, span, sentence and source."""
    v = f["value"]
    return {
        "document": f["document"],
        "title": f["title"],
        "note": f["note"],
        "start": f["start"],
        "end": f["end"],
        "surface": f["surface"],
        "value": _number(f),
        "year": v.get("year"),
        "sentence": f.get("sentence"),
    }

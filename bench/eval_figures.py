#!/usr/bin/env python3
"""Money amounts and dates (``Document.facts``) measured against hand-made gold.

``tests/gold/figures_seed000.json`` lists the money amounts (body and notes) and the dates
(body only) a historian reads in seed 000, each located by the 30 characters before it
(``context``) and the expression itself (``surface``); the file's ``schema`` gives the
conventions. fonds runs its whole pipeline on the seed; each gold item is found in
``doc.text`` or in the note with its label, and a predicted fact matches it when it has the
same kind, stands in the same place (body or that note) and its span overlaps the gold span
(one to one, largest overlap first). Scored for money and for dates:

- precision: matched predicted / predicted; recall: matched gold / gold;
- value accuracy on matched facts: money, amount within 0.5 %, ``high`` the same (within
  0.5 %) or both null, and the same currency; dates, ``date``, ``end`` and ``precision``
  all equal;
- year accuracy (money): ``year`` equal on matched facts, null included.

Predicted money in notes is counted; predicted dates in notes are not (the gold has none),
nor are body facts before the gold's ``body_from`` anchor (the web page's list of other
documents) or facts of other kinds. Gold items that cannot be located in fonds' text are
printed: they point to an annotation or note-recovery mismatch, and count as missed.

    .venv/bin/python bench/eval_figures.py [--errors]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fonds.extract import PIPELINE, run_pipeline
from fonds.model import Document, Fact, Source
from fonds.readers import text as plain

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
GOLD = ROOT / "tests" / "gold" / "figures_seed000.json"
SEED = CORPUS / "seeds" / "000_dc798445d9d4cc9d.txt"
KINDS = {"money": "money", "dates": "date"}  # gold list -> Fact.kind
TOLERANCE = 0.005  # relative, on amounts
Measures = dict[str, float | int | None]


@dataclass(frozen=True)
class Gold:
    """One gold item located in the document: ``where`` None for the body, else a note label."""

    where: str | None
    start: int
    end: int
    item: Mapping[str, Any]


@dataclass
class Tally:
    """Counts for one kind, with the error lines."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0
    value_right: int = 0
    year_right: int = 0
    unlocated: int = 0
    errors: list[str] = field(default_factory=list)

    def measures(self, kind: str) -> Measures:
        def ratio(a: int, b: int) -> float | None:
            return a / b if b else None

        out: Measures = {
            "gold": self.gold,
            "predicted": self.predicted,
            "matched": self.matched,
            "unlocated": self.unlocated,
            "precision": ratio(self.matched, self.predicted),
            "recall": ratio(self.matched, self.gold) or 0.0,
            "value_accuracy": ratio(self.value_right, self.matched),
        }
        if kind == "money":
            out["year_accuracy"] = ratio(self.year_right, self.matched)
        return out


def _spaced(text: str) -> tuple[str, list[int]]:
    """``text`` with whitespace runs as one space, and each kept character's offset."""
    chars: list[str] = []
    where: list[int] = []
    for i, c in enumerate(text):
        if c.isspace():
            if chars and chars[-1] == " ":
                continue
            c = " "
        chars.append(c)
        where.append(i)
    return "".join(chars), where


def locate(text: str, context: str, surface: str, start: int = 0) -> tuple[int, int] | None:
    """The span of ``surface`` where ``context + surface`` first stands in ``text[start:]``;
    failing that, the same with whitespace runs folded on both sides. None if not found."""
    at = text.find(context + surface, start)
    if at >= 0:
        return at + len(context), at + len(context) + len(surface)
    if not surface.strip():
        return None
    folded, where = _spaced(text)
    lead, _ = _spaced(context + surface[: len(surface) - len(surface.lstrip())])
    key, _ = _spaced(surface.strip())
    at = folded.find(lead + key)
    while at >= 0 and where[at] < start:
        at = folded.find(lead + key, at + 1)
    if at < 0:
        return None
    first, last = at + len(lead), at + len(lead) + len(key) - 1
    return where[first], where[last] + 1


def load() -> Document:
    """Seed 000 through the whole pipeline."""
    data = SEED.read_bytes()
    source = Source(str(SEED), hashlib.sha256(data).hexdigest(), len(data), "text/plain")
    return run_pipeline(plain.read(source, data)[0], PIPELINE)


def _place(where: str | None) -> str:
    return "body" if where is None else f"note {where}"


def _near(doc: Document, where: str | None, start: int, end: int) -> str:
    text = doc.text if where is None else {n.label: n.text for n in doc.notes}.get(where, "")
    return " ".join(text[max(0, start - 25) : start].split()) + f" «{text[start:end]}»"


def _show_gold(kind: str, item: Mapping[str, Any]) -> str:
    keys = (
        ("amount", "high", "currency", "year") if kind == "money" else ("date", "end", "precision")
    )
    before = " ".join(str(item.get("context", "")).split())[-20:]
    return f"{before} «{item['surface']}» " + " ".join(f"{k}={item.get(k)}" for k in keys)


def _show_fact(doc: Document, f: Fact) -> str:
    value = " ".join(f"{k}={v}" for k, v in f.value.items())
    return f"{_near(doc, f.note, f.start, f.end)} {value}"


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _close(got: Any, want: Any) -> bool:
    """Both null, or both numbers within the tolerance."""
    if want is None or got is None:
        return want is None and got is None
    g, w = _number(got), _number(want)
    if g is None or w is None:
        return False
    return abs(g - w) <= TOLERANCE * abs(w) if w else g == 0


def _value_right(kind: str, gold: Mapping[str, Any], got: Mapping[str, Any]) -> bool:
    if kind == "money":
        return (
            _close(got.get("amount"), gold["amount"])
            and _close(got.get("high"), gold["high"])
            and got.get("currency") == gold["currency"]
        )
    return all(got.get(k) == gold[k] for k in ("date", "end", "precision"))


def _gold(doc: Document, gold: Mapping[str, Any], kind: str, tally: Tally) -> list[Gold]:
    """The gold items of one kind located in ``doc``; the others are reported."""
    notes = {n.label: n.text for n in doc.notes}
    body_from = max(doc.text.find(gold.get("body_from") or ""), 0)
    out = []
    for item in gold[kind]:
        tally.gold += 1
        label = item.get("where", "text")
        where = None if label == "text" else str(label)
        text = doc.text if where is None else notes.get(where)
        span = None
        if text is not None:
            span = locate(text, item["context"], item["surface"], body_from if where is None else 0)
        if span is None:
            tally.unlocated += 1
            missing = "" if text is not None else " (fonds found no such note)"
            tally.errors.append(
                f"{kind}: unlocated {_place(where)}{missing} «{item['context']}|{item['surface']}»"
            )
            continue
        out.append(Gold(where, span[0], span[1], item))
    return out


def _score_kind(doc: Document, gold: Mapping[str, Any], kind: str) -> Tally:
    t = Tally()
    golds = _gold(doc, gold, kind, t)
    body_from = max(doc.text.find(gold.get("body_from") or ""), 0)
    predicted = [
        f
        for f in doc.facts
        if f.kind == KINDS[kind] and (f.start >= body_from if f.note is None else kind == "money")
    ]
    t.predicted = len(predicted)
    pairs = sorted(
        (
            (min(g.end, p.end) - max(g.start, p.start), i, j)
            for i, g in enumerate(golds)
            for j, p in enumerate(predicted)
            if g.where == p.note and max(g.start, p.start) < min(g.end, p.end)
        ),
        reverse=True,
    )
    gold_of: dict[int, int] = {}
    used: set[int] = set()
    for _, i, j in pairs:
        if i not in gold_of and j not in used:
            gold_of[i] = j
            used.add(j)
    for i, g in enumerate(golds):
        if i not in gold_of:
            t.errors.append(f"{kind}: missed   {_place(g.where)} {_show_gold(kind, g.item)}")
            continue
        p = predicted[gold_of[i]]
        t.matched += 1
        if _value_right(kind, g.item, p.value):
            t.value_right += 1
        else:
            t.errors.append(
                f"{kind}: value    {_show_gold(kind, g.item)}  ->  {_show_fact(doc, p)}"
            )
        if kind == "money":
            if p.value.get("year") == g.item["year"]:
                t.year_right += 1
            else:
                t.errors.append(
                    f"{kind}: year     {_show_gold(kind, g.item)}  ->  year={p.value.get('year')}"
                )
    t.errors += [
        f"{kind}: spurious {_place(p.note)} {_show_fact(doc, p)}"
        for j, p in enumerate(predicted)
        if j not in used
    ]
    return t


def tallies() -> dict[str, Tally]:
    """Counts for "money" and "dates", with the error lines."""
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    doc = load()
    return {kind: _score_kind(doc, gold, kind) for kind in KINDS}


def score() -> dict[str, Measures]:
    """The measures (see the module docstring) for "money" and "dates"."""
    return {kind: t.measures(kind) for kind, t in tallies().items()}


def _table(result: dict[str, Measures]) -> Iterator[str]:
    names = list(result)
    yield "| measure | " + " | ".join(names) + " |"
    yield "| --- |" + " ---: |" * len(names)
    keys = list(dict.fromkeys(k for m in result.values() for k in m))
    for key in keys:
        cells = []
        for name in names:
            value = result[name].get(key, "")
            if value is None:
                cells.append("n/a")
            elif isinstance(value, float):
                cells.append(f"{value:.3f}")
            else:
                cells.append(str(value))
        yield f"| {key} | " + " | ".join(cells) + " |"


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--errors", action="store_true", help="list every disagreement")
    args = parser.parse_args()
    missing = [p for p in (GOLD, SEED) if not p.exists()]
    if missing:
        print(f"missing: {', '.join(map(str, missing))}", file=sys.stderr)
        return 2
    counts = tallies()
    errors = [line for t in counts.values() for line in t.errors]
    unlocated = [line for line in errors if ": unlocated " in line]
    for line in unlocated:
        print(line)  # always: these mean the gold and fonds' text disagree
    if args.errors:
        for line in errors:
            if line not in unlocated:
                print(line)
    if unlocated or args.errors:
        print()
    print("\n".join(_table({kind: t.measures(kind) for kind, t in counts.items()})))
    return 0


if __name__ == "__main__":
    sys.exit(main())

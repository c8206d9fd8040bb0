"""The archive's facts (``Archive.facts`` records) as CSV, one row per fact."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any, TextIO

COLUMNS = (
    "document",
    "title",
    "note",
    "start",
    "end",
    "kind",
    "subject",
    "surface",
    "amount",
    "high",
    "currency",
    "year",
    "usd",
    "rate_per_usd",
    "rate_source",
    "unit",
    "what",
    "of",
    "date",
    "end_date",
    "precision",
    "sentence",
    "footnotes",
)


def row(f: dict[str, Any]) -> list[Any]:
    """One fact as a CSV row in the order of ``COLUMNS``."""
    v = f["value"]
    rate = v.get("rate") or {}
    return [
        f["document"],
        f["title"],
        f["note"] or "",
        f["start"],
        f["end"],
        f["kind"],
        f["subject"] or "",
        f["surface"],
        v.get("amount", v.get("value", "")),
        v.get("high") or "",
        v.get("currency") or "",
        v.get("year") or "",
        v.get("usd") or "",
        rate.get("per_usd", ""),
        rate.get("source", ""),
        v.get("unit") or "",
        v.get("what") or "",
        v.get("of") or "",
        v.get("date") or "",
        v.get("end") or "",
        v.get("precision") or "",
        f["sentence"],
        " | ".join(f"{n['label']}. {n['text']}" for n in f["footnotes"]),
    ]


def write(rows: Iterable[dict[str, Any]], out: TextIO) -> None:
    """Write the header and one line per fact to the text stream ``out``."""
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for f in rows:
        writer.writerow(row(f))


def text(rows: Iterable[dict[str, Any]]) -> str:
    """The CSV as a string."""
    buf = io.StringIO()
    write(rows, buf)
    return buf.getvalue()

"""Pure functions that turn document-derived text into escaped, marked-up HTML.

The rule: every piece of document text is escaped first, and only tags written here are put
between the escaped pieces. Nothing from a document is ever marked safe as it is.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

from markupsafe import Markup, escape

from fonds.model import Mention, Note


@dataclass(frozen=True, slots=True)
class Span:
    """Wrap ``text[start:end]`` in ``open`` ... ``close`` (both written by this module)."""

    start: int
    end: int
    open: Markup
    close: Markup


@dataclass(frozen=True, slots=True)
class Point:
    """Insert ``html`` (written by this module) before ``text[offset]``."""

    offset: int
    html: Markup


def markup(text: str, spans: Iterable[Span] = (), points: Iterable[Point] = ()) -> Markup:
    """``text`` escaped, with ``spans`` wrapped and ``points`` inserted.

    Spans that overlap an earlier-starting (or, at the same start, longer) span are dropped,
    so tags always nest; a point inside a span moves to the span's end. Offsets outside the
    text are clamped.
    """
    n = len(text)
    kept: list[Span] = []
    for s in sorted(spans, key=lambda s: (s.start, -s.end)):
        start, end = max(0, s.start), min(n, s.end)
        if end <= start or (kept and start < kept[-1].end):
            continue
        kept.append(Span(start, end, s.open, s.close))
    moved: list[Point] = []
    for p in points:
        at = min(max(0, p.offset), n)
        for s in kept:
            if s.start < at < s.end:
                at = s.end
                break
        moved.append(Point(at, p.html))
    events: list[
        tuple[int, int, Markup]
    ] = []  # (offset, order, html): closes before points before opens
    for s in kept:
        events.append((s.start, 2, s.open))
        events.append((s.end, 0, s.close))
    for p in moved:
        events.append((p.offset, 1, p.html))
    events.sort(key=lambda e: (e[0], e[1]))
    out: list[str] = []
    pos = 0
    for offset, _, html in events:
        out.append(str(escape(text[pos:offset])))
        out.append(str(html))
        pos = offset
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))


def note_id(index: int) -> str:
    """The element id of the ``index``-th note (0-based) in the notes list."""
    return f"note-{index + 1}"


def marker_id(index: int) -> str:
    """The element id of the ``index``-th note's marker in the text."""
    return f"ref-{index + 1}"


def entity_href(mention: Mention, surface: str) -> str:
    """The entity page of a mention: its authority id, else the name as written."""
    return "/entities/" + quote(mention.entity_id or surface, safe="")


def figure_title(kind: str, value: Mapping[str, Any], subject: str | None = None) -> str:
    """A figure's normalized value in words: ``RUB 1,000,000,000 (1953) = USD 250,000,000``."""
    parts: list[str] = []
    if kind == "money":
        amount = _num(value.get("amount"))
        high = _num(value.get("high"))
        parts.append(f"{value.get('currency') or '?'} {amount}" + (f"–{high}" if high else ""))
        if value.get("year"):
            parts.append(f"({value['year']})")
        if value.get("usd") and value.get("currency") != "USD":
            parts.append(f"= USD {_num(value['usd'])}")
    elif kind == "percent":
        parts.append(f"{_num(value.get('value'))}%")
        if value.get("of"):
            parts.append(f"of {value['of']}")
        if value.get("year"):
            parts.append(f"({value['year']})")
    elif kind == "quantity":
        unit = value.get("unit")
        parts.append(_num(value.get("value")) + (f" {unit}" if unit and unit != "count" else ""))
        if value.get("what"):
            parts.append(str(value["what"]))
        if value.get("year"):
            parts.append(f"({value['year']})")
    elif kind == "date":
        parts.append(str(value.get("date", "")) + (f"/{value['end']}" if value.get("end") else ""))
        if value.get("precision"):
            parts.append(f"({value['precision']})")
    elif kind == "rate":
        parts.append(f"{value.get('per_usd')} {value.get('currency')} per USD")
    else:
        parts.append(kind)
    if subject:
        parts.append(f"· {subject}")
    return " ".join(p for p in parts if p)


def _num(x: object) -> str:
    """A number with thousands separators; integers without decimals."""
    if not isinstance(x, int | float) or isinstance(x, bool):
        return "" if x is None else str(x)
    if not math.isfinite(x):
        return str(x)
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:,.2f}".rstrip("0").rstrip(".")


def document_html(
    text: str,
    *,
    notes: Sequence[Note] = (),
    mentions: Sequence[Mention] = (),
    facts: Sequence[Mapping[str, Any]] = (),
    pages: Sequence[int] = (),
) -> Markup:
    """A document's body as HTML: page markers, note markers linking to their notes,
    figures with their normalized value as a title, names linking to entity pages.

    ``facts`` are the archive's fact records (``start``, ``end``, ``kind``, ``value``,
    ``subject``, ``note``); only those in the body (``note`` None) are marked. Figures win
    over names where they overlap.
    """
    spans: list[Span] = []
    for f in facts:
        if f.get("note") is not None or f.get("kind") == "date" or f.get("end") is None:
            continue
        title = figure_title(str(f["kind"]), f.get("value") or {}, f.get("subject"))
        spans.append(
            Span(
                int(f["start"]),
                int(f["end"]),
                Markup('<mark class="fig fig-{}" title="{}">').format(f["kind"], title),
                Markup("</mark>"),
            )
        )
    for m in mentions:
        surface = text[m.start : m.end]
        spans.append(
            Span(
                m.start,
                m.end,
                Markup('<a class="name name-{}" href="{}">').format(
                    m.kind, entity_href(m, surface)
                ),
                Markup("</a>"),
            )
        )
    points: list[Point] = []
    for i, start in enumerate(pages):
        points.append(
            Point(
                start,
                Markup(
                    '<span class="page" id="page-{0}" aria-label="page {0}">[p. {0}]</span>'
                ).format(i + 1),
            )
        )
    for i, note in enumerate(notes):
        if note.marker_offset is None:
            continue
        points.append(
            Point(
                note.marker_offset,
                Markup(
                    '<a class="fn" id="{}" href="#{}" aria-label="note {}"><sup>{}</sup></a>'
                ).format(marker_id(i), note_id(i), note.label, note.label),
            )
        )
    return markup(text, spans, points)


def note_html(text: str, citations: Sequence[Mapping[str, Any]] = ()) -> Markup:
    """A note's text with each archival citation or work linked to its file page."""
    spans = []
    for c in citations:
        ref = c.get("canonical")
        if not ref or c.get("start") is None or c.get("end") is None:
            continue
        href = "/files?" + urlencode({"ref": ref})
        spans.append(
            Span(
                int(c["start"]),
                int(c["end"]),
                Markup('<a class="cite cite-{}" href="{}">').format(c.get("kind") or "other", href),
                Markup("</a>"),
            )
        )
    return markup(text, spans)


def snippet_html(snippet: str) -> Markup:
    """A search snippet: the index escapes the text and adds only ``<b>``; re-checked here,
    so anything but ``<b>``/``</b>`` stays escaped."""
    import html
    import re

    out: list[str] = []
    for part in re.split(r"(</?b>)", snippet):
        if part in ("<b>", "</b>"):
            out.append(part.replace("b>", "mark>"))
        else:
            out.append(str(escape(html.unescape(part))))
    return Markup("".join(out))


def bar_chart(
    counts: Mapping[str, int],
    *,
    href: Mapping[str, str] | None = None,
    width: int = 600,
    height: int = 120,
    label: str = "",
) -> Markup:
    """An inline SVG bar chart of ``counts`` (in the order given), each bar titled with its
    key and count and linked to ``href[key]`` when given."""
    if not counts:
        return Markup("")
    # plain f-strings over escaped values: Markup.format costs ~100x more per bar
    peak = max(counts.values()) or 1
    n = len(counts)
    gap = 2
    bar_w = min(24.0, max(2.0, (width - gap * n) / n))
    chart_h = height - 18
    parts = [
        f'<svg class="chart" viewBox="0 0 {int(width)} {int(height)}" role="img" '
        f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for i, (key, count) in enumerate(counts.items()):
        h = max(1.0, chart_h * count / peak)
        x = i * (bar_w + gap)
        bar = (
            f'<rect class="bar" x="{x:.1f}" y="{chart_h - h:.1f}" width="{bar_w:.1f}" '
            f'height="{h:.1f}"><title>{escape(key)}: {int(count)}</title></rect>'
        )
        if href and key in href:
            bar = f'<a href="{escape(href[key])}">{bar}</a>'
        parts.append(bar)
    keys = list(counts)
    for i in sorted({0, n - 1}):
        anchor = "start" if i == 0 else "end"
        x = 0.0 if i == 0 else n * (bar_w + gap) - gap
        parts.append(
            f'<text class="axis" x="{x:.1f}" y="{int(height) - 4}" text-anchor="{anchor}">'
            f"{escape(keys[i])}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def year_counts(rows: Iterable[tuple[str | None, int]]) -> dict[str, int]:
    """Counts by year from ``(date, count)`` rows, every year between the first and the
    last present (zero where none), undated rows left out."""
    by_year: dict[int, int] = {}
    for date, count in rows:
        if date and date[:4].isdigit():
            year = int(date[:4])
            by_year[year] = by_year.get(year, 0) + count
    if not by_year:
        return {}
    return {str(y): by_year.get(y, 0) for y in range(min(by_year), max(by_year) + 1)}

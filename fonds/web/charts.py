"""Charts a reader would rather look at than read: aid by donor and year, as inline SVG drawn
on the server (escaped labels; colours are presentation attributes, so the CSP holds)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from markupsafe import Markup, escape

AID_SUBJECTS = ("aid", "loan")
COLOURS = ("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#b07aa1")
OTHER_COLOUR = "#bab0ac"
OTHER = "other donors"


def aid_by_donor_and_year(facts: Iterable[Mapping[str, Any]]) -> dict[str, dict[int, float]]:
    """US dollars of aid and loans by donor (authority id) and year, from money facts with
    subject aid or loan, a donor, a year and a dollar value; restatements of a figure
    already counted are left out."""
    out: dict[str, dict[int, float]] = {}
    for f in facts:
        value = f.get("value") or {}
        if f.get("kind") != "money" or f.get("subject") not in AID_SUBJECTS:
            continue
        donor, year, usd = value.get("donor"), value.get("year"), value.get("usd")
        if not donor or not isinstance(year, int) or not usd or value.get("restates"):
            continue
        by_year = out.setdefault(str(donor), {})
        by_year[year] = by_year.get(year, 0.0) + float(usd)
    return out


def dollars(usd: float) -> str:
    """``$1.2 billion``, ``$350 million``, ``$12,000``."""
    for size, word in ((1e9, "billion"), (1e6, "million")):
        if usd >= size:
            return f"${usd / size:.3g} {word}"
    return f"${usd:,.0f}"


def stacked_by_year(
    series: Mapping[str, Mapping[int, float]],
    names: Mapping[str, str],
    *,
    top: int = len(COLOURS),
    width: int = 640,
    height: int = 200,
    label: str = "",
) -> Markup:
    """Stacked bars, one per year from the first to the last, one colour per series (the
    ``top`` largest; the rest as one), titled with the year, name and amount, with a legend.
    ``names``: display names of the series keys."""
    if not series:
        return Markup("")
    ranked = sorted(series, key=lambda k: -sum(series[k].values()))
    shown, rest = ranked[:top], ranked[top:]
    stacks: list[tuple[str, str, Mapping[int, float]]] = [
        (k, COLOURS[i], series[k]) for i, k in enumerate(shown)
    ]
    if rest:
        merged: dict[int, float] = {}
        for k in rest:
            for y, v in series[k].items():
                merged[y] = merged.get(y, 0.0) + v
        stacks.append((OTHER, OTHER_COLOUR, merged))
    years = sorted({y for _, _, s in stacks for y in s})
    span = list(range(years[0], years[-1] + 1))
    totals = {y: sum(s.get(y, 0.0) for _, _, s in stacks) for y in span}
    peak = max(totals.values()) or 1.0
    chart_h = height - 18
    gap = 2
    bar_w = min(24.0, max(2.0, (width - gap * len(span)) / len(span)))
    parts = [
        f'<svg class="chart stacked" viewBox="0 0 {int(width)} {int(height)}" role="img" '
        f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for i, year in enumerate(span):
        x = i * (bar_w + gap)
        top_y = float(chart_h)
        for key, colour, s in stacks:
            v = s.get(year, 0.0)
            if not v:
                continue
            h = max(1.0, chart_h * v / peak)
            top_y -= h
            name = names.get(key, key)
            parts.append(
                f'<rect x="{x:.1f}" y="{top_y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                f'fill="{colour}"><title>{year}: {escape(name)}, {escape(dollars(v))}</title></rect>'
            )
    for i in sorted({0, len(span) - 1}):
        anchor = "start" if i == 0 else "end"
        x = 0.0 if i == 0 else len(span) * (bar_w + gap) - gap
        parts.append(
            f'<text class="axis" x="{x:.1f}" y="{int(height) - 4}" text-anchor="{anchor}">'
            f"{span[i]}</text>"
        )
    parts.append("</svg>")
    legend = "".join(
        f'<li><svg class="swatch" viewBox="0 0 10 10" aria-hidden="true"><rect width="10" '
        f'height="10" fill="{colour}"/></svg> {escape(names.get(key, key))} '
        f'<span class="count">{escape(dollars(sum(s.values())))}</span></li>'
        for key, colour, s in stacks
    )
    return Markup("".join(parts) + f'<ul class="legend">{legend}</ul>')

"""The aid-by-donor-and-year chart: what it adds up, and the SVG it draws."""

from __future__ import annotations

from typing import Any

from fonds.web import charts


def fact(donor: str, year: int, usd: float, subject: str = "aid", **extra: Any) -> dict[str, Any]:
    value = {"donor": donor, "year": year, "usd": usd, **extra}
    return {"kind": "money", "subject": subject, "value": value}


def test_aid_adds_dollars_by_donor_and_year() -> None:
    facts = [
        fact("soviet-union", 1953, 1e9),
        fact("soviet-union", 1953, 5e8, subject="loan"),
        fact("soviet-union", 1954, 2e8),
        fact("china", 1954, 3e8),
        fact("china", 1954, 3e8, restates=1),  # the same sum again
        fact("", 1954, 1e6),  # no donor
        fact("china", 1955, 1e6, subject="trade"),
        {"kind": "money", "subject": "aid", "value": {"donor": "china", "year": 1956}},
    ]
    assert charts.aid_by_donor_and_year(facts) == {
        "soviet-union": {1953: 1.5e9, 1954: 2e8},
        "china": {1954: 3e8},
    }


def test_stacked_chart_escapes_names_and_merges_small_donors() -> None:
    series = {f"d{i}": {1950 + i: float(10 - i)} for i in range(8)}
    svg = str(charts.stacked_by_year(series, {"d0": "<script>x</script>"}, label="a<b"))
    assert "<script>" not in svg and "&lt;script&gt;" in svg and 'aria-label="a&lt;b"' in svg
    assert svg.count("<rect x=") == 8  # one bar segment per donor-year
    assert charts.OTHER in svg and svg.count('fill="' + charts.OTHER_COLOUR + '"') == 3
    assert ">1950</text>" in svg and ">1957</text>" in svg
    assert str(charts.stacked_by_year({}, {})) == ""


def test_dollars() -> None:
    assert charts.dollars(1.5e9) == "$1.5 billion"
    assert charts.dollars(3.5e8) == "$350 million"
    assert charts.dollars(12000) == "$12,000"

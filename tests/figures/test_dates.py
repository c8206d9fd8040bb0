"""Dates with their precision: every written form, years resolved from context, numbers that
are not dates, offsets, and properties over random dates and random text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fonds.extract.figures.dates import DateMention, find_dates
from tests.conftest import SEED_000, need_corpus


def _only(text: str, default_year: int | None = None) -> DateMention:
    found = find_dates(text, default_year=default_year)
    assert len(found) == 1, [(text[d.start : d.end], d) for d in found]
    return found[0]


POSITIVES = [
    # days
    (
        "The armistice was signed on 27 July 1953 at Panmunjom.",
        "27 July 1953",
        "1953-07-27",
        None,
        "day",
    ),
    ("It was signed on July 27, 1953.", "July 27, 1953", "1953-07-27", None, "day"),
    ("Signed on the 27th July 1953.", "27th July 1953", "1953-07-27", None, "day"),
    ("Signed 1953-07-27 in the morning.", "1953-07-27", "1953-07-27", None, "day"),
    ("Dated 27.7.1953 in Berlin.", "27.7.1953", "1953-07-27", None, "day"),
    ("Dated 27.07.1953 in Berlin.", "27.07.1953", "1953-07-27", None, "day"),
    ("Signed on the 27th of July, 1953.", "27th of July, 1953", "1953-07-27", None, "day"),
    ("Monday, 27 July 1953 was hot.", "Monday, 27 July 1953", "1953-07-27", None, "day"),
    ("On Monday, July 27, 1953 they met.", "Monday, July 27, 1953", "1953-07-27", None, "day"),
    ("Neutrality was proclaimed on April 22, 1793.", "April 22, 1793", "1793-04-22", None, "day"),
    ("Cabled Sept. 5, 1953 to Moscow.", "Sept. 5, 1953", "1953-09-05", None, "day"),
    ("Cabled 5 Aug. 1953 to Moscow.", "5 Aug. 1953", "1953-08-05", None, "day"),
    ("Vom 27. Juli 1953 datiert.", "27. Juli 1953", "1953-07-27", None, "day"),
    ("Daté du 1er août 1953.", "1er août 1953", "1953-08-01", None, "day"),
    ("Письмо от 27 июля 1953 г.", "27 июля 1953", "1953-07-27", None, "day"),
    # months
    ("The fighting stopped in July 1953.", "July 1953", "1953-07", None, "month"),
    ("It stopped in July of 1953.", "July of 1953", "1953-07", None, "month"),
    ("By mid-July 1953 it was over.", "mid-July 1953", "1953-07", None, "month"),
    ("Report of January, 1964 on Cuba.", "January, 1964", "1964-01", None, "month"),
    ("Rapport de juillet 1953.", "juillet 1953", "1953-07", None, "month"),
    # seasons
    ("Shortages appeared in spring 1956.", "spring 1956", "1956-03", "1956-05", "season"),
    ("He was purged in the summer of 1957.", "summer of 1957", "1957-06", "1957-08", "season"),
    ("The offensive in the fall of 1950 failed.", "fall of 1950", "1950-09", "1950-11", "season"),
    ("Talks resumed in autumn 1956.", "autumn 1956", "1956-09", "1956-11", "season"),
    ("In late spring 1956 rain fell.", "late spring 1956", "1956-03", "1956-05", "season"),
    ("The winter 1950-51 was harsh.", "winter 1950-51", "1950-12", "1951-02", "season"),
    ("The winter of 1950 was harsh.", "winter of 1950", "1950-12", "1951-02", "season"),
    # years
    ("Trade grew in 1957 as planned.", "1957", "1957", None, "year"),
    ("The 1957 plan was cut.", "1957", "1957", None, "year"),
    ("Troops left in late 1958.", "late 1958", "1958", None, "year"),
    ("Early 1954 was quiet.", "Early 1954", "1954", None, "year"),
    ("By the end of 1954 aid had arrived.", "end of 1954", "1954", None, "year"),
    ("Levels recovered to pre-1950 figures.", "1950", "1950", None, "year"),
    ("In 1957 troops were withdrawn.", "1957", "1957", None, "year"),
    # parts of a year
    ("In the first half of 1957 trade fell.", "first half of 1957", "1957-01", "1957-06", "range"),
    ("In the second half of 1956 it rose.", "second half of 1956", "1956-07", "1956-12", "range"),
    ("The third quarter of 1957 was slow.", "third quarter of 1957", "1957-07", "1957-09", "range"),
    # decades
    ("Relations in the 1950s were close.", "1950s", "1950", "1959", "decade"),
    ("Relations in the 1950's were close.", "1950's", "1950", "1959", "decade"),
    ("By the mid-1950s aid had peaked.", "mid-1950s", "1954", "1956", "decade"),
    ("In the early 1950s aid began.", "early 1950s", "1950", "1953", "decade"),
    ("In the late 1960s it changed.", "late 1960s", "1967", "1969", "decade"),
    ("Until the end of the 1950s it held.", "end of the 1950s", "1957", "1959", "decade"),
    # ranges
    ("Aid in the years 1953-1961 was large.", "1953-1961", "1953", "1961", "range"),
    ("Aid in the years 1953–61 was large.", "1953–61", "1953", "1961", "range"),
    ("The plan (1954-56) worked.", "1954-56", "1954", "1956", "range"),
    ("Aid flowed from 1954 to 1956 without pause.", "from 1954 to 1956", "1954", "1956", "range"),
    ("Aid flowed between 1954 and 1956.", "between 1954 and 1956", "1954", "1956", "range"),
    (
        "The visit lasted 14-23 November 1953.",
        "14-23 November 1953",
        "1953-11-14",
        "1953-11-23",
        "range",
    ),
    (
        "The visit lasted November 14-23, 1953.",
        "November 14-23, 1953",
        "1953-11-14",
        "1953-11-23",
        "range",
    ),
    (
        "The visit lasted 14 to 23 November 1953.",
        "14 to 23 November 1953",
        "1953-11-14",
        "1953-11-23",
        "range",
    ),
    ("Talks ran July-August 1953.", "July-August 1953", "1953-07", "1953-08", "range"),
    ("The 1957/58 harvest was poor.", "1957/58", "1957", "1958", "range"),
    (
        "He stayed from 13 September to 6 October 1957.",
        "13 September to 6 October 1957",
        "1957-09-13",
        "1957-10-06",
        "range",
    ),
    (
        "He stayed September 13 to October 6, 1957.",
        "September 13 to October 6, 1957",
        "1957-09-13",
        "1957-10-06",
        "range",
    ),
    (
        "He stayed from 20 December to 5 January 1954.",
        "20 December to 5 January 1954",
        "1953-12-20",
        "1954-01-05",
        "range",
    ),
    (
        "The crisis (December 1953–January 1954) passed.",
        "December 1953–January 1954",
        "1953-12",
        "1954-01",
        "range",
    ),
    (
        "Talks ran from May 1955 until June 1956.",
        "from May 1955 until June 1956",
        "1955-05",
        "1956-06",
        "range",
    ),
]


@pytest.mark.parametrize(("text", "span", "value", "end_value", "precision"), POSITIVES)
def test_forms(text: str, span: str, value: str, end_value: str | None, precision: str) -> None:
    d = _only(text)
    assert (text[d.start : d.end], d.value, d.end_value, d.precision) == (
        span,
        value,
        end_value,
        precision,
    )
    assert not d.inferred_year and d.year_source is None


NEGATIVES = [
    "See pp. 1953-61 of the report.",
    "See p. 1957 and pages 1954-1955.",
    "AVPRF, f. 0102, op. 13, p. 5, d. 12.",
    "The loan came to 1957 rubles.",
    "They paid $1957 and USD 1958 for it.",
    "They shipped 1,953 tons of steel.",
    "They shipped 1953 tons of steel and 1954 t of iron.",
    "Some 1957 troops crossed the river.",
    "Document No. 1957 and item #1958 were missing.",
    "The meeting began at 1930 hours.",
    "Codes C54-2009-66-3 and 005594/1956 and 19531 and 1953.5.",
    "You may go now. It may rain.",
    "The May Day parade was large.",
    "March on, comrades; August company.",
    "A woman aged 27 May never be found.",
    "In Chapter 26\nApril brought rain.",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_not_dates(text: str) -> None:
    assert find_dates(text, default_year=1957) == []


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("It was over by September.", "September", "1957-09"),
        ("They met in May, not June.", "May", "1957-05"),
        ("Rice arrived in early May.", "early May", "1957-05"),
        ("Nothing until mid-May.", "mid-May", "1957-05"),
        ("On 5 August the cabinet met.", "5 August", "1957-08-05"),
        ("On August 5 the cabinet met.", "August 5", "1957-08-05"),
        ("He arrived on the 5th of August.", "5th of August", "1957-08-05"),
    ],
)
def test_yearless_with_cue(text: str, span: str, value: str) -> None:
    d = _only(text, default_year=1957)
    assert (text[d.start : d.end], d.value, d.inferred_year, d.year_source) == (
        span,
        value,
        True,
        -1,
    )


def test_year_from_same_paragraph() -> None:
    text = "In March 1955 the plan was revised. On 5 August the cabinet met."
    first, second = find_dates(text, default_year=1940)
    assert (second.value, second.inferred_year, second.year_source) == (
        "1955-08-05",
        True,
        first.start,
    )
    assert text[first.start : first.end] == "March 1955"


def test_year_from_earlier_paragraph() -> None:
    text = "The mission left in 1956.\n\nNothing happened.\n\nIn September it returned."
    first, second = find_dates(text)
    assert (second.value, second.year_source) == ("1956-09", first.start)


def test_year_from_default_or_dropped() -> None:
    text = "On 5 August the delegation arrived."
    assert find_dates(text) == []
    d = _only(text, default_year=1958)
    assert (d.value, d.precision, d.inferred_year, d.year_source) == ("1958-08-05", "day", True, -1)


def test_december_rolls_over_to_january() -> None:
    text = "In December 1953 the talks stalled. On 5 January they resumed; by March they ended."
    dec, jan, mar = find_dates(text)
    assert (jan.value, jan.year_source, mar.value) == ("1954-01-05", dec.start, "1954-03")


def test_no_roll_over_across_paragraphs_or_from_a_year() -> None:
    text = "In December 1953 the talks stalled.\n\nOn 5 January they resumed."
    assert find_dates(text)[1].value == "1953-01-05"
    text = "In 1953 the talks stalled. On 5 January they resumed."
    assert find_dates(text)[1].value == "1953-01-05"


def test_paragraphs_given() -> None:
    text = "In December 1953 the talks stalled. On 5 January they resumed."
    assert find_dates(text, paragraphs=[(0, len(text))])[1].value == "1954-01-05"
    split = [(0, 35), (36, len(text))]
    assert find_dates(text, paragraphs=split)[1].value == "1953-01-05"


def test_year_written_after_in_a_coordination() -> None:
    text = "The KWP met in August and September 1956."
    august, september = find_dates(text, default_year=1940)
    assert (text[august.start : august.end], august.value, august.year_source) == (
        "August",
        "1956-08",
        september.start,
    )
    assert (september.value, september.inferred_year) == ("1956-09", False)


def test_named_event_of_a_year() -> None:
    text = "After the August Crisis of 1956 relations cooled."
    august, year = find_dates(text)
    assert (august.value, august.inferred_year, august.year_source) == ("1956-08", True, year.start)


def test_context_skips_decades_and_long_ranges() -> None:
    text = "Aid in 1955 was large; in the 1950s and in 1953-1961 too. In May it grew."
    assert find_dates(text)[-1].value == "1955-05"


def test_impossible_days_are_dropped() -> None:
    text = "On 31 February 1953 and 29 February 1953 and 30 April 1953."
    start = text.index("30 April")
    assert find_dates(text) == [DateMention(start, start + 13, "1953-04-30", None, "day")]


def test_offsets_are_the_expressions() -> None:
    text = "On 27 July 1953, in the summer of 1957 and from 1954 to 1956; the mid-1950s."
    spans = [text[d.start : d.end] for d in find_dates(text)]
    assert spans == ["27 July 1953", "summer of 1957", "from 1954 to 1956", "mid-1950s"]


MONTHS = [dt.date(2000, m, 1).strftime("%B") for m in range(1, 13)]


def _ordinal(n: int) -> str:
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


RENDERINGS: list[Callable[[dt.date], str]] = [
    lambda d: f"{d.day} {MONTHS[d.month - 1]} {d.year}",
    lambda d: f"{MONTHS[d.month - 1]} {d.day}, {d.year}",
    lambda d: d.isoformat(),
    lambda d: f"{d.day:02d}.{d.month:02d}.{d.year}",
    lambda d: f"{_ordinal(d.day)} of {MONTHS[d.month - 1]}, {d.year}",
]


@given(
    st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2100, 12, 31)),
    st.sampled_from(RENDERINGS),
)
def test_any_date_in_any_form(day: dt.date, render: Callable[[dt.date], str]) -> None:
    written = render(day)
    text = f"The cable went out on the {written} from Pyongyang."
    d = _only(text)
    assert (text[d.start : d.end], d.value, d.precision) == (written, day.isoformat(), "day")


DATEISH = [
    "in", "on", "the", "from", "to", "between", "and", "of", "May", "may", "July", "Sept.",
    "spring", "early", "mid-", "late", "first", "half", "1953", "1953-61", "1950s", "27",
    "27th", "5.7.1953", "1957/58", "-", "–", ",", "\n\n", "pp.", "No.", "tons", "December",
    "January", "Monday,", "winter", "1,953", "2100", "1799", "31", "February", "juillet",
]  # fmt: skip


@st.composite
def _text_and_spans(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]] | None]:
    text = draw(st.text() | st.lists(st.sampled_from(DATEISH)).map(" ".join))
    if draw(st.booleans()):
        return text, None
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=6)))
    return text, [(a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=False)]


@settings(max_examples=300)
@given(_text_and_spans(), st.none() | st.integers(1, 9999))
def test_never_raises(case: tuple[str, list[tuple[int, int]] | None], default: int | None) -> None:
    text, paragraphs = case
    found = find_dates(text, default_year=default, paragraphs=paragraphs)
    assert [d.start for d in found] == sorted(d.start for d in found)
    for d in found:
        assert 0 <= d.start < d.end <= len(text)
        assert d.precision in {"day", "month", "season", "year", "range", "decade"}


def test_seed_000_runs_clean() -> None:
    need_corpus()
    text = SEED_000.read_text(encoding="utf-8")
    found = find_dates(text)
    assert len(found) > 150
    spans = [text[d.start : d.end] for d in found]
    assert "13 September to 6 October 1957" in spans
    assert all(not s.startswith(("pp.", "p. ")) for s in spans)
    for d in found:
        if d.inferred_year and d.year_source is not None and d.year_source >= 0:
            assert d.year_source < d.start or d.year_source > d.end

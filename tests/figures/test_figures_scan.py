"""The fast scans (a pattern that takes the character before a match, an anchor pattern
found first, lowercased text for cue words) find what the plain patterns found: at the
start of a text, after non-ASCII letters and punctuation, and with letters lowercasing
does not fold."""

from __future__ import annotations

import pytest

from fonds.extract.figures import context
from fonds.extract.figures.dates import find_dates
from fonds.extract.figures.numbers import find_numbers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5 men", ["5"]),
        ("one hundred tanks", ["one hundred"]),
        ("Half of it", ["Half"]),
        ("é5 and —7 and ½", ["7", "½"]),  # glued to a letter; after a dash; a fraction
        ("x1953 y", []),
        ("(3) and “4”", ["3", "4"]),
        ("1953-61 and 5 or 6", ["1953-61", "5 or 6"]),
    ],
)
def test_numbers_found_at_every_start(text: str, expected: list[str]) -> None:
    assert [text[n.start : n.end] for n in find_numbers(text)] == expected


def test_a_qualifier_at_the_start_of_a_text() -> None:
    (n,) = find_numbers("c. 300 men")
    assert (n.value, n.qualifier) == (300.0, "c.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1957 was a year", ["1957"]),
        ("July 1953 and 5 August", ["July 1953", "5 August"]),
        ("Жuly 1953", ["1953"]),  # no month glued to a Cyrillic letter
        ("Январь 1953 года", ["Январь 1953"]),
        ("In March.1955", ["March"]),  # a month after "in"; no year glued to a full stop
    ],
)
def test_dates_found_at_every_start(text: str, expected: list[str]) -> None:
    assert [text[d.start : d.end] for d in find_dates(text, default_year=1950)] == expected


@pytest.mark.parametrize(
    ("sentence", "at", "expected"),
    [
        ("Aid of 5", 7, "aid"),  # a cue word at the start
        ("loans, aid", 0, "loan"),
        ("The ſubsidy of 5", 14, "aid"),  # long s: case-insensitive matching
        ("KELVIN: \u212aredit 5", 10, None),  # Kelvin sign: no cue word either way
    ],
)
def test_subject_cue_words(sentence: str, at: int, expected: str | None) -> None:
    assert context.subject(sentence, at) == expected


def test_sentences_not_split_after_abbreviations() -> None:
    text = "Mr. Smith came. No. 5 left. He paid U.S. dollars. Then B. C. Jones went."
    assert [text[s:e] for s, e in context.spans(text).sentences] == [
        "Mr. Smith came.",
        "No. 5 left.",
        "He paid U.S. dollars.",
        "Then B. C. Jones went.",
    ]

"""What a figure is about, read from the cue words of its sentence."""

from __future__ import annotations

import pytest

from fonds.extract.figures.context import subject


def about(sentence: str, figure: str) -> str | None:
    return subject(sentence, sentence.index(figure))


@pytest.mark.parametrize(
    ("sentence", "figure", "expected"),
    [
        ("China granted free aid of 800 million yuan for 1954-1957.", "800", "aid"),
        ("War damage was put at 420 billion won.", "420", "damage"),
        # the thing written off is in an "of" phrase after the cancellation
        (
            "It decided to write off the cost of China's wartime assistance, put at about "
            "729 million yuan, and made a grant of 800 million yuan.",
            "729",
            "debt cancellation",
        ),
        # a new clause ("and granted") is no longer what was cancelled
        (
            "Peiping cancelled the wartime obligations and granted 8 trillion old yuan.",
            "8 trillion",
            "aid",
        ),
        # a cue after "on top of" is about something besides the figure
        (
            "The aid: 800 million yuan from China for 1954-1957 on top of the cancellation "
            "of wartime debts.",
            "800",
            "aid",
        ),
        # a capitalised cue word belongs to a name
        (
            "Aid came from the Soviet Union and 800 million yuan from the People's Republic.",
            "800",
            "aid",
        ),
        ("Spending by the Korean Workers' Party reached 12 million won.", "12", "budget"),
    ],
)
def test_subject(sentence: str, figure: str, expected: str) -> None:
    assert about(sentence, figure) == expected


def test_each_amount_has_the_donor_named_with_it() -> None:
    from fonds.extract.pipeline import run_pipeline
    from fonds.model import Document, Source

    text = (
        "The Korean comrades acknowledge the free aid of one billion rubles from the Soviet "
        "Union and of 800 million yuan from the People's Republic of China. The USSR will "
        "grant North Korea a further 300 million rubles."
    )
    doc = run_pipeline(
        Document(
            id="d", source=Source("t.txt", "0" * 64, len(text), "text/plain"), title="t", text=text
        )
    )
    money = {text[f.start : f.end]: f.value for f in doc.facts if f.kind == "money"}
    assert money["one billion rubles"]["donor"] == "soviet-union"
    assert money["800 million yuan"]["donor"] == "china"
    assert money["300 million rubles"]["donor"] == "soviet-union"
    assert money["300 million rubles"].get("recipient") == "north-korea"


def _fact(doc: str, value: float, year: int, sentence: int, donor: str | None = None) -> dict:
    return {
        "document": doc,
        "title": doc,
        "note": None,
        "start": sentence,
        "end": sentence + 5,
        "kind": "percent",
        "subject": "aid",
        "surface": f"{value} percent",
        "sentence": "",
        "value": {
            "value": value,
            "of": "aid",
            "year": year,
            "sentence": [sentence, sentence + 9],
            "donor": donor,
        },
    }


def test_what_is_no_conflict() -> None:
    from fonds.extract.figures.conflicts import find

    rival = [_fact("a", 31.6, 1954, 0), _fact("b", 35.0, 1955, 0)]
    assert len(find(rival)) == 1  # two sources, years close: rival reports
    breakdown = [_fact("a", 33.3, 1954, 0), _fact("a", 29.4, 1954, 0)]
    assert find(breakdown) == []  # one sentence's breakdown
    series = [_fact("a", 31.6, 1954, 0), _fact("a", 35.0, 1955, 100)]
    assert find(series) == []  # one document, two years
    donors = [_fact("a", 31.6, 1954, 0, "china"), _fact("b", 35.0, 1954, 0, "soviet-union")]
    assert find(donors) == []

"""Money, quantities, percentages and stated rates in sentences written for these tests;
conversion to dollars through the rates table or a rate the document states."""

from __future__ import annotations

import math

import pytest

from fonds.extract.figures import extractor, rates
from fonds.extract.figures.money import find_money
from fonds.model import DateRange, Document, Fact, Note, Source

SOURCE = Source("/x.txt", "0" * 64, 1, "text/plain")


def doc(text: str, notes: tuple[Note, ...] = (), date: str | None = None) -> Document:
    return Document(
        id="d1",
        source=SOURCE,
        title="t",
        text=text,
        notes=notes,
        date=DateRange(date) if date else None,
    )


def facts(d: Document, kind: str) -> list[tuple[str, Fact]]:
    out = extractor.run(d).facts
    texts = {n.label: n.text for n in d.notes}
    return [
        ((texts[f.note] if f.note else d.text)[f.start : f.end], f) for f in out if f.kind == kind
    ]


@pytest.mark.parametrize(
    ("text", "surface", "amount", "currency"),
    [
        ("In 1953 Moscow granted one billion rubles in aid.", "one billion rubles", 1e9, "RUB"),
        ("It gave USD 12.5 million that year.", "USD 12.5 million", 12.5e6, "USD"),
        ("A grant of 800 million Chinese yuan followed.", "800 million Chinese yuan", 8e8, "CNY"),
        ("The plan cost 1.147 billion rubles.", "1.147 billion rubles", 1.147e9, "RUB"),
        ("Pyongyang put the loss at 430 billion won.", "430 billion won", 4.3e11, "KPW"),
        (
            "Seoul and the Republic of Korea spent 90 billion won in South Korea.",
            "90 billion won",
            9e10,
            "KRW",
        ),
        ("The GDR and East German firms paid 40 million marks.", "40 million marks", 4e7, "DDM"),
        ("It cost $3,000.", "$3,000", 3000.0, "USD"),
    ],
)
def test_amounts_and_currencies(text: str, surface: str, amount: float, currency: str) -> None:
    [m] = find_money(text)
    assert (text[m.start : m.end], m.amount, m.currency) == (surface, amount, currency)


def test_ranges_and_equivalents() -> None:
    text = "Experts earned 100-150 rubles (USD 25-USD 37.50) a month."
    found = find_money(text)
    assert [(m.amount, m.high, m.currency) for m in found] == [(100, 150, "RUB"), (25, 37.5, "USD")]
    assert found[1].restates == 0


def test_references_and_bare_numbers_are_not_money() -> None:
    assert (
        find_money("RGANI, f. 5, op. 28, d. 412, pp. 164-67; 130,000 tons of grain in 1954.") == []
    )


def test_year_dollars_and_the_rate_the_document_states() -> None:
    note = Note("4", "At that time 4 rubles equaled USD 1 throughout the 1950s.", 10)
    d = doc(
        "In 1955 the USSR gave 200 million rubles (USD 40 million) in aid to the DPRK.",
        notes=(note,),
    )
    [(_, rubles), (_, dollars)] = facts(d, "money")[:2]
    assert rubles.value["year"] == 1955 and rubles.subject == "aid"
    assert rubles.value["usd"] == 50e6 and rubles.value["rate"]["source"] == "document"
    assert rubles.value["stated_usd"] == 40e6  # kept beside the computed value
    assert dollars.value["restates"] == 0
    [(surface, rate)] = facts(d, "rate")
    assert surface == "4 rubles equaled USD 1" and rate.note == "4"
    assert rate.value["per_usd"] == 4 and tuple(rate.value["years"]) == (1950, 1959)


def test_the_table_converts_when_the_document_states_no_rate() -> None:
    d = doc("In 1962 Moscow lent 90 million rubles to Pyongyang.")
    [(_, loan)] = facts(d, "money")
    row = rates.for_year("RUB", 1962)
    assert row is not None and row.per_usd == 0.9
    assert loan.value["usd"] == 100e6 and loan.value["rate"]["source"] == row.source
    assert loan.subject == "loan"


def test_quantities_and_percentages() -> None:
    d = doc(
        "In 1954 China sent 130,000 tons of grain, 600,000 pairs of shoes and thirty-four "
        "divisions stayed. Aid made up 31.6 percent of North Korea's budget."
    )
    quantities = {s: f.value for s, f in facts(d, "quantity")}
    assert quantities["130,000 tons"]["what"] == "grain"
    assert quantities["130,000 tons"]["base"] == {"value": 1.3e8, "unit": "kilogram"}
    assert quantities["600,000 pairs"]["what"] == "pairs of shoes"
    assert quantities["thirty-four divisions"]["value"] == 34
    [(surface, share)] = facts(d, "percent")
    assert surface == "31.6 percent" and share.value["of"] == "North Korea's budget"
    assert share.subject == "budget" and share.value["year"] == 1954


def test_evidence_sentence_and_footnotes() -> None:
    text = "Nothing here. In 1957 trade reached USD 56 million. Then nothing."
    d = doc(text, notes=(Note("7", "A source.", text.index(". Then")),))
    [(_, f)] = facts(d, "money")
    s, e = f.value["sentence"]
    assert text[s:e] == "In 1957 trade reached USD 56 million." and f.value["notes"] == ["7"]


def test_absurd_numbers_do_not_break_anything() -> None:
    text = "It cost 10" + "0" * 400 + " rubles and 1e999 yuan; USD 99999999999999999999 billion."
    out = extractor.run(doc(text)).facts
    assert all(0 <= f.start < f.end <= len(text) for f in out)
    assert not [f for f in out if f.kind == "money"]  # neither 10^400 nor 10^29 is an amount
    assert all(math.isfinite(v) for f in out for v in f.value.values() if isinstance(v, float))


def test_donor_and_recipient() -> None:
    from fonds.extract.pipeline import run_pipeline

    d = run_pipeline(
        doc(
            "In November 1953 China granted 800 million yuan in aid to North Korea. "
            "In 1956 aid from the USSR to the DPRK reached one billion rubles."
        )
    )
    grant, cancel = [f for f in d.facts if f.kind == "money"]
    assert (grant.value["donor"], grant.value["recipient"], grant.subject) == (
        "china",
        "north-korea",
        "aid",
    )
    assert grant.value["year"] == 1953
    assert (cancel.value["donor"], cancel.value["recipient"]) == ("soviet-union", "north-korea")

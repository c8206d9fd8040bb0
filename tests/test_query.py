"""The query language: parsing into a tree, and errors that name the position."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fonds.errors import QueryError
from fonds.store.query import All, And, Not, Or, Phrase, Prefix, Term, parse


def test_words_are_anded() -> None:
    assert parse("soviet aid") == And((Term("soviet"), Term("aid")))


def test_operators_and_grouping() -> None:
    tree = parse('(soviet OR chinese) AND "economic aid" NOT loan')
    assert tree == And(
        (Or((Term("soviet"), Term("chinese"))), Phrase("economic aid"), Not(Term("loan")))
    )


def test_or_binds_looser_than_and() -> None:
    assert parse("a b OR c") == Or((And((Term("a"), Term("b"))), Term("c")))


def test_prefix_and_minus() -> None:
    assert parse("reconstruct* -korea") == And((Prefix("reconstruct"), Not(Term("korea"))))


def test_empty_query_matches_all() -> None:
    assert parse("   ") == All()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('"five-year plan', "unbalanced quote at position 1"),
        ("(soviet aid", "unbalanced parenthesis opened at position 1"),
        ("soviet aid)", "unexpected ')' at position 11"),
        ("soviet AND", "query ends where a word was expected (position 11)"),
        ("*", "a prefix needs at least one letter at position 1"),
        ('aid ""', "empty phrase at position 5"),
    ],
)
def test_errors_name_the_position(text: str, message: str) -> None:
    with pytest.raises(QueryError) as info:
        parse(text)
    assert str(info.value) == message


@given(st.text(max_size=60))
def test_any_text_parses_or_raises_query_error(text: str) -> None:
    try:
        parse(text)
    except QueryError as exc:
        assert "position" in str(exc) or "longer than" in str(exc)

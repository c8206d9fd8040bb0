"""Numbers in digits and words: values, ranges, qualifiers, flags and offsets."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fonds.extract.figures.numbers import VAGUE, Number, find_numbers, parse_number


def only(text: str) -> Number:
    """The one number of ``text``."""
    found = find_numbers(text)
    assert len(found) == 1, [text[n.start : n.end] for n in found]
    return found[0]


def surfaces(text: str) -> list[str]:
    return [text[n.start : n.end] for n in find_numbers(text)]


# (text, the number as written, value, high, qualifier)
EXAMPLES = [
    ("800 million Chinese yuan", "800 million", 8e8, None, None),
    ("one billion rubles", "one billion", 1e9, None, None),
    ("1.147 billion rubles", "1.147 billion", 1.147e9, None, None),
    ("430 billion won", "430 billion", 4.3e11, None, None),
    ("USD 12.5 million", "12.5 million", 1.25e7, None, None),
    ("130,000 tons of grain", "130,000", 130_000, None, None),
    ("88.476 million meters", "88.476 million", 88.476e6, None, None),
    ("thirty-four divisions", "thirty-four", 34, None, None),
    ("nearly half", "half", 0.5, None, "nearly"),
    ("one-third of the budget", "one-third", 1 / 3, None, None),
    ("100-150 rubles", "100-150", 100, 150, None),
    ("100–150 rubles", "100–150", 100, 150, None),
    ("USD 25-USD 37.50", "25-USD 37.50", 25, 37.5, None),
    ("$25-$37.50", "25-$37.50", 25, 37.5, None),
    ("some 22,735 refugees", "22,735", 22_735, None, "some"),
    ("over 1,000 advisers", "1,000", 1000, None, "over"),
    ("a million people", "a million", 1e6, None, None),
    ("half a million people", "half a million", 5e5, None, None),
    ("nearly half-a-million Chinese", "half-a-million", 5e5, None, "nearly"),
    ("a half-million troops", "a half-million", 5e5, None, None),
    ("two and a half million", "two and a half million", 2.5e6, None, None),
    ("a million and a half", "a million and a half", 1.5e6, None, None),
    ("one and a half years", "one and a half", 1.5, None, None),
    ("3 1/2 tons", "3 1/2", 3.5, None, None),
    ("3½ tons", "3½", 3.5, None, None),
    ("a dozen engineers", "a dozen", 12, None, None),
    ("two dozen trucks", "two dozen", 24, None, None),
    ("half a dozen trucks", "half a dozen", 6, None, None),
    ("several hundred workers", "several hundred", 100, None, "several"),
    ("a few thousand workers", "a few thousand", 1000, None, "a few"),
    ("tens of thousands of refugees", "tens of thousands", 1e4, None, "tens of"),
    ("hundreds of millions of rubles", "hundreds of millions", 1e8, None, "hundreds of"),
    ("one hundred and twenty-five", "one hundred and twenty-five", 125, None, None),
    ("one hundred twenty-five", "one hundred twenty-five", 125, None, None),
    ("three hundred thousand men", "three hundred thousand", 3e5, None, None),
    ("a hundred tanks", "a hundred", 100, None, None),
    ("a hundred and fifty tanks", "a hundred and fifty", 150, None, None),
    ("twelve hundred tanks", "twelve hundred", 1200, None, None),
    ("two million three hundred thousand", "two million three hundred thousand", 2.3e6, None, None),
    ("three thousand million rubles", "three thousand million", 3e9, None, None),
    ("twenty-one thousand and five", "twenty-one thousand and five", 21_005, None, None),
    ("zero growth", "zero", 0, None, None),
    ("1,147 tractors", "1,147", 1147, None, None),
    ("2,000,000 rubles", "2,000,000", 2e6, None, None),
    ("40 million meters", "40 million", 4e7, None, None),
    ("a 40-million-ruble loan", "40-million", 4e7, None, None),
    ("5bn yuan", "5bn", 5e9, None, None),
    ("5 mn yuan", "5 mn", 5e6, None, None),
    ("100 to 150 rubles", "100 to 150", 100, 150, None),
    ("25 to 37.50", "25 to 37.50", 25, 37.5, None),
    ("between 100 and 150", "100 and 150", 100, 150, None),
    ("between 3 and 4 million", "3 and 4 million", 3e6, 4e6, None),
    ("between one thousand and two thousand", "one thousand and two thousand", 1e3, 2e3, None),
    ("3 or 4 million", "3 or 4 million", 3e6, 4e6, None),
    ("two or three hundred", "two or three hundred", 200, 300, None),
    ("1.5-2 billion", "1.5-2 billion", 1.5e9, 2e9, None),
    ("5 to 10 thousand", "5 to 10 thousand", 5e3, 1e4, None),
    ("from 200 to 3 million", "200 to 3 million", 200, 3e6, None),
    ("250 million to 1 billion", "250 million to 1 billion", 2.5e8, 1e9, None),
    ("about 100-150", "100-150", 100, 150, "about"),
    ("1953-1961", "1953-1961", 1953, 1961, None),
    ("1953 to 1961", "1953 to 1961", 1953, 1961, None),
    ("1953-61", "1953-61", 1953, 1961, None),
    ("pp. 145-7", "145-7", 145, 147, None),
    ("more than $950 million", "950 million", 9.5e8, None, "more than"),
    ("over USD 20 million", "20 million", 2e7, None, "over"),
    ("less than 5", "5", 5, None, "less than"),
    ("almost a million", "a million", 1e6, None, "almost"),
    ("approximately 300", "300", 300, None, "approximately"),
    ("at least 3", "3", 3, None, "at least"),
    ("up to 12", "12", 12, None, "up to"),
    ("roughly one-fifth", "one-fifth", 0.2, None, "roughly"),
    ("as many as 7,000", "7,000", 7000, None, "as many as"),
    ("More  than\n80 percent", "80", 80, None, "more than"),
    ("an estimated 5 million", "5 million", 5e6, None, "an estimated"),
    ("c. 1953", "1953", 1953, None, "c."),
    ("two-thirds of the budget", "two-thirds", 2 / 3, None, None),
    ("two thirds of the budget", "two thirds", 2 / 3, None, None),
    ("three-quarters of homes", "three-quarters", 0.75, None, None),
    ("a third of the aid", "a third", 1 / 3, None, None),
    ("a quarter of it", "a quarter", 0.25, None, None),
    ("one half of it", "one half", 0.5, None, None),
    ("four-fifths", "four-fifths", 0.8, None, None),
    ("⅔ of it", "⅔", 2 / 3, None, None),
    ("1/2 of it", "1/2", 0.5, None, None),
    ("the northern half of the peninsula", "half", 0.5, None, None),
    ("f. 0102", "0102", 102, None, None),
    ("No. 413", "413", 413, None, None),
    ("mid-1953", "1953", 1953, None, None),
    ("One Korean official", "One", 1, None, None),
    ("one year ahead", "one", 1, None, None),
    ("a five-year plan", "five", 5, None, None),
]


@pytest.mark.parametrize(("text", "surface", "value", "high", "qualifier"), EXAMPLES)
def test_examples(
    text: str, surface: str, value: float, high: float | None, qualifier: str | None
) -> None:
    n = only(text)
    assert text[n.start : n.end] == surface
    assert n.value == pytest.approx(value, rel=1e-12)
    assert n.high == (None if high is None else pytest.approx(high, rel=1e-12))
    assert n.qualifier == qualifier


@pytest.mark.parametrize(
    "text",
    [
        "the first, second and fifth",
        "the 1st, 21st and 3rd",
        "the twenty-first century",
        "one hundredth",
        "for a third time",
        "at the Third Congress",
        "a fourth man",
        "one of the members",
        "the one who came",
        "no one knew",
        "one another",
        "one day he left",
        "someone, anyone, everyone",
        "each one",
        "only one.",
        "one's own",
        "a one-sided view",
        "on behalf of",
        "halfway",
        "half-hearted",
        "the second half of the year",
        "Observer10",
        "A6979",
        "f.0102",
        "B-29 and T-34",
        "the 1950s",
        "on 4/8/2014",
        "at 10:30",
        "1-7-617 and 117-00665-03",
        "C54-2009-66-3",
        ".5",
        "1.147.000",
        "dozens of",
        "thousands of refugees",
        "the Thousand-mile horse",
        "the Hundred Flowers",
        "",
    ],
)
def test_negatives(text: str) -> None:
    assert find_numbers(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,2", ["1", "2"]),
        ("1953,1954", ["1953", "1954"]),
        ("12,5000", ["12", "5000"]),
        ("10-5", ["10", "5"]),
        ("100 to the 150", ["100", "150"]),
        ("250 million or 1 billion", ["250 million", "1 billion"]),
        ("in the first half of 1957", ["1957"]),
        ("one or two", ["one or two"]),
        ("420 billion won, or nearly 170 million US dollars", ["420 billion", "170 million"]),
        ("fifty-fifty", ["fifty"]),
        ("one of three", ["three"]),
        ("1953 and 1954", ["1953", "1954"]),
    ],
)
def test_splits(text: str, expected: list[str]) -> None:
    assert surfaces(text) == expected


def test_offsets_in_a_sentence() -> None:
    text = "By 1957, nearly half of the 1.147 billion rubles and thirty-four divisions had gone."
    found = find_numbers(text)
    assert [text[n.start : n.end] for n in found] == [
        "1957",
        "half",
        "1.147 billion",
        "thirty-four",
    ]
    assert [n.qualifier for n in found] == [None, "nearly", None, None]


def test_flags() -> None:
    year, half, third, billion, words, scaled = (
        only("in 1953"),
        only("half"),
        only("one-third"),
        only("one billion"),
        only("thirty-four"),
        only("40 million"),
    )
    assert year.year_like and not year.words and not year.fraction
    assert half.fraction and half.words and half.value == 0.5
    assert third.fraction and third.value == pytest.approx(1 / 3)
    assert billion.words and not billion.fraction
    assert words.words and not words.year_like
    assert not scaled.words and not scaled.year_like
    assert only("⅔").fraction and not only("⅔").words
    assert not only("3½").fraction
    assert not only("two and a half million").fraction


@pytest.mark.parametrize(
    ("text", "year_like"),
    [
        ("1953", True),
        ("2100", True),
        ("999", False),
        ("2101", False),
        ("1,953", False),
        ("1953.5", False),
        ("1953 million", False),
        ("0102", False),
        ("1953-1961", True),
        ("1953-61", True),
        ("1953 to 1961", True),
        ("1953 or 1954", True),
        ("100-1953", False),
    ],
)
def test_year_like(text: str, year_like: bool) -> None:
    assert only(text).year_like is year_like


def test_vague_qualifiers_stand_inside_the_span() -> None:
    text = "tens of thousands of refugees and several hundred workers"
    found = find_numbers(text)
    assert [text[n.start : n.end] for n in found] == ["tens of thousands", "several hundred"]
    assert all(n.qualifier in VAGUE for n in found)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.147 billion", 1.147e9),
        ("thirty-four", 34),
        ("  one  ", 1),
        ("One Hundred", 100),
        ("half", 0.5),
        ("a third", 1 / 3),
        ("130,000", 130_000),
        ("3 1/2", 3.5),
        ("half a million", 5e5),
        ("several hundred", 100),
    ],
)
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value, rel=1e-12)


@pytest.mark.parametrize(
    "text", ["", "first", "1,2", "100-150", "about 5", "5 rubles", "one two", "1.147.000", "x"]
)
def test_parse_number_rejects(text: str) -> None:
    assert parse_number(text) is None


# -- properties --------------------------------------------------------------------------

ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def below_100(n: int) -> str:
    if n < 20:
        return ONES[n]
    return TENS[n // 10] + (f"-{ONES[n % 10]}" if n % 10 else "")


def below_1000(n: int, use_and: bool) -> str:
    hundreds, rest = divmod(n, 100)
    parts = [f"{ONES[hundreds]} hundred"] if hundreds else []
    if rest:
        parts.append(("and " if hundreds and use_and else "") + below_100(rest))
    return " ".join(parts)


def in_words(n: int, use_and: bool) -> str:
    """``n`` (0..999,999) in English words, with the British "and" or without it."""
    if n == 0:
        return "zero"
    thousands, rest = divmod(n, 1000)
    parts = [below_1000(thousands, use_and) + " thousand"] if thousands else []
    if rest:
        and_ = "and " if thousands and rest < 100 and use_and else ""
        parts.append(and_ + below_1000(rest, use_and))
    return " ".join(parts)


def test_in_words_helper() -> None:
    assert in_words(123_456, True) == (
        "one hundred and twenty-three thousand four hundred and fifty-six"
    )
    assert in_words(1001, True) == "one thousand and one"
    assert in_words(1001, False) == "one thousand one"


@given(st.integers(0, 10**12))
def test_integers_with_separators_parse_back(n: int) -> None:
    written = f"{n:,}"
    assert parse_number(written) == n
    text = f"a total of {written} rubles"
    found = only(text)
    assert (text[found.start : found.end], found.value) == (written, n)


@given(st.integers(0, 999_999), st.booleans())
def test_integers_in_words_parse_back(n: int, use_and: bool) -> None:
    written = in_words(n, use_and)
    assert parse_number(written) == n
    text = f"a total of {written} tons"
    found = only(text)
    assert (text[found.start : found.end], found.value, found.words) == (written, n, True)


@given(
    st.integers(0, 999),
    st.text("0123456789", min_size=1, max_size=6),
    st.sampled_from(["thousand", "million", "billion", "trillion"]),
)
def test_decimals_with_a_scale_parse_back(whole: int, decimals: str, scale: str) -> None:
    written = f"{whole}.{decimals} {scale}"
    expected = float(f"{whole}.{decimals}") * {"thousand": 1e3, "million": 1e6}.get(
        scale, 1e9 if scale == "billion" else 1e12
    )
    value = parse_number(written)
    assert value is not None and math.isclose(value, expected, rel_tol=1e-9)
    found = only(f"USD {written} in aid")
    assert math.isclose(found.value, expected, rel_tol=1e-9)


VOCABULARY = [
    *"one two three twenty thirty-four hundred thousand million billion half a an and or to".split(),
    *"of the first some nearly over more than between several tens dozen third quarter".split(),
    *"1 12 1953 1,000 130,000 2.5 0102 1/2 3½ ½ - – USD $ , . ; ( ) / : f. B- 1st".split(),
]


@given(
    st.one_of(
        st.text(),
        st.lists(
            st.tuples(st.sampled_from(VOCABULARY), st.sampled_from([" ", "", "-", "\n", ", "])),
            max_size=30,
        ).map(lambda parts: "".join(word + sep for word, sep in parts)),
    )
)
def test_find_numbers_is_total_and_ordered(text: str) -> None:
    found = find_numbers(text)
    end = 0
    for n in found:
        assert end <= n.start < n.end <= len(text)
        surface = text[n.start : n.end]
        assert surface == surface.strip()
        assert n.high is None or n.high >= n.value
        end = n.end

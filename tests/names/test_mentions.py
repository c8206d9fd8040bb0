"""Mentions found in text written for these tests, with a small authority of our own:
variants, scripts, keys, possessives, titles, unknown persons, and offsets."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fonds.extract.names import authority as auth
from fonds.extract.names import russian
from fonds.extract.names.authority import Authority, fold, make, parse_rows
from fonds.extract.names.expand import expand, name_filter
from fonds.extract.names.mentions import detect
from fonds.store.query import And, Name, Phrase, Term

AUTHORITY = Authority(
    [
        make(
            "kim-il-sung",
            "person",
            "Kim Il Sung",
            variants="Kim Il-sung|Kim Il-sŏng",
            native="김일성|金日成",
        ),
        make(
            "pyongyang", "place", "Pyongyang", variants="P'yŏngyang|Pyeng Yang", native="평양|平壤"
        ),
        make("zhou-enlai", "person", "Zhou Enlai", variants="Chou En-lai"),
        make("khrushchev", "person", "Nikita Khrushchev", variants="Khrushchev", native="Хрущёв"),
        make("kwp", "org", "Workers' Party of Korea", variants="Korean Workers' Party|KWP"),
    ]
)
TEXT = (
    "On 5 August Premier Chou En-lai received Kim Il-sung's delegation. In Pyeongyang the "
    "Korean Workers' Party praised Хрущев, and Soviet Ambassador Ivan Ivanov met Pak Chang-ok. "
    "The General Assembly met in September."
)


def found(text: str = TEXT) -> list[tuple[str, str | None, str]]:
    return [(text[m.start : m.end], m.entity_id, m.kind) for m in detect(text, AUTHORITY)]


def test_known_names_in_any_spelling_and_script() -> None:
    got = found()
    assert ("Chou En-lai", "zhou-enlai", "person") in got
    assert ("Kim Il-sung", "kim-il-sung", "person") in got  # the possessive is not the name
    assert ("Pyeongyang", "pyongyang", "place") in got  # by romanization key, not listed
    assert ("Korean Workers' Party", "kwp", "org") in got
    assert ("Хрущев", "khrushchev", "person") in got  # е for ё


def test_unknown_persons_are_candidates_with_a_confidence() -> None:
    mentions = {TEXT[m.start : m.end]: m for m in detect(TEXT, AUTHORITY)}
    assert mentions["Ivan Ivanov"].entity_id is None
    assert mentions["Ivan Ivanov"].confidence >= 0.8  # after a title
    assert 0.4 <= mentions["Pak Chang-ok"].confidence < 0.8  # a Korean name's shape only
    assert not any("Assembly" in name for name in mentions)
    assert "September" not in mentions and "August" not in mentions


def test_candidates_meet_across_spellings() -> None:
    a = detect("He spoke with Comrade Ri Ju-yeon.", AUTHORITY)
    b = detect("He spoke with Comrade Ri Ju Yon.", AUTHORITY)
    assert a[0].entity_id is None and a[0].key.split()[0] == b[0].key.split()[0]


def test_longest_match_wins() -> None:
    auth = Authority([*AUTHORITY.by_id.values(), make("korea", "place", "Korea")])
    got = found_with(auth, "the Workers' Party of Korea met")
    assert got == [("Workers' Party of Korea", "kwp")]


def found_with(auth: Authority, text: str) -> list[tuple[str, str | None]]:
    return [(text[m.start : m.end], m.entity_id) for m in detect(text, auth)]


@given(
    st.text(
        alphabet=st.sampled_from(list("Kim Il-sung's P'yŏngyang 평양 Хрущёв. ,Premier\n")),
        max_size=120,
    )
)
def test_offsets_are_ordered_and_inside_the_text(text: str) -> None:
    last = 0
    for m in detect(text, AUTHORITY):
        assert last <= m.start < m.end <= len(text)
        assert text[m.start : m.end].strip() == text[m.start : m.end]
        last = m.end


def test_fold_sets_spelling_aside() -> None:
    assert fold("P'yŏngyang") == fold("Pyongyang") == "pyongyang"
    assert fold("Kim Il-sung's") == "kim il sung"
    assert fold("Хрущёв") == fold("Хрущев")


def test_query_words_become_one_name() -> None:
    tree = expand(And((Term("Chou"), Term("En-lai"), Term("visit"))), AUTHORITY)
    assert isinstance(tree, And) and isinstance(tree.items[0], Name)
    assert tree.items[0].entities == ("zhou-enlai",) and tree.items[1] == Term("visit")
    assert expand(Phrase("평양"), AUTHORITY).entities == ("pyongyang",)  # type: ignore[union-attr]
    unknown = name_filter("Ri Ju Yon", AUTHORITY)
    assert unknown.entities == () and unknown.keys


def test_bad_rows_name_the_file_and_line() -> None:
    import pytest

    from fonds.errors import UsageError

    with pytest.raises(UsageError, match=r"x\.csv:3: type must be person, place or org"):
        parse_rows("type,name\nperson,A\nplanet,B\n", "x.csv")
    assert (
        parse_rows("type,name,variants\nperson,Pak Hon-yong,Pak Hŏn-yŏng|Park Heon-yeong\n", "y")[
            0
        ].id
        == "pak-hon-yong"
    )


def test_names_in_russian_cases_are_found() -> None:
    """Soviet records decline names: the case forms of Cyrillic spellings match."""
    text = (
        "Переговоры в Пхеньяне с Ким Ир Сеном прошли успешно. Делегация из Москвы прибыла "
        "в Хыннам. Посол Пузанов встретился с Хрущёвым. Токио молчит."
    )
    found = {text[m.start : m.end]: m.entity_id for m in detect(text, auth.current())}
    assert found["Пхеньяне"] == "pyongyang" and found["Ким Ир Сеном"] == "kim-il-sung"
    assert found["Москвы"] == "moscow" and found["Хыннам"] == "hungnam"
    assert found["Хрущёвым"] == "nikita-khrushchev"


@pytest.mark.parametrize(
    ("word", "forms"),
    [
        ("пхеньян", {"пхеньяна", "пхеньяну", "пхеньяном", "пхеньяне"}),
        ("москва", {"москвы", "москве", "москву", "москвои"}),
        ("корея", {"кореи", "корее", "корею"}),
        ("китаи", {"китая", "китаю", "китаем", "китае"}),  # Китай, folded
        ("токио", set()),
    ],
)
def test_russian_case_forms(word: str, forms: set[str]) -> None:
    assert forms <= set(russian.case_forms(word)) and (forms or not russian.case_forms(word))


def test_a_possessive_inside_a_name_is_part_of_it() -> None:
    """ "People's Republic of China" is the PRC, not the Republic of China inside it."""
    text = "Aid from the People's Republic of China, the Chinese People's Volunteers and Taiwan's Republic of China; Kim Il Sung's visit."
    found = [(text[m.start : m.end], m.entity_id) for m in detect(text, auth.current())]
    assert ("People's Republic of China", "china") in found
    assert ("Chinese People's Volunteers", "cpv") in found
    assert ("Republic of China", "republic-of-china") in found
    assert ("Kim Il Sung", "kim-il-sung") in found

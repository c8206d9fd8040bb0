"""Korean equivalence: McCune-Reischauer, Revised Romanization, press spellings and Hangul
meet; different people do not."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fonds.extract.names.korean import keys, skeleton, surname_key


def _common(names: list[str]) -> frozenset[str]:
    """The keys every name in ``names`` has."""
    return frozenset.intersection(*(keys(n) for n in names))


@pytest.mark.parametrize(
    "names",
    [
        ["Kim Il Sung", "Kim Il-sung", "Kim Il-sŏng", "Kim Ilsung", "Gim Il-seong", "김일성"],
        ["Choe Yong-geon", "Choe Yong Gon", "Ch'oe Yong-gŏn", "Choi Yong-kun", "최용건"],
        ["Pyongyang", "Pyeongyang", "P'yŏngyang", "P’yŏngyang", "평양"],
        ["Hamheung", "Hamhung", "Hamhŭng", "함흥"],
        ["Ri Ju-yeon", "Ri Ju Yon", "리주연", "Yi Ju-yon", "Lee Joo-yeon"],
        ["Pak Hon-yong", "Park Heon-yeong", "Pak Hŏn-yŏng", "박헌영"],
        ["Kaesong", "Kaesŏng", "Gaeseong", "개성"],
        ["Syngman Rhee", "Rhee Syngman", "Yi Seung-man", "Yi Sŭng-man", "이승만"],
        ["Chongjin", "Ch'ŏngjin", "Cheongjin", "청진"],
        ["Sinuiju", "Sinŭiju", "Shinuiju", "신의주"],
        ["Wonsan", "Wŏnsan", "원산"],
        ["Panmunjom", "Panmunjŏm", "Panmunjeom", "판문점"],
        ["Kim Jong Il", "Kim Jong-il", "Kim Chong-il", "Kim Chŏng-il", "김정일"],
        ["Park Chung Hee", "Pak Chong-hui", "Pak Chŏng-hŭi", "Chung Hee Park", "박정희"],
        ["Roh Tae-woo", "No Tae-u", "노태우"],
        ["Chun Doo-hwan", "Chŏn Tu-hwan", "Jeon Du-hwan", "전두환"],
        ["Yongbyon", "Nyongbyon", "Yŏngbyŏn", "녕변", "영변"],
        ["Rodong Sinmun", "Nodong Sinmun", "로동신문"],
    ],
)
def test_spellings_of_one_name_share_a_key(names: list[str]) -> None:
    assert _common(names), {n: sorted(keys(n)) for n in names}


@pytest.mark.parametrize(
    "spellings",
    [
        ["Ri", "Yi", "Lee", "Rhee", "I", "Rhie", "Li"],
        ["Pak", "Park", "Bak", "Pahk"],
        ["Choe", "Choi", "Ch'oe", "Chey"],
        ["Kim", "Gim"],
        ["No", "Roh", "Noh"],
        ["Jeong", "Chong", "Chung", "Jung", "Cheong", "Chŏng"],
        ["Yun", "Yoon"],
        ["Ryu", "Yu", "Yoo"],
        ["Rim", "Lim", "Im", "Yim"],
        ["Ryang", "Yang"],
        ["Kang", "Gang"],
        ["Ko", "Koh", "Go"],
        ["Sin", "Shin"],
        ["Cho", "Jo"],
        ["Chang", "Jang"],
        ["O", "Oh"],
        ["Han"],
        ["Hong"],
        ["Hwang"],
        ["Nam"],
    ],
)
def test_surname_variants(spellings: list[str]) -> None:
    found = {surname_key(s.lower().replace("'", "").replace("ŏ", "o")) for s in spellings}
    assert len(found) == 1 and None not in found, found


@pytest.mark.parametrize(
    ("variants", "rule"),
    [
        (["songjin", "seongjin"], "eo is o"),
        (["hamhung", "hamheung"], "eu is u"),
        (["sung", "song", "seong"], "o and u are one vowel (press Sung for 성)"),
        (["kaesong", "kesong"], "ae is e"),
        (["wonsan", "weonsan"], "weo is wo"),
        (["sinuiju", "sineuiju", "sinuiju"], "eui is ui"),
        (["hi", "hui", "hee"], "ui after a consonant is i; ee is i"),
        (["kang", "gang"], "g/k"),
        (["tong", "dong"], "d/t"),
        (["pak", "bak"], "b/p"),
        (["chang", "jang", "tchang"], "j/ch/tch"),
        (["kkot", "kot"], "kk"),
        (["ttang", "tang"], "tt"),
        (["ppang", "pang"], "pp"),
        (["ssi", "si", "shi"], "ss and sh are s"),
        (["jjang", "jang"], "jj"),
        (["il", "ir"], "r/l"),
        (["rim", "lim", "im"], "initial r/l before i goes"),
        (["ryu", "yu"], "initial r before y goes"),
        (["rodong", "nodong"], "initial r/l is n"),
        (["nyong", "yong"], "initial n before y goes"),
        (["syngman", "seungman"], "y before a consonant is eu"),
        (["koh", "ko"], "final h is silent"),
        (["ahn", "an"], "h after a vowel before a consonant is silent"),
        (["taewoo", "taeu"], "woo is u"),
        (["yoon", "yun"], "oo is u"),
    ],
)
def test_skeleton_rules(variants: list[str], rule: str) -> None:
    assert len({skeleton(v) for v in variants}) == 1, rule


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kim Il Sung", "Kim Il"),
        ("Kim Jong Il", "Kim Jong Un"),
        ("Pak Hon-yong", "Pak Chang-ok"),
        ("Seoul", "Sinuiju"),
        ("Choe Yong-gon", "Cho Yong-gon"),
        ("Kim Il-sung", "Kim Jong-il"),
        ("김정일", "김정은"),
        ("Pyongyang", "Pyongan"),
        ("Kim Chaek", "Kim Il"),
        ("Chun Doo-hwan", "Chung Doo-hwan"),
    ],
)
def test_different_names_do_not_meet(a: str, b: str) -> None:
    assert keys(a).isdisjoint(keys(b)), (sorted(keys(a)), sorted(keys(b)))


def test_western_order_is_read_surname_last() -> None:
    assert keys("Syngman Rhee") == keys("Rhee Syngman")


def test_a_hangul_word_is_read_whole_and_as_a_name() -> None:
    assert keys("신의주") >= keys("Sinuiju")
    assert keys("김일성") == keys("Kim Il-sung")


@pytest.mark.parametrize("name", ["Zhou Enlai", "Molotov", "Khrushchev", "毛泽东", "Хрущёв", ""])
def test_names_no_korean_romanization_writes_have_no_key(name: str) -> None:
    assert keys(name) == frozenset()


_SURNAMES = ["Kim", "Pak", "Ch'oe", "Ri", "Yi", "Chŏng", "Kang", "Han", "Hong", "Yun"]
_SYLLABLES = ["il", "sŏng", "chŏng", "ŭn", "yŏng", "ch'ang", "hŭi", "t'ae", "p'yo", "kwŏn"]
_names = st.tuples(
    st.sampled_from(_SURNAMES), st.sampled_from(_SYLLABLES), st.sampled_from(_SYLLABLES)
)


@settings(max_examples=200, deadline=None)
@given(_names)
def test_given_names_hyphenated_spaced_or_joined_meet(name: tuple[str, str, str]) -> None:
    surname, a, b = name
    hyphenated = keys(f"{surname} {a.title()}-{b}")
    assert hyphenated <= keys(f"{surname} {a.title()} {b.title()}")
    assert hyphenated <= keys(f"{surname} {a.title()}{b}")


@settings(max_examples=200, deadline=None)
@given(_names)
def test_keys_ignore_case_breves_and_apostrophes(name: tuple[str, str, str]) -> None:
    surname, a, b = name
    text = f"{surname} {a.title()}-{b}"
    plain = text.replace("ŏ", "o").replace("ŭ", "u").replace("Ŏ", "O").replace("'", "")
    assert keys(text) == keys(plain) == keys(text.upper()) == keys(text.lower())


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Ким Ир Сен", "Kim Il Sung"),  # the Soviet press: р for final ㄹ, е for ㅓ
        ("Пак Хен Ен", "Pak Hŏn-yŏng"),
        ("Цой Ен Гон", "Choe Yong-gon"),  # the older Цой beside Kontsevich's Чхве
        ("Чхве Ён Гон", "Ch'oe Yong-gŏn"),
        ("Пак Чан Ок", "Pak Chang-ok"),
        ("Ким Ду Бон", "Kim Tu-bong"),
        ("Ли Сын Ман", "Syngman Rhee"),
        ("Хо Га И", "Ho Ka-i"),
        ("Пхеньян", "Pyongyang"),  # final ㅇ written нь
        ("Хамхын", "Hamhŭng"),
        ("Кэсон", "Kaesong"),
    ],
)
def test_korean_names_in_cyrillic_meet_their_romanizations(cyrillic: str, latin: str) -> None:
    assert keys(cyrillic) & keys(latin), (sorted(keys(cyrillic)), sorted(keys(latin)))


@pytest.mark.parametrize("russian", ["Хрущёв", "Молотов", "Москва Ивановна", "Пономарёв"])
def test_russian_words_have_no_korean_reading(russian: str) -> None:
    assert not keys(russian)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Ким Ир Сен", "Kim Chong-il"), ("Пак Хен Ен", "Pak Chang-ok"), ("Нам Ир", "Nam Chun")],
)
def test_different_names_in_cyrillic_do_not_meet(a: str, b: str) -> None:
    assert not keys(a) & keys(b)

"""Chinese equivalence: pinyin with or without tones, Wade-Giles with or without
apostrophes and umlauts, postal spellings and Hanzi meet; different people do not."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypinyin.contrib.tone_convert import to_tone

from fonds.extract.names.chinese import keys, part_readings


def _common(names: list[str]) -> frozenset[str]:
    return frozenset.intersection(*(keys(n) for n in names))


@pytest.mark.parametrize(
    "names",
    [
        ["Mao Zedong", "Máo Zédōng", "Mao2 Ze2dong1", "Mao Ze-dong", "Mao Ze Dong"],
        ["Mao Zedong", "Mao Tse-tung", "Mao Tsetung", "毛泽东", "毛澤東"],
        ["Zhou Enlai", "Chou En-lai", "Chou Enlai", "周恩来", "周恩來"],
        ["Peng Dehuai", "P'eng Te-huai", "Peng Teh-huai", "P’eng Tê-huai", "彭德怀"],
        ["Deng Xiaoping", "Teng Hsiao-p'ing", "Teng Hsiao-ping", "邓小平"],
        ["Liu Shaoqi", "Liu Shao-ch'i", "Liu Shao-chi", "刘少奇"],
        ["Chen Yi", "Ch'en Yi", "Ch'en I", "陈毅"],
        ["Gao Gang", "Kao Kang", "高岗"],
        ["Zhu De", "Chu Teh", "Chu Te", "朱德"],
        ["Lin Biao", "Lin Piao", "林彪"],
        ["Xu Xiangqian", "Hsü Hsiang-ch'ien", "Hsu Hsiang-chien", "徐向前"],
        ["Zhang Wentian", "Chang Wen-t'ien", "张闻天"],
        ["Lü Zhengcao", "Lu Zhengcao", "Lü Cheng-ts'ao", "吕正操"],
        ["Beijing", "Peking", "北京"],
        ["Beiping", "Peiping", "Pei-p'ing", "北平"],
        ["Nanjing", "Nanking", "南京"],
        ["Tianjin", "Tientsin", "天津"],
        ["Qingdao", "Tsingtao", "青岛"],
        ["Chongqing", "Chungking", "重庆"],
        ["Yan'an", "Yenan", "Yen-an", "延安"],
        ["Xi'an", "Sian", "西安"],
    ],
)
def test_spellings_of_one_name_share_a_key(names: list[str]) -> None:
    assert _common(names), {n: sorted(keys(n)) for n in names}


@pytest.mark.parametrize(
    ("part", "readings", "rule"),
    [
        ("ch'en", {"chen"}, "Wade-Giles apostrophe marks aspiration"),
        ("chen", {"chen", "zhen"}, "without apostrophes Wade-Giles is read both ways"),
        ("teng", {"deng", "teng"}, "t is d or t"),
        ("tse", {"ze", "ce"}, "ts is z or c"),
        ("teh", {"de", "te"}, "Teh is te"),
        ("hsv", {"xu"}, "hsü is xu"),
        ("hsu", {"xu"}, "hsü without its umlaut"),
        ("lu", {"lu", "lv"}, "pinyin u may be ü"),
        ("lai", {"lai"}, "pypinyin's lai -> lei slip is corrected"),
        ("erh", {"er"}, "erh is er"),
        ("shih", {"shi"}, "shih is shi"),
        ("jih", {"ri"}, "j is r"),
        ("szu", {"si"}, "szu and ssu are si"),
        ("mao", {"mao"}, "no syllable starts with a vowel inside a part: not ma-o"),
        ("xi'an", {"xian"}, "the pinyin apostrophe divides syllables"),
        ("zedong", {"zedong"}, "a joined part is split into syllables"),
        ("peking", {"beijing"}, "postal spelling"),
        ("kim", set(), "not a syllable"),
    ],
)
def test_part_readings(part: str, readings: set[str], rule: str) -> None:
    assert part_readings(part) == readings, rule


@pytest.mark.parametrize(
    ("hanzi", "reading"),
    [("曾国藩", "zengguofan"), ("单雄信", "shanxiongxin"), ("毛澤東", "maozedong")],
)
def test_hanzi_go_through_pypinyin_and_surname_readings(hanzi: str, reading: str) -> None:
    assert reading in keys(hanzi)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Zhou Enlai", "Zhu De"),
        ("Mao Zedong", "Mao Dun"),
        ("Liu Shaoqi", "Liu Bocheng"),
        ("Chou En-lai", "Chu Teh"),
        ("Mao Tse-tung", "Mao Tun"),
        ("Liu Shao-ch'i", "Liu Po-ch'eng"),
        ("Chen Yi", "Chen Yun"),
        ("周恩来", "朱德"),
        ("Peng Dehuai", "Peng Zhen"),
    ],
)
def test_different_names_do_not_meet(a: str, b: str) -> None:
    assert keys(a).isdisjoint(keys(b)), (sorted(keys(a)), sorted(keys(b)))


@pytest.mark.parametrize(
    "name", ["Kim Il Sung", "Molotov", "Stalin", "Seoul", "김일성", "Хрущёв", "毛 Zedong", ""]
)
def test_names_that_are_not_chinese_have_no_key(name: str) -> None:
    assert keys(name) == frozenset()


def test_ambiguous_wade_giles_readings_are_capped() -> None:
    assert 0 < len(keys("Chu Chi-chu Chi-chu")) <= 16


_SYLLABLES = ["zhong", "guo", "mao", "dong", "xiao", "ping", "lü", "qing", "shan", "hua"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_SYLLABLES), min_size=2, max_size=3), st.data())
def test_tones_and_syllable_breaks_do_not_matter(syllables: list[str], data: st.DataObject) -> None:
    tones = [data.draw(st.integers(1, 4)) for _ in syllables]
    plain = [s.replace("ü", "v") for s in syllables]
    marked = [to_tone(f"{s}{t}") for s, t in zip(plain, tones, strict=True)]
    numbered = [f"{s}{t}" for s, t in zip(syllables, tones, strict=True)]
    base = keys(" ".join(syllables))
    assert base == keys(" ".join(marked)) == keys(" ".join(numbered))
    assert base == keys("-".join(syllables)) == keys("-".join(syllables).title())
    assert "".join(plain) in base & keys("".join(syllables))


def test_shipped_pinyin_table_matches_pypinyin() -> None:
    import csv
    from importlib import resources

    from fonds.extract.names.chinese import pinyin_table

    text = (resources.files("fonds") / "data" / "pinyin_wade_giles.csv").read_text(encoding="utf-8")
    shipped = {
        r["pinyin"]: (r["wade_giles"].split("|"), r["palladius"].split("|"))
        for r in csv.DictReader(text.splitlines())
    }
    assert shipped == pinyin_table()  # re-run tools/make_pinyin_table.py if this fails


@pytest.mark.parametrize(
    ("cyrillic", "pinyin"),
    [
        ("Мао Цзэдун", "Mao Zedong"),
        ("Мао Цзедун", "Mao Zedong"),  # е for Palladius э, as Russian texts often write
        ("Чжоу Эньлай", "Zhou Enlai"),
        ("Пэн Дэхуай", "Peng Dehuai"),
        ("Дэн Сяопин", "Deng Xiaoping"),
        ("Лю Шаоци", "Liu Shaoqi"),
        ("Яньань", "Yan'an"),  # a syllable opening with a vowel after ь
    ],
)
def test_palladius_cyrillic_meets_pinyin(cyrillic: str, pinyin: str) -> None:
    assert keys(cyrillic) & keys(pinyin)


def test_russian_names_are_not_read_as_palladius() -> None:
    assert not keys("Хрущёв") and not keys("Молотов") and not keys("Громыко")

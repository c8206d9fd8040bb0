"""Text normalization and the offset helpers that extractors use to cut text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fonds.text import cut, fold, index_form, normalize, shift, to_raw


def test_normalize() -> None:
    assert (
        normalize("  Kim\u00a0Il  Sung\r\n\r\n\r\n\r\nPyongyang \t\x01")
        == "Kim Il Sung\n\nPyongyang"
    )
    assert normalize("Cafe\u0301") == "Café"


def test_fold() -> None:
    assert fold("Sándor P'YŎNGYANG Хрущёв") == "sandor p'yongyang хрущев"


def test_index_form_spaces_cjk_and_maps_offsets() -> None:
    form, mapping = index_form("aid 北朝鲜 to")
    assert form.split() == ["aid", "北", "朝", "鲜", "to"]
    assert mapping is not None and "aid 北朝鲜 to"[mapping[form.index("鲜")]] == "鲜"
    assert index_form("plain ёлка") == ("plain елка", None)


@given(
    st.text(alphabet="ab \n", max_size=40),
    st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=4),
)
def test_cut_shift_and_to_raw_agree(text: str, spans: list[tuple[int, int]]) -> None:
    spans = [(min(a, b, len(text)), min(max(a, b), len(text))) for a, b in spans]
    new, removed = cut(text, spans)
    assert len(new) == len(text) - sum(e - s for s, e in removed)
    for i in range(len(new)):
        raw = to_raw(i, removed)
        assert text[raw] == new[i]
        assert shift(raw, removed) == i


@given(st.text(alphabet=st.sampled_from("ab ёЁ北朝鲜한국\u3042\n")))
def test_index_form_matches_a_character_by_character_reading(text: str) -> None:
    """index_form copies runs between CJK characters whole; the result is the same as
    spacing each CJK character apart one character at a time."""
    import re

    cjk = re.compile(
        r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\u1100-\u11ff]"
    )
    folded = text.replace("ё", "е").replace("Ё", "Е")
    out: list[str] = []
    mapping: list[int] = []
    for i, ch in enumerate(folded):
        if cjk.match(ch):
            out.extend((" ", ch, " "))
            mapping.extend((i, i, i + 1))
        else:
            out.append(ch)
            mapping.append(i)
    mapping.append(len(folded))
    form, got = index_form(text)
    assert form == "".join(out)
    if got is not None:
        assert got == mapping

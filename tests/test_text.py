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

"""The document model's records survive the trip from reader processes (pickle)."""

from __future__ import annotations

import pickle

from hypothesis import given
from hypothesis import strategies as st

from fonds.model import Fact, Mention

_TEXT = st.text(max_size=20)


@given(
    st.builds(
        Mention,
        st.integers(0, 10**6),
        st.integers(0, 10**6),
        st.sampled_from(["person", "place", "org"]),
        st.none() | _TEXT,
        st.floats(0, 1),
        _TEXT,
    )
)
def test_mentions_pickle_whole(mention: Mention) -> None:
    assert pickle.loads(pickle.dumps(mention, protocol=5)) == mention


@given(
    st.builds(
        Fact,
        st.integers(0, 10**6),
        st.integers(0, 10**6),
        st.sampled_from(["money", "date", "percent", "quantity", "rate"]),
        st.dictionaries(_TEXT, st.none() | st.floats(allow_nan=False) | _TEXT, max_size=5),
        st.none() | _TEXT,
        st.none() | _TEXT,
    )
)
def test_facts_pickle_whole(fact: Fact) -> None:
    assert pickle.loads(pickle.dumps(fact, protocol=5)) == fact

"""The public API is explicit: __all__ is sorted, complete and importable (as in httpx)."""

from __future__ import annotations

import fonds


def test_all_is_sorted_and_importable() -> None:
    assert fonds.__all__ == sorted(fonds.__all__)
    for name in fonds.__all__:
        assert hasattr(fonds, name), name


def test_all_lists_every_public_name() -> None:
    public = {
        n
        for n, v in vars(fonds).items()
        if not n.startswith("_") and not type(v).__name__ == "module"
    }
    assert public - {"annotations"} == set(fonds.__all__)

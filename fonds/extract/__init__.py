"""Extractors: pure ``Document -> Document`` steps (``pipeline.PIPELINE``), each in its own
module. The pipeline loads on first use, so that reading a name or a citation does not
load every extractor."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fonds.extract._extractor import Extractor
    from fonds.extract.pipeline import PIPELINE, run_pipeline

__all__ = ["PIPELINE", "Extractor", "run_pipeline"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from fonds.extract import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'fonds.extract' has no attribute {name!r}")

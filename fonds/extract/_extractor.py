"""The Extractor record: one pure ``Document -> Document`` step."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from fonds.model import Document


@dataclass(frozen=True, slots=True)
class Extractor:
    """One step: a name, a version (bump to re-run on stored documents) and a pure function."""

    name: str
    version: int
    run: Callable[[Document], Document]
    changes_text: bool = False

"""The extractor pipeline: pure ``Document -> Document`` steps in one fixed, readable order.

Steps that cut text out of the body (page furniture, flattened notes) declare
``changes_text`` and must come first; ``run_pipeline`` enforces that no later step alters
``Document.text``, so every offset a later step records stays valid.
"""

from __future__ import annotations

from collections.abc import Sequence

from fonds.errors import ExtractError
from fonds.extract import citations, doctype, furniture, language, notes
from fonds.extract._extractor import Extractor
from fonds.extract.figures import extractor as figures
from fonds.extract.figures.numbers import find_numbers
from fonds.extract.names import mentions
from fonds.model import Document

PIPELINE: tuple[Extractor, ...] = (
    furniture.EXTRACTOR,
    notes.EXTRACTOR,
    citations.EXTRACTOR,
    mentions.EXTRACTOR,
    figures.EXTRACTOR,
    doctype.EXTRACTOR,
    language.EXTRACTOR,
)


def prepare() -> None:
    """Load every extractor's tables now, so that forked workers share them instead of
    each building its own."""
    from fonds.extract.figures import context, money, quantities, rates

    mentions.prepare()
    money.find_money("USD 1")
    rates.table()
    context.subject("aid", 0)
    quantities.find_quantities("130,000 tons of grain", find_numbers("130,000"), [])


def run_pipeline(doc: Document, steps: Sequence[Extractor] = PIPELINE) -> Document:
    """Run ``steps`` in order. Raises ExtractError if a step after the last text-changing
    step alters the text, or if a text-changing step follows one that records offsets."""
    text_frozen = False
    for step in steps:
        if step.changes_text and text_frozen:
            raise ExtractError(f"extractor {step.name} changes text after offsets were recorded")
        before = doc.text
        doc = step.run(doc)
        if not step.changes_text:
            text_frozen = True
            if doc.text != before:
                raise ExtractError(f"extractor {step.name} altered the text of document {doc.id}")
    return doc

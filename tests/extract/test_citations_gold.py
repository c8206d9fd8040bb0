"""An evaluation gate: citations split, classified and parsed from the notes of the seeds and
the FRUS monograph, scored against hand-made gold (tests/gold/citations.json,
bench/eval_citations.py), must not fall below their floors."""

from __future__ import annotations

import importlib.util
import sys

from tests.conftest import ROOT, need_corpus

# measured (all three sets together, 454 gold citations in 237 notes):
# split 0.929 / 0.808, kind 0.719, archive 0.991 / 0.913, fields 0.953 / 0.658
FLOORS = {
    "split_precision": 0.90,
    "split_recall": 0.78,
    "kind_accuracy": 0.69,
    "archive_precision": 0.96,
    "archive_recall": 0.88,
    "fields_precision": 0.92,
    "fields_recall": 0.63,
}


def test_citations_stay_above_the_floors() -> None:
    need_corpus()
    spec = importlib.util.spec_from_file_location(
        "eval_citations", ROOT / "bench" / "eval_citations.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    result = module.score()
    assert {"seed-000", "seed-004", "frus-history"} < set(result)
    overall = result["all"]
    assert (overall["notes"], overall["gold"]) == (237, 454)
    for measure, floor in FLOORS.items():
        assert overall[measure] >= floor, (measure, overall[measure])

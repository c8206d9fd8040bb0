"""An evaluation gate: citations split, classified and parsed from the notes of the seeds and
the FRUS monograph, scored against hand-made gold (tests/gold/citations.json,
bench/eval_citations.py), must not fall below their floors."""

from __future__ import annotations

from tests.conftest import bench_module, need_corpus

# measured (all three sets together, 454 gold citations in 237 notes):
# split 0.919 / 0.969, kind 0.936, archive 1.000 / 0.994, fields 0.992 / 0.973
FLOORS = {
    "split_precision": 0.90,
    "split_recall": 0.95,
    "kind_accuracy": 0.91,
    "archive_precision": 0.98,
    "archive_recall": 0.97,
    "fields_precision": 0.97,
    "fields_recall": 0.95,
}


def test_citations_stay_above_the_floors() -> None:
    need_corpus()
    module = bench_module("eval_citations")
    result = module.score()
    assert {"seed-000", "seed-004", "frus-history"} < set(result)
    overall = result["all"]
    assert (overall["notes"], overall["gold"]) == (237, 454)
    for measure, floor in FLOORS.items():
        assert overall[measure] >= floor, (measure, overall[measure])

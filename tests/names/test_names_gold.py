"""An evaluation gate: person and place mentions in the flattened Milestones chapters,
scored against their <persName>/<placeName> gold (bench/eval_names.py), and the merges
romanization keys make between different authority entries."""

from __future__ import annotations

from types import ModuleType

from tests.conftest import bench_module, need_corpus

# measured: person recall 0.946, precision 0.999 (judged); place recall 0.990, precision 1.000
FLOORS = {
    "person_recall": 0.92,
    "person_precision": 0.95,
    "place_recall": 0.95,
    "place_precision": 0.95,
}


def _bench() -> ModuleType:
    return bench_module("eval_names")


def test_mentions_stay_above_the_floors() -> None:
    need_corpus()
    result = _bench().score()
    assert result["person_gold"] == 429 and result["place_gold"] == 196
    for measure, floor in FLOORS.items():
        assert result[measure] >= floor, (measure, result[measure])


def test_keys_rarely_merge_different_entries() -> None:
    entries, merged, _ = _bench().false_merges()
    assert entries > 1000 and merged <= entries * 0.015  # measured: 11 of 1361

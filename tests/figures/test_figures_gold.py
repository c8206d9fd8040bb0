"""An evaluation gate: money amounts and dates of seed 000 against our hand annotation
(tests/gold/figures_seed000.json, scored by bench/eval_figures.py)."""

from __future__ import annotations

from tests.conftest import bench_module, need_corpus

# measured: money P 1.000 R 1.000 value 1.000 year 0.830; dates P 0.949 R 1.000 value 0.903
FLOORS = {
    ("money", "precision"): 0.95,
    ("money", "recall"): 0.95,
    ("money", "value_accuracy"): 0.95,
    ("money", "year_accuracy"): 0.80,
    ("dates", "precision"): 0.90,
    ("dates", "recall"): 0.95,
    ("dates", "value_accuracy"): 0.88,
}


def test_figures_stay_above_the_floors() -> None:
    need_corpus()
    module = bench_module("eval_figures")
    result = module.score()
    for (kind, measure), floor in FLOORS.items():
        value = result[kind][measure]
        assert value is not None and value >= floor, (kind, measure, value)

"""Shared fixtures: the shared corpus, the demo collection, archives in temporary folders."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

import fonds

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
DEMO = ROOT / "demo"
SEED_000 = CORPUS / "seeds" / "000_dc798445d9d4cc9d.txt"
SEED_004 = CORPUS / "seeds" / "004_14e8fee4b2b14331.txt"


def bench_module(name: str) -> ModuleType:
    """A script of ``bench/`` imported as a module (the evaluation gates call its ``score``)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def need_corpus() -> None:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not beside the checkout")


@pytest.fixture
def corpus() -> Path:
    need_corpus()
    return CORPUS


@pytest.fixture
def new_archive(tmp_path: Path) -> Iterator[fonds.Archive]:
    """An empty archive in a temporary folder (one worker: deterministic and quick)."""
    with fonds.open(settings=fonds.settings(tmp_path / "a.db", workers=1)) as archive:
        yield archive


@pytest.fixture(scope="session")
def shared_archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[fonds.Archive]:
    """The demo, the seeds and the FRUS documents ingested once for read-only tests."""
    need_corpus()
    folder = tmp_path_factory.mktemp("shared")
    seeds = folder / "seeds"
    shutil.copytree(CORPUS / "seeds", seeds)
    with fonds.open(settings=fonds.settings(folder / "a.db", workers=2)) as archive:
        report = archive.ingest([DEMO, seeds, CORPUS / "frus-history" / "documents"])
        assert report.failed == 0, report.problems
        yield archive

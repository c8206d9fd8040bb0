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


# A page of our own whose text and markup carry script payloads: the web must show it inert.
HOSTILE_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Hostile page &lt;script&gt;alert(1)&lt;/script&gt; on Pyongyang aid</title>
<meta name="date" content="1957-05-02">
<script>alert(1)</script>
</head><body><main><article>
<h1>Hostile page &lt;script&gt;alert(1)&lt;/script&gt; on Pyongyang aid</h1>
<p>Kim Il Sung received the delegation in Pyongyang. The text quotes markup as words:
&lt;script&gt;alert(1)&lt;/script&gt; and &lt;img src=x onerror=alert(1)&gt; and
&lt;a href="javascript:alert(1)"&gt;click&lt;/a&gt; must stay text. The hostile test
page reports aid of 5 million rubles in 1957.</p>
<img src=x onerror=alert(1)>
<p onclick="alert(1)">A second paragraph about reconstruction in Hamhung, so the page
has enough text to be kept as the main text of the article.<script>alert(1)</script></p>
<p>A third paragraph: the hostile page ends here, with the word zanzibarite to find it.</p>
</article></main></body></html>
"""


@pytest.fixture(scope="session")
def web_archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[fonds.Archive]:
    """The demo, the seeds (when the corpus is beside the checkout) and a hostile HTML page
    ingested once, for the web tests (read-only)."""
    folder = tmp_path_factory.mktemp("web")
    docs = folder / "docs"
    shutil.copytree(DEMO, docs / "demo")
    if CORPUS.is_dir():
        shutil.copytree(CORPUS / "seeds", docs / "seeds")
    (docs / "hostile").mkdir()
    (docs / "hostile" / "hostile.html").write_text(HOSTILE_HTML, encoding="utf-8")
    with fonds.open(settings=fonds.settings(folder / "a.db", workers=2)) as archive:
        report = archive.ingest([docs])
        assert report.failed == 0, report.problems
        yield archive

#!/usr/bin/env python3
"""Ingest and search benchmark: fonds against bare SQLite FTS5 (floor) and bare Tantivy (limit).

For each ``--docs N`` it writes the same synthetic corpus (``make_corpus.iter_documents(N,
seed=1)``) as .txt files with a ``manifest.csv`` into a temporary WORK folder, then measures:

* SQLite FTS5 (floor): ingest from the files in one transaction; bm25 search with snippets.
* Tantivy (limit): the same analyzer as fonds; ingest, search with snippets, more-like-this.
* fonds: ``fonds ingest`` as a subprocess (wall time, peak memory of its process tree, disk),
  then search, facets and similar through ``fonds.open``, and ``fonds search`` wall time.

Results: a Markdown table on stdout and in ``OUT/results-N.md``, all figures in
``OUT/results-N.json``. Linux only (peak memory is read from /proc).

    .venv/bin/python bench/ingest_search.py --docs 10000 [--docs 100000] [--out bench/out] [--keep]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import importlib
import importlib.metadata
import json
import os
import platform
import random
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, TypeVar

import tantivy

import fonds
from fonds.store.index import MLT_PARAMS
from fonds.store.index import analyzer as fonds_analyzer

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SHARED_BENCH = REPO.parent / "shared" / "bench"
FILES_PER_FOLDER = 1000
REPEATS = 5  # timed runs per query, after one warm-up run
SIMILAR_DOCS = 50
CLI_RUNS = 5
POLL_SECONDS = 0.05
SEED = 1
MB = 1e6
MIB = 1024 * 1024
T = TypeVar("T")

# The analyzer and schema fonds uses (fonds/store/index.py), without the facet/date fields.
SNIPPET_CHARS = 240
TITLE_BOOST = 2.0
MLT_TEXT_CHARS = 20_000
WRITER_HEAP = 128_000_000
WRITER_THREADS = 2


# -- corpus -------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Corpus:
    docs: int
    text_bytes: int  # UTF-8 bytes of the .txt files (bodies)
    title_bytes: int
    distinct_bodies: int  # fonds stores identical files once
    seconds: float


@dataclass(frozen=True, slots=True)
class BenchQuery:
    kind: str
    text: str
    date_from: str | None = None
    date_to: str | None = None


def load_make_corpus(shared: Path) -> ModuleType:
    sys.path.insert(0, str(shared))
    try:
        return importlib.import_module("make_corpus")
    finally:
        sys.path.remove(str(shared))


def load_queries(path: Path) -> list[BenchQuery]:
    raw = json.loads(path.read_text("utf-8"))["queries"]
    return [
        BenchQuery(
            kind=q.get("kind", ""),
            text=q["query"],
            date_from=q.get("date_from", q.get("from")),
            date_to=q.get("date_to", q.get("to")),
        )
        for q in raw
    ]


def rel_path(doc_id: int) -> str:
    return f"{doc_id // FILES_PER_FOLDER:03d}/d{doc_id:06d}.txt"


def write_corpus(make_corpus: ModuleType, n: int, files: Path) -> Corpus:
    """Write N documents as .txt files (body only) and one manifest.csv (file,title,date,type)."""
    started = time.perf_counter()
    text_bytes = title_bytes = count = 0
    digests: set[bytes] = set()
    files.mkdir(parents=True)
    with (files / "manifest.csv").open("w", encoding="utf-8", newline="") as manifest:
        writer = csv.writer(manifest)
        writer.writerow(["file", "title", "date", "type"])
        for doc in make_corpus.iter_documents(n, seed=SEED):
            rel = rel_path(doc["id"])
            path = files / rel
            path.parent.mkdir(exist_ok=True)
            body = doc["body"].encode("utf-8")
            path.write_bytes(body)
            writer.writerow([rel, doc["title"], doc["date"], doc["type"]])
            digests.add(hashlib.sha256(body).digest())
            text_bytes += len(body)
            title_bytes += len(doc["title"].encode("utf-8"))
            count += 1
    return Corpus(count, text_bytes, title_bytes, len(digests), time.perf_counter() - started)


def read_docs(files: Path) -> Iterator[tuple[str, str, str]]:
    """(file, title, body) for every manifest row, the body read from its file."""
    with (files / "manifest.csv").open(encoding="utf-8", newline="") as manifest:
        for row in csv.DictReader(manifest):
            yield row["file"], row["title"], (files / row["file"]).read_text("utf-8")


# -- measuring ----------------------------------------------------------------------------
def percentile(values: Sequence[float], p: float) -> float:
    """Linear-interpolated percentile (as numpy's default)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * p / 100
    lo = int(k)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


@dataclass(frozen=True, slots=True)
class Latency:
    p50_ms: float
    p95_ms: float
    max_ms: float
    timings: int
    median_ms_by_item: list[float]  # in the order of the items (queries or sampled documents)


def latency(items: Sequence[T], run: Callable[[T], object]) -> Latency:
    """Run each item once to warm up, then REPEATS timed runs each; percentiles over all."""
    for item in items:
        run(item)
    by_item: list[list[float]] = [[] for _ in items]
    for _ in range(REPEATS):
        for i, item in enumerate(items):
            t0 = time.perf_counter()
            run(item)
            by_item[i].append((time.perf_counter() - t0) * 1000)
    times = [t for item_times in by_item for t in item_times]
    return Latency(
        percentile(times, 50),
        percentile(times, 95),
        max(times),
        len(times),
        [round(statistics.median(t), 3) for t in by_item],
    )


def disk_bytes(*paths: Path) -> int:
    total = 0
    for path in paths:
        if path.is_file():
            total += path.stat().st_size
        elif path.is_dir():
            total += sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
    return total


def rates(corpus: Corpus, seconds: float) -> dict[str, float]:
    return {
        "seconds": seconds,
        "docs_per_s": corpus.docs / seconds,
        "mb_per_s": corpus.text_bytes / MB / seconds,
    }


# -- floor: bare SQLite FTS5 --------------------------------------------------------------
_QUERY_TOKEN = re.compile(r'"[^"]*"\*?|[()]|[^\s()"]+')
_OPERATORS = {"AND", "OR", "NOT"}
_PLAIN_WORD = re.compile(r"^\w+\*?$")


def fts5_query(text: str) -> str:
    """fonds syntax -> FTS5: phrases, AND/OR/NOT, parentheses and prefix* pass through;
    ``-word`` becomes ``NOT word``; a word with other characters (``five-year``) is quoted."""
    out: list[str] = []
    for token in _QUERY_TOKEN.findall(text):
        if token.startswith("-") and len(token) > 1:
            out.append("NOT")
            token = token[1:]
        if token in _OPERATORS or token in "()" or token.startswith('"'):
            out.append(token)
        elif _PLAIN_WORD.match(token):
            out.append(token)
        else:
            star = "*" if token.endswith("*") else ""
            out.append('"' + token.rstrip("*").replace('"', "") + '"' + star)
    return " ".join(out)


FTS5_SEARCH = (
    "SELECT rowid, title, snippet(docs, 1, '<b>', '</b>', '…', 40) FROM docs "
    f"WHERE docs MATCH ? ORDER BY bm25(docs, {TITLE_BOOST}, 1.0) LIMIT 10"
)


def bench_fts5(
    work: Path, files: Path, corpus: Corpus, queries: list[BenchQuery]
) -> dict[str, Any]:
    db = work / "fts5.db"
    started = time.perf_counter()
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute(
        "CREATE VIRTUAL TABLE docs USING fts5(title, body, tokenize='unicode61 remove_diacritics 2')"
    )
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO docs(title, body) VALUES (?, ?)", ((t, b) for _, t, b in read_docs(files))
    )
    conn.execute("COMMIT")
    seconds = time.perf_counter() - started
    size = disk_bytes(db)

    def search(q: BenchQuery) -> int:
        return len(conn.execute(FTS5_SEARCH, (fts5_query(q.text),)).fetchall())

    hits = [search(q) for q in queries]
    search_latency = latency(queries, search)
    conn.close()
    return {
        "ingest": rates(corpus, seconds),
        "disk_bytes": size,
        "search": asdict(search_latency),
        "hits_top10": hits,
        "sqlite_version": sqlite3.sqlite_version,
    }


# -- limit: bare Tantivy, fonds' analyzer -------------------------------------------------
def tantivy_schema() -> tantivy.Schema:
    b = tantivy.SchemaBuilder()
    b.add_text_field("id", stored=True, tokenizer_name="raw")
    b.add_text_field("title", tokenizer_name="fonds")
    b.add_text_field("text", tokenizer_name="fonds")
    return b.build()


def tantivy_query(text: str) -> str:
    """fonds syntax -> Tantivy's parser: ``word*`` becomes a regex on title and text
    (the parser has no plain prefix); the rest passes through."""
    out: list[str] = []
    for token in _QUERY_TOKEN.findall(text):
        if token.endswith("*") and not token.startswith('"') and len(token) > 1:
            stem = re.escape(token.rstrip("*").lower())
            out.append(f"(title:/{stem}.*/ OR text:/{stem}.*/)")
        else:
            out.append(token)
    return " ".join(out)


class BareTantivy:
    def __init__(self, folder: Path, files: Path) -> None:
        folder.mkdir()
        self.files = files
        self.schema = tantivy_schema()
        self.index = tantivy.Index(self.schema, str(folder))
        self.index.register_tokenizer("fonds", fonds_analyzer())  # the same analysis as fonds

    def ingest(self) -> None:
        writer = self.index.writer(heap_size=WRITER_HEAP, num_threads=WRITER_THREADS)
        for rel, title, body in read_docs(self.files):
            writer.add_document(tantivy.Document(id=rel, title=title, text=body))
        writer.commit()
        writer.wait_merging_threads()
        self.index.reload()

    def parse(self, text: str) -> tantivy.Query:
        return self.index.parse_query(
            tantivy_query(text),
            ["title", "text"],
            field_boosts={"title": TITLE_BOOST},
            conjunction_by_default=True,  # fonds: juxtaposition means AND
            allow_regexes=True,
        )

    def search(self, q: BenchQuery) -> int:
        """Top 10 with a snippet of each hit's text (re-read from its file); the total count."""
        query = self.parse(q.text)
        searcher = self.index.searcher()
        result = searcher.search(query, 10, count=True)
        generator = tantivy.SnippetGenerator.create(searcher, query, self.schema, "text")
        generator.set_max_num_chars(SNIPPET_CHARS)
        for _, addr in result.hits:
            rel = str(searcher.doc(addr).get_first("id"))
            text = (self.files / rel).read_text("utf-8")
            generator.snippet_from_doc(tantivy.Document(text=text)).to_html()
        return int(result.count or 0)

    def similar(self, rel: str, title: str) -> int:
        """More-like-this with fonds' parameters over the document's title and text."""
        text = (self.files / rel).read_text("utf-8")
        mlt = tantivy.Query.more_like_this_document_fields_query(
            self.schema,
            {"title": [title], "text": [text[:MLT_TEXT_CHARS]]},
            **MLT_PARAMS,
        )
        query = tantivy.Query.boolean_query(
            [
                (tantivy.Occur.Must, mlt),
                (tantivy.Occur.MustNot, tantivy.Query.term_query(self.schema, "id", rel)),
            ]
        )
        searcher = self.index.searcher()
        hits = searcher.search(query, 10, count=False).hits
        return len([searcher.doc(a).get_first("id") for _, a in hits])


def bench_tantivy(
    work: Path, files: Path, corpus: Corpus, queries: list[BenchQuery]
) -> dict[str, Any]:
    folder = work / "tantivy"
    bare = BareTantivy(folder, files)
    started = time.perf_counter()
    bare.ingest()
    seconds = time.perf_counter() - started
    counts = [bare.search(q) for q in queries]
    search_latency = latency(queries, bare.search)
    titles = {rel: title for rel, title, _ in read_docs(files)}
    sample = random.Random(SEED).sample(sorted(titles), min(SIMILAR_DOCS, len(titles)))
    similar_latency = latency(sample, lambda rel: bare.similar(rel, titles[rel]))
    return {
        "ingest": rates(corpus, seconds),
        "disk_bytes": disk_bytes(folder),
        "search": asdict(search_latency),
        "similar": asdict(similar_latency),
        "total_hits": counts,
        "queries": [tantivy_query(q.text) for q in queries],
    }


# -- fonds --------------------------------------------------------------------------------
def _ppid(pid: str) -> int:
    with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
        stat = f.read()
    return int(stat[stat.rfind(")") + 2 :].split()[1])


def process_tree(root: int) -> list[int]:
    """root and all its descendants (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                children.setdefault(_ppid(entry), []).append(int(entry))
            except (OSError, ValueError, IndexError):
                continue
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, []))
    return tree


def rss_bytes(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def pss_bytes(pid: int) -> int:
    """The process's proportional set size: its private pages plus its share of the pages it
    shares (forked workers share the parent's tables), so a tree's PSS sums to what it uses."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


class PeakMemory(threading.Thread):
    """Polls the RSS and PSS of a process and its descendants; keeps the maxima."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_tree = 0
        self.peak_main = 0
        self.peak_pss_tree = 0
        self.max_processes = 0
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            tree = process_tree(self.pid)
            sizes = [rss_bytes(p) for p in tree]
            self.peak_tree = max(self.peak_tree, sum(sizes))
            self.peak_pss_tree = max(self.peak_pss_tree, sum(pss_bytes(p) for p in tree))
            self.peak_main = max(self.peak_main, sizes[0])
            self.max_processes = max(self.max_processes, sum(1 for s in sizes if s))
            self._halt.wait(POLL_SECONDS)

    def stop(self) -> None:
        self._halt.set()
        self.join()


def fonds_command() -> list[str]:
    script = Path(sys.executable).with_name("fonds")
    return [str(script)] if script.exists() else [sys.executable, "-m", "fonds"]


def fonds_ingest(db: Path, files: Path, corpus: Corpus) -> dict[str, Any]:
    cmd = [*fonds_command(), "ingest", "--db", str(db), "--json", str(files)]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    memory = PeakMemory(proc.pid)
    memory.start()
    stdout, stderr = proc.communicate()
    seconds = time.perf_counter() - started
    memory.stop()
    if proc.returncode != 0:
        raise RuntimeError(f"fonds ingest exited {proc.returncode}: {stderr.strip()[-2000:]}")
    report = json.loads(stdout)
    if report["failed"] or report["documents"] != corpus.distinct_bodies:
        raise RuntimeError(
            f"fonds ingest stored {report['documents']} documents of {corpus.distinct_bodies} "
            f"distinct files ({report['failed']} failed)"
        )
    return {
        **rates(corpus, seconds),
        "reported_seconds": report["seconds"],
        "documents": report["documents"],
        "peak_rss_tree_bytes": memory.peak_tree,
        "peak_rss_main_bytes": memory.peak_main,
        "peak_pss_tree_bytes": memory.peak_pss_tree,
        "max_processes": memory.max_processes,
        "disk_bytes": disk_bytes(
            db, db.with_name(db.name + "-wal"), db.with_name(db.name + ".index")
        ),
    }


def fonds_api(db: Path, queries: list[BenchQuery]) -> dict[str, Any]:
    with fonds.open(db) as archive:

        def search(q: BenchQuery, facets: bool = False) -> int:
            page = archive.search(
                q.text, limit=10, date_from=q.date_from, date_to=q.date_to, facets=facets
            )
            return page.total

        totals = [search(q) for q in queries]
        search_latency = latency(queries, search)
        facets_latency = latency(queries, lambda q: search(q, facets=True))
        ids = sorted(archive.store.stored_ids())
        sample = random.Random(SEED).sample(ids, min(SIMILAR_DOCS, len(ids)))
        similar_latency = latency(sample, lambda doc_id: archive.similar(doc_id, limit=10))
        stats = archive.stats()
    return {
        "search": asdict(search_latency),
        "facets": asdict(facets_latency),
        "similar": asdict(similar_latency),
        "total_hits": totals,
        "stats": {
            k: getattr(stats, k) for k in ("documents", "text_bytes", "db_bytes", "index_bytes")
        },
    }


def fonds_cli_search(db: Path) -> dict[str, Any]:
    cmd = [*fonds_command(), "search", "soviet aid", "--db", str(db)]
    walls: list[float] = []
    for _ in range(CLI_RUNS):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        walls.append(time.perf_counter() - t0)
    return {"median_s": statistics.median(walls), "runs_s": walls}


def bench_fonds(
    work: Path, files: Path, corpus: Corpus, queries: list[BenchQuery]
) -> dict[str, Any]:
    db = work / "fonds.db"
    return {
        "ingest": fonds_ingest(db, files, corpus),
        **fonds_api(db, queries),
        "cli_search": fonds_cli_search(db),
    }


# -- report -------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Check:
    name: str
    value: str
    target: str
    ok: bool


def checks(r: dict[str, Any]) -> list[Check]:
    f, fts, tv = r["fonds"], r["fts5"], r["tantivy"]
    ingest_ratio = f["ingest"]["mb_per_s"] / fts["ingest"]["mb_per_s"]
    search_p95 = f["search"]["p95_ms"]
    search_ratio = search_p95 / tv["search"]["p95_ms"]
    disk_ratio = f["ingest"]["disk_bytes"] / r["corpus"]["text_bytes"]
    peak = f["ingest"]["peak_pss_tree_bytes"] / MIB
    cli = f["cli_search"]["median_s"]
    return [
        Check("ingest MB/s, fonds / FTS5", f"{ingest_ratio:.2f}", ">= 0.5", ingest_ratio >= 0.5),
        Check("search p95, fonds / Tantivy", f"{search_ratio:.2f}", "<= 3", search_ratio <= 3),
        Check("search p95, fonds", f"{search_p95:.2f} ms", "< 15 ms", search_p95 < 15),
        Check(
            "similar p95, fonds",
            f"{f['similar']['p95_ms']:.2f} ms",
            "< 15 ms",
            f["similar"]["p95_ms"] < 15,
        ),
        Check(
            "facets p95, fonds",
            f"{f['facets']['p95_ms']:.2f} ms",
            "< 30 ms",
            f["facets"]["p95_ms"] < 30,
        ),
        Check("`fonds search` wall (median)", f"{cli:.3f} s", "< 0.5 s", cli < 0.5),
        Check("disk / text bytes, fonds", f"{disk_ratio:.2f}", "<= 2", disk_ratio <= 2),
        Check("peak memory (PSS), ingest tree", f"{peak:.0f} MiB", "< 500 MiB", peak < 500),
    ]


def _lat(block: dict[str, Any] | None) -> str:
    return f"{block['p50_ms']:.2f} / {block['p95_ms']:.2f}" if block else "–"


def render(r: dict[str, Any], results: list[Check]) -> str:
    c, f, fts, tv = r["corpus"], r["fonds"], r["fts5"], r["tantivy"]
    fi = f["ingest"]
    text = c["text_bytes"]

    def ingest_row(label: str, key: str, fmt: str) -> str:
        cells = [format(x["ingest"][key], fmt) for x in (f, fts, tv)]
        return f"| {label} | " + " | ".join(cells) + " |"

    def disk(x: dict[str, Any]) -> str:
        return f"{x / MB:.1f} ({x / text:.2f}x)"

    lines = [
        f"## fonds ingest/search benchmark, {c['docs']:,} documents",
        "",
        f"Corpus: make_corpus.py seed {SEED}, {c['docs']:,} .txt files "
        f"({c['distinct_bodies']:,} distinct; fonds stores identical files once), "
        f"{text / MB:.1f} MB of text; "
        f"{r['env']['cpus']} CPUs, Python {r['env']['python']}, tantivy {r['env']['tantivy']}, "
        f"SQLite {r['env']['sqlite']}.",
        "",
        "| | fonds | SQLite FTS5 (floor) | Tantivy (limit) |",
        "| --- | ---: | ---: | ---: |",
        ingest_row("ingest wall, s", "seconds", ".1f"),
        ingest_row("ingest docs/s", "docs_per_s", ",.0f"),
        ingest_row("ingest MB/s", "mb_per_s", ".2f"),
        f"| disk MB (x text) | {disk(fi['disk_bytes'])} | {disk(fts['disk_bytes'])} | "
        f"{disk(tv['disk_bytes'])} |",
        f"| search p50 / p95, ms | {_lat(f['search'])} | {_lat(fts['search'])} | "
        f"{_lat(tv['search'])} |",
        f"| facets p50 / p95, ms | {_lat(f['facets'])} | – | – |",
        f"| similar p50 / p95, ms | {_lat(f['similar'])} | – | {_lat(tv['similar'])} |",
        f'| `fonds search "soviet aid"` wall, median | {f["cli_search"]["median_s"]:.3f} s | – | – |',
        f"| ingest peak PSS, process tree | {fi['peak_pss_tree_bytes'] / MIB:.0f} MiB | – | – |",
        f"| ingest peak RSS, process tree / main | {fi['peak_rss_tree_bytes'] / MIB:.0f} / "
        f"{fi['peak_rss_main_bytes'] / MIB:.0f} MiB | – | – |",
        "",
        "| check | value | target | result |",
        "| --- | ---: | ---: | :---: |",
        *(f"| {x.name} | {x.value} | {x.target} | {'PASS' if x.ok else 'FAIL'} |" for x in results),
        "",
    ]
    return "\n".join(lines)


def git_state() -> dict[str, Any]:
    """The commit and the files changed since it (results depend on the working tree)."""

    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True)
        return done.stdout.rstrip() if done.returncode == 0 else ""

    return {
        "commit": git("rev-parse", "HEAD"),
        "changed": git("status", "--porcelain").splitlines(),
    }


def environment() -> dict[str, Any]:
    return {
        "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "git": git_state(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "tantivy": importlib.metadata.version("tantivy"),
        "sqlite": sqlite3.sqlite_version,
        "fonds": fonds.__version__,
    }


def run_one(
    n: int, make_corpus: ModuleType, queries: list[BenchQuery], keep: bool
) -> dict[str, Any]:
    env = environment()
    work = Path(tempfile.mkdtemp(prefix=f"fonds-bench-{n}-"))
    files = work / "files"
    try:
        log(f"{n}: writing corpus to {files}")
        corpus = write_corpus(make_corpus, n, files)
        log(f"{n}: SQLite FTS5")
        fts = bench_fts5(work, files, corpus, queries)
        log(f"{n}: bare Tantivy")
        tv = bench_tantivy(work, files, corpus, queries)
        log(f"{n}: fonds")
        fd = bench_fonds(work, files, corpus, queries)
    finally:
        if keep:
            log(f"{n}: kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return {
        "env": env,
        "corpus": asdict(corpus),
        "queries": [asdict(q) for q in queries],
        "fts5": fts,
        "tantivy": tv,
        "fonds": fd,
    }


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, action="append", required=True, help="corpus size N")
    ap.add_argument("--out", type=Path, default=HERE / "out", help="results folder")
    ap.add_argument("--keep", action="store_true", help="keep the WORK folder")
    ap.add_argument("--shared", type=Path, default=SHARED_BENCH, help="make_corpus.py folder")
    args = ap.parse_args(argv)
    make_corpus = load_make_corpus(args.shared)
    queries = load_queries(args.shared / "queries.json")
    args.out.mkdir(parents=True, exist_ok=True)
    for n in args.docs:
        result = run_one(n, make_corpus, queries, args.keep)
        results = checks(result)
        result["checks"] = [asdict(x) for x in results]
        table = render(result, results)
        (args.out / f"results-{n}.json").write_text(json.dumps(result, indent=1) + "\n")
        (args.out / f"results-{n}.md").write_text(table)
        print(table, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Web load benchmark: ``fonds serve`` on loopback under concurrent clients, bounded in time.

It builds an archive of ``--docs N`` synthetic documents (``make_corpus.iter_documents(N,
seed=1)``, written and ingested by the helpers of ``ingest_search.py``) or reuses ``--db``,
starts ``fonds serve`` as a subprocess on a free 127.0.0.1 port, then runs ``--clients``
concurrent keep-alive clients (httpx.AsyncClient, one connection each) for ``--seconds`` over
a mix of search pages (the 32 queries of ``queries.json``; some with a type facet, some on
page 2), document pages, the "Similar documents" fragment and API search/document calls.

Results: a Markdown table on stdout and in ``OUT/web-load-N.md``, every figure in
``OUT/web-load-N.json``. Any non-2xx answer or exception counts as an error.

    .venv/bin/python bench/web_load.py --docs 10000 [--clients 32] [--seconds 30] [--workers 2]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
import ingest_search as bench  # noqa: E402  (the corpus, ingest and report helpers)

SEED = bench.SEED
WARMUP_SECONDS = 3.0
START_TIMEOUT = 600.0  # the server may rebuild an index first
TIMEOUT = 30.0  # per request
# route kind -> weight in the mix (a reader searches, opens documents, and htmx loads the
# similar list of each document page; scripts call the API)
MIX: dict[str, int] = {
    "search page": 35,
    "document page": 25,
    "similar fragment": 10,
    "api search": 15,
    "api document": 15,
}
FACET_TYPES = ("memorandum", "telegram", "letter", "report")


@dataclass(slots=True)
class Tally:
    """Latencies (ms) and errors of one route kind."""

    timings: list[float] = field(default_factory=list)
    errors: int = 0
    samples: list[str] = field(default_factory=list)  # the first few error descriptions

    def error(self, what: str) -> None:
        self.errors += 1
        if len(self.samples) < 5:
            self.samples.append(what)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def build_archive(n: int, db: Path, shared: Path) -> dict[str, Any]:
    """Write the corpus into a temporary folder and ``fonds ingest`` it into ``db``."""
    make_corpus = bench.load_make_corpus(shared)
    files = Path(tempfile.mkdtemp(prefix=f"fonds-web-{n}-")) / "files"
    try:
        log(f"writing {n} documents to {files}")
        corpus = bench.write_corpus(make_corpus, n, files)
        log(f"ingesting into {db}")
        return bench.fonds_ingest(db, files, corpus)
    finally:
        shutil.rmtree(files.parent, ignore_errors=True)


class Server:
    """``fonds serve`` as a subprocess on a free loopback port."""

    def __init__(self, db: Path, workers: int) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        cmd = [
            *bench.fonds_command(),
            "serve",
            "--db",
            str(db),
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            *(["--workers", str(workers)] if workers != 1 else []),  # older servers lack it
        ]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def wait(self) -> float:
        started = time.perf_counter()
        while time.perf_counter() - started < START_TIMEOUT:
            if self.proc.poll() is not None:
                err = self.proc.stderr.read().decode() if self.proc.stderr else ""
                raise RuntimeError(f"fonds serve exited {self.proc.returncode}: {err[-2000:]}")
            try:
                if httpx.get(self.url + "/api/v1/stats", timeout=2).status_code == 200:
                    return time.perf_counter() - started
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise RuntimeError("fonds serve did not answer in time")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def sample_ids(url: str, want: int = 2000) -> list[str]:
    """Document ids to open, read through the API (a match-all search, page by page)."""
    ids: list[str] = []
    with httpx.Client(base_url=url, timeout=TIMEOUT) as client:
        while len(ids) < want:
            r = client.get(
                "/api/v1/search",
                params={"limit": 1000, "offset": len(ids), "facets": "false"},
            )
            r.raise_for_status()
            items = r.json()["items"]
            ids.extend(h["id"] for h in items)
            if len(items) < 1000:
                break
    if not ids:
        raise RuntimeError("the archive has no documents")
    return ids


def request_maker(
    queries: list[bench.BenchQuery], ids: list[str]
) -> Callable[[random.Random], tuple[str, str]]:
    """A function of an RNG giving (route kind, path with query string)."""
    kinds, weights = list(MIX), list(MIX.values())

    def search_params(rng: random.Random, q: bench.BenchQuery) -> dict[str, str]:
        params = {"q": q.text}
        if q.date_from:
            params["from"] = q.date_from
        if q.date_to:
            params["to"] = q.date_to
        return params

    def make(rng: random.Random) -> tuple[str, str]:
        kind = rng.choices(kinds, weights)[0]
        q = rng.choice(queries)
        doc = rng.choice(ids)
        if kind == "search page":
            params = search_params(rng, q)
            roll = rng.random()
            if roll < 0.25:
                params["type"] = rng.choice(FACET_TYPES)
            elif roll < 0.5:
                params["page"] = "2"
            return kind, "/?" + urlencode(params)
        if kind == "document page":
            return kind, f"/documents/{doc}"
        if kind == "similar fragment":
            return kind, f"/documents/{doc}/similar"
        if kind == "api search":
            params = search_params(rng, q)
            if rng.random() < 0.25:
                params["offset"] = "10"
            return kind, "/api/v1/search?" + urlencode(params)
        return kind, f"/api/v1/documents/{doc}"

    return make


async def client_loop(
    url: str,
    make: Callable[[random.Random], tuple[str, str]],
    rng: random.Random,
    until: float,
    record_from: float,
    tallies: dict[str, Tally],
) -> None:
    """One reader: one keep-alive connection, one request after another until ``until``."""
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=TIMEOUT) as client:
        while (now := time.perf_counter()) < until:
            kind, path = make(rng)
            t0 = time.perf_counter()
            try:
                r = await client.get(path)
                await r.aread()
                ok, what = 200 <= r.status_code < 300, f"{r.status_code} {path}"
            except Exception as exc:  # every failure counts, whatever it is
                ok, what = False, f"{exc.__class__.__name__}: {exc} {path}"
            elapsed = (time.perf_counter() - t0) * 1000
            if now < record_from:
                continue  # warm-up
            tally = tallies[kind]
            tally.timings.append(elapsed)
            if not ok:
                tally.error(what)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and its live descendants (from /proc)."""
    ticks = 0
    for p in bench.process_tree(pid):
        try:
            with open(f"/proc/{p}/stat", encoding="ascii", errors="replace") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
        except (OSError, IndexError, ValueError):
            continue
    return ticks / os.sysconf("SC_CLK_TCK")


async def run_load(
    url: str,
    make: Callable[[random.Random], tuple[str, str]],
    clients: int,
    seconds: float,
    server_pid: int,
) -> tuple[dict[str, Tally], float, float]:
    """The tallies, the measured wall time and the server's CPU seconds in it."""
    tallies = {kind: Tally() for kind in MIX}
    start = time.perf_counter()
    record_from = start + WARMUP_SECONDS
    until = record_from + seconds

    async def cpu_at(moment: float) -> float:
        await asyncio.sleep(max(0.0, moment - time.perf_counter()))
        return cpu_seconds(server_pid)

    first = asyncio.create_task(cpu_at(record_from))
    await asyncio.gather(
        *(
            client_loop(url, make, random.Random(SEED + i), until, record_from, tallies)
            for i in range(clients)
        )
    )
    # requests that started before ``until`` finish after it: count the whole window
    wall = time.perf_counter() - record_from
    return tallies, wall, cpu_seconds(server_pid) - await first


def summarize(tallies: dict[str, Tally], wall: float) -> dict[str, Any]:
    def row(timings: list[float], errors: int) -> dict[str, Any]:
        pct = bench.percentile
        return {
            "requests": len(timings),
            "per_s": len(timings) / wall,
            "p50_ms": pct(timings, 50),
            "p95_ms": pct(timings, 95),
            "p99_ms": pct(timings, 99),
            "max_ms": max(timings, default=float("nan")),
            "errors": errors,
        }

    kinds = {k: row(t.timings, t.errors) | {"error_samples": t.samples} for k, t in tallies.items()}
    every = [x for t in tallies.values() for x in t.timings]
    total = row(every, sum(t.errors for t in tallies.values()))
    return {"wall_s": wall, "kinds": kinds, "total": total}


def render(result: dict[str, Any]) -> str:
    a, s = result["args"], result["summary"]
    cpu_ms = 1000 * result["server_cpu_s"] / max(1, s["total"]["requests"])

    def line(name: str, r: dict[str, Any]) -> str:
        return (
            f"| {name} | {r['requests']:,} | {r['per_s']:.1f} | {r['p50_ms']:.1f} | "
            f"{r['p95_ms']:.1f} | {r['p99_ms']:.1f} | {r['max_ms']:.0f} | {r['errors']} |"
        )

    env = result["env"]
    return "\n".join(
        [
            f"## fonds web load, {result['documents']:,} documents",
            "",
            f"{a['clients']} keep-alive clients for {a['seconds']:.0f} s (after "
            f"{WARMUP_SECONDS:.0f} s warm-up) against `fonds serve --workers {a['workers']}` "
            f"on loopback; {env['cpus']} CPUs, Python {env['python']}; the clients used "
            f"{result['client_cpu_s']:.0f} s of CPU, the server "
            f"{result['server_cpu_s']:.0f} s: {cpu_ms:.1f} ms of server CPU a request. "
            f"Mix: " + ", ".join(f"{k} {w}%" for k, w in MIX.items()) + ".",
            "",
            "| route kind | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | errors |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
            *(line(k, r) for k, r in s["kinds"].items()),
            line("**all**", s["total"]),
            "",
        ]
    )


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=10_000, help="corpus size N (when building)")
    ap.add_argument("--db", type=Path, help="reuse this archive (built here when missing)")
    ap.add_argument("--clients", type=int, default=32)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--workers", type=int, default=1, help="fonds serve --workers")
    ap.add_argument("--out", type=Path, default=bench.HERE / "out", help="results folder")
    ap.add_argument("--shared", type=Path, default=bench.SHARED_BENCH, help="make_corpus.py folder")
    args = ap.parse_args(argv)
    if args.clients < 1 or not 0 < args.seconds <= 600:
        ap.error("--clients >= 1 and 0 < --seconds <= 600")
    queries = bench.load_queries(args.shared / "queries.json")
    temp: Path | None = None
    db = args.db
    if db is None:
        temp = Path(tempfile.mkdtemp(prefix="fonds-web-db-"))
        db = temp / "fonds.db"
    ingest = build_archive(args.docs, db, args.shared) if not db.exists() else None
    env = bench.environment()
    server = Server(db, args.workers)
    try:
        log(f"serving {db} at {server.url} ({args.workers} workers)")
        started_s = server.wait()
        ids = sample_ids(server.url)
        with httpx.Client(base_url=server.url) as c:
            documents = int(c.get("/api/v1/stats").json()["documents"])
        log(f"{args.clients} clients for {args.seconds:.0f} s over {documents:,} documents")
        make = request_maker(queries, ids)
        cpu = time.process_time()
        tallies, wall, server_cpu = asyncio.run(
            run_load(server.url, make, args.clients, args.seconds, server.proc.pid)
        )
        cpu = time.process_time() - cpu
    finally:
        server.stop()
        if temp is not None:
            shutil.rmtree(temp, ignore_errors=True)
    result: dict[str, Any] = {
        "env": env,
        "args": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()},
        "documents": documents,
        "server_start_s": started_s,
        "ingest": ingest,
        "mix": MIX,
        "client_cpu_s": cpu,  # the clients share the machine with the server
        "server_cpu_s": server_cpu,
        "summary": summarize(tallies, wall),
    }
    result["server_cpu_ms_per_request"] = (
        1000 * server_cpu / max(1, result["summary"]["total"]["requests"])
    )
    table = render(result)
    args.out.mkdir(parents=True, exist_ok=True)
    name = f"web-load-{documents}-w{args.workers}"
    (args.out / f"{name}.json").write_text(json.dumps(result, indent=1) + "\n")
    (args.out / f"{name}.md").write_text(table)
    print(table, flush=True)
    errors = result["summary"]["total"]["errors"]
    for kind, r in result["summary"]["kinds"].items():
        for sample in r["error_samples"]:
            log(f"error ({kind}): {sample}")
    return 1 if errors else 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())

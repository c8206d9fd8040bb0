"""Ingest: walk paths -> process each file (pure: sniff, read, sidecar, extract) -> commit.

``plan`` walks, ``process`` runs in worker processes and never touches the store, and
``Ingestor.commit`` is the only writer: whole files per transaction, the database first and
the index after, so a crash at any point leaves a consistent archive that the next run
completes.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import os
import signal
import sys
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from itertools import chain, islice
from multiprocessing import get_context
from pathlib import Path

from fonds import sidecar
from fonds.config import Settings
from fonds.errors import FondsError, ReadError
from fonds.extract import run_pipeline
from fonds.model import Document, Source
from fonds.readers import SNIFF_BYTES, is_supported, pick_reader
from fonds.reports import Failed, IngestEvent, IngestReport
from fonds.store import Change, Incoming, Store

log = logging.getLogger(__name__)

_SKIP_DIRS = {"__pycache__", "node_modules", "CVS", "_darcs"}
_CHUNK = 16  # files per worker task
_WINDOW = 8  # worker tasks in flight
_BATCH_DOCS = 1000  # documents per database transaction
_BATCH_BYTES = 16 * 1024 * 1024
_INDEX_EVERY = 50_000  # documents between index commits during a long batch


@dataclass(frozen=True, slots=True)
class Task:
    """A file to ingest, with what is known before reading it."""

    path: str
    size: int
    mtime_ns: int
    overrides: sidecar.Overrides | None = None  # looked up by the main process before reading
    meta_hash: str = ""


@dataclass(frozen=True, slots=True)
class Processed:
    task: Task
    source: Source
    docs: tuple[Document, ...]


def plan(paths: Iterable[Path], settings: Settings) -> Iterator[Task | Failed]:
    """Walk files and folders (recursively, hidden and VCS folders skipped, symlinked folders
    not followed), lazily; sidecars and the archive's own files are not documents."""
    own = {str(settings.db), f"{settings.db}-wal", f"{settings.db}-shm"}
    index_dir = str(settings.index_dir)
    for given in paths:
        root = Path(given)
        if not root.exists():
            yield Failed(str(given), "no such file or folder")
            continue
        if root.is_file():
            single = root.resolve()
            siblings = frozenset(os.listdir(single.parent))
            yield from _task(str(single), siblings, settings, explicit=True)
            continue
        for folder, dirs, files in os.walk(str(root.resolve()), followlinks=False):
            dirs[:] = sorted(
                d
                for d in dirs
                if not d.startswith(".")
                and d not in _SKIP_DIRS
                and os.path.join(folder, d) != index_dir
            )
            siblings = frozenset(files)
            for name in sorted(files):
                path = os.path.join(folder, name)
                if name.startswith(".") or path in own:
                    continue
                yield from _task(path, siblings, settings, explicit=False)


def count(paths: Iterable[Path]) -> int:
    """How many files ``plan`` will look at (names only, for a progress bar's total)."""
    n = 0
    for given in paths:
        if Path(given).is_file():
            n += 1
            continue
        for _, dirs, files in os.walk(given, followlinks=False):
            dirs[:] = [d for d in dirs if not d.startswith(".") and d not in _SKIP_DIRS]
            n += sum(1 for f in files if not f.startswith("."))
    return n


def _task(
    path: str, siblings: frozenset[str], settings: Settings, *, explicit: bool
) -> Iterator[Task | Failed]:
    if sidecar.is_sidecar(path, siblings):
        return
    suffix = os.path.splitext(path)[1].lower()
    if not explicit and not is_supported(suffix):
        yield Failed(path, f"unsupported format ({suffix or 'no extension'})", "skipped")
        return
    try:
        stat = os.stat(path)
    except OSError as exc:
        yield Failed(path, f"unreadable ({exc.strerror or exc})")
        return
    if stat.st_size > settings.max_file_bytes:
        limit = settings.max_file_bytes / 1048576
        yield Failed(
            path, f"file over the size limit ({stat.st_size / 1048576:.1f} MB > {limit:g} MB)"
        )
        return
    yield Task(path, stat.st_size, stat.st_mtime_ns)


def process(task: Task) -> Processed | Failed:
    """Read one file into documents. Pure: never touches the store; safe in a worker.

    This is the one catch-all: a ReadError is the file's fault; anything else is a bug,
    reported as an internal error in the step where it happened.
    """
    step = "read"
    try:
        with open(task.path, "rb") as fh:
            data = fh.read(task.size + 1)
        step = "sniff"
        reader = pick_reader(Path(task.path), data[:SNIFF_BYTES])
        source = Source(task.path, hashlib.sha256(data).hexdigest(), len(data), reader.media_type)
        step = f"{reader.name} reader"
        docs = reader.read(source, data)
        step = "sidecar"
        docs = [sidecar.apply(d, task.overrides or {}, position=i) for i, d in enumerate(docs)]
        step = "extract"
        return Processed(task, source, tuple(run_pipeline(d) for d in docs))
    except ReadError as exc:
        status = "skipped" if exc.reason.startswith("unsupported format") else "failed"
        return Failed(task.path, exc.reason, status)
    except OSError as exc:
        return Failed(task.path, f"unreadable ({exc.strerror or exc})")
    except FondsError as exc:
        return Failed(task.path, str(exc))
    except Exception:  # the per-file boundary: any other exception is a bug in fonds
        return Failed(
            task.path,
            f"internal error in {step} (run with -v for the traceback)",
            detail=traceback.format_exc(),
        )


def _process_chunk(tasks: list[Task]) -> list[Processed | Failed]:
    return [process(t) for t in tasks]


def _init_worker() -> None:
    """Workers leave Ctrl-C to the main process, and die with their parent (Linux), so a
    killed ingest leaves no orphaned readers behind."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        if os.getppid() == 1:  # the parent died before prctl took effect
            os._exit(1)


class Ingestor:
    """Runs one ingest: plans, reads in worker processes, commits in this process."""

    def __init__(
        self,
        store: Store,
        settings: Settings,
        on_event: Callable[[IngestEvent], None] | None = None,
    ) -> None:
        self.store = store
        self.settings = settings
        self.on_event = on_event or (lambda event: None)
        self.report = IngestReport()
        self._batch: list[Processed] = []
        self._batch_bytes = 0
        self._since_index_commit = 0

    def run(self, paths: Iterable[Path]) -> IngestReport:
        started = time.perf_counter()
        roots = list(paths)
        self.on_event(IngestEvent("planned", total=count(roots)))
        try:
            for result in self._results(self._todo(roots)):
                if isinstance(result, Failed):
                    self._failed(result)
                else:
                    self._add(result)
            self._flush()
        finally:
            self.store.commit_index()
            self.report.seconds = time.perf_counter() - started
        return self.report

    def _todo(self, roots: list[Path]) -> Iterator[Task]:
        """The files to read, lazily; bad and unchanged files are reported on the way.

        A file the archive holds with the same size, time and sidecar values is unchanged.
        Sidecars are looked up here, once per folder's manifest, and travel with the task.
        """
        planned = plan(roots, self.settings)
        finder = sidecar.SidecarFinder()  # reads each folder's manifest once
        while group := list(islice(planned, 256)):
            tasks = [t for t in group if isinstance(t, Task)]
            states = self.store.path_states([t.path for t in tasks])
            for item in group:
                if isinstance(item, Failed):
                    self._failed(item)
                    continue
                try:
                    overrides, meta_hash = finder.overrides(item.path)
                except ReadError as exc:
                    self._failed(Failed(item.path, str(exc)))
                    continue
                state = states.get(item.path)
                if (
                    state is not None
                    and (state.size, state.mtime_ns) == (item.size, item.mtime_ns)
                    and meta_hash == state.meta_hash
                ):
                    self.report.count("unchanged")
                    self.on_event(IngestEvent("file", item.path, "unchanged"))
                else:
                    yield dataclasses.replace(item, overrides=overrides, meta_hash=meta_hash)

    def _results(self, tasks: Iterator[Task]) -> Iterator[Processed | Failed]:
        """Results in file order; chunks are read by worker processes, at most ``_WINDOW``
        chunks in flight, so memory stays flat however many files there are."""
        chunks = iter(lambda: list(islice(tasks, _CHUNK)), [])
        first = list(islice(chunks, 2))
        if self.settings.workers <= 1 or len(first) < 2:
            for chunk in chain(first, chunks):
                yield from _process_chunk(chunk)
            return
        # fork: workers start with fonds already imported, and a user's script needs no
        # __main__ guard (spawn and forkserver re-import it). They are forked before the
        # index writer starts its threads, and only ever read files.
        from fonds.extract.pipeline import prepare

        prepare()
        pool = ProcessPoolExecutor(
            self.settings.workers, mp_context=get_context("fork"), initializer=_init_worker
        )
        todo = chain(first, chunks)
        try:
            pending: dict[Future[list[Processed | Failed]], int] = {}
            ready: dict[int, list[Processed | Failed]] = {}
            submitted = next_yield = 0
            exhausted = False
            while True:
                while not exhausted and len(pending) + len(ready) < _WINDOW:
                    chunk = next(todo, [])
                    if not chunk:
                        exhausted = True
                        break
                    pending[pool.submit(_process_chunk, chunk)] = submitted
                    submitted += 1
                if not pending and not ready:
                    return
                if pending:
                    done, _ = wait(pending, return_when=FIRST_COMPLETED)
                    for fut in done:
                        ready[pending.pop(fut)] = fut.result()
                while next_yield in ready:  # keep file order, so runs are reproducible
                    yield from ready.pop(next_yield)
                    next_yield += 1
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def _failed(self, failed: Failed) -> None:
        self.report.count(failed.status)
        self.report.problems.append(failed)
        if failed.detail:
            log.info("%s: %s", failed.path, failed.detail)
        self.on_event(IngestEvent("file", failed.path, failed.status, failed.reason))

    def _add(self, item: Processed) -> None:
        self._batch.append(item)
        self._batch_bytes += item.source.size
        if len(self._batch) >= _BATCH_DOCS or self._batch_bytes >= _BATCH_BYTES:
            self._flush()

    def _flush(self) -> None:
        """Commit the batch to the database (one transaction), then hand it to the index."""
        if not self._batch:
            return
        batch, self._batch, self._batch_bytes = self._batch, [], 0
        changes = self.store.save(
            [
                Incoming(p.source, p.docs, p.task.path, p.task.mtime_ns, p.task.meta_hash)
                for p in batch
            ]
        )
        self.store.index_changes(changes)
        for item, change in zip(batch, changes, strict=True):
            self._record(item, change)
        self._since_index_commit += sum(len(c.put) for c in changes)
        if self._since_index_commit >= _INDEX_EVERY:
            self.store.commit_index()
            self._since_index_commit = 0

    def _record(self, item: Processed, change: Change) -> None:
        self.report.count(change.status)
        self.report.documents += len(change.put)
        self.report.bytes += item.source.size
        self.on_event(
            IngestEvent("file", item.task.path, change.status, change.note, bytes=item.source.size)
        )

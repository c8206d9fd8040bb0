"""Archive: the library API that the CLI, the web app and notebooks share.

import fonds
with fonds.open("fonds.db") as archive:
    archive.ingest(["demo/"])
    page = archive.search("soviet aid", limit=10, date_from="1953", date_to="1961")
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from fonds import config
from fonds.config import Settings
from fonds.errors import ArchiveError, QueryError, UsageError
from fonds.model import Document, Hit, SearchPage, Stats
from fonds.reports import IngestEvent, IngestReport
from fonds.store import Store, open_store
from fonds.store import query as q
from fonds.store.sqlite import ProgressFn

log = logging.getLogger(__name__)

_DATE_FILTER = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
MAX_LIMIT = 1000


@dataclass(slots=True)
class CheckReport:
    """What ``check`` found and what it repaired."""

    problems: list[str] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)
    documents: int = 0
    indexed: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def open(db: str | Path | None = None, *, settings: Settings | None = None) -> Archive:  # noqa: A001
    """Open (or create) the archive at ``db`` (default: ``FONDS_DB`` or ``./fonds.db``)."""
    return Archive(settings or config.settings(db))


class Archive:
    """An archive: a SQLite store of record and the Tantivy index beside it."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.store: Store = open_store(settings)

    def __enter__(self) -> Archive:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    # -- writing -------------------------------------------------------------------------
    def ingest(
        self,
        paths: Iterable[str | Path],
        *,
        on_event: Callable[[IngestEvent], None] | None = None,
        on_progress: ProgressFn | None = None,
    ) -> IngestReport:
        """Ingest files and folders; bad files are reported in the result, never raised."""
        from fonds.ingest import Ingestor  # the readers load only when ingesting

        self.store.catch_up(on_progress)
        return Ingestor(self.store, self.settings, on_event).run(Path(p) for p in paths)

    def reindex(self, on_progress: ProgressFn | None = None) -> int:
        """Rebuild the search index from the database alone; returns documents indexed."""
        return self.store.reindex(on_progress)

    def ensure_index(self, on_progress: ProgressFn | None = None) -> int:
        """Catch the index up with the database (rebuild it if missing); returns changes applied.

        If another process holds the index (an ingest is running), search goes on with the
        index as it is, and documents the database lacks are still never returned.
        """
        if self.store.index_lag() == 0:
            return 0
        try:
            return self.store.catch_up(on_progress)
        except ArchiveError as exc:
            log.warning("%s; results may miss the newest documents", exc)
            return 0

    def check(self, *, repair: bool = True) -> CheckReport:
        """Verify database integrity and that index and database agree; repair the index."""
        report = CheckReport()
        report.problems.extend(self.store.integrity())
        lag = self.store.index_lag()
        if lag:
            what = "missing or foreign" if lag < 0 else f"{lag} changes behind"
            if repair:
                self.store.catch_up()
                report.repaired.append(f"search index was {what}; caught up")
            else:
                report.problems.append(f"search index is {what}")
        stored, indexed = self.store.stored_ids(), self.store.indexed_ids()
        report.documents, report.indexed = len(stored), len(indexed)
        if stored != indexed:
            extra, missing = len(indexed - stored), len(stored - indexed)
            if repair:
                self.store.reindex()
                report.repaired.append(
                    f"index disagreed with the database ({missing} missing, {extra} extra); rebuilt"
                )
                report.indexed = len(self.store.indexed_ids())
            else:
                report.problems.append(f"index lacks {missing} and has {extra} unknown documents")
        return report

    # -- reading -------------------------------------------------------------------------
    def search(
        self,
        text: str | q.Query = "",
        *,
        limit: int = 10,
        offset: int = 0,
        date_from: str | None = None,
        date_to: str | None = None,
        type: str | None = None,
        collection: str | None = None,  # noqa: A002
        language: str | None = None,
        facets: bool = True,
    ) -> SearchPage:
        """Ranked documents for a query in the fonds query language, with facet counts.

        Raises QueryError (with the position) for a query it cannot parse or bad filters.
        """
        if isinstance(text, q.Query):
            query = text
        else:
            for name, value in (("from", date_from), ("to", date_to)):
                if value is not None and not _DATE_FILTER.match(value):
                    raise QueryError(
                        f"--{name} {value!r} is not a date (1957, 1957-09 or 1957-09-13)"
                    )
            if not 0 <= limit <= MAX_LIMIT or offset < 0:
                raise QueryError(f"limit must be 0..{MAX_LIMIT} and offset >= 0")
            query = q.build(
                text,
                limit=limit,
                offset=offset,
                date_from=date_from,
                date_to=date_to,
                type=type.lower() if type else None,
                collection=collection,
                language=language.lower() if language else None,
                facets=facets,
            )
        self.ensure_index()
        return self.store.search(query)

    def document(self, doc_id: str) -> Document:
        """The stored document; raises NotFound."""
        return self.store.document(doc_id)

    def paths(self, doc_id: str) -> list[str]:
        """Every path the document's source file was found under; raises NotFound."""
        return self.store.paths_for(self.store.document(doc_id).source.sha256)

    def similar(self, doc_id: str, limit: int = 10) -> list[Hit]:
        """Documents most like this one (the "Similar documents" list); raises NotFound."""
        self.ensure_index()
        return self.store.similar(doc_id, limit)

    def citations(
        self, *, document: str | None = None, archive: str | None = None, kind: str | None = None
    ) -> list[dict[str, Any]]:
        """Citations found in notes: ``document``, ``note``, ``raw``, ``kind``, ``archive``,
        ``fields``, ``canonical``, ``pages``; filtered by document, archive and kind."""
        from fonds.extract import archival

        if archive is not None:
            known = archival.lookup(archive)
            archive = known.id if known is not None else archive
        return self.store.citations(document=document, archive=archive, kind=kind)

    def citation_groups(
        self, *, archive: str | None = None, kind: str | None = None
    ) -> list[dict[str, Any]]:
        """Each cited archival file or published work once, with how often and by which
        documents it is cited (back-references count for what they resolve to), described by
        the fullest citation of it (``fields``) and a ``label``."""
        from fonds.extract import archival, works

        if archive is not None:
            known = archival.lookup(archive)
            archive = known.id if known is not None else archive
        groups = self.store.citation_groups(archive=archive, kind=kind)
        for g in groups:
            is_work = g["kind"] != "archival" and g["fields"].get("title")
            g["label"] = works.label(g["fields"]) if is_work else g["canonical"]
        return groups

    def cited_by(self, ref: str) -> list[dict[str, Any]]:
        """Every citation of the archival file ``ref`` or of anything inside it, or of the
        published work ``ref``, with the pages cited. ``ref``: an archival citation in any
        style, a canonical form, ``rgani 5/28/412``, a work (``Armstrong, Fraternal
        Socialism``) or a work's key (``armstrong|fraternal socialism``).
        Raises UsageError when ``ref`` names no file or work fonds can read."""
        from fonds.extract import archival, works

        canonical = archival.parse_ref(ref)
        if canonical is not None:
            return self.store.citations(canonical=canonical)
        if "|" in ref:
            return self.store.citations(work=ref.strip().casefold())
        work = works.parse(ref)
        if work is not None and work.key and "author" in work.fields:
            return self.store.citations(work=work.key)
        raise UsageError(
            f"cannot read {ref!r} as an archival file or a work (try 'RGANI, f. 5, op. 28, d. 412', "
            "'rgani 5/28/412' or 'Armstrong, Fraternal Socialism')"
        )

    def export(self, doc_id: str, fmt: str = "chicago", *, bibliography: bool = False) -> str:
        """The document's reference in ``fmt`` (chicago, csl-json, bibtex), or with
        ``bibliography`` everything it cites. Raises NotFound and UsageError."""
        from fonds import export

        exporter = export.get(fmt)
        doc = self.document(doc_id)
        if bibliography:
            return exporter.bibliography(doc, self.store.citations(document=doc_id))
        return exporter.document(doc)

    def stats(self) -> Stats:
        """Counts by type, language, decade and status, and sizes on disk."""
        return self.store.stats()

"""Archive: the library API that the CLI, the web app and notebooks share.

import fonds
with fonds.open("fonds.db") as archive:
    archive.ingest(["demo/"])
    page = archive.search("soviet aid", limit=10, date_from="1953", date_to="1961")
"""

from __future__ import annotations

import dataclasses
import logging
import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from fonds import config
from fonds.config import Settings
from fonds.errors import ArchiveError, NotFound, QueryError, ReadError, UsageError
from fonds.model import Document, Hit, SearchPage, Stats
from fonds.reports import IngestEvent, IngestReport
from fonds.store import FactFilter, Store, open_store
from fonds.store import query as q
from fonds.store.sqlite import ProgressFn

log = logging.getLogger(__name__)

_DATE_FILTER = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
MAX_LIMIT = 1000
FACT_KINDS = ("money", "quantity", "percent", "date", "rate")


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
        self._writing = threading.Lock()  # one ingest at a time; searches skip catching up
        self._use_authority()

    def _use_authority(self) -> None:
        """Mention detection (here and in ingest workers) uses the shipped authority with
        this archive's own entries; search looks names up in maps cached beside the index."""
        import hashlib
        import json

        from fonds.extract.names import authority

        users = self.store.authority_rows()
        digest = hashlib.blake2b(authority.shipped_digest().encode(), digest_size=12)
        digest.update(json.dumps(users, sort_keys=True).encode())

        def entries() -> list[authority.Entry]:
            extra = [
                authority.make(r["id"], r["type"], r["name"], **_rest(r, "id", "type", "name"))
                for r in users
            ]
            return [*authority.shipped(), *extra]

        self.authority = authority.Authority(
            entries, fingerprint=digest.hexdigest(), cache_dir=self.settings.index_dir
        )
        authority.use(self.authority)

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
        workers: int | None = None,
    ) -> IngestReport:
        """Ingest files and folders; bad files are reported in the result, never raised.
        ``workers``: reader processes (default: the settings'; 1 reads in this process,
        as a threaded server must). One ingest runs at a time per Archive."""
        from fonds.ingest import Ingestor  # the readers load only when ingesting

        settings = self.settings
        if workers is not None:
            settings = dataclasses.replace(settings, workers=max(1, workers))
        with self._writing:
            self.store.catch_up(on_progress)
            report = Ingestor(self.store, settings, on_event).run(Path(p) for p in paths)
            if self.store.meta("mentions") is None:  # every mention so far with this authority
                self.store.set_meta("mentions", self.authority.fingerprint)
        return report

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
        if not self._writing.acquire(blocking=False):
            return 0  # an ingest in another thread is writing; it commits the index itself
        try:
            return self.store.catch_up(on_progress)
        except ArchiveError as exc:
            log.warning("%s; results may miss the newest documents", exc)
            return 0
        finally:
            self._writing.release()

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
        stamp = self.store.meta("mentions")
        if stamp is not None and stamp != self.authority.fingerprint:
            if repair:
                self.redetect()
                report.repaired.append(
                    "mentions were found with another authority file; found again"
                )
            else:
                report.problems.append("mentions were found with another authority file")
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
        exact: bool = False,
        person: str | None = None,
        place: str | None = None,
        archive: str | None = None,
    ) -> SearchPage:
        """Ranked documents for a query in the fonds query language, with facet counts
        (``facet_labels`` names the persons, places and archives they count).

        Names match in any spelling the archive knows (``Mao Tse-tung`` finds ``Mao
        Zedong``) unless ``exact``; ``person`` and ``place`` (a name in any spelling or an
        authority id) keep documents naming them, ``archive`` those citing that archive.
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
                archive=_archive_id(archive) if archive else None,
                facets=facets,
            )
            query = self._with_names(query, exact=exact, person=person, place=place)
        self.ensure_index()
        return self.store.search(query)

    def facet_labels(self, facets: dict[str, dict[str, int]]) -> dict[str, dict[str, str]]:
        """Display names of the ids that the person, place and archive facets count."""
        from fonds.extract import archival

        labels = {kind: self.entity_names(facets.get(kind, {})) for kind in ("person", "place")}
        labels["archive"] = {
            k: (a.name if (a := archival.lookup(k)) else k) for k in facets.get("archive", {})
        }
        return labels

    def entity_names(self, ids: Iterable[str]) -> dict[str, str]:
        """The authority's name for each id (the id itself where it has none)."""
        return {k: (e.name if (e := self.authority.by_id.get(k)) else k) for k in ids}

    def _with_names(
        self, query: q.Query, *, exact: bool, person: str | None, place: str | None
    ) -> q.Query:
        from fonds.extract.names.expand import expand, name_filter

        tree = query.tree if exact else expand(query.tree, self.authority)
        wanted = tuple(name_filter(n, self.authority) for n in (person, place) if n)
        return dataclasses.replace(query, tree=tree, names=wanted)

    # -- figures -------------------------------------------------------------------------
    def facts(
        self,
        *,
        kind: str | None = None,
        currency: str | None = None,
        year: int | None = None,
        entity: str | None = None,
        document: str | None = None,
        subject: str | None = None,
        limit: int = 10_000,
    ) -> list[dict[str, Any]]:
        """Dates, money, quantities, percentages and stated rates found in documents, each
        with ``document``, ``note`` (None: the body), ``start``/``end`` offsets, ``surface``,
        ``value``, ``subject``, its ``sentence`` and the ``footnotes`` attached to it.
        ``entity``: a name in any spelling (the sentence must name it)."""
        if kind is not None and kind not in FACT_KINDS:
            raise UsageError(f"--kind must be one of {', '.join(FACT_KINDS)}, not {kind!r}")
        which = FactFilter(
            kind=kind,
            currency=currency.upper() if currency else None,
            year=year,
            entity=self._entity_id(entity) if entity else None,
            document=document,
            subject=subject,
            limit=limit,
        )
        return self.store.facts(which)

    def timeline(
        self,
        *,
        person: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        limit: int = 10_000,
    ) -> list[dict[str, Any]]:
        """Dated events in date order: each date in a document's text with its sentence,
        ``precision`` and the ``entities`` the sentence names; ``person`` (any spelling)
        keeps the events naming them."""
        for name, value in (("from", date_from), ("to", date_to)):
            if value is not None and not _DATE_FILTER.match(value):
                raise QueryError(f"--{name} {value!r} is not a date (1957, 1957-09 or 1957-09-13)")
        entity = self._entity_id(person) if person else None
        return self.store.timeline(entity=entity, date_from=date_from, date_to=date_to, limit=limit)

    def conflicts(self) -> list[dict[str, Any]]:
        """Figures that report the same measure with different values (within a document or
        across documents), and stated dollar equivalents implying odd exchange rates."""
        from fonds.extract.figures import conflicts

        return conflicts.find(
            [
                f
                for kind in ("money", "percent", "quantity")
                for f in self.store.facts(
                    FactFilter(kind=kind, limit=None)
                )  # every figure, not a page
            ]
        )

    def _entity_id(self, name: str) -> str:
        """The authority id ``name`` means (any spelling), else ``name`` as given."""
        return self.authority.find_id(name) or name

    # -- names ---------------------------------------------------------------------------
    def entities(
        self,
        *,
        type: str | None = None,
        min_confidence: float = 0.6,
        limit: int = 1000,  # noqa: A002
    ) -> list[dict[str, Any]]:
        """Persons, places and organizations named in the archive, most documents first:
        ``id``, ``name``, ``type``, ``variants`` (authority spellings), ``documents``
        (how many), ``mentions``, ``candidate`` (not in the authority file)."""
        if type is not None and type not in ("person", "place", "org"):
            raise UsageError(f"--type must be person, place or org, not {type!r}")
        out = self.store.entities(kind=type, min_confidence=min_confidence, limit=limit)
        for e in out:
            entry = self.authority.by_id.get(e["id"])
            e["name"] = entry.name if entry else e.get("name", e["id"])
            e["variants"] = list(entry.names[1:]) if entry else []
        return out

    def entity(self, name: str) -> dict[str, Any]:
        """One person, place or organization by id or any spelling: its authority record,
        the spellings seen in the archive (``variants``), the documents naming it, the
        first and last dates of the sentences naming it (else of those documents), and who
        or what is named with it most often.
        Raises NotFound when the archive never names it."""
        from fonds.extract.names.mentions import keys_of

        entry = self.authority.find(name)
        entity_id = entry.id if entry else "~" + keys_of(name).split(" ")[0]
        if name.startswith("~"):
            entity_id = name
        found = self.store.entity(entity_id)
        if not found["documents"]:
            raise NotFound(f"the archive never names {name!r}")
        record: dict[str, Any] = {
            "id": entity_id,
            "name": entry.name if entry else found["variants"][0],
        }
        record["type"] = entry.type if entry else "person"
        if entry is not None:
            record["authority"] = entry.row()
        for e in found["co_occurring"]:
            other = self.authority.by_id.get(e["id"])
            e["name"] = other.name if other else e.pop("surface")
            e.pop("surface", None)
        return {**record, **found}

    def authority_add(
        self, rows: Iterable[dict[str, str]], *, on_progress: ProgressFn | None = None
    ) -> int:
        """Add (or replace, by id) authority entries, then find mentions again in every
        document so search and entities know them; returns the entries added."""
        from fonds.extract.names import authority

        checked = [
            authority.make(
                r.get("id") or authority.slug(r["name"]),
                r["type"],
                r["name"],
                **{k: v for k, v in r.items() if k not in ("id", "type", "name")},
            )
            for r in rows
        ]
        for e in checked:
            if e.type not in authority.TYPES:
                raise UsageError(f"{e.name}: type must be person, place or org, not {e.type!r}")
        self.store.put_authority([e.row() for e in checked])
        self._use_authority()
        self.redetect(on_progress)
        return len(checked)

    def authority_import(self, path: str | Path, *, on_progress: ProgressFn | None = None) -> int:
        """Add the entries of a CSV file (columns as ``fonds/data/authority.csv``; ``type``
        and ``name`` required). Raises UsageError naming the file and line of a bad row."""
        from fonds.extract.names import authority

        file = Path(path)
        try:
            text = file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"{file}: cannot read ({exc.__class__.__name__})") from exc
        return self.authority_add(
            [e.row() for e in authority.parse_rows(text, str(file))], on_progress=on_progress
        )

    def redetect(self, on_progress: ProgressFn | None = None) -> int:
        """Find mentions again in every document with the authority in force, and the facts
        again too (their donors and recipients are names)."""
        from fonds.extract.figures import extractor as figures
        from fonds.extract.names import mentions

        def redo(doc: Document) -> Document:
            found = tuple(mentions.detect(doc.text, self.authority))
            return figures.run(dataclasses.replace(doc, mentions=found))

        return self.store.redetect(redo, self.authority.fingerprint, on_progress)

    def document(self, doc_id: str) -> Document:
        """The stored document; raises NotFound."""
        return self.store.document(doc_id)

    def edit(self, doc_id: str, **values: str) -> Document:
        """Edit a document's metadata: any of ``fonds.sidecar.FIELDS`` (title, date as ISO
        ``1957-09-13`` or ``a/b``, type, authors as ``a; b``...); an empty value drops that
        edit. Edits are kept through re-ingests of the file and marked ``edited`` in the
        document's origin. Raises UsageError for an unknown field or a bad value, NotFound."""
        from fonds import sidecar

        unknown = sorted(set(values) - set(sidecar.FIELDS))
        if unknown:
            raise UsageError(
                f"cannot edit {', '.join(unknown)} (fields: {', '.join(sidecar.FIELDS)})"
            )
        try:
            checked = sidecar.validated({k: v for k, v in values.items() if v}, "edit")
        except ReadError as exc:
            raise UsageError(exc.reason) from exc
        cleared = {k: "" for k, v in values.items() if not (v or "").strip()}
        doc = self.store.edit(doc_id, {**cleared, **checked})
        self.ensure_index()
        return doc

    def edits(self, doc_id: str) -> dict[str, str]:
        """The user's edits of a document, by field."""
        return self.store.edits(doc_id)

    def _loaded(self, doc: str | Document) -> Document:
        """``doc`` itself, or the stored document of that id (callers that hold the document
        pass it, so it is not read again)."""
        return doc if isinstance(doc, Document) else self.store.document(doc)

    def paths(self, doc: str | Document) -> list[str]:
        """Every path the document's source file was found under; raises NotFound."""
        return self.store.paths_for(self._loaded(doc).source.sha256)

    def source_file(self, doc: str | Document) -> Path:
        """The document's source file: the first path the archive recorded for it that is
        still a regular file of the recorded size (resolved, so no link leads elsewhere).
        Raises NotFound when none is."""
        doc = self._loaded(doc)
        for recorded in self.store.paths_for(doc.source.sha256):
            path = Path(recorded)
            try:
                real = path.resolve(strict=True)
            except (OSError, RuntimeError):
                continue
            if real == path and real.is_file() and real.stat().st_size == doc.source.size:
                return real
        raise NotFound(f"the source file of {doc.id} is not where the archive recorded it")

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

        as_listed = " ".join(ref.split())  # a canonical form, as citation_groups lists it
        if as_listed and "|" not in as_listed:
            found = self.store.citations(canonical=as_listed)
            if found:
                return found
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

    def export(
        self, doc: str | Document, fmt: str = "chicago", *, bibliography: bool = False
    ) -> str:
        """The document's reference in ``fmt`` (chicago, csl-json, bibtex), or with
        ``bibliography`` everything it cites. Raises NotFound and UsageError."""
        from fonds import export

        exporter = export.get(fmt)
        doc = self._loaded(doc)
        if bibliography:
            return exporter.bibliography(doc, self.store.citations(document=doc.id))
        return exporter.document(doc)

    def stats(self) -> Stats:
        """Counts by type, language, decade and status, and sizes on disk."""
        return self.store.stats()


def _archive_id(name: str) -> str:
    """The registry id of an archive named by id, alias or former name (else as given)."""
    from fonds.extract import archival

    known = archival.lookup(name)
    return known.id if known is not None else name


def _rest(row: dict[str, str], *skip: str) -> dict[str, str]:
    """``row`` without the ``skip`` keys."""
    return {k: v for k, v in row.items() if k not in skip}

"""The embedded Tantivy search index beside the database: derived data, rebuildable.

Schema and analysis: words are split by Tantivy's simple tokenizer, lowercased and
ASCII-folded (``Sándor`` = ``Sandor``); ``index_form`` spaces CJK characters apart (a phrase
of single characters matches a word) and folds ``ё``. The index records, in
``fonds-index.json``, the archive it belongs to and the last change sequence it holds, so a
crash between the database commit and the index commit is repaired by catching up.
"""

from __future__ import annotations

import html
import json
import logging
import os
import re
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tantivy

from fonds.errors import ArchiveError, QueryError
from fonds.model import Document, Mention
from fonds.store.query import All, And, Name, Node, Not, Or, Phrase, Prefix, Query, Term
from fonds.text import index_form

log = logging.getLogger(__name__)

INDEX_FORMAT = 6
META_FILE = "fonds-index.json"
_SPACES = re.compile(r"\s+")
MAX_PREFIX_TERMS = 64
WRITER_HEAP = 64_000_000  # bytes buffered before a segment is written: bounds ingest memory
TITLE_BOOST = 2.0
SNIPPET_CHARS = 240
FACET_SIZE = 50
MLT_TEXT_CHARS = 20_000
MLT_PARAMS: dict[str, Any] = {  # more-like-this: terms seen twice, in two documents at least
    "min_doc_frequency": 2,
    "min_term_frequency": 2,
    "max_query_terms": 25,
    "min_word_length": 3,
    "max_word_length": 40,
}
FACET_FIELDS = ("type", "collection", "language")
# many values a document: authority ids of the persons and places it names, archives it cites
LIST_FACETS = ("person", "place", "archive")
LIST_FACET_SIZE = 20


def analyzer() -> tantivy.TextAnalyzer:
    """The analyzer of title and text: simple words, lowercased, ASCII-folded."""
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(64))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .build()
    )


def _schema() -> tantivy.Schema:
    b = tantivy.SchemaBuilder()
    b.add_text_field("id", stored=True, tokenizer_name="raw")
    b.add_text_field("title", tokenizer_name="fonds")
    b.add_text_field("text", tokenizer_name="fonds")
    for name in (*FACET_FIELDS, *LIST_FACETS):
        b.add_text_field(name, fast=True, tokenizer_name="raw")
    b.add_integer_field("year", indexed=True, fast=True)
    b.add_integer_field("date_lo", indexed=True, fast=True)
    b.add_integer_field("date_hi", indexed=True, fast=True)
    b.add_float_field("tiebreak", fast=True)
    b.add_text_field("entity", tokenizer_name="raw")  # authority id of each mention
    b.add_text_field("namekey", tokenizer_name="raw")  # comparison keys of each name
    return b.build()


def _keys(doc: Document, mention: Mention) -> str:
    """A mention's comparison keys: as detected, or (read back from the store, which does not
    keep them) derived again from the name as written."""
    if mention.key:
        return mention.key
    from fonds.extract.names.mentions import keys_of

    return keys_of(doc.text[mention.start : mention.end])


def notes_text(doc: Document) -> str:
    """The document's notes as one text, each after its label, for search and snippets."""
    return "\n".join(f"{n.label}. {n.text}" for n in doc.notes)


def tiebreak(doc_id: str) -> float:
    """A weight just under 1, fixed per document, that orders equal scores the same way in
    every index built from the same records (so pages never overlap or skip on ties)."""
    return 1.0 - int(doc_id[:4], 16) * 1e-7


def day_bounds(date: str, *, upper: bool) -> int:
    """``1957`` -> 19570101 (lower) or 19571231 (upper); month and day precision likewise."""
    parts = date.split("-")
    year = int(parts[0])
    month = int(parts[1]) if len(parts) > 1 else (12 if upper else 1)
    day = int(parts[2]) if len(parts) > 2 else (31 if upper else 1)
    return year * 10000 + month * 100 + day


@dataclass(frozen=True, slots=True)
class IndexHit:
    id: str
    score: float


@dataclass(frozen=True, slots=True)
class IndexPage:
    total: int
    hits: list[IndexHit]
    facets: dict[str, dict[str, int]]
    query: tantivy.Query


class SearchIndex:
    """One Tantivy index folder. Reads anytime; writes through ``writer()`` (one at a time)."""

    def __init__(self, folder: Path, archive_id: str) -> None:
        self.folder = folder
        self.archive_id = archive_id
        self.schema = _schema()
        self.analyzer = analyzer()
        self._writer: Any = None
        self._dirty = False
        meta = self._read_meta()
        usable = (
            meta is not None
            and meta.get("format") == INDEX_FORMAT
            and meta.get("archive") == archive_id
            and tantivy.Index.exists(str(folder))
        )
        self.needs_rebuild = not usable
        if not usable:
            self._reset()
        try:
            self.index = tantivy.Index(self.schema, str(folder), reuse=True)
        except ValueError as exc:  # a corrupt or foreign index folder
            log.warning("search index at %s unreadable (%s); rebuilding", folder, exc)
            self._reset()
            self.index = tantivy.Index(self.schema, str(folder), reuse=True)
            self.needs_rebuild = True
        self.index.register_tokenizer("fonds", self.analyzer)
        self.seq = int(meta.get("seq", 0)) if usable and meta else 0

    # -- bookkeeping ---------------------------------------------------------------------
    def _read_meta(self) -> dict[str, Any] | None:
        try:
            loaded = json.loads((self.folder / META_FILE).read_text())
            return loaded if isinstance(loaded, dict) else None
        except (OSError, ValueError):
            return None

    def _write_meta(self) -> None:
        tmp = self.folder / (META_FILE + ".tmp")
        tmp.write_text(
            json.dumps({"format": INDEX_FORMAT, "archive": self.archive_id, "seq": self.seq})
        )
        os.replace(tmp, self.folder / META_FILE)

    def _reset(self) -> None:
        if self.folder.exists():
            shutil.rmtree(self.folder)
        self.folder.mkdir(parents=True)
        self.seq = 0

    def size_bytes(self) -> int:
        return sum(f.stat().st_size for f in self.folder.glob("*") if f.is_file())

    # -- writing -------------------------------------------------------------------------
    def _w(self) -> Any:
        if self._writer is None:
            try:
                self._writer = self.index.writer(heap_size=WRITER_HEAP, num_threads=2)
            except ValueError as exc:
                raise ArchiveError(
                    f"search index is locked by another fonds process ({self.folder})"
                ) from exc
        return self._writer

    def clear(self) -> None:
        """Drop every document (for a rebuild); the sequence restarts at 0."""
        self._w().delete_all_documents()
        self.seq = 0
        self._dirty = True

    def put(self, doc: Document, *, replace: bool = True, archives: Sequence[str] = ()) -> None:
        """Add a document (replacing an earlier version with the same id if ``replace``);
        ``archives``: the ids of the archives its notes cite."""
        writer = self._w()
        if replace:
            writer.delete_documents_by_term("id", doc.id)
        if doc.status != "ok" or not doc.text and not doc.title:
            self._dirty = True
            return
        fields: dict[str, Any] = {
            "id": doc.id,
            "title": index_form(doc.title)[0],
            # notes are searched with the text (one field keeps queries small)
            "text": index_form(doc.text + "\n\n" + notes_text(doc) if doc.notes else doc.text)[0],
            "tiebreak": tiebreak(doc.id),
        }
        for name in FACET_FIELDS:
            value = getattr(doc, name)
            if value:
                fields[name] = value
        for kind in ("person", "place"):
            named = sorted({m.entity_id for m in doc.mentions if m.entity_id and m.kind == kind})
            if named:
                fields[kind] = named
        if archives:
            fields["archive"] = sorted(set(archives))
        if doc.mentions:
            fields["entity"] = [m.entity_id for m in doc.mentions if m.entity_id]
            fields["namekey"] = sorted({k for m in doc.mentions for k in _keys(doc, m).split()})
        if doc.date is not None:
            fields["year"] = int(doc.date.start[:4])
            fields["date_lo"] = day_bounds(doc.date.start, upper=False)
            fields["date_hi"] = day_bounds(doc.date.end or doc.date.start, upper=True)
        writer.add_document(tantivy.Document(**fields))
        self._dirty = True

    def delete(self, doc_id: str) -> None:
        self._w().delete_documents_by_term("id", doc_id)
        self._dirty = True

    def commit(self, seq: int) -> None:
        """Make the writes durable and record that the index holds changes up to ``seq``."""
        if self._dirty:
            self._w().commit()
            self._dirty = False
        self.seq = seq
        self._write_meta()
        self.index.reload()

    def close(self) -> None:
        if self._writer is not None:
            if self._dirty:
                self._writer.rollback()
            self._writer.wait_merging_threads()
            self._writer = None

    # -- compiling the query tree --------------------------------------------------------
    def _tokens(self, text: str) -> list[str | tuple[int, str]]:
        return list(self.analyzer.analyze(index_form(text)[0]))

    def _field_query(self, field: str, node: Term | Phrase | Prefix) -> tantivy.Query | None:
        tokens = self._tokens(node.text)
        if not tokens:
            return None
        if isinstance(node, Prefix):
            last = re.escape(str(tokens[-1])) + ".*"
            if len(tokens) == 1:
                return tantivy.Query.regex_query(self.schema, field, last)
            return tantivy.Query.phrase_prefix_query(self.schema, field, tokens)
        if len(tokens) == 1:
            return tantivy.Query.term_query(self.schema, field, tokens[0])
        return tantivy.Query.phrase_query(self.schema, field, tokens)

    def _leaf(self, node: Term | Phrase | Prefix) -> tantivy.Query | None:
        title = self._field_query("title", node)
        text = self._field_query("text", node)
        if title is None or text is None:
            return None
        return tantivy.Query.boolean_query(
            [
                (tantivy.Occur.Should, tantivy.Query.boost_query(title, TITLE_BOOST)),
                (tantivy.Occur.Should, text),
            ]
        )

    def _name(self, node: Name) -> tantivy.Query | None:
        """Any spelling of a name, scored as one term: the best of the words as typed, the
        authority entries they name and the keys of their spelling."""
        ways = [tantivy.Query.term_query(self.schema, "entity", e) for e in node.entities]
        ways += [tantivy.Query.term_query(self.schema, "namekey", k) for k in node.keys]
        if node.text and (typed := self._leaf(Phrase(node.text))) is not None:
            ways.append(typed)
        if not ways:
            return None
        return ways[0] if len(ways) == 1 else tantivy.Query.disjunction_max_query(ways)

    def compile(self, node: Node) -> tantivy.Query:
        """The Tantivy query for a syntax tree (words that analyze to nothing are dropped)."""
        compiled = self._compile(node)
        return compiled if compiled is not None else tantivy.Query.empty_query()

    def _compile(self, node: Node) -> tantivy.Query | None:
        if isinstance(node, All):
            return tantivy.Query.all_query()
        if isinstance(node, (Term, Phrase, Prefix)):
            return self._leaf(node)
        if isinstance(node, Name):
            return self._name(node)
        if isinstance(node, Not):
            inner = self._compile(node.item)
            if inner is None:
                return tantivy.Query.all_query()
            return tantivy.Query.boolean_query(
                [(tantivy.Occur.Must, tantivy.Query.all_query()), (tantivy.Occur.MustNot, inner)]
            )
        if isinstance(node, And):
            clauses: list[tuple[tantivy.Occur, tantivy.Query]] = []
            for item in node.items:
                if isinstance(item, Not):
                    inner = self._compile(item.item)
                    if inner is not None:
                        clauses.append((tantivy.Occur.MustNot, inner))
                else:
                    sub = self._compile(item)
                    if sub is not None:
                        clauses.append((tantivy.Occur.Must, sub))
            if not any(occur == tantivy.Occur.Must for occur, _ in clauses):
                clauses.append((tantivy.Occur.Must, tantivy.Query.all_query()))
            return tantivy.Query.boolean_query(clauses)
        if isinstance(node, Or):
            subs = [q for q in (self._compile(i) for i in node.items) if q is not None]
            if not subs:
                return None
            return tantivy.Query.boolean_query([(tantivy.Occur.Should, q) for q in subs])
        raise QueryError(f"unsupported query node {type(node).__name__}")

    def _filters(self, query: Query) -> list[tantivy.Query]:
        filters: list[tantivy.Query] = []
        for name in FACET_FIELDS:
            value = getattr(query, name)
            if value:
                filters.append(tantivy.Query.term_query(self.schema, name, value))
        if query.archive:
            filters.append(tantivy.Query.term_query(self.schema, "archive", query.archive))
        i64 = tantivy.FieldType.Integer
        try:
            if query.date_to:
                hi = day_bounds(query.date_to, upper=True)
                filters.append(tantivy.Query.range_query(self.schema, "date_lo", i64, None, hi))
            if query.date_from:
                lo = day_bounds(query.date_from, upper=False)
                filters.append(tantivy.Query.range_query(self.schema, "date_hi", i64, lo, None))
        except ValueError as exc:
            raise QueryError(f"bad date filter: {exc}") from exc
        for wanted in query.names:
            named = self._name(wanted)
            filters.append(named if named is not None else tantivy.Query.empty_query())
        return filters

    # -- reading -------------------------------------------------------------------------
    def search(self, query: Query) -> IndexPage:
        """Top hits (limit/offset), the total count and facet counts over all matches."""
        main = self.compile(query.tree)
        filters = self._filters(query)
        full = main
        if filters:
            full = tantivy.Query.boolean_query(
                [(tantivy.Occur.Must, main)] + [(tantivy.Occur.Must, f) for f in filters]
            )
        searcher = self.index.searcher()
        result = searcher.search(
            full,
            limit=max(query.limit, 0) or 1,
            offset=query.offset,
            count=True,
            weight_by_field="tiebreak",
        )
        hits = sorted(  # equal scores in id order, so a page is the same however it was built
            (
                IndexHit(str(searcher.doc(addr).get_first("id")), float(score))
                for score, addr in result.hits
            ),
            key=lambda h: (-h.score, h.id),
        )[: query.limit]
        facets = self.facets(searcher, full) if query.facets else {}
        return IndexPage(int(getattr(result, "count", 0) or 0), hits, facets, main)

    def facets(self, searcher: Any, query: tantivy.Query) -> dict[str, dict[str, int]]:
        """Counts by type, collection, language, year, person, place and archive over every
        match, from fast fields (the most frequent persons, places and archives only)."""
        aggs: dict[str, Any] = {
            name: {"terms": {"field": name, "size": FACET_SIZE}} for name in FACET_FIELDS
        }
        for name in LIST_FACETS:
            aggs[name] = {"terms": {"field": name, "size": LIST_FACET_SIZE}}
        aggs["year"] = {"terms": {"field": "year", "size": 200, "order": {"_key": "asc"}}}
        result = searcher.aggregate(query, aggs)
        out: dict[str, dict[str, int]] = {}
        for name, agg in result.items():
            out[name] = {
                str(int(b["key"]) if isinstance(b["key"], float) else b["key"]): int(b["doc_count"])
                for b in agg.get("buckets", [])
            }
        return out

    def snippet(self, text: str, generator: Any) -> str:
        """An HTML-escaped passage of ``text`` with the query's words in ``<b>``."""
        form, mapping = index_form(text)
        snip = generator.snippet_from_doc(tantivy.Document(text=form))
        data = form.encode("utf-8")
        frag = snip.fragment_range()
        if frag.end <= frag.start:
            return html.escape(_head(text, SNIPPET_CHARS))

        def char(b: int) -> int:
            pos = len(data[:b].decode("utf-8", errors="ignore"))
            return mapping[pos] if mapping is not None else pos

        start, end = char(frag.start), char(frag.end)
        marks: list[tuple[int, int]] = []
        for a, b in sorted(
            (char(frag.start + r.start), char(frag.start + r.end)) for r in snip.highlighted()
        ):
            if marks and a <= marks[-1][1] + (1 if mapping is not None else 0):
                marks[-1] = (marks[-1][0], max(b, marks[-1][1]))  # join CJK characters
            else:
                marks.append((a, b))
        out: list[str] = ["…" if start > 0 else ""]
        pos = start
        for a, b in marks:
            if a < pos:
                continue
            out.append(html.escape(text[pos:a]))
            out.append("<b>" + html.escape(text[a:b]) + "</b>")
            pos = b
        out.append(html.escape(text[pos:end]))
        if end < len(text):
            out.append("…")
        return _SPACES.sub(" ", "".join(out))

    def highlight_query(self, node: Node) -> tantivy.Query:
        """The words to highlight: every positive word and phrase of the query, and the
        terms of the index each prefix expands to."""
        searcher = self.index.searcher()
        queries: list[tantivy.Query] = []

        def walk(n: Node) -> None:
            if isinstance(n, (And, Or)):
                for item in n.items:
                    walk(item)
            elif isinstance(n, Prefix):
                tokens = self._tokens(n.text)
                if len(tokens) == 1:
                    for term, _ in searcher.terms_with_prefix(
                        "text", str(tokens[0]), limit=MAX_PREFIX_TERMS
                    ):
                        queries.append(tantivy.Query.term_query(self.schema, "text", term))
                elif tokens:
                    queries.append(tantivy.Query.phrase_query(self.schema, "text", tokens))
            elif isinstance(n, (Term, Phrase)):
                q = self._field_query("text", n)
                if q is not None:
                    queries.append(q)
            elif isinstance(n, Name) and n.text:
                q = self._field_query("text", Phrase(n.text))
                if q is not None:
                    queries.append(q)

        walk(node)
        if not queries:
            return tantivy.Query.empty_query()
        return tantivy.Query.boolean_query([(tantivy.Occur.Should, q) for q in queries])

    def snippet_generator(self, query: tantivy.Query) -> Any:
        generator = tantivy.SnippetGenerator.create(
            self.index.searcher(), query, self.schema, "text"
        )
        generator.set_max_num_chars(SNIPPET_CHARS)
        return generator

    def similar(self, doc: Document, limit: int) -> list[IndexHit]:
        """Documents like ``doc`` (more-like-this over its title and text), itself excluded."""
        fields = {
            "title": [index_form(doc.title)[0]],
            "text": [index_form(doc.text[:MLT_TEXT_CHARS])[0]],
        }
        mlt = tantivy.Query.more_like_this_document_fields_query(self.schema, fields, **MLT_PARAMS)
        query = tantivy.Query.boolean_query(
            [
                (tantivy.Occur.Must, mlt),
                (tantivy.Occur.MustNot, tantivy.Query.term_query(self.schema, "id", doc.id)),
            ]
        )
        searcher = self.index.searcher()
        result = searcher.search(query, limit=limit, count=False)
        return [IndexHit(str(searcher.doc(a).get_first("id")), float(s)) for s, a in result.hits]

    def ids(self) -> set[str]:
        """Every document id in the index (for ``fonds check``)."""
        searcher = self.index.searcher()
        n = searcher.num_docs
        if n == 0:
            return set()
        result = searcher.search(tantivy.Query.all_query(), limit=n, count=False)
        return {str(searcher.doc(a).get_first("id")) for _, a in result.hits}


def _head(text: str, n: int) -> str:
    if len(text) <= n:
        return text
    return text[:n].rsplit(" ", 1)[0] + "…"


__all__: Sequence[str] = ("SearchIndex", "IndexHit", "IndexPage", "day_bounds")

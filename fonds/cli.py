"""The ``fonds`` command: one function per command, each a thin layer over ``Archive``.

Results go to stdout (``--json`` writes only JSON there); messages, warnings and progress go
to stderr. Exit codes: 0 ok; 1 some inputs failed; 2 usage or query error; 3 not found;
4 archive problem; 130 interrupted.
"""

from __future__ import annotations

import dataclasses
import html
import json
import logging
import re
import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.logging import RichHandler
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from fonds import archive as archive_mod
from fonds import config
from fonds.errors import ArchiveError, FondsError, Interrupted
from fonds.model import Document, Hit
from fonds.reports import IngestEvent

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    help="fonds: a local-first archive of historical documents.",
)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

DbOption = Annotated[
    Path | None,
    typer.Option("--db", help="Archive database file [env FONDS_DB; default ./fonds.db]."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON only.")]


@app.callback()
def _main(
    verbose: Annotated[
        int, typer.Option("--verbose", "-v", count=True, help="-v info, -vv debug.")
    ] = 0,
) -> None:
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(
        level=level,
        format="%(message)s",
        handlers=[RichHandler(console=err, show_path=False)],
        force=True,
    )


@contextmanager
def _archive(db: Path | None, **kw: Any) -> Iterator[archive_mod.Archive]:
    """Open the archive; FondsError -> one line and its exit code; Ctrl-C -> 130."""
    try:
        with archive_mod.open(settings=config.settings(db, **kw)) as arc:
            yield arc
    except FondsError as exc:
        err.print(f"error: {escape(str(exc))}")
        raise typer.Exit(exc.exit_code) from None
    except KeyboardInterrupt:
        err.print("interrupted: what was committed is kept; run the same command again to finish")
        raise typer.Exit(Interrupted.exit_code) from None
    except sqlite3.Error as exc:  # a database the store could not use (disk full, locked...)
        err.print(f"error: database problem: {escape(str(exc))}")
        raise typer.Exit(ArchiveError.exit_code) from None


@contextmanager
def _progress(label: str) -> Iterator[Callable[[int, int], None] | None]:
    """A progress callback drawing a bar on a terminal (none otherwise); the bar shows only
    once there is work, and is gone when the block ends."""
    if not err.is_terminal:
        yield None
        return
    bar = Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
    )
    task = bar.add_task(label, total=None)

    def update(done: int, total: int) -> None:
        if total <= 0:
            return
        if not bar.live.is_started:
            bar.start()
        bar.update(task, completed=done, total=total)

    try:
        yield update
    finally:
        if bar.live.is_started:
            bar.stop()


def _dump(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2, default=str) + "\n")


def _hit_json(hit: Hit) -> dict[str, Any]:
    return dataclasses.asdict(hit)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files and folders (recursive).")],
    db: DbOption = None,
    max_file_mb: Annotated[
        float | None, typer.Option(help="Skip files larger than this [env FONDS_MAX_FILE_MB; 256].")
    ] = None,
    workers: Annotated[
        int | None, typer.Option(help="Reader processes [env FONDS_WORKERS; CPU count].")
    ] = None,
    json_out: JsonOption = False,
) -> None:
    """Ingest documents (text, HTML, PDF, TEI XML, DOCX, images) into the archive."""
    with _archive(db, max_file_mb=max_file_mb, workers=workers) as arc:
        live = err.is_terminal and not json_out
        bar = Progress(
            TextColumn("ingest"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeRemainingColumn(),
            console=err,
            transient=True,
            disable=not live,
        )
        task = bar.add_task("ingest", total=None, rate="")

        def on_event(event: IngestEvent) -> None:
            if event.kind == "planned":
                bar.update(task, total=event.total)
                return
            if event.status in ("failed", "skipped"):
                (bar.console if live else err).print(
                    f"{event.status}: {escape(event.path)}: {escape(event.reason)}"
                )
            if live:
                bar.advance(task)
                state = bar.tasks[0]
                if state.completed % 50 == 0 and state.elapsed:
                    bar.update(task, rate=f"{state.completed / state.elapsed:.0f} files/s")

        with _progress("index") as rebuild, bar:
            report = arc.ingest(paths, on_event=on_event, on_progress=rebuild)
        summary = {
            k: getattr(report, k)
            for k in ("added", "updated", "unchanged", "skipped", "failed", "documents")
        }
        if json_out:
            _dump(
                {
                    **summary,
                    "seconds": round(report.seconds, 3),
                    "bytes": report.bytes,
                    "problems": [
                        {"path": p.path, "reason": p.reason, "status": p.status}
                        for p in report.problems
                    ],
                }
            )
        else:
            rate = report.bytes / 1048576 / report.seconds if report.seconds else 0
            err.print(
                ", ".join(f"{v} {k}" for k, v in summary.items())
                + f" in {report.seconds:.1f}s ({rate:.1f} MB/s)"
            )
        if not report.ok:
            raise typer.Exit(1)


@app.command()
def search(
    query: Annotated[
        str, typer.Argument(help='Words, "phrases", AND/OR/NOT, (groups), prefix*.')
    ] = "",
    db: DbOption = None,
    date_from: Annotated[
        str | None, typer.Option("--from", help="Earliest date (1953, 1953-07, 1953-07-27).")
    ] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Latest date.")] = None,
    type_: Annotated[str | None, typer.Option("--type", help="Document type.")] = None,
    collection: Annotated[str | None, typer.Option(help="Collection.")] = None,
    language: Annotated[str | None, typer.Option(help="Language code (en, ru, ko...).")] = None,
    limit: Annotated[int, typer.Option(help="Hits per page.")] = 10,
    offset: Annotated[int, typer.Option(help="Hits to skip.")] = 0,
    facets: Annotated[bool, typer.Option("--facets/--no-facets", help="Show facet counts.")] = True,
    exact: Annotated[
        bool, typer.Option("--exact", help="Match names only as typed (no other spellings).")
    ] = False,
    person: Annotated[
        str | None, typer.Option(help="Only documents naming this person (any spelling).")
    ] = None,
    place: Annotated[
        str | None, typer.Option(help="Only documents naming this place (any spelling).")
    ] = None,
    json_out: JsonOption = False,
) -> None:
    """Search the archive (BM25, title weighted) with snippets and facet counts; names
    match in every spelling the archive knows (Pyongyang finds Pyeongyang)."""
    with _archive(db) as arc:
        with _progress("index") as rebuild:
            arc.ensure_index(rebuild)
        page = arc.search(
            query,
            limit=limit,
            offset=offset,
            date_from=date_from,
            date_to=date_to,
            type=type_,
            collection=collection,
            language=language,
            facets=facets,
            exact=exact,
            person=person,
            place=place,
        )
        if json_out:
            _dump([_hit_json(h) for h in page.hits])
            return
        out.print(
            f"{page.total} documents"
            + (f" (showing {offset + 1}-{offset + len(page.hits)})" if page.hits else "")
        )
        for hit in page.hits:
            out.print(
                f"\n[bold]{escape(hit.title)}[/bold]  [dim]{hit.date or 'undated'} · {hit.type or ''} · {hit.id} · {hit.score:.2f}[/dim]"
            )
            out.print(_snippet_markup(hit.snippet))
            out.print(f"[dim]{escape(hit.source)}[/dim]")
        if facets and page.facets:
            out.print()
            for name, counts in page.facets.items():
                if counts:
                    shown = ", ".join(f"{k} ({v})" for k, v in list(counts.items())[:12])
                    out.print(f"[dim]{name}:[/dim] {escape(shown)}")


def _snippet_markup(snippet: str) -> str:
    """Rich markup for an HTML snippet: escaped text, matches in ``<b>`` shown in yellow."""
    parts = re.split(r"(</?b>)", snippet)
    out: list[str] = []
    for part in parts:
        if part == "<b>":
            out.append("[yellow]")
        elif part == "</b>":
            out.append("[/yellow]")
        else:
            out.append(escape(html.unescape(part)))
    return "".join(out)


@app.command()
def show(
    doc_id: Annotated[str, typer.Argument(help="Document id.")],
    db: DbOption = None,
    json_out: JsonOption = False,
) -> None:
    """Show a document: metadata, text and notes."""
    from fonds.export.document_json import document_json  # only this command needs it

    with _archive(db) as arc:
        doc = arc.document(doc_id)
        if json_out:
            _dump(
                document_json(doc)
                | {"paths": arc.paths(doc), "citations": arc.citations(document=doc_id)}
            )
            return
        table = Table.grid(padding=(0, 2))
        for key, value in document_json(doc, text=False).items():
            if key in ("notes", "sections", "pages", "origin") or value in (None, [], ""):
                continue
            if key == "source":
                value = f"{value['path']} ({value['media_type']}, {value['size']} bytes, sha256 {value['sha256'][:12]}…)"
            origin = doc.origin.get(key, "")
            table.add_row(
                f"[dim]{key}[/dim]",
                escape(", ".join(value) if isinstance(value, list) else str(value))
                + (f" [dim]({origin})[/dim]" if origin else ""),
            )
        out.print(table)
        out.print()
        out.print(_with_markers(doc) if doc.text else "[dim](no text: needs OCR)[/dim]")
        if doc.notes:
            out.print("\n[bold]Notes[/bold]")
            for note in doc.notes:
                out.print(f"{escape(note.label)}. {escape(note.text)}")


def _with_markers(doc: Document) -> str:
    """Rich markup of the text with each note's marker shown where it stands: ``[12]``."""
    parts: list[str] = []
    pos = 0
    marks = sorted((n.marker_offset, n.label) for n in doc.notes if n.marker_offset is not None)
    for offset, label in marks:
        parts.append(escape(doc.text[pos:offset]))
        parts.append(f"[cyan]\\[{escape(label)}][/cyan]")
        pos = offset
    parts.append(escape(doc.text[pos:]))
    return "".join(parts)


@app.command()
def similar(
    doc_id: Annotated[str, typer.Argument(help="Document id.")],
    db: DbOption = None,
    limit: Annotated[int, typer.Option(help="How many.")] = 10,
    json_out: JsonOption = False,
) -> None:
    """Documents most like this one (more-like-this)."""
    with _archive(db) as arc:
        hits = arc.similar(doc_id, limit)
        if json_out:
            _dump([_hit_json(h) for h in hits])
            return
        for hit in hits:
            out.print(
                f"{hit.id}  {hit.date or 'undated':10}  {escape(hit.title)}  [dim]{hit.score:.2f}[/dim]"
            )


@app.command()
def citations(
    db: DbOption = None,
    document: Annotated[str | None, typer.Option(help="Only this document's citations.")] = None,
    archive: Annotated[
        str | None, typer.Option(help="Only this archive (AVPRF, RGANI, TsKhSD...).")
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option(
            help="archival, book, article, newspaper, interview, digital, ibid, short, other."
        ),
    ] = None,
    group: Annotated[
        bool, typer.Option("--group", help="Each cited file or work once, with its documents.")
    ] = False,
    json_out: JsonOption = False,
) -> None:
    """Citations found in notes, with archival references parsed into fields."""
    with _archive(db) as arc:
        if group:
            groups = arc.citation_groups(archive=archive, kind=kind)
            if json_out:
                _dump(groups)
                return
            for g in groups:
                out.print(
                    f"{len(g['documents']):>3} docs {g['citations']:>4} cites  {g['kind'] or '':<9} "
                    f"{escape(g['label'])}"
                )
            return
        rows = arc.citations(document=document, archive=archive, kind=kind)
        if json_out:
            _dump(rows)
            return
        for row in rows:
            label = row["canonical"] or row["raw"]
            pages = _pages(row["pages"])
            out.print(
                f"[dim]{row['document']} n.{escape(row['note'])}[/dim]  {row['kind']:<10} "
                f"{escape(label)}{escape(pages)}"
            )
        err.print(f"{len(rows)} citations")


def _pages(pages: str | None) -> str:
    """``, p. 12`` / ``, pp. 12-19`` / nothing."""
    if not pages:
        return ""
    return f", {'pp.' if any(c in pages for c in '-,') else 'p.'} {pages}"


@app.command("cited-by")
def cited_by(
    ref: Annotated[
        str,
        typer.Argument(
            help="An archival file ('RGANI, f. 5, op. 28, d. 412', 'rgani 5/28/412') or a work "
            "('Armstrong, Fraternal Socialism')."
        ),
    ],
    db: DbOption = None,
    json_out: JsonOption = False,
) -> None:
    """Every document and note that cites this archival file (or any page of it) or work."""
    with _archive(db) as arc:
        rows = arc.cited_by(ref)
        if json_out:
            _dump(rows)
            return
        for row in rows:
            pages = _pages(row["pages"])
            cited = row["raw"] if row["kind"] != "archival" else (row["canonical"] or "") + pages
            out.print(
                f"{escape(cited)}  [dim]in[/dim] "
                f"{escape(row['title'])} [dim]({row['document']}, note {escape(row['note'])})[/dim]"
            )
        err.print(f"{len(rows)} citations")


@app.command()
def facts(
    db: DbOption = None,
    kind: Annotated[
        str | None, typer.Option(help="money, quantity, percent, date or rate.")
    ] = None,
    currency: Annotated[str | None, typer.Option(help="RUB, CNY, KPW, USD...")] = None,
    year: Annotated[int | None, typer.Option(help="The year a figure refers to.")] = None,
    entity: Annotated[
        str | None, typer.Option(help="Only figures whose sentence names this (any spelling).")
    ] = None,
    document: Annotated[str | None, typer.Option(help="Only this document's.")] = None,
    subject: Annotated[str | None, typer.Option(help="aid, loan, damage, budget, trade...")] = None,
    limit: Annotated[int, typer.Option(help="How many at most.")] = 1000,
    json_out: JsonOption = False,
    csv_out: Annotated[bool, typer.Option("--csv", help="CSV on stdout.")] = False,
) -> None:
    """Figures and dates with their provenance: document, offsets, sentence, footnotes."""
    with _archive(db) as arc:
        rows = arc.facts(
            kind=kind,
            currency=currency,
            year=year,
            entity=entity,
            document=document,
            subject=subject,
            limit=limit,
        )
        if json_out:
            _dump(rows)
            return
        if csv_out:
            _facts_csv(rows)
            return
        for f in rows:
            v = f["value"]
            usd = (
                f"  [dim]= USD {v['usd']:,.0f}[/dim]"
                if v.get("usd") and v.get("currency") != "USD"
                else ""
            )
            where = f"note {f['note']}" if f["note"] else f"{f['start']}-{f['end']}"
            out.print(
                f"{f['kind']:<8} [bold]{escape(f['surface'])}[/bold]{usd}  "
                f"{escape(f['subject'] or '')} {v.get('year') or v.get('date') or ''}  "
                f"[dim]{f['document']} {where}[/dim]"
            )
        err.print(f"{len(rows)} facts")


def _facts_csv(rows: list[dict[str, Any]]) -> None:
    from fonds.export import facts_csv

    facts_csv.write(rows, sys.stdout)


@app.command()
def timeline(
    db: DbOption = None,
    person: Annotated[
        str | None, typer.Option(help="Only events naming this person (any spelling).")
    ] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="Earliest date.")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Latest date.")] = None,
    limit: Annotated[int, typer.Option(help="How many at most.")] = 1000,
    json_out: JsonOption = False,
) -> None:
    """Dated events in date order: each date in the documents with its sentence."""
    with _archive(db) as arc:
        rows = arc.timeline(person=person, date_from=date_from, date_to=date_to, limit=limit)
        if json_out:
            _dump(rows)
            return
        for e in rows:
            when = e["date"] + (f"/{e['end']}" if e["end"] else "")
            out.print(
                f"[bold]{when:<12}[/bold] {escape(e['sentence'][:200])} [dim]({e['document']})[/dim]"
            )
        err.print(f"{len(rows)} events")


@app.command()
def conflicts(db: DbOption = None, json_out: JsonOption = False) -> None:
    """Figures reported with different values for the same measure, and stated dollar
    equivalents implying exchange rates far from the others."""
    with _archive(db) as arc:
        groups = arc.conflicts()
        if json_out:
            _dump(groups)
            return
        for g in groups:
            out.print(f"[bold]{escape(g['kind'])}: {escape(g['measure'])}[/bold]")
            for f in g["facts"]:
                where = f"note {f['note']}" if f["note"] else f"{f['start']}-{f['end']}"
                rate = f" (= {f['implied_per_usd']} per USD)" if "implied_per_usd" in f else ""
                out.print(
                    f"  {escape(f['surface'])}{rate} {f['year'] or ''}  "
                    f"[dim]{escape(f['title'][:60])} ({f['document']}, {where})[/dim]"
                )
        err.print(f"{len(groups)} conflicts")


@app.command()
def entities(
    db: DbOption = None,
    type_: Annotated[str | None, typer.Option("--type", help="person, place or org.")] = None,
    limit: Annotated[int, typer.Option(help="How many to list.")] = 50,
    json_out: JsonOption = False,
) -> None:
    """Persons, places and organizations named in the archive, most documents first."""
    with _archive(db) as arc:
        rows = arc.entities(type=type_, limit=limit)
        if json_out:
            _dump(rows)
            return
        for e in rows:
            mark = " [dim](candidate)[/dim]" if e["candidate"] else ""
            out.print(
                f"{e['documents']:>5} docs {e['mentions']:>6} mentions  {e['type']:<6} "
                f"{escape(e['name'])}{mark}"
            )


@app.command()
def entity(
    name: Annotated[str, typer.Argument(help="A name in any spelling or script, or an id.")],
    db: DbOption = None,
    json_out: JsonOption = False,
) -> None:
    """One person, place or organization: spellings seen, documents, first and last dated
    mention, and who or what is named with it."""
    with _archive(db) as arc:
        e = arc.entity(name)
        if json_out:
            _dump(e)
            return
        out.print(f"[bold]{escape(e['name'])}[/bold]  [dim]{e['type']} · {e['id']}[/dim]")
        if "authority" in e:
            a = e["authority"]
            life = "-".join(x for x in (a["born"], a["died"]) if x)
            out.print(escape(" · ".join(x for x in (life, a["roles"], a["wikidata"]) if x)))
        out.print(f"[dim]spellings seen:[/dim] {escape(', '.join(e['variants']))}")
        if e["first"]:
            out.print(
                f"[dim]first:[/dim] {e['first']['date']}  [dim]last:[/dim] {e['last']['date']}"
            )
        out.print(f"[dim]{len(e['documents'])} documents[/dim]")
        for d in e["documents"][:20]:
            out.print(f"  {d['date'] or 'undated':<10} {escape(d['title'])} [dim]({d['id']})[/dim]")
        if e["co_occurring"]:
            names = ", ".join(f"{c['name']} ({c['documents']})" for c in e["co_occurring"])
            out.print(f"[dim]named with:[/dim] {escape(names)}")


authority_app = typer.Typer(help="The authority file of persons, places and organizations.")
app.add_typer(authority_app, name="authority")


@authority_app.command("import")
def authority_import(
    file: Annotated[
        Path, typer.Argument(help="CSV with columns type,name[,id,variants,native...].")
    ],
    db: DbOption = None,
) -> None:
    """Add the entries of a CSV file, then find their mentions in every document."""
    with _archive(db) as arc, _progress("mentions") as progress:
        n = arc.authority_import(file, on_progress=progress)
    err.print(f"{n} entries added")


@authority_app.command("add")
def authority_add(
    name: Annotated[str, typer.Argument(help="The canonical name.")],
    type_: Annotated[str, typer.Option("--type", help="person, place or org.")] = "person",
    variant: Annotated[
        list[str] | None, typer.Option(help="Another spelling (repeat the option).")
    ] = None,
    native: Annotated[
        list[str] | None, typer.Option(help="A native-script form (repeat the option).")
    ] = None,
    entry_id: Annotated[
        str | None, typer.Option("--id", help="Id (default: from the name).")
    ] = None,
    born: Annotated[str, typer.Option(help="Year or date of birth (or founding).")] = "",
    died: Annotated[str, typer.Option(help="Year or date of death (or dissolution).")] = "",
    roles: Annotated[str, typer.Option(help="Roles, ';'-separated.")] = "",
    wikidata: Annotated[str, typer.Option(help="Wikidata id (Q...).")] = "",
    source: Annotated[str, typer.Option(help="Where the facts come from.")] = "",
    db: DbOption = None,
) -> None:
    """Add one entry, then find its mentions in every document."""
    row = {
        "id": entry_id or "",
        "type": type_,
        "name": name,
        "variants": "|".join(variant or []),
        "native": "|".join(native or []),
        "born": born,
        "died": died,
        "roles": roles,
        "wikidata": wikidata,
        "source": source,
    }
    with _archive(db) as arc, _progress("mentions") as progress:
        arc.authority_add([row], on_progress=progress)
    err.print(f"added {name}")


@app.command()
def export(
    doc_id: Annotated[str, typer.Argument(help="Document id.")],
    db: DbOption = None,
    fmt: Annotated[str, typer.Option("--format", help="chicago, csl-json or bibtex.")] = "chicago",
    bibliography: Annotated[
        bool,
        typer.Option("--bibliography", help="Everything the document cites, not the document."),
    ] = False,
) -> None:
    """A document's reference, or its bibliography, as Chicago, CSL-JSON or BibTeX."""
    with _archive(db) as arc:
        sys.stdout.write(arc.export(doc_id, fmt, bibliography=bibliography) + "\n")


@app.command()
def stats(db: DbOption = None, json_out: JsonOption = False) -> None:
    """Counts by type, language, decade and status; sizes on disk."""
    with _archive(db) as arc:
        st = arc.stats()
        if json_out:
            _dump(dataclasses.asdict(st))
            return
        out.print(f"{st.documents} documents from {st.sources} files, {st.notes} notes")
        out.print(
            f"text {st.text_bytes / 1048576:.1f} MB · database {st.db_bytes / 1048576:.1f} MB · index {st.index_bytes / 1048576:.1f} MB"
        )
        for name in ("by_type", "by_language", "by_decade", "by_status"):
            counts = getattr(st, name)
            if counts:
                out.print(
                    f"[dim]{name.replace('_', ' ')}:[/dim] "
                    + escape(", ".join(f"{k} ({v})" for k, v in counts.items()))
                )


@app.command()
def reindex(db: DbOption = None) -> None:
    """Rebuild the search index from the database."""
    with _archive(db) as arc:
        with _progress("reindex") as update:
            n = arc.reindex(update)
        err.print(f"indexed {n} documents")


@app.command()
def check(
    db: DbOption = None,
    json_out: JsonOption = False,
    repair: Annotated[bool, typer.Option("--repair/--no-repair", help="Repair the index.")] = True,
) -> None:
    """Verify the archive: database integrity, and that index and database agree."""
    with _archive(db) as arc:
        report = arc.check(repair=repair)
        if json_out:
            _dump(dataclasses.asdict(report) | {"ok": report.ok})
        else:
            for line in report.repaired:
                err.print(f"repaired: {line}")
            for line in report.problems:
                err.print(f"problem: {escape(line)}")
            err.print(
                f"{'ok' if report.ok else 'problems found'}: {report.documents} documents, {report.indexed} indexed"
            )
        if not report.ok:
            raise typer.Exit(4)


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[
        int, typer.Option(min=1, max=64, help="Server processes (each opens the archive).")
    ] = 1,
    allow_writes: Annotated[
        bool,
        typer.Option(
            "--allow-writes",
            help="Allow uploads (ingested into DB.uploads/) with a token [env FONDS_TOKEN; "
            "default: a new random token, printed].",
        ),
    ] = False,
) -> None:
    """Serve the archive as a read-only website and JSON API (/api/v1, docs at /api/docs)."""
    import uvicorn

    from fonds.web import create_app
    from fonds.web.writes import Writes

    if allow_writes and workers > 1:
        err.print("error: --allow-writes serves with one worker (drop --workers)")
        raise typer.Exit(2)

    options: dict[str, Any] = {
        "host": host,
        "port": port,
        "log_level": "warning",
        "server_header": False,
        "h11_max_incomplete_event_size": 64 * 1024,
    }
    with _archive(db) as arc:
        with _progress("index") as rebuild:
            arc.ensure_index(rebuild)
        err.print(f"fonds: serving {arc.settings.db} on http://{host}:{port}/ (Ctrl-C stops)")
        if workers == 1:
            writes = None
            if allow_writes:
                token = config.web_token()
                if token is None:
                    token = Writes.new_token()
                    err.print(f"fonds: writes allowed with the token {token}")
                else:
                    err.print("fonds: writes allowed with the token of FONDS_TOKEN")
                writes = Writes(token=token)
            uvicorn.run(create_app(archive=arc, writes=writes), **options)
            return
        # each worker process builds its app from the environment (fonds.web.app.from_env)
        config.export_db(arc.settings.db)
    uvicorn.run("fonds.web.app:from_env", factory=True, workers=workers, **options)


def main() -> None:
    """Entry point of the ``fonds`` command."""
    try:
        app()
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(Interrupted.exit_code)

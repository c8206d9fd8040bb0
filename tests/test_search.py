"""Search through the real index: ranking, phrases, operators, folding, CJK, filters,
facets, snippets, similar documents, and the TEI documents' titles and dates."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import fonds
from tests.conftest import CORPUS, SEED_000


def test_calcium_carbide_ranks_seed_000_first(shared_archive: fonds.Archive) -> None:
    hits = shared_archive.search('"calcium carbide"').hits
    assert Path(hits[0].source).name == SEED_000.name
    assert "<b>calcium</b> <b>carbide</b>" in hits[0].snippet.lower()


def test_hits_carry_the_documented_fields(shared_archive: fonds.Archive) -> None:
    hit = shared_archive.search("Hamhung").hits[0]
    assert hit.id and hit.title and hit.source and hit.score > 0 and "<b>" in hit.snippet


def test_frus_documents_one_per_div_with_titles_and_dates(shared_archive: fonds.Archive) -> None:
    folder = (CORPUS / "frus-history" / "documents").resolve()
    expected = sum(
        len(re.findall(r'<div[^>]*type="document"', p.read_text())) for p in folder.glob("*.xml")
    )
    page = shared_archive.search("", limit=1000, facets=False)
    frus = [h for h in page.hits if Path(h.source).parent == folder]
    assert len(frus) == expected
    kennan = shared_archive.search('"Richard W. Leopold to George F. Kennan"').hits[0]
    assert (kennan.title, kennan.date) == ("Richard W. Leopold to George F. Kennan", "1957-02-03")


def test_date_filter_returns_only_documents_in_range(shared_archive: fonds.Archive) -> None:
    page = shared_archive.search("committee", date_from="1960", date_to="1962-06", limit=100)
    assert page.total > 0
    for hit in page.hits:
        doc = shared_archive.document(hit.id)
        assert doc.date is not None
        assert doc.date.start[:7] <= "1962-06" and (doc.date.end or doc.date.start) >= "1960"
    everything = shared_archive.search("committee", limit=1).total
    assert everything > page.total


def test_date_range_overlap(new_archive: fonds.Archive, tmp_path: Path) -> None:
    (tmp_path / "plan.txt").write_text("Three-Year Plan\n\nreconstruction plan")
    (tmp_path / "plan.txt.json").write_text('{"date": "1954/1956"}')
    new_archive.ingest([tmp_path])
    assert new_archive.search("plan", date_from="1955", date_to="1955").total == 1
    assert new_archive.search("plan", date_from="1956-12-31").total == 1
    assert new_archive.search("plan", date_from="1957").total == 0
    assert new_archive.search("plan", date_to="1953-12").total == 0


def test_boolean_operators_prefix_and_phrase(shared_archive: fonds.Archive) -> None:
    soviet = shared_archive.search("soviet", limit=0).total
    both = shared_archive.search("soviet AND chinese", limit=0).total
    either = shared_archive.search("soviet OR chinese", limit=0).total
    without = shared_archive.search("soviet NOT chinese", limit=0).total
    assert both + without == soviet and either >= soviet >= both > 0
    assert (
        shared_archive.search("reconstruct*", limit=0).total
        > shared_archive.search("reconstruction", limit=0).total - 1
    )
    assert shared_archive.search('"five-year plan"', limit=0).total > 0


def test_folding_diacritics_case_and_yo(new_archive: fonds.Archive, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Report of Etre Sándor\n\nMeeting in P'yŏngyang with Хрущёв.")
    (tmp_path / "b.txt").write_text("北朝鲜援助\n\n关于北朝鲜援助的报告")
    (tmp_path / "c.txt").write_text("평양에서 보낸 전보\n\n평양에서 회의가 열렸다")
    new_archive.ingest([tmp_path])
    for query in ("sandor", "SÁNDOR", "Хрущев", "хрущёв", "p'yongyang", "P'YŎNGYANG"):
        assert [h.title for h in new_archive.search(query).hits] == ["Report of Etre Sándor"], query
    assert [h.title for h in new_archive.search("北朝鲜").hits] == ["北朝鲜援助"]
    assert [h.title for h in new_archive.search("평양", exact=True).hits] == ["평양에서 보낸 전보"]
    assert len(new_archive.search("평양").hits) == 2  # and P'yŏngyang, the same city
    assert "<b>北朝鲜</b>" in new_archive.search("北朝鲜").hits[0].snippet


def test_title_is_weighted(new_archive: fonds.Archive, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Grain deliveries\n\nA note on shipments of cement and steel.")
    (tmp_path / "b.txt").write_text("Cement and steel\n\nA note on shipments of grain to the port.")
    new_archive.ingest([tmp_path])
    assert new_archive.search("grain").hits[0].title == "Grain deliveries"


def test_facets_cover_all_matches(shared_archive: fonds.Archive) -> None:
    page = shared_archive.search("aid", limit=1)
    assert sum(page.facets["year"].values()) <= page.total
    assert set(page.facets) == {
        "type",
        "collection",
        "language",
        "year",
        "person",
        "place",
        "archive",
    }
    assert page.facets["collection"]
    typed = shared_archive.search("aid", type=next(iter(page.facets["type"])), limit=100)
    assert typed.total == next(iter(page.facets["type"].values()))


def test_pagination_is_stable(shared_archive: fonds.Archive) -> None:
    first = shared_archive.search("the", limit=10).hits
    second = shared_archive.search("the", limit=10, offset=10).hits
    whole = shared_archive.search("the", limit=20).hits
    assert [h.id for h in first + second] == [h.id for h in whole]


def test_snippets_are_escaped(new_archive: fonds.Archive, tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("Cable\n\n<script>alert('aid')</script> aid & loans")
    new_archive.ingest([tmp_path])
    snippet = new_archive.search("aid").hits[0].snippet
    assert "<script>" not in snippet and "&lt;script&gt;" in snippet and "&amp;" in snippet


def test_similar_documents(shared_archive: fonds.Archive) -> None:
    doc_id = shared_archive.search('"calcium carbide"').hits[0].id
    similar = shared_archive.similar(doc_id, limit=5)
    assert 0 < len(similar) <= 5 and doc_id not in {h.id for h in similar}
    assert all(h.score > 0 for h in similar)


def test_bad_queries_and_filters(shared_archive: fonds.Archive) -> None:
    with pytest.raises(fonds.QueryError, match="unbalanced quote at position 5"):
        shared_archive.search('aid "five')
    with pytest.raises(fonds.QueryError, match="is not a date"):
        shared_archive.search("aid", date_from="sometime")
    with pytest.raises(fonds.NotFound):
        shared_archive.document("0000000000000000")


def test_tei_notes_are_attached_with_labels(new_archive: fonds.Archive) -> None:
    report = new_archive.ingest([CORPUS / "frus-history" / "monograph"])
    assert report.added == 1
    doc = new_archive.document(new_archive.search("", limit=1).hits[0].id)
    xml = (CORPUS / "frus-history" / "monograph" / "frus-history.xml").read_text()
    assert len(doc.notes) == len(re.findall(r"<note[\s>]", xml.split("<text", 1)[1]))
    assert doc.notes[0].label == "1" and doc.notes[0].marker_offset is not None
    assert all(0 <= (n.marker_offset or 0) <= len(doc.text) for n in doc.notes)


def test_person_place_and_archive_facets_survive_reindex_and_an_old_index(
    tmp_path: Path, corpus: Path
) -> None:
    """Facet counts for the persons and places named and the archives cited are the same
    after ingest, after a rebuild, and after an index of an older format is replaced."""
    import json
    import shutil

    from fonds.store.index import INDEX_FORMAT, META_FILE

    folder = tmp_path / "seed"
    folder.mkdir()
    shutil.copy(SEED_000, folder)
    settings = fonds.settings(tmp_path / "a.db", workers=1)

    def facets() -> dict[str, dict[str, int]]:
        with fonds.open(settings=settings) as archive:
            page = archive.search("")
            assert page.total == 1
            return {k: page.facets[k] for k in ("person", "place", "archive")}

    with fonds.open(settings=settings) as archive:
        archive.ingest([folder])
        page = archive.search("", archive="rgani")
        assert page.total == 1 and page.facets["archive"]["RGANI"] == 1
        assert archive.search("", archive="Hoover Institution").total == 0
        assert archive.facet_labels(page.facets)["archive"]["RGANI"] != "RGANI"
    ingested = facets()
    assert all(ingested.values()) and "kim-il-sung" in ingested["person"]
    with fonds.open(settings=settings) as archive:
        archive.reindex()
    assert facets() == ingested
    meta = settings.index_dir / META_FILE
    meta.write_text(json.dumps(json.loads(meta.read_text()) | {"format": INDEX_FORMAT - 1}))
    assert facets() == ingested
    assert json.loads(meta.read_text())["format"] == INDEX_FORMAT

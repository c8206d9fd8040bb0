"""Users' edits of document metadata: applied, kept through re-ingests, validated."""

from __future__ import annotations

from pathlib import Path

import pytest

import fonds


def _one(tmp_path: Path) -> tuple[fonds.Archive, str, Path]:
    folder = tmp_path / "in"
    folder.mkdir()
    path = folder / "cable.txt"
    path.write_text("Cable from Pyongyang.\n\nThe aid plan was discussed.", encoding="utf-8")
    archive = fonds.open(settings=fonds.settings(tmp_path / "a.db", workers=1))
    archive.ingest([folder])
    return archive, archive.search("aid plan").hits[0].id, path


def test_an_edit_is_applied_searched_and_kept_through_reingest(tmp_path: Path) -> None:
    archive, doc_id, path = _one(tmp_path)
    with archive:
        doc = archive.edit(doc_id, title="Cable on the aid plan", date="1957-09-13", type="cable")
        assert doc.title == "Cable on the aid plan" and str(doc.date) == "1957-09-13"
        assert doc.origin["title"] == "edited" and doc.origin["date"] == "edited"
        assert archive.document(doc_id).title == "Cable on the aid plan"
        hits = archive.search("aid", date_from="1957", date_to="1957").hits
        assert [h.id for h in hits] == [doc_id] and hits[0].title == "Cable on the aid plan"
        # a new sidecar value makes the next ingest store the document anew: the edits
        # are applied over the sidecar's values, the sidecar's other values come through
        (path.parent / "manifest.csv").write_text(
            "file,title,collection\ncable.txt,A sidecar title,Embassy cables\n", encoding="utf-8"
        )
        report = archive.ingest([path.parent])
        assert report.updated == 1
        again = archive.document(doc_id)
        assert again.title == "Cable on the aid plan" and again.type == "cable"
        assert again.collection == "Embassy cables" and again.origin["title"] == "edited"
        assert archive.edits(doc_id) == {
            "title": "Cable on the aid plan",
            "date": "1957-09-13",
            "type": "cable",
        }
        archive.edit(doc_id, title="")  # an empty value drops the edit...
        assert "title" not in archive.edits(doc_id)
        archive.ingest([path.parent])  # ...and the next ingest brings the sidecar's back
        restored = archive.document(doc_id)
        assert restored.title == "A sidecar title" and restored.origin["title"] == "sidecar"
        assert restored.type == "cable"


def test_bad_edits_are_refused(tmp_path: Path) -> None:
    archive, doc_id, _ = _one(tmp_path)
    with archive:
        with pytest.raises(fonds.UsageError, match="not ISO"):
            archive.edit(doc_id, date="September 1957")
        with pytest.raises(fonds.UsageError, match="cannot edit"):
            archive.edit(doc_id, text="new text")
        with pytest.raises(fonds.NotFound):
            archive.edit("0" * 16, title="x")
        assert archive.edits(doc_id) == {}

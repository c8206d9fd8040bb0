"""The command line: JSON keys, exit codes and one-line errors, through a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DEMO

FONDS = [sys.executable, "-m", "fonds"]


def run(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*FONDS, *args, "--db", str(db)], capture_output=True, text=True, timeout=300
    )


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("cli") / "demo.db"
    result = run("ingest", str(DEMO), "--json", db=db)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["failed"] == 0 and report["added"] >= 10
    return db


def test_search_json_has_the_documented_keys(demo_db: Path) -> None:
    result = run("search", "reconstruction", "--json", "--from", "1953", "--to", "1961", db=demo_db)
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    assert hits and {"id", "title", "date", "score", "snippet", "source"} <= set(hits[0])
    assert all(h["date"] is None or "1953" <= h["date"][:4] <= "1961" for h in hits)


def test_show_similar_stats(demo_db: Path) -> None:
    doc_id = json.loads(run("search", "Hamhung", "--json", db=demo_db).stdout)[0]["id"]
    doc = json.loads(run("show", doc_id, "--json", db=demo_db).stdout)
    assert doc["id"] == doc_id and doc["text"] and isinstance(doc["notes"], list)
    similar = json.loads(run("similar", doc_id, "--json", "--limit", "3", db=demo_db).stdout)
    assert len(similar) <= 3 and doc_id not in [h["id"] for h in similar]
    stats = json.loads(run("stats", "--json", db=demo_db).stdout)
    assert stats["documents"] >= 10 and stats["by_type"] and stats["by_decade"]
    text = run("stats", db=demo_db).stdout
    assert f"{stats['documents']} documents" in text


def test_demo_notes_from_tei_and_docx(demo_db: Path) -> None:
    hits = json.loads(run("search", "", "--json", "--limit", "100", db=demo_db).stdout)
    with_notes = [json.loads(run("show", h["id"], "--json", db=demo_db).stdout) for h in hits]
    tei = [d for d in with_notes if d["source"]["media_type"] == "application/tei+xml"]
    assert any(d["notes"] and d["notes"][0]["marker_offset"] is not None for d in tei)


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("search", '"five-year plan'), 2, "error: unbalanced quote at position 1"),
        (("search", "aid", "--from", "June"), 2, "error: --from 'June' is not a date"),
        (("show", "0000000000000000"), 3, "error: no document with id '0000000000000000'"),
        (("similar", "nope"), 3, "error: no document with id 'nope'"),
    ],
)
def test_errors_are_one_line_with_exit_codes(
    demo_db: Path, args: tuple[str, ...], code: int, message: str
) -> None:
    result = run(*args, db=demo_db)
    assert result.returncode == code
    assert result.stderr.strip().startswith(message), result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_not_an_archive(tmp_path: Path) -> None:
    bogus = tmp_path / "x.db"
    bogus.write_text("not a database")
    result = run("stats", db=bogus)
    assert result.returncode == 4
    assert "not a fonds archive" in result.stderr and "Traceback" not in result.stderr


def test_missing_index_is_rebuilt_and_check_repairs(demo_db: Path, tmp_path: Path) -> None:
    import shutil

    db = tmp_path / "copy.db"
    shutil.copy(demo_db, db)
    expected = json.loads(run("search", "aid", "--json", db=demo_db).stdout)
    result = run("search", "aid", "--json", db=db)  # no index beside the copy: rebuilt first
    assert json.loads(result.stdout) == [dict(h, source=h["source"]) for h in expected]
    (db.with_name(db.name + ".index") / "fonds-index.json").write_text(
        '{"format": 2, "archive": "x", "seq": 0}'
    )
    check = run("check", "--json", db=db)
    report = json.loads(check.stdout)
    assert report["ok"] and report["repaired"] and report["documents"] == report["indexed"]


def test_show_marks_notes_in_the_text(demo_db: Path) -> None:
    hits = json.loads(run("search", '"Fraternal Aid and Its Limits"', "--json", db=demo_db).stdout)
    shown = run("show", hits[0]["id"], db=demo_db).stdout
    assert "earlier credits.[1]" in " ".join(shown.split())
    assert "1. AVPRF, f. 0102, op. 9, p. 44, d. 3, ll. 12-15" in " ".join(shown.split())

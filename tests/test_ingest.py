"""Ingest through the real path: hostile files, re-ingest, changed files, duplicates, and
killing the process mid-way (then rerunning ends with the same archive as a clean run)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import fonds
from tests.conftest import CORPUS, DEMO, SEED_000, need_corpus

FONDS = [sys.executable, "-m", "fonds"]


def write_hostile(folder: Path) -> dict[str, str]:
    """Bad files, each with the reason fonds must give."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "corrupt.pdf").write_bytes(b"%PDF-1.4\n" + os.urandom(400))
    (folder / "truncated.xml").write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>cut off', encoding="utf-8"
    )
    (folder / "xxe.xml").write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n'
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>&e;</p></body></text></TEI>',
        encoding="utf-8",
    )
    (folder / "empty.txt").write_bytes(b"")
    (folder / "junk.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "huge.txt").write_bytes(b"word " * (300 * 1024))  # 1.5 MB, over a 1 MB limit
    return {
        "corrupt.pdf": "corrupt PDF",
        "truncated.xml": "malformed XML at line 1",
        "xxe.xml": "XML declares entities",
        "empty.txt": "empty file",
        "junk.txt": "binary content, not text",
        "huge.txt": "file over the size limit (1.5 MB > 1 MB)",
    }


def test_hostile_files_are_reported_and_skipped(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    expected = write_hostile(folder / "bad")
    shutil.copytree(DEMO, folder / "demo")
    settings = fonds.settings(tmp_path / "a.db", workers=1, max_file_mb=1)
    with fonds.open(settings=settings) as archive:
        report = archive.ingest([folder])
        problems = {Path(p.path).name: p.reason for p in report.problems if p.status == "failed"}
        assert set(problems) == set(expected)
        for name, reason in expected.items():
            assert reason in problems[name], (name, problems[name])
        assert report.failed == len(expected)
        demo_files = [p for p in DEMO.iterdir() if p.suffix in {".txt", ".html", ".xml", ".docx"}]
        assert report.added == len(demo_files)
        assert archive.stats().documents >= len(demo_files)


def test_cli_reports_bad_files_on_one_line_and_exits_1(tmp_path: Path) -> None:
    expected = write_hostile(tmp_path / "bad")
    (tmp_path / "bad" / "good.txt").write_text("A memorandum on grain deliveries.\n\nText.")
    run = subprocess.run(
        [
            *FONDS,
            "ingest",
            "--db",
            str(tmp_path / "a.db"),
            "--max-file-mb",
            "1",
            str(tmp_path / "bad"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    lines = [line for line in run.stderr.splitlines() if line.startswith("failed: ")]
    assert len(lines) == len(expected)
    for name, reason in expected.items():
        assert any(name in line and reason in line for line in lines), (name, run.stderr)
    assert "1 added" in run.stderr and f"{len(expected)} failed" in run.stderr


def test_reingest_changes_nothing(new_archive: fonds.Archive, tmp_path: Path) -> None:
    first = new_archive.ingest([DEMO])
    assert first.added > 0 and first.failed == 0
    seq = new_archive.store.max_seq()
    second = new_archive.ingest([DEMO])
    assert (second.added, second.updated, second.failed) == (0, 0, 0)
    assert second.unchanged == first.added
    assert new_archive.store.max_seq() == seq


def test_changed_file_replaces_its_documents(new_archive: fonds.Archive, tmp_path: Path) -> None:
    path = tmp_path / "memo.txt"
    path.write_text("Memorandum on tractors\n\nThe ministry requested forty tractors.")
    new_archive.ingest([path])
    assert new_archive.search("tractors").total == 1
    path.write_text("Memorandum on cement\n\nThe ministry requested cement.")
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 10**9))
    report = new_archive.ingest([path])
    assert report.updated == 1
    assert new_archive.search("tractors").total == 0
    hits = new_archive.search("cement").hits
    assert [h.title for h in hits] == ["Memorandum on cement"]
    assert new_archive.stats().documents == 1


def test_same_file_under_two_paths_is_stored_once(
    new_archive: fonds.Archive, tmp_path: Path
) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    text = "Cable from Pyongyang\n\nThe embassy reports on the harvest."
    (a / "cable.txt").write_text(text)
    (b / "copy.txt").write_text(text)
    report = new_archive.ingest([a, b])
    assert report.added == 1 and report.unchanged == 1
    assert new_archive.stats().documents == 1
    doc = new_archive.search("harvest").hits[0]
    sha = new_archive.document(doc.id).source.sha256
    assert new_archive.store.paths_for(sha) == [str(a / "cable.txt"), str(b / "copy.txt")]
    assert new_archive.paths(doc.id) == [str(a / "cable.txt"), str(b / "copy.txt")]


def test_sidecars_override_what_readers_guess(new_archive: fonds.Archive, tmp_path: Path) -> None:
    (tmp_path / "note.txt").write_text("first line guessed as title\n\nbody about aid")
    (tmp_path / "note.txt.json").write_text(
        json.dumps(
            {
                "title": "Note on Soviet aid",
                "date": "1954-03",
                "type": "Report",
                "authors": ["A. B."],
            }
        )
    )
    (tmp_path / "other.txt").write_text("other\n\nbody about loans")
    (tmp_path / "manifest.csv").write_text(
        "file,title,date,collection,language\nother.txt,Loan agreement,1953-09-19/1953-09-20,Test collection,en\n"
    )
    new_archive.ingest([tmp_path])
    assert new_archive.stats().documents == 2
    note = new_archive.document(new_archive.search("aid").hits[0].id)
    assert (note.title, str(note.date), note.type, note.authors) == (
        "Note on Soviet aid",
        "1954-03",
        "report",
        ("A. B.",),
    )
    assert note.origin["title"] == "sidecar"
    other = new_archive.document(new_archive.search("loans").hits[0].id)
    assert (other.title, other.date and other.date.start, other.date and other.date.end) == (
        "Loan agreement",
        "1953-09-19",
        "1953-09-20",
    )
    assert other.collection == "Test collection"


def wait_for_documents(
    db: Path, proc: subprocess.Popen[bytes] | subprocess.Popen[str], n: int
) -> None:
    """Poll the database (read-only) until it holds ``n`` documents or the process ends."""
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.02)
        try:
            conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
            stored = conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
            conn.close()
        except sqlite3.Error:
            continue
        if stored >= n:
            return


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "Z"


def descendants(pid: int) -> set[int]:
    """Every live process below ``pid`` (Linux /proc)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(entry.name)] = int(fields[1])
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _dump(db: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(db)
    rows = conn.execute(
        "SELECT id, title, text, date_start, type FROM documents ORDER BY id"
    ).fetchall()
    rows += conn.execute("SELECT path, sha256 FROM paths ORDER BY path").fetchall()
    conn.close()
    return rows


def _search_results(db: Path) -> list[list[str]]:
    queries = json.loads((CORPUS.parent / "bench" / "queries.json").read_text())["queries"]
    out = []
    with fonds.open(db) as archive:
        for q in queries:
            page = archive.search(
                q["query"], limit=10, date_from=q.get("from"), date_to=q.get("to")
            )
            out.append([h.id for h in page.hits] + [str(page.total)])
    return out


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """3,000 generated documents (the bench generator) written out as files."""
    need_corpus()
    folder = tmp_path_factory.mktemp("gen")
    sys.path.insert(0, str(CORPUS.parent / "bench"))
    try:
        import make_corpus  # type: ignore[import-not-found]
    finally:
        sys.path.pop(0)
    with open(folder / "manifest.csv", "w", encoding="utf-8") as manifest:
        manifest.write("file,title,date,type\n")
        for doc in make_corpus.iter_documents(3000, seed=3):
            name = f"d{doc['id']:05d}.txt"
            (folder / name).write_text(doc["body"], encoding="utf-8")
            title = doc["title"].replace('"', "'")
            manifest.write(f'{name},"{title}",{doc["date"]},{doc["type"]}\n')
    return folder


@pytest.mark.slow
@pytest.mark.parametrize("when", ["after-first-db-commit", "mid-run"])
def test_kill_mid_ingest_then_rerun_equals_clean_run(
    generated: Path, tmp_path: Path, when: str
) -> None:
    clean_db = tmp_path / "clean.db"
    subprocess.run(
        [*FONDS, "ingest", "--db", str(clean_db), str(generated)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    db = tmp_path / "killed.db"
    proc = subprocess.Popen(
        [*FONDS, "ingest", "--db", str(db), str(generated)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_for_documents(db, proc, 1 if when == "after-first-db-commit" else 1500)
    helpers = descendants(proc.pid)
    assert helpers, "reading is done in worker processes"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.time() + 15  # the workers die with the ingest: no orphans
    while any(Path(f"/proc/{pid}").exists() and "Z" not in _state(pid) for pid in helpers):
        assert time.time() < deadline, "worker processes outlived a killed ingest"
        time.sleep(0.1)
    meta = db.with_name(db.name + ".index") / "fonds-index.json"
    if when == "after-first-db-commit":  # killed between the database and the index commits
        assert not meta.exists() or json.loads(meta.read_text())["seq"] == 0
    with fonds.open(db) as archive:  # the index never returns what the database lacks
        for hit in archive.search("soviet", limit=50).hits:
            archive.document(hit.id)
    rerun = subprocess.run(
        [*FONDS, "ingest", "--db", str(db), str(generated)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert rerun.returncode == 0, rerun.stderr
    assert _dump(db) == _dump(clean_db)
    assert _search_results(db) == _search_results(clean_db)
    check = subprocess.run(
        [*FONDS, "check", "--db", str(db), "--json"], capture_output=True, text=True
    )
    assert json.loads(check.stdout)["ok"] is True


def test_ctrl_c_exits_130_with_one_line(generated: Path, tmp_path: Path) -> None:
    db = tmp_path / "int.db"
    proc = subprocess.Popen(
        [*FONDS, "ingest", "--db", str(db), str(generated)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    wait_for_documents(db, proc, 1)  # interrupt once files are stored
    assert proc.poll() is None, "the ingest finished before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr
    assert "interrupted" in stderr
    with fonds.open(db) as archive:
        assert not archive.check(repair=False).problems or archive.check().ok


def test_a_seed_is_found_by_its_rare_words(new_archive: fonds.Archive) -> None:
    need_corpus()
    new_archive.ingest([SEED_000.parent])
    hits = new_archive.search('"calcium carbide"').hits
    assert hits and Path(hits[0].source).name == SEED_000.name


def test_python_api_in_a_plain_script(generated: Path, tmp_path: Path) -> None:
    """A script with no __main__ guard can ingest with worker processes."""
    script = tmp_path / "script.py"
    script.write_text(
        "import fonds\n"
        f"with fonds.open({str(tmp_path / 'api.db')!r}) as archive:\n"
        f"    report = archive.ingest([{str(generated)!r}])\n"
        "    print(report.added, report.failed)\n"
    )
    run = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    added, failed = map(int, run.stdout.split())
    assert failed == 0 and added > 2900

"""Citations split, classified and resolved; archival references parsed per tradition into
fields and a canonical form; who cites what, through the real archive and CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import fonds
from fonds.extract import citations
from fonds.extract.archival import full_pages, parse, parse_ref
from fonds.model import Note
from tests.conftest import DEMO, SEED_000, need_corpus


@pytest.mark.parametrize(
    ("raw", "canonical", "fields"),
    [
        (
            "AVPRF, f. 0102, op. 13, p. 5, d. 1-15",
            "AVPRF f.0102 op.13 p.5 d.1-15",
            {"f": "0102", "op": "13", "p": "5", "d": "1-15"},
        ),
        (
            "RGANI, f. 5, op. 28, d. 412, pp. 164-67",
            "RGANI f.5 op.28 d.412",
            {"f": "5", "op": "28", "d": "412", "pages": "164-167"},
        ),
        (
            "TsKhSD, f. 5, op. 28, d. 314, pp. 200-207",
            "RGANI f.5 op.28 d.314",
            {"f": "5", "op": "28", "d": "314", "pages": "200-207"},
        ),
        (
            "АВП РФ, ф. 0102, оп. 13, п. 5, д. 1-15",
            "AVPRF f.0102 op.13 p.5 d.1-15",
            {"f": "0102", "op": "13", "p": "5", "d": "1-15"},
        ),
        (
            "AVPRF, f. 0102, op.7, d. 47, p. 115-20",
            "AVPRF f.0102 op.7 d.47",
            {"f": "0102", "op": "7", "d": "47", "pages": "115-120"},
        ),
        (
            "PRCFMA, no. 106-01129-01, p. 21",
            "PRCFMA 106-01129-01",
            {"no": "106-01129-01", "pages": "21"},
        ),
        (
            "Shanghai Municipal Archives, A 38-2-352, pp. 50-52",
            "SMA A 38-2-352",
            {"no": "A 38-2-352", "pages": "50-52"},
        ),
        (
            "PolA AA, MfAA, A 6979",
            "PolA AA MfAA A 6979",
            {"collection": "MfAA", "signature": "A 6979"},
        ),
        (
            "SAPMO-BArch, DY 30/IV 2/20/137",
            "SAPMO-BArch DY 30/IV 2/20/137",
            {"signature": "DY 30/IV 2/20/137"},
        ),
        (
            "MOL, XIX-J-1-j, Korea, 11. doboz, 24/b, 00789/1955",
            "MOL XIX-J-1-j doboz 11 24/b 00789/1955",
            {"fond": "XIX-J-1-j", "doboz": "11", "folder": "24/b", "file": "00789/1955"},
        ),
        (
            "Department of State, Central Files, 795.00/7-2753",
            "NARA 795.00/7-2753",
            {"decimal": "795.00/7-2753"},
        ),
        (
            "NARA, RG 59, Central Files, 795B.00/7-1161",
            "NARA RG59 795B.00/7-1161",
            {"rg": "59", "decimal": "795B.00/7-1161"},
        ),
        ("Lot File 96 D 292, Box 1", "DOS Lot96D292 Box 1", {"lot": "96 D 292", "box": "1"}),
    ],
)
def test_archival_references(raw: str, canonical: str, fields: dict[str, str]) -> None:
    ref = parse(raw)
    assert ref is not None
    assert (ref.canonical, ref.fields) == (canonical, fields)


def test_pages_are_written_out() -> None:
    assert full_pages("164-67") == "164-167"
    assert full_pages("309-14, 334-59") == "309-314, 334-359"
    assert full_pages("287-313") == "287-313"
    assert full_pages("98-102") == "98-102"


@pytest.mark.parametrize(
    "ref",
    [
        "RGANI, f. 5, op. 28, d. 412",
        "rgani 5/28/412",
        "RGANI f.5 op.28 d.412",
        "TsKhSD f. 5, op. 28, d. 412",
    ],
)
def test_loose_references_meet(ref: str) -> None:
    assert parse_ref(ref) == "RGANI f.5 op.28 d.412"


def test_no_archive_is_invented() -> None:
    assert parse("Armstrong, Fraternal Socialism, 165") is None
    assert parse_ref("the Korean War") is None


def test_split_classify_and_resolve() -> None:
    notes = (
        Note(
            "1",
            "Charles Armstrong, Fraternal Socialism: The International Reconstruction of Korea, "
            "Cold War History 5, no. 2 (May 2005); RGANI, f. 5, op. 28, d. 411, pp. 287-88.",
            10,
        ),
        Note("2", "Ibid, pp. 287-313.", 20),
        Note(
            "3",
            "Armstrong, Fraternal Socialism, 165; Renmin Ribao, 23 March 1954, 4; Interview with "
            "a former official, 17 February 2010; AVPRF, f. 0102, op. 13, p. 5, d. 1-15.",
            30,
        ),
        Note("4", "Ibid, d. 44-113.", 40),
        Note(
            "5",
            "See Lankov, Crisis in North Korea (Honolulu: University of Hawaii Press, 2004), 12 "
            "(the figure; see also below).",
            50,
        ),
    )
    cites = citations.extract(notes)
    assert [(c.note, c.kind) for c in cites] == [
        ("1", "article"),
        ("1", "archival"),
        ("2", "ibid"),
        ("3", "short"),
        ("3", "newspaper"),
        ("3", "interview"),
        ("3", "archival"),
        ("4", "ibid"),
        ("5", "book"),
    ]
    assert notes[0].text[cites[1].start : cites[1].end] == "RGANI, f. 5, op. 28, d. 411, pp. 287-88"
    assert (cites[2].canonical, cites[2].pages, cites[2].refers_to) == (
        "RGANI f.5 op.28 d.411",
        "287-313",
        1,
    )
    assert (
        cites[3].refers_to == 0
        and cites[3].canonical == cites[0].canonical == "armstrong|fraternal socialism"
    )
    assert cites[0].fields == {
        "type": "article",
        "author": "Charles Armstrong",
        "title": "Fraternal Socialism: The International Reconstruction of Korea",
        "container": "Cold War History",
        "volume": "5",
        "issue": "2",
        "date": "May 2005",
        "year": "2005",
    }
    assert cites[4].fields == {"container": "Renmin Ribao", "date": "23 March 1954", "pages": "4"}
    assert notes[4].text[cites[8].start :].startswith("Lankov, Crisis")  # "See" is not cited
    assert cites[7].canonical == "AVPRF f.0102 op.13 p.5 d.44-113"


def test_seed_000_citations() -> None:
    need_corpus()
    from fonds.extract import run_pipeline
    from tests.extract.test_notes import load

    doc = run_pipeline(load(SEED_000))
    by_canon = {}
    for c in doc.citations:
        by_canon.setdefault(c.canonical, []).append(c)
    assert len(by_canon["RGANI f.5 op.28 d.412"]) == 3  # notes 19, 34, 41
    assert {c.note for c in by_canon["AVPRF f.5 op.28 p.103 d.409"]} == {"45", "46", "49"}
    assert by_canon["RGANI f.5 op.28 d.314"][0].note == "25"
    ibid = next(c for c in doc.citations if c.note == "51")
    assert (ibid.kind, ibid.canonical, ibid.pages) == ("ibid", "RGANI f.5 op.28 d.411", "287-313")
    shorts = [c for c in doc.citations if c.kind == "short"]
    assert any(
        c.note == "11" and c.canonical and c.canonical.startswith("armstrong|fraternal socialism")
        for c in shorts
    )


def test_cited_by_and_search_through_the_archive(tmp_path: Path) -> None:
    need_corpus()
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "seed.txt").write_bytes(SEED_000.read_bytes())
    (folder / "paper.txt").write_bytes((DEMO / "working_paper_aid_1953_1961.txt").read_bytes())
    db = tmp_path / "a.db"
    with fonds.open(settings=fonds.settings(db, workers=1)) as archive:
        archive.ingest([folder])
        rows = archive.cited_by("rgani 5/28/412")
        assert {(r["note"], r["pages"]) for r in rows} >= {
            ("34", "164-167, 174-176"),
            ("5", "164-167"),
        }
        assert len({r["document"] for r in rows}) == 2
        avprf = archive.citations(archive="avp rf", kind="archival")
        assert avprf and all(r["archive"] == "AVPRF" for r in avprf)
        hits = archive.search('"f. 0102"').hits
        assert hits and any("<b>" in h.snippet for h in hits)
        groups = {g["canonical"]: g for g in archive.citation_groups()}
        assert len(groups["RGANI f.5 op.28 d.412"]["documents"]) == 2
        armstrong = next(
            g for c, g in groups.items() if c.startswith("armstrong|fraternal socialism")
        )
        assert (
            armstrong["kind"] == "article" and armstrong["citations"] >= 6
        )  # full, short forms, ibid
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "fonds",
            "cited-by",
            "RGANI, f. 5, op. 28, d. 412",
            "--json",
            "--db",
            str(db),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0
    rows = json.loads(run.stdout)
    assert rows and {"document", "note", "raw", "kind", "archive", "fields", "canonical"} <= set(
        rows[0]
    )
    bad = subprocess.run(
        [sys.executable, "-m", "fonds", "cited-by", "the Korean War", "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode == 2 and bad.stderr.startswith("error: cannot read 'the Korean War'")


@pytest.mark.parametrize(
    ("raw", "canonical", "fields"),
    [
        (
            "AAN, KC PZPR, sygn. XI A/11, t. 3, k. 45-47",
            "AAN sygn. XI A/11 t. 3",
            {"sygn": "XI A/11", "teczka": "3", "k": "45-47"},
        ),
        (
            "AMZV, fond TO-T KLDR 1955-1959, karton 2, inv. č. 12",
            "AMZV TO-T KLDR 1955-1959 k. 2 inv. č. 12",
            {"fond": "TO-T KLDR 1955-1959", "karton": "2", "inv": "12"},
        ),
        (
            "Jianchuan County Archives, 1-7-617, p. 3",
            "Jianchuan County Archives 1-7-617",
            {"no": "1-7-617", "archive_name": "Jianchuan County Archives", "pages": "3"},
        ),
        ("C54-2009-66-3", "C54-2009-66-3", {"no": "C54-2009-66-3"}),
    ],
)
def test_polish_czech_and_unknown_chinese_shapes(
    raw: str, canonical: str, fields: dict[str, str]
) -> None:
    ref = parse(raw)
    assert ref is not None and (ref.canonical, ref.fields) == (canonical, fields)


def test_dates_and_short_forms_are_not_call_numbers() -> None:
    assert parse("Renmin Ribao, 1954-03-23, 4") is None
    assert parse("Zhou Enlai nianpu, 1949-1976, vol. 1, 335") is None

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


def _kinds(text: str) -> list[tuple[str, str]]:
    """(kind, first words) of each citation of a one-note text."""
    return [(c.kind, c.raw[:24]) for c in citations.extract((Note("1", text, 0),))]


def test_sentences_end_at_a_period_not_at_an_abbreviation() -> None:
    text = (
        "Hal Brandt, The Quiet Ministry (Boston: Ridge Press, 1971), pp. 3-4. See also "
        "Ann B. C. Dorn, Dept. of State Memoirs, vol. 2 (Washington, D.C.: GPO, 1980), p. 7. "
        "Cf. U.S. Embassy Oslo to Dept. of State, May 2, 1950, NARA, RG 59, 757.00/5-250."
    )
    spans = list(citations.sentences(text))
    assert [text[a:b][:12] for a, b in spans] == ["Hal Brandt, ", "See also Ann", "Cf. U.S. Emb"]
    assert [k for k, _ in _kinds(text)] == ["book", "book", "archival"]


def test_commentary_sentences_are_not_citations() -> None:
    text = (
        "The mission was not a success, and its papers were lost when the legation burned. "
        "For the legation's own account, see Orr to Hay, June 3, 1899, NARA, RG 59, M77, Roll 9."
    )
    cites = citations.extract((Note("1", text, 0),))
    assert [(c.kind, c.archive, c.raw[:10]) for c in cites] == [("archival", "NARA", "Orr to Hay")]


def test_and_between_two_located_sources_splits() -> None:
    text = (
        "Lee to Park, March 2, 1950, in Papers of the Mission, 1950, pp. 12–14 and NARA, RG 84, "
        "Seoul Legation, Vol. 3; Kahn to Ruiz, April 1, 1961, Department of State, PA Lot File "
        "91D101, Box 2, Budget Matters 1961 and memorandum by Ruiz, May 5, 1961, Department of "
        "State, PA Lot File 91D101, Box 3, Staffing"
    )
    cites = citations.extract((Note("1", text, 0),))
    assert [c.raw[:12] for c in cites] == [
        "Lee to Park,",
        "NARA, RG 84,",
        "Kahn to Ruiz",
        "memorandum b",
    ]
    assert cites[2].fields == {"lot": "91D101", "box": "2", "folder": "Budget Matters 1961"}
    assert cites[3].fields == {"lot": "91D101", "box": "3", "folder": "Staffing"}


def test_documents_before_a_shared_location_carry_it() -> None:
    text = (
        "Ames to Brook, May 1, 1970; Brook to Ames, May 9, 1970; and Cole to Ames, June 2, 1970, "
        "all in NARA, RG 59, PA Lot File 77D12, Box 4, Clearance Disputes"
    )
    cites = citations.extract((Note("1", text, 0),))
    want = {"rg": "59", "lot": "77D12", "box": "4", "folder": "Clearance Disputes"}
    assert [(c.kind, c.archive, c.fields) for c in cites] == [("archival", "NARA", want)] * 3
    alone = citations.extract((Note("2", "Ames to Brook, May 1, 1970; Lee, Memoirs, 4", 0),))
    assert (alone[0].archive, alone[0].fields) == (None, {})  # no location to share


@pytest.mark.parametrize(
    ("raw", "fields"),
    [
        ("NARA, RG 59, CDF 1945–1949, 711.94/3–1147", {"rg": "59", "decimal": "711.94/3-1147"}),
        ("NARA, RG 59, CDF 1910–1929, 119.2/4410", {"rg": "59", "decimal": "119.2/4410"}),
        (
            "NARA, RG 59, CDF 1930–1939, 032 Trade Missions/58a",
            {"rg": "59", "decimal": "032 Trade Missions/58a"},
        ),
        (
            "NARA, RG 59, CDF 1910–1929, 032 Trade Missions (P.C. 1919)/9",
            {"rg": "59", "decimal": "032 Trade Missions (P.C. 1919)/9"},
        ),
        ("NARA, RG 59, CDF 1910–1929, 121.55", {"rg": "59", "decimal": "121.55"}),
        (
            "Department of State, PA Lot File 88D410, Box 7, Volume Planning (draft file), 1970–1972",
            {"lot": "88D410", "box": "7", "folder": "Volume Planning (draft file), 1970–1972"},
        ),
        (
            "NARA, RG 59, PA Lot File 88D410, Box 7, Reviews (Navy), 1971 (also in CFPF 1971)",
            {"rg": "59", "lot": "88D410", "box": "7", "folder": "Reviews (Navy), 1971"},
        ),
    ],
)
def test_us_decimal_files_and_folder_titles(raw: str, fields: dict[str, str]) -> None:
    ref = parse(raw)
    assert ref is not None and ref.fields == fields


@pytest.mark.parametrize(
    ("raw", "archive", "fields"),
    [
        (
            "Orr to Hay, June 3, 1899, LCM, Orr Papers, Box 4, Letters 1899",
            None,
            {"archive_name": "LCM", "box": "4", "folder": "Letters 1899"},
        ),
        (
            "Kerr to Ames, May 2, 1975, Calvin Coolidge Presidential Library, Staff Files, Box 12",
            None,
            {"archive_name": "Calvin Coolidge Presidential Library", "box": "12"},
        ),
        (
            "Orr to Hay, June 3, 1899, University of Maine, Special Collections, Orr Papers",
            None,
            {"archive_name": "University of Maine, Special Collections"},
        ),
        ("Orr Papers, Box 2, Diaries", None, {"box": "2", "folder": "Diaries"}),
        ("Orr to Hay, June 3, 1899, RG 59, M77, Despatches, Roll 9", "NARA", {"rg": "59"}),
    ],
)
def test_manuscript_collections_outside_the_registry(
    raw: str, archive: str | None, fields: dict[str, str]
) -> None:
    ref = parse(raw)
    assert ref is not None and (ref.archive, ref.fields) == (archive, fields)
    assert parse("Ames, The Papers of a Quiet Man (Boston: Ridge Press, 1970), 4") is None


def test_papka_and_pages() -> None:
    ref = parse("AVPRF, f. 7, op. 12, p. 301, d. 4, pp. 21-29")
    assert ref is not None and ref.fields == {
        "f": "7",
        "op": "12",
        "p": "301",
        "d": "4",
        "pages": "21-29",
    }
    ref = parse("AVPRF, f. 7, op. 12, p. 30, pp. 110-18")
    assert ref is not None and ref.fields == {"f": "7", "op": "12", "p": "30", "pages": "110-118"}


def test_an_online_copy_of_an_archival_record() -> None:
    text = (
        "“Note on the Harvest,” 2 May 1961, Wilson Center Digital Archive, SAPMO-BArch, DY 30/3411. "
        "Translated by Ann Cole. https://digitalarchive.wilsoncenter.org/document/12345"
    )
    cites = citations.extract((Note("1", text, 0),))
    assert [(c.kind, c.archive, c.fields) for c in cites] == [
        ("digital", "SAPMO-BArch", {"signature": "DY 30/3411"})
    ]


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        (
            "Ann Cole, Allies Apart (Washington, D.C.: Woodrow Wilson Center Press, 2004), 17",
            "book",
        ),
        (
            "Foreign Relations of the United States, 1958–1960, vol. XV, Korea "
            "(https://history.state.gov/historicaldocuments/frus1958-60v15)",
            "book",
        ),
        ("Ann Cole, “Allies Apart,” Policy Blog, https://example.org/allies-apart", "digital"),
        ("Report on rice stocks, 3 May 1958, NKIDP Archive", "digital"),
    ],
)
def test_a_web_address_alone_does_not_make_a_publication_digital(raw: str, kind: str) -> None:
    assert [k for k, _ in _kinds(raw)] == [kind]


@pytest.mark.parametrize(
    ("raw", "container", "date"),
    [
        (
            "Portland Morning Oregonian Herald, March 3, 1890",
            "Portland Morning Oregonian Herald",
            "March 3, 1890",
        ),
        (
            "The Weekly Courier (Macon, Georgia), April 9 and 11, 1866",
            "The Weekly Courier (Macon, Georgia)",
            "April 9",
        ),
        (
            "“Envoy Recalled,” Salem Evening Star, 12 June 1921, p. 2",
            "Salem Evening Star",
            "12 June 1921",
        ),
        (
            "“Talks Resume,” Korean Central News Agency, 3 July 1972",
            "Korean Central News Agency",
            "3 July 1972",
        ),
    ],
)
def test_newspapers_by_their_shape(raw: str, container: str, date: str) -> None:
    (c,) = citations.extract((Note("1", raw, 0),))
    assert (c.kind, c.fields["container"], c.fields["date"]) == ("newspaper", container, date)


def test_a_register_with_a_publisher_is_a_book() -> None:
    raw = "Register of the Harbour Board, January 1, 1931 (Boston: City Printer, 1931), 12"
    assert [k for k, _ in _kinds(raw)] == ["book"]


def test_short_forms_without_an_author_or_by_their_shape() -> None:
    notes = (
        Note(
            "1",
            "Ito Hiro et al., Tanaka nikki, 1950-1960 (Tokyo: Kodansha, 1999), 4; Instructions "
            "to Ministers Abroad (Washington: GPO, 1871) (hereafter Instructions, 1871), p. 3",
            0,
        ),
        Note("2", "Tanaka nikki, 1950-1960, vol. 2, 88", 10),
        Note("3", "Fish to Bancroft, May 2, 1871, Instructions, 1871, p. 40", 20),
        Note("4", "Foreign Relations, 1874, pp. 12–15; Marwick, Orchards, p. 9", 30),
        Note("5", "Ann Marwick, The Orchards of Kent: A History (Leeds: Moor Press, 1988), 5", 40),
        Note("6", "Marwick, Kent, 44", 50),
    )
    cites = citations.extract(notes)
    assert [(c.note, c.kind, c.refers_to) for c in cites] == [
        ("1", "book", None),
        ("1", "book", None),
        ("2", "short", 0),
        ("3", "short", 1),
        ("4", "short", None),
        ("4", "short", None),
        ("5", "book", None),
        ("6", "short", 6),
    ]


def test_registry_libraries_and_archives_named_in_titles() -> None:
    ref = parse("Vance to Brown, May 3, 1978, Carter Library, NSA Staff Files, Box 9, Korea")
    assert ref is not None and (ref.archive, ref.fields) == ("JCL", {"box": "9", "folder": "Korea"})
    title = "Ann Cole, “Research at the Reagan Library,” Archival Notes 4 (1999): 3–9"
    assert [k for k, _ in _kinds(title)] == ["article"]


def test_cited_from_and_interviews() -> None:
    text = (
        "Kim to Mao, 3 May 1950, cited from Ann Cole, Allies Apart (Boston: Ridge Press, 2001), 45; "
        "Interviews with two former diplomats, Seoul, 12 and 14 March 2004"
    )
    assert [k for k, _ in _kinds(text)] == ["archival", "book", "interview"]


def test_call_numbers_continue_the_archive_before_them() -> None:
    text = "Gansu Provincial Archives, Lanzhou 91-4-12, pp. 3-5; Lanzhou 91-4-19; C91-2-77-1"
    cites = citations.extract((Note("1", text, 0),))
    assert [c.fields.get("archive_name") for c in cites] == ["Gansu Provincial Archives"] * 3
    assert [c.fields["no"] for c in cites] == ["91-4-12", "91-4-19", "C91-2-77-1"]


def test_documents_without_a_location_are_archival() -> None:
    text = "Minutes of Kim's talk with Ivanov, 4 April 1957; Ito to Kato, June 3, 1960"
    assert [k for k, _ in _kinds(text)] == ["archival", "archival"]


def test_a_letter_after_a_located_source_is_a_new_citation() -> None:
    text = (
        "Ito to Kato, May 2, 1960, Department of State, PA Lot File 71D5, Box 2, Files A–K. See also "
        "Kato to Ito, May 9, 1960, NARA, RG 59, PA Lot File 71D5, Box 3, Budget 1960 and Ito to "
        "Sato, June 1, 1960, NARA, RG 59, PA Lot File 71D5, Box 4, Staff"
    )
    cites = citations.extract((Note("1", text, 0),))
    assert [(c.raw[:11], c.fields.get("folder")) for c in cites] == [
        ("Ito to Kato", "Files A–K"),
        ("Kato to Ito", "Budget 1960"),
        ("Ito to Sato", "Staff"),
    ]

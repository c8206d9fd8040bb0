"""Published works read from citations into fields, with or without the quotation marks a
flattened PDF loses, and the keys under which a work and its short forms meet."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fonds.extract import citations, works
from fonds.model import Note


@pytest.mark.parametrize(
    ("raw", "kind", "fields"),
    [
        (
            "Andrei Lankov, Crisis in North Korea: The Failure of De-Stalinization, 1956 "
            "(Honolulu: University of Hawaii Press, 2004), 87",
            "book",
            {
                "author": "Andrei Lankov",
                "title": "Crisis in North Korea: The Failure of De-Stalinization, 1956",
                "place": "Honolulu",
                "publisher": "University of Hawaii Press",
                "year": "2004",
                "pages": "87",
            },
        ),
        (
            "B. C. Koh, “The Impact of the Chinese Model on North Korea,” Asian Survey 18, "
            "no. 6 (June 1978): 626-43",
            "article",
            {
                "author": "B. C. Koh",
                "title": "The Impact of the Chinese Model on North Korea",
                "container": "Asian Survey",
                "volume": "18",
                "issue": "6",
                "date": "June 1978",
                "year": "1978",
                "pages": "626-643",
            },
        ),
        (
            "Glenn D. Paige, “North Korea and the Emulation of Russian and Chinese Behavior,” in "
            "A. Doak Barnett (ed.), Communist Strategies in Asia (New York: Praeger, 1963)",
            "chapter",
            {
                "author": "Glenn D. Paige",
                "title": "North Korea and the Emulation of Russian and Chinese Behavior",
                "editor": "A. Doak Barnett",
                "container": "Communist Strategies in Asia",
                "place": "New York",
                "publisher": "Praeger",
                "year": "1963",
            },
        ),
        (
            "Kathryn Weathersby, Soviet Aims in Korea and the Origins of the Korean War, "
            "1945-1950, CWIHP Working Paper 8 (November 1993)",
            "report",
            {
                "author": "Kathryn Weathersby",
                "title": "Soviet Aims in Korea and the Origins of the Korean War, 1945-1950",
                "container": "CWIHP Working Paper",
                "volume": "8",
                "date": "November 1993",
                "year": "1993",
            },
        ),
        (
            "Charles Armstrong and Balazs Szalontai, eds., Socialist Reconstruction, "
            "trans. Kim Min-ho, vol. 2 (Seoul: Example Press, 2011), 5-9",
            "book",
            {
                "editor": "Charles Armstrong; Balazs Szalontai",
                "title": "Socialist Reconstruction",
                "translator": "Kim Min-ho",
                "volume": "2",
                "place": "Seoul",
                "publisher": "Example Press",
                "year": "2011",
                "pages": "5-9",
            },
        ),
        (
            "Jane Doe, The Border Question (PhD diss., University of Chicago, 2001)",
            "thesis",
            {
                "author": "Jane Doe",
                "title": "The Border Question",
                "genre": "PhD diss.",
                "publisher": "University of Chicago",
                "year": "2001",
            },
        ),
    ],
)
def test_fields(raw: str, kind: str, fields: dict[str, str]) -> None:
    work = works.parse(raw)
    assert work is not None
    assert (work.type, work.fields) == (kind, fields)


def test_commentary_before_the_work_is_not_cited() -> None:
    raw = "For the purge and its aftermath, see Andrei Lankov, Crisis in North Korea (Honolulu: University of Hawaii Press, 2004)"
    work = works.parse(raw)
    assert work is not None and raw[work.start :].startswith("Andrei Lankov, Crisis")
    assert works.parse("After the war, thirty-four divisions stayed") is None or (
        "author" not in works.parse("After the war, thirty-four divisions stayed").fields  # type: ignore[union-attr]
    )


def test_keys_meet_across_styles() -> None:
    assert works.key("Charles K. Armstrong", "Fraternal Socialism: The International") == works.key(
        "Charles Armstrong", "Fraternal Socialism"
    )
    assert works.key("Lankov", "Crisis in North Korea") != works.key(
        "Lankov", "From Stalin to Kim Il Sung"
    )


def test_short_forms_idem_and_newspaper_runs_resolve() -> None:
    notes = (
        Note(
            "1",
            "Avram Agov, North Korea in the Socialist World (PhD diss., University of British Columbia, 2010), 12.",
            5,
        ),
        Note(
            "2",
            "Agov, North Korea in the Socialist World, 256-57; idem, Another Study, Example Journal 3, no. 1 (2012): 4.",
            9,
        ),
        Note("3", "Renmin Ribao, 25 August 1956, 2; 26 March, 3.", 12),
    )
    cites = citations.extract(notes)
    assert [c.kind for c in cites] == ["book", "short", "article", "newspaper", "newspaper"]
    assert cites[1].refers_to == 0 and cites[1].pages == "256-257"
    assert cites[2].fields["author"] == "Avram Agov"
    assert cites[4].fields == {"container": "Renmin Ribao", "date": "26 March"}


@given(
    st.text(alphabet=st.sampled_from(list("Ab Kim, Il.;:()“”\"'-0123 eds.1957 pp")), max_size=80)
)
def test_any_text_parses_or_is_refused(raw: str) -> None:
    work = works.parse(raw)
    if work is not None:
        assert 0 <= work.start <= len(raw) and work.fields.get("title")
        works.label(work.fields)


def test_a_short_title_definition_is_not_the_publication() -> None:
    raw = "Papers on Trade (Washington: GPO, 1880) (hereafter Trade, 1880), p. 5"
    work = works.parse(raw)
    assert work is not None and work.type == "book"
    assert (work.fields["publisher"], work.fields["year"]) == ("GPO", "1880")

"""Page furniture and notes recovered from flattened text, on the two seeds and on text we
write; native notes (TEI, DOCX) are left alone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from fonds.extract import PIPELINE, furniture, notes, run_pipeline
from fonds.model import Document, Note, Source
from fonds.readers.text import read
from tests.conftest import DEMO, SEED_000, SEED_004, need_corpus

ROMAN = "i ii iii iv v vi vii viii ix x xi xii xiii xiv xv xvi xvii xviii xix xx xxi xxii xxiii xxiv xxv xxvi xxvii xxviii xxix xxx xxxi xxxii xxxiii xxxiv xxxv xxxvi xxxvii xxxviii xxxix xl xli xlii xliii xliv xlv xlvi".split()
HEAD_ODD = "China and the Post-War Reconstruction of North Korea, 1953-1961"
HEAD_EVEN = "Zhihua Shen and Yafeng Xia"


def load(path: Path) -> Document:
    data = path.read_bytes()
    return read(Source(str(path), "0" * 64, len(data), "text/plain"), data)[0]


@pytest.fixture(scope="module")
def seed0() -> Document:
    need_corpus()
    return run_pipeline(load(SEED_000), PIPELINE)


def test_running_heads_and_page_numbers_are_cut(seed0: Document) -> None:
    body = seed0.text[seed0.text.index("Transcription:") :]
    # the title stays: on the cover and as the first page's heading
    assert body.count(HEAD_ODD) == 3
    pages = [seed0.text[p : p + 100] for p in seed0.pages]
    assert len(seed0.pages) == 20
    assert pages[0].startswith(HEAD_ODD + " Zhihua Shen and Yafeng Xia")
    assert not any(p.startswith((HEAD_ODD, HEAD_EVEN)) for p in pages[1:])
    assert not re.search(r"Press, 1\s*$", seed0.text[seed0.pages[0] : seed0.pages[1]])
    assert seed0.raw_text is not None and HEAD_EVEN + " historian" in seed0.raw_text


def test_every_footnote_of_seed_000_is_found_and_linked(seed0: Document) -> None:
    labels = [n.label for n in seed0.notes]
    assert labels == ["*"] + [str(i) for i in range(1, 71)]
    assert all(n.marker_offset is not None for n in seed0.notes)
    offsets = [n.marker_offset or 0 for n in seed0.notes]
    assert offsets == sorted(offsets)
    by_label = {n.label: n for n in seed0.notes}
    assert by_label["12"].text == "Ibid."
    assert (
        by_label["21"].text == "The exchange rate in the 1950s was that 4 rubles equaled to USD 1."
    )
    assert by_label["54"].text == "AVPRF, f. 0102, op. 13, p. 5, d. 1-15."
    assert by_label["4"].text.endswith(
        "(Tokyo: Iwanami shoten, 2006)."
    )  # continued on the next page
    assert by_label["*"].text.startswith("Yafeng Xia completed this article")


def test_markers_sit_where_the_numbers_stood_and_the_body_reads_on(seed0: Document) -> None:
    by_label = {n.label: n for n in seed0.notes}
    text = seed0.text
    at = by_label["21"].marker_offset or 0
    assert text[at - 38 : at] == "was made available during the first year."[-38:]
    assert text[at : at + 12] == " These funds"
    at10 = by_label["10"].marker_offset or 0
    assert text[at10 : at10 + 40].startswith(" As historian Charles Armstrong")
    assert "Fraternal Socialism, 162. 12 Ibid." not in text
    assert "4 rubles equaled to USD 1." not in text


def test_notes_keep_their_span_in_the_text_as_read(seed0: Document) -> None:
    raw = seed0.raw_text or ""
    for note in seed0.notes:
        assert note.raw_span is not None
        start, end = note.raw_span
        assert raw[start:end].lstrip("* ").startswith(note.label if note.label != "*" else "")
        first_words = " ".join(note.text.split()[:3])
        assert first_words in " ".join(raw[start:end].split())


def test_endnotes_with_roman_markers() -> None:
    need_corpus()
    doc = run_pipeline(load(SEED_004), PIPELINE)
    assert [n.label for n in doc.notes] == ROMAN
    assert all(n.marker_offset is not None for n in doc.notes)
    assert "Footnotes" not in doc.text[-2000:]
    assert "[xlvi]" not in doc.text and "[i]" not in doc.text
    assert doc.notes[0].text.startswith("See Kim Cheehyung")
    assert doc.notes[10].label == "xi" and doc.notes[10].text.startswith("Ralph C. Hassig")


def test_demo_working_paper() -> None:
    doc = run_pipeline(load(DEMO / "working_paper_aid_1953_1961.txt"), PIPELINE)
    assert [n.label for n in doc.notes] == ["1", "2", "3", "4", "5", "6"]
    assert doc.notes[0].text.startswith("AVPRF, f. 0102, op. 9, p. 44, d. 3, ll. 12-15")
    at = doc.notes[0].marker_offset or 0
    assert doc.text[:at].endswith("earlier credits.")
    assert "NOTES" not in doc.text


def test_written_flattened_pages() -> None:
    """Six pages we wrote, with running heads, page numbers and notes spliced in."""
    bodies = [
        (
            "The delegation reached Moscow in September and asked for credits",
            "The Soviet side agreed within a week",
        ),
        (
            "Grain shipments began in the winter of that year",
            "Most of the grain came through Sinuiju",
        ),
        ("The Chinese volunteers rebuilt bridges and dykes", "Their work was praised in the press"),
        ("East German engineers drew the plans for Hamhung", "Construction began in the spring"),
        ("Hungarian diplomats doubted the published figures", "They wrote to Budapest about it"),
        ("The treaties of July changed the terms of the alliance", "Aid gave way to guarantees"),
    ]
    pages = []
    for n, (one, two) in enumerate(bodies, start=1):
        head = "Aid and Alliance, 1953-1961" if n % 2 else "A. Historian"
        a, b = n * 2 - 1, n * 2
        pages.append(
            f"{head} {one}, and the talks went on for many days in the ministry. {a} {two}, as the "
            f"embassy reported to the capital in its cable of that month. {b} The next stage "
            f"{a} AVPRF, f. 0102, op. 9, p. 44, d. {a + 40}, ll. {n}-{n + 4}. {b} Ibid., l. {n + 7}. {n}"
        )
    text = "Cover page of the study\n\n" + "\n\n".join(pages) + "\n"
    doc = Document(id="x", source=Source("/x", "0" * 64, 1, "text/plain"), title="Aid", text=text)
    out = run_pipeline(doc, PIPELINE)
    assert [n.label for n in out.notes] == [str(i) for i in range(1, 13)]
    assert out.notes[2].text == "AVPRF, f. 0102, op. 9, p. 44, d. 43, ll. 2-6."
    assert out.notes[3].text == "Ibid., l. 9."
    assert "A. Historian" not in out.text and out.text.count("Aid and Alliance") == 1
    assert "Ibid." not in out.text and "AVPRF" not in out.text
    at = out.notes[0].marker_offset or 0
    assert out.text[:at].endswith("in the ministry.")


def test_native_notes_are_kept() -> None:
    native = (Note("1", "A native note.", 5),)
    doc = Document(
        id="x",
        source=Source("/x", "0" * 64, 1, "text/plain"),
        title="t",
        text="Body text. 1 More text.\n\nNotes\n\n1. Another note.\n2. And one more.\n" * 20,
        notes=native,
    )
    assert notes.run(doc).notes == native
    assert (
        furniture.run(Document(id="y", source=doc.source, title="t", text="short")).text == "short"
    )

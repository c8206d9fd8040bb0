"""The plain-text reader on real files: encodings, normalization, titles, refusals."""

from __future__ import annotations

import codecs
import hashlib
from pathlib import Path

import pytest

from fonds.errors import ReadError
from fonds.model import Document, Source, document_id
from fonds.readers import text
from tests.files.make import binary_junk, empty_file, huge_text

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "seeds"
SEED_000 = SEEDS / "000_dc798445d9d4cc9d.txt"

MEMO = (
    "Memorandum of Conversation with Kádár Sándor\n"
    "Budapest, 13 September 1957\n"
    "\n"
    "The delegation discussed reconstruction aid to the DPRK and the new five-year plan.\n"
)
MEMO_TEXT = (
    "Memorandum of Conversation with Kádár Sándor\n"
    "Budapest, 13 September 1957\n"
    "\n"
    "The delegation discussed reconstruction aid to the DPRK and the new five-year plan."
)


def read(path: Path) -> Document:
    data = path.read_bytes()
    source = Source(str(path), hashlib.sha256(data).hexdigest(), len(data), text.READER.media_type)
    docs = text.read(source, data)
    assert len(docs) == 1
    return docs[0]


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --- encodings -------------------------------------------------------------------------------


def test_utf8(tmp_path: Path) -> None:
    path = write(tmp_path, "memo.txt", MEMO.encode("utf-8"))
    doc = read(path)
    assert doc.text == MEMO_TEXT
    assert doc.title == "Memorandum of Conversation with Kádár Sándor"
    assert doc.origin == {"title": "guessed"}
    assert doc.status == "ok"
    assert doc.id == document_id(hashlib.sha256(MEMO.encode()).hexdigest(), 0)
    assert doc.source.path == str(path)
    assert doc.source.size == len(MEMO.encode("utf-8"))


def test_utf8_with_bom(tmp_path: Path) -> None:
    doc = read(write(tmp_path, "bom.txt", codecs.BOM_UTF8 + MEMO.encode("utf-8")))
    assert doc.text == MEMO_TEXT
    assert not doc.text.startswith("\ufeff")
    assert doc.title == "Memorandum of Conversation with Kádár Sándor"


def test_utf16_le_with_bom(tmp_path: Path) -> None:
    data = MEMO.encode("utf-16")  # with BOM, native (little-endian) order
    assert data[:2] == codecs.BOM_UTF16_LE
    doc = read(write(tmp_path, "utf16.txt", data))
    assert doc.text == MEMO_TEXT
    assert doc.title == "Memorandum of Conversation with Kádár Sándor"


def test_utf16_be_with_bom(tmp_path: Path) -> None:
    doc = read(write(tmp_path, "utf16be.txt", codecs.BOM_UTF16_BE + MEMO.encode("utf-16-be")))
    assert doc.text == MEMO_TEXT


def test_utf16_without_bom(tmp_path: Path) -> None:
    """The module promises UTF-16 'with or without BOM'; without one it must not be 'binary'."""
    doc = read(write(tmp_path, "utf16le.txt", MEMO.encode("utf-16-le")))
    assert doc.text == MEMO_TEXT


def test_cp1252(tmp_path: Path) -> None:
    memo = (
        "Memorandum of Conversation with Kádár Sándor\n"
        "The ambassador called the aid “generous” – 300 million rubles.\n"
    )
    doc = read(write(tmp_path, "cp1252.txt", memo.encode("cp1252")))
    assert doc.text == (
        "Memorandum of Conversation with Kádár Sándor\n"
        "The ambassador called the aid “generous” – 300 million rubles."
    )
    assert doc.title == "Memorandum of Conversation with Kádár Sándor"


def test_latin1(tmp_path: Path) -> None:
    doc = read(write(tmp_path, "latin1.txt", MEMO.encode("latin-1")))
    assert doc.text == MEMO_TEXT
    assert doc.title == "Memorandum of Conversation with Kádár Sándor"


@pytest.mark.parametrize(
    ("note", "encoding"),
    [
        ("Kádár Sándor", "latin-1"),
        ("Kádár Sándor", "cp1252"),
        (
            "Memorandum of conversation with Kádár Sándor, first secretary.\n"
            "The delegation discussed aid to Korea in 1957.",
            "cp1252",
        ),
        ("La délégation française est arrivée à Pyongyang; très grand succès.", "cp1252"),
        ("Résumé", "latin-1"),
        ("Die Delegation traf in Pjöngjang ein; Grüße an die Genossen, große Hilfe.", "cp1252"),
    ],
    ids=["name-latin1", "name-cp1252", "memo-cp1252", "french-cp1252", "word-latin1", "german"],
)
def test_short_western_legacy_text(tmp_path: Path, note: str, encoding: str) -> None:
    """Mostly-ASCII text with a few accented letters in a Western code page (the common legacy
    case) must not come out as CJK or Arabic mojibake."""
    doc = read(write(tmp_path, "note.txt", (note + "\n").encode(encoding)))
    assert doc.text == note


def test_cp1251_russian(tmp_path: Path) -> None:
    note = "Делегация прибыла в Пхеньян 13 сентября 1957 года. Обсуждалась помощь.\n"
    doc = read(write(tmp_path, "ru.txt", note.encode("cp1251")))
    assert doc.text == "Делегация прибыла в Пхеньян 13 сентября 1957 года. Обсуждалась помощь."


# --- normalization and title -----------------------------------------------------------------


def test_normalized_nfc_crlf_spaces(tmp_path: Path) -> None:
    raw = (
        "  \r\n"
        "Report   on the  Cafe\u0301 Pyongyang\t meeting  \r\n"
        "\r\n\r\n\r\n"
        "Present:\u00a0Kim Il Sung,   Puzanov.\r\n"
        "Zero\u200bwidth\x07bell.\r\n"
    )
    doc = read(write(tmp_path, "crlf.txt", raw.encode("utf-8")))
    assert doc.text == (
        "Report on the Café Pyongyang meeting\n\nPresent: Kim Il Sung, Puzanov.\nZerowidthbell."
    )
    assert "\u0301" not in doc.text
    assert "\r" not in doc.text
    assert doc.title == "Report on the Café Pyongyang meeting"


def test_title_is_first_nonempty_line(tmp_path: Path) -> None:
    doc = read(write(tmp_path, "t.txt", b"\n\n   \nJournal of Ambassador Puzanov\nSecond line.\n"))
    assert doc.title == "Journal of Ambassador Puzanov"
    assert doc.text == "Journal of Ambassador Puzanov\nSecond line."


def test_long_first_line_title_cut_at_word(tmp_path: Path) -> None:
    line = "aid " * 60  # 240 characters
    doc = read(write(tmp_path, "long.txt", (line + "\nrest\n").encode()))
    assert doc.title == "aid " * 49 + "aid…"
    assert len(doc.title) == 200


# --- refusals --------------------------------------------------------------------------------


def test_empty_file(tmp_path: Path) -> None:
    path = empty_file(tmp_path / "empty.txt")
    with pytest.raises(ReadError) as info:
        read(path)
    assert info.value.reason == "empty file"
    assert str(info.value) == f"{path}: empty file"
    assert info.value.path == str(path)


def test_whitespace_only_file(tmp_path: Path) -> None:
    path = write(tmp_path, "blank.txt", b" \r\n\t\n  \n")
    with pytest.raises(ReadError) as info:
        read(path)
    assert info.value.reason == "empty file"
    assert str(info.value) == f"{path}: empty file"


def test_control_characters_only_file(tmp_path: Path) -> None:
    path = write(tmp_path, "controls.txt", b"\x1b\x1b\n\x0c\n")
    with pytest.raises(ReadError) as info:
        read(path)
    assert info.value.reason == "empty file (only whitespace)"
    assert str(info.value) == f"{path}: empty file (only whitespace)"


def test_binary_junk(tmp_path: Path) -> None:
    path = binary_junk(tmp_path / "junk.txt")
    assert b"\x00" in path.read_bytes()
    with pytest.raises(ReadError) as info:
        read(path)
    assert info.value.reason == "binary content, not text"
    assert str(info.value) == f"{path}: binary content, not text"


def test_binary_control_bytes_without_nul(tmp_path: Path) -> None:
    path = write(tmp_path, "ctl.txt", b"ab\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10cd" * 20)
    with pytest.raises(ReadError) as info:
        read(path)
    assert info.value.reason == "binary content, not text"


def test_bad_utf16_after_bom(tmp_path: Path) -> None:
    path = write(
        tmp_path, "bad16.txt", codecs.BOM_UTF16_LE + "Aid".encode("utf-16-le") + b"\x00\xd8"
    )
    with pytest.raises(ReadError) as info:
        read(path)
    assert info.value.reason == "undecodable utf-16 text at byte 8"
    assert str(info.value) == f"{path}: undecodable utf-16 text at byte 8"


def test_huge_text_file(tmp_path: Path) -> None:
    size = 5_000_000
    path = huge_text(tmp_path / "huge.txt", size)
    assert path.stat().st_size == size
    doc = read(path)
    assert len(doc.text) == size
    assert doc.text.startswith(
        "Line 00000000: the delegation discussed reconstruction aid and the five-year plan.\n"
        "Line 00000001: "
    )
    assert doc.title == (
        "Line 00000000: the delegation discussed reconstruction aid and the five-year plan."
    )


# --- the shared corpus -----------------------------------------------------------------------


def test_seed_000() -> None:
    if not SEED_000.is_file():
        pytest.skip("../shared/corpus/seeds is not beside the checkout")
    doc = read(SEED_000)
    assert doc.title.startswith("NORTH KOREA INTERNATIONAL DOCUMENTATION PROJECT WORKING PAPER #4")
    assert "calcium carbide" in doc.text
    assert doc.status == "ok"
    assert doc.text == doc.text.strip()
    assert "\r" not in doc.text

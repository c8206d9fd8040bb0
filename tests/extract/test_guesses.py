"""Type and language guesses: from titles and function words, recorded as guessed, and
never over a value a file or sidecar gave."""

from __future__ import annotations

import pytest

from fonds.extract import PIPELINE, doctype, language, run_pipeline
from fonds.model import Document, Source
from tests.conftest import SEED_000, need_corpus

SOURCE = Source("/x.txt", "0" * 64, 1, "text/plain")


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        (
            "Memorandum of Conversation between Molotov and PRC Ambassador Zhang Wentian",
            "memorandum of conversation",
        ),
        (
            "Record of a Meeting between the Sino-Soviet Delegation and the KWP Presidium",
            "memorandum of conversation",
        ),
        ("Ciphered Telegram from Ambassador Puzanov", "cable"),
        ("Journal of Soviet Ambassador to the DPRK A.M. Puzanov for 29 May 1957", "diary"),
        ("Richard W. Leopold to George F. Kennan", "letter"),
        ("Minutes of the Historical Advisory Committee Meeting", "minutes"),
        ("J. Burgin's Report on a Trip to North Korea", "report"),
        ("China and the Post-War Reconstruction of North Korea, 1953-1961", None),
    ],
)
def test_type_from_title(title: str, kind: str | None) -> None:
    assert doctype.guess(title) == kind


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "The Soviet Union agreed to provide aid to the DPRK in the amount of one billion rubles, and the terms were eased.",
            "en",
        ),
        (
            "Советский Союз согласился предоставить помощь КНДР, и это было важно для них. Он не был на встрече, но так же и они.",
            "ru",
        ),
        (
            "A nagykövetség szerint a koreai vezetés nem tudja, hogy a segély és a hitel között mi a különbség, de ez már nem kell.",
            "hu",
        ),
        (
            "Die Regierung der DDR hat beschlossen, die Stadt Hamhung wieder aufzubauen, und es wurde mit den Arbeiten im Jahr begonnen.",
            "de",
        ),
        (
            "关于北朝鲜援助的报告，中国政府决定向朝鲜提供八万亿元的援助，用于战后恢复和建设工作。",
            "zh",
        ),
        (
            "평양에서 회의가 열렸다. 김일성 수상은 소련 대사와 만났다. 조선 인민은 전후 복구를 위하여",
            "ko",
        ),
        ("1953 1954 1955 --- 42", None),
    ],
)
def test_language_from_text(text: str, lang: str | None) -> None:
    assert language.guess(text) == lang


def test_guesses_are_marked_and_never_override() -> None:
    doc = Document(
        id="x",
        source=SOURCE,
        title="Telegram from Moscow",
        text="The embassy reports that the talks were held in the ministry and that the ministry has agreed.",
    )
    guessed = run_pipeline(doc, PIPELINE)
    assert (guessed.type, guessed.language) == ("cable", "en")
    assert guessed.origin == {"type": "guessed", "language": "guessed"}
    given = Document(
        id="x",
        source=SOURCE,
        title="Telegram",
        text=doc.text,
        type="report",
        language="fr",
        origin={"type": "sidecar", "language": "sidecar"},
    )
    assert run_pipeline(given, PIPELINE) == given


def test_seed_is_english() -> None:
    need_corpus()
    assert language.guess(SEED_000.read_text(encoding="utf-8")) == "en"

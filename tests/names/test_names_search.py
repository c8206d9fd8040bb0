"""Names through the real archive: search in any spelling, --exact, --person/--place,
entities and entity, and authority entries users add (CLI included)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import fonds

LETTERS = {
    "mr.txt": "Memorandum, 3 May 1956. Ch'oe Yong-gŏn received the delegation in P'yŏngyang; "
    "Premier Chou En-lai sent greetings to Kim Il-sŏng.",
    "rr.txt": "Report, 9 June 1957. Choe Yong-geon spoke in Pyeongyang about the plan, and "
    "Хрущёв wrote to Mao Tse-tung about it.",
    "plain.txt": "Note, 1 July 1958. Nothing here names anyone; the harvest was good.",
}


@pytest.fixture
def letters(tmp_path: Path) -> Path:
    folder = tmp_path / "letters"
    folder.mkdir()
    for name, text in LETTERS.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "manifest.csv").write_text(
        "file,date\nmr.txt,1956-05-03\nrr.txt,1957-06-09\nplain.txt,1958-07-01\n"
    )
    return folder


def titles(page: fonds.SearchPage) -> set[str]:
    return {Path(h.source).name for h in page.hits}


def test_any_spelling_finds_every_spelling(new_archive: fonds.Archive, letters: Path) -> None:
    new_archive.ingest([letters])
    assert titles(new_archive.search("Pyongyang")) == {"mr.txt", "rr.txt"}
    assert titles(new_archive.search("Pyongyang", exact=True)) == set()
    assert titles(new_archive.search("평양")) == {"mr.txt", "rr.txt"}
    assert titles(new_archive.search("Zhou Enlai")) == {"mr.txt"}
    assert titles(new_archive.search("Mao Zedong")) == {"rr.txt"}
    assert titles(new_archive.search("Khrushchev")) == {"rr.txt"}
    assert titles(new_archive.search("Choi Yong-kun plan")) == {"rr.txt"}
    assert titles(new_archive.search("delegation", person="Kim Il Sung")) == {"mr.txt"}
    assert titles(new_archive.search("", place="Pyongyang")) == {"mr.txt", "rr.txt"}
    assert titles(new_archive.search("harvest", person="Kim Il Sung")) == set()


def test_a_korean_name_in_a_soviet_record_meets_its_romanization(
    new_archive: fonds.Archive, tmp_path: Path
) -> None:
    """A person the authority file does not know, named in Cyrillic in one record and
    romanized in another, is found by either spelling."""
    folder = tmp_path / "pair"
    folder.mkdir()
    (folder / "ru.txt").write_text(
        "Запись беседы с заместителем министра Ким Сын Хва, 12 марта 1957 года. "
        "Ким Сын Хва сообщил, что восстановление завода идет успешно.",
        encoding="utf-8",
    )
    (folder / "en.txt").write_text(
        "Memorandum, 14 March 1957. Vice Minister Kim Sung-hwa said that the works were "
        "being rebuilt on schedule.",
        encoding="utf-8",
    )
    new_archive.ingest([folder])
    assert titles(new_archive.search("Kim Sung-hwa")) == {"ru.txt", "en.txt"}
    assert titles(new_archive.search("Ким Сын Хва")) == {"ru.txt", "en.txt"}
    assert titles(new_archive.search("Kim Sung-hwa", exact=True)) == {"en.txt"}


def test_entities_and_entity(new_archive: fonds.Archive, letters: Path) -> None:
    new_archive.ingest([letters])
    rows = {e["id"]: e for e in new_archive.entities()}
    assert rows["pyongyang"]["documents"] == 2 and rows["pyongyang"]["type"] == "place"
    assert {"name", "type", "variants", "documents"} <= set(rows["choe-yong-gon"])
    one = new_archive.entity("Ch'oe Yong-gŏn")
    assert one["id"] == "choe-yong-gon" and set(one["variants"]) == {
        "Ch'oe Yong-gŏn",
        "Choe Yong-geon",
    }
    assert one["first"]["date"] == "1956-05-03" and one["last"]["date"] == "1957-06-09"
    assert "pyongyang" in {e["id"] for e in one["co_occurring"]}
    with pytest.raises(fonds.NotFound):
        new_archive.entity("Nobody Anywhere")


def test_entity_dates_come_from_the_sentences_naming_it(
    new_archive: fonds.Archive, tmp_path: Path
) -> None:
    (tmp_path / "undated.txt").write_text(
        "A note.\n\nIn the spring there was rain. On 12 October 1961 Хрущёв received Kim "
        "Il Sung in Moscow, and in March 1962 Khrushchev wrote again.",
        encoding="utf-8",
    )
    new_archive.ingest([tmp_path / "undated.txt"])
    one = new_archive.entity("Nikita Khrushchev")
    assert (one["first"]["date"], one["last"]["date"]) == ("1961-10-12", "1962-03")


def test_authority_add_finds_new_mentions(new_archive: fonds.Archive, letters: Path) -> None:
    new_archive.ingest([letters])
    assert titles(new_archive.search("harvest festival")) == set()
    new_archive.authority_add(
        [{"type": "org", "name": "Harvest Bureau", "variants": "Nothing|harvest office"}]
    )
    assert new_archive.entity("Nothing")["documents"][0]["id"]
    assert titles(new_archive.search("Harvest Bureau")) == {"plain.txt"}
    report = new_archive.check()
    assert report.ok and not report.repaired


def test_seed_spellings(shared_archive: fonds.Archive) -> None:
    seed = shared_archive.search('"China and the Post-War Reconstruction"', limit=1).hits[0].id
    for query in ("Pyongyang", "Mao Tse-tung", "Chou En-lai", "Хрущёв", "P'eng Te-huai"):
        ids = {h.id for h in shared_archive.search(query, limit=200).hits}
        assert seed in ids, query
    exact = {h.id for h in shared_archive.search("Хрущёв", exact=True, limit=200).hits}
    assert seed not in exact


def test_cli(tmp_path: Path, letters: Path) -> None:
    db = tmp_path / "c.db"

    def fonds_cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "fonds", *args, "--db", str(db)],
            capture_output=True,
            text=True,
            check=False,
        )

    assert fonds_cli("ingest", str(letters)).returncode == 0
    out = json.loads(fonds_cli("entities", "--type", "person", "--json").stdout)
    assert all(e["type"] == "person" for e in out) and any(e["id"] == "kim-il-sung" for e in out)
    assert json.loads(fonds_cli("entity", "김일성", "--json").stdout)["id"] == "kim-il-sung"
    csv = tmp_path / "mine.csv"
    csv.write_text("type,name,variants\nperson,Harvest Keeper,the harvest\nplanet,Mars,\n")
    bad = fonds_cli("authority", "import", str(csv))
    assert bad.returncode == 2 and "mine.csv:3: type must be person, place or org" in bad.stderr
    assert "Traceback" not in bad.stderr
    added = fonds_cli(
        "authority", "add", "Pak Chang-ok", "--type", "person", "--variant", "Pak Chang Ok"
    )
    assert added.returncode == 0, added.stderr
    missing = fonds_cli("entity", "Pak Chang Ok")
    assert missing.returncode == 3 and "never names 'Pak Chang Ok'" in missing.stderr
    kept = json.loads(fonds_cli("search", "the harvest", "--json").stdout)
    assert [Path(h["source"]).name for h in kept] == ["plain.txt"]


def test_authority_add_updates_the_donors_of_figures(
    new_archive: fonds.Archive, tmp_path: Path
) -> None:
    (tmp_path / "fund.txt").write_text(
        "Report, 1957.\n\nThe Ruritanian Relief Fund gave 2 million rubles in aid in 1957.",
        encoding="utf-8",
    )
    new_archive.ingest([tmp_path / "fund.txt"])
    before = new_archive.facts(kind="money")
    assert before and not before[0]["value"].get("donor")
    new_archive.authority_add([{"name": "Ruritanian Relief Fund", "type": "org"}])
    after = new_archive.facts(kind="money")
    assert after[0]["value"]["donor"] == "ruritanian-relief-fund"

"""Facts through the real archive and CLI: filters, evidence, timeline, conflicts, CSV."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import fonds


def seed_id(archive: fonds.Archive) -> str:
    return archive.search('"China and the Post-War Reconstruction"', limit=1).hits[0].id


def test_seed_conflicts_war_damage_and_budget_share(shared_archive: fonds.Archive) -> None:
    seed = seed_id(shared_archive)
    groups = [
        g for g in shared_archive.conflicts() if any(f["document"] == seed for f in g["facts"])
    ]
    surfaces = [{f["surface"] for f in g["facts"]} for g in groups]
    assert any({"420 billion won", "430 billion won"} <= s for s in surfaces)
    assert any({"31.6 percent", "35 percent"} <= s for s in surfaces)
    damage = next(g for g in groups if "420 billion won" in {f["surface"] for f in g["facts"]})
    assert {f["note"] for f in damage["facts"]} == {None, "10"}  # the body and note 10
    assert all(f["sentence"] for f in damage["facts"])


def test_filters_and_evidence(shared_archive: fonds.Archive) -> None:
    seed = seed_id(shared_archive)
    rubles = shared_archive.facts(kind="money", currency="rub", document=seed)
    assert rubles and all(f["value"]["currency"] == "RUB" for f in rubles)
    one = next(f for f in rubles if f["surface"] == "one billion rubles")
    doc = shared_archive.document(seed)
    assert doc.text[one["start"] : one["end"]] == "one billion rubles"
    assert "one billion rubles" in one["sentence"] and one["value"]["usd"] == 250e6
    assert one["value"]["rate"]["source"] == "document"  # note 21: 4 rubles to the dollar
    with_notes = [f for f in shared_archive.facts(document=seed) if f["footnotes"]]
    assert with_notes and all(n["text"] for f in with_notes for n in f["footnotes"])
    zhou = shared_archive.facts(entity="Chou En-lai", document=seed)
    assert zhou and all("zhou-enlai" in f["entities"] for f in zhou)
    shares = shared_archive.facts(kind="percent", year=1954, document=seed)
    assert {"31.6 percent", "35 percent"} <= {f["surface"] for f in shares}
    assert all(f["kind"] == "percent" and f["value"]["year"] == 1954 for f in shares)
    with pytest.raises(fonds.UsageError):
        shared_archive.facts(kind="weather")


def test_timeline(shared_archive: fonds.Archive) -> None:
    events = shared_archive.timeline(person="Zhou Enlai", date_from="1953-06", date_to="1954")
    assert events and all("1953-06" <= e["date"] <= "1954-12-31" for e in events)
    assert all("zhou-enlai" in e["entities"] for e in events)
    dates = [e["date"] for e in shared_archive.timeline(date_from="1953", date_to="1954")]
    assert dates == sorted(dates) and dates
    with pytest.raises(fonds.QueryError):
        shared_archive.timeline(date_from="November")


def test_cli_facts_csv_and_conflicts(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Report, 1955.\n\nIn 1955 the war damage came to 420 billion won. Aid made up "
        "31.6 percent of the 1954 budget.",
        encoding="utf-8",
    )
    (folder / "b.txt").write_text(
        "Cable, 1956.\n\nIn 1955 the damage was put at 430 billion won. Aid was 35 percent "
        "of the 1954 budget.",
        encoding="utf-8",
    )
    db = str(tmp_path / "c.db")

    def run(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "fonds", *args, "--db", db],
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout

    run("ingest", str(folder))
    rows = list(csv.DictReader(io.StringIO(run("facts", "--kind", "money", "--csv"))))
    assert sorted(r["surface"] for r in rows) == ["420 billion won", "430 billion won"]
    assert {r["currency"] for r in rows} == {"KPW"} and all(r["sentence"] for r in rows)
    groups = json.loads(run("conflicts", "--json"))
    assert {frozenset(f["surface"] for f in g["facts"]) for g in groups} == {
        frozenset({"420 billion won", "430 billion won"}),
        frozenset({"31.6 percent", "35 percent"}),
    }
    events = json.loads(run("timeline", "--json"))
    assert [e["date"] for e in events][:2] == ["1954", "1954"]


def test_seed_000_november_1953_agreement(shared_archive: fonds.Archive) -> None:
    seed = seed_id(shared_archive)
    money = {f["surface"]: f for f in shared_archive.facts(kind="money", document=seed)}
    debt = money["729 million Chinese yuan"]
    assert debt["subject"] == "debt cancellation" and debt["value"]["stated_usd"] == 362.5e6
    gift = money["800 million Chinese yuan"]
    assert (gift["subject"], gift["value"]["stated_usd"]) == ("aid", 400e6)
    assert gift["value"]["donor"] == "china"
    assert money["300 million Chinese yuan"]["value"]["stated_usd"] == 125e6
    assert money["USD 400 million"]["value"]["usd"] == 400e6
    cited = {f["surface"] for f in shared_archive.facts(document=seed) if f["note"]}
    assert not any(s.startswith(("0102", "164")) for s in cited)  # f. 0102, pp. 164-67


def test_seed_004_figures(shared_archive: fonds.Archive) -> None:
    from tests.conftest import SEED_004

    hits = shared_archive.search('"Chollima"', limit=50).hits
    seed = next(h.id for h in hits if Path(h.source).name == SEED_004.name)
    facts = shared_archive.facts(document=seed)
    assert {f["kind"] for f in facts} >= {"date", "percent"}
    assert all(f["kind"] != "money" or f["value"]["currency"] for f in facts)
    doc = shared_archive.document(seed)
    for f in facts:
        text = (
            doc.text
            if f["note"] is None
            else next(n.text for n in doc.notes if n.label == f["note"])
        )
        assert text[f["start"] : f["end"]] == f["surface"]

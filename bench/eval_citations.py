#!/usr/bin/env python3
"""Citations split, classified and parsed, measured against hand-made gold.

``tests/gold/citations.json`` lists, note by note, the citations a historian reads in seed
000 (footnotes), seed 004 (endnotes) and 120 notes of the FRUS history monograph (TEI
``<note>``): each citation's first 25 characters, its kind, its archive and its archival
fields (the file's ``schema`` gives the conventions). fonds reads the same notes (the seeds
through its note recovery, the monograph through the TEI reader, one chapter at a time) and
``fonds.extract.citations.extract`` splits them. Within each note, gold and predicted
citations are aligned in order: a predicted citation matches a gold one when its text,
whitespace collapsed, starts with the gold snippet, up to 12 extra characters before it
("See also ") or 3 missing from its start. Scored per document set and overall:

- split: matched / predicted (precision) and matched / gold (recall);
- kind: accuracy on matched citations;
- archive: on matched citations naming one, right / predicted and right / gold;
- fields: each ``key=value`` pair of a matched archival citation (gold or predicted kind
  archival, or gold fields given; only archival keys; values compared with whitespace
  collapsed, dashes folded and trailing punctuation dropped).

Archive and fields are not scored on gold back-references (ibid, short forms): what they
resolve to is another question.

    .venv/bin/python bench/eval_citations.py [--errors]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from fonds.extract import PIPELINE, citations, run_pipeline
from fonds.extract.citations import Citation
from fonds.model import Note, Source
from fonds.readers import tei
from fonds.readers import text as plain

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
GOLD = ROOT / "tests" / "gold" / "citations.json"
MONOGRAPH = CORPUS / "frus-history" / "monograph" / "frus-history.xml"
SEEDS = {
    "seed-000": CORPUS / "seeds" / "000_dc798445d9d4cc9d.txt",
    "seed-004": CORPUS / "seeds" / "004_14e8fee4b2b14331.txt",
}
SETS = ("seed-000", "seed-004", "frus-history")
BACK_REFERENCES = ("ibid", "short")
LEAD_PRED, LEAD_GOLD = 12, 3  # leading characters tolerated: extra in the prediction, missing
# fields of an archival reference (fonds/extract/archival.py); other keys are not scored
ARCHIVAL_KEYS = frozenset(
    "f op p d l pages no archive_name collection signature fond doboz folder file rg decimal "
    "lot box zespol sygn teczka k karton inv sign".split()
)
_DASHES = str.maketrans(dict.fromkeys("‐‑‒–—―−", "-"))
_XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
_TEI = "{http://www.tei-c.org/ns/1.0}"


def _norm(value: str) -> str:
    return " ".join(value.translate(_DASHES).split())


def _value(value: str) -> str:
    return _norm(value).rstrip(" .,;:")


def _matches(predicted: str, starts: str) -> bool:
    """True if ``predicted`` begins with the gold snippet ``starts`` (within the tolerance)."""
    p, g = _norm(predicted), _value(starts)
    if not g:
        return False
    if any(p.startswith(g, i) for i in range(min(LEAD_PRED, len(p)) + 1)):
        return True
    return any(p.startswith(g[i:]) for i in range(1, min(LEAD_GOLD, len(g) - 10) + 1))


@dataclass
class Tally:
    """Counts for one document set (or all)."""

    notes: int = 0
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    kind_right: int = 0
    archive_gold: int = 0
    archive_predicted: int = 0
    archive_right: int = 0
    fields_gold: int = 0
    fields_predicted: int = 0
    fields_right: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name in self.__dataclass_fields__:
            if name != "errors":
                setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors += other.errors

    def measures(self) -> dict[str, float | int]:
        def ratio(a: int, b: int) -> float:
            return a / b if b else 1.0

        return {
            "notes": self.notes,
            "gold": self.gold,
            "predicted": self.predicted,
            "split_precision": ratio(self.matched, self.predicted),
            "split_recall": ratio(self.matched, self.gold),
            "kind_accuracy": ratio(self.kind_right, self.matched),
            "archive_precision": ratio(self.archive_right, self.archive_predicted),
            "archive_recall": ratio(self.archive_right, self.archive_gold),
            "fields_precision": ratio(self.fields_right, self.fields_predicted),
            "fields_recall": ratio(self.fields_right, self.fields_gold),
        }


def _show(c: Citation | dict[str, Any]) -> str:
    if isinstance(c, Citation):
        return f"{c.kind} {c.archive or '-'} {c.fields or ''} «{_norm(c.raw)[:70]}»"
    return f"{c['kind']} {c['archive'] or '-'} {c['fields'] or ''} «{c['starts']}»"


def _score_note(label: str, gold: list[dict[str, Any]], predicted: list[Citation]) -> Tally:
    """Align ``gold`` and ``predicted`` citations of one note in order and count."""
    t = Tally(notes=1, gold=len(gold), predicted=len(predicted))
    pairs: list[tuple[dict[str, Any], Citation]] = []
    used: set[int] = set()
    j = 0
    for g in gold:
        k = next(
            (k for k in range(j, len(predicted)) if _matches(predicted[k].raw, g["starts"])), None
        )
        if k is None:
            t.errors.append(f"{label}: missed   {_show(g)}")
            continue
        pairs.append((g, predicted[k]))
        used.add(k)
        j = k + 1
    t.errors += [f"{label}: spurious {_show(p)}" for k, p in enumerate(predicted) if k not in used]
    for g, p in pairs:
        t.matched += 1
        t.kind_right += g["kind"] == p.kind
        if g["kind"] != p.kind:
            t.errors.append(f"{label}: kind     {_show(g)}  ->  {_show(p)}")
        if g["kind"] in BACK_REFERENCES:
            continue  # what a back-reference resolves to is not scored here
        t.archive_gold += g["archive"] is not None
        t.archive_predicted += p.archive is not None
        t.archive_right += g["archive"] is not None and g["archive"] == p.archive
        if g["archive"] != p.archive:
            t.errors.append(f"{label}: archive  {_show(g)}  ->  {_show(p)}")
        if not (g["kind"] == "archival" or g["fields"] or p.kind == "archival"):
            continue
        want = {(k, _value(v)) for k, v in g["fields"].items()}
        got = {(k, _value(v)) for k, v in p.fields.items() if k in ARCHIVAL_KEYS}
        t.fields_gold += len(want)
        t.fields_predicted += len(got)
        t.fields_right += len(want & got)
        if want != got:
            t.errors.append(
                f"{label}: fields   «{g['starts']}» missing {sorted(want - got)} wrong {sorted(got - want)}"
            )
    return t


def _by_note(notes: tuple[Note, ...]) -> dict[str, list[Citation]]:
    out: dict[str, list[Citation]] = {n.label: [] for n in notes}
    for c in citations.extract(notes):
        out.setdefault(c.note, []).append(c)
    return out


def _seed(path: Path) -> dict[str, list[Citation]]:
    """Citations of a seed's notes, recovered by the pipeline steps before citations."""
    data = path.read_bytes()
    source = Source(str(path), hashlib.sha256(data).hexdigest(), len(data), "text/plain")
    steps = PIPELINE[: PIPELINE.index(citations.EXTRACTOR)]
    doc = run_pipeline(plain.read(source, data)[0], steps)
    return _by_note(doc.notes)


def _monograph() -> dict[str, list[Citation]]:
    """Citations of every monograph note by xml:id, each chapter's notes extracted together."""
    data = MONOGRAPH.read_bytes()
    source = Source(
        str(MONOGRAPH), hashlib.sha256(data).hexdigest(), len(data), "application/tei+xml"
    )
    notes = tei.read(source, data)[0].notes
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False))
    body = root.find(f"{_TEI}text")
    elements = list(body.iter(f"{_TEI}note")) if body is not None else []
    if len(elements) != len(notes):
        raise SystemExit(f"{len(elements)} <note> elements but the reader gives {len(notes)}")
    chapters: dict[str, list[tuple[str, Note]]] = {}
    for el, note in zip(elements, notes, strict=True):
        if el.get("n") != note.label:
            raise SystemExit(f"note {el.get(_XML_ID)} read as {note.label}")
        div = next(a for a in el.iterancestors(f"{_TEI}div") if a.get(_XML_ID))
        chapters.setdefault(str(div.get(_XML_ID)), []).append((str(el.get(_XML_ID)), note))
    out: dict[str, list[Citation]] = {}
    for members in chapters.values():
        cites = _by_note(tuple(n for _, n in members))
        out |= {xml_id: cites[n.label] for xml_id, n in members}
    return out


def _predictions(document: str) -> dict[str, list[Citation]]:
    return _monograph() if document == "frus-history" else _seed(SEEDS[document])


def tallies() -> dict[str, Tally]:
    """Counts per document set and under "all", with the error lines."""
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    out = {name: Tally() for name in (*SETS, "all")}
    for doc in gold["documents"]:
        predicted = _predictions(doc["document"])
        for note in doc["notes"]:
            if note["note"] not in predicted:
                raise SystemExit(f"{doc['document']}: note {note['note']} not found by fonds")
            label = f"{doc['document']} {note['note']}"
            out[doc["document"]].add(_score_note(label, note["citations"], predicted[note["note"]]))
    for name in SETS:
        out["all"].add(out[name])
    return out


def score() -> dict[str, dict[str, float | int]]:
    """The measures (see the module docstring) per document set and under "all"."""
    return {name: t.measures() for name, t in tallies().items()}


def _table(result: dict[str, dict[str, float | int]]) -> Iterator[str]:
    names = list(result)
    yield "| measure | " + " | ".join(names) + " |"
    yield "| --- |" + " ---: |" * len(names)
    for key in ("notes", "gold", "predicted"):
        yield f"| {key} | " + " | ".join(str(result[n][key]) for n in names) + " |"
    for key in next(iter(result.values())):
        if key not in ("notes", "gold", "predicted"):
            yield f"| {key} | " + " | ".join(f"{result[n][key]:.3f}" for n in names) + " |"


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--errors", action="store_true", help="list every disagreement")
    args = parser.parse_args()
    missing = [p for p in (GOLD, MONOGRAPH, *SEEDS.values()) if not p.exists()]
    if missing:
        print(f"missing: {', '.join(map(str, missing))}", file=sys.stderr)
        return 2
    counts = tallies()
    if args.errors:
        for line in counts["all"].errors:
            print(line)
        print()
    print("\n".join(_table({name: t.measures() for name, t in counts.items()})))
    return 0


if __name__ == "__main__":
    sys.exit(main())

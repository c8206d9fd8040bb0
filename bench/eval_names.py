#!/usr/bin/env python3
"""Person and place mentions measured against the TEI gold of the Milestones chapters.

``../shared/corpus/milestones/chapters/*.xml`` tag persons with ``<persName>`` and places
with ``<placeName>``. Each chapter is flattened to plain text (paragraphs apart, the tags
dropped, their spans kept as the gold), fonds detects mentions in that text alone, and:

- recall: gold spans overlapped by a mention of the same kind;
- precision: of the mentions that can be judged, those of the right kind. The editors tag
  a name once or twice per chapter, not at every occurrence ("Truman" appears 56 times in
  1945-1952 and is tagged 5 times), so a mention is judged when it overlaps a gold span,
  or when its spelling is tagged elsewhere in the chapters (right if with the same kind);
  mentions of spellings never tagged are counted apart as unjudged (``--unjudged N``
  prints a sample of them to check by hand).

    .venv/bin/python bench/eval_names.py [--unjudged 40]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from fonds.extract.names import authority
from fonds.extract.names.mentions import detect

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
CHAPTERS = CORPUS / "milestones" / "chapters"
TEI = "{http://www.tei-c.org/ns/1.0}"
GOLD_TAGS = {f"{TEI}persName": "person", f"{TEI}placeName": "place"}
BLOCKS = {f"{TEI}{t}" for t in ("p", "head", "item", "list", "div", "figure", "note")}


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    kind: str
    text: str


def flatten(path: Path) -> tuple[str, list[Span]]:
    """The chapter's body as text, and its persName/placeName spans in that text."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.parse(str(path), parser).getroot()
    body = root.find(f"{TEI}text")
    parts: list[str] = []
    gold: list[tuple[int, int, str]] = []
    length = 0

    def emit(s: str | None) -> None:
        nonlocal length
        if not s:
            return
        s = re.sub(r"\s+", " ", s)
        if parts and parts[-1].endswith((" ", "\n")) and s.startswith(" "):
            s = s[1:]
        parts.append(s)
        length += len(s)

    def walk(el: etree._Element) -> None:
        nonlocal length
        if el.tag in BLOCKS and parts and not parts[-1].endswith("\n"):
            parts.append("\n\n")
            length += 2
        start = length
        emit(el.text)
        for child in el:
            if isinstance(child.tag, str):
                walk(child)
            emit(child.tail)
        if el.tag in GOLD_TAGS:
            gold.append((start, length, GOLD_TAGS[el.tag]))

    if body is not None:
        walk(body)
    text = "".join(parts)
    spans = []
    for start, end, kind in gold:
        while start < end and text[start] == " ":
            start += 1
        while end > start and text[end - 1] == " ":
            end -= 1
        if end > start:
            spans.append(Span(start, end, kind, text[start:end]))
    return text, spans


def score(unjudged_sample: int = 0) -> dict[str, float | int]:
    """Precision and recall of person and place mentions over every chapter."""
    auth = authority.current()
    chapters = [flatten(p) for p in sorted(CHAPTERS.glob("*.xml"))]
    tagged: dict[str, set[str]] = {}
    for _, spans in chapters:
        for s in spans:
            tagged.setdefault(authority.fold(s.text), set()).add(s.kind)
    out: dict[str, float | int] = {}
    unjudged: list[str] = []
    detected = [detect(text, auth) for text, _ in chapters]
    for kind in ("person", "place"):
        gold = found = right = judged = not_judged = 0
        for (text, spans), mentions in zip(chapters, detected, strict=True):
            golden = [s for s in spans if s.kind == kind]
            gold += len(golden)
            found += sum(
                any(m.start < s.end and s.start < m.end and m.kind == kind for m in mentions)
                for s in golden
            )
            for m in mentions:
                if m.kind != kind:
                    # a mention of the other kind is judged (wrong) only where gold says this kind
                    over = [s for s in spans if s.start < m.end and m.start < s.end]
                    if any(s.kind == kind for s in over):
                        judged += 1
                    continue
                over = [s for s in spans if s.start < m.end and m.start < s.end]
                kinds = {s.kind for s in over} or tagged.get(
                    authority.fold(text[m.start : m.end]), set()
                )
                if kinds:
                    judged += 1
                    right += kind in kinds
                else:
                    not_judged += 1
                    unjudged.append(f"{kind}: {text[m.start : m.end]}")
        out[f"{kind}_gold"] = gold
        out[f"{kind}_recall"] = found / max(gold, 1)
        out[f"{kind}_precision"] = right / max(judged, 1)
        out[f"{kind}_judged"] = judged
        out[f"{kind}_unjudged"] = not_judged
    if unjudged_sample:
        for line in random.Random(7).sample(unjudged, min(unjudged_sample, len(unjudged))):
            print("  unjudged", line)
    return out


def false_merges() -> tuple[int, int, list[tuple[str, str, str]]]:
    """Pairs of different authority entries whose spellings share a romanization key (the
    merges the keys would make; the matcher drops such keys), out of all entries."""
    auth = authority.current()
    owners: dict[str, set[str]] = {}
    for e in auth.by_id.values():
        for n in e.names:
            for k in authority.language_keys(n):
                owners.setdefault(k, set()).add(e.id)
    pairs: dict[tuple[str, str], str] = {}
    for k, ids in owners.items():
        ordered = sorted(ids)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                pairs.setdefault((a, b), k)
    return len(auth.by_id), len(pairs), [(a, b, k) for (a, b), k in sorted(pairs.items())]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--unjudged", type=int, default=0, help="print a sample of unjudged mentions"
    )
    parser.add_argument("--merges", action="store_true", help="list the entry pairs keys merge")
    args = parser.parse_args()
    if not CHAPTERS.exists():
        print(f"gold missing: {CHAPTERS}", file=sys.stderr)
        return 2
    r = score(args.unjudged)
    print("| kind | gold | recall | precision (judged) | judged | unjudged |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for kind in ("person", "place"):
        print(
            f"| {kind} | {r[f'{kind}_gold']} | {r[f'{kind}_recall']:.3f} | "
            f"{r[f'{kind}_precision']:.3f} | {r[f'{kind}_judged']} | {r[f'{kind}_unjudged']} |"
        )
    entries, merged, pairs = false_merges()
    print(f"\nfalse merges: {merged} pairs of the {entries} authority entries share a key")
    if args.merges:
        for a, b, k in pairs:
            print(f"  {a} ~ {b}  ({k})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

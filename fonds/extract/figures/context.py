"""Where a figure stands: its sentence and paragraph, and what the sentence is about.

Sentences end at ``.``, ``?`` or ``!`` before a capital or a quote, except after the
abbreviations and initials prose about archives is full of (``No.``, ``pp.``, ``U.S.``,
``Mr.``, ``B. C.``); paragraphs end at blank lines.
"""

from __future__ import annotations

import bisect
import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import NamedTuple

# The one character a sentence end starts with comes first (the engine scans for a class).
_END = re.compile(
    r"[.?!\n](?:(?<=[.?!])[\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9\u0400-\u042f])|(?<=\n)\s*\n)"
)
_ABBREVIATIONS = (
    "Mr Mrs Ms Dr St Gen Lt Col Maj Capt Adm Gov Sen Rep Jr Sr Prof Rev No Nos no nos p pp "
    "vol vols ed eds trans f op d l ll cf ibid Ibid viz etc approx ca c Jan Feb Mar Apr Jun Jul "
    "Aug Sep Sept Oct Nov Dec U.S U.N D.C Co Inc Ltd"
).split()


def _ending(words: list[str]) -> str:
    """A pattern for a position right after one of ``words`` (a whole word): lookbehinds,
    one per length, as a lookbehind needs a fixed width."""
    by_length: dict[int, list[str]] = {}
    for word in words:
        by_length.setdefault(len(word), []).append(re.escape(word))
    return "|".join(rf"(?<=\b(?:{'|'.join(ws)}))" for _, ws in sorted(by_length.items()))


# matched at the full stop: an abbreviation or initial (B., U.S.) ends there
_ABBREVIATION = re.compile(rf"(?:(?<=\b[A-Z])|(?<=\b[A-Z]\.[A-Z])|{_ending(_ABBREVIATIONS)})\.")
_PARAGRAPH = re.compile(r"\n\s*\n")


@dataclass(frozen=True, slots=True)
class Spans:
    """Sentence and paragraph spans of a text, searchable by offset."""

    sentences: list[tuple[int, int]]
    paragraphs: list[tuple[int, int]]

    def sentence(self, offset: int) -> tuple[int, int]:
        return _containing(self.sentences, offset)

    def paragraph(self, offset: int) -> tuple[int, int]:
        return _containing(self.paragraphs, offset)


def spans(text: str) -> Spans:
    """The sentences and paragraphs of ``text``."""
    return Spans(_split_sentences(text), _split(text, _PARAGRAPH))


def _split_sentences(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in _END.finditer(text):
        if text[m.start()] == "." and _ABBREVIATION.match(text, m.start()):
            continue
        out.append((start, m.start() + 1))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out or [(0, len(text))]


def _split(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in pattern.finditer(text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return out


def _containing(spans: list[tuple[int, int]], offset: int) -> tuple[int, int]:
    i = bisect.bisect_right(spans, (offset, 1 << 62)) - 1
    return spans[max(i, 0)] if spans else (0, 0)


class _Cues(NamedTuple):
    """Every subject's cue words as one pattern (in the data file's order, so that the
    first subject listing a word takes it), two ways: case-insensitive for any text, a
    named group per subject; and for lowercased text, one group ``cue`` after a character
    that is no letter (taking that character, which the engine scans for in C; and every
    branch starts with a literal, which it skips at once: 4x faster)."""

    anycase: re.Pattern[str]
    after: re.Pattern[str]
    names: dict[str, str]  # group of ``anycase`` -> subject
    subjects: dict[str, str]  # cue word -> subject


# Letters that re.IGNORECASE equates with an ASCII letter but str.lower() does not map to one.
_CASE_ODD = re.compile("[\u0130\u0131\u017f\u212a]")


@cache
def _subjects() -> _Cues:
    text = (resources.files("fonds") / "data" / "figure_subjects.csv").read_text(encoding="utf-8")
    groups, names = [], {}
    subjects: dict[str, str] = {}
    for i, row in enumerate(csv.DictReader(text.splitlines())):
        words = row["words"].lower().split("|")
        groups.append(f"(?P<s{i}>{'|'.join(map(re.escape, words))})")
        names[f"s{i}"] = row["subject"]
        for word in words:
            subjects.setdefault(word, row["subject"])
    firsts = f"(?=[{re.escape(''.join(sorted({w[0] for w in subjects})))}])"
    flat = "|".join(map(re.escape, subjects))
    return _Cues(
        re.compile(rf"\b{firsts}(?:{'|'.join(groups)})", re.IGNORECASE),
        re.compile(rf"[^a-z0-9_](?<!\w){firsts}(?P<cue>{flat})"),
        names,
        subjects,
    )


def _cue_words(sentence: str) -> Iterator[tuple[int, str]]:
    """The cue words of ``sentence`` in order: (offset, subject). A capitalised word
    inside the sentence belongs to a name ("People's Republic", "Workers' Party",
    "Military Armistice Commission") and cues nothing."""
    first = len(sentence) - len(sentence.lstrip(" \t\n\"“‘'(["))
    for offset, name in _all_cue_words(sentence):
        if offset == first or not sentence[offset].isupper():
            yield offset, name


def _all_cue_words(sentence: str) -> Iterator[tuple[int, str]]:
    cues = _subjects()
    low = sentence.lower()
    if len(low) != len(sentence) or _CASE_ODD.search(sentence):
        for m in cues.anycase.finditer(sentence):
            group = m.lastgroup or ""
            yield m.start(group), cues.names[group]
        return
    for m in cues.after.finditer(f" {low}"):  # a space before the first word
        yield m.start("cue") - 1, cues.subjects[m["cue"]]


@cache
def undated_subjects() -> frozenset[str]:
    """Subjects whose figures are totals compared whatever year each report gives."""
    text = (resources.files("fonds") / "data" / "figure_subjects.csv").read_text(encoding="utf-8")
    return frozenset(r["subject"] for r in csv.DictReader(text.splitlines()) if r["dated"] == "no")


def subject(sentence: str, at: int) -> str | None:
    """What a figure at offset ``at`` of ``sentence`` is about (aid, loan, damage,
    budget...): the subject whose cue word stands nearest the figure."""
    best: tuple[int, str, int] | None = None  # distance, subject, offset
    near: set[str] = set()
    cancelled_at = -1  # the last cancellation cue before the figure, near it
    for offset, name in _cue_words(sentence):
        if offset > at and (
            _ADDED.search(sentence, max(0, offset - 30), offset)
            or _NEXT_CLAUSE.search(sentence, at, offset)
        ):
            continue  # "800 million ... on top of the cancellation"; "729 million, and a grant"
        distance = abs(offset - at)
        if distance < 80:
            near.add(name)
            if name == "debt cancellation" and offset < at:
                cancelled_at = offset
        if best is None or distance < best[0]:
            best = (distance, name, offset)
    if best is None:
        return None
    if best[1] == "debt" and "debt cancellation" in near:
        return "debt cancellation"  # "the cancellation of the debt, which amounted to..."
    if best[1] in _WRITTEN_OFF and 0 <= cancelled_at < best[2] < at:
        between = sentence[cancelled_at : best[2]]
        if _OF.search(between) and not _NEW_CLAUSE.search(between):
            return "debt cancellation"  # "to write off the cost of China's assistance, 729..."
    return best[1]


# Words after which a cue names something besides the figure.
_ADDED = re.compile(
    r"\b(?:on top of|in addition to|besides|as well as|apart from|beyond)\b\W*(?:\w+\W+){0,3}$"
)
_NEXT_CLAUSE = re.compile(r",\s*(?:and|but|while|whereas)\b|;")
# What was written off: a cue in an "of" phrase after the cancellation, in the same clause.
_WRITTEN_OFF = frozenset({"aid", "debt", "loan", "price"})
_OF = re.compile(r"\bof\b")
_NEW_CLAUSE = re.compile(r"\band\b|[;,:]")

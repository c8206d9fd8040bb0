"""Guess a document's language when no file or sidecar gave one: the writing system first
(Hangul -> ko, kana -> ja, Han -> zh), then, for Latin and Cyrillic text, which language's
common function words (``fonds/data/stopwords.csv``) occur most. Recorded as ``"guessed"``.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from functools import cache
from importlib import resources

from fonds.extract._extractor import Extractor, with_guess
from fonds.model import Document

SAMPLE_CHARS = 1200
MIN_HITS = 5
_SCRIPTS = (
    ("ko", re.compile(r"[\uac00-\ud7af\u1100-\u11ff]")),
    ("ja", re.compile(r"[\u3040-\u30ff]")),
    ("zh", re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")),
    ("Cyrillic", re.compile(r"[\u0400-\u04ff]")),
    ("Latin", re.compile(r"[A-Za-z\u00c0-\u024f]")),
)


@cache
def _profiles() -> dict[str, dict[str, tuple[str, ...]]]:
    """script -> function word -> the languages it belongs to."""
    text = (resources.files("fonds") / "data" / "stopwords.csv").read_text(encoding="utf-8")
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for row in csv.DictReader(text.splitlines()):
        words = out.setdefault(row["script"], {})
        for word in row["words"].split():
            words[word] = (*words.get(word, ()), row["language"])
    return out


def _script_counts(sample: str) -> dict[str, int]:
    if len(sample.encode("ascii", "ignore")) > 0.95 * len(sample):
        return {"Latin": len(sample)}
    return {name: len(pattern.findall(sample)) for name, pattern in _SCRIPTS}


def guess(text: str) -> str | None:
    """An ISO 639-1 code for the text's main language, or None when unsure."""
    sample = text[:SAMPLE_CHARS]
    counts = _script_counts(sample)
    script = max(counts, key=lambda k: counts[k])
    if counts[script] < 20:
        return None
    if script in ("ko", "ja", "zh"):
        # Japanese mixes kana with Han; Chinese has Han alone
        if script == "zh" and counts.get("ja", 0) > counts["zh"] * 0.1:
            return "ja"
        return script
    words = Counter(sample.lower().replace(",", " ").replace(".", " ").split())
    profile = _profiles().get(script, {})
    scores: Counter[str] = Counter()
    for word in words.keys() & profile.keys():
        for lang in profile[word]:
            scores[lang] += words[word]
    ranked = scores.most_common()
    if not ranked or ranked[0][1] < MIN_HITS:
        return None
    if len(ranked) > 1 and ranked[0][1] < 1.3 * ranked[1][1]:
        return None
    return ranked[0][0]


def run(doc: Document) -> Document:
    if doc.language or not doc.text:
        return doc
    return with_guess(doc, "language", guess(doc.text))


EXTRACTOR = Extractor("language", 1, run)

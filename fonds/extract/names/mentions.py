"""Mentions of persons, places and organizations in a document's text.

Names are written capitalised (or in Hangul, Hanzi or Cyrillic capitals), so the text is
read as runs of such words. In each run the longest span that is a spelling of an authority
entry wins (case, diacritics, apostrophes and possessives aside), then the longest span
whose romanization keys name one entry ("Pyeongyang" is Pyongyang). What is left may still
be a person the authority does not know: a title before it (Premier, Ambassador, Comrade),
or the shape of a Korean, Chinese, Russian or Western personal name, makes it a candidate
with a confidence. Every mention keeps its offsets in ``Document.text``.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from functools import cache, lru_cache
from itertools import islice

from fonds.extract._extractor import Extractor
from fonds.extract.names import authority as auth
from fonds.extract.names import cues
from fonds.extract.names.romanize import name_keys
from fonds.model import Document, Mention

# Small words that join the capitalised words of one name ("Workers' Party of Korea").
_CONNECTOR_WORDS = (
    "of",
    "the",
    "de",
    "van",
    "von",
    "der",
    "du",
    "la",
    "bin",
    "al",
    "and",
    "for",
    "on",
)
_CONNECTORS = frozenset(_CONNECTOR_WORDS)
_CONNECT = f"(?:{'|'.join(_CONNECTOR_WORDS)})"
_GLUE = r"(?:[ \t]+|[ \t]*\n[ \t]*(?!\n))"


@cache
def _runs() -> re.Pattern[str]:
    """Runs of capitalised words (any script with capitals), Hangul or Hanzi, joined by
    single spaces or line breaks and small connectors ("Workers' Party of Korea")."""
    upper = "".join(
        re.escape(chr(c)) for c in range(0x10000) if chr(c).isupper()
    )  # built on first use: ~150 ms, only when detecting
    # One leading character class lets the regex engine skip ahead fast; Hangul and Hanzi
    # are word characters, so a run in either script goes on as far as the script does.
    word = rf"[{upper}\uac00-\ud7a3\u4e00-\u9fff][\w'’ʼ.\-]*"
    return re.compile(rf"{word}(?:{_GLUE}(?:{_CONNECT}{_GLUE})*{word})*")


_TOKEN = re.compile(r"\S+")
_MAX_WINDOW = 8
_INITIALS = re.compile(r"(?:[A-Z]\.)*[A-Z]")
_MEMO_SIZE = 100_000  # segments remembered per authority (names recur across documents)
_POSSESSIVE = re.compile(r"['’]s$")
_TRAILING = re.compile(r"(?:['’]s)?[.,;:!?)\]}\"”’']*$")  # a possessive, punctuation
_ABBREVIATION = re.compile(
    r"(?:[A-Z]|[A-Z]\.[A-Z]|Mr|Mrs|Ms|Dr|St|Ste|Gen|Lt|Col|Maj|Capt|Adm|Gov|Sen|Rep|Jr|Sr|Prof|Rev|Hon|Amb|Mt|Ft|U\.S|U\.N)\.$"
)


_KEY_ORDER = {"ko": 0, "zh": 1, "ru": 2}


@lru_cache(maxsize=50_000)
def keys_of(name: str) -> str:
    """The name's romanization keys, space-separated (for storage and the index), the one
    to group by first: Korean, then Chinese, Russian, plain."""
    keys = (k.replace(" ", "_") for k in name_keys(name))
    return " ".join(sorted(keys, key=lambda k: (_KEY_ORDER.get(k[:2], 3), k)))


# A mention as remembered by the memo: offsets within the run, kind, entity, confidence, key.
_Found = tuple[int, int, str, "str | None", float, str]


def detect(text: str, authority: auth.Authority) -> list[Mention]:
    """Every mention in ``text``, in order of position.

    Runs of capitalised words recur (names, sentence openings), so what a run holds is
    remembered per authority by the run's text: most runs cost one dictionary lookup."""
    out: list[Mention] = []
    memo = authority.memo
    for run in _runs().finditer(text):
        piece = run.group()
        found = memo.get(piece)
        if found is None:
            if len(memo) > _MEMO_SIZE:  # forget the oldest quarter
                for stale in list(islice(memo, _MEMO_SIZE // 4)):
                    del memo[stale]
            found = memo[piece] = _in_piece(piece, authority)
        if found:
            base = run.start()
            out.extend(Mention(s + base, e + base, k, i, c, key) for s, e, k, i, c, key in found)
    return out


def _in_piece(piece: str, authority: auth.Authority) -> tuple[_Found, ...]:
    """The mentions in one run of capitalised words, with offsets within it."""
    tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(piece)]
    window = min(_MAX_WINDOW, authority.longest + 1)
    return tuple(
        (m.start, m.end, m.kind, m.entity_id, m.confidence, m.key)
        for part in _segments(piece, tokens)
        for m in _in_run(piece, part, authority, window)
    )


def _segments(text: str, tokens: list[tuple[int, int]]) -> Iterator[list[tuple[int, int]]]:
    """A run cut after each word that ends a sentence or a list item ("Hamilton." "Bangkok,"),
    an initial ("S.") or an abbreviated title ("Gen.") excepted."""
    start = 0
    for i, (s, e) in enumerate(tokens):
        last = text[e - 1]
        if last in ",;:!?" or (last == "." and not _ABBREVIATION.match(text, s, e)):
            yield tokens[start : i + 1]
            start = i + 1
    if start < len(tokens):
        yield tokens[start:]


def _in_run(
    text: str, tokens: list[tuple[int, int]], authority: auth.Authority, window: int
) -> Iterator[Mention]:
    words = [_bare(text[s:e]) for s, e in tokens]
    i, n = 0, len(tokens)
    titled = False  # the words before were a title: what follows is a person
    while i < n:
        if words[i].casefold() in _CONNECTORS:
            i += 1
            continue
        found = _known(text, tokens, words, i, min(n, i + window), authority)
        if found is not None:
            j, entry = found
            start, end = tokens[i][0], _end(text, tokens[j - 1])
            kind = entry.type
            yield Mention(start, end, kind, entry.id, 1.0, keys_of(text[start:end]))
            i, titled = j, False
            continue
        title = cues.title_at(words, i)
        if title:
            i, titled = i + title, True
            continue
        j = _name_end(words, i, n)
        confidence = cues.person_confidence(words[i:j], titled)
        if confidence > 0:
            start, end = tokens[i][0], _end(text, tokens[j - 1])
            yield Mention(start, end, "person", None, confidence, keys_of(text[start:end]))
            i, titled = j, False
            continue
        i, titled = i + 1, False


def _known(
    text: str,
    tokens: list[tuple[int, int]],
    words: list[str],
    i: int,
    stop: int,
    authority: auth.Authority,
) -> tuple[int, auth.Entry] | None:
    """The longest span from token ``i`` naming one authority entry: its end and the entry.
    Spellings are followed word by word while the words so far begin one (so a word that
    begins none costs one lookup); romanization keys are tried only when no spelling
    matched, on at most three words that look romanized."""
    prefixes, spellings = authority.prefixes, authority.spellings
    best: tuple[int, str] | None = None
    paths = [""]
    for j in range(i + 1, stop + 1):
        # a word is read without and with its possessive: "People's Republic of China"
        # is spelled with it, "Kim Il Sung's" without
        parts = _word_forms(text[tokens[j - 1][0] : tokens[j - 1][1]], words[j - 1])
        paths = [f for p in paths for w in parts if (f := f"{p} {w}" if p else w) in prefixes]
        if not paths:
            break
        if words[j - 1].casefold() not in _CONNECTORS:
            for folded in paths:
                if folded in spellings:
                    best = (j, spellings[folded])
                    break
    if best is not None:
        return best[0], authority.by_id[best[1]]
    for j in range(min(stop, i + 3), i, -1):
        if words[j - 1].casefold() in _CONNECTORS or not _keyable(words[i:j]):
            continue
        surface = text[tokens[i][0] : _end(text, tokens[j - 1])]
        ids = {authority.keys[k] for k in name_keys(surface) if k in authority.keys}
        if len(ids) == 1:
            return j, authority.by_id[ids.pop()]
    return None


@lru_cache(maxsize=100_000)
def _fold_word(word: str) -> str:
    return auth.fold(word)


@lru_cache(maxsize=100_000)
def _word_forms(token: str, bare: str) -> tuple[str, ...]:
    """The folded readings of a token: without its possessive, and (if it had one) with."""
    plain = _fold_word(bare)
    whole = _fold_word(token.rstrip('.,;:!?)]}"”').replace("'", "").replace("’", ""))
    return (plain,) if whole == plain else (plain, whole)


def _keyable(words: list[str]) -> bool:
    """Worth a romanization lookup (the costly part of matching): one uncommon word, or
    words with a sign of romanization - an East Asian surname first, a hyphen, an
    apostrophe or a letter outside ASCII (``Ch'oe Yong-gŏn``), a Russian ending."""
    if len(words) == 1:
        w = words[0]
        return len(w) >= 5 and w.casefold() not in cues.common_words()
    if not all(w[:1].isupper() or not w.isascii() for w in words):
        return False
    return cues.romanized(words)


def _name_end(words: list[str], i: int, n: int) -> int:
    """Where a personal name starting at ``i`` ends: at most four name words, stopping at
    a connector or a title."""
    j = i
    while (
        j < n
        and j - i < 4
        and words[j].casefold() not in _CONNECTORS
        and not cues.title_at(words, j)
    ):
        j += 1
    return max(j, i + 1)


def _bare(word: str) -> str:
    """A token without trailing punctuation or a possessive ``'s``."""
    word = word.rstrip(".,;:!?)]}\"”’'")
    return _POSSESSIVE.sub("", word) if len(word) > 3 else word


def _end(text: str, token: tuple[int, int]) -> int:
    """The end of a token without trailing punctuation or possessive (initials keep their
    dot: ``Harry S.`` is not cut)."""
    start, end = token
    word = text[start:end]
    m = _TRAILING.search(word)
    cut = m.start() if m else len(word)
    if cut < len(word) and word[cut:].startswith(".") and _INITIALS.fullmatch(word[:cut]):
        cut += 1  # an initial or initials: "S.", "U.S."
    return start + max(cut, 1)


def prepare() -> None:
    """Build what detection needs once (before ingest forks its workers, which share it)."""
    authority = auth.current()
    authority.prefixes, authority.keys, authority.longest  # noqa: B018
    _runs()
    cues.given_names()
    name_keys("Kim Il Sung")  # the romanization tables


def run(doc: Document) -> Document:
    if not doc.text:
        return doc
    return dataclasses.replace(doc, mentions=tuple(detect(doc.text, auth.current())))


EXTRACTOR = Extractor("names", 1, run)

"""Text normalization shared by readers, the index and the query parser.

``normalize`` gives the canonical form stored as ``Document.text`` (NFC, tidy whitespace).
``index_form`` gives the form the search index tokenizes: CJK characters spaced apart so each
is a token (phrases of them match words), and Cyrillic ``ё`` folded to ``е``; it returns an
offset map when its output's offsets differ from its input's.
"""

from __future__ import annotations

import re
import unicodedata

_BLANKS = re.compile(r"\n{3,}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\u200b\ufeff]")
_CJK = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\u1100-\u11ff]"
)


def normalize(text: str) -> str:
    """NFC, line endings as ``\\n``, no control characters, runs of spaces collapsed,
    no spaces at line ends, at most one blank line between paragraphs, stripped."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    lines = text.split("\n")
    for i, line in enumerate(lines):
        # isprintable() is false for control characters and every blank but the space
        if not line.isprintable() or "  " in line or line[:1] == " " or line[-1:] == " ":
            lines[i] = " ".join(_CONTROL.sub("", line).split())
    text = "\n".join(lines)
    if "\n\n\n" in text:
        text = _BLANKS.sub("\n\n", text)
    return text.strip()


def join_pages(pages: list[str]) -> tuple[str, tuple[int, ...]]:
    """Join normalized page texts with blank lines; returns the text and each page's start offset."""
    starts: list[int] = []
    parts: list[str] = []
    pos = 0
    for page in pages:
        starts.append(pos)
        parts.append(page)
        pos += len(page) + 2
    return "\n\n".join(parts), tuple(starts)


def has_cjk(text: str) -> bool:
    """True if the text holds Chinese, Japanese or Korean characters."""
    return not text.isascii() and _CJK.search(text) is not None


def index_form(text: str) -> tuple[str, list[int] | None]:
    """The text as the index tokenizes it, and a map from its offsets to ``text``'s offsets.

    The map is None when offsets are unchanged (no CJK in the text); otherwise
    ``mapping[i]`` is the offset in ``text`` of character ``i`` of the output.
    """
    folded = fold_yo(text)
    if not has_cjk(folded):
        return folded, None
    out: list[str] = []
    mapping: list[int] = []
    pos = 0
    for m in _CJK.finditer(folded):  # runs between CJK characters are copied whole
        i = m.start()
        out.append(folded[pos:i])
        mapping.extend(range(pos, i))
        out.extend((" ", folded[i], " "))
        mapping.extend((i, i, i + 1))
        pos = i + 1
    out.append(folded[pos:])
    mapping.extend(range(pos, len(folded) + 1))
    return "".join(out), mapping


def fold_yo(text: str) -> str:
    """Cyrillic ``ё`` as ``е`` (Russian writes either); the same length as the input."""
    if "ё" in text or "Ё" in text:
        return text.replace("ё", "е").replace("Ё", "Е")
    return text


def fold(text: str) -> str:
    """Case- and diacritic-insensitive form for comparisons (``Sándor`` -> ``sandor``)."""
    decomposed = unicodedata.normalize("NFKD", fold_yo(text).casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def cut(text: str, spans: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """``text`` without the (sorted, non-overlapping after merging) ``spans``; returns the new
    text and the merged spans actually removed, which ``shift`` uses to map offsets."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    parts: list[str] = []
    pos = 0
    for start, end in merged:
        parts.append(text[pos:start])
        pos = end
    parts.append(text[pos:])
    return "".join(parts), merged


def shift(offset: int, removed: list[tuple[int, int]]) -> int:
    """Where ``offset`` of the original text lands after ``removed`` spans were cut out (an
    offset inside a removed span lands where the span was)."""
    delta = 0
    for start, end in removed:
        if offset <= start:
            break
        delta += min(offset, end) - start
    return offset - delta


def to_raw(offset: int, removed: list[tuple[int, int]]) -> int:
    """The offset in the original text of ``offset`` in the text after ``removed`` were cut."""
    for start, end in removed:
        if offset < start:
            break
        offset += end - start
    return offset

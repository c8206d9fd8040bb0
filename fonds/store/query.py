"""The fonds query language, parsed once into a small syntax tree that each backend compiles.

Grammar (AND binds tighter than OR; juxtaposition means AND)::

    query   := or
    or      := and ("OR" and)*
    and     := unary (["AND"] unary)*
    unary   := ("NOT" | "-") unary | primary
    primary := "(" or ")" | PHRASE | WORD | WORD"*"

Words match title and text; ``"..."`` is a phrase; ``word*`` a prefix. Case and diacritics
are folded by the index. Errors are QueryError naming the 1-based position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from fonds.errors import QueryError


@dataclass(frozen=True, slots=True)
class Term:
    text: str


@dataclass(frozen=True, slots=True)
class Prefix:
    text: str


@dataclass(frozen=True, slots=True)
class Phrase:
    text: str


@dataclass(frozen=True, slots=True)
class And:
    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Not:
    item: Node


@dataclass(frozen=True, slots=True)
class Name:
    """A name the archive knows, however it is spelled: the words as typed (``text``, may be
    empty), the authority entries they name, and the comparison keys of their spelling."""

    text: str
    entities: tuple[str, ...] = ()
    keys: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class All:
    """Matches every document (an empty query with filters)."""


Node = Term | Prefix | Phrase | Name | And | Or | Not | All

_TOKEN = re.compile(r'\s*(?:(?P<lp>\()|(?P<rp>\))|(?P<q>")|(?P<word>[^\s()"]+))')
_OPERATORS = {"AND", "OR", "NOT"}
MAX_QUERY_CHARS = 2000


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed search: the syntax tree, filters, and the page wanted."""

    text: str = ""
    date_from: str | None = None
    date_to: str | None = None
    type: str | None = None
    collection: str | None = None
    language: str | None = None
    archive: str | None = None  # an archive the notes cite (registry id)
    limit: int = 10
    offset: int = 0
    facets: bool = True
    tree: Node = field(default_factory=All)
    names: tuple[Name, ...] = ()  # every document must name each of these (--person, --place)


@dataclass(slots=True)
class _Tok:
    kind: str  # "(", ")", "phrase", "word", "AND", "OR", "NOT", "-"
    value: str
    pos: int  # 1-based


def _tokenize(text: str) -> list[_Tok]:
    tokens: list[_Tok] = []
    i = 0
    while i < len(text):
        m = _TOKEN.match(text, i)
        if m is None or m.end() == i:
            break
        start = m.start(m.lastgroup or 0) + 1
        if m.group("lp"):
            tokens.append(_Tok("(", "(", start))
        elif m.group("rp"):
            tokens.append(_Tok(")", ")", start))
        elif m.group("q"):
            end = text.find('"', m.end())
            if end < 0:
                raise QueryError(f"unbalanced quote at position {start}")
            tokens.append(_Tok("phrase", text[m.end() : end], start))
            i = end + 1
            continue
        else:
            word = m.group("word")
            if word in _OPERATORS:
                tokens.append(_Tok(word, word, start))
            elif word.startswith("-") and len(word) > 1:
                tokens.append(_Tok("-", "-", start))
                tokens.append(_Tok("word", word[1:], start + 1))
            else:
                tokens.append(_Tok("word", word, start))
        i = m.end()
    return tokens


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = _tokenize(text)
        self.i = 0
        self.end = len(text) + 1

    def peek(self) -> _Tok | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> _Tok:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def parse(self) -> Node:
        if not self.tokens:
            return All()
        node = self.or_()
        tok = self.peek()
        if tok is not None:
            raise QueryError(f"unexpected {tok.value!r} at position {tok.pos}")
        return node

    def or_(self) -> Node:
        items = [self.and_()]
        while (tok := self.peek()) is not None and tok.kind == "OR":
            self.take()
            items.append(self.and_())
        return items[0] if len(items) == 1 else Or(tuple(items))

    def and_(self) -> Node:
        items = [self.unary()]
        while (tok := self.peek()) is not None and tok.kind not in (")", "OR"):
            if tok.kind == "AND":
                self.take()
            items.append(self.unary())
        return items[0] if len(items) == 1 else And(tuple(items))

    def unary(self) -> Node:
        tok = self.peek()
        if tok is not None and tok.kind in ("NOT", "-"):
            self.take()
            return Not(self.unary())
        return self.primary()

    def primary(self) -> Node:
        tok = self.peek()
        if tok is None:
            raise QueryError(f"query ends where a word was expected (position {self.end})")
        self.take()
        if tok.kind == "(":
            node = self.or_()
            close = self.peek()
            if close is None or close.kind != ")":
                raise QueryError(f"unbalanced parenthesis opened at position {tok.pos}")
            self.take()
            return node
        if tok.kind == "phrase":
            if not tok.value.strip():
                raise QueryError(f"empty phrase at position {tok.pos}")
            return Phrase(tok.value)
        if tok.kind == "word":
            if tok.value.endswith("*"):
                stem = tok.value.rstrip("*")
                if not stem:
                    raise QueryError(f"a prefix needs at least one letter at position {tok.pos}")
                return Prefix(stem)
            return Term(tok.value)
        raise QueryError(f"unexpected {tok.value!r} at position {tok.pos}")


def parse(text: str) -> Node:
    """Parse query text into a syntax tree; raises QueryError with the position."""
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"query longer than {MAX_QUERY_CHARS} characters")
    return _Parser(text).parse()


def build(text: str = "", **filters: object) -> Query:
    """A Query with its tree parsed from ``text`` and the given filters."""
    return Query(text=text, tree=parse(text), **filters)  # type: ignore[arg-type]

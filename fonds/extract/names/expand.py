"""Queries that find a name however it is spelled.

A run of query words that names an authority entry (``Mao Tse-tung``, ``Pyongyang``,
``Хрущёв``) becomes a ``Name`` node: the words as typed, or the entry's id (every spelling
of it the archive recognised), or the romanization keys of the typed spelling, scored as
one term. Capitalised words the authority does not know still meet other spellings of
themselves through their keys (``Ri Ju Yon`` finds ``Ri Ju-yeon``).
"""

from __future__ import annotations

from fonds.extract.names import authority as auth
from fonds.extract.names.mentions import keys_of
from fonds.store.query import And, Name, Node, Not, Or, Phrase, Term

MAX_NAME_WORDS = 5


def expand(node: Node, authority: auth.Authority) -> Node:
    """``node`` with its names made spelling-independent (the rest unchanged)."""
    if isinstance(node, Phrase | Term):
        return _name(node.text, authority) or node
    if isinstance(node, And):
        return And(tuple(_runs(list(node.items), authority)))
    if isinstance(node, Or):
        return Or(tuple(expand(i, authority) for i in node.items))
    if isinstance(node, Not):
        return Not(expand(node.item, authority))
    return node


def _runs(items: list[Node], authority: auth.Authority) -> list[Node]:
    """Consecutive plain words joined into the longest names they make."""
    out: list[Node] = []
    i = 0
    while i < len(items):
        item = items[i]
        if not isinstance(item, Term):
            out.append(expand(item, authority))
            i += 1
            continue
        for j in range(min(len(items), i + MAX_NAME_WORDS), i, -1):
            words = items[i:j]
            if all(isinstance(w, Term) for w in words):
                text = " ".join(w.text for w in words if isinstance(w, Term))
                if (named := _name(text, authority, single=j - i == 1)) is not None:
                    out.append(named)
                    i = j
                    break
        else:
            out.append(item)
            i += 1
    return out


def _name(text: str, authority: auth.Authority, *, single: bool = True) -> Name | None:
    """The Name node for ``text``, or None if it names nothing and is not name-shaped."""
    entry_id = authority.find_id(text)
    if entry_id is not None:  # every spelling of it recognised is indexed under its id
        return Name(text, (entry_id,), ())
    keys = tuple(k for k in keys_of(text).split() if not k.startswith("xx:"))
    capitalised = all(w[:1].isupper() or not w[:1].isascii() for w in text.split())
    if capitalised and keys and not (single and len(text) < 4):
        return Name(text, (), keys)
    return None


def name_filter(text: str, authority: auth.Authority) -> Name:
    """What ``--person``/``--place`` keep: the entry ``text`` names (or is the id of), or
    its spelling's keys."""
    entry_id = text if text in authority.by_id else authority.find_id(text)
    keys = tuple(k for k in keys_of(text).split() if not k.startswith("xx:"))
    return Name("" if entry_id else text, (entry_id,) if entry_id else (), () if entry_id else keys)

"""Metadata sidecars: ``NAME.json`` (or ``NAME.ext.json``) beside a file, or a
``manifest.csv`` / ``manifest.json`` in its folder. Sidecar values override what readers
guess; their origin is recorded as ``"sidecar"``.
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import json
import os
import re
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from fonds.errors import ReadError
from fonds.model import DateRange, Document, Origin

FIELDS = (
    "title",
    "date",
    "authors",
    "language",
    "type",
    "collection",
    "archive_citation",
    "translator",
    "source_url",
    "rights",
)
MANIFESTS = ("manifest.csv", "manifest.json")
_ALIASES = {
    "author": "authors",
    "citation": "archive_citation",
    "url": "source_url",
    "lang": "language",
}
_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
MAX_SIDECAR_BYTES = 64 * 1024 * 1024

Overrides = dict[str, str]
Row = tuple[str | None, ...]


def is_sidecar(path: str, siblings: frozenset[str]) -> bool:
    """True for manifests and ``X.json`` / ``X.ext.json`` files describing a sibling file
    (``siblings``: the names in the same folder)."""
    name = os.path.basename(path)
    lower = name.lower()
    if lower in MANIFESTS:
        return True
    if not lower.endswith(".json"):
        return False
    stem = name[:-5]
    return stem in siblings or any(
        other != name and other.startswith(stem + ".") for other in siblings
    )


def _clean(path: str, raw: Mapping[str, Any]) -> Overrides:
    """Keep known fields with non-empty values, as strings; validate dates."""
    out: Overrides = {}
    for key, value in raw.items():
        field = _ALIASES.get(str(key).strip().lower(), str(key).strip().lower())
        if field not in FIELDS or value is None:
            continue
        if isinstance(value, list):
            value = "; ".join(str(v).strip() for v in value if str(v).strip())
        text = str(value).strip()
        if not text:
            continue
        if field == "date":
            parts = text.split("/")
            if len(parts) > 2 or not all(_DATE.match(p) for p in parts):
                raise ReadError(
                    path, f"sidecar date {text!r} is not ISO (1957, 1957-09, 1957-09-13 or a/b)"
                )
        out[field] = text
    return out


def _manifest_rows(path: Path) -> Iterator[tuple[str, Overrides]]:
    """(file name relative to the manifest's folder, overrides) for each row, streamed."""
    try:
        if path.suffix.lower() == ".csv":
            with open(path, encoding="utf-8-sig", newline="") as fh:
                for row in csv.DictReader(fh):
                    yield from _manifest_row(path, row)
            return
        loaded = json.loads(path.read_bytes()[:MAX_SIDECAR_BYTES])
        found = loaded.get("documents", loaded.get("files")) if isinstance(loaded, dict) else loaded
        if not isinstance(found, list):
            raise ValueError('expected a list of objects, or {"documents": [...]}')
        for row in found:
            if isinstance(row, Mapping):
                yield from _manifest_row(path, row)
    except (OSError, UnicodeDecodeError, ValueError, csv.Error) as exc:
        raise ReadError(str(path), f"unreadable manifest ({exc})") from exc


def _manifest_row(path: Path, row: Mapping[str, Any]) -> Iterator[tuple[str, Overrides]]:
    name = str(row.get("file") or row.get("path") or row.get("filename") or "").strip()
    if name:
        yield name.replace("\\", "/").removeprefix("./"), _clean(str(path), row)


def _pack(values: Overrides) -> Row:
    """Overrides as a tuple in FIELDS order (None where absent): a small record per row."""
    return tuple(_intern(values.get(f)) for f in FIELDS)


def _intern(value: str | None) -> str | None:
    """Short values (types, languages, collections) repeat across rows: keep one copy."""
    return sys.intern(value) if value is not None and len(value) < 64 else value


def _unpack(row: Row) -> Overrides:
    return {f: v for f, v in zip(FIELDS, row, strict=True) if v is not None}


class SidecarFinder:
    """Finds the overrides for a file. Each folder's manifest is read once; its rows are kept
    as tuples with their digest, so a 100,000-row manifest stays small."""

    def __init__(self) -> None:
        self._manifests: dict[str, dict[str, Row]] = {}
        self._chains: dict[str, list[dict[str, Row]]] = {}

    def _manifest_for(self, folder: str) -> dict[str, Row]:
        table = self._manifests.get(folder)
        if table is None:
            table = {}
            for name in MANIFESTS:
                candidate = os.path.join(folder, name)
                if os.path.isfile(candidate):
                    for rel, values in _manifest_rows(Path(candidate)):
                        table[os.path.normpath(os.path.join(folder, rel))] = _pack(values)
            self._manifests[folder] = table
        return table

    def _chain(self, folder: str) -> list[dict[str, Row]]:
        """The manifests of this folder and up to 7 above it, farthest first."""
        chain = self._chains.get(folder)
        if chain is None:
            folders: list[str] = []
            current = folder
            for _ in range(8):
                folders.append(current)
                parent = os.path.dirname(current)
                if parent == current:
                    break
                current = parent
            chain = [t for t in (self._manifest_for(f) for f in reversed(folders)) if t]
            self._chains[folder] = chain
        return chain

    def overrides(self, path: str, siblings: frozenset[str] | None = None) -> tuple[Overrides, str]:
        """The sidecar values for the file at absolute ``path`` and their digest: manifests of
        enclosing folders (nearest wins), then ``NAME.json``. ``siblings`` (the names in the
        file's folder) saves a stat per candidate sidecar. Raises ReadError for a bad sidecar."""
        folder, name = os.path.split(path)
        found = [hit for table in self._chain(folder) if (hit := table.get(path)) is not None]
        beside: Overrides | None = None
        for candidate in (name + ".json", os.path.splitext(name)[0] + ".json"):
            full = os.path.join(folder, candidate)
            if candidate != name and (
                candidate in siblings if siblings is not None else os.path.isfile(full)
            ):
                beside = _load_json(full)
                break
        merged: Overrides = {}
        for row in found:
            merged.update(_unpack(row))
        merged.update(beside or {})
        return merged, digest(merged) if merged else _EMPTY_DIGEST


def _load_json(path: str) -> Overrides:
    try:
        loaded = json.loads(Path(path).read_bytes()[:MAX_SIDECAR_BYTES])
    except (OSError, ValueError) as exc:
        raise ReadError(path, f"unreadable sidecar ({exc})") from exc
    if not isinstance(loaded, dict):
        raise ReadError(path, "sidecar must hold a JSON object")
    return _clean(path, loaded)


def digest(overrides: Overrides) -> str:
    """A short stable hash of the overrides, so a changed sidecar re-ingests its file."""
    flat = "\x1f".join(f"{k}\x1e{v}" for k, v in sorted(overrides.items()))
    return hashlib.blake2b(flat.encode(), digest_size=8).hexdigest()


def validated(raw: Mapping[str, Any], where: str) -> Overrides:
    """Metadata values as a sidecar or an edit gives them, checked (ReadError names
    ``where`` and the bad value); unknown fields and empty values are dropped."""
    return _clean(where, raw)


def apply(doc: Document, overrides: Overrides, *, by: Origin = "sidecar", **more: Any) -> Document:
    """The document with sidecar values (or a user's edits, ``by="edited"``) in place of
    what the reader found, and ``more`` fields replaced in the same step."""
    if not overrides:
        return dataclasses.replace(doc, **more) if more else doc
    changes: dict[str, Any] = dict(more)
    origin: dict[str, Origin] = dict(doc.origin)
    for field, value in overrides.items():
        if field == "date":
            start, _, end = value.partition("/")
            changes["date"] = DateRange(start, end or None)
        elif field == "authors":
            changes["authors"] = tuple(a.strip() for a in value.split(";") if a.strip())
        elif field in ("type", "language"):
            changes[field] = value.lower()
        else:
            changes[field] = value
        origin[field] = by
    return dataclasses.replace(doc, **changes, origin=origin)


_EMPTY_DIGEST = digest({})

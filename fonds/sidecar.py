"""Metadata sidecars: ``NAME.json`` (or ``NAME.ext.json``) beside a file, or a
``manifest.csv`` / ``manifest.json`` in its folder. Sidecar values override what readers
guess; their origin is recorded as ``"sidecar"``.
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import io
import json
import os
import re
from collections.abc import Mapping
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


def is_sidecar(path: Path) -> bool:
    """True for manifests and ``X.json`` files that describe a sibling file."""
    name = path.name.lower()
    if name in MANIFESTS:
        return True
    if path.suffix.lower() != ".json":
        return False
    stem = path.with_suffix("")
    return stem.exists() or any(
        sibling != path for sibling in stem.parent.glob(f"{_glob_escape(stem.name)}.*")
    )


def _glob_escape(name: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", name)


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


def _load_manifest(path: Path) -> dict[str, Overrides]:
    """file name (relative to the manifest's folder, '/' separated) -> overrides."""
    data = path.read_bytes()[:MAX_SIDECAR_BYTES]
    rows: list[Mapping[str, Any]]
    try:
        if path.suffix.lower() == ".csv":
            rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
        else:
            loaded = json.loads(data)
            found = (
                loaded.get("documents", loaded.get("files", []))
                if isinstance(loaded, dict)
                else loaded
            )
            if not isinstance(found, list):
                raise ValueError("expected a list of objects")
            rows = found
    except (UnicodeDecodeError, ValueError, csv.Error) as exc:
        raise ReadError(str(path), f"unreadable manifest ({exc})") from exc
    table: dict[str, Overrides] = {}
    for row in rows:
        if not isinstance(row, Mapping):
            continue
        name = str(row.get("file") or row.get("path") or row.get("filename") or "").strip()
        if name:
            table[name.replace("\\", "/").lstrip("./")] = _clean(str(path), row)
    return table


class SidecarFinder:
    """Finds the overrides for a file; caches each folder's manifest (read once per folder)."""

    def __init__(self) -> None:
        self._manifests: dict[str, dict[str, Overrides]] = {}

    def _manifest_for(self, folder: str) -> dict[str, Overrides]:
        table = self._manifests.get(folder)
        if table is None:
            table = {}
            for name in MANIFESTS:
                candidate = os.path.join(folder, name)
                if os.path.isfile(candidate):
                    for rel, values in _load_manifest(Path(candidate)).items():
                        table[os.path.normpath(os.path.join(folder, rel))] = values
            self._manifests[folder] = table
        return table

    def overrides(self, path: Path) -> Overrides:
        """Manifest values of the enclosing folders (up to 8 levels; nearest wins), then
        ``NAME.json``. ``path`` must be absolute. Raises ReadError for an unreadable sidecar."""
        key = str(path)
        folders: list[str] = []
        folder = os.path.dirname(key)
        for _ in range(8):
            folders.append(folder)
            parent = os.path.dirname(folder)
            if parent == folder:
                break
            folder = parent
        merged: Overrides = {}
        for folder in reversed(folders):
            merged.update(self._manifest_for(folder).get(key, {}))
        for candidate in (key + ".json", os.path.splitext(key)[0] + ".json"):
            if candidate != key and os.path.isfile(candidate):
                try:
                    loaded = json.loads(Path(candidate).read_bytes()[:MAX_SIDECAR_BYTES])
                except ValueError as exc:
                    raise ReadError(candidate, f"unreadable sidecar ({exc})") from exc
                if not isinstance(loaded, dict):
                    raise ReadError(candidate, "sidecar must hold a JSON object")
                merged.update(_clean(candidate, loaded))
                break
        return merged


def digest(overrides: Overrides) -> str:
    """A short hash of the overrides, so a changed sidecar re-ingests its file."""
    return hashlib.sha256(json.dumps(overrides, sort_keys=True).encode()).hexdigest()[:16]


def apply(doc: Document, overrides: Overrides) -> Document:
    """The document with sidecar values in place of what the reader found."""
    if not overrides:
        return doc
    changes: dict[str, Any] = {}
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
        origin[field] = "sidecar"
    return dataclasses.replace(doc, **changes, origin=origin)

"""What a user types to name an archival file (``cited_by``, ``/files?ref=``): every cited
file's canonical form, as ``citation_groups`` lists it, finds its citations; and the forms
of the traditions with labelled or call-number fields read back as themselves. (Polish and
Czech canonical forms, without separators, are found as listed but do not parse.)"""

from __future__ import annotations

import pytest

import fonds
from fonds.extract import archival


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("PRCFMA 106-00025-01", "PRCFMA 106-00025-01"),  # not "A 106-...": the A ends PRCFMA
        ("PRCFMA, no. 106-01129-01, p. 21", "PRCFMA 106-01129-01"),
        ("PRC FMA A 106-00025-01", "PRCFMA A 106-00025-01"),  # a standalone letter stays
        ("MOL, XIX-J-1-j, 11. doboz, 24/b, 00789/1955", "MOL XIX-J-1-j doboz 11 24/b 00789/1955"),
        ("MOL XIX-J-1-j doboz 11 24/b 00789/1955", "MOL XIX-J-1-j doboz 11 24/b 00789/1955"),
        ("rgani 5/28/412", "RGANI f.5 op.28 d.412"),
        ("RGANI, f. 5, op. 28, d. 412", "RGANI f.5 op.28 d.412"),
    ],
)
def test_parse_ref(typed: str, canonical: str) -> None:
    assert archival.parse_ref(typed) == canonical


@pytest.mark.parametrize(
    ("archive", "fields"),
    [
        ("AVPRF", {"f": "0102", "op": "13", "p": "5", "d": "1-15"}),
        ("PRCFMA", {"no": "117-00063-02"}),
        ("PRCFMA", {"no": "A 106-1-2"}),
        ("MOL", {"fond": "XIX-J-1-j", "doboz": "11", "folder": "24/b", "file": "00789/1955"}),
        ("KTS", {"doboz": "12", "folder": "25/j", "file": "005594/1956"}),
        ("NARA", {"rg": "59", "decimal": "795B.00/7-2753", "box": "3"}),
    ],
)
def test_canonical_forms_read_back_as_themselves(archive: str, fields: dict[str, str]) -> None:
    known = archival.lookup(archive)
    assert known is not None
    form = archival.canonical(known.id, known.tradition, fields)
    assert form is not None
    assert archival.parse_ref(form) == form


def test_every_cited_file_is_found_by_its_canonical_form(shared_archive: fonds.Archive) -> None:
    groups = [
        g for g in shared_archive.citation_groups() if g["kind"] == "archival" and g["canonical"]
    ]
    assert len(groups) >= 20
    lost = [g["canonical"] for g in groups if not shared_archive.cited_by(g["canonical"])]
    assert lost == []
    # what a user types for a file finds it too (the "A" ends PRCFMA, not the file number)
    prcfma = [g["canonical"] for g in groups if g["canonical"].startswith("PRCFMA ")]
    assert prcfma
    for form in prcfma:
        typed = form.replace("PRCFMA ", "PRCFMA, no. ")
        assert shared_archive.cited_by(typed) == shared_archive.cited_by(form)

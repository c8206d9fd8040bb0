#!/usr/bin/env python3
"""Write ``fonds/data/pinyin_wade_giles.csv``: every toneless pinyin syllable with its
Wade-Giles and Palladius (Cyrillic) spellings, derived from pypinyin's character
dictionary and its Wade-Giles and Cyrillic styles (with the Wade-Giles slips that
``fonds.extract.names.chinese`` corrects). Re-run after upgrading pypinyin;
``tests/names/test_chinese.py`` checks the file still matches.

    .venv/bin/python tools/make_pinyin_table.py
"""

from __future__ import annotations

import csv
from pathlib import Path

from fonds.extract.names.chinese import pinyin_table

OUT = Path(__file__).resolve().parents[1] / "fonds" / "data" / "pinyin_wade_giles.csv"


def main() -> None:
    with OUT.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["pinyin", "wade_giles", "palladius", "source"])
        for py, (wade_giles, palladius) in pinyin_table().items():
            source = "pypinyin (pinyin_dict, Style.WADEGILES, Style.CYRILLIC)"
            out.writerow([py, "|".join(wade_giles), "|".join(palladius), source])


if __name__ == "__main__":
    main()

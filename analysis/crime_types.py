"""The crime types of the standard questionnaire: codes, stems and their groups (naming.md).

A module of its own, without numpy or pandas, so that the server (uploads of
police records) reads it without loading the analysis stack;
:mod:`analysis.microdata` and the indicators import it from here.
"""

from __future__ import annotations

#: crime_type code -> stem, in the instrument's order (naming.md)
CRIME_STEMS: dict[int, str] = {
    1: "car",
    2: "vpart",
    3: "vand",
    4: "moto",
    5: "bike",
    6: "burg",
    7: "aburg",
    11: "rob",
    12: "theft",
    13: "assault",
    14: "threat",
    15: "sex",
    16: "fraud",
    17: "extort",
    18: "kidnap",
}
#: crimes against the household and against the person; violent ones among the latter
HOUSEHOLD_STEMS: tuple[str, ...] = ("car", "vpart", "vand", "moto", "bike", "burg", "aburg")
PERSONAL_STEMS: tuple[str, ...] = (
    "rob",
    "theft",
    "assault",
    "threat",
    "sex",
    "fraud",
    "extort",
    "kidnap",
)
VIOLENT_STEMS: tuple[str, ...] = ("assault", "threat", "sex")

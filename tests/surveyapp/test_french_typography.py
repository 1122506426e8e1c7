"""French staff texts put a no-break space before ':' ';' '?' '!', as French typography wants
and as the shared "colon" text does ("\u00a0: "), so that a line never starts with the mark.
A plain space (or none) crept into about a hundred texts ("Erreur :", "… ; réessayez"); this
scan keeps new ones out. The interviewer app's texts have the same scan (tests/js)."""

from __future__ import annotations

import re

from surveyapp.staff_texts import TEXTS

#: The mark of a French sentence (followed by a space or the end) without a no-break space
#: before it: U+00A0 (the project's choice, "colon") or the narrow U+202F.
UNSPACED = re.compile(r"(?<![\u00a0\u202f])[:;?!](?=\s|$)")


def test_french_staff_texts_put_a_no_break_space_before_the_high_marks() -> None:
    found = {key: text["fr"] for key, text in TEXTS.items() if UNSPACED.search(text["fr"])}
    assert found == {}
    assert TEXTS["colon"]["fr"] == "\u00a0: "


def test_the_scan_finds_what_it_is_for() -> None:
    for wrong in ("Erreur :", "Erreur:", "trop long ; réessayez", "Continuer ?", "Plein !"):
        assert UNSPACED.search(wrong), wrong
    for right in ("Erreur\u00a0:", "(;)", "https://exemple.org", "{n:,} ménages", "?lang=fr"):
        assert not UNSPACED.search(right), right

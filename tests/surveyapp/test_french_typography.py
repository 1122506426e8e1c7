"""French texts put a no-break space before ':' ';' '?' '!' and inside « », as French
typography wants and as the shared "colon" text does ("\u00a0: "), so that a line never starts
with the mark nor ends with an opening guillemet. A plain space (or none) crept into about two
hundred texts ("Erreur :", "… ; réessayez", "… camion ?", "« Ne sait pas »"); one scan,
:func:`french_faults`, keeps new ones out of every table of French the project writes: staff
pages, observatory, respondent web survey, the standard questionnaire, the engine's messages,
and the analysis package's French: the status reports' words, the indicators' names and
definitions (the reports' headings and the XLSX downloads), the disclosure report, the public
release's labels and DDI codebook, an imported XLSForm's repeat count label.
The interviewer app's texts have the same scan (tests/js)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

import pytest

from analysis.disclosure.strings import STRINGS as DISCLOSURE
from analysis.indicators import catalogue
from analysis.release import labels as release_labels
from analysis.release.ddi import _WORDS as DDI_WORDS
from analysis.report.i18n import STRINGS as REPORT
from questionnaires.engine.messages import MESSAGES_PATH
from questionnaires.instruments import standard_instrument, standard_instrument_ids
from questionnaires.xlsform.survey import _HOW_MANY
from surveyapp.observatory.texts import TEXTS as OBSERVATORY
from surveyapp.respond.texts import TEXTS as RESPOND
from surveyapp.services.release import _PROVISIONAL
from surveyapp.staff_texts import TEXTS

#: The mark of a French sentence (followed by a space or the end) without a no-break space
#: before it: U+00A0 (the project's choice, "colon") or the narrow U+202F.
UNSPACED = re.compile(r"(?<![\u00a0\u202f])[:;?!](?=\s|$)")
#: A guillemet without a no-break space on its inner side: "«x", "« x", "x »".
UNSPACED_GUILLEMET = re.compile(r"«(?![\u00a0\u202f])|(?<![\u00a0\u202f])»")


def french_faults(texts: Mapping[str, str]) -> dict[str, str]:
    """The French texts (by name) with a plain space or none where a no-break space belongs."""
    return {
        name: text
        for name, text in texts.items()
        if UNSPACED.search(text) or UNSPACED_GUILLEMET.search(text)
    }


def _french_of_table(table: Mapping[str, Mapping[str, str]]) -> dict[str, str]:
    return {key: text["fr"] for key, text in table.items()}


def _french_leaves(node: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every string held under a "fr" key of a nested document (an instrument's labels)."""
    if isinstance(node, Mapping):
        for key, value in node.items():
            if key == "fr" and isinstance(value, str):
                yield f"{path}/fr", value
            else:
                yield from _french_leaves(value, f"{path}/{key}")
    elif isinstance(node, (list, tuple)):
        for index, value in enumerate(node):
            yield from _french_leaves(value, f"{path}/{index}")


def _indicator_french() -> dict[str, str]:
    """Every indicator's French name and definition (the reports' headings and notes)."""
    return {
        f"{indicator.id}/{field}": getattr(indicator, field)["fr"]
        for indicator in catalogue()
        for field in ("name", "definition")
    }


def _release_labels_french() -> dict[str, str]:
    tables: dict[str, Mapping[Any, Mapping[str, str]]] = {
        "fixed": release_labels.FIXED_LABELS,
        "missing": release_labels.MISSING_LABELS,
        "yes_no": release_labels.YES_NO,
        "roster_sex": release_labels.ROSTER_SEX_LABELS,
        "file": release_labels.FILE_LABELS,
    }
    return {
        f"{name}/{key}": text["fr"] for name, table in tables.items() for key, text in table.items()
    }


def _instrument_french(instrument_id: str) -> dict[str, str]:
    return dict(_french_leaves(standard_instrument(instrument_id).model_dump()))


SOURCES = {
    "staff": lambda: _french_of_table(TEXTS),
    "observatory": lambda: _french_of_table(OBSERVATORY),
    "respond": lambda: _french_of_table(RESPOND),
    "release": lambda: {"provisional": _PROVISIONAL["fr"]},
    "report": lambda: _french_of_table(REPORT),
    "indicators": _indicator_french,
    "disclosure": lambda: _french_of_table(DISCLOSURE),
    "release_labels": _release_labels_french,
    "release_ddi": lambda: _french_of_table(DDI_WORDS),
    "xlsform": lambda: {"how_many": _HOW_MANY["fr"]},
    "engine_messages": lambda: json.loads(MESSAGES_PATH.read_text(encoding="utf-8"))["fr"],
    **{
        f"instrument:{name}": (lambda name=name: _instrument_french(name))
        for name in standard_instrument_ids()
    },
}


@pytest.mark.parametrize("source", sorted(SOURCES))
def test_french_texts_put_no_break_spaces_before_high_marks_and_inside_guillemets(
    source: str,
) -> None:
    texts = SOURCES[source]()
    assert len(texts) > 0, "the scan found no French to look at"
    assert french_faults(texts) == {}


def test_the_scans_reach_the_texts_they_are_for() -> None:
    assert TEXTS["colon"]["fr"] == "\u00a0: "
    assert RESPOND["error_prefix"]["fr"] == "Erreur\u00a0:"
    assert RESPOND["quoted"]["fr"] == "«\u00a0{label}\u00a0»"
    assert len(_instrument_french("vict_std")) > 100  # every label, hint and message


def test_the_scan_finds_what_it_is_for() -> None:
    for wrong in (
        "Erreur :",
        "Erreur:",
        "trop long ; réessayez",
        "Continuer ?",
        "Plein !",
        "« Ne sait pas »",
        "«Ne sait pas»",
        "«\u00a0Ne sait pas »",
    ):
        assert french_faults({"x": wrong}), wrong
    for right in (
        "Erreur\u00a0:",
        "(;)",
        "https://exemple.org",
        "{n:,} ménages",
        "?lang=fr",
        "«\u00a0Ne sait pas\u00a0»",
        "«\u202foui\u202f»",
    ):
        assert not french_faults({"x": right}), right

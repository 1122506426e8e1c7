"""XLSForm export: what Kobo/ODK see, and export -> import giving the same instrument back."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from questionnaires.loader import load_instrument, load_instrument_dict, load_instrument_text
from questionnaires.model import Instrument
from questionnaires.xlsform import export_workbook, export_xlsform, import_xlsform

SMALL = Path(__file__).parent / "instruments" / "small.yaml"
#: Every kind of item and option the exporter treats specially, to round-trip.
TRICKY = """\
id: tricky
version: "2.0"
title: {en: "Tricky", fr: "Piégeux"}
languages: [en, fr]
default_language: fr
parameters:
  cap: 3
  rate: 0.5
  place_name: "O'Higgins"
  strict: true
choice_lists:
  yn:
    - {code: 1, label: {en: "Yes", fr: "Oui"}}
    - {code: 0, label: {en: "No", fr: "Non"}}
  yn_dk:
    - {code: 5, label: {en: "Five", fr: "Cinq"}}
  scale:
    - {code: 1, label: {en: "Low", fr: "Bas"}}
    - {code: 2, label: {en: "High", fr: "Haut"}}
sections:
  - name: first
    title: {en: "First", fr: "Premier"}
    relevant: "${cap} > 1 or ${strict}"
    items:
      - code: born
        type: date
        label: {en: "Born", fr: "Né"}
        min: "1900-01-01"
        max: "today()"
        special: [refused]
      - code: moved
        type: date
        label: {en: "Moved", fr: "Déménagé"}
        min: "${born}"
      - code: ratio
        type: decimal
        label: {en: "Ratio", fr: "Ratio"}
        min: 0.5
        max: 2.0
        special: [dont_know, refused]
      - code: nick
        type: text
        label: {en: "Nick", fr: "Surnom"}
        max_length: 20
        constraint: "string-length(.) > 1 or . = 'x'"
        constraint_message: {en: "Too short", fr: "Trop court"}
        special: [dont_know]
      - code: when
        type: month
        label: {en: "When", fr: "Quand"}
        special: [dont_know]
      - code: story
        type: longtext
        label: {en: "Story", fr: "Histoire"}
        hint: {en: "Take your time", fr: "Prenez votre temps"}
        max_length: 3000
      - code: both
        type: multiple
        choices: yn
        label: {en: "Both", fr: "Les deux"}
        special: [refused]
        required: true
      - code: sure
        type: single
        choices: yn
        label: {en: "Sure", fr: "Sûr"}
        special: [dont_know]
      - code: n
        type: integer
        label: {en: "N", fr: "N"}
        min: -5
      - code: shown
        type: note
        label: {en: "Shown ${n}", fr: "Montré ${n}"}
        hint: {en: "h", fr: "h"}
        relevant: "${n} > 0"
      - code: level
        type: calculate
        calculation: "if(${n} > ${cap}, 2, 1)"
        choices: scale
        label: {en: "Level", fr: "Niveau"}
        relevant: "${n} != 0"
      - code: g
        type: grid
        choices: scale
        label: {en: "Grid", fr: "Grille"}
        hint: {en: "gh", fr: "gh"}
        relevant: "${n} > 1"
        special: [refused]
        rows:
          - {code: g_a, label: {en: "A", fr: "A"}}
          - {code: g_b, label: {en: "B", fr: "B"}, relevant: "${sure} = 1"}
  - name: loop
    title: {en: "Loop", fr: "Boucle"}
    items:
      - code: rep
        type: repeat
        count: 2
        label: {en: "Repeats", fr: "Répétitions"}
        title: {en: "Round ${rep_pos}", fr: "Tour ${rep_pos}"}
        relevant: "${n} > 0"
        items:
          - code: rep_pos
            type: calculate
            calculation: "position(..)"
          - code: rep_ok
            type: single
            choices: yn
            label: {en: "OK?", fr: "OK ?"}
"""
STANDARD = Path(__file__).parents[2] / "questionnaires" / "instruments" / "vict_std.yaml"


@pytest.fixture(scope="module")
def small() -> Instrument:
    return load_instrument(SMALL)


@pytest.fixture(scope="module")
def sheets(small: Instrument) -> dict[str, list[dict[str, Any]]]:
    book = export_workbook(small)
    found: dict[str, list[dict[str, Any]]] = {}
    for sheet in book.worksheets:
        rows = list(sheet.iter_rows(values_only=True))
        header = [str(cell) for cell in rows[0]]
        found[sheet.title] = [
            {h: v for h, v in zip(header, row, strict=True) if v is not None} for row in rows[1:]
        ]
    return found


def survey_row(sheets: dict[str, list[dict[str, Any]]], name: str) -> dict[str, Any]:
    (row,) = [
        row for row in sheets["survey"] if row.get("name") == name and "end" not in row["type"]
    ]
    return row


def round_trip(instrument: Instrument) -> tuple[Instrument, list[str]]:
    buffer = io.BytesIO()
    export_xlsform(instrument, buffer)
    result = import_xlsform(io.BytesIO(buffer.getvalue()))
    return load_instrument_dict(result.instrument_dict), [str(w) for w in result.warnings]


def test_small_instrument_round_trips_exactly(small: Instrument) -> None:
    back, warnings = round_trip(small)
    assert warnings == []
    assert back.to_dict() == small.to_dict()
    assert back.content_hash == small.content_hash


def test_standard_questionnaire_round_trips_exactly() -> None:
    standard = load_instrument(STANDARD)
    back, warnings = round_trip(standard)
    assert warnings == []
    assert back.content_hash == standard.content_hash


def test_round_trip_through_a_file(small: Instrument, tmp_path: Path) -> None:
    path = tmp_path / "small.xlsx"
    export_xlsform(small, path)
    back = load_instrument_dict(import_xlsform(path).instrument_dict)
    assert back.content_hash == small.content_hash


def test_labels_are_in_one_column_per_language(sheets: dict[str, list[dict[str, Any]]]) -> None:
    age = survey_row(sheets, "age")
    assert age["label::English (en)"] == "How old are you?"
    assert age["label::Español (es)"] == "¿Qué edad tiene?"
    settings = sheets["settings"][0]
    assert settings["form_id"] == "small_vict"
    assert settings["version"] == "0.3"
    assert settings["default_language"] == "English (en)"


def test_choice_names_are_the_codes_and_specials_are_added(
    sheets: dict[str, list[dict[str, Any]]],
) -> None:
    choices = sheets["choices"]
    assert [(c["list_name"], c["name"]) for c in choices if c["list_name"] == "yes_no"] == [
        ("yes_no", "1"),
        ("yes_no", "2"),
    ]
    # rob_yn allows dont_know and refused: a copy of yes_no with -8 and -9
    assert survey_row(sheets, "rob_yn")["type"] == "select_one yes_no_dk_ref"
    copy = [c for c in choices if c["list_name"] == "yes_no_dk_ref"]
    assert [c["name"] for c in copy] == ["1", "2", "-8", "-9"]
    assert copy[2]["label::English (en)"] == "Don't know"
    assert copy[3]["label::Español (es)"] == "Prefiere no responder"


def test_min_max_and_specials_become_an_odk_constraint(
    sheets: dict[str, list[dict[str, Any]]],
) -> None:
    age = survey_row(sheets, "age")  # min 15, max 110, special [refused]
    assert age["constraint"] == "(. >= 15 and . <= 110) or . = -9"
    assert (age["surveyapp_min"], age["surveyapp_max"], age["surveyapp_special"]) == (
        "15",
        "110",
        "refused",
    )
    adults = survey_row(sheets, "adults")
    assert adults["constraint"] == ". >= 1 and . <= ${hh_size}"
    assert adults["surveyapp_constraint"] == ". <= ${hh_size}"
    birth = survey_row(sheets, "birth_date")
    assert birth["constraint"] == ". >= date('1900-01-01') and . <= today()"
    assert survey_row(sheets, "comments")["constraint"] == "string-length(.) <= 40"


def test_structure_maps_to_xlsform_types(sheets: dict[str, list[dict[str, Any]]]) -> None:
    types = [row["type"] for row in sheets["survey"]]
    assert types.count("begin_group") == types.count("end_group")
    assert types.count("begin_repeat") == types.count("end_repeat") == 1
    repeat = next(row for row in sheets["survey"] if row["type"] == "begin_repeat")
    assert "repeat_count" in repeat
    grid = next(row for row in sheets["survey"] if row.get("appearance") == "table-list")
    assert grid["type"] == "begin_group"
    month = next(row for row in sheets["survey"] if row.get("appearance") == "month-year")
    assert month["type"] == "date"
    parameter = survey_row(sheets, "incident_cap")
    assert (parameter["type"], parameter["calculation"]) == ("calculate", "3")


def test_edited_constraint_wins_over_the_extra_columns(small: Instrument) -> None:
    book = export_workbook(small)
    sheet = book["survey"]
    header = [cell.value for cell in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[header.index("name")].value == "age":
            row[header.index("constraint")].value = ". >= 18"
            number = row[0].row
    buffer = io.BytesIO()
    book.save(buffer)
    result = import_xlsform(io.BytesIO(buffer.getvalue()))
    age = next(
        item
        for section in result.instrument_dict["sections"]
        for item in section["items"]
        if item["code"] == "age"
    )
    assert age["constraint"] == ". >= 18"
    assert "min" not in age
    assert [(w.row, w.column) for w in result.warnings] == [(number, "constraint")]


def test_kobo_form_round_trips_after_import() -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "survey"
    sheet.append(["type", "name", "label", "relevant"])
    sheet.append(["begin_group", "g", "Group", None])
    sheet.append(["select_one yn", "a", "A?", None])
    sheet.append(["integer", "b", "B?", "${a} = 'y'"])
    sheet.append(["end_group", None, None, None])
    choices = workbook.create_sheet("choices")
    choices.append(["list_name", "name", "label"])
    choices.append(["yn", "y", "Yes"])
    choices.append(["yn", "n", "No"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    first = load_instrument_dict(import_xlsform(io.BytesIO(buffer.getvalue())).instrument_dict)
    again, warnings = round_trip(first)
    assert warnings == []
    assert again.content_hash == first.content_hash


def test_special_list_copy_never_takes_an_existing_list_name(small: Instrument) -> None:
    data = small.to_dict()
    data["choice_lists"]["yes_no_dk_ref"] = [{"code": 7, "label": {"en": "Seven", "es": "Siete"}}]
    instrument = load_instrument_dict(data)
    survey = export_workbook(instrument)["survey"]
    header = [cell.value for cell in survey[1]]
    types = {row[1]: row[0] for row in survey.iter_rows(min_row=2, values_only=True)}
    assert header[:2] == ["type", "name"]
    assert types["rob_yn"] == "select_one yes_no_dk_ref_2"
    back, warnings = round_trip(instrument)
    assert warnings == []
    assert back.content_hash == instrument.content_hash


def test_text_starting_with_equals_stays_text(small: Instrument) -> None:
    data = small.to_dict()
    data["sections"][0]["items"][0]["label"]["en"] = "=SUM(A1:A2) years?"
    instrument = load_instrument_dict(data)
    back, _warnings = round_trip(instrument)
    assert back.item("age").label["en"] == "=SUM(A1:A2) years?"


def test_every_special_case_round_trips_exactly() -> None:
    # dates with expression bounds, decimals, text with special answers and an "or"
    # constraint, month with a special answer, calculate with choices and label,
    # grid with hint and special, repeat with label and a fixed count, parameters
    # of every type, a list whose -8 copy name is taken.
    tricky = load_instrument_text(TRICKY)
    back, warnings = round_trip(tricky)
    assert warnings == []
    assert back.to_dict() == tricky.to_dict()

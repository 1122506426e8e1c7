"""XLSForm import: Kobo-style workbooks become instruments that load, with warnings by row."""

from __future__ import annotations

import importlib.util
import io
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import openpyxl
import pytest

from questionnaires.loader import load_instrument_dict
from questionnaires.xlsform import ImportResult, XLSFormError, import_xlsform
from questionnaires.xlsform.context import to_identifier
from questionnaires.xlsform.survey import all_of


def _factory() -> ModuleType:
    # Tests are not a package (pytest --import-mode=importlib): load the sibling by path.
    if "xlsform_factory" not in sys.modules:
        path = Path(__file__).with_name("xlsform_factory.py")
        spec = importlib.util.spec_from_file_location("xlsform_factory", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules["xlsform_factory"] = module
        spec.loader.exec_module(module)
    return sys.modules["xlsform_factory"]


factory = _factory()
ES, EN = factory.ES, factory.EN


def run_import(**sheets: Any) -> ImportResult:
    return import_xlsform(io.BytesIO(factory.workbook_bytes(**sheets)))


def where(result: ImportResult) -> set[tuple[str, int, str]]:
    return {(w.sheet, w.row, w.column) for w in result.warnings}


def message(result: ImportResult, sheet: str, row: int, column: str) -> str:
    found = [
        w.message for w in result.warnings if (w.sheet, w.row, w.column) == (sheet, row, column)
    ]
    assert found, f"no warning at {sheet} row {row} column {column}: {result.warnings}"
    return " | ".join(found)


@pytest.fixture(scope="module")
def kobo() -> ImportResult:
    return run_import(**factory.kobo_victimization_form())


def items_by_code(instrument: dict[str, Any]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for section in instrument["sections"]:
        for item in section["items"]:
            found[item["code"]] = item
            for inner in item.get("items", []):
                found[inner["code"]] = inner
            for row in item.get("rows", []):
                found[row["code"]] = row
    return found


# -- a realistic Kobo form -----------------------------------------------------------


def test_kobo_form_loads_with_both_languages(kobo: ImportResult) -> None:
    instrument = load_instrument_dict(kobo.instrument_dict)
    assert instrument.id == "vict_kobo"
    assert instrument.version == "2024031501"
    assert instrument.languages == ("es", "en")
    assert instrument.default_language == "es"
    assert [s.name for s in instrument.sections] == ["hogar", "incident", "section_3"]
    hh_size = instrument.item("hh_size")
    assert hh_size.label == {
        "es": "¿Cuántas personas viven en su hogar?",
        "en": "How many people live in your home?",
    }
    assert hh_size.hint == {"es": "Incluya a los niños", "en": "Include children"}
    assert hh_size.required is True
    assert hh_size.constraint == ". > 0 and . < 30"
    assert hh_size.constraint_message == {"es": "Entre 1 y 29", "en": "Between 1 and 29"}
    assert instrument.item("car").required is True  # written TRUE()


def test_string_choice_names_become_codes_in_order(kobo: ImportResult) -> None:
    lists = kobo.instrument_dict["choice_lists"]
    assert [(c["code"], c["label"]["en"]) for c in lists["yes_no"]] == [(1, "Yes"), (2, "No")]
    assert [c["code"] for c in lists["theft_items"]] == [1, 2, 3, 4]
    assert "yes=1, no=2" in message(kobo, "choices", 2, "name")
    assert "radio=1, wheels=2, none=3, other=4" in message(kobo, "choices", 4, "name")


def test_expressions_compare_codes_instead_of_names(kobo: ImportResult) -> None:
    items = items_by_code(kobo.instrument_dict)
    # the nested group's relevance is ANDed in front of the item's own
    assert items["car_theft"]["relevant"] == "${car} = 1 and ${hh_size} > 1"
    assert items["car_theft"]["constraint"] == "not(selected(., 3) and count-selected(.) > 1)"
    assert items["car_other"]["relevant"] == "${car} = 1 and selected(${car_theft}, 4)"
    # untouched where no choice name is involved
    assert items["n_theft"]["calculation"] == "count-selected(${car_theft})"


def test_nested_group_is_flattened_into_its_section(kobo: ImportResult) -> None:
    hogar = kobo.instrument_dict["sections"][0]
    assert [item["code"] for item in hogar["items"]] == [
        "hh_size",
        "car",
        "car_theft",
        "car_other",
        "n_theft",
        "feel_safe",
    ]
    assert "label is not kept" in message(kobo, "survey", 7, "label")


def test_repeat_becomes_a_repeat_section(kobo: ImportResult) -> None:
    section = kobo.instrument_dict["sections"][1]
    (repeat,) = section["items"]
    assert repeat["type"] == "repeat"
    assert repeat["count"] == "${n_theft}"
    assert repeat["title"] == {"es": "Incidente", "en": "Incident"}
    assert [(i["code"], i["type"]) for i in repeat["items"]] == [
        ("inc_month", "month"),
        ("inc_desc", "longtext"),
    ]


def test_special_answer_choice_moves_to_the_item(kobo: ImportResult) -> None:
    items = items_by_code(kobo.instrument_dict)
    assert items["feel_safe"]["special"] == ["dont_know"]
    safety = kobo.instrument_dict["choice_lists"]["safety"]
    assert [c["code"] for c in safety] == [1, 2, 3]


def test_unsupported_rows_and_columns_are_warned_by_row(kobo: ImportResult) -> None:
    assert "'geopoint' is not supported" in message(kobo, "survey", 14, "type")
    assert "'start' is not supported" in message(kobo, "survey", 2, "type")
    assert "'1' ignored" in message(kobo, "survey", 12, "default")
    assert "'thanks.png' ignored" in message(kobo, "survey", 19, "media::image")
    assert "'pages' ignored" in message(kobo, "settings", 2, "style")
    assert "location" not in items_by_code(kobo.instrument_dict)


def test_missing_translation_is_filled_from_the_default_language(kobo: ImportResult) -> None:
    items = items_by_code(kobo.instrument_dict)
    assert items["inc_desc"]["label"] == {
        "es": "Describa lo ocurrido",
        "en": "Describa lo ocurrido",
    }
    assert "the 'es' text is used" in message(kobo, "survey", 17, "label::English (en)")


def test_untranslated_form_title_is_used_for_every_language(kobo: ImportResult) -> None:
    assert kobo.instrument_dict["title"] == {
        "es": "Encuesta de victimización",
        "en": "Encuesta de victimización",
    }
    assert "not translated" in message(kobo, "settings", 2, "form_title")


def test_items_outside_groups_get_a_section_of_their_own(kobo: ImportResult) -> None:
    last = kobo.instrument_dict["sections"][-1]
    assert last["name"] == "section_3"
    assert [item["code"] for item in last["items"]] == ["thanks"]
    assert last["title"]["es"] == "Encuesta de victimización"


# -- smaller workbooks -------------------------------------------------------------

YES_NO = [
    {"list_name": "yn", "name": 1, "label": "Yes"},
    {"list_name": "yn", "name": 2, "label": "No"},
]


def test_integer_names_are_kept_as_codes_and_quoted_numbers_unquoted() -> None:
    result = run_import(
        survey=[
            {"type": "begin_group", "name": "g", "label": "G"},
            {"type": "select_one yn", "name": "a", "label": "A?"},
            {"type": "integer", "name": "b", "label": "B?", "relevant": "${a} = '5'"},
            {"type": "end_group"},
        ],
        choices=[
            {"list_name": "yn", "name": 5, "label": "Yes"},
            {"list_name": "yn", "name": 7, "label": "No"},
        ],
    )
    assert [c["code"] for c in result.instrument_dict["choice_lists"]["yn"]] == [5, 7]
    assert items_by_code(result.instrument_dict)["b"]["relevant"] == "${a} = 5"
    load_instrument_dict(result.instrument_dict)


def test_plain_label_column_takes_the_given_language() -> None:
    result = import_xlsform(
        io.BytesIO(
            factory.workbook_bytes(
                [{"type": "integer", "name": "age", "label": "Edad"}],
            )
        ),
        language="es",
    )
    assert result.instrument_dict["languages"] == ["es"]
    assert items_by_code(result.instrument_dict)["age"]["label"] == {"es": "Edad"}


def test_language_named_without_code_is_recognized() -> None:
    result = run_import(
        survey=[
            {"type": "integer", "name": "age", "label::English": "Age", "label::Français": "Âge"},
        ]
    )
    assert result.instrument_dict["languages"] == ["en", "fr"]


def test_unknown_language_without_code_is_an_error() -> None:
    with pytest.raises(XLSFormError) as caught:
        run_import(survey=[{"type": "integer", "name": "age", "label::Klingon": "x"}])
    assert "label::Klingon" in str(caught.value)
    assert "Klingon (xx)" in str(caught.value)


def test_invalid_names_are_renamed_everywhere() -> None:
    result = run_import(
        survey=[
            {"type": "integer", "name": "Q1-Edad", "label": "Age"},
            {
                "type": "integer",
                "name": "Q2",
                "label": "You said ${Q1-Edad}",
                "relevant": "${Q1-Edad} > 17",
            },
        ]
    )
    items = items_by_code(result.instrument_dict)
    assert items["q2"]["relevant"] == "${q1_edad} > 17"
    assert items["q2"]["label"]["en"] == "You said ${q1_edad}"
    assert "'Q1-Edad' is renamed 'q1_edad'" in message(result, "survey", 2, "name")
    load_instrument_dict(result.instrument_dict)


def test_unsafe_use_of_choice_names_is_warned() -> None:
    result = run_import(
        survey=[
            {"type": "select_one yn", "name": "a", "label": "A?"},
            {"type": "calculate", "name": "c", "calculation": "concat(${a}, '!')"},
            {
                "type": "select_one yn",
                "name": "b",
                "label": "B",
                "relevant": "${a} = 'maybe'",
                "constraint": "count-selected(.) = 1 and concat(., '') != 'n'",
            },
        ],
        choices=[
            {"list_name": "yn", "name": "y", "label": "Yes"},
            {"list_name": "yn", "name": "n", "label": "No"},
        ],
    )
    assert "check it by hand" in message(result, "survey", 3, "calculation")
    assert "'maybe', which is not a choice" in message(result, "survey", 4, "relevant")
    assert "check it by hand" in message(result, "survey", 4, "constraint")
    assert items_by_code(result.instrument_dict)["b"]["relevant"] == "${a} = 'maybe'"


def test_or_conditions_are_bracketed_when_combined() -> None:
    assert all_of(["${a} = 1 or ${b} = 1", "${c} > 2"]) == "(${a} = 1 or ${b} = 1) and ${c} > 2"
    assert all_of([None, "${c} > 2"]) == "${c} > 2"
    assert all_of([None, None]) is None


def test_table_list_group_of_select_one_rows_becomes_a_grid() -> None:
    result = run_import(
        survey=[
            {"type": "begin_group", "name": "trust", "label": "Trust"},
            {
                "type": "begin_group",
                "name": "inst",
                "label": "How much do you trust...",
                "appearance": "table-list",
                "relevant": "${age} > 17",
            },
            {"type": "select_one yn", "name": "header", "label": "", "appearance": "label"},
            {
                "type": "select_one yn",
                "name": "police",
                "label": "the police",
                "appearance": "list-nolabel",
                "required": "yes",
            },
            {
                "type": "select_one yn",
                "name": "courts",
                "label": "the courts",
                "appearance": "list-nolabel",
                "required": "yes",
            },
            {"type": "end_group"},
            {"type": "integer", "name": "age", "label": "Age"},
            {"type": "end_group"},
        ],
        choices=YES_NO,
    )
    grid = items_by_code(result.instrument_dict)["inst"]
    assert grid["type"] == "grid"
    assert grid["required"] is True
    assert grid["relevant"] == "${age} > 17"
    assert [row["code"] for row in grid["rows"]] == ["police", "courts"]
    assert "header row 'header'" in message(result, "survey", 4, "")


def test_conditional_required_is_warned() -> None:
    result = run_import(
        survey=[
            {"type": "integer", "name": "a", "label": "A", "required": "${b} > 1"},
            {"type": "integer", "name": "b", "label": "B"},
        ]
    )
    assert "not supported" in message(result, "survey", 2, "required")
    assert "required" not in items_by_code(result.instrument_dict)["a"]


def test_split_group_around_a_repeat() -> None:
    result = run_import(
        survey=[
            {"type": "begin_group", "name": "hh", "label": "Household", "relevant": "${ok} = 1"},
            {"type": "integer", "name": "n", "label": "How many?"},
            {"type": "begin_repeat", "name": "member", "label": "Member", "repeat_count": "${n}"},
            {"type": "integer", "name": "age", "label": "Age"},
            {"type": "end_repeat"},
            {"type": "note", "name": "done", "label": "Done"},
            {"type": "end_group"},
            {"type": "integer", "name": "ok", "label": "OK?"},
        ]
    )
    sections = result.instrument_dict["sections"]
    assert [s["name"] for s in sections] == ["hh", "member", "hh_2", "section_4"]
    assert [s.get("relevant") for s in sections[:3]] == ["${ok} = 1"] * 3
    assert sections[1]["items"][0]["type"] == "repeat"
    assert sections[1]["title"] == {"en": "Household"}


# -- workbooks that cannot be imported ---------------------------------------------------


def problems(**sheets: Any) -> list[tuple[str, int, str, str]]:
    with pytest.raises(XLSFormError) as caught:
        run_import(**sheets)
    return [(p.sheet, p.row, p.column, p.message) for p in caught.value.problems]


def test_not_an_xlsx_file_is_an_error() -> None:
    with pytest.raises(XLSFormError, match="cannot be read as an .xlsx workbook"):
        import_xlsform(io.BytesIO(b"type,name\ninteger,age\n"))


def test_missing_survey_sheet_is_an_error() -> None:
    with pytest.raises(XLSFormError, match="no 'survey' sheet"):
        run_import(survey=None, choices=YES_NO)


def test_missing_name_column_is_an_error() -> None:
    assert problems(survey=[{"type": "integer", "label": "Age"}]) == [
        ("survey", 1, "name", "the survey sheet has no 'name' column"),
    ]


def test_end_group_without_begin_names_the_row() -> None:
    [(sheet, row, column, text)] = problems(
        survey=[
            {"type": "integer", "name": "a", "label": "A"},
            {"type": "end group"},
        ]
    )
    assert (sheet, row, column) == ("survey", 3, "type")
    assert "without a matching begin" in text


def test_group_never_ended_names_its_begin_row() -> None:
    [(sheet, row, _column, text)] = problems(
        survey=[
            {"type": "integer", "name": "a", "label": "A"},
            {"type": "begin_group", "name": "g", "label": "G"},
            {"type": "integer", "name": "b", "label": "B"},
        ]
    )
    assert (sheet, row) == ("survey", 3)
    assert "'g' is never ended" in text


def test_end_repeat_closing_a_group_is_an_error() -> None:
    [(_sheet, row, _column, text)] = problems(
        survey=[
            {"type": "begin_group", "name": "g", "label": "G"},
            {"type": "integer", "name": "b", "label": "B"},
            {"type": "end_repeat"},
        ]
    )
    assert row == 4
    assert "group 'g' begun at row 2 is still open" in text


def test_every_broken_row_is_listed() -> None:
    found = problems(
        survey=[
            {"type": "select_one nolist", "name": "a", "label": "A"},
            {"type": "integer", "label": "no name"},
            {"type": "integer", "name": "c", "label": "C", "relevant": "${a} = = 1"},
        ],
        choices=YES_NO,
    )
    cells = {(sheet, row, column) for sheet, row, column, _text in found}
    assert cells == {("survey", 2, "type"), ("survey", 3, "name"), ("survey", 4, "relevant")}


def test_repeat_inside_repeat_is_an_error() -> None:
    found = problems(
        survey=[
            {"type": "begin_repeat", "name": "r", "label": "R", "repeat_count": "2"},
            {"type": "begin_repeat", "name": "s", "label": "S", "repeat_count": "2"},
            {"type": "integer", "name": "d", "label": "D"},
            {"type": "end_repeat"},
            {"type": "end_repeat"},
        ]
    )
    assert ("survey", 2, "type") in {(s, r, c) for s, r, c, _m in found}


def test_duplicate_names_are_an_error() -> None:
    found = problems(
        survey=[
            {"type": "integer", "name": "a", "label": "A"},
            {"type": "integer", "name": "a", "label": "A again"},
        ]
    )
    assert found == [("survey", 3, "name", "name 'a' repeats row 2")]


def test_to_identifier() -> None:
    assert to_identifier("Q1-Edad") == "q1_edad"
    assert to_identifier("año") == "ano"
    assert to_identifier("1st") == "x_1st"


def test_repeat_without_count_gets_a_question_asking_how_many() -> None:
    result = run_import(
        survey=[
            {"type": "begin_group", "name": "hh", ES: "Hogar", EN: "Household"},
            {"type": "integer", "name": "rooms", ES: "Cuartos", EN: "Rooms"},
            {"type": "begin_repeat", "name": "Member", ES: "Miembro", EN: "Member"},
            {"type": "integer", "name": "age", ES: "Edad", EN: "Age"},
            {"type": "end_repeat"},
            {"type": "end_group"},
        ]
    )
    hh, member = result.instrument_dict["sections"]
    assert [item["code"] for item in hh["items"]] == ["rooms", "member_count"]
    counter = hh["items"][1]
    assert counter["label"] == {"es": "¿Cuántos? (Miembro)", "en": "How many? (Member)"}
    assert (counter["type"], counter["min"], counter["required"]) == ("integer", 0, True)
    assert member["items"][0]["count"] == "${member_count}"
    assert "'Member_count' is added" in message(result, "survey", 4, "repeat_count")
    load_instrument_dict(result.instrument_dict)


def test_duplicate_choice_names_are_an_error() -> None:
    found = problems(
        survey=[{"type": "select_one yn", "name": "a", "label": "A"}],
        choices=[*YES_NO, {"list_name": "yn", "name": 1, "label": "Yes again"}],
    )
    assert found == [("choices", 4, "name", "choice '1' of list 'yn' repeats row 2")]


def test_value_under_a_column_without_header_is_warned() -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "survey"
    sheet.append(["type", "name", "label", None])
    sheet.append(["integer", "age", "Age", "ask gently"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = import_xlsform(io.BytesIO(buffer.getvalue()))
    assert "'ask gently' is under a column without a header" in message(result, "survey", 2, "#4")


def test_extra_sheets_and_settings_rows_are_warned() -> None:
    result = run_import(
        survey=[{"type": "integer", "name": "age", "label": "Age"}],
        settings={"form_id": "Mi Encuesta", "version": 3, "default_language": "Klingon"},
        extra_sheets={"notes": [{"who": "me"}]},
    )
    assert result.instrument_dict["id"] == "mi_encuesta"
    assert result.instrument_dict["version"] == "3"
    assert "used as id 'mi_encuesta'" in message(result, "settings", 2, "form_id")
    assert "unknown language 'Klingon'" in message(result, "settings", 2, "default_language")
    assert "not an XLSForm sheet" in message(result, "notes", 0, "")

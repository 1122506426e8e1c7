"""Build XLSForm workbooks with openpyxl that look like the ones KoboToolbox users make.

``workbook_bytes(survey, choices, settings)`` takes rows as dicts (column header ->
cell value); the header of each sheet is the union of the keys in first-seen order.
``kobo_victimization_form()`` gives the rows of a realistic two-language form.
The Excel row of ``survey[i]`` is ``i + 2`` (row 1 is the header).
"""

from __future__ import annotations

import io
from typing import Any

import openpyxl

Rows = list[dict[str, Any]]

ES = "label::Español (es)"
EN = "label::English (en)"


def _columns(rows: Rows) -> list[str]:
    columns: list[str] = []
    for row in rows:
        columns.extend(key for key in row if key not in columns)
    return columns


def workbook_bytes(
    survey: Rows | None,
    choices: Rows | None = None,
    settings: dict[str, Any] | None = None,
    *,
    extra_sheets: dict[str, Rows] | None = None,
) -> bytes:
    """An .xlsx file in memory; ``survey=None`` leaves the survey sheet out."""
    book = openpyxl.Workbook()
    default = book.active
    assert default is not None
    book.remove(default)
    sheets = {"survey": survey, "choices": choices, "settings": [settings] if settings else None}
    for name, rows in {**sheets, **(extra_sheets or {})}.items():
        if rows is None:
            continue
        sheet = book.create_sheet(name)
        columns = _columns(rows)
        sheet.append(columns)
        for row in rows:
            sheet.append([row.get(column) for column in columns])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def kobo_victimization_form() -> dict[str, Any]:
    """survey, choices and settings rows of a Kobo-style form in Spanish and English."""
    survey: Rows = [
        {"type": "start", "name": "start"},  # row 2: metadata, not supported
        {"type": "end", "name": "end"},  # row 3
        {
            "type": "begin_group",
            "name": "hogar",
            ES: "Hogar",
            EN: "Household",
            "appearance": "field-list",
        },  # row 4
        {
            "type": "integer",
            "name": "hh_size",
            ES: "¿Cuántas personas viven en su hogar?",
            EN: "How many people live in your home?",
            "required": "yes",
            "constraint": ". > 0 and . < 30",
            "constraint_message::Español (es)": "Entre 1 y 29",
            "constraint_message::English (en)": "Between 1 and 29",
            "hint::Español (es)": "Incluya a los niños",
            "hint::English (en)": "Include children",
        },  # 5
        {
            "type": "select_one yes_no",
            "name": "car",
            ES: "¿Tiene auto?",
            EN: "Do you own a car?",
            "required": "TRUE()",
        },  # row 6
        {
            "type": "begin group",
            "name": "vehiculo",
            ES: "Vehículo",
            EN: "Vehicle",
            "relevant": "${car} = 'yes'",
        },  # row 7: nested group with relevance
        {
            "type": "select_multiple theft_items",
            "name": "car_theft",
            ES: "¿Qué le robaron?",
            EN: "What was stolen?",
            "relevant": "${hh_size} > 1",
            "constraint": "not(selected(., 'none') and count-selected(.) > 1)",
            "constraint_message::Español (es)": "'Nada' va solo",
            "constraint_message::English (en)": "'Nothing' goes alone",
        },  # row 8
        {
            "type": "text",
            "name": "car_other",
            ES: "¿Qué otra cosa?",
            EN: "What else?",
            "relevant": "selected(${car_theft}, 'other')",
        },  # row 9
        {"type": "end group"},  # row 10
        {
            "type": "calculate",
            "name": "n_theft",
            "calculation": "count-selected(${car_theft})",
        },  # 11
        {
            "type": "select_one safety",
            "name": "feel_safe",
            ES: "¿Se siente seguro?",
            EN: "Do you feel safe?",
            "default": "1",
        },  # row 12: unsupported column
        {"type": "end_group"},  # row 13
        {"type": "geopoint", "name": "location", ES: "Ubicación", EN: "Location"},  # row 14
        {
            "type": "begin_repeat",
            "name": "incident",
            ES: "Incidente",
            EN: "Incident",
            "repeat_count": "${n_theft}",
        },  # row 15
        {
            "type": "date",
            "name": "inc_month",
            ES: "¿Cuándo?",
            EN: "When?",
            "appearance": "month-year",
        },  # row 16
        {
            "type": "text",
            "name": "inc_desc",
            ES: "Describa lo ocurrido",
            "appearance": "multiline",
        },  # row 17: no English label
        {"type": "end_repeat"},  # row 18
        {
            "type": "note",
            "name": "thanks",
            ES: "Gracias, ${car}",
            EN: "Thank you",
            "media::image": "thanks.png",
        },  # row 19: unsupported column
    ]
    choices: Rows = [
        {"list_name": "yes_no", "name": "yes", ES: "Sí", EN: "Yes"},  # row 2
        {"list_name": "yes_no", "name": "no", ES: "No", EN: "No"},
        {"list_name": "theft_items", "name": "radio", ES: "Radio", EN: "Radio"},  # row 4
        {"list_name": "theft_items", "name": "wheels", ES: "Ruedas", EN: "Wheels"},
        {"list_name": "theft_items", "name": "none", ES: "Nada", EN: "Nothing"},
        {"list_name": "theft_items", "name": "other", ES: "Otra cosa", EN: "Something else"},
        {"list_name": "safety", "name": 1, ES: "Muy seguro", EN: "Very safe"},  # row 8
        {"list_name": "safety", "name": 2, ES: "Algo seguro", EN: "Fairly safe"},
        {"list_name": "safety", "name": 3, ES: "Inseguro", EN: "Unsafe"},
        {"list_name": "safety", "name": -8, ES: "No sabe", EN: "Don't know"},  # row 11
    ]
    settings = {
        "form_title": "Encuesta de victimización",
        "form_id": "vict_kobo",
        "version": "2024031501",
        "default_language": "Español (es)",
        "style": "pages",
    }
    return {"survey": survey, "choices": choices, "settings": settings}

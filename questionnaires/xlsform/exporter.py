"""Export an instrument as an XLSForm workbook that KoboToolbox and ODK can read.

What maps to what is in questionnaires/docs/xlsform.md; the extra ``surveyapp_*``
columns let :func:`questionnaires.xlsform.import_xlsform` rebuild the instrument
exactly, and XLSForm tools ignore them.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

import openpyxl
from openpyxl.styles import Font
from openpyxl.workbook import Workbook

from ..model import (
    SPECIAL_CODES,
    AnswerableItem,
    CalculateItem,
    GridItem,
    Instrument,
    LongTextItem,
    MonthItem,
    MultipleItem,
    NoteItem,
    RepeatItem,
    Section,
    SingleItem,
)
from . import odk
from .sheets import language_column_name

__all__ = ["export_workbook", "export_xlsform"]

_Row = dict[str, str]


def export_xlsform(instrument: Instrument, target: str | Path | IO[bytes]) -> None:
    """Write ``instrument`` as an .xlsx XLSForm to a path or a binary file."""
    export_workbook(instrument).save(target)


def export_workbook(instrument: Instrument) -> Workbook:
    """The XLSForm workbook of ``instrument`` (sheets survey, choices, settings)."""
    return _Exporter(instrument).workbook()


def literal(value: object) -> str:
    """A parameter value as an expression literal."""
    if isinstance(value, bool):
        return "true()" if value else "false()"
    if isinstance(value, int | float):
        return repr(value)
    text = str(value)
    return f'"{text}"' if "'" in text else f"'{text}'"


class _Exporter:
    def __init__(self, instrument: Instrument) -> None:
        self.instrument = instrument
        self.languages = list(instrument.languages)
        self.survey: list[_Row] = []
        #: (list name, special answers) of every choice list copy that adds -8/-9
        self.special_lists: dict[str, tuple[str, tuple[str, ...]]] = {}

    def workbook(self) -> Workbook:
        for name, value in self.instrument.parameters.items():
            self.survey.append(
                {
                    "type": "calculate",
                    "name": name,
                    "calculation": literal(value),
                    odk.EXTRA_PARAMETER: "yes",
                }
            )
        for section in self.instrument.sections:
            self._section(section)
        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None  # a new workbook always has one sheet
        sheet.title = "survey"
        _fill(sheet, self._survey_columns(), self.survey)
        choice_columns = ["list_name", "name", *self._localized("label")]
        _fill(book.create_sheet("choices"), choice_columns, self._choices())
        settings = self._settings()
        _fill(book.create_sheet("settings"), list(settings), [settings])
        return book

    # -- columns -------------------------------------------------------------

    def _localized(self, base: str) -> list[str]:
        return [f"{base}::{language_column_name(lang)}" for lang in self.languages]

    def _text(self, base: str, text: dict[str, str] | None) -> _Row:
        if not text:
            return {}
        return {
            f"{base}::{language_column_name(lang)}": text[lang]
            for lang in self.languages
            if lang in text
        }

    def _survey_columns(self) -> list[str]:
        columns = [
            "type",
            "name",
            *self._localized("label"),
            *self._localized("hint"),
            "required",
            "relevant",
            "constraint",
            *self._localized("constraint_message"),
            "calculation",
            "repeat_count",
            "appearance",
        ]
        extras = [
            odk.EXTRA_MIN,
            odk.EXTRA_MAX,
            odk.EXTRA_MAX_LENGTH,
            odk.EXTRA_SPECIAL,
            odk.EXTRA_CONSTRAINT,
            odk.EXTRA_CHOICES,
            odk.EXTRA_PARAMETER,
            *(f"{odk.EXTRA_LABEL_PREFIX}{lang}" for lang in self.languages),
        ]
        used = {column for row in self.survey for column in row}
        optional = {"hint", "constraint_message", "calculation", "repeat_count", "appearance"}
        kept = [c for c in columns if c in used or c.partition("::")[0] not in optional]
        return kept + [column for column in extras if column in used]

    # -- survey rows -----------------------------------------------------------

    def _section(self, section: Section) -> None:
        begin: _Row = {
            "type": "begin_group",
            "name": section.name,
            **self._text("label", section.title),
        }
        if section.relevant:
            begin["relevant"] = section.relevant
        if section.repeat is None:
            begin["appearance"] = "field-list"  # a section is one page, as in our web survey
        self.survey.append(begin)
        for item in section.items:
            self._item(item)
        self.survey.append({"type": "end_group", "name": section.name})

    def _item(self, item: Any) -> None:
        if isinstance(item, RepeatItem):
            self._repeat(item)
        elif isinstance(item, GridItem):
            self._grid(item)
        elif isinstance(item, CalculateItem):
            self._calculate(item)
        elif isinstance(item, NoteItem):
            row = {
                "type": "note",
                "name": item.code,
                **self._text("label", item.label),
                **self._text("hint", item.hint),
            }
            if item.relevant:
                row["relevant"] = item.relevant
            self.survey.append(row)
        else:
            self._question(item)

    def _repeat(self, repeat: RepeatItem) -> None:
        row: _Row = {
            "type": "begin_repeat",
            "name": repeat.code,
            **self._text("label", repeat.title),
            "repeat_count": str(repeat.count),
        }
        if repeat.relevant:
            row["relevant"] = repeat.relevant
        if repeat.label:
            for lang in self.languages:
                row[f"{odk.EXTRA_LABEL_PREFIX}{lang}"] = repeat.label[lang]
        self.survey.append(row)
        for item in repeat.items:
            self._item(item)
        self.survey.append({"type": "end_repeat", "name": repeat.code})

    def _grid(self, grid: GridItem) -> None:
        begin: _Row = {
            "type": "begin_group",
            "name": grid.code,
            "appearance": "table-list",
            **self._text("label", grid.label),
            **self._text("hint", grid.hint),
        }
        if grid.relevant:
            begin["relevant"] = grid.relevant
        self.survey.append(begin)
        list_name = self._list_for(grid.choices, grid.special)
        for grid_row in grid.rows:
            row: _Row = {
                "type": f"select_one {list_name}",
                "name": grid_row.code,
                **self._text("label", grid_row.label),
            }
            if grid.required:
                row["required"] = "yes"
            if grid_row.relevant:
                row["relevant"] = grid_row.relevant
            self.survey.append(row)
        self.survey.append({"type": "end_group", "name": grid.code})

    def _calculate(self, item: CalculateItem) -> None:
        row: _Row = {
            "type": "calculate",
            "name": item.code,
            "calculation": item.calculation,
            **self._text("label", item.label),
        }
        if item.relevant:
            row["relevant"] = item.relevant
        if item.choices:
            row[odk.EXTRA_CHOICES] = item.choices
        self.survey.append(row)

    def _question(self, item: AnswerableItem) -> None:
        row: _Row = {
            "type": _xlsform_type(item),
            "name": item.code,
            **self._text("label", item.label),
            **self._text("hint", item.hint),
        }
        if isinstance(item, SingleItem | MultipleItem):
            prefix = "select_one" if isinstance(item, SingleItem) else "select_multiple"
            row["type"] = f"{prefix} {self._list_for(item.choices, item.special)}"
        if item.required:
            row["required"] = "yes"
        if item.relevant:
            row["relevant"] = item.relevant
        row.update(self._checks(item))
        row.update(self._text("constraint_message", item.constraint_message))
        appearance = {LongTextItem: "multiline", MonthItem: "month-year"}.get(type(item))
        if appearance:
            row["appearance"] = appearance
        self.survey.append(row)

    def _checks(self, item: AnswerableItem) -> _Row:
        if isinstance(item, SingleItem | MultipleItem):
            return {"constraint": item.constraint} if item.constraint else {}
        minimum = getattr(item, "min", None)
        maximum = getattr(item, "max", None)
        max_length = getattr(item, "max_length", None)
        row: _Row = {}
        constraint = odk.odk_constraint(
            item.type,
            minimum=minimum,
            maximum=maximum,
            max_length=max_length,
            constraint=item.constraint,
            special=item.special,
        )
        if constraint:
            row["constraint"] = constraint
        extras = {
            odk.EXTRA_MIN: minimum,
            odk.EXTRA_MAX: maximum,
            odk.EXTRA_MAX_LENGTH: max_length,
            odk.EXTRA_SPECIAL: ",".join(item.special) or None,
        }
        if any(value is not None for value in extras.values()):
            extras[odk.EXTRA_CONSTRAINT] = item.constraint
            row.update({key: str(value) for key, value in extras.items() if value is not None})
        return row

    def _list_for(self, list_name: str, special: Sequence[str]) -> str:
        if not special:
            return list_name
        wanted = (list_name, tuple(special))
        base = odk.special_list_name(list_name, special)
        name, suffix = base, 2
        # The instrument may already have a list of that name: never mix the two.
        while (
            name in self.instrument.choice_lists or self.special_lists.get(name, wanted) != wanted
        ):
            name, suffix = f"{base}_{suffix}", suffix + 1
        self.special_lists[name] = wanted
        return name

    # -- choices and settings --------------------------------------------------

    def _choices(self) -> list[_Row]:
        rows: list[_Row] = []
        for list_name, choices in self.instrument.choice_lists.items():
            for choice in choices:
                rows.append(
                    {
                        "list_name": list_name,
                        "name": str(choice.code),
                        **self._text("label", choice.label),
                    }
                )
        for copy_name, (list_name, special) in self.special_lists.items():
            for choice in self.instrument.choice_lists[list_name]:
                rows.append(
                    {
                        "list_name": copy_name,
                        "name": str(choice.code),
                        **self._text("label", choice.label),
                    }
                )
            for name in special:
                label = {lang: odk.special_label(name, lang) for lang in self.languages}
                rows.append(
                    {
                        "list_name": copy_name,
                        "name": str(SPECIAL_CODES[name]),
                        **self._text("label", label),
                    }
                )
        return rows

    def _settings(self) -> _Row:
        instrument = self.instrument
        settings: _Row = {
            "form_id": instrument.id,
            "form_title": instrument.title[instrument.default_language],
            "version": instrument.version,
            "default_language": language_column_name(instrument.default_language),
        }
        for lang in self.languages:
            settings[f"{odk.EXTRA_TITLE_PREFIX}{lang}"] = instrument.title[lang]
        return settings


def _xlsform_type(item: AnswerableItem) -> str:
    if isinstance(item, LongTextItem):
        return "text"
    if isinstance(item, MonthItem):
        return "date"
    return item.type


def _fill(sheet: Any, columns: list[str], rows: list[_Row]) -> None:
    sheet.append(columns)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([row.get(column) for column in columns])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # text such as "= total", not an Excel formula
    sheet.freeze_panes = "A2"

"""Import an XLSForm workbook (as KoboToolbox and ODK users build them) as an instrument.

The result is the plain dict of our YAML format (see questionnaires/README.md)
plus warnings that name the sheet, row and column of everything that was changed
or left out. The mapping is described in questionnaires/docs/xlsform.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ..expressions import ExpressionSyntaxError
from . import odk
from .choices import ChoiceLists
from .context import ImportContext, to_identifier, unique
from .errors import XLSFormError, XLSFormWarning
from .rewrite import Rewriter
from .sheets import Row, Sheet, language_code, read_workbook
from .survey import SurveyReader
from .tree import build_tree

__all__ = ["ImportResult", "import_xlsform"]

_LOCALIZED = ("label", "hint", "constraint_message")


@dataclass(frozen=True)
class ImportResult:
    """The imported instrument (plain dict of the YAML format) and what to review."""

    instrument_dict: dict[str, Any]
    warnings: list[XLSFormWarning]


def import_xlsform(source: str | Path | IO[bytes], *, language: str = "en") -> ImportResult:
    """Read an XLSForm workbook; ``language`` names the plain ``label`` column when the
    settings sheet gives no ``default_language``. Raises XLSFormError if it cannot."""
    sheets = read_workbook(source)
    stem = Path(source).stem if isinstance(source, str | Path) else "imported_form"
    return _Importer(sheets, language, stem).run()


class _Importer:
    def __init__(self, sheets: dict[str, Sheet], language: str, stem: str) -> None:
        self.sheets = sheets
        self.fallback_language = language
        self.stem = stem
        self.ctx = ImportContext(default=language)
        self.lists = ChoiceLists(self.ctx)
        self.survey = SurveyReader(self.ctx, self.lists)

    def run(self) -> ImportResult:
        ctx = self.ctx
        survey = self.sheets.get("survey")
        if survey is None:
            raise XLSFormError("the workbook has no 'survey' sheet")
        for column in ("type", "name"):
            if not survey.has(column):
                message = f"the survey sheet has no {column!r} column"
                raise XLSFormError([XLSFormWarning("survey", 1, column, message)])
        for sheet in self.sheets.values():
            ctx.warnings.extend(sheet.warnings)
        for name in self.sheets:
            if name not in {"survey", "choices", "settings"}:
                message = "not an XLSForm sheet (survey, choices, settings); ignored"
                ctx.warnings.append(XLSFormWarning(name, 0, "", message))
        settings = self._settings()
        self._languages(settings)
        identity = self._identity(settings)
        if "choices" in self.sheets:
            self.lists.read(self.sheets["choices"])
        tree = build_tree(ctx, survey)
        sections = self.survey.sections(tree, identity["title"])
        self._rename_and_rewrite()
        ctx.raise_problems()
        instrument: dict[str, Any] = {
            **identity,
            "languages": list(ctx.languages),
            "default_language": ctx.default,
        }
        if self.survey.parameters:
            instrument["parameters"] = self.survey.parameters
        instrument["choice_lists"] = self.lists.as_dict()
        instrument["sections"] = sections
        order = {"survey": 0, "choices": 1, "settings": 2}
        ctx.warnings.sort(key=lambda w: (order.get(w.sheet, 3), w.sheet, w.row))
        return ImportResult(_clean(instrument), ctx.warnings)

    def _settings(self) -> Row | None:
        sheet = self.sheets.get("settings")
        if sheet is None or not sheet.rows:
            return None
        for extra in sheet.rows[1:]:
            self.ctx.warnings.append(
                extra.warning("", "only the first row of the settings sheet is read; row ignored")
            )
        return sheet.rows[0]

    def _languages(self, settings: Row | None) -> None:
        plain = False
        for sheet_name in ("survey", "choices"):
            sheet = self.sheets.get(sheet_name)
            if sheet is None:
                continue
            for header, column in sheet.columns.items():
                if column.base not in _LOCALIZED:
                    continue
                if column.language is None:
                    plain = plain or any(header in row.cells for row in sheet.rows)
                    continue
                code = language_code(column.language)
                if code is None:
                    self.ctx.problems.append(
                        XLSFormWarning(
                            sheet_name,
                            1,
                            header,
                            f"cannot tell the ISO 639-1 code of language {column.language!r}; "
                            f"write the header as '{column.base}::{column.language} (xx)'",
                        )
                    )
                    continue
                self.ctx.language_of[column.language] = code
                if code not in self.ctx.languages:
                    self.ctx.languages.append(code)
        self.ctx.raise_problems()
        spelled = settings.get("default_language") if settings else ""
        default = language_code(spelled) if spelled else None
        if spelled and default is None and settings is not None:
            self.ctx.warn(settings, "default_language", f"unknown language {spelled!r}; ignored")
        if default is None:
            default = self.ctx.languages[0] if self.ctx.languages else self.fallback_language
            if plain and self.ctx.languages:
                self.ctx.warnings.append(
                    XLSFormWarning(
                        "survey", 1, "label", f"the plain label column is taken as {default!r}"
                    )
                )
        if default not in self.ctx.languages:
            if plain or not self.ctx.languages:
                self.ctx.languages.insert(0, default)
            else:
                self.ctx.warnings.append(
                    XLSFormWarning(
                        "settings",
                        2,
                        "default_language",
                        f"no label column in {spelled!r}; {self.ctx.languages[0]!r} is the default language",
                    )
                )
                default = self.ctx.languages[0]
        self.ctx.default = default

    def _identity(self, settings: Row | None) -> dict[str, Any]:
        get = settings.get if settings else (lambda _column: "")
        form_id = get("form_id")
        code = to_identifier(form_id or self.stem)
        if settings is not None and form_id != code:
            self.ctx.warn(settings, "form_id", f"form_id {form_id!r} is used as id {code!r}")
        version = get("version")
        if not version:
            version = "1"
            self.ctx.warnings.append(
                XLSFormWarning("settings", 2, "version", "no version; '1' is used")
            )
        title = get("form_title") or form_id or self.stem
        titles = {
            lang: (get(f"{odk.EXTRA_TITLE_PREFIX}{lang}") or title) for lang in self.ctx.languages
        }
        if len(self.ctx.languages) > 1 and not any(
            get(f"{odk.EXTRA_TITLE_PREFIX}{lang}") for lang in self.ctx.languages
        ):
            self.ctx.warnings.append(
                XLSFormWarning(
                    "settings",
                    2,
                    "form_title",
                    "XLSForm titles are not translated; the form_title is used in every language",
                )
            )
        if settings is not None:
            self.ctx.leftovers(settings)
        return {"id": code, "version": version, "title": titles}

    def _rename_and_rewrite(self) -> None:
        """Names become identifiers; expressions and labels follow, choice names become codes."""
        ctx, survey = self.ctx, self.survey
        renames: dict[str, str] = {}
        taken: set[str] = set()
        for name, row_number in survey.names.items():
            code = unique(to_identifier(name), taken)
            renames[name] = code
            if code != name:
                message = f"name {name!r} is renamed {code!r}"
                ctx.warnings.append(XLSFormWarning("survey", row_number, "name", message))
        rewriter = Rewriter(renames, survey.choices_of)
        for row, column, holder, key, current in survey.expressions:
            try:
                text, messages = rewriter.expression(holder[key], current)
            except ExpressionSyntaxError as exc:
                where = f"{exc.message} at position {exc.position}"
                ctx.problem(row, column, f"{holder[key]!r}: {where}")
                continue
            holder[key] = text
            for message in messages:
                ctx.warn(row, column, message)
        for localized in ctx.texts:
            for lang, text in localized.items():
                localized[lang] = rewriter.label(text)
        for item in survey.coded:
            item["code"] = renames.get(item["code"], item["code"])
            if "choices" in item:
                item["choices"] = self.lists.kept_name(item["choices"])
        survey.parameters = {renames[name]: value for name, value in survey.parameters.items()}


def _clean(value: Any) -> Any:
    """Leave out unset keys: None, false ``required``, empty ``special``."""
    if isinstance(value, dict):
        return {
            key: _clean(item)
            for key, item in value.items()
            if item is not None
            and not (key == "required" and item is False)
            and not (key == "special" and not item)
        }
    if isinstance(value, list):
        return [_clean(item) for item in value]
    return value

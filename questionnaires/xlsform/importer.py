"""Import an XLSForm workbook (as KoboToolbox and ODK users build them) as an instrument.

The result is the plain dict of our YAML format (see questionnaires/README.md)
plus warnings that name the sheet, row and column of everything that was changed
or left out. The mapping is described in questionnaires/docs/xlsform.md.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from ..expressions import Binary, ExpressionSyntaxError, parse
from ..model import SPECIAL_CODES
from . import odk
from .errors import XLSFormError, XLSFormWarning
from .rewrite import ChoiceNames, Rewriter
from .sheets import Row, Sheet, language_code, language_column_name, read_workbook

__all__ = ["ImportResult", "import_xlsform"]

_LOCALIZED = ("label", "hint", "constraint_message")
_TYPE_ALIASES = {
    "begin group": "begin_group",
    "end group": "end_group",
    "begin repeat": "begin_repeat",
    "end repeat": "end_repeat",
    "select one": "select_one",
    "select all that apply": "select_multiple",
    "select multiple": "select_multiple",
}
_QUESTION_TYPES = {
    "select_one": "single",
    "select_multiple": "multiple",
    "integer": "integer",
    "int": "integer",
    "decimal": "decimal",
    "text": "text",
    "string": "text",
    "date": "date",
    "note": "note",
    "calculate": "calculate",
}
_TRUE = {"yes", "true", "true()", "1"}
_FALSE = {"no", "false", "false()", "0"}
_INTEGER = re.compile(r"^-?\d+$")
_NUMBER = re.compile(r"^-?(\d+\.?\d*|\.\d+)$")


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


@dataclass
class _Node:
    """A survey row, with the rows between its begin and end if it is a group or repeat."""

    row: Row
    kind: str  # "group", "repeat" or the question type keyword
    arguments: list[str]
    name: str
    type_text: str
    children: list[_Node] = field(default_factory=list)


@dataclass
class _List:
    name: str  # XLSForm list name
    row: Row
    choices: list[dict[str, Any]]
    special: tuple[str, ...]
    names: ChoiceNames


def to_identifier(name: str) -> str:
    """``Q1-Edad`` -> ``q1_edad``: lower case ASCII letters, digits and underscores."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9_]+", "_", ascii_name.lower()).strip("_")
    if not text or not text[0].isalpha():
        text = f"x_{text}" if text else "x"
    return text[:64]


def _either_or(expression: str) -> bool:
    try:
        tree = parse(expression).tree
    except ExpressionSyntaxError:
        return True
    return isinstance(tree, Binary) and tree.op == "or"


def all_of(conditions: list[str | None]) -> str | None:
    """The conditions joined with ``and`` (bracketed where ``or`` would bind wrongly)."""
    present = [condition for condition in conditions if condition]
    if len(present) <= 1:
        return present[0] if present else None
    return " and ".join(f"({c})" if _either_or(c) else c for c in present)


class _Importer:
    def __init__(self, sheets: dict[str, Sheet], language: str, stem: str) -> None:
        self.sheets = sheets
        self.fallback_language = language
        self.stem = stem
        self.warnings: list[XLSFormWarning] = []
        self.problems: list[XLSFormWarning] = []
        self.languages: list[str] = []
        self.default = language
        self.language_of: dict[str, str] = {}  # spelling after "::" -> code
        self.lists: dict[str, _List] = {}
        self.list_alias: dict[str, str] = {}  # XLSForm list name -> list name kept
        self.names: dict[str, int] = {}  # XLSForm item name -> row
        self.coded: list[dict[str, Any]] = []  # every dict with a "code" to rename
        self.texts: list[dict[str, str]] = []  # every localized text, for ${} renames
        self.expressions: list[tuple[Row, str, dict[str, Any], str, str | None]] = []
        self.choices_of: dict[str, ChoiceNames] = {}
        self.parameters: dict[str, Any] = {}
        self.section_names: set[str] = set()

    # -- the whole workbook -------------------------------------------------

    def run(self) -> ImportResult:
        survey = self.sheets.get("survey")
        if survey is None:
            raise XLSFormError("the workbook has no 'survey' sheet")
        for column in ("type", "name"):
            if not survey.has(column):
                raise XLSFormError(
                    [
                        XLSFormWarning(
                            "survey", 1, column, f"the survey sheet has no {column!r} column"
                        )
                    ]
                )
        for sheet in self.sheets.values():
            self.warnings.extend(sheet.warnings)
        for name in self.sheets:
            if name not in {"survey", "choices", "settings"}:
                self.warnings.append(
                    XLSFormWarning(
                        name, 0, "", "sheet not part of XLSForm's survey/choices/settings; ignored"
                    )
                )
        settings = self._settings()
        self._languages(settings)
        identity = self._identity(settings)
        if "choices" in self.sheets:
            self._choice_lists(self.sheets["choices"])
        tree = self._tree(survey)
        sections = self._sections(tree, identity["title"])
        self._rename_and_rewrite(sections)
        self._raise_problems()
        instrument: dict[str, Any] = {
            **identity,
            "languages": list(self.languages),
            "default_language": self.default,
        }
        if self.parameters:
            instrument["parameters"] = self.parameters
        instrument["choice_lists"] = {
            lst.name: lst.choices
            for key, lst in self.lists.items()
            if self.list_alias.get(key, key) == key
        }
        instrument["sections"] = sections
        order = {"survey": 0, "choices": 1, "settings": 2}
        self.warnings.sort(key=lambda w: (order.get(w.sheet, 3), w.sheet, w.row))
        return ImportResult(_clean(instrument), self.warnings)

    def _raise_problems(self) -> None:
        if self.problems:
            raise XLSFormError(self.problems)

    def _warn(self, row: Row, column: str, message: str) -> None:
        self.warnings.append(row.warning(column, message))

    def _problem(self, row: Row, column: str, message: str) -> None:
        self.problems.append(row.warning(column, message))

    def _leftovers(self, row: Row, what: str = "") -> None:
        for header, text in row.leftovers():
            self._warn(row, header, f"{header!r} is not supported{what}; {text!r} ignored")

    # -- settings and languages ----------------------------------------------

    def _settings(self) -> Row | None:
        sheet = self.sheets.get("settings")
        if sheet is None or not sheet.rows:
            return None
        for extra in sheet.rows[1:]:
            self.warnings.append(
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
                    self.problems.append(
                        XLSFormWarning(
                            sheet_name,
                            1,
                            header,
                            f"cannot tell the ISO 639-1 code of language {column.language!r}; "
                            f"write the header as '{column.base}::{column.language} (xx)'",
                        )
                    )
                    continue
                self.language_of[column.language] = code
                if code not in self.languages:
                    self.languages.append(code)
        self._raise_problems()
        spelled = settings.get("default_language") if settings else ""
        default = language_code(spelled) if spelled else None
        if spelled and default is None and settings is not None:
            self._warn(settings, "default_language", f"unknown language {spelled!r}; ignored")
        if default is None:
            default = self.languages[0] if self.languages else self.fallback_language
            if plain and self.languages:
                self.warnings.append(
                    XLSFormWarning(
                        "survey", 1, "label", f"the plain label column is taken as {default!r}"
                    )
                )
        if default not in self.languages:
            if plain or not self.languages:
                self.languages.insert(0, default)
            else:
                self.warnings.append(
                    XLSFormWarning(
                        "settings",
                        2,
                        "default_language",
                        f"no label column in {spelled!r}; {self.languages[0]!r} is the default language",
                    )
                )
                default = self.languages[0]
        self.default = default

    def _identity(self, settings: Row | None) -> dict[str, Any]:
        get = settings.get if settings else (lambda _column: "")
        form_id = get("form_id")
        code = to_identifier(form_id or self.stem)
        if settings is not None and form_id != code:
            self._warn(settings, "form_id", f"form_id {form_id!r} is used as id {code!r}")
        version = get("version")
        if not version:
            version = "1"
            self.warnings.append(
                XLSFormWarning("settings", 2, "version", "no version; '1' is used")
            )
        title = get("form_title") or form_id or self.stem
        titles = {
            lang: (get(f"{odk.EXTRA_TITLE_PREFIX}{lang}") or title) for lang in self.languages
        }
        if len(self.languages) > 1 and not any(
            get(f"{odk.EXTRA_TITLE_PREFIX}{lang}") for lang in self.languages
        ):
            self.warnings.append(
                XLSFormWarning(
                    "settings",
                    2,
                    "form_title",
                    "XLSForm titles are not translated; the form_title is used in every language",
                )
            )
        if settings is not None:
            self._leftovers(settings)
        return {"id": code, "version": version, "title": titles}

    def _text(self, row: Row, base: str) -> dict[str, str] | None:
        """The localized text of ``base`` on ``row``, missing languages filled in."""
        texts: dict[str, str] = {}
        for spelling, (_header, text) in row.translations(base).items():
            code = self.default if spelling is None else self.language_of.get(spelling)
            if code is None:
                continue
            if code in texts and spelling is None:
                continue  # the explicitly tagged column wins over the plain one
            texts[code] = text
        if not texts:
            return None
        source = self.default if self.default in texts else next(iter(texts))
        for lang in self.languages:
            if lang not in texts:
                texts[lang] = texts[source]
                self._warn(
                    row,
                    f"{base}::{language_column_name(lang)}",
                    f"no {lang!r} text; the {source!r} text is used",
                )
        localized = {lang: texts[lang] for lang in self.languages}
        self.texts.append(localized)
        return localized

    def _copy(self, text: dict[str, str]) -> dict[str, str]:
        copy = dict(text)
        self.texts.append(copy)
        return copy

    def _label(self, row: Row, name: str, base: str = "label") -> dict[str, str]:
        label = self._text(row, base)
        if label is None:
            self._warn(row, base, f"no {base}; the name {name!r} is used")
            label = {lang: name for lang in self.languages}
        return label

    # -- choices -------------------------------------------------------------

    def _choice_lists(self, sheet: Sheet) -> None:
        if not sheet.has("list_name") or not sheet.has("name"):
            missing = "list_name" if not sheet.has("list_name") else "name"
            self.problems.append(
                XLSFormWarning(
                    "choices", 1, missing, f"the choices sheet has no {missing!r} column"
                )
            )
            return
        rows: dict[str, list[tuple[Row, str, dict[str, str]]]] = {}
        for row in sheet.rows:
            list_name, name = row.get("list_name"), row.get("name")
            if not list_name or not name:
                self._problem(
                    row,
                    "name" if list_name else "list_name",
                    "a choice needs a list_name and a name",
                )
                continue
            rows.setdefault(list_name, []).append((row, name, self._label(row, name)))
            self._leftovers(row)
        taken: set[str] = set()
        for list_name, entries in rows.items():
            identifier = _unique(to_identifier(list_name), taken)
            if identifier != list_name:
                self._warn(
                    entries[0][0], "list_name", f"list {list_name!r} is renamed {identifier!r}"
                )
            self.lists[list_name] = self._choice_list(list_name, identifier, entries)
        self._merge_special_copies()

    def _choice_list(
        self, list_name: str, identifier: str, entries: list[tuple[Row, str, dict[str, str]]]
    ) -> _List:
        first = entries[0][0]
        seen: dict[str, Row] = {}
        for row, name, _label in entries:
            if name in seen:
                self._problem(
                    row,
                    "name",
                    f"choice {name!r} of list {list_name!r} repeats row {seen[name].number}",
                )
            seen[name] = row
        numeric = all(_INTEGER.match(name) for _row, name, _label in entries)
        if numeric:
            codes = {name: int(name) for _row, name, _label in entries}
            if len(set(codes.values())) < len(codes):
                self._problem(
                    first, "name", f"list {list_name!r} has two names for the same number"
                )
        else:
            codes = {name: index for index, (_row, name, _label) in enumerate(entries, start=1)}
            mapping = ", ".join(f"{name}={code}" for name, code in codes.items())
            self._warn(
                first,
                "name",
                f"choice names of list {list_name!r} are not all integers; codes given in order: {mapping}",
            )
        choices: list[dict[str, Any]] = []
        special: list[str] = []
        for row, name, label in entries:
            code = codes[name]
            special_name = odk.SPECIAL_BY_CODE.get(code) if numeric else None
            if special_name is None:
                choices.append({"code": code, "label": label})
                continue
            special.append(special_name)
            standard = {lang: odk.special_label(special_name, lang) for lang in self.languages}
            if label != standard:
                self._warn(
                    row,
                    "label",
                    f"choice {code} is the special answer {special_name!r}; its label is the standard one",
                )
        if not choices:
            self._problem(first, "name", f"list {list_name!r} has only special answers (-8, -9)")
        names = ChoiceNames(identifier, codes, numeric)
        return _List(identifier, first, choices, tuple(special), names)

    def _merge_special_copies(self) -> None:
        """A list that only adds -8/-9 to another list becomes that list (see the docs)."""
        plain = {key: lst for key, lst in self.lists.items() if not lst.special}
        for key, lst in self.lists.items():
            if not lst.special:
                continue
            for other_key, other in plain.items():
                if other.choices == lst.choices:
                    self.list_alias[key] = other_key
                    break

    def _list(self, row: Row, list_name: str) -> _List | None:
        if list_name not in self.lists:
            self._problem(row, "type", f"choice list {list_name!r} is not on the choices sheet")
            return None
        return self.lists[list_name]

    def _list_name(self, list_name: str) -> str:
        return self.lists[self.list_alias.get(list_name, list_name)].name

    # -- survey structure ------------------------------------------------------

    def _tree(self, sheet: Sheet) -> list[_Node]:
        root: list[_Node] = []
        stack: list[_Node] = []
        for row in sheet.rows:
            type_text = row.get("type")
            if not type_text:
                self._warn(row, "type", "the row has no type; left out")
                row.used.update(row.cells)
                continue
            keyword, arguments = _split_type(type_text)
            if keyword in {"end_group", "end_repeat"}:
                kind = keyword.removeprefix("end_")
                row.used.update(row.cells)  # end rows carry nothing
                if not stack:
                    raise XLSFormError(
                        [row.warning("type", f"{type_text!r} without a matching begin")]
                    )
                if stack[-1].kind != kind:
                    opened = stack[-1]
                    raise XLSFormError(
                        [
                            row.warning(
                                "type",
                                f"{type_text!r} while the {opened.kind} "
                                f"{opened.name!r} begun at row {opened.row.number} is still open",
                            )
                        ]
                    )
                stack.pop()
                continue
            name = row.get("name")
            if not name:
                self._problem(row, "name", f"a {type_text!r} row needs a name")
                continue
            kind = keyword.removeprefix("begin_") if keyword.startswith("begin_") else keyword
            node = _Node(row, kind, arguments, name, type_text)
            (stack[-1].children if stack else root).append(node)
            if keyword.startswith("begin_"):
                stack.append(node)
        if stack:
            opened = stack[-1]
            raise XLSFormError(
                [opened.row.warning("type", f"the {opened.kind} {opened.name!r} is never ended")]
            )
        return root

    def _sections(self, tree: list[_Node], form_title: dict[str, str]) -> list[dict[str, Any]]:
        sections: list[dict[str, Any]] = []
        loose: list[dict[str, Any]] = []
        loose_row: Row | None = None

        def flush() -> None:
            nonlocal loose, loose_row
            if loose:
                name = self._section_name(f"section_{len(sections) + 1}")
                assert loose_row is not None
                self._warn(loose_row, "", f"rows outside any group form section {name!r}")
                sections.append({"name": name, "title": dict(form_title), "items": loose})
            loose, loose_row = [], None

        for node in tree:
            if node.kind == "group":
                flush()
                sections.extend(self._group_sections(node))
            elif node.kind == "repeat":
                flush()
                repeat = self._repeat(node, [], None)
                name = self._section_name(node.name)
                title = self._copy(repeat["title"])
                sections.append({"name": name, "title": title, "items": [repeat]})
            else:
                if self._parameter(node):
                    continue
                loose.extend(self._items(node, []))
                loose_row = loose_row or node.row
        flush()
        if not sections:
            raise XLSFormError("the survey sheet has no question that can be imported")
        return sections

    def _section_name(self, name: str) -> str:
        return _unique(to_identifier(name), self.section_names)

    def _group_sections(self, group: _Node) -> list[dict[str, Any]]:
        row = group.row
        title = self._label(row, group.name)
        relevant = row.get("relevant") or None
        self._group_leftovers(group, "a section", {"field-list"})
        segments: list[list[dict[str, Any]]] = [[]]
        for child in group.children:
            if child.kind == "repeat":
                segments.append([self._repeat(child, [], None)])
                segments.append([])
            else:
                segments[-1].extend(self._items(child, []))
        segments = [segment for segment in segments if segment]
        if not segments:
            self._warn(
                row, "type", f"group {group.name!r} has nothing that can be imported; left out"
            )
            return []
        sections = []
        for index, items in enumerate(segments):
            is_repeat = items[0]["type"] == "repeat"
            name = group.name if index == 0 else (items[0]["code"] if is_repeat else group.name)
            section: dict[str, Any] = {"name": self._section_name(name), "title": self._copy(title)}
            if relevant:
                section["relevant"] = relevant
                self.expressions.append((row, "relevant", section, "relevant", None))
            section["items"] = items
            sections.append(section)
        return sections

    def _group_leftovers(self, group: _Node, becomes: str, appearances: set[str]) -> None:
        row = group.row
        if row.translations("hint"):
            self._warn(row, "hint", f"a group becomes {becomes}, which has no hint; ignored")
        self._appearance(row, appearances)
        self._leftovers(row, f" on a group that becomes {becomes}")

    def _repeat(
        self, node: _Node, conditions: list[str | None], title: dict[str, str] | None
    ) -> dict[str, Any]:
        row = node.row
        if any(child.kind == "repeat" for child in _descendants(node)):
            self._problem(row, "type", f"repeat {node.name!r} holds another repeat; ours cannot")
        count = row.get("repeat_count")
        if not count:
            self._problem(
                row,
                "repeat_count",
                f"repeat {node.name!r} has no repeat_count: add an integer question asking how "
                "many and put ${that_question} in repeat_count",
            )
        repeat: dict[str, Any] = {"code": node.name, "type": "repeat"}
        self._name(node)
        repeat["count"] = int(count) if _INTEGER.match(count) else count
        if isinstance(repeat["count"], str):
            self.expressions.append((row, "repeat_count", repeat, "count", None))
        repeat["title"] = title if title is not None else self._label(row, node.name)
        label = {lang: row.get(f"{odk.EXTRA_LABEL_PREFIX}{lang}") for lang in self.languages}
        if any(label.values()):
            repeat["label"] = label
            self.texts.append(label)
        self._relevant(row, repeat, conditions)
        self._appearance(row, set())
        self._leftovers(row, " on a repeat")
        items: list[dict[str, Any]] = []
        for child in node.children:
            if child.kind != "repeat":
                items.extend(self._items(child, []))
        if not items:
            self._problem(row, "type", f"repeat {node.name!r} has no question that can be imported")
        repeat["items"] = items
        self.coded.append(repeat)
        return repeat

    def _relevant(self, row: Row, holder: dict[str, Any], conditions: list[str | None]) -> None:
        relevant = all_of([*conditions, row.get("relevant") or None])
        if relevant:
            holder["relevant"] = relevant
            self.expressions.append((row, "relevant", holder, "relevant", holder.get("code")))

    def _items(self, node: _Node, conditions: list[str | None]) -> list[dict[str, Any]]:
        """Our items for a question row or a nested group (flattened, or a grid)."""
        if node.kind == "repeat":
            self._problem(node.row, "type", f"repeat {node.name!r} inside a repeat")
            return []
        if node.kind != "group":
            item = self._question(node, conditions)
            return [item] if item is not None else []
        grid = self._grid(node, conditions)
        if grid is not None:
            return [grid]
        row = node.row
        if row.translations("label"):
            self._warn(
                row, "label", f"nested group {node.name!r} is flattened; its label is not kept"
            )
        inner = [*conditions, row.get("relevant") or None]
        self._group_leftovers(node, "part of its section", {"field-list"})
        items: list[dict[str, Any]] = []
        for child in node.children:
            if child.kind == "repeat":
                self._problem(
                    child.row, "type", f"repeat {child.name!r} in a nested group; move it up"
                )
                continue
            items.extend(self._items(child, inner))
        return items

    def _grid(self, group: _Node, conditions: list[str | None]) -> dict[str, Any] | None:
        """A nested field-list/table-list group of select_one rows on one list becomes a grid."""
        row = group.row
        words = set(row.get("appearance").split())
        if not words & {"table-list", "field-list"}:
            return None
        rows = [
            child
            for child in group.children
            if not (child.kind == "select_one" and "label" in child.row.get("appearance").split())
        ]
        lists = {tuple(child.arguments) for child in rows if child.kind == "select_one"}
        plain = all(
            child.kind == "select_one"
            and not any(
                child.row.cells.get(h)
                for h, c in child.row.columns.items()
                if c.base not in {"type", "name", "label", "relevant", "required", "appearance"}
            )
            and set(child.row.get("appearance").split()) <= {"list-nolabel"}
            for child in rows
        )
        required = {_required(child.row.get("required")) for child in rows}
        if not rows or not plain or len(lists) != 1 or len(required) != 1:
            return None
        (list_args,) = lists
        lst = self._list(rows[0].row, list_args[0]) if list_args else None
        if lst is None:
            return None
        kept = {id(child) for child in rows}
        for header in [child for child in group.children if id(child) not in kept]:
            self._warn(header.row, "", f"header row {header.name!r} of a table is left out")
            header.row.used.update(header.row.cells)
        grid: dict[str, Any] = {"code": group.name, "type": "grid", "choices": list_args[0]}
        self._name(group)
        grid["label"] = self._label(row, group.name)
        hint = self._text(row, "hint")
        if hint:
            grid["hint"] = hint
        if required == {True}:
            grid["required"] = True
        self._relevant(row, grid, conditions)
        grid["special"] = list(lst.special)
        self._appearance(row, {"table-list", "field-list"})
        self._leftovers(row, " on a table of questions")
        grid["rows"] = []
        for child in rows:
            self._name(child)
            grid_row: dict[str, Any] = {
                "code": child.name,
                "label": self._label(child.row, child.name),
            }
            child.row.get("required")
            self._relevant(child.row, grid_row, [])
            self._appearance(child.row, {"list-nolabel"})
            self._leftovers(child.row)
            grid["rows"].append(grid_row)
            self.choices_of[child.name] = lst.names
            self.coded.append(grid_row)
        self.coded.append(grid)
        return grid

    def _name(self, node: _Node) -> None:
        if node.name in self.names:
            self._problem(
                node.row, "name", f"name {node.name!r} repeats row {self.names[node.name]}"
            )
        self.names.setdefault(node.name, node.row.number)

    def _appearance(self, row: Row, supported: set[str]) -> set[str]:
        words = set(row.get("appearance").split())
        for word in sorted(words - supported):
            self._warn(row, "appearance", f"appearance {word!r} is not supported; ignored")
        return words & supported

    def _parameter(self, node: _Node) -> bool:
        """A calculate row marked as parameter by our exporter becomes a parameter back."""
        row = node.row
        if node.kind != "calculate" or not _required(row.get(odk.EXTRA_PARAMETER)):
            return False
        text = row.get("calculation")
        value: Any
        if _INTEGER.match(text):
            value = int(text)
        elif _NUMBER.match(text):
            value = float(text)
        elif text in {"true()", "false()"}:
            value = text == "true()"
        elif len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
            value = text[1:-1]
        else:
            self._warn(row, "calculation", "a parameter must be a literal; kept as a calculation")
            return False
        self._name(node)
        self.parameters[node.name] = value
        self._leftovers(row, " on a parameter")
        return True

    # -- questions -------------------------------------------------------------

    def _question(self, node: _Node, conditions: list[str | None]) -> dict[str, Any] | None:
        row = node.row
        our_type = _QUESTION_TYPES.get(node.kind)
        if our_type is None:
            self._warn(
                row, "type", f"type {node.type_text!r} is not supported; the row is left out"
            )
            row.used.update(row.cells)
            return None
        self._name(node)
        item: dict[str, Any] = {"code": node.name, "type": our_type}
        self.coded.append(item)
        if our_type == "calculate":
            return self._calculate(node, item, conditions)
        appearance = self._appearance(
            row,
            {"multiline"}
            if our_type == "text"
            else {"month-year"}
            if our_type == "date"
            else set(),
        )
        if appearance == {"multiline"}:
            item["type"] = "longtext"
        elif appearance == {"month-year"}:
            item["type"] = "month"
        lst: _List | None = None
        if our_type in {"single", "multiple"}:
            if not node.arguments:
                self._problem(row, "type", f"{node.type_text!r} names no choice list")
                return None
            lst = self._list(row, node.arguments[0])
            for extra in node.arguments[1:]:
                self._warn(row, "type", f"{extra!r} is not supported; left out")
            if lst is None:
                return None
            item["choices"] = node.arguments[0]
            self.choices_of[node.name] = lst.names
        item["label"] = self._label(row, node.name)
        hint = self._text(row, "hint")
        if hint:
            item["hint"] = hint
        if our_type != "note":
            required = row.get("required")
            item["required"] = _required(required)
            if required and required.lower() not in _TRUE | _FALSE:
                self._warn(
                    row,
                    "required",
                    f"conditional required {required!r} is not supported; the question is optional",
                )
        self._relevant(row, item, conditions)
        if our_type != "note":
            self._checks(row, item, lst)
        self._leftovers(row, f" on a {node.kind} question")
        return item

    def _calculate(
        self, node: _Node, item: dict[str, Any], conditions: list[str | None]
    ) -> dict[str, Any] | None:
        row = node.row
        calculation = row.get("calculation")
        if not calculation:
            self._problem(row, "calculation", "a calculate row needs a calculation")
            return None
        item["calculation"] = calculation
        self.expressions.append((row, "calculation", item, "calculation", node.name))
        self._relevant(row, item, conditions)
        choices = row.get(odk.EXTRA_CHOICES)
        if choices and self._list(row, choices) is not None:
            item["choices"] = choices
        if row.translations("label"):
            item["label"] = self._label(row, node.name)
        self._appearance(row, set())
        self._leftovers(row, " on a calculate row")
        return item

    def _checks(self, row: Row, item: dict[str, Any], lst: _List | None) -> None:
        """constraint, constraint_message, min/max/max_length and special answers."""
        cell = row.get("constraint") or None
        extras = {
            column: row.get(column)
            for column in (
                odk.EXTRA_MIN,
                odk.EXTRA_MAX,
                odk.EXTRA_MAX_LENGTH,
                odk.EXTRA_SPECIAL,
                odk.EXTRA_CONSTRAINT,
            )
        }
        constraint = cell
        if lst is not None:
            item["special"] = list(lst.special)
        elif any(extras.values()):
            values = self._extras(row, item["type"], extras)
            expected = odk.odk_constraint(item["type"], **values)
            if expected == cell:
                constraint = values.pop("constraint")
                for key, value in values.items():
                    if value not in (None, ()):
                        item[{"minimum": "min", "maximum": "max"}.get(key, key)] = (
                            list(value) if key == "special" else value
                        )
            else:
                self._warn(
                    row,
                    "constraint",
                    "the constraint was changed after export; it is kept "
                    "as written and the surveyapp_* columns are ignored",
                )
        if constraint:
            item["constraint"] = constraint
            self.expressions.append((row, "constraint", item, "constraint", item["code"]))
        message = self._text(row, "constraint_message")
        if message:
            item["constraint_message"] = message

    def _extras(self, row: Row, item_type: str, extras: dict[str, str]) -> dict[str, Any]:
        def bound(column: str) -> Any:
            text = extras[column]
            if not text:
                return None
            if item_type in {"integer", "decimal"}:
                if _INTEGER.match(text):
                    return int(text)
                if item_type == "decimal" and _NUMBER.match(text):
                    return float(text)
                self._problem(row, column, f"{text!r} is not a number")
            return text

        special = tuple(
            name.strip() for name in extras[odk.EXTRA_SPECIAL].split(",") if name.strip()
        )
        for name in special:
            if name not in SPECIAL_CODES:
                self._problem(row, odk.EXTRA_SPECIAL, f"unknown special answer {name!r}")
        length = extras[odk.EXTRA_MAX_LENGTH]
        if length and not _INTEGER.match(length):
            self._problem(row, odk.EXTRA_MAX_LENGTH, f"{length!r} is not a whole number")
        return {
            "minimum": bound(odk.EXTRA_MIN),
            "maximum": bound(odk.EXTRA_MAX),
            "max_length": int(length) if length and _INTEGER.match(length) else None,
            "constraint": extras[odk.EXTRA_CONSTRAINT] or None,
            "special": special,
        }

    # -- names and expressions -------------------------------------------------

    def _rename_and_rewrite(self, sections: list[dict[str, Any]]) -> None:
        renames: dict[str, str] = {}
        taken: set[str] = set()
        for name, row_number in self.names.items():
            code = _unique(to_identifier(name), taken)
            renames[name] = code
            if code != name:
                self.warnings.append(
                    XLSFormWarning(
                        "survey", row_number, "name", f"name {name!r} is renamed {code!r}"
                    )
                )
        rewriter = Rewriter(renames, self.choices_of)
        for row, column, holder, key, current in self.expressions:
            try:
                text, messages = rewriter.expression(holder[key], current)
            except ExpressionSyntaxError as exc:
                self._problem(
                    row, column, f"{holder[key]!r}: {exc.message} at position {exc.position}"
                )
                continue
            holder[key] = text
            for message in messages:
                self._warn(row, column, message)
        for localized in self.texts:
            for lang, text in localized.items():
                localized[lang] = rewriter.label(text)
        for item in self.coded:
            item["code"] = renames.get(item["code"], item["code"])
            if "choices" in item:
                item["choices"] = self._list_name(item["choices"])
        self.parameters = {renames[name]: value for name, value in self.parameters.items()}
        del sections  # sections hold the same dicts, renamed in place


def _split_type(text: str) -> tuple[str, list[str]]:
    words = text.split()
    lowered = " ".join(words).lower()
    for alias, canonical in _TYPE_ALIASES.items():
        if lowered == alias or lowered.startswith(alias + " "):
            words = [canonical, *words[len(alias.split()) :]]
            break
    return words[0].lower(), words[1:]


def _required(text: str) -> bool:
    return text.strip().lower() in _TRUE


def _unique(name: str, taken: set[str]) -> str:
    candidate, suffix = name, 2
    while candidate in taken:
        candidate = f"{name[:60]}_{suffix}"
        suffix += 1
    taken.add(candidate)
    return candidate


def _descendants(node: _Node) -> list[_Node]:
    found: list[_Node] = []
    for child in node.children:
        found.append(child)
        found.extend(_descendants(child))
    return found


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

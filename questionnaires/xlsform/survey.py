"""The survey sheet: groups become sections, repeats repeat sections, rows items.

Items are built with the XLSForm names; ``questionnaires.xlsform.importer``
renames them and rewrites the expressions once every name and list is known.
"""

from __future__ import annotations

import re
from typing import Any

from ..expressions import Binary, ExpressionSyntaxError, parse
from ..model import SPECIAL_CODES
from . import odk
from .choices import ChoiceList, ChoiceLists
from .context import ImportContext, is_true, to_identifier, unique
from .errors import XLSFormError
from .rewrite import ChoiceNames
from .sheets import Row
from .tree import Node, descendants

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
_HOW_MANY = {"es": "¿Cuántos?", "en": "How many?", "pt": "Quantos?", "fr": "Combien\u00a0?"}
_TRUE_OR_FALSE = {"yes", "true", "true()", "1", "no", "false", "false()", "0"}
_INTEGER = re.compile(r"^-?\d+$")
_NUMBER = re.compile(r"^-?(\d+\.?\d*|\.\d+)$")
#: An expression slot: the row and column it came from, where it is kept, and the
#: XLSForm name of the item ``.`` stands for.
ExpressionSlot = tuple[Row, str, dict[str, Any], str, str | None]


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


class SurveyReader:
    """Turns the survey tree into sections, recording names, codes and expressions."""

    def __init__(self, ctx: ImportContext, lists: ChoiceLists) -> None:
        self.ctx = ctx
        self.lists = lists
        self.names: dict[str, int] = {}  # XLSForm item name -> row number
        self.coded: list[dict[str, Any]] = []  # every dict whose "code" is to be renamed
        self.expressions: list[ExpressionSlot] = []
        self.choices_of: dict[str, ChoiceNames] = {}  # select item name -> its list's names
        self.parameters: dict[str, Any] = {}
        self.section_names: set[str] = set()

    def sections(self, tree: list[Node], form_title: dict[str, str]) -> list[dict[str, Any]]:
        sections: list[dict[str, Any]] = []
        loose: list[dict[str, Any]] = []
        loose_row: Row | None = None

        def flush() -> None:
            nonlocal loose, loose_row
            if loose:
                name = self._section_name(f"section_{len(sections) + 1}")
                assert loose_row is not None
                self.ctx.warn(loose_row, "", f"rows outside any group form section {name!r}")
                sections.append({"name": name, "title": dict(form_title), "items": loose})
            loose, loose_row = [], None

        for node in tree:
            if node.kind == "group":
                flush()
                sections.extend(self._group_sections(node))
            elif node.kind == "repeat":
                flush()
                repeat, counter = self._repeat(node, [], None)
                if counter is not None:
                    loose.append(counter)
                    loose_row = loose_row or node.row
                    flush()
                name = self._section_name(node.name)
                title = self.ctx.copy(repeat["title"])
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
        return unique(to_identifier(name), self.section_names)

    def _group_sections(self, group: Node) -> list[dict[str, Any]]:
        row = group.row
        title = self.ctx.label(row, group.name)
        relevant = row.get("relevant") or None
        self._group_leftovers(group, "a section", {"field-list"})
        segments: list[list[dict[str, Any]]] = [[]]
        for child in group.children:
            if child.kind == "repeat":
                repeat, counter = self._repeat(child, [], None)
                if counter is not None:
                    segments[-1].append(counter)
                segments.append([repeat])
                segments.append([])
            else:
                segments[-1].extend(self._items(child, []))
        segments = [segment for segment in segments if segment]
        if not segments:
            self.ctx.warn(
                row, "type", f"group {group.name!r} has nothing that can be imported; left out"
            )
            return []
        sections = []
        for index, items in enumerate(segments):
            is_repeat = items[0]["type"] == "repeat"
            name = group.name if index == 0 else (items[0]["code"] if is_repeat else group.name)
            section: dict[str, Any] = {
                "name": self._section_name(name),
                "title": self.ctx.copy(title),
            }
            if relevant:
                section["relevant"] = relevant
                self.expressions.append((row, "relevant", section, "relevant", None))
            section["items"] = items
            sections.append(section)
        return sections

    def _group_leftovers(self, group: Node, becomes: str, appearances: set[str]) -> None:
        row = group.row
        if row.translations("hint"):
            self.ctx.warn(row, "hint", f"a group becomes {becomes}, which has no hint; ignored")
        self._appearance(row, appearances)
        self.ctx.leftovers(row, f" on a group that becomes {becomes}")

    def _repeat(
        self, node: Node, conditions: list[str | None], title: dict[str, str] | None
    ) -> tuple[dict[str, Any], dict[str, Any] | None]:
        """Our repeat item, and the question added to ask how many if there is no count."""
        row = node.row
        if any(child.kind == "repeat" for child in descendants(node)):
            self.ctx.problem(row, "type", f"repeat {node.name!r} holds another repeat; ours cannot")
        repeat: dict[str, Any] = {"code": node.name, "type": "repeat"}
        self._name(node)
        repeat["title"] = title if title is not None else self.ctx.label(row, node.name)
        count = row.get("repeat_count")
        counter = None if count else self._counter(node, repeat["title"])
        if counter is not None:
            count = "${" + counter["code"] + "}"
        repeat["count"] = int(count) if _INTEGER.match(count) else count
        if isinstance(repeat["count"], str):
            self.expressions.append((row, "repeat_count", repeat, "count", None))
        label = {lang: row.get(f"{odk.EXTRA_LABEL_PREFIX}{lang}") for lang in self.ctx.languages}
        if any(label.values()):
            repeat["label"] = label
            self.ctx.texts.append(label)
        self._relevant(row, repeat, conditions)
        self._appearance(row, set())
        self.ctx.leftovers(row, " on a repeat")
        items: list[dict[str, Any]] = []
        for child in node.children:
            if child.kind != "repeat":
                items.extend(self._items(child, []))
        if not items:
            self.ctx.problem(
                row, "type", f"repeat {node.name!r} has no question that can be imported"
            )
        repeat["items"] = items
        self.coded.append(repeat)
        return repeat, counter

    def _counter(self, node: Node, title: dict[str, str]) -> dict[str, Any]:
        """An integer question asking how many instances, for a repeat without repeat_count."""
        code = f"{node.name}_count"
        while code in self.names:
            code += "_"
        self.names[code] = node.row.number
        label = {lang: f"{_HOW_MANY.get(lang, _HOW_MANY['en'])} ({title[lang]})" for lang in title}
        self.ctx.texts.append(label)
        self.ctx.warn(
            node.row,
            "repeat_count",
            f"no repeat_count (in ODK the interviewer adds instances): the question {code!r} "
            f"is added before the repeat to ask how many; reword its label",
        )
        item = {"code": code, "type": "integer", "label": label, "required": True, "min": 0}
        self.coded.append(item)
        return item

    def _relevant(self, row: Row, holder: dict[str, Any], conditions: list[str | None]) -> None:
        relevant = all_of([*conditions, row.get("relevant") or None])
        if relevant:
            holder["relevant"] = relevant
            self.expressions.append((row, "relevant", holder, "relevant", holder.get("code")))

    def _items(self, node: Node, conditions: list[str | None]) -> list[dict[str, Any]]:
        """Our items for a question row or a nested group (flattened, or a grid)."""
        if node.kind == "repeat":
            self.ctx.problem(node.row, "type", f"repeat {node.name!r} inside a repeat")
            return []
        if node.kind != "group":
            item = self._question(node, conditions)
            return [item] if item is not None else []
        grid = self._grid(node, conditions)
        if grid is not None:
            return [grid]
        row = node.row
        if row.translations("label"):
            self.ctx.warn(
                row, "label", f"nested group {node.name!r} is flattened; its label is not kept"
            )
        inner = [*conditions, row.get("relevant") or None]
        self._group_leftovers(node, "part of its section", {"field-list"})
        items: list[dict[str, Any]] = []
        for child in node.children:
            if child.kind == "repeat":
                self.ctx.problem(
                    child.row, "type", f"repeat {child.name!r} in a nested group; move it up"
                )
                continue
            items.extend(self._items(child, inner))
        return items

    def _grid(self, group: Node, conditions: list[str | None]) -> dict[str, Any] | None:
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
        required = {is_true(child.row.get("required")) for child in rows}
        if not rows or not plain or len(lists) != 1 or len(required) != 1:
            return None
        (list_args,) = lists
        lst = self.lists.get(rows[0].row, list_args[0]) if list_args else None
        if lst is None:
            return None
        kept = {id(child) for child in rows}
        for header in [child for child in group.children if id(child) not in kept]:
            self.ctx.warn(header.row, "", f"header row {header.name!r} of a table is left out")
            header.row.used.update(header.row.cells)
        grid: dict[str, Any] = {"code": group.name, "type": "grid", "choices": list_args[0]}
        self._name(group)
        grid["label"] = self.ctx.label(row, group.name)
        hint = self.ctx.text(row, "hint")
        if hint:
            grid["hint"] = hint
        if required == {True}:
            grid["required"] = True
        self._relevant(row, grid, conditions)
        grid["special"] = list(lst.special)
        self._appearance(row, {"table-list", "field-list"})
        self.ctx.leftovers(row, " on a table of questions")
        grid["rows"] = []
        for child in rows:
            self._name(child)
            grid_row: dict[str, Any] = {
                "code": child.name,
                "label": self.ctx.label(child.row, child.name),
            }
            child.row.get("required")
            self._relevant(child.row, grid_row, [])
            self._appearance(child.row, {"list-nolabel"})
            self.ctx.leftovers(child.row)
            grid["rows"].append(grid_row)
            self.choices_of[child.name] = lst.names
            self.coded.append(grid_row)
        self.coded.append(grid)
        return grid

    def _name(self, node: Node) -> None:
        if node.name in self.names:
            self.ctx.problem(
                node.row, "name", f"name {node.name!r} repeats row {self.names[node.name]}"
            )
        self.names.setdefault(node.name, node.row.number)

    def _appearance(self, row: Row, supported: set[str]) -> set[str]:
        words = set(row.get("appearance").split())
        for word in sorted(words - supported):
            self.ctx.warn(row, "appearance", f"appearance {word!r} is not supported; ignored")
        return words & supported

    def _parameter(self, node: Node) -> bool:
        """A calculate row marked as parameter by our exporter becomes a parameter back."""
        row = node.row
        if node.kind != "calculate" or not is_true(row.get(odk.EXTRA_PARAMETER)):
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
            self.ctx.warn(
                row, "calculation", "a parameter must be a literal; kept as a calculation"
            )
            return False
        self._name(node)
        self.parameters[node.name] = value
        self.ctx.leftovers(row, " on a parameter")
        return True

    def _question(self, node: Node, conditions: list[str | None]) -> dict[str, Any] | None:
        row = node.row
        our_type = _QUESTION_TYPES.get(node.kind)
        if our_type is None:
            self.ctx.warn(
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
        lst: ChoiceList | None = None
        if our_type in {"single", "multiple"}:
            if not node.arguments:
                self.ctx.problem(row, "type", f"{node.type_text!r} names no choice list")
                return None
            lst = self.lists.get(row, node.arguments[0])
            for extra in node.arguments[1:]:
                self.ctx.warn(row, "type", f"{extra!r} is not supported; left out")
            if lst is None:
                return None
            item["choices"] = node.arguments[0]
            self.choices_of[node.name] = lst.names
        item["label"] = self.ctx.label(row, node.name)
        hint = self.ctx.text(row, "hint")
        if hint:
            item["hint"] = hint
        if our_type != "note":
            required = row.get("required")
            item["required"] = is_true(required)
            if required and required.lower() not in _TRUE_OR_FALSE:
                self.ctx.warn(
                    row,
                    "required",
                    f"conditional required {required!r} is not supported; the question is optional",
                )
        self._relevant(row, item, conditions)
        if our_type != "note":
            self._checks(row, item, lst)
        self.ctx.leftovers(row, f" on a {node.kind} question")
        return item

    def _calculate(
        self, node: Node, item: dict[str, Any], conditions: list[str | None]
    ) -> dict[str, Any] | None:
        row = node.row
        calculation = row.get("calculation")
        if not calculation:
            self.ctx.problem(row, "calculation", "a calculate row needs a calculation")
            return None
        item["calculation"] = calculation
        self.expressions.append((row, "calculation", item, "calculation", node.name))
        self._relevant(row, item, conditions)
        choices = row.get(odk.EXTRA_CHOICES)
        if choices and self.lists.get(row, choices) is not None:
            item["choices"] = choices
        if row.translations("label"):
            item["label"] = self.ctx.label(row, node.name)
        self._appearance(row, set())
        self.ctx.leftovers(row, " on a calculate row")
        return item

    def _checks(self, row: Row, item: dict[str, Any], lst: ChoiceList | None) -> None:
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
                self.ctx.warn(
                    row,
                    "constraint",
                    "the constraint was changed after export; it is kept "
                    "as written and the surveyapp_* columns are ignored",
                )
        if constraint:
            item["constraint"] = constraint
            self.expressions.append((row, "constraint", item, "constraint", item["code"]))
        message = self.ctx.text(row, "constraint_message")
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
                self.ctx.problem(row, column, f"{text!r} is not a number")
            return text

        special = tuple(
            name.strip() for name in extras[odk.EXTRA_SPECIAL].split(",") if name.strip()
        )
        for name in special:
            if name not in SPECIAL_CODES:
                self.ctx.problem(row, odk.EXTRA_SPECIAL, f"unknown special answer {name!r}")
        length = extras[odk.EXTRA_MAX_LENGTH]
        if length and not _INTEGER.match(length):
            self.ctx.problem(row, odk.EXTRA_MAX_LENGTH, f"{length!r} is not a whole number")
        return {
            "minimum": bound(odk.EXTRA_MIN),
            "maximum": bound(odk.EXTRA_MAX),
            "max_length": int(length) if length and _INTEGER.match(length) else None,
            "constraint": extras[odk.EXTRA_CONSTRAINT] or None,
            "special": special,
        }

"""Cross-reference checks of an instrument whose shape is already valid.

Languages, codes, choice lists, expressions (syntax, names, order, repeat
scope), repeat counts and label interpolation. Used by the loader; every
problem found is returned, none is raised.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from questionnaires import expressions
from questionnaires.expressions import Call, Expression, Reference, walk
from questionnaires.model import (
    SPECIAL_CODES,
    DateItem,
    DecimalItem,
    GridItem,
    GridRow,
    Instrument,
    IntegerItem,
    MonthItem,
    MultipleItem,
    NoteItem,
    RepeatItem,
    Section,
    SingleItem,
)
from questionnaires.problems import Problem

__all__ = ["INTERPOLATION", "aggregated_references", "check_instrument", "direct_references"]

DataPath = tuple[str | int, ...]
LineOf = Callable[[DataPath], int | None]

#: ``${name}`` inside a label, hint, title or message.
INTERPOLATION = re.compile(r"\$\{([^}]*)\}")
_AGGREGATES = frozenset({"sum", "count", "min", "max"})
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SAMPLE_TODAY = dt.date(2000, 1, 1)


@dataclass(frozen=True)
class Entry:
    """One item, grid row or repeat, with where it is and when it is asked."""

    item: Any
    path: DataPath
    order: int
    section: Section
    repeat: RepeatItem | None


def direct_references(expression: Expression) -> frozenset[str]:
    """Names referenced other than as the single argument of sum/count/min/max."""
    aggregated = {id(node) for node in _aggregated_nodes(expression.tree)}
    return frozenset(
        node.name
        for node in walk(expression.tree)
        if isinstance(node, Reference) and id(node) not in aggregated
    )


def aggregated_references(expression: Expression) -> frozenset[str]:
    """Names referenced as the single argument of sum/count/min/max."""
    return frozenset(node.name for node in _aggregated_nodes(expression.tree))


def _aggregated_nodes(root: Any) -> Iterator[Reference]:
    for node in walk(root):
        if (
            isinstance(node, Call)
            and node.name in _AGGREGATES
            and len(node.args) == 1
            and isinstance(node.args[0], Reference)
        ):
            yield node.args[0]


def check_instrument(
    instrument: Instrument,
    *,
    source: str,
    line_of: LineOf,
    placeholders: set[DataPath] | frozenset[DataPath] = frozenset(),
    known_codes: frozenset[str] = frozenset(),
) -> list[Problem]:
    """Every cross-reference problem of ``instrument``.

    ``placeholders`` are paths of items that failed schema validation and were
    replaced by empty notes: they are not checked and names of broken items
    (``known_codes``) are not reported as unknown.
    """
    return _Checker(instrument, source, line_of, placeholders, known_codes).run()


class _Checker:
    def __init__(
        self,
        instrument: Instrument,
        source: str,
        line_of: LineOf,
        placeholders: set[DataPath] | frozenset[DataPath],
        known_codes: frozenset[str],
    ) -> None:
        self.instrument = instrument
        self.source = source
        self.line_of = line_of
        self.placeholders = placeholders
        self.problems: list[Problem] = []
        self.entries = list(self._entries())
        self.by_code: dict[str, Entry] = {}
        for entry in self.entries:
            self.by_code.setdefault(entry.item.code, entry)
        self.broken_codes = {
            entry.item.code for entry in self.entries if entry.path in placeholders
        } | (known_codes - set(self.by_code))

    def report(self, path: DataPath, item: str | None, message: str) -> None:
        """Record one problem at the line of ``path``."""
        self.problems.append(Problem(self.source, self.line_of(path), item, message))

    def run(self) -> list[Problem]:
        self.check_languages()
        self.check_names()
        self.check_choice_lists()
        for section_index, section in enumerate(self.instrument.sections):
            self.check_section(section_index, section)
        for entry in self.entries:
            if entry.path not in self.placeholders:
                self.check_item(entry)
        self.check_texts()
        return self.problems

    # --- structure -----------------------------------------------------------

    def _entries(self) -> Iterator[Entry]:
        order = 0
        for s, section in enumerate(self.instrument.sections):
            for i, item in enumerate(section.items):
                path: DataPath = ("sections", s, "items", i)
                yield Entry(item, path, order, section, None)
                order += 1
                if isinstance(item, GridItem):
                    for r, row in enumerate(item.rows):
                        yield Entry(row, (*path, "rows", r), order, section, None)
                        order += 1
                elif isinstance(item, RepeatItem):
                    for j, inner in enumerate(item.items):
                        inner_path = (*path, "items", j)
                        yield Entry(inner, inner_path, order, section, item)
                        order += 1
                        if isinstance(inner, GridItem):
                            for r, row in enumerate(inner.rows):
                                yield Entry(row, (*inner_path, "rows", r), order, section, item)
                                order += 1

    def check_languages(self) -> None:
        languages = self.instrument.languages
        for index, language in enumerate(languages):
            if language in languages[:index]:
                self.report(
                    ("languages", index), "languages", f"language {language!r} listed twice"
                )
        if self.instrument.default_language not in languages:
            self.report(
                ("default_language",),
                "default_language",
                f"{self.instrument.default_language!r} is not one of the languages {list(languages)}",
            )

    def check_names(self) -> None:
        sections: dict[str, int] = {}
        for index, section in enumerate(self.instrument.sections):
            path: DataPath = ("sections", index, "name")
            if section.name in sections:
                first_line = self.line_of(("sections", sections[section.name], "name"))
                self.report(
                    path, section.name, f"duplicate section name (first on line {first_line})"
                )
            else:
                sections[section.name] = index
        for entry in self.entries:
            first = self.by_code[entry.item.code]
            if first is not entry and entry.path not in self.placeholders:
                self.report(
                    (*entry.path, "code"),
                    entry.item.code,
                    f"duplicate item code (first on line {self.line_of((*first.path, 'code'))}); "
                    "codes must be unique in the whole instrument, grid rows and repeats included",
                )
        for name in self.instrument.parameters:
            if name in self.by_code:
                self.report(
                    ("parameters", name),
                    name,
                    f"parameter has the same name as the item on line "
                    f"{self.line_of(self.by_code[name].path)}",
                )

    def check_choice_lists(self) -> None:
        reserved = {code: name for name, code in SPECIAL_CODES.items()}
        for list_name, choices in self.instrument.choice_lists.items():
            seen: dict[int, int] = {}
            for index, choice in enumerate(choices):
                path: DataPath = ("choice_lists", list_name, index, "code")
                if choice.code in seen:
                    first = self.line_of(("choice_lists", list_name, seen[choice.code]))
                    self.report(
                        path,
                        list_name,
                        f"duplicate choice code {choice.code} (first on line {first})",
                    )
                else:
                    seen[choice.code] = index
                if choice.code in reserved:
                    self.report(
                        path,
                        list_name,
                        f"choice code {choice.code} is reserved for the special answer "
                        f"{reserved[choice.code]!r}; list it in the item's 'special' instead",
                    )

    def check_section(self, index: int, section: Section) -> None:
        path: DataPath = ("sections", index)
        repeats = [item for item in section.items if isinstance(item, RepeatItem)]
        if repeats and len(section.items) > 1:
            self.report(
                (*path, "items"),
                section.name,
                f"repeat {repeats[0].code!r} must be the only item of its section "
                "(a repeat section is shown one instance per page)",
            )
        if section.relevant is not None:
            first = self.by_code.get(section.items[0].code)
            order = first.order if first is not None else 0
            self.check_expression(
                section.relevant, (*path, "relevant"), section.name, "relevant", order, None, None
            )

    # --- items ---------------------------------------------------------------

    def check_item(self, entry: Entry) -> None:
        item = entry.item
        code = item.code
        lists = self.instrument.choice_lists
        list_name = getattr(item, "choices", None)
        if list_name is not None and not isinstance(item, GridRow) and list_name not in lists:
            self.report((*entry.path, "choices"), code, f"choice list {list_name!r} does not exist")
        if (
            isinstance(item, IntegerItem | DecimalItem)
            and item.min is not None
            and item.max is not None
            and item.min > item.max
        ):
            self.report(
                (*entry.path, "min"), code, f"min ({item.min}) is greater than max ({item.max})"
            )
        if isinstance(item, DateItem):
            self.check_date_bounds(entry, item)
        if getattr(item, "constraint_message", None) is not None and item.constraint is None:
            self.report(
                (*entry.path, "constraint_message"), code, "constraint_message without a constraint"
            )
        for field in ("relevant", "constraint", "calculation"):
            text = getattr(item, field, None)
            if text is not None:
                self.check_expression(
                    text, (*entry.path, field), code, field, entry.order, entry.repeat, entry
                )
        if isinstance(item, RepeatItem):
            self.check_count(entry, item)

    def check_date_bounds(self, entry: Entry, item: DateItem) -> None:
        bounds: dict[str, dt.date] = {}
        for field in ("min", "max"):
            text = getattr(item, field)
            if text is None:
                continue
            if _ISO_DATE.match(text):
                try:
                    bounds[field] = dt.date.fromisoformat(text)
                except ValueError:
                    self.report(
                        (*entry.path, field), item.code, f"{field}: {text!r} is not a valid date"
                    )
            else:
                self.check_expression(
                    text, (*entry.path, field), item.code, field, entry.order, entry.repeat, entry
                )
        if "min" in bounds and "max" in bounds and bounds["min"] > bounds["max"]:
            self.report(
                (*entry.path, "min"), item.code, f"min ({item.min}) is after max ({item.max})"
            )

    def check_count(self, entry: Entry, repeat: RepeatItem) -> None:
        path = (*entry.path, "count")
        if isinstance(repeat.count, int):
            if repeat.count < 0:
                self.report(path, repeat.code, "count must not be negative")
            return
        expression = self.check_expression(
            repeat.count, path, repeat.code, "count", entry.order, None, entry
        )
        if expression is None:
            return
        for name in expression.references():
            target = self.by_code.get(name)
            if target is not None and target.order >= entry.order:
                return  # already reported
        blank = _SampleContext(self.instrument, {})
        try:
            expressions.evaluate(expression, blank)
            samples = {name: self._sample_value(name) for name in expression.references()}
            result = expressions.evaluate(expression, _SampleContext(self.instrument, samples))
        except Exception as error:  # a count that cannot be evaluated must not reach the field
            self.report(path, repeat.code, f"count: cannot be evaluated: {error}")
            return
        number = expressions.to_number(result) if not isinstance(result, bool) else math.nan
        if isinstance(result, str) or math.isnan(number):
            self.report(
                path,
                repeat.code,
                f"count: {repeat.count!r} does not give a number (gave {result!r})",
            )

    def _sample_value(self, name: str) -> Any:
        """A plausible answer for ``name``, to try a count expression on."""
        if name in self.instrument.parameters:
            return self.instrument.parameters[name]
        entry = self.by_code.get(name)
        item = entry.item if entry is not None else None
        if isinstance(item, GridRow):
            item = self.instrument.grid_of(item.code)
        if isinstance(item, SingleItem | GridItem):
            choices = self.instrument.choice_lists.get(item.choices, ())
            return choices[0].code if choices else 1
        if isinstance(item, MultipleItem):
            choices = self.instrument.choice_lists.get(item.choices, ())
            return [choices[0].code] if choices else [1]
        if isinstance(item, IntegerItem | DecimalItem):
            return item.min if item.min is not None and item.min > 0 else 1
        if isinstance(item, DateItem):
            return "2000-01-01"
        if isinstance(item, MonthItem):
            return "2000-01"
        return 1

    # --- expressions ---------------------------------------------------------

    def check_expression(
        self,
        text: str,
        path: DataPath,
        owner: str,
        field: str,
        order: int,
        repeat: RepeatItem | None,
        entry: Entry | None,
    ) -> Any:
        """Parse and check one expression; return it, or None if it does not parse."""
        try:
            expression = expressions.parse(text)
        except expressions.ExpressionSyntaxError as error:
            self.report(
                path,
                owner,
                f"{field}: {error.message} at character {error.position + 1} of {text!r}",
            )
            return None
        if expression.uses_current() and field != "constraint":
            self.report(
                path, owner, f"{field}: '.' (this item's answer) may only be used in a constraint"
            )
        if "position" in expression.functions() and repeat is None:
            self.report(path, owner, f"{field}: position(..) may only be used inside a repeat")
        direct = direct_references(expression)
        aggregated = aggregated_references(expression)
        for name in sorted(direct | aggregated):
            self.check_reference(name, name in direct, path, owner, field, order, repeat, entry)
        return expression

    def check_reference(
        self,
        name: str,
        is_direct: bool,
        path: DataPath,
        owner: str,
        field: str,
        order: int,
        repeat: RepeatItem | None,
        entry: Entry | None,
    ) -> None:
        if name in self.instrument.parameters:
            return
        target = self.by_code.get(name)
        if target is None:
            if name not in self.broken_codes:
                self.report(path, owner, f"{field}: unknown name ${{{name}}}")
            return
        where = f"(line {self.line_of(target.path)})"
        if entry is not None and target.repeat is not None and target.repeat is entry.item:
            self.report(path, owner, f"{field}: ${{{name}}} is inside the repeat it counts")
            return
        if entry is not None and target is entry:
            if field != "constraint":
                what = (
                    "calculation depends on itself"
                    if field == "calculation"
                    else f"{field} refers to the item itself"
                )
                self.report(path, owner, f"{field}: {what}: ${{{name}}}")
            return
        if target.order >= order:
            self.report(
                path,
                owner,
                f"{field}: ${{{name}}} comes later in the questionnaire {where}; "
                f"{field} may only use earlier items",
            )
            return
        if name in self.broken_codes:
            return  # the item failed validation: its type is not known
        target_repeat = target.item if isinstance(target.item, RepeatItem) else target.repeat
        if isinstance(target.item, NoteItem | GridItem) or (
            isinstance(target.item, RepeatItem) and is_direct
        ):
            self.report(
                path, owner, f"{field}: ${{{name}}} is a {target.item.type} and has no value"
            )
            return
        if target_repeat is not None and target_repeat is not repeat and is_direct:
            self.report(
                path,
                owner,
                f"{field}: ${{{name}}} is inside repeat {target_repeat.code!r}; from outside it "
                "use sum(), count(), min() or max()",
            )

    # --- texts ---------------------------------------------------------------

    def check_texts(self) -> None:
        """Languages of every text, and the names interpolated in them."""
        declared = list(self.instrument.languages)
        for path, owner, text, scope in self._texts():
            missing = [language for language in declared if language not in text]
            if missing:
                self.report(path, owner, f"{_field_name(path)}: missing in {', '.join(missing)}")
            for language in text:
                if language not in declared:
                    self.report(
                        (*path, language),
                        owner,
                        f"{_field_name(path)}: language {language!r} is not declared in languages",
                    )
            for language, value in text.items():
                for name in INTERPOLATION.findall(value):
                    self._check_interpolation(name, path, owner, language, scope)

    def _check_interpolation(
        self, name: str, path: DataPath, owner: str | None, language: str, scope: RepeatItem | None
    ) -> None:
        field = f"{_field_name(path)}.{language}"
        if name in self.instrument.parameters or name in self.broken_codes:
            return
        target = self.by_code.get(name)
        if target is None:
            self.report(path, owner, f"{field}: ${{{name}}} names no item or parameter")
        elif target.repeat is not None and target.repeat is not scope:
            self.report(
                path,
                owner,
                f"{field}: ${{{name}}} is inside repeat {target.repeat.code!r} and "
                "can only be shown inside it",
            )

    def _texts(
        self,
    ) -> Iterator[tuple[DataPath, str | None, Mapping[str, str], RepeatItem | None]]:
        instrument = self.instrument
        yield ("title",), None, instrument.title, None
        for list_name, choices in instrument.choice_lists.items():
            for index, choice in enumerate(choices):
                yield ("choice_lists", list_name, index, "label"), list_name, choice.label, None
        for index, section in enumerate(instrument.sections):
            yield ("sections", index, "title"), section.name, section.title, None
        for entry in self.entries:
            if entry.path in self.placeholders:
                continue
            item = entry.item
            scope = item if isinstance(item, RepeatItem) else entry.repeat
            for field in ("label", "hint", "constraint_message", "title"):
                text = getattr(item, field, None)
                if isinstance(text, dict):
                    yield (*entry.path, field), item.code, text, scope


def _field_name(path: DataPath) -> str:
    return str(path[-1])


class _SampleContext:
    """Answers made up to try a repeat count before anyone fields the instrument."""

    def __init__(self, instrument: Instrument, answers: dict[str, Any]) -> None:
        self._instrument = instrument
        self._answers = answers

    def value(self, name: str) -> Any:
        if name in self._instrument.parameters:
            return self._instrument.parameters[name]
        return self._answers.get(name)

    def current(self) -> Any:
        return None

    def position(self) -> int:
        return 1

    def repeat_values(self, name: str) -> list[Any]:
        return [self.value(name)]

    def repeat_count(self, name: str) -> int:
        return 0

    def today(self) -> dt.date:
        return _SAMPLE_TODAY

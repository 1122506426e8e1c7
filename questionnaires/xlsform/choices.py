"""The choices sheet: lists, their codes, and the special answers -8/-9 in them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from . import odk
from .context import ImportContext, to_identifier, unique
from .errors import XLSFormWarning
from .rewrite import ChoiceNames
from .sheets import Row, Sheet

_INTEGER = re.compile(r"^-?\d+$")


@dataclass
class ChoiceList:
    """One list: our name, its choices (without special answers) and those special answers."""

    name: str
    row: Row
    choices: list[dict[str, Any]]
    special: tuple[str, ...]
    names: ChoiceNames


class ChoiceLists:
    """The lists of the choices sheet by XLSForm name."""

    def __init__(self, ctx: ImportContext) -> None:
        self.ctx = ctx
        self.by_name: dict[str, ChoiceList] = {}
        #: XLSForm list name -> XLSForm name of the list it was merged into
        self.alias: dict[str, str] = {}

    def read(self, sheet: Sheet) -> None:
        if not sheet.has("list_name") or not sheet.has("name"):
            missing = "list_name" if not sheet.has("list_name") else "name"
            self.ctx.problems.append(
                XLSFormWarning(
                    "choices", 1, missing, f"the choices sheet has no {missing!r} column"
                )
            )
            return
        rows: dict[str, list[tuple[Row, str, dict[str, str]]]] = {}
        for row in sheet.rows:
            list_name, name = row.get("list_name"), row.get("name")
            if not list_name or not name:
                self.ctx.problem(
                    row,
                    "name" if list_name else "list_name",
                    "a choice needs a list_name and a name",
                )
                continue
            rows.setdefault(list_name, []).append((row, name, self.ctx.label(row, name)))
            self.ctx.leftovers(row)
        taken: set[str] = set()
        for list_name, entries in rows.items():
            identifier = unique(to_identifier(list_name), taken)
            if identifier != list_name:
                self.ctx.warn(
                    entries[0][0], "list_name", f"list {list_name!r} is renamed {identifier!r}"
                )
            self.by_name[list_name] = self._choice_list(list_name, identifier, entries)
        self._merge_special_copies()

    def _choice_list(
        self, list_name: str, identifier: str, entries: list[tuple[Row, str, dict[str, str]]]
    ) -> ChoiceList:
        first = entries[0][0]
        seen: dict[str, Row] = {}
        for row, name, _label in entries:
            if name in seen:
                self.ctx.problem(
                    row,
                    "name",
                    f"choice {name!r} of list {list_name!r} repeats row {seen[name].number}",
                )
            seen[name] = row
        numeric = all(_INTEGER.match(name) for _row, name, _label in entries)
        if numeric:
            codes = {name: int(name) for _row, name, _label in entries}
            if len(set(codes.values())) < len(codes):
                self.ctx.problem(
                    first, "name", f"list {list_name!r} has two names for the same number"
                )
        else:
            codes = {name: index for index, (_row, name, _label) in enumerate(entries, start=1)}
            mapping = ", ".join(f"{name}={code}" for name, code in codes.items())
            self.ctx.warn(
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
            standard = {lang: odk.special_label(special_name, lang) for lang in self.ctx.languages}
            if label != standard:
                self.ctx.warn(
                    row,
                    "label",
                    f"choice {code} is the special answer {special_name!r}; its label is the standard one",
                )
        if not choices:
            self.ctx.problem(first, "name", f"list {list_name!r} has only special answers (-8, -9)")
        names = ChoiceNames(identifier, codes, numeric)
        return ChoiceList(identifier, first, choices, tuple(special), names)

    def _merge_special_copies(self) -> None:
        """A list that only adds -8/-9 to another list becomes that list (see the docs)."""
        plain = {key: lst for key, lst in self.by_name.items() if not lst.special}
        for key, lst in self.by_name.items():
            if not lst.special:
                continue
            for other_key, other in plain.items():
                if other.choices == lst.choices:
                    self.alias[key] = other_key
                    break

    def get(self, row: Row, list_name: str) -> ChoiceList | None:
        if list_name not in self.by_name:
            self.ctx.problem(row, "type", f"choice list {list_name!r} is not on the choices sheet")
            return None
        return self.by_name[list_name]

    def kept_name(self, list_name: str) -> str:
        return self.by_name[self.alias.get(list_name, list_name)].name

    def as_dict(self) -> dict[str, list[dict[str, Any]]]:
        """``choice_lists`` of the instrument: every list not merged into another."""
        return {
            lst.name: lst.choices
            for key, lst in self.by_name.items()
            if self.alias.get(key, key) == key
        }

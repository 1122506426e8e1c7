"""The survey sheet as a tree: groups and repeats hold the rows between begin and end."""

from __future__ import annotations

from dataclasses import dataclass, field

from .context import ImportContext
from .errors import XLSFormError
from .sheets import Row, Sheet

_TYPE_ALIASES = {
    "begin group": "begin_group",
    "end group": "end_group",
    "begin repeat": "begin_repeat",
    "end repeat": "end_repeat",
    "select one": "select_one",
    "select all that apply": "select_multiple",
    "select multiple": "select_multiple",
}


@dataclass
class Node:
    """A survey row, with the rows between its begin and end if it is a group or repeat."""

    row: Row
    kind: str  # "group", "repeat" or the question type keyword
    arguments: list[str]
    name: str
    type_text: str
    children: list[Node] = field(default_factory=list)


def build_tree(ctx: ImportContext, sheet: Sheet) -> list[Node]:
    root: list[Node] = []
    stack: list[Node] = []
    for row in sheet.rows:
        type_text = row.get("type")
        if not type_text:
            ctx.warn(row, "type", "the row has no type; left out")
            row.used.update(row.cells)
            continue
        keyword, arguments = split_type(type_text)
        if keyword in {"end_group", "end_repeat"}:
            kind = keyword.removeprefix("end_")
            row.used.update(row.cells)  # end rows carry nothing
            if not stack:
                raise XLSFormError([row.warning("type", f"{type_text!r} without a matching begin")])
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
            ctx.problem(row, "name", f"a {type_text!r} row needs a name")
            continue
        kind = keyword.removeprefix("begin_") if keyword.startswith("begin_") else keyword
        node = Node(row, kind, arguments, name, type_text)
        (stack[-1].children if stack else root).append(node)
        if keyword.startswith("begin_"):
            stack.append(node)
    if stack:
        opened = stack[-1]
        raise XLSFormError(
            [opened.row.warning("type", f"the {opened.kind} {opened.name!r} is never ended")]
        )
    return root


def split_type(text: str) -> tuple[str, list[str]]:
    words = text.split()
    lowered = " ".join(words).lower()
    for alias, canonical in _TYPE_ALIASES.items():
        if lowered == alias or lowered.startswith(alias + " "):
            words = [canonical, *words[len(alias.split()) :]]
            break
    return words[0].lower(), words[1:]


def descendants(node: Node) -> list[Node]:
    found: list[Node] = []
    for child in node.children:
        found.append(child)
        found.extend(descendants(child))
    return found

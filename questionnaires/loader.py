"""Load an instrument from YAML, check it completely, and return an :class:`Instrument`.

Every problem is collected before anything is returned: a broken instrument
raises :class:`InstrumentError` listing all of them, each with file, line and
item. Nothing is ever half loaded. See questionnaires/docs/loader.md.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from questionnaires.checks import check_instrument
from questionnaires.model import Instrument
from questionnaires.problems import InstrumentError, Problem

__all__ = [
    "InstrumentError",
    "LineMap",
    "Problem",
    "load_instrument",
    "load_instrument_dict",
    "load_instrument_text",
    "standard_instrument_paths",
]

#: A position in the plain data: keys of mappings and indexes of lists.
DataPath = tuple[str | int, ...]

#: libyaml's parser when installed: ten times faster, same nodes and marks.
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_INSTRUMENTS_DIR = Path(__file__).resolve().parent / "instruments"


def standard_instrument_paths() -> list[Path]:
    """The instrument files shipped with the package, sorted by name."""
    return sorted(_INSTRUMENTS_DIR.glob("*.yaml"))


def load_instrument(path: str | Path) -> Instrument:
    """Read, check and return the instrument in the YAML file ``path``."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise InstrumentError(
            [Problem(str(path), None, None, f"cannot read: {error.strerror}")]
        ) from None
    except UnicodeDecodeError as error:
        message = f"not UTF-8 text (byte {error.start})"
        raise InstrumentError([Problem(str(path), None, None, message)]) from None
    return load_instrument_text(text, source=str(path))


def load_instrument_text(text: str, source: str = "<string>") -> Instrument:
    """Check and return the instrument written as YAML in ``text``."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise InstrumentError([Problem(source, 1, None, "the file is empty")])
        _check_size(node, source)
        data = loader.construct_document(node)
        lines = LineMap.from_node(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else None
        reason = ": ".join(part for part in (error.context, error.problem) if part)
        raise InstrumentError(
            [Problem(source, line, None, f"YAML syntax error: {reason}")]
        ) from None
    except yaml.YAMLError as error:
        raise InstrumentError([Problem(source, None, None, f"YAML error: {error}")]) from None
    except RecursionError:
        message = "mappings and lists are nested too deeply"
        raise InstrumentError([Problem(source, None, None, message)]) from None
    finally:
        loader.dispose()
    return _build(data, source, lines, lines.duplicate_key_problems(source))


def _check_size(node: yaml.Node, source: str) -> None:
    size = _expanded_size(node)
    if size > MAX_ELEMENTS:
        message = (
            f"the file expands to more than {MAX_ELEMENTS} elements through YAML aliases"
            if size < _RECURSIVE
            else "a YAML alias refers to the mapping or list that contains it"
        )
        raise InstrumentError([Problem(source, None, None, message)])


def load_instrument_dict(data: Mapping[str, Any], source: str = "<dict>") -> Instrument:
    """Check and return the instrument given as plain data (as :meth:`Instrument.to_dict`)."""
    return _build(data, source, LineMap({}), [])


#: Most elements (mappings, lists, scalars) an instrument may expand to; the
#: standard questionnaire has about 10,000. Guards against alias bombs.
MAX_ELEMENTS = 500_000
_RECURSIVE = 10**18


def _expanded_size(root: yaml.Node) -> int:
    """Number of elements the document has once aliases are expanded."""
    sizes: dict[int, int] = {}
    in_progress: set[int] = set()

    def size(node: yaml.Node) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in in_progress:
            return _RECURSIVE
        in_progress.add(key)
        total = 1
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                total += size(key_node) + size(value_node)
                if total > MAX_ELEMENTS:
                    break
        elif isinstance(node, yaml.SequenceNode):
            for child in node.value:
                total += size(child)
                if total > MAX_ELEMENTS:
                    break
        in_progress.discard(key)
        sizes[key] = total
        return total

    return size(root)


class LineMap:
    """1-based line of every key and list element of a composed YAML document."""

    def __init__(self, lines: dict[DataPath, int]) -> None:
        self._lines = lines
        self._duplicates: list[tuple[DataPath, int, int]] = []

    @classmethod
    def from_node(cls, root: yaml.Node) -> LineMap:
        line_map = cls({(): root.start_mark.line + 1})
        stack: list[tuple[DataPath, yaml.Node]] = [((), root)]
        while stack:
            path, node = stack.pop()
            if isinstance(node, yaml.MappingNode):
                for key_node, value_node in node.value:
                    key = key_node.value if isinstance(key_node, yaml.ScalarNode) else "?"
                    child = (*path, key)
                    line = key_node.start_mark.line + 1
                    if child in line_map._lines:
                        line_map._duplicates.append((child, line_map._lines[child], line))
                    line_map._lines[child] = line
                    stack.append((child, value_node))
            elif isinstance(node, yaml.SequenceNode):
                for index, value_node in enumerate(node.value):
                    child = (*path, index)
                    line_map._lines[child] = value_node.start_mark.line + 1
                    stack.append((child, value_node))
        return line_map

    def line(self, path: DataPath) -> int | None:
        """Line of ``path``, or of its nearest ancestor present in the file."""
        if not self._lines:
            return None
        for end in range(len(path), -1, -1):
            found = self._lines.get(path[:end])
            if found is not None:
                return found
        return None

    def duplicate_key_problems(self, source: str) -> list[Problem]:
        return [
            Problem(source, line, None, f"key {path[-1]!r} repeated (first on line {first})")
            for path, first, line in self._duplicates
        ]


def _build(data: Any, source: str, lines: LineMap, problems: list[Problem]) -> Instrument:
    if not isinstance(data, Mapping):
        problems.append(Problem(source, lines.line(()), None, "an instrument must be a mapping"))
        raise InstrumentError(problems)
    data = dict(data)
    instrument: Instrument | None = None
    placeholders: set[DataPath] = set()
    try:
        instrument = Instrument.model_validate(data)
    except ValidationError as error:
        problems.extend(_schema_problems(error, data, source, lines))
        instrument, placeholders = _salvage(error, data)
    if instrument is not None:
        problems.extend(
            check_instrument(
                instrument,
                source=source,
                line_of=lines.line,
                placeholders=placeholders,
                known_codes=_codes_in(data),
            )
        )
    if problems:
        problems.sort(key=lambda problem: problem.line or 0)
        raise InstrumentError(problems)
    assert instrument is not None  # no problems means validation succeeded
    return instrument


# --- schema errors ---------------------------------------------------------

_IDENTIFIER_HELP = "lower-case letters, digits and _, starting with a letter"
_SIMPLE_MESSAGES = {
    "string_type": "must be text",
    "int_type": "must be a whole number",
    "int_from_float": "must be a whole number",
    "float_type": "must be a number",
    "bool_type": "must be true or false",
    "dict_type": "must be a mapping",
    "model_type": "must be a mapping",
    "model_attributes_type": "must be a mapping",
    "list_type": "must be a list",
    "tuple_type": "must be a list",
    "union_tag_not_found": "missing required key 'type'",
}


def _errors(error: ValidationError, data: dict[str, Any]) -> list[tuple[Any, DataPath, Any]]:
    """Pydantic's errors with their data paths, without knock-on length errors.

    Pydantic also reports a list as too short when all its elements failed.
    """
    located = [(detail, *_data_path(data, detail["loc"])) for detail in error.errors()]
    return [
        (detail, path, value)
        for detail, path, value in located
        if not (
            detail["type"] == "too_short"
            and any(other[: len(path)] == path and other != path for _, other, _ in located)
        )
    ]


def _schema_problems(
    error: ValidationError, data: dict[str, Any], source: str, lines: LineMap
) -> list[Problem]:
    # (path of the error, path the message is about) -> messages
    grouped: dict[tuple[DataPath, DataPath], list[str]] = {}
    for detail, path, value in _errors(error, data):
        message = _schema_message(detail, path, value, data)
        # A message about a key names the key itself: say it of the mapping holding it.
        about = path[:-1] if detail["type"] in ("missing", "extra_forbidden") else path
        messages = grouped.setdefault((path, about), [])
        if message not in messages:
            messages.append(message)
    problems = []
    for (path, about), messages in grouped.items():
        item, field = _owner(data, about)
        text = _either(messages)
        problems.append(
            Problem(source, lines.line(path), item, f"{field}: {text}" if field else text)
        )
    return problems


def _either(messages: list[str]) -> str:
    """Alternatives of a union as one message: 'must be a number or text'."""
    prefix = "must be "
    if len(messages) > 1 and all(message.startswith(prefix) for message in messages):
        kinds = [message[len(prefix) :] for message in messages]
        return prefix + ", ".join(kinds[:-1]) + " or " + kinds[-1]
    return " or ".join(messages)


def _schema_message(detail: Any, path: DataPath, value: Any, data: dict[str, Any]) -> str:
    kind = detail["type"]
    key = path[-1] if path else ""
    parent = _lookup(data, path[:-1])
    parent_type = parent.get("type") if isinstance(parent, dict) else None
    if kind == "missing":
        return f"missing required key {key!r}"
    if kind == "extra_forbidden":
        if parent_type in ("note", "calculate") and key in ("required", "constraint", "special"):
            return f"{key!r} is not allowed on a {parent_type} item: it receives no answer"
        return f"unknown key {key!r}"
    if kind == "union_tag_invalid":
        tag = detail["ctx"]["tag"]
        if tag == "repeat":
            return "a repeat cannot contain another repeat"
        return f"unknown item type {tag!r} (expected one of {detail['ctx']['expected_tags']})"
    if kind == "string_pattern_mismatch":
        if detail["ctx"]["pattern"] == r"^[a-z]{2}$":
            return f"{value!r} is not a two-letter language code"
        return f"{value!r} is not a valid identifier ({_IDENTIFIER_HELP})"
    if kind == "string_type" and isinstance(value, bool):
        return "must be text (YAML read it as true/false: put it in quotes)"
    if kind in ("too_short", "string_too_short"):
        return "must not be empty"
    if kind == "literal_error":
        return f"{value!r} is not allowed; expected {detail['ctx']['expected']}"
    if kind in _SIMPLE_MESSAGES:
        return _SIMPLE_MESSAGES[kind]
    return str(detail["msg"])


def _data_path(data: Any, loc: tuple[str | int, ...]) -> tuple[DataPath, Any]:
    """The path of ``loc`` in the data, skipping pydantic's union and tag labels."""
    path: list[str | int] = []
    node = data
    for position, part in enumerate(loc):
        if (
            isinstance(node, dict)
            and part in node
            or isinstance(node, list)
            and isinstance(part, int)
            and 0 <= part < len(node)
        ):
            node = node[part]  # type: ignore[index]
            path.append(part)
        elif isinstance(node, dict) and position == len(loc) - 1 and isinstance(part, str):
            path.append(part)  # a missing key
            node = None
    return tuple(path), node


def _lookup(data: Any, path: DataPath) -> Any:
    node = data
    for part in path:
        node = node[part]  # type: ignore[index]
    return node


def _owner(data: Any, path: DataPath) -> tuple[str | None, str]:
    """The item a path belongs to, and the path inside it (``label.en``)."""
    owner: str | None = str(path[0]) if path else None
    owner_end = 1 if path else 0
    node = data
    for end, part in enumerate(path, start=1):
        if not isinstance(node, dict | list):
            break
        try:
            node = node[part]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict):
            if path[:1] == ("choice_lists",) and end == 2:
                owner, owner_end = str(part), end
            for key in ("code", "name"):
                if isinstance(node.get(key), str) and end > 1 and path[0] == "sections":
                    owner, owner_end = node[key], end
                    break
    rest = path[owner_end:]
    field = ""
    for part in rest:
        field += f"[{part}]" if isinstance(part, int) else (f".{part}" if field else str(part))
    return owner, field


# --- carrying on after schema errors ----------------------------------------


def _item_path(path: DataPath) -> DataPath | None:
    """The innermost item (``sections/i/items/j[/items/k]``) that holds ``path``."""
    best = None
    for end in range(4, len(path) + 1, 2):
        prefix = path[:end]
        if (
            prefix[0] == "sections"
            and all(prefix[i] == "items" for i in range(2, end, 2))
            and all(isinstance(prefix[i], int) for i in range(1, end, 2))
        ):
            best = prefix
        else:
            break
    return best


def _salvage(
    error: ValidationError, data: dict[str, Any]
) -> tuple[Instrument | None, set[DataPath]]:
    """Replace the broken items with notes so the rest can still be checked.

    Returns None when a problem lies outside items (then cross-checks would
    only repeat it).
    """
    broken: set[DataPath] = set()
    for _, path, _ in _errors(error, data):
        item_path = _item_path(path)
        if item_path is None:
            return None, set()
        broken.add(item_path)
    languages = data.get("languages")
    if not isinstance(languages, list):
        return None, set()
    patched: Any = _deep_copy(data)
    for number, item_path in enumerate(sorted(broken, key=len, reverse=True)):
        original = _lookup(data, item_path)
        code = original.get("code") if isinstance(original, dict) else None
        if not isinstance(code, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", code):
            code = f"broken_item_{number}"
        parent = _lookup(patched, item_path[:-1])
        parent[item_path[-1]] = {
            "type": "note",
            "code": code,
            "label": {language: "" for language in languages if isinstance(language, str)},
        }
    try:
        return Instrument.model_validate(patched), broken
    except ValidationError:
        return None, set()


def _deep_copy(node: Any) -> Any:
    if isinstance(node, dict):
        return {key: _deep_copy(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_deep_copy(value) for value in node]
    return node


def _codes_in(data: Any) -> frozenset[str]:
    """Every item code written in the data, even in items that failed validation."""
    codes: set[str] = set()
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if isinstance(node.get("code"), str):
                codes.add(node["code"])
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return frozenset(codes)

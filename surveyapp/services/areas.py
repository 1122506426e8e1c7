"""The area hierarchy: country > region > municipality > neighbourhood."""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from typing import Protocol, TypeVar

import sqlalchemy as sa

from ..models import Area, AreaLevel
from ..service_texts import SERVICE_TEXTS, Problem
from . import DBSession
from .sample import (
    RowError,
    count_cell,
    decode_csv,
    direction_errors,
    sniff_dialect,
    unclosed_quote,
)
from .users import UserError


class AreaError(UserError):
    """An area cannot be created as given; ``field`` names the problem."""


class TreeNode(Protocol):
    """What a walk up the tree reads of an area (an Area, a row, an AreaNode)."""

    @property
    def id(self) -> int: ...
    @property
    def parent_id(self) -> int | None: ...


Node = TypeVar("Node", bound=TreeNode)


def walk_up(index: Mapping[int, Node], area_id: int | None) -> Iterator[Node]:
    """The area ``area_id`` of ``index`` (areas by id), then each area above it, to the top.

    Stops at an id missing from the index and at a cycle (bad data never loops forever).
    """
    seen: set[int] = set()
    node = index.get(area_id) if area_id is not None else None
    while node is not None and node.id not in seen:
        seen.add(node.id)
        yield node
        node = index.get(node.parent_id) if node.parent_id is not None else None


def walk_down(session: DBSession, area_ids: Iterable[int]) -> list[int]:
    """The ids of every area below ``area_ids`` (not including them), level by level."""
    found: list[int] = []
    frontier = list(area_ids)
    while frontier:
        frontier = list(session.scalars(sa.select(Area.id).where(Area.parent_id.in_(frontier))))
        found.extend(frontier)
    return found


def create_area(
    session: DBSession,
    *,
    level: AreaLevel,
    code: str,
    name: str,
    parent: Area | None = None,
    population: int | None = None,
    flush: bool = True,
) -> Area:
    """Add an area one level below its parent (countries have no parent).

    ``flush=False`` (a file of areas): the caller flushes them all at once, having checked
    that no two of them share a path.
    """
    code, name = code.strip(), name.strip()
    if not code or len(code) > 32:
        raise AreaError("code", Problem("area_code_length"))
    if not name:
        raise AreaError("name", Problem("area_name_missing"))
    if level is AreaLevel.country:
        if parent is not None:
            raise AreaError("parent", Problem("area_country_parent"))
    elif parent is None or parent.level.depth != level.depth - 1:
        above = list(AreaLevel)[level.depth - 1]
        raise AreaError(
            "parent", Problem("area_parent_level", level=_word(level), above=_word(above))
        )
    if population is not None and population < 0:
        raise AreaError("population", Problem("area_population_negative"))
    duplicate = session.scalar(
        sa.select(Area.id).where(
            Area.level == level,
            Area.code == code,
            Area.parent_id.is_(None) if parent is None else Area.parent_id == parent.id,
        )
    )
    if duplicate is not None:
        raise AreaError("code", Problem("area_duplicate", level=_word(level), code=code))
    area = Area(level=level, code=code, name=name, parent=parent, population=population)
    session.add(area)
    if flush:
        session.flush()
    return area


def _word(level: AreaLevel) -> Problem:
    """The level's name, said in the sentence's language."""
    return Problem(f"level_{level.value}")


def descendants(session: DBSession, area: Area) -> list[Area]:
    """Every area below ``area`` (not including it), level by level."""
    ids = walk_down(session, [area.id])
    by_id = {a.id: a for a in session.scalars(sa.select(Area).where(Area.id.in_(ids)))}
    return [by_id[i] for i in ids]


#: Columns of an area file; ``parent`` is the path of codes from the country
#: down to the enclosing area, joined by "/" (e.g. "MX/19" for a municipality of
#: Nuevo León), empty for countries.
AREA_COLUMNS = ("level", "code", "name", "parent", "population")


def _plain(word: str) -> str:
    """``word`` in lower case without accents: "Región" and "region" are the same word."""
    decomposed = unicodedata.normalize("NFKD", word.strip().lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


#: A level as stored or as the staff pages write it in any of their languages ("municipio",
#: "commune"): the areas page lists the areas with those words, and a manager writes them.
LEVEL_WORDS: dict[str, AreaLevel] = {
    _plain(word): level
    for level in AreaLevel
    for word in (level.value, *SERVICE_TEXTS[f"level_{level.value}"].values())
}


def area_path(area: Area) -> str:
    """Codes from the country down to the area, e.g. "MX/19/039"."""
    return "/".join([a.code for a in reversed(area.ancestors())] + [area.code])


def import_areas(session: DBSession, data: bytes | str) -> tuple[list[Area], list[RowError]]:
    """Add areas from CSV (columns AREA_COLUMNS); rows may refer to areas earlier in the file.

    Every problem is reported with line and column. When there is any, the
    caller must roll back (the good rows are in the session, not yet flushed). The rows are
    all checked before the one flush that writes them: on SQLite the first write holds the
    database's one write lock until the caller commits (docs/server.md).
    """
    text, decode_error = decode_csv(data)
    if text is None:
        return [], [decode_error] if decode_error else []
    dialect = sniff_dialect(text)
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
    header = [(h or "").strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in ("level", "code", "name", "parent") if c not in header]
    # A column without a name (Excel's ";;" ending each line) is allowed while its cells are
    # empty; it is called by its position ("#6") in the problems of a row with a value in it.
    header = [c or f"#{position}" for position, c in enumerate(header, start=1)]
    unknown = [c for c in header if c not in AREA_COLUMNS and not c.startswith("#")]
    if missing or unknown:
        return [], [RowError.of(1, c, Problem("column_required")) for c in missing] + [
            RowError.of(1, c, Problem("column_unknown", columns=", ".join(AREA_COLUMNS)))
            for c in unknown
        ]
    reader.fieldnames = header
    by_path = {area_path(a): a for a in session.scalars(sa.select(Area))}
    created: list[Area] = []
    errors: list[RowError] = []
    with session.no_autoflush:
        try:
            _import_rows(session, reader, text, dialect, by_path, created, errors)
        except csv.Error as exc:
            errors.append(
                RowError.of(reader.line_num, None, Problem("csv_line_unreadable", error=exc))
            )
    if errors:
        return [], errors
    session.flush()
    return created, errors


def _import_rows(
    session: DBSession,
    reader: csv.DictReader[str],
    text: str,
    dialect: type[csv.Dialect] | csv.Dialect,
    by_path: dict[str, Area],
    created: list[Area],
    errors: list[RowError],
) -> None:
    # Paths of this file's rows that have a problem, with their line: a row below one of them
    # is told so, not that its parent does not exist (the manager sees it in the file).
    refused: dict[str, int] = {}
    line = reader.line_num  # the header's last line
    last_line = sum(1 for _line in io.StringIO(text, newline=""))
    for row in reader:
        start, line = line + 1, reader.line_num
        values = {k: (v or "").strip() for k, v in row.items() if k is not None}
        if not any(values.values()):
            continue
        if line > start and line == last_line and unclosed_quote(text, dialect, start):
            problem = Problem("csv_quote_unclosed", first=start, last=line)
            errors.append(RowError.of(start, None, problem))
            continue
        before = len(errors)
        for name, value in values.items():
            if name.startswith("#") and value:
                errors.append(RowError.of(line, name, Problem("cell_without_column")))
        errors.extend(direction_errors(line, values))
        if len(errors) > before:
            continue
        _import_row(session, line, values, by_path, refused, created, errors)
        if len(errors) > before and values["code"]:
            own = f"{values['parent']}/{values['code']}" if values["parent"] else values["code"]
            refused.setdefault(own, line)


def _import_row(
    session: DBSession,
    line: int,
    values: dict[str, str],
    by_path: dict[str, Area],
    refused: dict[str, int],
    created: list[Area],
    errors: list[RowError],
) -> None:
    """Check one row of an area file and add its area to the session (errors: appended)."""
    level = LEVEL_WORDS.get(_plain(values["level"]))
    if level is None:
        levels = ", ".join(lv.value for lv in AreaLevel)
        errors.append(
            RowError.of(
                line, "level", Problem("area_level_unknown", raw=values["level"], levels=levels)
            )
        )
        return
    parent = None
    if values["parent"]:
        parent = by_path.get(values["parent"])
        if parent is None and values["parent"] in refused:
            below = Problem(
                "area_parent_refused", path=values["parent"], line=refused[values["parent"]]
            )
            errors.append(RowError.of(line, "parent", below))
            return
        if parent is None:
            errors.append(
                RowError.of(line, "parent", Problem("area_parent_unknown", path=values["parent"]))
            )
            return
    population = None
    if values.get("population"):
        population, problem = count_cell(values["population"], Problem("word_people"))
        if problem:
            errors.append(RowError.of(line, "population", problem))
            return
    path = f"{values['parent']}/{values['code']}" if parent is not None else values["code"]
    if path in by_path and by_path[path].id is None:  # earlier in this file, not flushed
        problem = Problem("area_duplicate", level=_word(level), code=values["code"])
        errors.append(RowError.of(line, "code", problem))
        return
    try:
        area = create_area(
            session,
            level=level,
            code=values["code"],
            name=values["name"],
            parent=parent,
            population=population,
            flush=False,
        )
    except AreaError as exc:
        errors.append(RowError(line, exc.field, exc.message, exc.problem))
        return
    by_path[area_path(area)] = area
    created.append(area)

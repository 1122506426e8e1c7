"""The area hierarchy: country > region > municipality > neighbourhood."""

from __future__ import annotations

import sqlalchemy as sa

from ..models import Area, AreaLevel
from . import DBSession
from .users import UserError


class AreaError(UserError):
    """An area cannot be created as given; ``field`` names the problem."""


def create_area(
    session: DBSession,
    *,
    level: AreaLevel,
    code: str,
    name: str,
    parent: Area | None = None,
    population: int | None = None,
) -> Area:
    """Add an area one level below its parent (countries have no parent)."""
    code, name = code.strip(), name.strip()
    if not code or len(code) > 32:
        raise AreaError("code", "The official code must have 1 to 32 characters.")
    if not name:
        raise AreaError("name", "Enter the area's name.")
    if level is AreaLevel.country:
        if parent is not None:
            raise AreaError("parent", "A country has no enclosing area.")
    elif parent is None or parent.level.depth != level.depth - 1:
        above = list(AreaLevel)[level.depth - 1].value
        raise AreaError("parent", f"A {level.value} must lie in a {above}.")
    if population is not None and population < 0:
        raise AreaError("population", "The population cannot be negative.")
    duplicate = session.scalar(
        sa.select(Area.id).where(
            Area.level == level,
            Area.code == code,
            Area.parent_id.is_(None) if parent is None else Area.parent_id == parent.id,
        )
    )
    if duplicate is not None:
        raise AreaError("code", f"There is already a {level.value} with code {code} there.")
    area = Area(level=level, code=code, name=name, parent=parent, population=population)
    session.add(area)
    session.flush()
    return area


def descendants(session: DBSession, area: Area) -> list[Area]:
    """Every area below ``area`` (not including it)."""
    found: list[Area] = []
    frontier = [area.id]
    while frontier:
        children = list(session.scalars(sa.select(Area).where(Area.parent_id.in_(frontier))))
        found.extend(children)
        frontier = [c.id for c in children]
    return found

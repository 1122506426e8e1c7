"""Area scope: what a staff member limited to an area (``User.area_id``) may see and change.

A user without an area sees everything. A user limited to an area sees the waves
that cover it (a wave area that is the user's area, above it or below it, or a
wave with no areas), and inside such a wave only the sample units of the area
and the areas below it: their counts, codes and uploads. Changing a whole wave
(its status) or the area list needs every area of the wave to be inside the
scope. Routes ask here; services take the resulting area ids.
"""

from __future__ import annotations

import dataclasses

import sqlalchemy as sa

from ..models import Area, User, Wave
from . import DBSession


@dataclasses.dataclass(frozen=True)
class AreaScope:
    """The areas a user may act on: ``None`` means every area."""

    area_ids: frozenset[int] | None
    #: The scope's own area and the areas above it (a wave covering one of them covers the scope).
    ancestors: frozenset[int] = frozenset()

    @property
    def limited(self) -> bool:
        return self.area_ids is not None

    def allows(self, area_id: int | None) -> bool:
        """Whether an area (``None``: a unit or row without an area) is inside the scope."""
        return self.area_ids is None or (area_id is not None and area_id in self.area_ids)

    def sees_wave(self, wave: Wave) -> bool:
        """Whether the wave covers part of the scope (a wave without areas covers everything)."""
        if self.area_ids is None or not wave.areas:
            return True
        return any(a.id in self.area_ids or a.id in self.ancestors for a in wave.areas)

    def owns_wave(self, wave: Wave) -> bool:
        """Whether every area of the wave is inside the scope (so a whole-wave change is the user's)."""
        if self.area_ids is None:
            return True
        return bool(wave.areas) and all(a.id in self.area_ids for a in wave.areas)


EVERYTHING = AreaScope(None)


def scope_of(session: DBSession, user: User) -> AreaScope:
    """The user's area and every area below it, or everything for a user without an area."""
    if user.area_id is None:
        return EVERYTHING
    rows = session.execute(sa.select(Area.id, Area.parent_id)).all()
    children: dict[int | None, list[int]] = {}
    parents: dict[int, int | None] = {}
    for area_id, parent_id in rows:
        children.setdefault(parent_id, []).append(area_id)
        parents[area_id] = parent_id
    inside = {user.area_id}
    stack = [user.area_id]
    while stack:
        for child in children.get(stack.pop(), []):
            if child not in inside:
                inside.add(child)
                stack.append(child)
    above: set[int] = set()
    node: int | None = user.area_id
    while node is not None and node not in above:
        above.add(node)
        node = parents.get(node)
    return AreaScope(frozenset(inside), frozenset(above))

"""The areas a report speaks of: each area with its state and municipality, a wave's areas."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from ...models import Area, AreaLevel, SampleUnit, Wave
from .. import DBSession
from ..areas import walk_up

#: ``area_key`` of the whole wave (the country).
NATIONAL = "national"


@dataclass(frozen=True)
class AreaNode:
    """An area with the ids of its state and municipality (for domain columns)."""

    id: int
    level: AreaLevel
    code: str
    name: str
    parent_id: int | None
    state_id: int | None
    municipality_id: int | None

    @property
    def report_level(self) -> str:
        """``national``, ``state`` or ``municipality`` (neighbourhoods report as their municipality)."""
        return {AreaLevel.country: "national", AreaLevel.region: "state"}.get(
            self.level, "municipality"
        )

    @property
    def key(self) -> str:
        """The ``area_key`` of its reports and the ``domain`` value of its indicator rows."""
        if self.level is AreaLevel.country:
            return NATIONAL
        return str(self.municipality_id if self.level is AreaLevel.neighbourhood else self.id)


def area_index(session: DBSession) -> dict[int, AreaNode]:
    """Every area by id, with its state and municipality resolved (one query)."""
    rows = session.execute(
        sa.select(Area.id, Area.level, Area.code, Area.name, Area.parent_id)
    ).all()
    plain: dict[int, Any] = {r.id: r for r in rows}
    nodes: dict[int, AreaNode] = {}
    for r in rows:
        state = municipality = None
        for node in walk_up(plain, r.id):
            if node.level is AreaLevel.region:
                state = node.id
            elif node.level is AreaLevel.municipality:
                municipality = node.id
        nodes[r.id] = AreaNode(r.id, r.level, r.code, r.name, r.parent_id, state, municipality)
    return nodes


def wave_areas(session: DBSession, wave: Wave) -> list[AreaNode]:
    """The areas a wave can report on: those with sample units, their states and the country."""
    index = area_index(session)
    used = set(
        session.scalars(
            sa.select(SampleUnit.area_id)
            .where(SampleUnit.wave_id == wave.id, SampleUnit.area_id.is_not(None))
            .distinct()
        )
    )
    used |= {a.id for a in wave.areas}
    keep: set[int] = set()
    for area_id in used:
        keep.update(n.id for n in walk_up(index, area_id) if n.level is not AreaLevel.neighbourhood)
    order = {level: i for i, level in enumerate(AreaLevel)}
    return sorted((index[i] for i in keep), key=lambda a: (order[a.level], a.name))


def area_choices(areas: Sequence[AreaNode]) -> list[tuple[str, str]]:
    """(area_key, label) pairs for a select, indented by level."""
    out = []
    for area in areas:
        indent = {"national": "", "state": "· ", "municipality": "· · "}[area.report_level]
        out.append((area.key, indent + area.name))
    return out

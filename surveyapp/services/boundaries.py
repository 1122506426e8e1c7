"""Area boundaries: GeoJSON uploads checked against the area hierarchy, and read for maps."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import sqlalchemy as sa

from ..models import Area, AreaBoundary, AreaLevel, User, utcnow
from ..service_texts import Problem
from . import DBSession, audit

if TYPE_CHECKING:  # shapely loads with the first boundary read
    from shapely.geometry.base import BaseGeometry


@dataclass(frozen=True)
class BoundaryResult:
    """Boundaries stored (added or replaced) and every problem found; nothing is stored when
    there are problems."""

    stored: int = 0
    replaced: int = 0
    problems: list[Problem] = field(default_factory=list)  # str(): the English sentence

    @property
    def ok(self) -> bool:
        return not self.problems


def _at(feature: int, code: str, what: Problem) -> Problem:
    """``what`` of the feature at position ``feature`` (0: the whole file), named by its code."""
    if feature == 0:
        return what
    if code:
        return Problem("geo_feature_code", feature=feature, code=code, problem=what)
    return Problem("geo_feature", feature=feature, problem=what)


def _areas_by_code(session: DBSession, level: AreaLevel) -> dict[str, list[Area]]:
    found: dict[str, list[Area]] = {}
    for area in session.scalars(sa.select(Area).where(Area.level == level)):
        found.setdefault(area.code, []).append(area)
    return found


def import_boundaries(
    session: DBSession,
    data: bytes,
    *,
    level: AreaLevel,
    by: User | None,
    max_bytes: int,
    source: str | None = None,
) -> BoundaryResult:
    """Store the boundaries of a GeoJSON FeatureCollection for the areas of ``level``; flushes.

    Each feature's ``properties.code`` names an area of ``level`` (with
    ``parent_code`` when the code repeats under different parents). Every
    problem is reported by feature; nothing is stored unless all are right.
    """
    from analysis.geo import geometry_to_json, read_boundaries

    boundaries, read_problems = read_boundaries(data, max_bytes=max_bytes)
    problems = [
        (p.feature, _at(p.feature, p.code, Problem(f"geo_{p.key}", **p.values)))
        for p in read_problems
    ]
    by_code = _areas_by_code(session, level)
    matched: list[tuple[Area, BaseGeometry]] = []
    word = Problem(f"level_{level.value}")
    for boundary in boundaries:
        candidates = by_code.get(boundary.code, [])
        if boundary.parent_code is not None:
            candidates = [
                a
                for a in candidates
                if a.parent is not None and a.parent.code == boundary.parent_code
            ]
        if not candidates:
            if boundary.parent_code:
                what = Problem(
                    "boundary_area_unknown_under", level=word, parent=boundary.parent_code
                )
            else:
                what = Problem("boundary_area_unknown", level=word)
            problems.append((boundary.feature, _at(boundary.feature, boundary.code, what)))
        elif len(candidates) > 1:
            parents = ", ".join(sorted(a.parent.code for a in candidates if a.parent is not None))
            what = Problem("boundary_area_ambiguous", level=word, parents=parents)
            problems.append((boundary.feature, _at(boundary.feature, boundary.code, what)))
        else:
            matched.append((candidates[0], boundary.geometry))
    if problems:
        problems.sort(key=lambda found: found[0])
        return BoundaryResult(problems=[problem for _, problem in problems])
    existing = {
        b.area_id: b
        for b in session.scalars(
            sa.select(AreaBoundary).where(AreaBoundary.area_id.in_([a.id for a, _ in matched]))
        )
    }
    replaced = 0
    for area, geometry in matched:
        row = existing.get(area.id)
        if row is None:
            row = AreaBoundary(area_id=area.id)
            session.add(row)
        else:
            replaced += 1
        row.geometry = geometry_to_json(geometry)
        row.source = source
        row.uploaded_by_id = by.id if by is not None else None
        row.uploaded_at = utcnow()
    session.flush()
    audit.record(
        session,
        "boundaries.import",
        user=by,
        object_type="area_boundaries",
        details={"level": level.value, "stored": len(matched), "replaced": replaced},
    )
    return BoundaryResult(stored=len(matched), replaced=replaced)


def boundaries_of(session: DBSession, area_ids: Iterable[int]) -> dict[int, BaseGeometry]:
    """The stored boundary of each of ``area_ids`` that has one, by area id."""
    from analysis.geo import geometry_from_json

    ids = list(area_ids)
    if not ids:
        return {}
    rows = session.execute(
        sa.select(AreaBoundary.area_id, AreaBoundary.geometry).where(AreaBoundary.area_id.in_(ids))
    ).all()
    return {area_id: geometry_from_json(text) for area_id, text in rows}


def boundary_summary(session: DBSession) -> list[tuple[AreaLevel, int, int]]:
    """(level, areas, areas with a boundary) for every level that has areas."""
    rows = session.execute(
        sa.select(Area.level, sa.func.count(Area.id), sa.func.count(AreaBoundary.id))
        .outerjoin(AreaBoundary, AreaBoundary.area_id == Area.id)
        .group_by(Area.level)
    ).all()
    order = {level: i for i, level in enumerate(AreaLevel)}
    return [(r[0], r[1], r[2]) for r in sorted(rows, key=lambda r: order[r[0]])]


def store_generated_boundaries(session: DBSession, country: Area) -> int:
    """Made-up boundaries for a simulated country's states and municipalities (the demo); flushes.

    Deterministic in the country's code and its areas' codes; areas that already have a
    boundary keep it. Returns the number stored.
    """
    from analysis.geo import geometry_to_json, synthetic_boundaries

    states = list(
        session.scalars(
            sa.select(Area).where(Area.parent_id == country.id, Area.level == AreaLevel.region)
        )
    )
    munis: dict[int | None, list[Area]] = {s.id: [] for s in states}
    for muni in session.scalars(
        sa.select(Area).where(
            Area.parent_id.in_([s.id for s in states]), Area.level == AreaLevel.municipality
        )
    ):
        munis[muni.parent_id].append(muni)
    tree = {s.code: [m.code for m in munis[s.id]] for s in states}
    outline, state_shapes, muni_shapes = synthetic_boundaries(country.code, tree)
    shapes: dict[int, BaseGeometry] = {country.id: outline}
    for state in states:
        shapes[state.id] = state_shapes[state.code]
        for muni in munis[state.id]:
            shapes[muni.id] = muni_shapes[(state.code, muni.code)]
    have = set(
        session.scalars(sa.select(AreaBoundary.area_id).where(AreaBoundary.area_id.in_(shapes)))
    )
    new = [
        AreaBoundary(area_id=area_id, geometry=geometry_to_json(shape), source="generated")
        for area_id, shape in shapes.items()
        if area_id not in have
    ]
    session.add_all(new)
    session.flush()
    return len(new)

"""Households held by an interviewer outside the interviewer's area.

The assignment rule (services/fieldwork._check_assignable) refuses new assignments outside
an interviewer's area; households given before the rule, or before the interviewer's area
changed, stay where they were. This finds them, for the wave's assignment page and the
change of an interviewer's area, so that a manager can reassign them.
"""

from __future__ import annotations

import dataclasses

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from ..models import SampleUnit, User, Wave, WaveStatus
from . import DBSession
from .scope import AreaScope, scope_of


@dataclasses.dataclass(frozen=True)
class OutsideArea:
    """A household assigned to ``holder`` whose area is not in the holder's area."""

    unit: SampleUnit
    holder: User


def assigned_outside_area(
    session: DBSession,
    *,
    wave: Wave | None = None,
    holder: User | None = None,
    within: frozenset[int] | None = None,
) -> list[OutsideArea]:
    """Households of ``wave`` (or of every wave not closed) held by ``holder`` (or by anyone
    limited to an area) whose area lies outside the holder's area; a household without an
    area counts as outside. ``within`` (area ids, services/scope.py) keeps only households
    of those areas. Ordered by wave, holder's name, household id."""
    query = (
        sa.select(SampleUnit)
        .join(User, User.id == SampleUnit.assigned_to_id)
        .where(User.area_id.is_not(None))
        .options(
            selectinload(SampleUnit.area),
            selectinload(SampleUnit.assigned_to).selectinload(User.area),
            selectinload(SampleUnit.wave),
        )
        .order_by(SampleUnit.wave_id, User.name, SampleUnit.external_id)
    )
    if wave is not None:
        query = query.where(SampleUnit.wave_id == wave.id)
    else:
        query = query.where(
            SampleUnit.wave_id.in_(sa.select(Wave.id).where(Wave.status != WaveStatus.closed))
        )
    if holder is not None:
        query = query.where(SampleUnit.assigned_to_id == holder.id)
    if within is not None:
        query = query.where(SampleUnit.area_id.in_(sorted(within)))
    scopes: dict[int, AreaScope] = {}
    found = []
    for unit in session.scalars(query):
        person = unit.assigned_to
        assert person is not None  # the join
        if person.id not in scopes:
            scopes[person.id] = scope_of(session, person)
        if not scopes[person.id].allows(unit.area_id):
            found.append(OutsideArea(unit=unit, holder=person))
    return found

"""Completes, partials and response rates per area (AAPOR RR1 and RR2).

Each sample unit is classed by its current outcome:

- I  complete: ``completed``
- P  partial: ``partial`` (answers saved, not submitted; AAPOR's threshold for a
     partial is not applied: any saved answer counts)
- B  break-off before any answer: ``started`` (AAPOR 2.12, counted with refusals)
- R  refusal: ``refused``
- NC non-contact: ``noncontact``
- O  other eligible non-interview: ``other``
- UH unknown eligibility: ``pending`` (never reached)
- NE not eligible: ``ineligible`` (left out of every rate)

RR1 = I / (I + P + B + R + NC + O + UH) and RR2 = (I + P) / (same), i.e. all
units of unknown eligibility are assumed eligible (AAPOR's e = 1), the most
conservative choice. Open-link interviews have no sample unit and so no rate:
they are counted as completes and partials only.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection

import sqlalchemy as sa

from ..models import Area, Disposition, Interview, SampleUnit, SampleUnitStatus, Wave
from . import DBSession
from .areas import walk_up


@dataclasses.dataclass
class ResponseCounts:
    """Outcome counts for one area (or the whole wave) and the rates derived from them."""

    label: str
    area_id: int | None = None
    #: A covered area of the wave counting the units of the areas within it as well as its
    #: own (its rows are listed below it; the wave's total counts each unit once).
    within: bool = False
    complete: int = 0
    partial: int = 0
    breakoff: int = 0
    refused: int = 0
    noncontact: int = 0
    other: int = 0
    unknown: int = 0
    ineligible: int = 0

    @property
    def units(self) -> int:
        return self.eligible_or_unknown + self.ineligible

    @property
    def eligible_or_unknown(self) -> int:
        return (
            self.complete
            + self.partial
            + self.breakoff
            + self.refused
            + self.noncontact
            + self.other
            + self.unknown
        )

    @property
    def rr1(self) -> float | None:
        d = self.eligible_or_unknown
        return self.complete / d if d else None

    @property
    def rr2(self) -> float | None:
        d = self.eligible_or_unknown
        return (self.complete + self.partial) / d if d else None

    def add(self, status: SampleUnitStatus, n: int) -> None:
        field = _FIELD_OF[status]
        setattr(self, field, getattr(self, field) + n)

    def __iadd__(self, other: ResponseCounts) -> ResponseCounts:
        for f in _COUNT_FIELDS:
            setattr(self, f, getattr(self, f) + getattr(other, f))
        return self


_FIELD_OF = {
    SampleUnitStatus.completed: "complete",
    SampleUnitStatus.partial: "partial",
    SampleUnitStatus.started: "breakoff",
    SampleUnitStatus.refused: "refused",
    SampleUnitStatus.noncontact: "noncontact",
    SampleUnitStatus.other: "other",
    SampleUnitStatus.pending: "unknown",
    SampleUnitStatus.ineligible: "ineligible",
}
_COUNT_FIELDS = tuple(sorted(set(_FIELD_OF.values())))


@dataclasses.dataclass
class WaveResponse:
    """Per-area rows, the sample total, and open-link interviews (which have no rate)."""

    areas: list[ResponseCounts]
    total: ResponseCounts
    open_link_complete: int
    open_link_partial: int


def response_by_area(
    session: DBSession, wave: Wave, *, within: Collection[int] | None = None
) -> WaveResponse:
    """Counts and RR1/RR2 per area of the sample units of ``wave`` (two GROUP BY queries).

    ``within``: only sample units of these areas, and no open-link counts (they have no
    area), for a user limited to an area.
    """
    query = (
        sa.select(SampleUnit.area_id, SampleUnit.status, sa.func.count(SampleUnit.id))
        .where(SampleUnit.wave_id == wave.id)
        .group_by(SampleUnit.area_id, SampleUnit.status)
    )
    if within is not None:
        query = query.where(SampleUnit.area_id.in_(sorted(within)))
    rows = session.execute(query).all()
    covered = {a.id for a in wave.areas if within is None or a.id in within}
    unit_areas = {area_id for area_id, _status, _n in rows if area_id is not None}
    # Every area is read once (a few thousand at most): a unit's area and those above it.
    index = {a.id: a for a in session.scalars(sa.select(Area))} if unit_areas | covered else {}
    by_area: dict[int | None, ResponseCounts] = {
        area_id: ResponseCounts(
            label=f"{index[area_id].name} ({index[area_id].code})", area_id=area_id
        )
        for area_id in (unit_areas | covered) & index.keys()
    }
    total = ResponseCounts(label="All sample units")
    for area_id, status, n in rows:
        own = by_area.setdefault(
            area_id if area_id in index else None, ResponseCounts(label="No area given")
        )
        own.add(SampleUnitStatus(status), int(n))
        total.add(SampleUnitStatus(status), int(n))
        # A covered area above the unit's area counts it too (a national wave's units are in
        # municipalities: "Colombia, 0 units" above its municipalities' rows read as no sample).
        for above in list(walk_up(index, area_id))[1:]:
            if above.id in covered:
                by_area[above.id].add(SampleUnitStatus(status), int(n))
                by_area[above.id].within = True

    def path(area_id: int) -> str:
        return "/".join(reversed([a.code for a in walk_up(index, area_id)]))

    ordered = sorted(
        by_area.values(),
        key=lambda c: (c.area_id is None, path(c.area_id) if c.area_id is not None else ""),
    )

    open_rows = (
        dict(
            session.execute(
                sa.select(Interview.disposition, sa.func.count(Interview.id))
                .where(Interview.wave_id == wave.id, Interview.sample_unit_id.is_(None))
                .group_by(Interview.disposition)
            ).all()
        )
        if within is None
        else {}
    )
    return WaveResponse(
        areas=ordered,
        total=total,
        open_link_complete=int(open_rows.get(int(Disposition.complete), 0)),
        open_link_partial=int(open_rows.get(int(Disposition.partial), 0)),
    )

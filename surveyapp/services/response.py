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


@dataclasses.dataclass
class ResponseCounts:
    """Outcome counts for one area (or the whole wave) and the rates derived from them."""

    label: str
    area_id: int | None = None
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
    area_ids = {area_id for area_id, _status, _n in rows if area_id is not None} | {
        a.id for a in wave.areas if within is None or a.id in within
    }
    names = (
        {
            a.id: f"{a.name} ({a.code})"
            for a in session.scalars(sa.select(Area).where(Area.id.in_(area_ids)))
        }
        if area_ids
        else {}
    )
    by_area: dict[int | None, ResponseCounts] = {
        area_id: ResponseCounts(label=names[area_id], area_id=area_id) for area_id in names
    }
    for area_id, status, n in rows:
        counts = by_area.setdefault(area_id, ResponseCounts(label="No area given", area_id=None))
        counts.add(SampleUnitStatus(status), int(n))
    total = ResponseCounts(label="All sample units")
    for counts in by_area.values():
        total += counts
    ordered = sorted(by_area.values(), key=lambda c: (c.area_id is None, c.label))

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

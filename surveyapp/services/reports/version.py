"""The data version: a short hash of everything a report is built from.

Completed interviews and their weights, the sample, police records, census
totals, area boundaries, the quality rules: new data gives a new version, so the cache never
serves a report built from older data. A microdata release holds less and is keyed by
:func:`release_version`, so an upload it does not contain does not rebuild it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

import sqlalchemy as sa

from ...models import (
    Area,
    AreaBoundary,
    InstrumentVersion,
    Interview,
    InterviewStatus,
    PoliceRecord,
    PopulationTotal,
    SampleUnit,
    Wave,
    WaveArea,
    WaveStatus,
)
from .. import DBSession
from .settings import DEFAULT_SETTINGS, ReportSettings

#: Bump when a change of this module or of the analysis changes what a report shows.
#: 2: the standard indicators a questionnaire does not measure; 3: the fear model of an
#: adaptation without a covariate's item is fitted without that term; 4: the fear model's
#: chart names the model's interval level, not the report's, and the paradox note only the
#: pairs its table compares (both in this session: no release had 4 without the second);
#: 5: an adaptation's notes name what each part lacks (fear by victimization status without
#: its neighbourhood row, the media section without the exposure), and an indicator whose
#: denominator's items are not asked is named as not measured instead of estimated from nobody;
#: 6: the indicator table holds each estimate's reasons as codes (column ``reasons``), which the
#: downloads word in their language.
FORMAT_VERSION = "6"


def _fingerprint(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, float):
        return repr(round(value, 9))
    return str(value)


def data_version(
    session: DBSession, wave: Wave, settings: ReportSettings = DEFAULT_SETTINGS
) -> str:
    """A hash of everything the wave's reports are built from (a few aggregate queries).

    Counts, largest ids, summed optimistic-lock versions and weights of the
    completed interviews, the sample units (and their probabilities and eligible
    adults, which the provisional weights read), police records and census totals:
    a new or changed interview, a re-weighting or an upload changes it.
    """
    parts: list[Any] = [FORMAT_VERSION, settings.tag, wave.id, wave.instrument_version_id]
    parts.append(wave.indicator_interviews.value)  # which interviews count (services/feeds.py)
    parts += _interview_parts(session, wave.id)
    previous = previous_wave(session, wave)
    if previous is not None:  # reports compare with it
        parts += [previous.id, *_interview_parts(session, previous.id)]
    parts += _sample_parts(session, wave.id)
    parts += _aggregates(
        session,
        sa.func.max(PoliceRecord.id),
        sa.func.sum(PoliceRecord.count),
        sa.func.max(PoliceRecord.uploaded_at),
    )
    parts += _population_parts(session)
    parts += _aggregates(session, sa.func.max(Area.id))
    # maps: a new or replaced boundary redraws the reports
    parts += _aggregates(
        session, sa.func.max(AreaBoundary.id), sa.func.max(AreaBoundary.uploaded_at)
    )
    return _hash(parts)


def release_version(session: DBSession, wave: Wave, *, public: bool) -> str:
    """A hash of what the wave's microdata release is built from (services/release.py).

    The wave's study description (slug, name, dates, questionnaire, which interviews
    count), its completed interviews and weights, its sample units and the area tree the
    records' states and municipalities come from; for the public edition also the census
    totals its disclosure control reads. Not police records, boundaries, the previous wave
    or the report settings: a release holds none of them, so uploading them keeps it.
    The release's format and disclosure policy are in its key besides
    (``release_downloads.release_key``).
    """
    parts: list[Any] = ["release", wave.id, wave.slug, wave.name, wave.instrument_version_id]
    parts += [wave.reference_start, wave.reference_end, wave.fieldwork_start, wave.fieldwork_end]
    parts.append(wave.indicator_interviews.value)
    parts += _interview_parts(session, wave.id)
    parts += _sample_parts(session, wave.id)
    parts += _aggregates(session, sa.func.max(Area.id))
    if public:
        parts += _population_parts(session)
    return _hash(parts)


def _hash(parts: list[Any]) -> str:
    text = "|".join(_fingerprint(p) for p in parts)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def _sample_parts(session: DBSession, wave_id: int) -> list[Any]:
    """What the weights and areas read of the sample. The eligible adults too: a roster sent
    with a later, broken-off interview of a unit changes them, and with them the provisional
    weight of the unit's completed interview sent without one (records.py), while no count,
    id, version or probability changes."""
    return _aggregates(
        session,
        sa.func.max(SampleUnit.id),
        sa.func.sum(SampleUnit.selection_probability),
        sa.func.sum(SampleUnit.area_id),
        sa.func.sum(SampleUnit.eligible_adults),
        where=SampleUnit.wave_id == wave_id,
    )


def _population_parts(session: DBSession) -> list[Any]:
    return _aggregates(
        session, sa.func.max(PopulationTotal.id), sa.func.sum(PopulationTotal.population)
    )


def _aggregates(
    session: DBSession, *columns: sa.ColumnElement[Any], where: sa.ColumnElement[bool] | None = None
) -> list[Any]:
    """The row count and ``columns`` of one table (its largest id, sums), in one query."""
    query = sa.select(sa.func.count(), *columns)
    if where is not None:
        query = query.where(where)
    return list(session.execute(query).one())


def _interview_parts(session: DBSession, wave_id: int) -> list[Any]:
    return _aggregates(
        session,
        sa.func.max(Interview.id),
        sa.func.sum(Interview.version),
        sa.func.max(Interview.updated_at),
        sa.func.sum(Interview.final_weight),
        where=(Interview.wave_id == wave_id) & (Interview.status == InterviewStatus.completed),
    )


def previous_wave(session: DBSession, wave: Wave) -> Wave | None:
    """The wave a report compares with: the latest earlier wave of the same questionnaire and area.

    Earlier means its reference period ended before this one started; it must
    cover one of this wave's areas and have completed interviews.
    """
    area_ids = [a.id for a in wave.areas]
    if not area_ids:
        return None
    has_data = sa.exists().where(
        Interview.wave_id == Wave.id, Interview.status == InterviewStatus.completed
    )
    return session.scalar(
        sa.select(Wave)
        .join(WaveArea, WaveArea.wave_id == Wave.id)
        .join(InstrumentVersion, InstrumentVersion.id == Wave.instrument_version_id)
        .where(
            Wave.id != wave.id,
            Wave.status != WaveStatus.draft,
            WaveArea.area_id.in_(area_ids),
            Wave.reference_end < wave.reference_start,
            InstrumentVersion.instrument_id == wave.instrument_version.instrument_id,
            has_data,
        )
        .order_by(Wave.reference_end.desc(), Wave.id.desc())
        .limit(1)
    )

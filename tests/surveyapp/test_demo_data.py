"""The demonstration loader: a simulated country and wave stored in bulk, ready for reports."""

from __future__ import annotations

import uuid

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from surveyapp.models import (
    Area,
    AreaLevel,
    IncidentRecord,
    Interview,
    InterviewStatus,
    PoliceRecord,
    PopulationTotal,
    SampleUnit,
    SampleUnitStatus,
    Wave,
    WaveStatus,
)
from surveyapp.services.demo_data import _NAMESPACE, SIZES, load_simulated_wave, simulated_wave


def _count(session: Session, query: sa.Select[tuple[int]]) -> int:
    return int(session.scalar(query) or 0)


def test_the_simulation_is_stored_as_a_closed_public_wave(session: Session) -> None:
    loaded = load_simulated_wave(session, seed=5, size="tiny")
    session.commit()
    sim = simulated_wave(5, 1, "tiny")
    wave = session.get(Wave, loaded.wave_id)
    assert wave is not None and loaded.created
    assert wave.status is WaveStatus.closed and wave.public_report
    assert wave.instrument_version.instrument_id == "vict_std"
    assert (wave.reference_start, wave.reference_end) == sim.reference_period

    assert loaded.interviews == len(sim.records)
    assert loaded.sample_units == len(sim.frame)
    assert _count(
        session,
        sa.select(sa.func.count())
        .select_from(SampleUnit)
        .where(SampleUnit.wave_id == wave.id, SampleUnit.status == SampleUnitStatus.completed),
    ) == len(sim.records)
    weights = sorted(
        session.scalars(sa.select(Interview.final_weight).where(Interview.wave_id == wave.id))
    )
    assert weights == pytest.approx(sorted(r["weight"] for r in sim.records))
    assert (
        _count(
            session,
            sa.select(sa.func.count())
            .select_from(Interview)
            .where(Interview.status != InterviewStatus.completed),
        )
        == 0
    )
    incidents = sum(len(r["answers"].get("incident") or []) for r in sim.records)
    assert incidents > 0
    assert _count(session, sa.select(sa.func.count()).select_from(IncidentRecord)) == incidents

    assert loaded.areas == 1 + 2 + 4
    assert _count(
        session,
        sa.select(sa.func.count()).select_from(Area).where(Area.level == AreaLevel.municipality),
    ) == len(sim.areas)
    assert loaded.police_records == len(sim.police)
    assert _count(session, sa.select(sa.func.sum(PoliceRecord.count))) == int(
        sim.police["count"].sum()
    )
    assert _count(session, sa.select(sa.func.sum(PopulationTotal.population))) == int(
        sim.census["population"].sum()
    )

    # answers and design fields of one interview survive the round trip
    record = sim.records[0]
    stored = session.scalar(
        sa.select(Interview).where(
            Interview.uuid == str(uuid.uuid5(_NAMESPACE, f"5/1/{record['interview_id']}"))
        )
    )
    assert stored is not None and stored.sample_unit is not None
    assert stored.answers == record["answers"] and stored.final_weight == pytest.approx(
        record["weight"]
    )
    assert (stored.sample_unit.stratum, stored.sample_unit.psu) == (
        record["stratum"],
        record["psu"],
    )
    assert (
        stored.sample_unit.area is not None
        and stored.sample_unit.area.code == record["municipality"]
    )


def test_loading_the_same_seed_again_changes_nothing(session: Session) -> None:
    first = load_simulated_wave(session, seed=5, size="tiny")
    session.commit()
    again = load_simulated_wave(session, seed=5, size="tiny")
    assert (
        not again.created
        and again.wave_id == first.wave_id
        and again.interviews == first.interviews
    )
    assert _count(session, sa.select(sa.func.count()).select_from(Wave)) == 1


def test_unknown_size(session: Session) -> None:
    with pytest.raises(ValueError, match="size must be one of"):
        load_simulated_wave(session, size="huge")
    assert set(SIZES) >= {"tiny", "small", "large"}


def test_the_quality_page_counts_the_simulated_households_as_the_response_table_does(
    session: Session,
) -> None:
    """A supervisor opening the quality page of a simulated wave saw 'Units 0' next to every
    interview: the households carried a field status but no disposition."""
    from surveyapp.services.dashboard import dashboard
    from surveyapp.services.response import response_by_area

    loaded = load_simulated_wave(session, seed=5, size="tiny")
    session.commit()
    sim = simulated_wave(5, 1, "tiny")
    wave = session.get(Wave, loaded.wave_id)
    assert wave is not None
    board = dashboard(session, wave, within=None)
    table = response_by_area(session, wave).total
    counts = board.wave.counts
    assert counts.total == len(sim.frame) == table.units
    assert counts.complete == len(sim.records) == table.complete == board.wave.interviews
    assert counts.refusal == len(sim.frame) - len(sim.records) == table.refused
    assert sum(row.counts.total for row in board.areas) == len(sim.frame)


def test_the_simulated_interviews_carry_the_quality_figures_their_answers_give(
    session: Session,
) -> None:
    """The quality page of a simulated wave showed '—' for item nonresponse, one-adult
    households and screener 'yes' beside 1,666 interviews whose answers give all three."""
    from surveyapp.services.dashboard import dashboard
    from surveyapp.services.quality import summarise

    loaded = load_simulated_wave(session, seed=5, size="tiny")
    session.commit()
    sim = simulated_wave(5, 1, "tiny")
    stored = session.scalar(
        sa.select(Interview).where(
            Interview.uuid == str(uuid.uuid5(_NAMESPACE, f"5/1/{sim.records[0]['interview_id']}"))
        )
    )
    assert stored is not None and stored.sample_unit is not None
    expected = summarise(stored.answers, {}, "")
    assert (stored.items_answered, stored.items_dont_know, stored.items_refused) == (
        expected.items_answered,
        expected.items_dont_know,
        expected.items_refused,
    )
    assert (stored.screeners_asked, stored.screeners_yes) == (
        expected.screeners_asked,
        expected.screeners_yes,
    )
    assert stored.eligible_adults == stored.sample_unit.eligible_adults
    wave = session.get(Wave, loaded.wave_id)
    assert wave is not None
    row = dashboard(session, wave, within=None).wave
    assert None not in (row.item_nonresponse, row.one_adult, row.screener_yes)
    # no clock was simulated: no day, hour or duration is made up
    assert row.median_minutes is None and stored.local_hour is None

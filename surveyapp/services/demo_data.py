"""Load a simulated country and survey wave into the database, for demonstrations.

:func:`load_simulated_wave` takes :func:`analysis.simulate.simulate_country`
(areas, census, sample, weights, answers in the standard questionnaire's
codes, police-recorded crime) and stores it as a closed, public wave with
completed interviews and their final weights, so the observatory has reports
to download on a newcomer's first visit. Rows are inserted in bulk (no ORM
object per interview): a few thousand interviews load in a second or two.
numpy, pandas and the simulation are imported when a wave is loaded: the CLI
imports this module for ``SIZES`` and must start fast.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from questionnaires.loader import standard_instrument_paths

from ..models import (
    Area,
    AreaLevel,
    Disposition,
    IncidentRecord,
    InstrumentVersion,
    Interview,
    InterviewStatus,
    Mode,
    PoliceRecord,
    PopulationTotal,
    SampleUnit,
    SampleUnitStatus,
    Wave,
    WaveStatus,
)
from . import DBSession
from .areas import create_area, walk_down
from .boundaries import store_generated_boundaries
from .instruments import load_instrument_files
from .quality import summarise
from .waves import create_wave, find_wave_by_slug

if TYPE_CHECKING:
    import pandas as pd

    from analysis.simulate import SimulatedWave

#: Simulation settings by size: ``small`` loads in seconds (8 states x 10 municipalities).
SIZES: dict[str, dict[str, Any]] = {
    "tiny": {
        "n_states": 2,
        "municipalities_per_state": 2,
        "households": 400,
        "blocks_per_municipality": (10, 20),
    },  # for tests
    "small": {
        "n_states": 8,
        "municipalities_per_state": 10,
        "households": 2400,
        "blocks_per_municipality": (6, 12),
    },
    "medium": {"n_states": 16, "municipalities_per_state": (4, 8), "households": 8000},
    "large": {"n_states": 32, "municipalities_per_state": (2, 6), "households": 30000},
}
SOURCE = "Simulated (analysis.simulate)"
#: Wave n is interviewed in FIRST_YEAR + n about the year before.
FIRST_YEAR = 2024
_NAMESPACE = uuid.UUID("8f7d6c1e-2b3a-4c5d-9e8f-0a1b2c3d4e5f")


@dataclasses.dataclass(frozen=True)
class LoadedWave:
    """What was loaded (or found already loaded)."""

    wave_id: int
    slug: str
    created: bool
    interviews: int
    sample_units: int
    areas: int
    police_records: int
    population_totals: int


def wave_slug(seed: int, wave: int = 1) -> str:
    return f"simulated-{seed}-{wave}"


def _vict_std(session: DBSession) -> InstrumentVersion:
    version = session.scalar(
        sa.select(InstrumentVersion)
        .where(InstrumentVersion.instrument_id == "vict_std")
        .order_by(InstrumentVersion.loaded_at.desc())
        .limit(1)
    )
    if version is None:
        paths = [p for p in standard_instrument_paths() if p.stem == "vict_std"]
        [(version, _created)] = load_instrument_files(session, paths)
    return version


def _areas(
    session: DBSession, seed: int, areas: pd.DataFrame, census: pd.DataFrame
) -> tuple[Area, dict[str, int]]:
    """The country, its states and municipalities; municipality code -> id."""
    code = f"SIM{seed}"
    country = session.scalar(
        sa.select(Area).where(Area.level == AreaLevel.country, Area.code == code)
    )
    adults = census.groupby("municipality")["population"].sum()
    if country is None:
        country = create_area(
            session,
            level=AreaLevel.country,
            code=code,
            name=f"República Simulada {seed}",
            population=int(adults.sum()),
        )
    existing = {(a.level, a.parent_id, a.code): a for a in session.scalars(sa.select(Area))}
    municipalities: dict[str, int] = {}
    for state_code, group in areas.groupby("state", sort=True):
        state = existing.get((AreaLevel.region, country.id, str(state_code)))
        if state is None:
            state = create_area(
                session,
                level=AreaLevel.region,
                code=str(state_code),
                name=str(group["state_name"].iloc[0]),
                parent=country,
                population=int(adults[group["municipality"]].sum()),
            )
        for row in group.itertuples():
            muni = existing.get((AreaLevel.municipality, state.id, str(row.municipality)))
            if muni is None:
                muni = create_area(
                    session,
                    level=AreaLevel.municipality,
                    code=str(row.municipality),
                    name=str(row.municipality_name),
                    parent=state,
                    population=int(adults.get(row.municipality, 0)),
                )
            municipalities[str(row.municipality)] = muni.id
    return country, municipalities


def _status(responded: bool) -> SampleUnitStatus:
    return SampleUnitStatus.completed if responded else SampleUnitStatus.refused


def _disposition(responded: bool) -> int:
    """The unit's disposition as services/dispositions.py would store it: the quality page
    reads this column, the response table the status; both must say the same."""
    return int(Disposition.complete if responded else Disposition.refusal)


def _answer_figures(answers: dict[str, Any]) -> dict[str, int]:
    figures = summarise(json_plain(answers), {}, "")
    return {
        "items_answered": figures.items_answered,
        "items_dont_know": figures.items_dont_know,
        "items_refused": figures.items_refused,
        "screeners_asked": figures.screeners_asked,
        "screeners_yes": figures.screeners_yes,
    }


def _sample_rows(
    frame: pd.DataFrame, wave_id: int, municipalities: dict[str, int]
) -> list[dict[str, Any]]:
    probability = (frame["p_psu"] * frame["p_household"]).to_numpy(dtype=float)
    return [
        {
            "wave_id": wave_id,
            "external_id": f"H{int(h):07d}",
            "address": None,
            "area_id": municipalities[str(m)],
            "stratum": str(s),
            "psu": str(p),
            "selection_probability": float(prob),
            "eligible_adults": int(a),
            "status": _status(bool(r)),
            "disposition": _disposition(bool(r)),
        }
        for h, m, s, p, prob, a, r in zip(
            frame["household"],
            frame["municipality"],
            frame["stratum"],
            frame["psu"],
            probability,
            frame["adults"],
            frame["responded"],
            strict=True,
        )
    ]


def _police_rows(police: pd.DataFrame, municipalities: dict[str, int]) -> list[dict[str, Any]]:
    rows = []
    for area, period, crime, count, population in zip(
        police["area"],
        police["period"],
        police["crime_type"],
        police["count"],
        police["population"],
        strict=True,
    ):
        year = int(str(period)[:4])
        rows.append(
            {
                "area_id": municipalities[str(area)],
                "period_start": dt.date(year, 1, 1),
                "period_end": dt.date(year, 12, 31),
                "crime_type": str(int(crime)),
                "count": int(count),
                "population": int(population),
                "source": SOURCE,
            }
        )
    return rows


def _census_rows(
    census: pd.DataFrame, municipalities: dict[str, int], year: int
) -> list[dict[str, Any]]:
    totals = census.groupby(["municipality", "sex", "age_group"], as_index=False)[
        "population"
    ].sum()
    return [
        {
            "area_id": municipalities[str(m)],
            "reference_year": year,
            "sex": str(int(sex)),
            "age_group": str(group),
            "population": int(people),
            "source": SOURCE,
        }
        for m, sex, group, people in zip(
            totals["municipality"],
            totals["sex"],
            totals["age_group"],
            totals["population"],
            strict=True,
        )
    ]


def json_plain(value: Any) -> Any:
    """JSON-safe copies of numpy scalars inside an answers document."""
    import numpy as np

    if isinstance(value, dict):
        return {k: json_plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [json_plain(v) for v in value]
    if isinstance(value, np.generic):
        return value.item()
    return value


def load_simulated_wave(
    session: DBSession,
    *,
    seed: int = 1,
    size: str = "small",
    wave: int = 1,
    public: bool = True,
    mode: Mode = Mode.tablet,
) -> LoadedWave:
    """Simulate a country and one wave (deterministic in ``seed``) and store it; flushes, never commits.

    A wave already loaded for this seed is found and returned unchanged.
    ``size`` is a key of :data:`SIZES`; ``mode`` is the collection mode the interviews are
    stored with (the regional comparison notes a difference of mode between countries).
    """
    if size not in SIZES:
        raise ValueError(f"size must be one of {', '.join(SIZES)}; got {size!r}")
    slug = wave_slug(seed, wave)
    found = find_wave_by_slug(session, slug)
    if found is not None:
        return _summary(session, found, created=False)
    sim = simulated_wave(seed, wave, size)
    version = _vict_std(session)
    country, municipalities = _areas(session, seed, sim.areas, sim.census)
    store_generated_boundaries(session, country)  # maps appear out of the box
    start, end = sim.reference_period
    created = create_wave(
        session,
        name=f"Encuesta de victimización simulada {sim.interview_date.year} (semilla {seed})",
        slug=slug,
        instrument_version=version,
        reference_start=start,
        reference_end=end,
        fieldwork_start=sim.interview_date - dt.timedelta(days=30),
        fieldwork_end=sim.interview_date,
        modes=[mode],
        invitation_required=True,
        status=WaveStatus.closed,
        public_report=public,
        areas=[country],
    )
    session.execute(sa.insert(SampleUnit), _sample_rows(sim.frame, created.id, municipalities))
    unit_ids = dict(
        session.execute(
            sa.select(SampleUnit.external_id, SampleUnit.id).where(SampleUnit.wave_id == created.id)
        ).all()
    )
    household = dict(zip(sim.frame["interview_id"], sim.frame["household"], strict=True))
    adults = dict(zip(sim.frame["interview_id"], sim.frame["adults"], strict=True))
    when = dt.datetime.combine(sim.interview_date, dt.time(12), tzinfo=dt.UTC)
    interviews = [
        {
            "uuid": str(uuid.uuid5(_NAMESPACE, f"{seed}/{wave}/{record['interview_id']}")),
            "wave_id": created.id,
            "sample_unit_id": unit_ids[f"H{int(household[record['interview_id']]):07d}"],
            "instrument_version_id": version.id,
            "mode": mode,
            "status": InterviewStatus.completed,
            "disposition": int(Disposition.complete),
            "language": "es",
            "answers": json_plain(record["answers"]),
            "paradata": {"source": "simulation"},
            # the quality page's figures from the answers, as an upload stores them; no clock
            # was simulated, so no day, hour or duration
            **_answer_figures(record["answers"]),
            "eligible_adults": int(adults[record["interview_id"]]),
            "started_at": when,
            "updated_at": when,
            "completed_at": when,
            "final_weight": float(record["weight"]),
            "version": 1,
        }
        for record in sim.records
    ]
    session.execute(sa.insert(Interview), interviews)
    ids = dict(
        session.execute(
            sa.select(Interview.uuid, Interview.id).where(Interview.wave_id == created.id)
        ).all()
    )
    incidents = [
        {
            "interview_id": ids[row["uuid"]],
            "repeat_code": "incident",
            "position": position,
            "crime_type": None if instance.get("inc_crime") is None else str(instance["inc_crime"]),
            "data": instance,
        }
        for row in interviews
        for position, instance in enumerate(row["answers"].get("incident") or [], start=1)
    ]
    if incidents:
        session.execute(sa.insert(IncidentRecord), incidents)
    police = _police_rows(sim.police, municipalities)
    if police:
        session.execute(sa.insert(PoliceRecord), police)
    census = _census_rows(sim.census, municipalities, start.year)
    session.execute(sa.insert(PopulationTotal), census)
    session.flush()
    return _summary(session, created, created=True)


@lru_cache(maxsize=2)
def simulated_wave(seed: int, wave: int, size: str) -> SimulatedWave:
    """The simulated country and wave, kept (deterministic): the demo field work takes its answers
    from wave 2 just loaded, and tests load the same country many times."""
    from analysis.simulate import simulate_country

    # one year apart, so wave 2 compares with wave 1 (reference periods 2024, 2025, ...)
    return simulate_country(seed, wave=wave, year=FIRST_YEAR + wave, **SIZES[size])


def _summary(session: DBSession, wave: Wave, *, created: bool) -> LoadedWave:
    def count(query: Any) -> int:
        return int(session.scalar(query) or 0)

    country = wave.areas[0] if wave.areas else None
    area_ids = [country.id, *walk_down(session, [country.id])] if country else []
    return LoadedWave(
        wave_id=wave.id,
        slug=wave.slug,
        created=created,
        interviews=count(
            sa.select(sa.func.count()).select_from(Interview).where(Interview.wave_id == wave.id)
        ),
        sample_units=count(
            sa.select(sa.func.count()).select_from(SampleUnit).where(SampleUnit.wave_id == wave.id)
        ),
        areas=len(area_ids),
        police_records=count(
            sa.select(sa.func.count())
            .select_from(PoliceRecord)
            .where(PoliceRecord.area_id.in_(area_ids))
        ),
        population_totals=count(
            sa.select(sa.func.count())
            .select_from(PopulationTotal)
            .where(PopulationTotal.area_id.in_(area_ids))
        ),
    )

"""A synthetic country and survey waves with known truth (see docs/simulation.md).

:func:`simulate_country` draws a country (states, municipalities, blocks,
households, adults), its true victimization, fear and reporting, a
stratified two-stage sample with within-household selection and
nonresponse, answers documents in the standard questionnaire's codes, the
weighting chain of a statistics office, and police-recorded crime.
Everything is determined by ``seed``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from analysis.simulate.answers import Respondents, make_answers
from analysis.simulate.model import Effects, Where, expected_crimes, make_effects, truth_table
from analysis.simulate.population import AGE_LABELS, Population, make_population
from analysis.simulate.sample import draw_sample, weight_sample
from analysis.simulate.topics import add_topic_answers, topic_truth

__all__ = ["DEFAULT_WAVE2_CHANGE", "SimulatedWave", "simulate_country"]

#: the known change of wave 2 when none is given: victimization falls in the
#: first half of the states while fear rises everywhere
DEFAULT_WAVE2_CHANGE: dict[str, float] = {"victimization": -0.35, "fear": 0.3, "states": 0.5}

#: design columns of the records, for :func:`analysis.indicators.compute_indicators`
DESIGN_SPEC: dict[str, Any] = {
    "weight": "weight",
    "household_weight": "weight_household",
    "strata": "stratum",
    "psu": "psu",
    "respondent_id": "interview_id",
}


@dataclass(frozen=True)
class SimulatedWave:
    """One simulated survey wave and the truth behind it.

    Attributes
    ----------
    records : list of dict
        Interview records of the respondents: ``interview_id, wave, state,
        municipality, stratum, psu, area_type, p_psu, p_household, weight,
        weight_household`` and ``answers`` (a ``vict_std`` document).
    frame : DataFrame
        Every sampled household (respondents and nonrespondents) with
        selection probabilities, adults, the selected adult's sex and age,
        ``responded`` and the final weights (0 for nonrespondents).
    areas : DataFrame
        States and municipalities: codes and names.
    census : DataFrame
        Adults by state, municipality, area type, sex and age group.
    truth : DataFrame
        True values: ``indicator, domain_type, domain, value`` (indicator units).
    police : DataFrame
        Police-recorded crimes: ``area, state, period, crime_type, count, population``.
    crimes : DataFrame
        Expected true crimes by municipality and crime type (``crimes,
        reported, with_file``).
    weighting : DataFrame
        Diagnostics of the weighting chains (``weight`` = person/household).
    design_spec : dict
        Column names for :func:`analysis.indicators.compute_indicators`.
    reference_period : (date, date)
        The calendar year before the interviews (ENVIPE).
    interview_date : date
    """

    seed: int
    wave: int
    records: list[dict[str, Any]]
    frame: pd.DataFrame
    areas: pd.DataFrame
    census: pd.DataFrame
    truth: pd.DataFrame
    police: pd.DataFrame
    crimes: pd.DataFrame
    weighting: pd.DataFrame
    design_spec: dict[str, Any]
    reference_period: tuple[dt.date, dt.date]
    interview_date: dt.date

    @cached_property
    def respondents(self) -> pd.DataFrame:
        """:func:`analysis.microdata.respondent_table` of the records."""
        from analysis.microdata import respondent_table

        return respondent_table(self.records)

    @cached_property
    def incidents(self) -> pd.DataFrame:
        """:func:`analysis.microdata.incident_table` of the records."""
        from analysis.microdata import incident_table

        return incident_table(self.records)


def _respondent_covariates(frame: pd.DataFrame, population: Population) -> Respondents:
    areas = population.areas
    state_index = pd.Index(sorted(areas["state"].unique())).get_indexer(pd.Index(frame["state"]))
    mun_index = pd.Index(areas["municipality"]).get_indexer(pd.Index(frame["municipality"]))
    group = pd.Index(AGE_LABELS).get_indexer(pd.Index(frame["age_group"]))
    hh = population.households
    h = frame["household"].to_numpy()
    return Respondents(
        at=Where(
            state_index,
            mun_index,
            frame["block"].to_numpy(),
            frame["sex"].to_numpy(),
            group,
        ),
        age=frame["age"].to_numpy(),
        adults=frame["adults"].to_numpy(),
        size=frame["size"].to_numpy(),
        area_type=frame["area_type"].to_numpy(),
        own={c: hh[c].to_numpy()[h] for c in ("own_car", "own_moto", "own_bike")},
    )


def _police(
    rng: np.random.Generator, population: Population, crimes: pd.DataFrame, year: int
) -> pd.DataFrame:
    """Police-recorded crimes: a Poisson draw around 90% of crimes with an investigation file."""
    adults = population.census().groupby("municipality")["population"].sum()
    state = dict(zip(population.areas["municipality"], population.areas["state"], strict=True))
    return pd.DataFrame(
        {
            "area": crimes["municipality"].to_numpy(),
            "state": crimes["municipality"].map(state).to_numpy(),
            "period": str(year),
            "crime_type": crimes["crime_type"].to_numpy(),
            "count": rng.poisson(0.9 * crimes["with_file"].to_numpy()),
            "population": crimes["municipality"].map(adults).to_numpy(),
        }
    )


def simulate_country(
    seed: int,
    n_states: int = 32,
    municipalities_per_state: int | tuple[int, int] = (2, 6),
    blocks_per_municipality: tuple[int, int] = (20, 60),
    households_per_block: float = 60.0,
    households: int = 12_000,
    households_per_psu: int = 8,
    wave: int = 1,
    change: Mapping[str, float] | None = None,
    special_rate: float = 0.01,
    year: int = 2025,
) -> SimulatedWave:
    """Simulate a country and one survey wave, deterministically from ``seed``.

    Parameters
    ----------
    seed : int
        Determines the country (areas, population, effects) and, with
        ``wave``, the sample and the answers.
    n_states : int
        States, coded ``01``..; municipalities are coded state + 3 digits.
    municipalities_per_state : int or (low, high)
    blocks_per_municipality : (low, high)
        Blocks (PSUs) per municipality, urban and rural.
    households_per_block : float
        Mean households in an urban block (rural: 60% of it).
    households : int
        Target number of sampled households (before nonresponse), allocated
        equally to the states.
    households_per_psu : int
        Households drawn in each sampled block.
    wave : int
        1, 2, ...; waves after the first apply ``change``.
    change : mapping, optional
        Known change of waves after the first: ``{"victimization": log-odds,
        "fear": log-odds, "states": share of states (the first ones) whose
        victimization changes}``; default :data:`DEFAULT_WAVE2_CHANGE`.
    special_rate : float
        Probability of a don't-know/refused answer on each item allowing one
        (0 makes the truth exact for the estimands).
    year : int
        Interview year; the reference period is the year before.

    Returns
    -------
    SimulatedWave

    Examples
    --------
    >>> sim = simulate_country(seed=1, n_states=8, households=3000)  # doctest: +SKIP
    >>> compute_indicators(sim.respondents, sim.incidents, sim.design_spec)  # doctest: +SKIP
    """
    if households < 2 * households_per_psu:
        raise ValueError("households must allow at least two PSUs")
    if households_per_psu < 1:
        raise ValueError("households_per_psu must be at least 1")
    if not 0.0 <= special_rate < 0.5:
        raise ValueError(f"special_rate must be in [0, 0.5); got {special_rate}")
    if wave < 1:
        raise ValueError(f"wave must be 1 or more; got {wave}")
    country = np.random.default_rng(np.random.SeedSequence([seed, 0]))
    population = make_population(
        country, n_states, municipalities_per_state, blocks_per_municipality, households_per_block
    )
    wave_change = None if wave == 1 else (DEFAULT_WAVE2_CHANGE if change is None else change)
    effects: Effects = make_effects(country, population, wave_change)
    stream = np.random.default_rng(np.random.SeedSequence([seed, wave]))
    frame = draw_sample(stream, population, households, households_per_psu, wave)
    person_w, household_w, diagnostics = weight_sample(frame, population)
    frame["weight"] = person_w.to_numpy()
    frame["weight_household"] = household_w.to_numpy()
    responding = frame[frame["responded"]].reset_index(drop=True)
    people = _respondent_covariates(responding, population)
    docs = make_answers(stream, people, effects, special_rate, year - 1)
    # the later modules from a stream of their own: the answers above do not depend on them
    topics = np.random.default_rng(np.random.SeedSequence([seed, wave, 1]))
    add_topic_answers(topics, docs, people.at, effects, special_rate)
    meta = [
        "interview_id",
        "wave",
        "state",
        "municipality",
        "stratum",
        "psu",
        "area_type",
        "p_psu",
        "p_household",
        "weight",
        "weight_household",
    ]
    records: list[dict[str, Any]] = [
        {
            **{str(k): (v.item() if isinstance(v, np.generic) else v) for k, v in row.items()},
            "answers": doc,
        }
        for row, doc in zip(responding[meta].to_dict("records"), docs, strict=True)
    ]
    crimes = expected_crimes(population, effects)
    return SimulatedWave(
        seed=seed,
        wave=wave,
        records=records,
        frame=frame,
        areas=population.areas,
        census=population.census(),
        truth=pd.concat(
            [truth_table(population, effects), topic_truth(population, effects)],
            ignore_index=True,
        )[["indicator", "domain_type", "domain", "value"]],
        police=_police(stream, population, crimes, year - 1),
        crimes=crimes,
        weighting=diagnostics,
        design_spec=dict(DESIGN_SPEC),
        reference_period=(dt.date(year - 1, 1, 1), dt.date(year - 1, 12, 31)),
        interview_date=dt.date(year, 3, 15),
    )

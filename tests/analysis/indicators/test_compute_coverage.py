"""The simulated truth lies inside the intervals about as often as the level says.

One simulated wave without special answers (so that the truth is exactly the
estimand) is analysed by compute_indicators; every state, sex, age group and
the nation give an interval for each indicator with a closed-form truth.
Rare crimes (expected counts of a few cases per state) are left out: their
intervals are degenerate at 0 and the normal approximation does not hold.
The 50% intervals are checked too, so that intervals much too wide (which
would pass a 90% check) fail.
"""

from __future__ import annotations

from functools import cache

import pandas as pd
import pytest

from analysis.indicators import catalogue, compute_indicators
from analysis.simulate import SimulatedWave, simulate_country

RARE = {"prev_kidnap", "prev_sex", "sdg_16_1_3_sexual", "prev_assault", "sdg_16_1_3_physical"}


@cache
def _wave(seed: int, n_states: int, households: int) -> SimulatedWave:
    return simulate_country(seed, n_states=n_states, households=households, special_rate=0.0)


@cache
def _intervals(seed: int, level: float, n_states: int, households: int) -> pd.DataFrame:
    sim = _wave(seed, n_states, households)
    ids = sorted(set(sim.truth["indicator"]) - RARE)
    table = compute_indicators(
        sim.respondents,
        sim.incidents,
        sim.design_spec,
        indicators=ids,
        level=level,
        domains=["national", "state", "sex", "age_group", "youth"],
    )
    merged = table.merge(
        sim.truth, on=["indicator", "domain_type", "domain"], validate="one_to_one"
    )
    # household indicators (prevalence, protection) have no truth by the respondent's sex or age
    without = table[
        ~table.set_index(["indicator", "domain_type", "domain"]).index.isin(
            merged.set_index(["indicator", "domain_type", "domain"]).index
        )
    ]
    assert set(without["indicator"]) <= {i.id for i in catalogue() if i.level == "household"}
    assert set(without["domain_type"]) <= {"sex", "age_group", "youth"}
    merged["covered"] = (merged["ci_low"] <= merged["value"]) & (
        merged["value"] <= merged["ci_high"]
    )
    return merged


def test_90_percent_intervals_cover_the_truth_about_90_percent_of_the_time() -> None:
    merged = _intervals(2024, 0.90, 16, 6000)
    assert len(merged) > 300
    assert 0.84 <= merged["covered"].mean() <= 0.96
    # no indicator is systematically off
    by_indicator = merged.groupby("indicator")["covered"].mean()
    assert by_indicator.min() >= 0.6


def test_50_percent_intervals_cover_about_half_of_the_time() -> None:
    merged = _intervals(2024, 0.50, 16, 6000)
    assert 0.38 <= merged["covered"].mean() <= 0.62


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_coverage_over_several_large_waves(seed: int) -> None:
    merged = _intervals(seed, 0.90, 32, 12000)
    assert 0.85 <= merged["covered"].mean() <= 0.95

"""Fixtures for the disclosure-control tests: the demo wave's files and its area populations."""

from __future__ import annotations

from functools import cache

import pandas as pd
import pytest

from analysis.simulate import SimulatedWave, simulate_country


@cache
def _demo() -> SimulatedWave:
    # the demo's "small" wave (surveyapp.services.demo_data.SIZES) without importing the server
    return simulate_country(
        1, n_states=8, municipalities_per_state=10, households=2400, blocks_per_municipality=(6, 12)
    )


@pytest.fixture
def demo_files() -> dict[str, pd.DataFrame]:
    """Respondent and incident files of the simulated demo wave (fresh copies)."""
    sim = _demo()
    return {"respondents": sim.respondents.copy(), "incidents": sim.incidents.copy()}


@pytest.fixture
def demo_populations() -> dict[str, float]:
    """Adults of every municipality of the demo country."""
    return {
        str(k): float(v)
        for k, v in _demo().census.groupby("municipality")["population"].sum().items()
    }

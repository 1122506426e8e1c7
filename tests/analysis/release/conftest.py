"""A small simulated wave's release, shared by the release tests."""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

import pytest

from analysis.release import Release, Study, build_release
from analysis.simulate import SimulatedWave, simulate_country

STUDY = Study(
    id="sim-7",
    title="Encuesta simulada",
    reference_start=dt.date(2025, 1, 1),
    reference_end=dt.date(2025, 12, 31),
    fieldwork_start=dt.date(2026, 1, 10),
    fieldwork_end=dt.date(2026, 2, 20),
    country="Simulandia",
    instrument="vict_std 1",
)


@cache
def simulated() -> SimulatedWave:
    return simulate_country(
        7,
        n_states=2,
        municipalities_per_state=2,
        households=500,
        blocks_per_municipality=(10, 20),
        special_rate=0.03,
    )


def rosters() -> dict[Any, dict[str, Any]]:
    """Two interviews with a household roster as a tablet sends it."""
    first, second = (r["interview_id"] for r in simulated().records[:2])
    return {
        first: {
            "method": "kish",
            "roster": [
                {"line": 1, "sex": "m", "age": 44},
                {"line": 2, "sex": "f", "age": 41},
                {"line": 3, "sex": "x", "age": 9},
            ],
            "selected_line": 2,
        },
        second: {
            "method": "kish",
            "roster": [{"line": 1, "sex": "f", "age": 70}],
            "selected_line": 1,
        },
    }


@cache
def _release(language: str) -> Release:
    return build_release(simulated().records, study=STUDY, language=language, households=rosters())


@pytest.fixture
def release() -> Release:
    """The internal edition in Spanish, with two rosters."""
    return _release("es")


@pytest.fixture
def release_in() -> Any:
    return _release

"""Household crimes weighted by the person weight (ENVIPE) or the household weight: a choice.

Expected values are worked out here from the rule, with numpy on the
simulated microdata, not from the indicator code: with the household weight
each household crime counts once per household (``weight_household``), with
the person weight once per adult it stands for.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd
import pytest

from analysis.crime_types import CRIME_STEMS, HOUSEHOLD_STEMS, PERSONAL_STEMS
from analysis.indicators import compute_indicators
from analysis.microdata import screener_prefix
from analysis.simulate import SimulatedWave, simulate_country

ASKED = [
    "incidence",
    "incidence_burg",
    "incidence_rob",
    "prev_person",
    "reporting_rate_burg",
    "reporting_rate_rob",
]


@cache
def _sim() -> SimulatedWave:
    return simulate_country(11, n_states=3, households=1500, blocks_per_municipality=(6, 12))


@cache
def _tables() -> tuple[pd.DataFrame, pd.DataFrame]:
    sim = _sim()
    run = {
        mode: compute_indicators(
            sim.respondents,
            sim.incidents,
            sim.design_spec,
            domains=["national"],
            indicators=ASKED,
            household_crimes=mode,
        ).set_index("indicator")
        for mode in ("person", "household")
    }
    return run["person"], run["household"]


def _counts(frame: pd.DataFrame, stems: tuple[str, ...]) -> np.ndarray:
    total = np.zeros(len(frame))
    for stem in stems:
        prefix = screener_prefix(stem)
        yes = pd.to_numeric(frame[f"{prefix}_12m"], errors="coerce").to_numpy() == 1
        n = pd.to_numeric(frame[f"{prefix}_n"], errors="coerce").to_numpy(dtype=float)
        total += np.where(yes, np.where(np.isnan(n) | (n < 0), 1.0, n), 0.0)
    return total


def test_the_simulated_households_have_several_adults() -> None:
    frame = _sim().respondents
    ratio = frame["weight_household"] / frame["weight"]
    assert (ratio < 0.99).mean() > 0.3, "the choice would change nothing"


def test_incidence_counts_household_crimes_once_per_household_when_asked() -> None:
    frame = _sim().respondents
    w, wh = frame["weight"].to_numpy(float), frame["weight_household"].to_numpy(float)
    personal, household = _counts(frame, PERSONAL_STEMS), _counts(frame, HOUSEHOLD_STEMS)
    person, by_household = _tables()
    expected_person = 1e5 * (w @ personal + w @ household) / w.sum()
    expected_household = 1e5 * (w @ personal + wh @ household) / w.sum()
    assert person.loc["incidence", "estimate"] == pytest.approx(expected_person, rel=1e-9)
    assert by_household.loc["incidence", "estimate"] == pytest.approx(expected_household, rel=1e-9)
    assert expected_household < expected_person
    burg = _counts(frame, ("burg",))
    assert by_household.loc["incidence_burg", "estimate"] == pytest.approx(
        1e5 * (wh @ burg) / w.sum(), rel=1e-9
    )


def test_personal_crimes_and_prevalence_do_not_change() -> None:
    person, by_household = _tables()
    for ident in ("incidence_rob", "prev_person", "reporting_rate_rob"):
        assert by_household.loc[ident, "estimate"] == pytest.approx(
            person.loc[ident, "estimate"], rel=1e-12
        ), ident
        assert by_household.loc[ident, "se"] == pytest.approx(person.loc[ident, "se"], rel=1e-12), (
            ident
        )


def test_reporting_of_household_crimes_uses_the_household_weight_when_asked() -> None:
    sim = _sim()
    frame, incidents = sim.respondents, sim.incidents
    burg_code = next(c for c, s in CRIME_STEMS.items() if s == "burg")
    rows = incidents[pd.to_numeric(incidents["inc_crime"]) == burg_code]
    rows = rows[pd.to_numeric(rows["inc_factor"], errors="coerce").notna()]
    weights = frame.set_index("interview_id").loc[rows["interview_id"]]
    known = pd.to_numeric(rows["inc_reported"], errors="coerce").isin([1, 2]).to_numpy()
    reported = (pd.to_numeric(rows["inc_reported"], errors="coerce") == 1).to_numpy()
    factor = pd.to_numeric(rows["inc_factor"]).to_numpy(float)
    person, by_household = _tables()
    for column, table in (("weight", person), ("weight_household", by_household)):
        w = weights[column].to_numpy(float) * factor
        expected = 100 * (w * reported)[known].sum() / w[known].sum()
        assert table.loc["reporting_rate_burg", "estimate"] == pytest.approx(expected, rel=1e-9), (
            column
        )


def test_an_unknown_choice_is_refused() -> None:
    sim = _sim()
    with pytest.raises(ValueError, match="household_crimes must be one of person, household"):
        compute_indicators(
            sim.respondents,
            sim.incidents,
            sim.design_spec,
            indicators=["incidence"],
            household_crimes="family",
        )  # type: ignore[arg-type]

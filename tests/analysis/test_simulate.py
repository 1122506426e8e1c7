"""The simulator: deterministic, valid answers, weights that hit the census, a known wave change."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.microdata import standard_instrument
from analysis.simulate import DEFAULT_WAVE2_CHANGE, SimulatedWave, simulate_country
from questionnaires.engine import validate_answers

SMALL = {"n_states": 4, "households": 1200, "blocks_per_municipality": (10, 30)}


@cache
def _wave(seed: int = 7, wave: int = 1, special_rate: float = 0.01) -> SimulatedWave:
    return simulate_country(seed, wave=wave, special_rate=special_rate, **SMALL)  # type: ignore[arg-type]


def test_same_seed_same_wave_and_another_seed_another() -> None:
    again = simulate_country(7, special_rate=0.01, **SMALL)  # type: ignore[arg-type]
    first = _wave()
    assert json.dumps(again.records, sort_keys=True) == json.dumps(first.records, sort_keys=True)
    pd.testing.assert_frame_equal(again.truth, first.truth)
    pd.testing.assert_frame_equal(again.police, first.police)
    other = simulate_country(8, special_rate=0.01, **SMALL)  # type: ignore[arg-type]
    assert json.dumps(other.records, sort_keys=True) != json.dumps(first.records, sort_keys=True)


def test_answers_are_valid_documents_of_the_standard_questionnaire() -> None:
    sim = _wave(special_rate=0.05)  # many special answers, to exercise them
    instrument = standard_instrument()
    problems = {}
    for record in sim.records[:300]:
        found = validate_answers(
            instrument,
            record["answers"],
            today=sim.interview_date,
            reference_period=sim.reference_period,
        )
        if found:
            problems[record["interview_id"]] = found
    assert problems == {}
    answers = [r["answers"] for r in sim.records]
    assert any("incident" in a for a in answers)
    assert any(a.get("pv_assault_5y") == -9 for a in answers)
    assert any(a.get("per_dark") == 5 for a in answers)
    assert any(a.get("brib_contact") == [0] for a in answers)


def test_areas_have_official_looking_codes_and_names() -> None:
    areas = _wave().areas
    assert areas["state"].str.fullmatch(r"\d{2}").all()
    assert areas["municipality"].str.fullmatch(r"\d{5}").all()
    assert (areas["municipality"].str[:2] == areas["state"]).all()
    assert areas["municipality_name"].is_unique
    assert set(areas["state"]) == {"01", "02", "03", "04"}


def test_person_weights_rake_to_the_census_and_household_weights_to_households() -> None:
    sim = _wave()
    resp = sim.frame[sim.frame["responded"]]
    census = sim.census.groupby(["state", "sex"])["population"].sum()
    weighted = resp.groupby(["state", "sex"])["weight"].sum()
    np.testing.assert_allclose(
        weighted.to_numpy(), census.loc[weighted.index].to_numpy(), rtol=1e-8
    )
    by_age = resp.groupby(["state", "age_group"])["weight"].sum()
    census_age = sim.census.groupby(["state", "age_group"])["population"].sum()
    np.testing.assert_allclose(
        by_age.to_numpy(), census_age.loc[by_age.index].to_numpy(), rtol=1e-8
    )
    assert (sim.frame.loc[~sim.frame["responded"], "weight"] == 0).all()
    assert list(sim.weighting["step"][sim.weighting["weight"] == "person"]) == [
        "base",
        "within_household",
        "nonresponse",
        "rake",
    ]


def test_selection_probabilities_and_nonresponse_by_age() -> None:
    frame = _wave(seed=11).frame
    assert ((frame["p_psu"] > 0) & (frame["p_psu"] < 1)).all()
    assert ((frame["p_household"] > 0) & (frame["p_household"] <= 1)).all()
    # every stratum has at least two PSUs, so the design has no lonely PSU
    assert (frame.groupby("stratum")["psu"].nunique() >= 2).all()
    rate = frame.groupby("age_group")["responded"].mean()
    assert rate["18-29"] < rate["60+"]


def test_truth_has_every_domain_and_fear_is_not_proportional_to_victimization() -> None:
    truth = _wave().truth
    assert set(truth["domain_type"]) == {
        "national",
        "state",
        "municipality",
        "sex",
        "age_group",
        "youth",
    }
    states = truth[truth["domain_type"] == "state"].pivot(
        index="domain", columns="indicator", values="value"
    )
    ratio = states["insecure_nbhd"] / states["prev_person"]
    assert ratio.std() / ratio.mean() > 0.1
    national = truth[truth["domain_type"] == "national"].set_index("indicator")["value"]
    assert 15 < national["prev_person"] < 45
    assert national["insecure_nbhd"] < national["insecure_muni"] < national["insecure_state"]
    assert 80 < national["dark_figure"] < 97


def test_second_wave_applies_the_known_change() -> None:
    first, second = _wave(), _wave(wave=2)
    assert second.records[0]["interview_id"].startswith("W2-")
    pd.testing.assert_frame_equal(first.areas, second.areas)
    t1 = first.truth.set_index(["indicator", "domain_type", "domain"])["value"]
    t2 = second.truth.set_index(["indicator", "domain_type", "domain"])["value"]
    states = sorted(first.areas["state"].unique())
    changed = states[: round(DEFAULT_WAVE2_CHANGE["states"] * len(states))]
    for state in states:
        delta = t2["prev_person", "state", state] - t1["prev_person", "state", state]
        if state in changed:
            assert delta < -1.0
        else:
            assert delta == pytest.approx(0.0, abs=1e-9)
        assert t2["insecure_nbhd", "state", state] > t1["insecure_nbhd", "state", state]


def test_police_record_a_fraction_of_crimes() -> None:
    sim = _wave()
    police = sim.police
    assert list(police.columns) == ["area", "state", "period", "crime_type", "count", "population"]
    assert set(police["period"]) == {str(sim.reference_period[0].year)}
    totals = police.groupby("area")["count"].sum()
    crimes = sim.crimes.groupby("municipality")["crimes"].sum()
    assert (totals < crimes.loc[totals.index]).all()
    assert totals.sum() > 0


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"households": 5}, "at least two PSUs"),
        ({"special_rate": 0.7}, "special_rate"),
        ({"wave": 0}, "wave"),
        ({"n_states": 0}, "n_states"),
        ({"wave": 2, "change": {"crime": 1.0}}, "unknown key"),
    ],
)
def test_bad_arguments_are_refused(arguments: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        simulate_country(1, **{**SMALL, **arguments})  # type: ignore[arg-type]


def test_newer_modules_have_truths_youth_crime_overstated() -> None:
    sim = _wave()
    national = sim.truth[sim.truth["domain_type"] == "national"].set_index("indicator")["value"]
    # people picture more youth crime than victims describe: the gap the brief is about
    assert national["youth_share_perceived"] - national["youth_share_incidents"] > 10
    assert national["youth_gap_incidents"] == pytest.approx(
        national["youth_share_perceived"] - national["youth_share_incidents"]
    )
    assert 0 < national["disorder_index"] < 7
    assert national["protection_spending"] > national["protection_spending_all"] > 0
    households = sim.truth[sim.truth["indicator"] == "private_security"]
    assert set(households["domain_type"]) == {"national", "state", "municipality"}
    contact = [
        i for r in sim.records for i in r["answers"].get("incident", []) if i["inc_crime"] == 11
    ]
    assert contact and all("inc_offender_age" in i for i in contact)


def test_the_newer_answers_leave_the_earlier_ones_as_they_were() -> None:
    """The R fixture of the earlier indicators was written before the newer modules existed."""
    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "r" / "indicators"
    text = {c: str for c in ("interview_id", "state", "municipality", "stratum", "psu")}
    before = pd.read_csv(fixture / "respondents.csv", dtype=text)
    sim = simulate_country(20261128, n_states=6, households=2400, special_rate=0.02)
    now = sim.respondents[before.columns].reset_index(drop=True)
    pd.testing.assert_frame_equal(now, before, check_dtype=False)

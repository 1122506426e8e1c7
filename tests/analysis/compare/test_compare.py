"""Comparisons: changes between waves, domain differences, perceived vs actual, fear gap, fear model."""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from analysis import compare
from analysis.design import SurveyDesign
from analysis.indicators import compute_indicators, indicator_variables
from analysis.indicators.catalogue import get_indicator
from analysis.simulate import SimulatedWave, simulate_country

SIZE = {"n_states": 6, "households": 3000}
IDS = [
    "prev_person",
    "incidence",
    "trend_area_up",
    "insecure_nbhd",
    "insecure_muni",
    "insecure_state",
    "likely",
    "dark_figure",
    "corruption_officials",
    "trust_police",
]


@cache
def _wave(wave: int) -> SimulatedWave:
    change = {"victimization": -0.4, "fear": 0.6, "states": 0.5}
    return simulate_country(31, wave=wave, change=change, special_rate=0.0, **SIZE)  # type: ignore[arg-type]


@cache
def _table(wave: int) -> pd.DataFrame:
    sim = _wave(wave)
    return compute_indicators(
        sim.respondents,
        sim.incidents,
        sim.design_spec,
        indicators=IDS,
        domains=["national", "state", "sex"],
    )


def test_wave_difference_by_hand() -> None:
    keys = {"indicator": ["x"], "domain_type": ["national"], "domain": ["national"]}
    a = pd.DataFrame({**keys, "estimate": [40.0], "se": [1.5], "df": [60.0]})
    b = pd.DataFrame({**keys, "estimate": [44.0], "se": [2.0], "df": [70.0]})
    out = compare.wave_difference(b, a)
    row = out.iloc[0]
    assert list(out.columns) == list(compare.DIFFERENCE_COLUMNS)
    assert row["difference"] == pytest.approx(4.0)
    assert row["se"] == pytest.approx(2.5)
    assert row["df"] == 130
    assert row["p"] == pytest.approx(2 * stats.t.sf(1.6, 130))
    assert not row["significant"]
    q = stats.t.ppf(0.975, 130)
    assert row["ci_low"] == pytest.approx(4.0 - q * 2.5)


def test_a_known_change_between_waves_is_detected_and_no_change_is_not() -> None:
    out = compare.wave_difference(_table(2), _table(1))
    national = out[out["domain_type"] == "national"].set_index("indicator")
    # fear rose by 0.6 log-odds everywhere: detected, in the right direction
    assert national.loc["insecure_nbhd", "significant"]
    assert national.loc["insecure_nbhd", "difference"] > 0
    # perceived corruption has no change in the model: not a change
    assert not national.loc["corruption_officials", "significant"]
    truth = _wave(2).truth.merge(
        _wave(1).truth, on=["indicator", "domain_type", "domain"], suffixes=("_b", "_a")
    )
    truth["change"] = truth["value_b"] - truth["value_a"]
    merged = out.merge(truth, on=["indicator", "domain_type", "domain"])
    covered = (merged["ci_low"] <= merged["change"]) & (merged["change"] <= merged["ci_high"])
    assert covered.mean() >= 0.85  # 95% intervals of the change hold the true change


def test_no_change_is_rarely_significant() -> None:
    out = compare.wave_difference(_table(2), _table(1), indicators=["corruption_officials"])
    assert len(out) == 1 + 6 + 2  # nation, states, sexes
    assert out["significant"].sum() <= 1  # 5% tests of a null change


def test_perceived_trend_against_the_measured_change() -> None:
    out = compare.perceived_trend(_table(2), _table(1), domain_type="state")
    assert list(out["domain"]) == sorted(_wave(1).areas["state"].unique())
    assert {"trend_area_up", "prev_person_change", "prev_person_trend", "incidence_p"} <= set(
        out.columns
    )
    assert set(out["prev_person_trend"]) <= {"increase", "decrease", "no significant change"}
    significant = out["prev_person_p"] < 0.05
    assert (out.loc[~significant, "prev_person_trend"] == "no significant change").all()
    assert (
        out.loc[significant & (out["prev_person_change"] < 0), "prev_person_trend"] == "decrease"
    ).all()


def test_domain_difference_equals_a_regression_on_the_domain() -> None:
    sim = _wave(1)
    resp, inc = sim.respondents, sim.incidents
    out = compare.domain_difference(
        resp, inc, sim.design_spec, ["insecure_nbhd", "corruption_officials"], "sex", 1, 2
    )
    table = _table(1)
    for ident in ("insecure_nbhd", "corruption_officials"):
        row = out[out["indicator"] == ident].iloc[0]
        by_sex = table[(table["indicator"] == ident) & (table["domain_type"] == "sex")].set_index(
            "domain"
        )
        assert row["estimate_a"] == pytest.approx(by_sex.loc["1", "estimate"])
        assert row["estimate_b"] == pytest.approx(by_sex.loc["2", "estimate"])
        # independent check: design-based linear regression of y on the sex dummy
        parts = indicator_variables(get_indicator(ident), resp, None)
        data = resp[["stratum", "psu", "weight"]].assign(
            y=np.where(parts["den"] > 0, parts["num"], np.nan),
            female=(resp["dem_sex"] == 2).astype(float),
        )
        design = SurveyDesign(data, weights="weight", strata="stratum", psu="psu")
        fit = design.glm("y ~ female").set_index("term")
        assert row["difference"] == pytest.approx(100 * fit.loc["female", "estimate"], rel=1e-9)
        assert row["se"] == pytest.approx(100 * fit.loc["female", "se"], rel=1e-6)
    detected = out.set_index("indicator")["significant"]
    assert detected["insecure_nbhd"]  # women feel less safe in the model (+0.45 log-odds)
    assert not detected["corruption_officials"]  # no sex effect in the model


@pytest.mark.parametrize(
    ("drop", "weight"),
    [
        (["weight_household"], "weight / hh_adults"),
        (["weight_household", "hh_adults"], "the person weight"),
    ],
)
def test_household_estimates_of_domain_difference_use_the_weight_compute_uses(
    drop: list[str], weight: str
) -> None:
    # issue 15: without hh_adults, compare raised KeyError where compute used the person weight
    sim = _wave(1)
    resp = sim.respondents.drop(columns=drop)
    out = compare.domain_difference(resp, None, sim.design_spec, "prev_household", "sex", 1, 2)
    table = compute_indicators(
        resp, None, sim.design_spec, indicators=["prev_household"], domains=["sex"]
    ).set_index("domain")
    row = out.iloc[0]
    assert row["estimate_a"] == pytest.approx(table.loc["1", "estimate"], rel=1e-12), weight
    assert row["estimate_b"] == pytest.approx(table.loc["2", "estimate"], rel=1e-12), weight


def test_domain_difference_rejects_unknown_values() -> None:
    sim = _wave(1)
    with pytest.raises(ValueError, match="no case with value '9'"):
        compare.domain_difference(sim.respondents, None, sim.design_spec, "worry", "sex", 1, "9")


def test_perceived_vs_actual_by_state_with_police_records() -> None:
    sim = _wave(1)
    out = compare.perceived_vs_actual(_table(1), police=sim.police, police_area="state")
    assert list(out["domain"]) == sorted(sim.areas["state"].unique())
    for column in (
        "insecure_nbhd",
        "likely",
        "prev_person",
        "incidence",
        "dark_figure",
        "police_rate",
    ):
        assert column in out.columns
    police = sim.police
    one = police[police["state"] == "01"]
    population = one.groupby("area")["population"].max().sum()
    assert out.set_index("domain").loc["01", "police_rate"] == pytest.approx(
        1e5 * one["count"].sum() / population
    )
    assert ((out["recorded_share"] > 0) & (out["recorded_share"] < 1)).all()
    assert not any("likely" in c and ("prev" in c or "ratio" in c) for c in out.columns)


def test_fear_gap_classifies_clear_cases_and_leaves_noise_consistent() -> None:
    rows = []
    for domain, fear, victim in (
        ("a", 80, 10),
        ("b", 50, 20),
        ("c", 40, 25),
        ("d", 30, 30),
        ("e", 10, 40),
    ):
        rows.append(
            {
                "indicator": "insecure_nbhd",
                "domain_type": "state",
                "domain": domain,
                "estimate": fear,
                "se": 0.5,
            }
        )
        rows.append(
            {
                "indicator": "prev_person",
                "domain_type": "state",
                "domain": domain,
                "estimate": victim,
                "se": 0.5,
            }
        )
    table = pd.DataFrame(rows)
    out = compare.fear_gap(table).set_index("domain")
    assert out.loc["a", "classification"] == "fear above victimization"
    assert out.loc["e", "classification"] == "fear below victimization"
    assert out.loc["c", "classification"] == "consistent"
    assert out.loc["a", "gap"] == 1.0 and out.loc["e", "gap"] == -1.0
    noisy = compare.fear_gap(table.assign(se=100.0))
    assert (noisy["classification"] == "consistent").all()
    pd.testing.assert_frame_equal(compare.fear_gap(table, rng=3), compare.fear_gap(table, rng=3))


def test_fear_model_recovers_the_simulated_odds_ratios() -> None:
    sim = _wave(1)
    fit = compare.fear_model(sim.respondents, sim.design_spec, level=0.99).set_index("term")
    assert {"odds_ratio", "or_ci_low", "or_ci_high"} <= set(fit.columns)
    victim = fit.loc["victim"]
    # model: +0.8 log-odds for victims, +0.45 for women (neighbourhood level)
    assert victim["or_ci_low"] < np.exp(0.8) < victim["or_ci_high"] and victim["or_ci_low"] > 1
    female = fit.loc["C(sex)[T.2]"]
    assert female["or_ci_low"] < np.exp(0.45) < female["or_ci_high"]

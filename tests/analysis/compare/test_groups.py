"""Fear by victimization status, the paradox table and the exposure model on simulated waves."""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd
import pytest

from analysis import compare
from analysis.compare.groups import _pattern
from analysis.indicators import compute_indicators
from analysis.simulate import SimulatedWave, simulate_country


@cache
def _wave() -> SimulatedWave:
    return simulate_country(31, n_states=6, households=3000, special_rate=0.02)  # type: ignore[arg-type]


def test_victim_status_leaves_unknown_status_out() -> None:
    resp = pd.DataFrame(
        {
            "pv_rob_12m": [1, 2, 2, np.nan],
            "pv_rob_5y": [1, 1, -8, 2],
            "pv_theft_12m": [2, 2, 2, np.nan],
            "pv_theft_5y": [2, 2, 2, 2],
        }
    )
    status = compare.victim_status(resp)
    assert list(status.fillna("unknown")) == ["victim", "non-victim", "unknown", "non-victim"]
    with pytest.raises(ValueError, match="'incidence' must be a person-level percentage"):
        compare.victim_status(resp, "incidence")


def test_victims_fear_more_and_the_groups_are_those_of_compute_indicators() -> None:
    sim = _wave()
    out = compare.fear_by_victimization(
        sim.respondents, sim.incidents, sim.design_spec, fear=["insecure_nbhd", "worry"]
    ).set_index("indicator")
    # the simulation gives victims +0.8 log-odds of feeling unsafe in the neighbourhood
    row = out.loc["insecure_nbhd"]
    assert row["significant"] and row["difference"] > 0 and row["ci_low"] > 0
    assert row["difference"] == pytest.approx(row["victims"] - row["non_victims"])
    # the group estimates are domains of the whole design: the same as compute_indicators'
    resp = sim.respondents.assign(status=compare.victim_status(sim.respondents))
    table = compute_indicators(
        resp, None, sim.design_spec, domains=["status"], indicators=["insecure_nbhd"], level=0.95
    ).set_index("domain")
    assert row["victims"] == pytest.approx(table.loc["victim", "estimate"], rel=1e-12)
    assert row["non_victims_ci_high"] == pytest.approx(table.loc["non-victim", "ci_high"])
    assert row["victims_n"] + row["non_victims_n"] <= len(resp)
    # and the difference is domain_difference's on that column
    diff = compare.domain_difference(
        resp, None, sim.design_spec, "insecure_nbhd", "status", "non-victim", "victim", level=0.95
    ).iloc[0]
    assert row["se"] == pytest.approx(diff["se"], rel=1e-12)


def test_fear_by_victimization_rejects_bad_input() -> None:
    sim = _wave()
    resp = sim.respondents
    with pytest.raises(ValueError, match="at least one fear indicator"):
        compare.fear_by_victimization(resp, None, sim.design_spec, fear=[])
    with pytest.raises(ValueError, match="unknown indicator 'fearful'"):
        compare.fear_by_victimization(resp, None, sim.design_spec, fear=["fearful"])
    nobody = resp.assign(
        **{c: 2 for c in resp.columns if c.startswith("pv_") and c.endswith("12m")}
    )
    with pytest.raises(ValueError, match="no victims by 'prev_person'"):
        compare.fear_by_victimization(nobody, None, sim.design_spec)
    with pytest.raises(ValueError, match="level"):
        compare.fear_by_victimization(resp, None, sim.design_spec, level=95)


def test_paradox_table_sets_each_group_against_the_rest() -> None:
    sim = _wave()
    out = compare.paradox_table(sim.respondents, sim.incidents, sim.design_spec)
    assert out.iloc[0]["group_type"] == "national"
    keyed = out.set_index(["group_type", "group"])
    assert ("youth", "18-29") in keyed.index and ("age_group", "60+") in keyed.index
    assert set(out["pattern"]) <= set(compare.PATTERNS)
    assert set(out["fear_indicator"]) == {"insecure_nbhd"}  # a report names what it compares
    assert set(out["victimization_indicator"]) == {"prev_person"}
    # two groups: each against the other, the contrast of domain_difference
    diff = compare.domain_difference(
        sim.respondents, None, sim.design_spec, ["insecure_nbhd", "prev_person"], "sex", 1, 2
    ).set_index("indicator")
    women = keyed.loc[("sex", "2")]
    assert women["fear_vs_rest"] == pytest.approx(diff.loc["insecure_nbhd", "difference"])
    assert women["fear_vs_rest_se"] == pytest.approx(diff.loc["insecure_nbhd", "se"])
    assert women["victimization_vs_rest_p"] == pytest.approx(diff.loc["prev_person", "p"])
    # youth and 30+ are each other's rest
    young, older = keyed.loc[("youth", "18-29")], keyed.loc[("youth", "30+")]
    assert young["fear_vs_rest"] == pytest.approx(-older["fear_vs_rest"])
    # the simulation's women fear more (+0.45 log-odds): seen as such
    assert women["fear_vs_rest"] > 0 and women["fear_vs_rest_p"] < 0.05


@pytest.mark.parametrize(
    ("fear", "victim", "expected"),
    [
        ((5.0, True), (-3.0, True), "more_fear_less_victimization"),
        ((-5.0, True), (3.0, True), "less_fear_more_victimization"),
        ((5.0, True), (3.0, True), "same_direction"),
        ((5.0, True), (-3.0, False), "not_significant"),
    ],
)
def test_patterns_need_both_differences_significant(
    fear: tuple[float, bool], victim: tuple[float, bool], expected: str
) -> None:
    assert _pattern(*fear, *victim) == expected


def test_paradox_table_rejects_bad_input() -> None:
    sim = _wave()
    with pytest.raises(ValueError, match="group 'religion': column 'religion' not found"):
        compare.paradox_table(sim.respondents, None, sim.design_spec, groups=["religion"])
    with pytest.raises(ValueError, match="at least one group"):
        compare.paradox_table(sim.respondents, None, sim.design_spec, groups=[])
    with pytest.raises(ValueError, match="victimization 'incidence'"):
        compare.paradox_table(sim.respondents, None, sim.design_spec, victimization="incidence")


def _with_exposure(slope: float, seed: int = 4) -> pd.DataFrame:
    """The simulated wave with a crime-news item (1-4) and a fear answer drawn with a known
    log-odds ``slope`` per step of it (plus the victim effect), so that the truth is known."""
    sim = _wave()
    resp = sim.respondents.copy()
    rng = np.random.default_rng(seed)
    media = rng.integers(1, 5, len(resp)).astype(float)
    victim = compare.victim_status(resp).eq("victim").to_numpy()
    logit = -1.5 + slope * (media - 1) + 0.8 * victim
    unsafe = rng.random(len(resp)) < 1 / (1 + np.exp(-logit))
    resp["per_safe_nbhd"] = np.where(unsafe, 3, 2)
    media[
        rng.random(len(resp)) < 0.02
    ] = -8  # don't know: out of the model (the simulated one is replaced)
    resp["media_freq"] = media
    return resp


def test_perception_model_recovers_a_known_exposure_slope() -> None:
    resp = _with_exposure(0.4)
    fit = compare.perception_model(
        resp, _wave().design_spec, "media_freq", kind="numeric"
    ).set_index("term")
    slope = fit.loc["media_freq"]
    assert bool(slope["exposure"])
    assert slope["ci_low"] < 0.4 < slope["ci_high"] and slope["ci_low"] > 0
    by_level = compare.perception_model(resp, _wave().design_spec, "media_freq", reference=1)
    levels = by_level[by_level["exposure"]].set_index("term")
    assert list(levels.index) == [f"media_freq[T.{k}]" for k in (2, 3, 4)]
    top = levels.loc["media_freq[T.4]"]
    assert top["ci_low"] < 3 * 0.4 < top["ci_high"]
    # the unknown answers (-8) are not a level
    assert "media_freq[T.-8]" not in set(by_level["term"])


def test_perception_model_finds_no_association_where_there_is_none() -> None:
    fit = compare.perception_model(
        _with_exposure(0.0, seed=9), _wave().design_spec, kind="numeric", adjust=["victim"]
    ).set_index("term")
    slope = fit.loc["media_freq"]
    assert slope["or_ci_low"] < 1 < slope["or_ci_high"]
    assert list(fit.index) == ["Intercept", "media_freq", "victim"]


def test_perception_model_rejects_bad_input() -> None:
    resp, spec = _with_exposure(0.2), _wave().design_spec
    with pytest.raises(ValueError, match="exposure column 'media' not found"):
        compare.perception_model(resp, spec, "media")
    with pytest.raises(ValueError, match="kind must be"):
        compare.perception_model(resp, spec, kind="ordinal")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="adjust: unknown term"):
        compare.perception_model(resp, spec, adjust=["income"])
    with pytest.raises(ValueError, match="reference 7 is not a value of 'media_freq'"):
        compare.perception_model(resp, spec, reference=7)
    with pytest.raises(ValueError, match="at least two known values"):
        compare.perception_model(resp.assign(media_freq=2.0), spec)
    with pytest.raises(ValueError, match="must hold numeric codes"):
        compare.perception_model(resp.assign(media_freq="daily"), spec)
    with pytest.raises(ValueError, match="person-level percentage indicator"):
        compare.perception_model(resp, spec, outcome="incidence")

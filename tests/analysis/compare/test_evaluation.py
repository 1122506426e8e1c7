"""Difference in differences of a programme between two simulated waves."""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd
import pytest

from analysis import compare
from analysis.compare import WaveSample
from analysis.design import SurveyDesign
from analysis.indicators import compute_indicators, indicator_variables, with_minimum_cases
from analysis.indicators.catalogue import get_indicator
from analysis.simulate import SimulatedWave, simulate_country

#: wave 2 lowers victimization (-0.5 log-odds) in the first half of the states only
CHANGE = {"victimization": -0.5, "fear": 0.0, "states": 0.5}
PROGRAMME = ["01", "02", "03"]


@cache
def _wave(wave: int) -> SimulatedWave:
    return simulate_country(  # type: ignore[arg-type]
        41, n_states=6, households=3000, wave=wave, change=CHANGE, special_rate=0.0
    )


def _sample(wave: int) -> WaveSample:
    sim = _wave(wave)
    return WaveSample(sim.respondents, sim.incidents, sim.design_spec, f"W{wave}")


def test_a_change_only_in_programme_areas_is_found_and_no_change_is_not() -> None:
    out = compare.difference_in_differences(
        _sample(1), _sample(2), PROGRAMME, ["prev_person", "corruption_officials", "dark_figure"]
    ).set_index("indicator")
    prevalence = out.loc["prev_person"]
    assert prevalence["significant"] and prevalence["did"] < 0
    assert prevalence["change_programme"] < prevalence["change_rest"]
    assert prevalence["did"] == pytest.approx(
        prevalence["change_programme"] - prevalence["change_rest"]
    )
    assert not out.loc["corruption_officials", "significant"]
    # the simulation's truth: the comparison states did not change, the programme states did
    truth = {w: _wave(w).truth.set_index(["indicator", "domain_type", "domain"]) for w in (1, 2)}
    for state, changed in (("01", True), ("04", False)):
        key = ("prev_person", "state", state)
        moved = truth[2].loc[key, "value"] - truth[1].loc[key, "value"]
        assert (moved < -1) if changed else moved == pytest.approx(0)
    # incident-level indicators (ratios of incident totals) work as well
    assert np.isfinite(out.loc["dark_figure", "se"]) and out.loc["dark_figure", "df"] > 0
    assert not out["suppressed"].any()


@pytest.mark.parametrize("indicator", ["insecure_nbhd", "incidence", "dark_figure"])
def test_the_cells_are_the_domain_estimates_of_compute_indicators(indicator: str) -> None:
    # compute_indicators is checked against R for proportions, rates and incident ratios
    out = compare.difference_in_differences(
        _sample(1), _sample(2), PROGRAMME, [indicator], level=0.90
    ).iloc[0]
    se: dict[tuple[str, str], float] = {}
    for wave, role in ((1, "before"), (2, "after")):
        sim = _wave(wave)
        resp = sim.respondents.assign(
            group=np.where(sim.respondents["state"].isin(PROGRAMME), "programme", "rest")
        )
        table = compute_indicators(
            resp, sim.incidents, sim.design_spec, domains=["group"], indicators=[indicator]
        ).set_index("domain")
        for group in ("programme", "rest"):
            assert out[f"{group}_{role}"] == pytest.approx(table.loc[group, "estimate"], rel=1e-12)
            assert out[f"{group}_{role}_ci_low"] == pytest.approx(table.loc[group, "ci_low"])
            assert out[f"{group}_{role}_n"] == table.loc[group, "n"]
            se[(group, role)] = float(table.loc[group, "se"])
    # the changes come from the linearized contrast, the cells from compute_indicators
    for group in ("programme", "rest"):
        change = out[f"{group}_after"] - out[f"{group}_before"]
        assert out[f"change_{group}"] == pytest.approx(change, rel=1e-9)
        both = np.hypot(se[(group, "before")], se[(group, "after")])
        assert out[f"change_{group}_se"] == pytest.approx(both, rel=1e-9)


def test_did_equals_the_interaction_of_a_design_based_regression_on_both_waves() -> None:
    # independent check: y ~ programme * after on the stacked waves (strata wave x stratum);
    # the saturated model's interaction is the DiD and its sandwich SE the contrast's SE
    out = compare.difference_in_differences(
        _sample(1), _sample(2), PROGRAMME, ["prev_person", "insecure_nbhd"]
    ).set_index("indicator")
    parts = []
    for wave in (1, 2):
        resp = _wave(wave).respondents
        frame = resp[["stratum", "psu", "weight", "state"]].assign(
            stratum=f"{wave}-" + resp["stratum"].astype(str),
            psu=f"{wave}-" + resp["psu"].astype(str),
            after=float(wave == 2),
            programme=resp["state"].isin(PROGRAMME).astype(float),
        )
        for ident in ("prev_person", "insecure_nbhd"):
            v = indicator_variables(get_indicator(ident), resp, None)
            frame[ident] = np.where(v["den"] > 0, v["num"], np.nan)
        parts.append(frame)
    stacked = pd.concat(parts, ignore_index=True)
    design = SurveyDesign(stacked, weights="weight", strata="stratum", psu="psu")
    for ident in ("prev_person", "insecure_nbhd"):
        fit = design.glm(f"{ident} ~ programme * after").set_index("term")
        assert out.loc[ident, "did"] == pytest.approx(
            100 * fit.loc["programme:after", "estimate"], rel=1e-9
        )
        assert out.loc[ident, "se"] == pytest.approx(
            100 * fit.loc["programme:after", "se"], rel=1e-6
        )


def test_a_did_with_a_cell_below_the_quality_rule_is_suppressed_and_flagged_small() -> None:
    out = compare.difference_in_differences(
        _sample(1), _sample(2), ["01"], ["prev_person"], quality=with_minimum_cases("inegi", 10_000)
    ).iloc[0]
    assert out["suppressed"] and out["small_sample"]
    assert out["programme_before_quality"] == "insufficient"


def test_municipalities_as_programme_areas() -> None:
    municipality = sorted(_wave(1).respondents["municipality"].unique())[0]
    out = compare.difference_in_differences(
        _sample(1), _sample(2), [municipality], ["prev_person"], area="municipality"
    ).iloc[0]
    assert out["n_min"] == min(out[f"{c}_n"] for c in compare.evaluation.DID_CELLS)
    if out["n_min"] < compare.evaluation.SMALL_SAMPLE:
        assert out["small_sample"]
    assert 0 < out["n_min"] < 400  # one municipality of a 3000-household sample


@pytest.mark.parametrize(
    ("programme", "indicators", "kwargs", "message"),
    [
        (["09"], ["prev_person"], {}, r"wave W1: programme area\(s\) 09 have no interviews"),
        (
            ["01", "02", "03", "04", "05", "06"],
            ["prev_person"],
            {},
            "every area is a programme area",
        ),
        ([], ["prev_person"], {}, "mark at least one programme area"),
        (["01"], [], {}, "choose at least one indicator"),
        (["01"], ["fearful"], {}, "unknown indicator 'fearful'"),
        (["01"], ["prev_person"], {"area": "district"}, "area column 'district' not found"),
        (["01"], ["prev_person"], {"level": 1.5}, "level"),
    ],
)
def test_bad_input_is_named(
    programme: list[str], indicators: list[str], kwargs: dict[str, object], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        compare.difference_in_differences(
            _sample(1),
            _sample(2),
            programme,
            indicators,
            **kwargs,  # type: ignore[arg-type]
        )


def test_an_incident_indicator_without_the_incident_table_names_the_wave() -> None:
    sim = _wave(1)
    without = WaveSample(sim.respondents, None, sim.design_spec, "W1")
    with pytest.raises(ValueError, match="wave W1: indicator.*dark_figure.*incident table"):
        compare.difference_in_differences(without, _sample(2), ["01"], ["dark_figure"])

"""The weighting chain against the same chain computed by hand in R.

Reference values: the ``chain`` entry of tests/fixtures/r/reference_weighting.json
(tests/fixtures/r/make_reference_weighting.R), on apistrat with household
data derived from ``snum``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from analysis.calibration import Raking
from analysis.regression import svyglm
from analysis.weighting import DIAGNOSTIC_COLUMNS, WeightingChain, weight_diagnostics

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "r"
RTOL = 1e-6


@pytest.fixture(scope="module")
def ref() -> dict[str, Any]:
    with open(FIXTURES / "reference_weighting.json", encoding="utf-8") as fh:
        return json.load(fh)["chain"]


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    data = pd.read_csv(FIXTURES / "api" / "apistrat.csv")
    data["prob"] = 1 / data["pw"]
    data["adults"] = data["snum"] % 4 + 1
    data["responded"] = data["snum"] % 7 != 0
    data["eligible"] = data["responded"] | (data["snum"] % 11 != 0)
    return data


def _margins(ref: dict[str, Any]) -> dict[str, dict[str, float]]:
    return {
        "sch.wide": dict(zip(["No", "Yes"], ref["margins"]["sch_wide"], strict=True)),
        "comp.imp": dict(zip(["No", "Yes"], ref["margins"]["comp_imp"], strict=True)),
    }


@pytest.fixture(scope="module")
def chain(frame: pd.DataFrame, ref: dict[str, Any]) -> WeightingChain:
    return (
        WeightingChain(
            frame, respondent="responded", eligible="eligible", strata="stype", fpc="fpc"
        )
        .base_weights(probability="prob")
        .within_household("adults", cap=ref["adults_cap"])
        .nonresponse(["stype", "awards"])
        .rake(_margins(ref))
        .trim(upper=ref["trim_upper"])
    )


def test_diagnostics_match_r_step_by_step(chain: WeightingChain, ref: dict[str, Any]) -> None:
    diagnostics = chain.diagnostics
    assert list(diagnostics.columns) == list(DIAGNOSTIC_COLUMNS)
    steps = ["base", "within_household", "nonresponse", "rake", "trim", "recalibrate"]
    assert diagnostics["step"].tolist() == steps
    for row, step in zip(diagnostics.to_dict("records"), steps, strict=True):
        expected = ref["diagnostics"][step]
        assert row["n"] == expected["n"], step
        for column in ("sum_weights", "min_weight", "max_weight", "deff_kish", "n_effective"):
            assert row[column] == pytest.approx(expected[column], rel=RTOL), (step, column)
        assert row["deff_kish"] == pytest.approx(1 + float(row["cv"]) ** 2, rel=1e-12)


def test_final_design_matches_r(chain: WeightingChain, ref: dict[str, Any]) -> None:
    design = chain.design
    np.testing.assert_allclose(design.weights, ref["weights"], rtol=RTOL)
    assert [type(step) for step in design.calibration] == [Raking, Raking]
    mean = design.mean("api00")
    assert mean.estimate == pytest.approx(ref["mean_api00"]["estimate"], rel=RTOL)
    assert mean.se == pytest.approx(np.ravel(ref["mean_api00"]["se"])[0], rel=RTOL)
    total = design.total("enroll")
    assert total.estimate == pytest.approx(ref["total_enroll"]["estimate"], rel=RTOL)
    assert total.se == pytest.approx(np.ravel(ref["total_enroll"]["se"])[0], rel=RTOL)
    table = svyglm(design, "api00 ~ ell + meals")
    np.testing.assert_allclose(table["estimate"], ref["glm"]["estimate"], rtol=RTOL)
    np.testing.assert_allclose(table["se"], ref["glm"]["se"], rtol=RTOL)


def test_weights_cover_the_frame_with_zero_for_nonrespondents(
    chain: WeightingChain, frame: pd.DataFrame
) -> None:
    weights = chain.weights
    assert weights.index.equals(frame.index)
    assert (weights[~frame["responded"]] == 0).all()
    np.testing.assert_allclose(weights[frame["responded"]], chain.design.weights)


def test_chain_is_immutable(frame: pd.DataFrame) -> None:
    start = WeightingChain(frame, respondent="responded").base_weights(weight="pw")
    start.within_household("adults")
    assert start.diagnostics["step"].tolist() == ["base"]


def test_poststratify_and_calibrate_steps(frame: pd.DataFrame) -> None:
    base = WeightingChain(frame, strata="stype", fpc="fpc").base_weights(weight="pw")
    post = base.poststratify("sch.wide", {"No": 1072.0, "Yes": 5122.0})
    sums = pd.Series(post.design.weights).groupby(frame["sch.wide"].to_numpy()).sum()
    assert sums.to_dict() == pytest.approx({"No": 1072.0, "Yes": 5122.0})
    cal = base.calibrate(
        ["sch.wide", "api99"], {"sch.wide": {"No": 1072.0, "Yes": 5122.0}, "api99": 3914069.0}
    )
    assert cal.design.total("api99").estimate == pytest.approx(3914069.0)
    assert cal.diagnostics["step"].tolist() == ["base", "calibrate"]


def test_base_weights_multiply_stage_probabilities(frame: pd.DataFrame) -> None:
    data = frame.assign(p_tract=0.5, p_household=frame["prob"] * 2)
    chain = WeightingChain(data).base_weights(probability=["p_tract", "p_household"])
    np.testing.assert_allclose(chain.weights, frame["pw"], rtol=1e-12)
    assert chain.diagnostics["detail"].tolist() == ["1 / p_tract x p_household"]


def test_weight_diagnostics_by_hand() -> None:
    out = weight_diagnostics(np.array([1.0, 1.0, 2.0, 0.0]))
    assert out["n"] == 3
    assert out["deff_kish"] == pytest.approx(3 * 6 / 16)
    assert out["n_effective"] == pytest.approx(16 / 6)


def test_empty_weighting_class_is_named(frame: pd.DataFrame) -> None:
    data = frame.copy()
    data.loc[(data["stype"] == "H") & (data["awards"] == "No"), "responded"] = False
    chain = WeightingChain(data, respondent="responded").base_weights(weight="pw")
    with pytest.raises(ValueError, match=r"weighting class \('H', 'No'\).*no respondents"):
        chain.nonresponse(["stype", "awards"])


def test_bad_inputs_are_named(frame: pd.DataFrame) -> None:
    data = frame.copy()
    data.loc[data.index[3], "prob"] = 1.5
    with pytest.raises(ValueError, match=r"selection probability 'prob' must be in \(0, 1\]"):
        WeightingChain(data).base_weights(probability="prob")
    data = frame.copy()
    data["adults"] = data["adults"].astype(float)
    data.loc[data["responded"].idxmax(), "adults"] = np.nan
    chain = WeightingChain(data, respondent="responded").base_weights(weight="pw")
    with pytest.raises(ValueError, match="column 'adults' must be a whole number >= 1"):
        chain.within_household("adults")
    with pytest.raises(ValueError, match="needs the respondent= column"):
        WeightingChain(frame).base_weights(weight="pw").nonresponse("stype")
    with pytest.raises(ValueError, match="start the chain with base_weights"):
        WeightingChain(frame).within_household("adults")
    raked = (
        WeightingChain(frame)
        .base_weights(weight="pw")
        .poststratify("stype", {"E": 1.0, "H": 1.0, "M": 1.0})
    )
    with pytest.raises(ValueError, match="nonresponse must come before"):
        raked.nonresponse("stype")
    with pytest.raises(ValueError, match="responded but are not 'eligible'"):
        WeightingChain(frame.assign(eligible=False), respondent="responded", eligible="eligible")

"""SurveyDesign (Taylor linearization) against R's survey package.

Reference values: tests/fixtures/r/reference_design.json, written by
tests/fixtures/r/make_reference_design.R.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from typing import Any

import numpy as np
import pandas as pd
import pytest

from analysis import Estimate, SurveyDesign, calibration, regression

Check = Callable[..., None]


def check(assert_r: Check, est: Estimate, ref: dict[str, Any], deff: bool = True) -> None:
    assert_r(est.estimate, ref["estimate"])
    assert_r(est.se, ref["se"])
    if "ci_low" in ref:
        assert_r([est.ci_low, est.ci_high], [ref["ci_low"], ref["ci_high"]])
    if "df" in ref:
        assert est.df == ref["df"]
    if deff and "deff" in ref:
        assert_r(est.deff, ref["deff"])


# -- whole-sample estimates ---------------------------------------------------------


@pytest.mark.parametrize("name", ["dstrat", "dclus1", "dclus2"])
def test_degrees_of_freedom_match_r(
    request: pytest.FixtureRequest, design_ref: dict[str, Any], name: str
) -> None:
    assert request.getfixturevalue(name).degf() == design_ref[name]["degf"]


@pytest.mark.parametrize("name", ["dstrat", "dclus1", "dclus2"])
def test_mean_matches_svymean(
    request: pytest.FixtureRequest, design_ref: dict[str, Any], assert_r: Check, name: str
) -> None:
    design = request.getfixturevalue(name)
    check(assert_r, design.mean("api00"), design_ref[name]["mean_api00"])


@pytest.mark.parametrize("name", ["dstrat", "dclus1", "dclus2"])
def test_total_matches_svytotal(
    request: pytest.FixtureRequest, design_ref: dict[str, Any], assert_r: Check, name: str
) -> None:
    design = request.getfixturevalue(name)
    check(assert_r, design.total("enroll"), design_ref[name]["total_enroll"])


@pytest.mark.parametrize("name", ["dstrat", "dclus1", "dclus2"])
def test_ratio_matches_svyratio(
    request: pytest.FixtureRequest, design_ref: dict[str, Any], assert_r: Check, name: str
) -> None:
    design = request.getfixturevalue(name)
    check(assert_r, design.ratio("api.stu", "enroll"), design_ref[name]["ratio_apistu_enroll"])


def test_mean_of_a_second_variable_and_table_form(
    dstrat: SurveyDesign, design_ref: dict[str, Any], assert_r: Check
) -> None:
    table = dstrat.mean(["api00", "enroll"])
    assert list(table["variable"]) == ["api00", "enroll"]
    ref = design_ref["dstrat"]
    assert_r(table["estimate"], [ref["mean_api00"]["estimate"], ref["mean_enroll"]["estimate"]])
    assert_r(table["se"], [ref["mean_api00"]["se"], ref["mean_enroll"]["se"]])
    assert_r(table["deff"], [ref["mean_api00"]["deff"], ref["mean_enroll"]["deff"]])


def test_two_stage_weights_come_from_the_fpcs(
    dclus2: SurveyDesign, design_ref: dict[str, Any], assert_r: Check
) -> None:
    assert_r(dclus2.weights, design_ref["dclus2"]["weights"])


def test_two_stage_without_fpc_is_the_ultimate_cluster_variance(
    apiclus2: pd.DataFrame, design_ref: dict[str, Any], assert_r: Check
) -> None:
    design = SurveyDesign(apiclus2, weights="pw", psu="dnum", ssu="snum")
    check(assert_r, design.mean("api00"), design_ref["dclus2"]["mean_api00_ultimate_cluster"])


def test_stratified_without_fpc(
    apistrat: pd.DataFrame, design_ref: dict[str, Any], assert_r: Check
) -> None:
    design = SurveyDesign(apistrat, weights="pw", strata="stype")
    ref = design_ref["dstrat_nofpc"]
    check(assert_r, design.mean("api00"), ref["mean_api00"])
    check(assert_r, design.total("enroll"), ref["total_enroll"])


def test_fpc_as_sampling_fraction_equals_fpc_as_population_count(
    apistrat: pd.DataFrame, design_ref: dict[str, Any], assert_r: Check
) -> None:
    apistrat["frac"] = apistrat.groupby("stype")["pw"].transform("size") / apistrat["fpc"]
    design = SurveyDesign(apistrat, weights="pw", strata="stype", fpc="frac")
    check(assert_r, design.mean("api00"), design_ref["dstrat_fraction"]["mean_api00"])


# -- quantiles and proportions ---------------------------------------------------------


@pytest.mark.parametrize("name", ["dstrat", "dclus1"])
def test_quantiles_match_svyquantile(
    request: pytest.FixtureRequest, design_ref: dict[str, Any], assert_r: Check, name: str
) -> None:
    ref = design_ref[name]["quantile_api00"]
    table = request.getfixturevalue(name).quantile("api00", ref["probs"])
    assert_r(table["prob"], ref["probs"])
    assert_r(table["estimate"], ref["estimate"])
    assert_r(table["ci_low"], ref["ci_low"])
    assert_r(table["ci_high"], ref["ci_high"])
    assert_r(table["se"], ref["se"])


def test_single_quantile_is_an_estimate(
    dclus1: SurveyDesign, design_ref: dict[str, Any], assert_r: Check
) -> None:
    est = dclus1.quantile("api00", 0.5)
    assert isinstance(est, Estimate)
    assert_r(est.estimate, design_ref["dclus1"]["quantile_api00"]["estimate"][1])
    assert_r(est.se, design_ref["dclus1"]["quantile_api00"]["se"][1])


def test_proportions_match_svymean_of_a_factor(
    dstrat: SurveyDesign, design_ref: dict[str, Any], assert_r: Check
) -> None:
    table = dstrat.proportion("sch.wide", interval="wald")
    ref = design_ref["dstrat"]["proportion_schwide"]
    assert list(table["value"]) == ["No", "Yes"]
    assert_r(table["estimate"], ref["estimate"])
    assert_r(table["se"], ref["se"])
    assert_r(table["deff"], ref["deff"])
    assert_r(table["ci_low"], ref["ci_low"])
    assert_r(table["ci_high"], ref["ci_high"])


@pytest.mark.parametrize("name", ["dstrat", "dclus1"])
@pytest.mark.parametrize("interval", ["logit", "beta"])
def test_proportion_intervals_match_svyciprop(
    request: pytest.FixtureRequest,
    design_ref: dict[str, Any],
    assert_r: Check,
    name: str,
    interval: str,
) -> None:
    table = request.getfixturevalue(name).proportion("sch.wide", interval=interval)
    yes = table[table["value"] == "Yes"].iloc[0]
    ref = design_ref[name][f"ciprop_{interval}"]
    # R's logit estimate comes from glm's iterations: equal to 1e-9
    assert_r(yes["estimate"], ref["estimate"])
    assert_r(yes["se"], ref["se"])
    assert_r([yes["ci_low"], yes["ci_high"]], [ref["ci_low"], ref["ci_high"]])


def test_logit_interval_at_another_level(
    dstrat: SurveyDesign, design_ref: dict[str, Any], assert_r: Check
) -> None:
    table = dstrat.proportion("sch.wide", level=0.9)
    no = table[table["value"] == "No"].iloc[0]
    ref = design_ref["dstrat"]["ciprop_logit_90"]
    assert no["level"] == 0.9
    assert_r([no["ci_low"], no["ci_high"]], [ref["ci_low"], ref["ci_high"]])


def test_categorical_keeps_unobserved_categories(apistrat: pd.DataFrame) -> None:
    apistrat["safety"] = pd.Categorical(
        np.where(apistrat["api00"] > 650, "safe", "unsafe"),
        categories=["safe", "unsafe", "very unsafe"],
    )
    design = SurveyDesign(apistrat, weights="pw", strata="stype", fpc="fpc")
    table = design.proportion("safety")
    assert list(table["value"]) == ["safe", "unsafe", "very unsafe"]
    assert table["estimate"].iloc[2] == 0.0
    assert table["estimate"].sum() == pytest.approx(1.0)


# -- missing values ---------------------------------------------------------------------


@pytest.fixture
def dmiss(apistrat: pd.DataFrame, design_ref: dict[str, Any]) -> SurveyDesign:
    rows = np.asarray(design_ref["missing"]["rows"]) - 1
    apistrat.loc[rows, "api00"] = np.nan
    return SurveyDesign(apistrat, weights="pw", strata="stype", fpc="fpc")


def test_missing_values_are_dropped_keeping_the_design(
    dmiss: SurveyDesign, design_ref: dict[str, Any], assert_r: Check
) -> None:
    ref = design_ref["missing"]
    est = dmiss.mean("api00")
    check(assert_r, est, ref["mean_api00"])
    assert est.n == 194 and est.n_missing == 6
    check(assert_r, dmiss.total("api00"), ref["total_api00"])


def test_missing_values_by_domain(
    dmiss: SurveyDesign, design_ref: dict[str, Any], assert_r: Check
) -> None:
    table = dmiss.mean("api00", by="stype")
    ref = design_ref["missing"]["by_stype_mean"]
    assert list(table["stype"]) == ref["stype"]
    assert_r(table["estimate"], ref["estimate"])
    assert_r(table["se"], ref["se"])
    assert table["n_missing"].sum() == 6
    assert (table["n"] + table["n_missing"]).tolist() == [100, 50, 50]


def test_ratio_drops_cases_missing_either_variable(dmiss: SurveyDesign) -> None:
    est = dmiss.ratio("api00", "enroll")
    assert est.n_missing == 6 and est.n == 194


# -- wrappers around weighting and regression ------------------------------------------


def test_weighting_wrappers_delegate_to_calibration(dclus1: SurveyDesign) -> None:
    totals: dict[Hashable, float] = {"E": 4421.0, "H": 755.0, "M": 1018.0}
    wrapped = dclus1.poststratify("stype", totals)
    direct = calibration.poststratify(dclus1, "stype", totals)
    np.testing.assert_array_equal(wrapped.weights, direct.weights)
    assert len(wrapped.calibration) == 1
    # post-stratified totals of the post-strata have no sampling error
    table = wrapped.total("api00", by="stype")
    assert wrapped.proportion("stype")["estimate"].tolist() == pytest.approx(
        [v / sum(totals.values()) for v in totals.values()]
    )
    assert (table["se"] > 0).all()
    margins: dict[str | tuple[str, ...], Mapping[Hashable, float]] = {"stype": totals}
    raked = dclus1.rake(margins)
    np.testing.assert_allclose(raked.weights, direct.weights, rtol=1e-9)
    trimmed = dclus1.trim(upper=40.0)
    assert trimmed.weights.max() <= 40.0 + 1e-9


def test_glm_wrapper_delegates_to_svyglm(dclus1: SurveyDesign) -> None:
    wrapped = dclus1.glm("api00 ~ ell + meals")
    direct = regression.svyglm(dclus1, "api00 ~ ell + meals")
    pd.testing.assert_frame_equal(wrapped, direct)


def test_proportions_of_several_variables_in_one_table(dstrat: SurveyDesign) -> None:
    table = dstrat.proportion(["sch.wide", "stype"], by="awards")
    single = dstrat.proportion("stype", by="awards")
    part = table[table["variable"] == "stype"].reset_index(drop=True)
    pd.testing.assert_frame_equal(part, single)
    assert table.groupby(["awards", "variable"])["estimate"].sum().tolist() == pytest.approx(
        [1.0] * 4
    )

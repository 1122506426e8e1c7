"""Replicate-weight designs against R's as.svrepdesign / svrVar."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import pytest

from analysis import ReplicateDesign, SurveyDesign

Check = Callable[..., None]


@pytest.fixture
def pairs(apistrat: pd.DataFrame) -> SurveyDesign:
    # R: half = seq_along(i) %% 2 + 1 within each stype
    apistrat["half"] = (apistrat.groupby("stype").cumcount() + 1) % 2 + 1
    return SurveyDesign(apistrat, weights="pw", strata="stype", psu="half")


@pytest.mark.parametrize("name", ["jk1", "jkn"])
def test_jackknife_estimates_match_r(
    request: pytest.FixtureRequest, design_ref: dict[str, Any], assert_r: Check, name: str
) -> None:
    design = request.getfixturevalue(name)
    ref = design_ref[name]
    assert design.degf() == ref["degf"]
    for est, case in [
        (design.mean("api00"), "mean_api00"),
        (design.total("enroll"), "total_enroll"),
        (design.ratio("api.stu", "enroll"), "ratio_apistu_enroll"),
    ]:
        assert_r([est.estimate, est.se], [ref[case]["estimate"], ref[case]["se"]])
    ratio = design.ratio("api.stu", "enroll")
    r = ref["ratio_apistu_enroll"]
    assert_r([ratio.ci_low, ratio.ci_high], [r["ci_low"], r["ci_high"]])


def test_jk1_scale_is_r_scale(jk1: ReplicateDesign, design_ref: dict[str, Any]) -> None:
    assert jk1.scale == pytest.approx(design_ref["jk1"]["scale"], rel=1e-12)
    assert jk1.replicates == 15


@pytest.mark.parametrize("name", ["jk1", "jkn"])
def test_replicate_quantiles_match_r(
    request: pytest.FixtureRequest, design_ref: dict[str, Any], assert_r: Check, name: str
) -> None:
    ref = design_ref[name]["quantile_api00"]
    table = request.getfixturevalue(name).quantile("api00", ref["probs"])
    for col in ("estimate", "ci_low", "ci_high", "se"):
        assert_r(table[col], ref[col])


@pytest.mark.parametrize("name", ["jk1", "jkn"])
def test_replicate_proportions_match_r(
    request: pytest.FixtureRequest, design_ref: dict[str, Any], assert_r: Check, name: str
) -> None:
    table = request.getfixturevalue(name).proportion("sch.wide")
    ref = design_ref[name]["proportion_schwide"]
    assert_r(table["estimate"], ref["estimate"])
    assert_r(table["se"], ref["se"])


def test_jkn_mse_and_without_fpc(
    apistrat: pd.DataFrame, design_ref: dict[str, Any], assert_r: Check
) -> None:
    with_fpc = SurveyDesign(apistrat, weights="pw", strata="stype", fpc="fpc")
    est = with_fpc.replicate("jkn", mse=True).ratio("api.stu", "enroll")
    ref = design_ref["jkn"]["mse_ratio_apistu_enroll"]
    assert_r([est.estimate, est.se], [ref["estimate"], ref["se"]])
    no_fpc = SurveyDesign(apistrat, weights="pw", strata="stype").replicate("jkn")
    ref = design_ref["jkn"]["nofpc_mean_api00"]
    assert_r(no_fpc.mean("api00").se, ref["se"])


def test_jackknife_of_a_total_equals_taylor(apistrat: pd.DataFrame) -> None:
    design = SurveyDesign(apistrat, weights="pw", strata="stype", fpc="fpc")
    assert design.replicate("jkn").total("enroll").se == pytest.approx(
        design.total("enroll").se, rel=1e-10
    )


@pytest.mark.parametrize("option", ["remove", "adjust", "average"])
def test_jkn_lonely_psu_options_match_r(
    apistrat: pd.DataFrame,
    design_ref: dict[str, Any],
    assert_r: Check,
    option: str,
) -> None:
    dropped = np.asarray(design_ref["lonely"]["rows_dropped"]) - 1
    data = apistrat.drop(index=list(dropped)).reset_index(drop=True)
    rep = SurveyDesign(data, weights="pw", strata="stype", lonely_psu=option).replicate("jkn")
    ref = design_ref["lonely"][option]
    assert_r(rep.mean("api00").se, ref["jkn_mean_api00"]["se"])
    assert_r(rep.total("enroll").se, ref["jkn_total_enroll"]["se"])


# -- BRR --------------------------------------------------------------------------------


def test_brr_matches_r(pairs: SurveyDesign, design_ref: dict[str, Any], assert_r: Check) -> None:
    ref = design_ref["brr"]
    brr = pairs.replicate("brr")
    assert brr.replicates == ref["replicates"]
    assert brr.scale == pytest.approx(ref["scale"])
    for est, case in [
        (brr.mean("api00"), "mean_api00"),
        (brr.total("enroll"), "total_enroll"),
        (brr.ratio("api.stu", "enroll"), "ratio_apistu_enroll"),
        (pairs.replicate("brr", mse=True).mean("api00"), "mse_mean_api00"),
    ]:
        assert_r([est.estimate, est.se], [ref[case]["estimate"], ref[case]["se"]])
    table = brr.mean("api00", by="sch.wide")
    assert_r(table["se"], ref["by_schwide_mean"]["se"])


def test_brr_total_equals_taylor(pairs: SurveyDesign, design_ref: dict[str, Any]) -> None:
    # full orthogonal balance: BRR reproduces the linear estimator's variance
    assert pairs.replicate("brr").total("enroll").se == pytest.approx(
        design_ref["brr"]["taylor_total_enroll"]["se"], rel=1e-10
    )


def test_brr_needs_pairs(apistrat: pd.DataFrame) -> None:
    design = SurveyDesign(apistrat, weights="pw", strata="stype")
    with pytest.raises(ValueError, match=r"brr needs exactly two PSUs per stratum; stratum 'E'"):
        design.replicate("brr")


# -- bootstrap: statistical properties (R draws with its own generator) ------------------


def test_rao_wu_factors_resample_n_minus_one_psus(apistrat: pd.DataFrame) -> None:
    design = SurveyDesign(apistrat, weights="pw", strata="stype")
    boot = design.replicate("bootstrap", replicates=300, rng=np.random.default_rng(7))
    assert boot.scale == pytest.approx(1 / 299)
    f = boot.replicate_weights() / design.weights[:, None]
    for stype, n_h in [("E", 100), ("H", 50), ("M", 50)]:
        rows = (apistrat["stype"] == stype).to_numpy()
        # n_h - 1 draws, each worth n_h / (n_h - 1): the factors of a stratum sum to n_h
        np.testing.assert_allclose(f[rows].sum(axis=0), n_h)
        counts = f[rows] * (n_h - 1) / n_h
        np.testing.assert_allclose(counts, np.round(counts), atol=1e-12)
    assert f.mean() == pytest.approx(1.0, rel=0.01)


def test_bootstrap_variance_is_close_to_the_taylor_variance(apistrat: pd.DataFrame) -> None:
    design = SurveyDesign(apistrat, weights="pw", strata="stype")
    taylor = design.mean("api00").se
    boot = design.replicate("bootstrap", replicates=2000, rng=11).mean("api00").se
    # the Rao-Wu bootstrap is unbiased for the with-replacement variance;
    # with 2000 replicates its SE has a relative Monte Carlo error of about 1.6%
    assert boot == pytest.approx(taylor, rel=0.06)


def test_bootstrap_is_reproducible_from_the_rng(apistrat: pd.DataFrame) -> None:
    design = SurveyDesign(apistrat, weights="pw", strata="stype")
    a = design.replicate("bootstrap", replicates=50, rng=3).mean("api00").se
    b = design.replicate("bootstrap", replicates=50, rng=3).mean("api00").se
    c = design.replicate("bootstrap", replicates=50, rng=4).mean("api00").se
    assert a == b != c


# -- other -----------------------------------------------------------------------------


def test_replicate_columns_reproduce_a_jackknife(
    jkn: ReplicateDesign, design_ref: dict[str, Any], assert_r: Check
) -> None:
    reps = jkn.replicate_weights()
    names = [f"rw{i}" for i in range(reps.shape[1])]
    data = pd.concat([jkn.data, pd.DataFrame(reps, columns=names)], axis=1)
    other = ReplicateDesign.from_columns(
        data, "pw", names, scale=jkn.scale, rscales=list(jkn.rscales)
    )
    assert_r(other.mean("api00").se, design_ref["jkn"]["mean_api00"]["se"])
    assert other.degf() == design_ref["jkn"]["degf"]


def test_replicate_subset_is_a_domain(jkn: ReplicateDesign, assert_r: Check) -> None:
    table = jkn.mean("api00", by="sch.wide")
    domain = jkn.subset((jkn.data["sch.wide"] == "Yes").to_numpy()).mean("api00")
    assert_r(
        [domain.estimate, domain.se], table[table["sch.wide"] == "Yes"][["estimate", "se"]].iloc[0]
    )


def test_replicate_type_checks(apistrat: pd.DataFrame, apiclus1: pd.DataFrame) -> None:
    stratified = SurveyDesign(apistrat, weights="pw", strata="stype")
    clustered = SurveyDesign(apiclus1, weights="pw", psu="dnum")
    with pytest.raises(ValueError, match=r"jk1 is for unstratified designs"):
        stratified.replicate("jk1")
    with pytest.raises(ValueError, match=r"jkn needs strata"):
        clustered.replicate("jkn")
    with pytest.raises(ValueError, match=r"type must be one of"):
        clustered.replicate("sdr")


def test_jackknife_of_a_huge_unclustered_design_is_refused() -> None:
    data = pd.DataFrame({"w": np.ones(8000), "y": np.arange(8000.0)})
    with pytest.raises(ValueError, match=r"jk1 replicates for 8,000 PSUs would need 8,000 x 8,000"):
        SurveyDesign(data, weights="w").replicate("jk1")

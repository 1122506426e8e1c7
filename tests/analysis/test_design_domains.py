"""Domain estimation (svyby, subset) and lonely-PSU options against R's survey package."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, Literal

import numpy as np
import pandas as pd
import pytest

from analysis import SurveyDesign, calibration

Check = Callable[..., None]


def check_by(assert_r: Check, table: pd.DataFrame, ref: dict[str, Any], by: list[str]) -> None:
    for col in by:
        assert [str(v) for v in table[col]] == ref[col]
    assert_r(table["estimate"], ref["estimate"])
    assert_r(table["se"], ref["se"])
    if "deff" in ref:
        assert_r(table["deff"], ref["deff"])


@pytest.mark.parametrize(
    ("name", "case", "method", "variable", "by"),
    [
        ("dstrat", "by_stype_mean", "mean", "api00", "stype"),
        ("dstrat", "by_stype_total", "total", "enroll", "stype"),
        ("dstrat", "by_schwide_mean", "mean", "api00", "sch.wide"),
        ("dclus1", "by_stype_mean", "mean", "api00", "stype"),
        ("dclus1", "by_stype_total", "total", "enroll", "stype"),
        ("dclus2", "by_stype_mean", "mean", "api00", "stype"),
        ("jk1", "by_stype_mean", "mean", "api00", "stype"),
        ("jk1", "by_stype_total", "total", "enroll", "stype"),
        ("jkn", "by_stype_mean", "mean", "api00", "stype"),
        ("jkn", "by_schwide_mean", "mean", "api00", "sch.wide"),
    ],
)
def test_by_matches_svyby(
    request: pytest.FixtureRequest,
    design_ref: dict[str, Any],
    assert_r: Check,
    name: str,
    case: str,
    method: str,
    variable: str,
    by: str,
) -> None:
    design = request.getfixturevalue(name)
    table = getattr(design, method)(variable, by=by)
    check_by(assert_r, table, design_ref[name][case], [by])


def test_by_two_columns_matches_svyby(
    dstrat: SurveyDesign, design_ref: dict[str, Any], assert_r: Check
) -> None:
    table = dstrat.mean("api00", by=["stype", "sch.wide"])
    ref = design_ref["dstrat"]["by_stype_schwide_mean"]
    # svyby orders by the interaction with the first factor varying fastest
    table = table.sort_values(["sch.wide", "stype"]).reset_index(drop=True)
    check_by(assert_r, table, ref, ["stype", "sch.wide"])


def test_ratio_by_matches_svyby_svyratio(
    dstrat: SurveyDesign, design_ref: dict[str, Any], assert_r: Check
) -> None:
    table = dstrat.ratio("api.stu", "enroll", by="sch.wide")
    check_by(assert_r, table, design_ref["dstrat"]["by_schwide_ratio"], ["sch.wide"])


def test_quantile_by_matches_svyby_svyquantile(
    dclus1: SurveyDesign, design_ref: dict[str, Any], assert_r: Check
) -> None:
    table = dclus1.quantile("api00", 0.5, by="stype")
    check_by(assert_r, table, design_ref["dclus1"]["by_stype_quantile"], ["stype"])


def test_subset_keeps_the_design(
    dstrat: SurveyDesign, design_ref: dict[str, Any], assert_r: Check
) -> None:
    ref = design_ref["dstrat"]["domain_schwide_yes"]
    domain = dstrat.subset(dstrat.data["sch.wide"] == "Yes")
    assert domain.degf() == ref["degf"]
    assert len(domain.data) == len(dstrat.data)  # rows are never dropped
    est = domain.mean("api00")
    assert_r([est.estimate, est.se], [ref["mean_api00"]["estimate"], ref["mean_api00"]["se"]])
    assert_r([est.ci_low, est.ci_high], [ref["mean_api00"]["ci_low"], ref["mean_api00"]["ci_high"]])
    assert est.df == ref["mean_api00"]["df"]


@pytest.mark.parametrize("interval", ["logit", "beta"])
def test_proportion_in_a_domain_matches_svyciprop_on_a_subset(
    dstrat: SurveyDesign,
    design_ref: dict[str, Any],
    assert_r: Check,
    interval: Literal["logit", "beta"],
) -> None:
    ref = design_ref["dstrat"]["domain_schwide_yes"][f"ciprop_{interval}_E"]
    table = dstrat.proportion("stype", by="sch.wide", interval=interval)
    row = table[(table["sch.wide"] == "Yes") & (table["value"] == "E")].iloc[0]
    assert_r([row["estimate"], row["se"]], [ref["estimate"], ref["se"]])
    assert_r([row["ci_low"], row["ci_high"]], [ref["ci_low"], ref["ci_high"]])


def test_domains_equal_subsets_one_by_one(dclus1: SurveyDesign) -> None:
    table = dclus1.mean(["api00", "api99"], by="stype")
    for _, row in table.iterrows():
        domain = dclus1.subset((dclus1.data["stype"] == row["stype"]).to_numpy())
        single = domain.mean(row["variable"])
        assert row["estimate"] == pytest.approx(single.estimate, rel=1e-12)
        assert row["se"] == pytest.approx(single.se, rel=1e-12)
        assert row["df"] == single.df


def test_missing_by_values_are_in_no_domain(apistrat: pd.DataFrame) -> None:
    apistrat.loc[:9, "stype"] = None
    design = SurveyDesign(apistrat.assign(stratum=1), weights="pw", strata="stratum")
    table = design.mean("api00", by="stype")
    assert table["n"].sum() == 190


# -- lonely PSUs ------------------------------------------------------------------------


@pytest.fixture
def apilonely(apistrat: pd.DataFrame, design_ref: dict[str, Any]) -> pd.DataFrame:
    dropped = np.asarray(design_ref["lonely"]["rows_dropped"]) - 1
    return apistrat.drop(index=list(dropped)).reset_index(drop=True)


def test_lonely_psu_fails_by_default_naming_the_stratum(apilonely: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match=r"stratum 'H' has only one"):
        SurveyDesign(apilonely, weights="pw", strata="stype", fpc="fpc")


@pytest.mark.parametrize("option", ["remove", "certainty", "adjust", "average"])
@pytest.mark.parametrize("fpc", [True, False])
def test_lonely_psu_options_match_r(
    apilonely: pd.DataFrame,
    design_ref: dict[str, Any],
    assert_r: Check,
    option: str,
    fpc: bool,
) -> None:
    ref = design_ref["lonely"][option]
    design = SurveyDesign(
        apilonely, weights="pw", strata="stype", fpc="fpc" if fpc else None, lonely_psu=option
    )
    suffix = "" if fpc else "_nofpc"
    assert design.degf() == ref["degf"]
    for est, case in [
        (design.mean("api00"), f"mean_api00{suffix}"),
        (design.total("enroll"), f"total_enroll{suffix}"),
    ]:
        assert_r([est.estimate, est.se], [ref[case]["estimate"], ref[case]["se"]])
        assert_r([est.ci_low, est.ci_high], [ref[case]["ci_low"], ref[case]["ci_high"]])


@pytest.mark.parametrize("option", ["remove", "certainty", "adjust", "average"])
def test_lonely_psu_options_in_domains_match_r(
    apilonely: pd.DataFrame, design_ref: dict[str, Any], assert_r: Check, option: str
) -> None:
    design = SurveyDesign(apilonely, weights="pw", strata="stype", lonely_psu=option)
    table = design.mean("api00", by="sch.wide")
    check_by(assert_r, table, design_ref["lonely"][option]["by_schwide_mean"], ["sch.wide"])


def test_certainty_stratum_with_full_fpc_needs_no_option(apilonely: pd.DataFrame) -> None:
    # a single PSU that is the whole stratum population has no sampling variance
    apilonely.loc[apilonely["stype"] == "H", "fpc"] = 1
    design = SurveyDesign(apilonely, weights="pw", strata="stype", fpc="fpc")
    removed = SurveyDesign(apilonely, weights="pw", strata="stype", fpc="fpc", lonely_psu="remove")
    assert design.mean("api00").se == pytest.approx(removed.mean("api00").se, rel=1e-12)


# -- domains of a calibrated design ------------------------------------------------------


@pytest.mark.parametrize(
    ("case", "method", "args"),
    [
        ("by_schwide_mean", "mean", ("api00",)),
        ("by_schwide_total", "total", ("enroll",)),
        ("by_schwide_ratio", "ratio", ("api.stu", "enroll")),
    ],
)
def test_domains_of_a_poststratified_design_match_r(
    dclus1: SurveyDesign,
    design_ref: dict[str, Any],
    assert_r: Check,
    case: str,
    method: str,
    args: tuple[str, ...],
) -> None:
    ref = design_ref["dclus1_poststratified"]
    totals: dict[Hashable, float] = dict(ref["totals"])
    calibrated = calibration.poststratify(dclus1, "stype", totals)
    overall = calibrated.mean("api00")
    assert_r(
        [overall.estimate, overall.se], [ref["mean_api00"]["estimate"], ref["mean_api00"]["se"]]
    )
    table = getattr(calibrated, method)(*args, by="sch.wide")
    check_by(assert_r, table, ref[case], ["sch.wide"])


# -- boundaries -------------------------------------------------------------------------


@pytest.mark.parametrize("interval", ["logit", "beta"])
def test_proportion_of_zero_gets_the_exact_binomial_bound(
    apistrat: pd.DataFrame, interval: Literal["logit", "beta"]
) -> None:
    # no school of type H or M is flagged: p = 0 with se = 0 in those domains
    apistrat["flag"] = np.where(apistrat.index == 0, "yes", "no")
    design = SurveyDesign(apistrat, weights="pw", strata="stype", fpc="fpc")
    table = design.proportion("flag", by="stype", interval=interval)
    row = table[(table["stype"] == "H") & (table["value"] == "yes")].iloc[0]
    assert row["estimate"] == 0.0 and row["se"] == 0.0
    # Clopper-Pearson with n = 50 cases: upper = 1 - 0.025^(1/50)
    assert row["ci_low"] == 0.0
    assert row["ci_high"] == pytest.approx(1 - 0.025 ** (1 / 50), rel=1e-9)


def test_domain_whose_values_are_all_missing(apistrat: pd.DataFrame) -> None:
    apistrat.loc[apistrat["stype"] == "H", "api00"] = np.nan
    design = SurveyDesign(apistrat, weights="pw", strata="stype", fpc="fpc")
    table = design.mean("api00", by="stype")
    assert table["estimate"].isna().tolist() == [False, True, False]
    assert table["se"].isna().tolist() == [False, True, False]
    assert table["n"].tolist() == [100, 0, 50]
    assert table["n_missing"].tolist() == [0, 50, 0]
    quantiles = design.quantile("api00", 0.5, by="stype")
    assert quantiles["estimate"].isna().tolist() == [False, True, False]


def test_by_within_a_subset_counts_only_the_subset(dstrat: SurveyDesign) -> None:
    yes = dstrat.subset((dstrat.data["sch.wide"] == "Yes").to_numpy())
    table = yes.mean("api00", by=["stype", "sch.wide"])
    assert table["sch.wide"].tolist() == ["Yes", "Yes", "Yes"]
    crossed = dstrat.mean("api00", by=["stype", "sch.wide"])
    expected = crossed[crossed["sch.wide"] == "Yes"].reset_index(drop=True)
    assert table["n"].tolist() == expected["n"].tolist()
    assert table["se"].tolist() == pytest.approx(expected["se"].tolist(), rel=1e-12)
    assert table["df"].tolist() == expected["df"].tolist()


def test_missing_value_in_one_of_two_by_columns(apistrat: pd.DataFrame) -> None:
    apistrat.loc[:9, "sch.wide"] = None
    design = SurveyDesign(apistrat, weights="pw", strata="stype", fpc="fpc")
    table = design.mean("api00", by=["stype", "sch.wide"])
    assert table["n"].sum() == 190


def test_zero_weight_cases_are_in_no_domain(dstrat: SurveyDesign) -> None:
    high = (dstrat.data["api00"] > 650).to_numpy()
    table = dstrat.subset(high).mean("api00", by=["stype"])
    expected = dstrat.data[high].groupby("stype").size().tolist()
    assert table["n"].tolist() == expected

"""Design-based regression (svyglm) against R's survey package.

Reference values: tests/fixtures/r/reference_weighting.json, written by
tests/fixtures/r/make_reference_weighting.R. R's glm was run to full
convergence (epsilon = 1e-14) so both sides evaluate the sandwich at the
converged coefficients.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from analysis.calibration import calibrate, poststratify, rake
from analysis.design import SurveyDesign
from analysis.regression import fit_svyglm, svyglm

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "r"
RTOL = 1e-6
STYPE = {"E": 4421.0, "H": 755.0, "M": 1018.0}
SCH_WIDE = {"No": 1072.0, "Yes": 5122.0}
SCHOOLWIDE = 'I(Q("sch.wide") == "Yes") ~ ell + meals'


@pytest.fixture(scope="module")
def ref() -> dict[str, Any]:
    with open(FIXTURES / "reference_weighting.json", encoding="utf-8") as fh:
        return json.load(fh)


def check_table(
    table: pd.DataFrame, expected: dict[str, Any], order: list[int] | None = None
) -> None:
    """Compare with R's summary/confint; ``order`` maps R's term order to ours."""
    rows = table if order is None else table.iloc[order].reset_index(drop=True)
    for column in ("estimate", "se", "t", "p", "ci_low", "ci_high"):
        np.testing.assert_allclose(rows[column], expected[column], rtol=RTOL, err_msg=column)
    assert (table["df"] == expected["df_residual"]).all()


def test_gaussian_stratified(dstrat: SurveyDesign, ref: dict[str, Any]) -> None:
    table = svyglm(dstrat, "api00 ~ ell + meals + mobility")
    check_table(table, ref["glm_gaussian_dstrat"])
    assert table["term"].tolist() == ["Intercept", "ell", "meals", "mobility"]
    assert "odds_ratio" not in table


def test_gaussian_with_a_factor(dstrat: SurveyDesign, ref: dict[str, Any]) -> None:
    table = svyglm(dstrat, "api00 ~ ell + C(stype)")
    # patsy puts the factor before ell; R: (Intercept), ell, stypeH, stypeM
    assert table["term"].tolist() == ["Intercept", "C(stype)[T.H]", "C(stype)[T.M]", "ell"]
    check_table(table, ref["glm_gaussian_factor_dstrat"], order=[0, 3, 1, 2])


def test_binomial_stratified_is_quasibinomial(dstrat: SurveyDesign, ref: dict[str, Any]) -> None:
    table = svyglm(dstrat, SCHOOLWIDE, family="binomial")
    expected = ref["glm_binomial_dstrat"]
    check_table(table, expected)
    np.testing.assert_allclose(table["odds_ratio"], np.exp(expected["estimate"]), rtol=RTOL)
    np.testing.assert_allclose(table["or_ci_low"], np.exp(expected["ci_low"]), rtol=RTOL)
    np.testing.assert_allclose(table["or_ci_high"], np.exp(expected["ci_high"]), rtol=RTOL)


def test_binomial_two_stage(dclus2: SurveyDesign, ref: dict[str, Any]) -> None:
    check_table(svyglm(dclus2, SCHOOLWIDE, family="binomial"), ref["glm_binomial_dclus2"])


def test_r_default_glm_stopping_differs_only_in_the_sixth_digit(
    dclus2: SurveyDesign, ref: dict[str, Any]
) -> None:
    table = svyglm(dclus2, SCHOOLWIDE, family="binomial")
    default = ref["glm_binomial_dclus2_default_control"]
    np.testing.assert_allclose(table["estimate"], default["estimate"], rtol=1e-8)
    np.testing.assert_allclose(table["se"], default["se"], rtol=1e-4)


def test_two_level_factor_response_counts_the_second_level(dclus2: SurveyDesign) -> None:
    by_factor = svyglm(dclus2, 'Q("sch.wide") ~ ell + meals', family="binomial")
    by_indicator = svyglm(dclus2, SCHOOLWIDE, family="binomial")
    np.testing.assert_allclose(by_factor["estimate"], by_indicator["estimate"], rtol=1e-10)


def test_domain_keeps_the_design(dstrat: SurveyDesign, ref: dict[str, Any]) -> None:
    expected = ref["glm_gaussian_domain_dstrat"]
    by_expression = svyglm(dstrat, "api00 ~ ell + meals", subset="`comp.imp` == 'Yes'")
    check_table(by_expression, expected)
    mask = (dstrat.data["comp.imp"] == "Yes").to_numpy()
    check_table(svyglm(dstrat, "api00 ~ ell + meals", subset=mask), expected)
    check_table(svyglm(dstrat.subset(mask), "api00 ~ ell + meals"), expected)


def test_raked_design(dclus1: SurveyDesign, ref: dict[str, Any]) -> None:
    raked = rake(dclus1, {"stype": STYPE, "sch.wide": SCH_WIDE})
    check_table(svyglm(raked, "api00 ~ ell + meals"), ref["glm_gaussian_raked_dclus1"])


def test_calibrated_design(dclus1: SurveyDesign, ref: dict[str, Any]) -> None:
    cal = calibrate(dclus1, ["stype", "api99"], {"stype": STYPE, "api99": 3914069.0})
    check_table(svyglm(cal, "api00 ~ ell + meals"), ref["glm_gaussian_calibrated_dclus1"])


def test_poststratified_binomial(dclus1: SurveyDesign, ref: dict[str, Any]) -> None:
    ps = poststratify(dclus1, "stype", STYPE)
    table = svyglm(ps, SCHOOLWIDE, family="binomial")
    check_table(table, ref["glm_binomial_poststratified_dclus1"])


def test_missing_values_leave_the_domain(dstrat: SurveyDesign) -> None:
    data = dstrat.data.copy()
    data.loc[data.index[:5], "ell"] = np.nan
    with_missing = SurveyDesign(data, weights="pw", strata="stype", fpc="fpc")
    fit = fit_svyglm(with_missing, "api00 ~ ell + meals")
    mask = data["ell"].notna().to_numpy()
    expected = fit_svyglm(dstrat, "api00 ~ ell + meals", subset=mask)
    assert fit.n == len(data) - 5
    np.testing.assert_allclose(fit.coefficients, expected.coefficients, rtol=1e-12)
    np.testing.assert_allclose(fit.vcov, expected.vcov, rtol=1e-10)


def test_confidence_level(dstrat: SurveyDesign) -> None:
    fit = fit_svyglm(dstrat, "api00 ~ ell")
    wide, narrow = fit.table(0.99), fit.table(0.90)
    assert (wide["ci_high"] - wide["ci_low"] > narrow["ci_high"] - narrow["ci_low"]).all()


def test_bad_input_is_reported(dstrat: SurveyDesign) -> None:
    with pytest.raises(ValueError, match="family must be"):
        svyglm(dstrat, "api00 ~ ell", family="poisson")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="between 0 and 1"):
        svyglm(dstrat, "api00 ~ ell", family="binomial")
    with pytest.raises(ValueError, match=r"aliased"):
        svyglm(dstrat, "api00 ~ ell + I(2 * ell)")
    with pytest.raises(ValueError, match="formula 'api00 ~ nothing'"):
        svyglm(dstrat, "api00 ~ nothing")
    with pytest.raises(ValueError, match="one value per case"):
        svyglm(dstrat, "api00 ~ ell", subset=np.ones(3, dtype=bool))


# -- replicate-weight designs: the model is refitted with every replicate ------------


def test_replicate_design_gaussian(dclus1: SurveyDesign, ref: dict[str, Any]) -> None:
    check_table(
        svyglm(dclus1.replicate("jk1"), "api00 ~ ell + meals"), ref["glm_gaussian_replicate_jk1"]
    )


def test_replicate_design_binomial(dclus1: SurveyDesign, ref: dict[str, Any]) -> None:
    table = svyglm(dclus1.replicate("jk1"), SCHOOLWIDE, family="binomial")
    check_table(table, ref["glm_binomial_replicate_jk1"])


def test_raked_replicate_design(dclus1: SurveyDesign, ref: dict[str, Any]) -> None:
    raked = rake(dclus1.replicate("jk1"), {"stype": STYPE, "sch.wide": SCH_WIDE})
    check_table(svyglm(raked, "api00 ~ ell + meals"), ref["glm_gaussian_replicate_raked"])

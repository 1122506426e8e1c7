"""Post-stratification, raking, calibration and trimming against R's survey package.

Reference values: tests/fixtures/r/reference_weighting.json, written by
tests/fixtures/r/make_reference_weighting.R (R survey package, api data).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.calibration import (
    CalibrationError,
    PostStratification,
    Raking,
    RegressionCalibration,
    calibrate,
    calibration_matrix,
    poststratify,
    rake,
    trim,
)
from analysis.design import SurveyDesign

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "r"
RTOL = 1e-6

STYPE = {"E": 4421.0, "H": 755.0, "M": 1018.0}
SCH_WIDE = {"No": 1072.0, "Yes": 5122.0}
API99_TOTAL = 3914069.0


@pytest.fixture(scope="module")
def ref() -> dict[str, Any]:
    with open(FIXTURES / "reference_weighting.json", encoding="utf-8") as fh:
        return json.load(fh)


@pytest.fixture
def dclus1(apiclus1: pd.DataFrame) -> SurveyDesign:
    """R's dclus1 with the 0/1 columns stypeE, stypeH, stypeM that calibration margins use."""
    for level in ("E", "H", "M"):
        apiclus1[f"stype{level}"] = (apiclus1["stype"] == level).astype(float)
    return SurveyDesign(apiclus1, weights="pw", psu="dnum", fpc="fpc")


def _scalar(value: Any) -> float:
    return float(np.ravel(value)[0])


def check_against_r(design: SurveyDesign, expected: dict[str, Any]) -> None:
    """Weights, mean(api00), total(enroll), mean(stype) and degf as in R."""
    np.testing.assert_allclose(design.weights, expected["weights"], rtol=RTOL)
    mean = design.mean("api00")
    assert mean.estimate == pytest.approx(_scalar(expected["mean_api00"]["estimate"]), rel=RTOL)
    assert mean.se == pytest.approx(_scalar(expected["mean_api00"]["se"]), rel=RTOL)
    total = design.total("enroll")
    assert total.estimate == pytest.approx(_scalar(expected["total_enroll"]["estimate"]), rel=RTOL)
    assert total.se == pytest.approx(_scalar(expected["total_enroll"]["se"]), rel=RTOL)
    shares = design.mean(["stypeE", "stypeH", "stypeM"])
    assert isinstance(shares, pd.DataFrame)
    np.testing.assert_allclose(shares["estimate"], expected["mean_stype"]["estimate"], rtol=RTOL)
    # a share calibrated to its population value has an SE of 0 up to rounding
    np.testing.assert_allclose(shares["se"], expected["mean_stype"]["se"], rtol=RTOL, atol=1e-9)
    assert design.degf() == expected["degf"]


def test_uncalibrated_design_matches_r(dclus1: SurveyDesign, ref: dict[str, Any]) -> None:
    check_against_r(dclus1, ref["dclus1"])


def test_poststratify_matches_r(dclus1: SurveyDesign, ref: dict[str, Any]) -> None:
    ps = poststratify(dclus1, "stype", STYPE)
    check_against_r(ps, ref["poststratify"])
    assert isinstance(ps.calibration[-1], PostStratification)
    assert dclus1.calibration == ()


def test_rake_matches_r(dclus1: SurveyDesign, ref: dict[str, Any]) -> None:
    raked = rake(dclus1, {"stype": STYPE, "sch.wide": SCH_WIDE})
    check_against_r(raked, ref["rake"])
    assert isinstance(raked.calibration[-1], Raking)
    sums = pd.Series(raked.weights).groupby(raked.data["sch.wide"].to_numpy()).sum()
    assert sums.to_dict() == pytest.approx(SCH_WIDE, rel=1e-10)


def test_linear_calibration_matches_r_with_columns_or_formula(
    dclus1: SurveyDesign, ref: dict[str, Any]
) -> None:
    by_columns = calibrate(dclus1, ["stype", "api99"], {"stype": STYPE, "api99": API99_TOTAL})
    check_against_r(by_columns, ref["calibrate_linear"])
    assert isinstance(by_columns.calibration[-1], RegressionCalibration)
    by_formula = calibrate(
        dclus1,
        "C(stype) + api99",
        {
            "Intercept": 6194.0,
            "C(stype)[T.H]": 755.0,
            "C(stype)[T.M]": 1018.0,
            "api99": API99_TOTAL,
        },
    )
    check_against_r(by_formula, ref["calibrate_linear"])


@pytest.mark.parametrize(
    ("case", "calfun", "bounds"),
    [
        ("calibrate_raking", "raking", None),
        ("calibrate_logit", "logit", (0.7, 1.7)),
        ("calibrate_linear_bounded", "linear", (0.7, 1.7)),
    ],
)
def test_generalized_calibration_matches_r(
    dclus1: SurveyDesign, ref: dict[str, Any], case: str, calfun: Any, bounds: Any
) -> None:
    design = calibrate(
        dclus1,
        ["stype", "api99"],
        {"stype": STYPE, "api99": API99_TOTAL},
        calfun=calfun,
        bounds=bounds,
    )
    check_against_r(design, ref[case])
    if bounds is not None:
        g = design.weights / dclus1.weights
        assert g.min() >= bounds[0] - 1e-9 and g.max() <= bounds[1] + 1e-9


def test_calibrated_total_has_no_sampling_error(dclus1: SurveyDesign) -> None:
    cal = calibrate(dclus1, ["stype", "api99"], {"stype": STYPE, "api99": API99_TOTAL})
    total = cal.total("api99")
    assert total.estimate == pytest.approx(API99_TOTAL, rel=1e-12)
    assert total.se < 1e-6 * API99_TOTAL * 1e-6
    assert dclus1.total("api99").se > 1e4


@pytest.mark.parametrize(("case", "strict"), [("trim", False), ("trim_strict", True)])
def test_trim_matches_r(dclus1: SurveyDesign, ref: dict[str, Any], case: str, strict: bool) -> None:
    cal = calibrate(dclus1, ["stype", "api99"], {"stype": STYPE, "api99": API99_TOTAL})
    trimmed = trim(cal, lower=20, upper=45, strict=strict)
    check_against_r(trimmed, ref[case])
    assert trimmed.weights.sum() == pytest.approx(cal.weights.sum(), rel=1e-12)
    # trimming keeps the calibration step for the variance, as R does
    assert trimmed.calibration == cal.calibration


def test_trim_within_bounds_returns_the_same_design(dclus1: SurveyDesign) -> None:
    assert trim(dclus1, lower=1, upper=100) is dclus1


def test_crossed_margin_rakes_like_poststratification(dclus1: SurveyDesign) -> None:
    cells = {
        ("E", "No"): 700.0,
        ("E", "Yes"): 3721.0,
        ("H", "No"): 200.0,
        ("H", "Yes"): 555.0,
        ("M", "No"): 172.0,
        ("M", "Yes"): 846.0,
    }
    raked = rake(dclus1, {("stype", "sch.wide"): cells})
    post = poststratify(dclus1, ["stype", "sch.wide"], cells)
    np.testing.assert_allclose(raked.weights, post.weights, rtol=1e-12)


# -- residualizing steps ----------------------------------------------------------


def test_poststratification_residuals_of_cell_indicators_vanish() -> None:
    cells = np.array([0, 0, 1, 1, 1])
    old = np.array([1.0, 2.0, 1.0, 1.0, 2.0])
    new = old * np.array([2.0, 2.0, 3.0, 3.0, 3.0])
    step = PostStratification(cells=cells, old_weights=old, new_weights=new, labels=("a", "b"))
    z = new[:, None] * np.eye(2)[cells]
    np.testing.assert_allclose(step.residualize(z), 0.0, atol=1e-12)


def test_regression_calibration_residuals_of_calibration_variables_vanish() -> None:
    rng = np.random.default_rng(1)
    x = np.column_stack([np.ones(30), rng.normal(size=30)])
    d = rng.uniform(1, 3, size=30)
    q, _ = np.linalg.qr(x * np.sqrt(d)[:, None])
    g = rng.uniform(0.8, 1.2, size=30)
    step = RegressionCalibration(basis=q, scale=g * np.sqrt(d), columns=("a", "b"))
    np.testing.assert_allclose(step.residualize((d * g)[:, None] * x), 0.0, atol=1e-10)


# -- errors a user can make ------------------------------------------------------------


def test_rake_names_a_margin_with_unknown_categories(dclus1: SurveyDesign) -> None:
    with pytest.raises(ValueError, match=r"margin 'sch.wide'.*\['Yes'\].*no population total"):
        rake(dclus1, {"stype": STYPE, "sch.wide": {"No": 1072.0, "yes": 5122.0}})


def test_rake_names_margins_whose_totals_disagree(dclus1: SurveyDesign) -> None:
    with pytest.raises(ValueError, match=r"margin 'sch.wide' sums to 6000.*'stype' sums to 6194"):
        rake(dclus1, {"stype": STYPE, "sch.wide": {"No": 1000.0, "Yes": 5000.0}})


def test_rake_reports_non_convergence_with_discrepancy(dclus1: SurveyDesign) -> None:
    with pytest.raises(
        CalibrationError, match=r"did not converge in 1 sweeps: margin 'stype'.*relative"
    ):
        rake(dclus1, {"stype": STYPE, "sch.wide": SCH_WIDE}, max_iter=1)


def test_rake_rejects_a_missing_column(dclus1: SurveyDesign) -> None:
    with pytest.raises(ValueError, match="column 'sex' is not in the survey data"):
        rake(dclus1, {"sex": {"f": 1.0}})


def test_poststratify_needs_every_populated_cell_unless_partial(dclus1: SurveyDesign) -> None:
    totals = {**STYPE, "K": 100.0}
    with pytest.raises(ValueError, match=r"margin 'stype'.*\['K'\].*partial=True"):
        poststratify(dclus1, "stype", totals)
    partial = poststratify(dclus1, "stype", totals, partial=True)
    assert partial.weights.sum() == pytest.approx(6194.0)


def test_poststratify_rejects_negative_totals(dclus1: SurveyDesign) -> None:
    with pytest.raises(ValueError, match="finite and >= 0"):
        poststratify(dclus1, "stype", {**STYPE, "E": -1.0})


def test_calibrate_reports_wrong_formula_keys(dclus1: SurveyDesign) -> None:
    with pytest.raises(ValueError, match=r"model-matrix columns.*missing \['api99'\]"):
        calibrate(dclus1, "api99", {"Intercept": 6194.0, "api": 1.0})


def test_calibrate_reports_inconsistent_categorical_totals(dclus1: SurveyDesign) -> None:
    with pytest.raises(ValueError, match="calibration variable 'sch.wide': categories sum to 6000"):
        calibrate(
            dclus1,
            ["stype", "sch.wide"],
            {"stype": STYPE, "sch.wide": {"No": 1000.0, "Yes": 5000.0}},
        )


def test_calibrate_logit_needs_finite_bounds(dclus1: SurveyDesign) -> None:
    with pytest.raises(ValueError, match="needs finite bounds"):
        calibrate(dclus1, ["stype"], {"stype": STYPE}, calfun="logit", bounds=(0.5, np.inf))


def test_calibrate_fails_clearly_when_bounds_are_too_tight(dclus1: SurveyDesign) -> None:
    with pytest.raises(CalibrationError, match="did not converge"):
        calibrate(
            dclus1,
            ["stype", "api99"],
            {"stype": STYPE, "api99": API99_TOTAL},
            calfun="linear",
            bounds=(0.99, 1.01),
        )


def test_negative_linear_calibration_weights_are_refused(dclus1: SurveyDesign) -> None:
    with pytest.raises(CalibrationError, match=r"negative weights.*bounds=\(lower, upper\)"):
        calibrate(dclus1, ["stype", "api99"], {"stype": STYPE, "api99": 2 * API99_TOTAL})


def test_calibration_matrix_drops_the_first_level_after_the_first_factor(
    dclus1: SurveyDesign,
) -> None:
    mm, totals, names = calibration_matrix(
        dclus1.data, ["stype", "sch.wide"], {"stype": STYPE, "sch.wide": SCH_WIDE}
    )
    assert names == ["stype[E]", "stype[H]", "stype[M]", "sch.wide[Yes]"]
    assert totals.tolist() == [4421.0, 755.0, 1018.0, 5122.0]
    assert mm.shape == (len(dclus1.data), 4)


def test_trim_rejects_impossible_bounds(dclus1: SurveyDesign) -> None:
    with pytest.raises(ValueError, match="lower < upper"):
        trim(dclus1, lower=50, upper=40)
    with pytest.raises(ValueError, match="cannot all lie in"):
        trim(dclus1, lower=1, upper=30, strict=True)


# -- replicate-weight designs: every replicate is calibrated again (R's svyrep methods)


def _by_deleted_psu(reps: np.ndarray) -> np.ndarray:
    """Jackknife replicates in a canonical order: by the rows each one deletes."""
    order = sorted(range(reps.shape[1]), key=lambda j: tuple(np.flatnonzero(reps[:, j] == 0)))
    return reps[:, order]


@pytest.mark.parametrize(
    ("case", "adjust"),
    [
        ("replicate_jk1", lambda d: d),
        ("replicate_poststratify", lambda d: poststratify(d, "stype", STYPE)),
        ("replicate_rake", lambda d: rake(d, {"stype": STYPE, "sch.wide": SCH_WIDE})),
        (
            "replicate_calibrate_linear",
            lambda d: calibrate(d, ["stype", "api99"], {"stype": STYPE, "api99": API99_TOTAL}),
        ),
        (
            "replicate_calibrate_raking",
            lambda d: calibrate(
                d, ["stype", "api99"], {"stype": STYPE, "api99": API99_TOTAL}, calfun="raking"
            ),
        ),
    ],
)
def test_replicate_designs_are_recalibrated_as_in_r(
    dclus1: SurveyDesign, ref: dict[str, Any], case: str, adjust: Any
) -> None:
    design = adjust(dclus1.replicate("jk1"))
    expected = ref[case]
    np.testing.assert_allclose(design.weights, expected["weights"], rtol=RTOL)
    np.testing.assert_allclose(
        _by_deleted_psu(design.replicate_weights()),
        _by_deleted_psu(np.array(expected["repweights"])),
        rtol=RTOL,
    )
    mean, total = design.mean("api00"), design.total("enroll")
    assert mean.estimate == pytest.approx(expected["mean_api00"]["estimate"], rel=RTOL)
    assert mean.se == pytest.approx(_scalar(expected["mean_api00"]["se"]), rel=RTOL)
    assert total.se == pytest.approx(_scalar(expected["total_enroll"]["se"]), rel=RTOL)


def test_trimming_a_replicate_design_keeps_deleted_units_out(dclus1: SurveyDesign) -> None:
    cal = calibrate(
        dclus1.replicate("jk1"), ["stype", "api99"], {"stype": STYPE, "api99": API99_TOTAL}
    )
    trimmed = trim(cal, lower=20, upper=60, strict=True)
    before, after = cal.replicate_weights(), trimmed.replicate_weights()
    np.testing.assert_array_equal(after == 0, before == 0)
    np.testing.assert_allclose(after.sum(axis=0), before.sum(axis=0), rtol=1e-12)
    positive = after[after > 0]
    assert positive.min() >= 20 - 1e-9 and positive.max() <= 60 + 1e-9
    assert trimmed.weights.max() <= 60 + 1e-9


# -- properties on random samples -------------------------------------------------------


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(20, 80))
def test_raking_and_calibration_reproduce_their_totals(seed: int, n: int) -> None:
    rng = np.random.default_rng(seed)
    data = pd.DataFrame(
        {
            "sex": rng.choice(["f", "m"], size=n),
            "age": rng.choice(["young", "middle", "old"], size=n),
            "income": rng.gamma(2.0, 10.0, size=n),
            "psu": np.arange(n) // 2,
            "w": rng.uniform(5, 50, size=n),
        }
    )
    if data["sex"].nunique() < 2 or data["age"].nunique() < 3:
        return
    design = SurveyDesign(data, weights="w", psu="psu")
    sex = {"f": 520.0, "m": 480.0}
    age = {"young": 300.0, "middle": 400.0, "old": 300.0}
    raked = rake(design, {"sex": sex, "age": age})
    for column, totals in (("sex", sex), ("age", age)):
        got = pd.Series(raked.weights).groupby(data[column].to_numpy()).sum()
        assert got.to_dict() == pytest.approx(totals, rel=1e-9)
    # a population mean income 10% above the sample's, always reachable
    income = 1.1 * 1000.0 * float(np.average(data["income"], weights=data["w"]))
    cal = calibrate(design, ["sex", "income"], {"sex": sex, "income": income}, calfun="raking")
    assert float(cal.weights @ data["income"].to_numpy()) == pytest.approx(income, rel=1e-9)
    # a calibrated total is known exactly: its standard error vanishes
    assert cal.total("income").se < 1e-6


def test_design_methods_call_these_functions(dclus1: SurveyDesign, ref: dict[str, Any]) -> None:
    # design.py annotates totals as Mapping[Hashable, float], which is invariant
    # in the key type; calibration.Totals (Mapping[Any, float]) would accept these
    check_against_r(dclus1.poststratify("stype", STYPE), ref["poststratify"])  # type: ignore[arg-type]
    check_against_r(
        dclus1.rake({"stype": STYPE, "sch.wide": SCH_WIDE}),  # type: ignore[dict-item]
        ref["rake"],
    )
    cal = dclus1.calibrate(["stype", "api99"], {"stype": STYPE, "api99": API99_TOTAL})
    check_against_r(cal, ref["calibrate_linear"])
    check_against_r(cal.trim(lower=20, upper=45), ref["trim"])

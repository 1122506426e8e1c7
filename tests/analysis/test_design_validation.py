"""Bad input to SurveyDesign raises ValueError naming the column and the problem."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import SurveyDesign


@pytest.fixture
def small() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "stratum": ["a", "a", "a", "b", "b", "b"],
            "psu": [1, 1, 2, 1, 2, 2],
            "w": [10.0, 12.0, 8.0, 5.0, 6.0, 7.0],
            "y": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0],
            "label": ["x", "y", "x", "y", "x", "y"],
            "N": [20.0, 20.0, 20.0, 30.0, 30.0, 30.0],
        }
    )


def design(df: pd.DataFrame, **kw: object) -> SurveyDesign:
    args: dict[str, object] = {"weights": "w", "strata": "stratum", "psu": "psu"}
    args.update(kw)
    return SurveyDesign(df, **args)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (-1.0, r"weights column 'w' has negative values \(first at row 2"),
        (np.nan, r"weights column 'w' has 1 missing values"),
        (np.inf, r"weights column 'w' has infinite values"),
    ],
)
def test_bad_weights(small: pd.DataFrame, value: float, message: str) -> None:
    small.loc[2, "w"] = value
    with pytest.raises(ValueError, match=message):
        design(small)


def test_zero_sum_weights(small: pd.DataFrame) -> None:
    small["w"] = 0.0
    with pytest.raises(ValueError, match=r"weights column 'w' sum to zero"):
        design(small)


def test_non_numeric_weights(small: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match=r"weights column 'label' must be numeric"):
        design(small, weights="label")


@pytest.mark.parametrize("column", ["stratum", "psu"])
def test_missing_identifiers(small: pd.DataFrame, column: str) -> None:
    small.loc[4, column] = None
    with pytest.raises(
        ValueError, match=rf"column '{column}' has 1 missing values \(first at row 4\)"
    ):
        design(small)


@pytest.mark.parametrize("role", ["weights", "strata", "psu", "fpc", "ssu"])
def test_unknown_columns(small: pd.DataFrame, role: str) -> None:
    with pytest.raises(ValueError, match=rf"{role} column 'nope' not found in data"):
        design(small, **{role: "nope"})


def test_repeated_psu_labels_need_nest(small: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match=r"PSU 1 appears in more than one stratum; use nest=True"):
        design(small, nest=False)
    assert design(small, nest=True).n_psu == 4


def test_single_psu_stratum_fails_naming_it(small: pd.DataFrame) -> None:
    small.loc[small["stratum"] == "b", "psu"] = 9
    with pytest.raises(ValueError, match=r"stratum 'b' has only one sampled unit"):
        design(small)
    assert design(small, lonely_psu="remove").n_strata == 2


def test_unknown_lonely_psu_option(small: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match=r"lonely_psu must be one of"):
        design(small, lonely_psu="drop")


def test_fpc_problems(small: pd.DataFrame) -> None:
    small.loc[0, "N"] = 0.5
    with pytest.raises(ValueError, match=r"fpc column 'N' mixes population counts"):
        design(small, fpc="N")
    small["N"] = [20.0, 21.0, 20.0, 30.0, 30.0, 30.0]
    with pytest.raises(ValueError, match=r"fpc column 'N' varies within a stratum"):
        design(small, fpc="N")
    small["N"] = 1.5
    with pytest.raises(ValueError, match=r"fpc column 'N' implies sampling more than 100%"):
        design(small, fpc="N")


def test_second_stage_needs_its_fpc(small: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match=r"give fpc2 too"):
        design(small, fpc="N", ssu="y")
    with pytest.raises(ValueError, match=r"fpc2 needs ssu"):
        design(small, fpc2="N")


def test_non_numeric_variable(small: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match=r"column 'label' is not numeric.*use proportion\(\)"):
        design(small).mean("label")
    with pytest.raises(ValueError, match=r"column 'zzz' not found in data"):
        design(small).total("zzz")
    with pytest.raises(ValueError, match=r"column 'zzz' not found in data"):
        design(small).mean("y", by="zzz")


def test_bad_level_and_probabilities(small: pd.DataFrame) -> None:
    d = design(small)
    with pytest.raises(ValueError, match=r"level must be strictly between 0 and 1"):
        d.mean("y", level=95)
    with pytest.raises(ValueError, match=r"probs must be between 0 and 1"):
        d.quantile("y", 1.5)


def test_subset_mask_checks(small: pd.DataFrame) -> None:
    d = design(small)
    with pytest.raises(ValueError, match=r"mask must have one value per case \(6\)"):
        d.subset(np.array([True, False]))
    with pytest.raises(ValueError, match=r"the subset is empty"):
        d.subset(np.zeros(6, dtype=bool))


class Identity:
    """A calibration step that changes nothing."""

    def residualize(self, z: np.ndarray) -> np.ndarray:
        return z


def test_with_weights_checks_and_keeps_structure(small: pd.DataFrame) -> None:
    d = design(small)
    step = Identity()
    new = d._with_weights(d.weights * 2, step)
    assert new.calibration == (step,) and d.calibration == ()
    assert new.total("y").estimate == pytest.approx(2 * d.total("y").estimate)
    assert new.total("y").se == pytest.approx(2 * d.total("y").se)
    assert new.mean("y", by="label")["se"].tolist() == pytest.approx(
        d.mean("y", by="label")["se"].tolist()
    )
    with pytest.raises(ValueError, match=r"weights have 3 values; the design has 6 cases"):
        d._with_weights(np.ones(3))


def test_variance_interface_is_the_total_variance(small: pd.DataFrame) -> None:
    d = design(small, fpc="N")
    z = np.column_stack([d.weights * small["y"], d.weights])
    cov = d._variance(z)
    assert cov.shape == (2, 2)
    assert np.sqrt(cov[0, 0]) == pytest.approx(d.total("y").se, rel=1e-12)
    assert cov[0, 1] == pytest.approx(cov[1, 0])

"""Properties of the Taylor estimators on random designs (hypothesis).

The numbers themselves are pinned to R in test_design*.py; these tests check
identities that must hold for any data: the one-pass domain computation
equals separate subsets, domains add up to the total, and the variance of a
total is the textbook stratified formula computed directly.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import SurveyDesign


@st.composite
def surveys(draw: st.DrawFn) -> pd.DataFrame:
    seed = draw(st.integers(0, 2**32 - 1))
    n_strata = draw(st.integers(1, 4))
    rng = np.random.default_rng(seed)
    rows = []
    for h in range(n_strata):
        for p in range(int(rng.integers(2, 5))):
            for _ in range(int(rng.integers(1, 6))):
                rows.append((h, p))
    data = pd.DataFrame(rows, columns=["stratum", "psu"])
    n = len(data)
    data["w"] = rng.uniform(0.5, 20.0, n)
    data["y"] = rng.normal(10.0, 3.0, n)
    data["area"] = rng.integers(0, 3, n)
    return data


@settings(max_examples=40, deadline=None)
@given(surveys())
def test_by_equals_subsets_and_domains_add_up(data: pd.DataFrame) -> None:
    design = SurveyDesign(data, weights="w", strata="stratum", psu="psu")
    table = design.total("y", by="area")
    for _, row in table.iterrows():
        single = design.subset((data["area"] == row["area"]).to_numpy()).total("y")
        assert row["estimate"] == pytest.approx(single.estimate, rel=1e-10)
        assert row["se"] == pytest.approx(single.se, rel=1e-9, abs=1e-9)
    assert table["estimate"].sum() == pytest.approx(design.total("y").estimate, rel=1e-10)


@settings(max_examples=40, deadline=None)
@given(surveys())
def test_total_variance_is_the_stratified_ultimate_cluster_formula(data: pd.DataFrame) -> None:
    design = SurveyDesign(data, weights="w", strata="stratum", psu="psu")
    psu_totals = (data["w"] * data["y"]).groupby([data["stratum"], data["psu"]]).sum()
    expected = 0.0
    for _, t in psu_totals.groupby(level=0):
        n_h = len(t)
        expected += n_h / (n_h - 1) * float(((t - t.mean()) ** 2).sum())
    assert design.total("y").se == pytest.approx(np.sqrt(expected), rel=1e-9)
    # the internal interface gives the same variance
    z = (data["w"] * data["y"]).to_numpy()[:, None]
    assert design._variance(z)[0, 0] == pytest.approx(expected, rel=1e-9)


@settings(max_examples=25, deadline=None)
@given(surveys(), st.floats(0.1, 10.0))
def test_scaling_the_weights_scales_totals_not_means(data: pd.DataFrame, factor: float) -> None:
    design = SurveyDesign(data, weights="w", strata="stratum", psu="psu")
    scaled = design._with_weights(design.weights * factor)
    assert scaled.total("y").se == pytest.approx(factor * design.total("y").se, rel=1e-9)
    assert scaled.mean("y").se == pytest.approx(design.mean("y").se, rel=1e-9)

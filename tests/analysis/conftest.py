"""Fixtures for the analysis tests: R's api data, R's example designs and the reference values.

The CSV files and ``reference_design.json`` are written by
``tests/fixtures/r/make_reference_design.R``; the tests never need R.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from analysis import ReplicateDesign, SurveyDesign

R_FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "r"

#: relative tolerance for agreement with R
R_RTOL = 1e-6


@cache
def _api(name: str) -> pd.DataFrame:
    return pd.read_csv(R_FIXTURES / "api" / f"{name}.csv")


@pytest.fixture
def apistrat() -> pd.DataFrame:
    """R's ``apistrat`` (stratified by school type, 200 schools)."""
    return _api("apistrat").copy()


@pytest.fixture
def apiclus1() -> pd.DataFrame:
    """R's ``apiclus1`` (one-stage cluster sample of 15 districts)."""
    return _api("apiclus1").copy()


@pytest.fixture
def apiclus2() -> pd.DataFrame:
    """R's ``apiclus2`` (two-stage sample: districts, then schools)."""
    return _api("apiclus2").copy()


@pytest.fixture
def dstrat(apistrat: pd.DataFrame) -> SurveyDesign:
    """R: ``svydesign(id = ~1, strata = ~stype, weights = ~pw, data = apistrat, fpc = ~fpc)``."""
    return SurveyDesign(apistrat, weights="pw", strata="stype", fpc="fpc")


@pytest.fixture
def dclus1(apiclus1: pd.DataFrame) -> SurveyDesign:
    """R: ``svydesign(id = ~dnum, weights = ~pw, data = apiclus1, fpc = ~fpc)``."""
    return SurveyDesign(apiclus1, weights="pw", psu="dnum", fpc="fpc")


@pytest.fixture
def dclus2(apiclus2: pd.DataFrame) -> SurveyDesign:
    """R: ``svydesign(id = ~dnum + snum, fpc = ~fpc1 + fpc2, data = apiclus2)``."""
    return SurveyDesign(apiclus2, psu="dnum", ssu="snum", fpc="fpc1", fpc2="fpc2")


@pytest.fixture
def jk1(dclus1: SurveyDesign) -> ReplicateDesign:
    """R: ``as.svrepdesign(dclus1, type = "JK1")``."""
    return dclus1.replicate("jk1")


@pytest.fixture
def jkn(dstrat: SurveyDesign) -> ReplicateDesign:
    """R: ``as.svrepdesign(dstrat, type = "JKn")``."""
    return dstrat.replicate("jkn")


@pytest.fixture(scope="session")
def design_ref() -> dict[str, Any]:
    """Reference values from ``make_reference_design.R`` (survey 4.1.1)."""
    with open(R_FIXTURES / "reference_design.json", encoding="utf-8") as fh:
        return json.load(fh)


def _assert_r(actual: Any, expected: Any, rtol: float = R_RTOL) -> None:
    np.testing.assert_allclose(
        np.asarray(actual, dtype=np.float64), np.asarray(expected, dtype=np.float64), rtol=rtol
    )


@pytest.fixture(scope="session")
def assert_r() -> Callable[..., None]:
    """``assert_r(actual, expected, rtol=1e-6)``: agreement with an R value or list."""
    return _assert_r

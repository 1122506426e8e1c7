"""t quantiles computed without scipy agree with scipy's independent implementation."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import special, stats

from analysis._student import normal_quantile, t_quantiles
from analysis.estimate import t_quantile


@pytest.mark.parametrize("p", [0.6, 0.9, 0.95, 0.975, 0.99, 0.995, 0.025, 0.005])
def test_t_quantiles_match_scipy_for_whole_degrees_of_freedom(p: float) -> None:
    df = np.concatenate([np.arange(1.0, 2001.0), [5000, 10_000, 199_999, 1e6, 1e9]])
    np.testing.assert_allclose(t_quantiles(p, df), special.stdtrit(df, p), rtol=1e-12)


def test_t_quantiles_solve_the_distribution_function_far_in_the_tail() -> None:
    df = np.arange(1.0, 801.0)
    q = t_quantiles(0.9995, df)
    np.testing.assert_allclose(special.stdtr(df, q), 0.9995, rtol=1e-14)


def test_fractional_degrees_of_freedom_fall_back_to_scipy() -> None:
    df = np.array([0.5, 2.5, 17.25])
    np.testing.assert_allclose(t_quantiles(0.975, df), stats.t.ppf(0.975, df), rtol=1e-14)


def test_normal_quantile_matches_scipy() -> None:
    for p in (0.5, 0.8, 0.975, 0.9995, 0.001):
        assert normal_quantile(p) == pytest.approx(stats.norm.ppf(p), rel=1e-15, abs=1e-300)


def test_t_quantile_gives_nan_without_degrees_of_freedom_and_normal_at_infinity() -> None:
    out = t_quantile(0.95, np.array([0.0, -1.0, np.nan, np.inf, 10.0]))
    assert np.isnan(out[:3]).all()
    assert out[3] == pytest.approx(stats.norm.ppf(0.975), rel=1e-15)
    assert out[4] == pytest.approx(stats.t.ppf(0.975, 10), rel=1e-13)
